"""The one gate every file briefgen reads passes through: inside the allowed folders, a regular file, bounded.

A dossier folder comes from many hands. A link inside it may point anywhere (/etc/passwd, another
client's dossier, /dev/zero), and a name may belong to a pipe that blocks a reader forever. So every
path is resolved with its links followed and must lie inside one of the allowed folders (the dossier,
the built-in templates); it is opened without blocking and must turn out to be a regular file; and
it is read only up to a size bound. The loader, the template overrides, the evidence hashes and the
PDF engine's fetcher all use these functions.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Iterable

_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


class Refused(Exception):
    """A path briefgen will not read: `code` is the diagnostic code, the message says why and what to do."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code, self.message = code, message


def real_roots(roots: Iterable[Path]) -> list[str]:
    """The allowed folders as resolved path strings, for repeated `resolve_inside` calls."""
    return [os.path.realpath(r) for r in roots]


def resolve_inside(path: Path | str, roots: list[str]) -> str:
    """The real path of `path`, links followed, when it lies inside one of `roots` (from real_roots)."""
    try:
        real = os.path.realpath(path)
    except ValueError:  # a NUL character: no file can have that name
        raise Refused("BG100", "the name contains a NUL character: correct it") from None
    for root in roots:
        if real == root or real.startswith(root.rstrip(os.sep) + os.sep):
            return real
    raise Refused("BG108", f"is a link to {real}, outside the dossier folder: briefgen reads only files inside "
                           "the dossier (and its own templates); copy the file into the dossier instead of linking it")


def open_regular(path: Path | str, roots: list[str]) -> tuple[int, int]:
    """An open descriptor and the size of the regular file at `path` inside `roots`; Refused otherwise."""
    real = resolve_inside(path, roots)
    try:
        fd = os.open(real, _OPEN_FLAGS)
    except OSError as exc:
        raise Refused("BG100", f"cannot be read ({exc.strerror}): check that it exists and its permissions") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise Refused("BG100", "is a folder, not a file: rename or remove it")
        if not stat.S_ISREG(info.st_mode):
            raise Refused("BG108", "is not an ordinary file (a pipe, a device or a socket): replace it with a file")
    except BaseException:
        os.close(fd)
        raise
    return fd, info.st_size


def read_bounded(path: Path | str, roots: list[str], max_bytes: int, setting: str) -> bytes:
    """The bytes of the regular file at `path` inside `roots`, refused when larger than `max_bytes`.

    `setting` names the environment variable that raises the bound.
    """
    fd, size = open_regular(path, roots)
    try:
        if size > max_bytes:
            raise _too_large(size, max_bytes, setting)
        chunks, total = [], 0
        while True:
            chunk = os.read(fd, min(1 << 20, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > max_bytes:  # the file grew while we read it
                raise _too_large(total, max_bytes, setting)
    except OSError as exc:
        raise Refused("BG100", f"cannot be read ({exc.strerror}): check the file and the disk") from None
    finally:
        os.close(fd)
    return b"".join(chunks)


def _too_large(size: int, max_bytes: int, setting: str) -> Refused:
    mb = max_bytes / (1 << 20)
    return Refused("BG107", f"file of {size / (1 << 20):.1f} MB is larger than the limit of {mb:g} MB: split it, "
                            f"or set the environment variable {setting} higher")


def is_folder(path: Path) -> bool:
    """Whether `path` is a folder (or a link to one); False when it cannot be told."""
    try:
        return path.is_dir()
    except (OSError, ValueError):
        return False


def list_folder(folder: Path, roots: list[str]) -> list[Path]:
    """The entries of a folder inside `roots`, sorted by name; Refused when it is outside or unreadable."""
    resolve_inside(folder, roots)
    try:
        return sorted(folder.iterdir())
    except OSError as exc:
        raise Refused("BG100", f"folder cannot be read ({exc.strerror}): check its permissions") from None


def relative_name(path: Path, root: Path) -> tuple[str, bool]:
    """`path` relative to `root` with '/' separators, and whether the name is valid UTF-8.

    A name that is not shows its bad bytes as \\xNN, so it can still be printed and reported.
    """
    rel = path.relative_to(root).as_posix()
    try:
        rel.encode("utf-8")
    except UnicodeEncodeError:
        return rel.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace"), False
    return rel, True
