"""The loader: the only stage that reads dossier files.

Finds every file of the dossier format, reads its bytes, and parses it (or takes the parse from the
cache). Also reads the built-in library, the hashes of local evidence copies and the templates a
dossier overrides. Returns data with locations and file-level problems; never raises for bad input.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from .cache import ParseCache
from ..diagnostics import Diagnostic, Location, diagnostic
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


def _yaml_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml"))


def _relative(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def _read(root: Path, path: Path, kind: str, cache: ParseCache, out: LoadedDossier) -> None:
    rel = _relative(root, path)
    if path.is_dir():
        out.problems.append(diagnostic("BG100", Location(rel, 1, 1),
                                       "is a directory, not a YAML file: rename or remove it"))
        return
    try:
        raw = path.read_bytes()
    except OSError as exc:
        out.problems.append(diagnostic("BG100", Location(rel, 1, 1),
                                       f"cannot be read ({exc.strerror}): check its permissions"))
        return
    digest = cache.key(raw)
    parsed = cache.get(digest)
    if parsed is None:
        parsed = parse_bytes(raw)
        cache.put(digest, parsed)
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
    """The path of `relative` under `root`, or None when it would leave the root."""
    if not relative or relative.startswith(("/", "\\")) or ":" in relative.split("/")[0]:
        return None
    candidate = (root / relative).resolve()
    base = root.resolve()
    return candidate if candidate == base or base in candidate.parents else None


def hash_evidence(root: Path, paths: set[str]) -> dict[str, str | None]:
    """SHA-256 of each local evidence copy; None for a copy missing, unreadable or outside the dossier."""
    result: dict[str, str | None] = {}
    for rel in sorted(paths):
        path = inside(root, rel)
        if path is None or not path.is_file():
            result[rel] = None
            continue
        digest = hashlib.sha256()
        try:
            with open(path, "rb") as fh:
                for chunk in iter(lambda: fh.read(1 << 20), b""):
                    digest.update(chunk)
        except OSError:
            result[rel] = None
            continue
        result[rel] = digest.hexdigest()
    return result


def load_dossier(root: Path, use_cache: bool = True, cache: ParseCache | None = None) -> LoadedDossier:
    """Read every file of the dossier at `root` (`cache`: parses kept elsewhere, e.g. in memory)."""
    out = LoadedDossier(root)
    if not root.exists():
        out.problems.append(diagnostic("BG100", Location(str(root), 0, 0),
                                       "no such folder: give the path of a dossier folder"))
        return out
    if not root.is_dir():
        out.problems.append(diagnostic("BG100", Location(str(root), 0, 0),
                                       "is a file, not a dossier folder: give the folder that holds dossier.yaml"))
        return out
    cache = cache or ParseCache(root if use_cache else None)
    for kind, (names, folder) in LAYOUT.items():
        for name in names:
            path = root / name
            if path.exists():
                _read(root, path, kind, cache, out)
        if folder and (root / folder).is_dir():
            for path in _yaml_files(root / folder):
                _read(root, path, kind, cache, out)
    if not any(f.kind == "dossier" for f in out.files) and not any(
            d.location.path.startswith("dossier.") for d in out.problems):
        out.problems.append(diagnostic("BG100", Location("dossier.yaml", 0, 0),
                                       "no dossier.yaml in this folder: is it a dossier? `briefgen init DIR` makes one"))
    out.evidence = hash_evidence(root, _evidence_paths(out.files))
    templates = root / "templates"
    if templates.is_dir():
        for path in sorted(templates.iterdir()):
            if path.is_file():
                try:
                    out.template_overrides[path.name] = path.read_bytes()
                except OSError as exc:
                    out.problems.append(diagnostic("BG205", Location(_relative(root, path), 1, 1),
                                                   f"template cannot be read ({exc.strerror})"))
    return out


def load_builtin() -> list[LoadedFile]:
    """The built-in library of norms and addressees shipped inside the package."""
    files = []
    data = resources.files("briefgen") / "data"
    for kind, name in (("norms", "norms.yaml"), ("addressees", "addressees.yaml")):
        raw = (data / name).read_bytes()
        files.append(LoadedFile(kind, BUILTIN_PREFIX + name, parse_bytes(raw), hashlib.sha256(raw).hexdigest()))
    return files
