"""The loader: the only stage that reads dossier files.

Finds every file of the dossier format, reads its bytes, and parses it (or takes the parse from the
cache). Also reads the built-in library, the hashes of local evidence copies and the templates a
dossier overrides. Returns data with locations and file-level problems; never raises for bad input.
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from ..activity import working_on
from ..diagnostics import Diagnostic, Location, diagnostic
from ..limits import Limits
from ..limits import current as current_limits
from .cache import ParseCache
from .overrides import read_overrides
from .paths import Refused, is_folder, list_folder, open_regular, read_bounded, real_roots, relative_name
from .yamlparse import ParsedFile, parse_bytes

# kind -> (single file names, folder of list files)
LAYOUT: dict[str, tuple[tuple[str, ...], str | None]] = {
    "dossier": (("dossier.yaml", "dossier.yml"), None),
    "sources": (("sources.yaml", "sources.yml"), "sources"),
    "norms": (("norms.yaml", "norms.yml"), None),
    "people": (("people.yaml", "people.yml"), "people"),
    "claims": ((), "claims"),
    "submissions": ((), "submissions"),
    "addressees": (("addressees.yaml", "addressees.yml"), None),
}
BUILTIN_PREFIX = "<briefgen>/"


@dataclass
class LoadedFile:
    """One parsed file and the kind of dossier data it holds."""

    kind: str
    path: str  # relative to the dossier, POSIX separators; built-ins start with BUILTIN_PREFIX
    parsed: ParsedFile
    sha256: str = ""

    @property
    def builtin(self) -> bool:
        return self.path.startswith(BUILTIN_PREFIX)


@dataclass
class LoadedDossier:
    """Everything read from disk for one dossier."""

    root: Path
    files: list[LoadedFile] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)
    evidence: dict[str, str | None] = field(default_factory=dict)  # path -> sha256, None if unreadable
    template_overrides: dict[str, bytes] = field(default_factory=dict)  # file name -> content

    @property
    def name(self) -> str:
        return self.root.resolve().name


def _yaml_files(root: Path, folder: str, roots: list[str], out: LoadedDossier) -> list[Path]:
    try:
        entries = list_folder(root / folder, roots)
    except Refused as exc:
        out.problems.append(diagnostic(exc.code, Location(folder, 1, 1), exc.message))
        return []
    return [p for p in entries if p.suffix in (".yaml", ".yml")]


def _read(root: Path, roots: list[str], path: Path, kind: str, cache: ParseCache, limits: Limits,
          out: LoadedDossier) -> None:
    rel, valid_name = relative_name(path, root)
    with working_on(f"{root}/{rel}"):
        try:
            if not valid_name:
                raise Refused("BG100", "file name is not valid UTF-8: rename it")
            raw = read_bounded(path, roots, limits.file_bytes, "BRIEFGEN_MAX_FILE_MB")
        except Refused as exc:
            out.problems.append(diagnostic(exc.code, Location(rel, 1, 1), exc.message))
            return
        digest = hashlib.sha256(raw).hexdigest()
        parsed = cache.get(rel, digest)
        if parsed is None:
            parsed = parse_bytes(raw, limits)
            cache.put(rel, digest, parsed)
    out.files.append(LoadedFile(kind, rel, parsed, digest))


def _evidence_paths(files: list[LoadedFile]) -> set[str]:
    paths = set()
    for f in files:
        if f.kind == "sources" and isinstance(f.parsed.data, list):
            for item in f.parsed.data:
                if isinstance(item, dict) and isinstance(item.get("file"), str):
                    paths.add(item["file"])
    return paths


def inside(root: Path, relative: str) -> Path | None:
    """The path of `relative` under `root`, or None when it is absolute or leaves the root by '..'."""
    if not relative or relative.startswith(("/", "\\")) or ":" in relative.split("/")[0]:
        return None
    candidate = Path(os.path.normpath(root / relative))
    return candidate if candidate == root or root in candidate.parents else None


def hash_evidence(root: Path, paths: set[str]) -> dict[str, str | None]:
    """SHA-256 of each local evidence copy; None for a copy missing, unreadable, not a file or outside the dossier."""
    roots = real_roots([root])
    result: dict[str, str | None] = {}
    for rel in sorted(paths):
        path = inside(root, rel)
        result[rel] = None
        if path is None:
            continue
        try:
            fd, _ = open_regular(path, roots)
        except Refused:
            continue
        digest = hashlib.sha256()
        try:
            with open(fd, "rb") as fh:
                for chunk in iter(lambda: fh.read(1 << 20), b""):
                    digest.update(chunk)
        except OSError:
            continue
        result[rel] = digest.hexdigest()
    return result


def load_dossier(root: Path, use_cache: bool = True, cache: ParseCache | None = None) -> LoadedDossier:
    """Read every file of the dossier at `root`, each only if it is a regular file inside the dossier
    (`cache`: parses kept elsewhere, e.g. in memory by `watch`)."""
    out = LoadedDossier(root)
    try:
        is_dir = stat.S_ISDIR(os.stat(root).st_mode)
    except OSError as exc:
        missing = isinstance(exc, (FileNotFoundError, NotADirectoryError))
        out.problems.append(diagnostic("BG100", Location(str(root), 0, 0), "no such folder: give the path of a "
                                       "dossier folder" if missing else f"cannot be read ({exc.strerror})"))
        return out
    if not is_dir:
        out.problems.append(diagnostic("BG100", Location(str(root), 0, 0),
                                       "is a file, not a dossier folder: give the folder that holds dossier.yaml"))
        return out
    limits = current_limits()
    roots = real_roots([root])
    try:
        present = {p.name: p for p in list_folder(root, roots)}
    except Refused as exc:
        out.problems.append(diagnostic(exc.code, Location(str(root), 0, 0), exc.message))
        return out
    cache = cache or ParseCache(root if use_cache else None)
    for kind, (names, folder) in LAYOUT.items():
        for name in names:
            if name in present:
                _read(root, roots, present[name], kind, cache, limits, out)
        if folder in present and is_folder(present[folder]):
            for path in _yaml_files(root, folder, roots, out):
                _read(root, roots, path, kind, cache, limits, out)
    cache.prune()
    if not any(f.kind == "dossier" for f in out.files) and not any(
            d.location.path.startswith("dossier.") for d in out.problems):
        out.problems.append(diagnostic("BG100", Location("dossier.yaml", 0, 0),
                                       "no dossier.yaml in this folder: is it a dossier? `briefgen init DIR` makes one"))
    out.evidence = hash_evidence(root, _evidence_paths(out.files))
    out.template_overrides, problems = read_overrides(root, roots, limits)
    out.problems.extend(problems)
    return out


def load_builtin() -> list[LoadedFile]:
    """The built-in library of norms and addressees shipped inside the package."""
    files = []
    data = resources.files("briefgen") / "data"
    for kind, name in (("norms", "norms.yaml"), ("addressees", "addressees.yaml")):
        raw = (data / name).read_bytes()
        files.append(LoadedFile(kind, BUILTIN_PREFIX + name, parse_bytes(raw), hashlib.sha256(raw).hexdigest()))
    return files
