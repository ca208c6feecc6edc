"""A dossier kept in memory between checks, for `briefgen watch`.

Each re-check reads the files again (cheap) but parses only those whose content changed, validates
only their entries, and re-runs a per-entry check only when the entry or what the check depends on
changed (checks/memo.py). What changed also tells which submissions to rebuild.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from .checks.memo import CheckMemo
from .checks.scope import used_ids
from .diagnostics import Report
from .load.cache import ParseCache
from .load.loader import LAYOUT, load_builtin, load_dossier
from .load.resolve import Dossier, EntryMemo
from .load.yamlparse import ParsedFile
from .pipeline import check_loaded, collector_paused


class MemoryParseCache(ParseCache):
    """Parses kept in memory by content hash, in front of the dossier's cache on disk."""

    def __init__(self, root: Path | None):
        super().__init__(root)
        self.memory: dict[str, ParsedFile] = {}

    def get(self, rel: str, digest: str) -> ParsedFile | None:
        found = self.memory.get(digest)
        if found is not None:
            self._entry(rel)  # still in use: pruning keeps its entry on disk
        else:
            found = super().get(rel, digest)
            if found is not None:
                self.memory[digest] = found
        return found

    def put(self, rel: str, digest: str, parsed: ParsedFile) -> None:
        self.memory[digest] = parsed
        super().put(rel, digest, parsed)

    def keep_only(self, digests: set[str]) -> None:
        """Forget parses of content no longer in the dossier."""
        self.memory = {k: v for k, v in self.memory.items() if k in digests}


@dataclass
class Outcome:
    """One run of a session: the dossier, its report, what changed since the run before, how long."""

    dossier: Dossier
    report: Report
    changed: list[str] = field(default_factory=list)  # dossier-relative paths added, changed or removed
    seconds: float = 0.0
    checks_rerun: int = 0
    first: bool = True


def watched_files(root: Path, dossier: Dossier | None) -> dict[str, tuple[int, int]]:
    """Path -> (modification time, size) of every file a check reads: a change in one means re-check."""
    found: dict[str, tuple[int, int]] = {}
    folders = {"templates"} | {folder for _, folder in LAYOUT.values() if folder}
    singles = {name for names, _ in LAYOUT.values() for name in names}
    for name in singles:
        _stat(root, name, found)
    for folder in folders:
        try:
            with os.scandir(root / folder) as entries:
                for entry in entries:
                    _stat(root, f"{folder}/{entry.name}", found)
        except OSError:
            continue
    for path in (dossier.evidence if dossier else {}):
        _stat(root, path, found)
    return found


def _stat(root: Path, relative: str, out: dict) -> None:
    try:
        info = os.stat(root / relative)
    except OSError:
        return
    out[relative] = (info.st_mtime_ns, info.st_size)


class Session:
    """Checks one dossier again and again, redoing only the work that its changes call for."""

    def __init__(self, root: Path, use_cache: bool = True):
        self.root = root
        self.parses = MemoryParseCache(root if use_cache else None)
        self.entries = EntryMemo()
        self.checks = CheckMemo()
        self.builtin = load_builtin()
        self.last: Outcome | None = None

    def check(self) -> Outcome:
        """Read and check the dossier as it is now."""
        started = time.perf_counter()
        with collector_paused():
            loaded = load_dossier(self.root, cache=self.parses)
            self.parses.keep_only({f.sha256 for f in loaded.files})
            dossier, report = check_loaded(loaded, self.builtin, self.entries, self.checks)
        before = self.last.dossier.files if self.last else {}
        changed = sorted(p for p in set(before) | set(dossier.files) if before.get(p) != dossier.files.get(p))
        self.last = Outcome(dossier, report, changed if before else [], time.perf_counter() - started,
                            self.checks.computed, first=self.last is None)
        return self.last

    def affected(self, outcome: Outcome, previous: Dossier | None) -> list[str]:
        """Ids of the submissions whose documents a change can alter (all of them after the first run)."""
        dossier = outcome.dossier
        if previous is None:
            return sorted(dossier.submissions)
        ids: set[str] = set()
        for path in outcome.changed:
            kind = dossier.file_kinds.get(path) or previous.file_kinds.get(path)
            if kind in (None, "dossier", "addressees") or path.startswith("templates/"):
                return sorted(dossier.submissions)  # everything depends on these
            ids |= _ids_in(dossier, path) | _ids_in(previous, path)
        return sorted(s for s, sub in dossier.submissions.items()
                      if (sub.origin and sub.origin.file in outcome.changed) or ids & used_ids(dossier, sub))


def _ids_in(dossier: Dossier, path: str) -> set[str]:
    """Ids of the entries defined in one file."""
    kind = dossier.file_kinds.get(path)
    if kind is None or kind == "dossier":
        return set()
    return {key for key, obj in [*getattr(dossier, kind).items(), *dossier.faulty.get(kind, {}).items()]
            if obj.origin is not None and obj.origin.file == path}

