"""Cache of parsed dossier files, in the user's cache folder, never inside the dossier.

A dossier holds confidential material, so its parse is kept out of the dossier folder (which is
shared, synced and sent to partners): it lives in the user's own cache folder (platformdirs;
`BRIEFGEN_CACHE_DIR` overrides it), one sub-folder per dossier, one entry per file. An entry is
used only when it is proven to be the parse of exactly the bytes now on disk: it carries the
file's SHA-256 and a keyed BLAKE2b tag over that hash, the file's name and the parse, under a
random per-user key kept in the cache folder. Nobody without the key can forge or transplant an
entry; then its shape is validated. A bad entry is ignored and rewritten; a cache that cannot be
read or written is skipped silently, since it only saves time. Entries of files that no longer
exist are pruned after every load, and `briefgen clean` removes the whole cache.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import shutil
from pathlib import Path

from .. import __version__
from ..write.atomic import write_atomic
from .yamlparse import PARSER_VERSION, ParsedFile

CACHE_ENV = "BRIEFGEN_CACHE_DIR"
LEGACY_DIR = ".briefgen-cache"  # where briefgen 0.1 kept its cache, inside the dossier
KEY_BYTES = 32
_GENERATION = f"parsed-{PARSER_VERSION}-{__version__}"


def cache_root() -> Path:
    """The folder that holds briefgen's cache for this user."""
    configured = os.environ.get(CACHE_ENV)
    if configured:
        return Path(configured)
    import platformdirs
    return Path(platformdirs.user_cache_dir("briefgen", appauthor=False))


def _private_folder(path: Path) -> None:
    path.mkdir(mode=0o700, parents=True, exist_ok=True)


def _write_private(path: Path, data: bytes) -> None:
    write_atomic(path, data, private=True, sync=False)


def _secret_key(base: Path) -> bytes:
    """The per-user key that tags entries, created on first use."""
    path = base / "key"
    try:
        with open(path, "rb") as fh:
            key = fh.read(KEY_BYTES + 1)
        if len(key) == KEY_BYTES:
            return key
    except FileNotFoundError:
        pass
    key = os.urandom(KEY_BYTES)
    _write_private(path, key)  # a short or unreadable key is replaced: every entry is then rebuilt
    return key


class ParseCache:
    """Parsed files of one dossier; with root None, a cache that keeps nothing (--no-cache)."""

    def __init__(self, root: Path | None):
        self.folder: Path | None = None
        self.key = b""
        self.seen: set[str] = set()
        if root is None:
            return
        real = os.path.realpath(root)
        try:
            base = cache_root()
            _private_folder(base)
            self.key = _secret_key(base)
            self.folder = base / _GENERATION / hashlib.sha256(real.encode("utf-8", "surrogateescape")).hexdigest()[:32]
            _private_folder(self.folder)
            origin = self.folder / "origin"
            if not origin.exists():
                _write_private(origin, real.encode("utf-8", "surrogateescape"))
        except OSError:
            self.folder = None

    def _entry(self, rel: str) -> Path | None:
        if self.folder is None:
            return None
        name = hashlib.sha256(rel.encode("utf-8")).hexdigest()[:32] + ".entry"
        self.seen.add(name)
        return self.folder / name

    def _tag(self, rel: str, digest: str, payload: bytes) -> str:
        mac = hashlib.blake2b(key=self.key, digest_size=32, person=b"briefgen-parse")
        mac.update(f"{digest}\0{rel}\0".encode("utf-8"))
        mac.update(payload)
        return mac.hexdigest()

    def get(self, rel: str, digest: str) -> ParsedFile | None:
        """The cached parse of file `rel` if it was made from content with this SHA-256, else None."""
        entry = self._entry(rel)
        if entry is None:
            return None
        try:
            with open(entry, "rb") as fh:
                raw = fh.read()
            tag, payload = raw[:64].decode("ascii"), raw[65:]
            if raw[64:65] != b"\n" or not hmac.compare_digest(tag, self._tag(rel, digest, payload)):
                return None
            return ParsedFile.decode(payload)
        except (OSError, ValueError, TypeError, RecursionError):
            return None

    def put(self, rel: str, digest: str, parsed: ParsedFile) -> None:
        """Store the parse of file `rel` whose content has this SHA-256; failures are ignored."""
        entry = self._entry(rel)
        if entry is None:
            return
        try:
            payload = parsed.encode()
            _write_private(entry, self._tag(rel, digest, payload).encode("ascii") + b"\n" + payload)
        except (OSError, TypeError, ValueError, OverflowError, RecursionError):
            pass

    def prune(self) -> None:
        """Remove the entries of files not read in this load, and the caches of dossiers gone or of older versions."""
        if self.folder is None:
            return
        try:
            for path in self.folder.iterdir():
                if path.suffix == ".entry" and path.name not in self.seen:
                    path.unlink()
            for generation in self.folder.parent.parent.iterdir():
                if generation.name.startswith("parsed-") and generation.name != _GENERATION:
                    shutil.rmtree(generation, ignore_errors=True)
            for dossier in self.folder.parent.iterdir():
                origin = dossier / "origin"
                if origin.exists() and not os.path.isdir(origin.read_bytes().decode("utf-8", "surrogateescape")):
                    shutil.rmtree(dossier, ignore_errors=True)
        except OSError:
            pass


def remove_cache(root: Path | None = None) -> list[Path]:
    """Delete the cache of the dossier at `root` (and the cache folder it kept itself in old versions),
    or with root None the whole of briefgen's cache; the folders removed."""
    if root is None:
        targets = [cache_root()]
    else:
        real = os.path.realpath(root).encode("utf-8", "surrogateescape")
        name = hashlib.sha256(real).hexdigest()[:32]
        base = cache_root()
        targets = [g / name for g in base.glob("parsed-*")] + [root / LEGACY_DIR]
    removed = []
    for target in targets:
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target)
            removed.append(target)
    return removed
