"""Cache of parsed dossier files, keyed by the hash of their content.

Kept under the dossier's `.briefgen-cache/`. Entries are JSON (never pickle: a dossier folder may
come from anyone). A corrupt, unreadable or stale entry is ignored and rewritten; a cache that
cannot be written is silently skipped, since it only saves time.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from .. import __version__
from .yamlparse import PARSER_VERSION, ParsedFile

CACHE_DIR = ".briefgen-cache"


class ParseCache:
    """Parsed files by content hash, in one folder of small JSON files."""

    def __init__(self, root: Path | None):
        self.folder = root / CACHE_DIR / f"parsed-{PARSER_VERSION}-{__version__}" if root else None

    def _entry(self, digest: str) -> Path | None:
        return self.folder / f"{digest}.json" if self.folder else None

    @staticmethod
    def key(raw: bytes) -> str:
        return hashlib.sha256(raw).hexdigest()

    def get(self, digest: str) -> ParsedFile | None:
        """The cached parse of content with this hash, or None."""
        entry = self._entry(digest)
        if entry is None:
            return None
        try:
            with open(entry, "rb") as fh:
                return ParsedFile.from_json(json.loads(fh.read()))
        except (OSError, ValueError, TypeError):
            return None

    def put(self, digest: str, parsed: ParsedFile) -> None:
        """Store a parse; failures are ignored (the cache is an optimisation)."""
        entry = self._entry(digest)
        if entry is None:
            return
        try:
            entry.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=entry.parent, suffix=".tmp")
            # json.dumps uses the C encoder; json.dump to a file would use the pure-Python one.
            text = json.dumps(parsed.to_json(), ensure_ascii=False, separators=(",", ":"))
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
            os.replace(tmp, entry)
        except (OSError, TypeError, ValueError):
            try:
                os.unlink(tmp)  # noqa: F821 - only bound when mkstemp succeeded
            except (OSError, NameError, UnboundLocalError):
                pass
