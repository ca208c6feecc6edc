"""The writer: the only stage that writes outputs, always atomically.

One file is written to a temporary name, then renamed over the old one. A group of files (the
outputs of one submission) is written whole or not at all:

1. `stage` writes every file of the group into a hidden staging folder beside the targets and
   flushes them to disk; a full disk or an unwritable folder fails here, before anything is replaced;
2. `commit` keeps a hard link to each old file, writes a COMMIT list (the point of no return),
   renames every staged file over its target, then removes the staging folder. If a rename
   fails, the files already replaced are put back from the links, so the group stays all old;
3. if the process dies after COMMIT, `recover` (run by the next build) finishes the renames, so
   the group becomes all new; a staging folder without COMMIT is simply removed, with any
   temporary file an older version left behind.

Builds into the same folder take turns: a lock on the folder is held while writing.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - not on Windows
    fcntl = None

STAGING_PREFIX = ".briefgen-staging-"
COMMIT = "COMMIT"
OLD = "old"


def _fsync_folder(folder: Path) -> None:
    if not hasattr(os, "O_DIRECTORY"):  # pragma: no cover - not on Windows
        return
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_synced(path: Path, data: bytes) -> None:
    with open(path, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def _ordinary_mode(path: Path) -> None:
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(path, 0o666 & ~umask)  # temporary files are made 0600; outputs are ordinary files


def write_atomic(path: Path, data: bytes, *, private: bool = False, sync: bool = True) -> None:
    """Write `data` to `path` so that a reader sees the old file or the new one, never half of one.

    A private file stays readable by its owner only; without sync it is not flushed to disk first
    (for a cache, which may be lost).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if sync:
                fh.flush()
                os.fsync(fh.fileno())
        if not private:
            _ordinary_mode(Path(tmp))
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def write_all(files: dict[Path, bytes]) -> None:
    """Write several files, each atomically; the caller has produced all of them first."""
    for path, data in files.items():
        write_atomic(path, data)


@contextmanager
def locked(folder: Path):
    """Hold an exclusive lock on `folder` (created if missing) while the block runs."""
    folder.mkdir(parents=True, exist_ok=True)
    if fcntl is None:  # pragma: no cover - not on Windows
        yield
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


@dataclass
class Staged:
    """A group of files written to a staging folder, not yet in place."""

    folder: Path
    staging: Path
    names: list[str]

    @property
    def targets(self) -> list[Path]:
        return [self.folder / n for n in self.names]


def stage(folder: Path, group: str, files: dict[str, bytes]) -> Staged:
    """Write a group of files (name -> bytes) into a staging folder inside `folder`, flushed to disk."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in files:
        target = folder / name
        if target.is_dir() and not target.is_symlink():
            raise IsADirectoryError(21, "a folder stands where the file must go", str(target))
    staging = Path(tempfile.mkdtemp(dir=folder, prefix=f"{STAGING_PREFIX}{group}-"))
    try:
        for name, data in files.items():
            _write_synced(staging / name, data)
            _ordinary_mode(staging / name)
        _fsync_folder(staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return Staged(folder, staging, sorted(files))


def discard(staged: Staged) -> None:
    """Remove a staged group that will not be committed."""
    shutil.rmtree(staged.staging, ignore_errors=True)


def commit(staged: Staged) -> None:
    """Put a staged group in place: every file replaced, or, when a rename fails, none (OSError raised)."""
    old = staged.staging / OLD
    old.mkdir()
    for name in staged.names:
        try:
            os.link(staged.folder / name, old / name, follow_symlinks=False)
        except FileNotFoundError:
            pass  # a new file: nothing to keep
    (staged.staging / f"{COMMIT}.tmp").write_text("\n".join(staged.names), encoding="utf-8")
    os.replace(staged.staging / f"{COMMIT}.tmp", staged.staging / COMMIT)
    _fsync_folder(staged.staging)
    done: list[str] = []
    try:
        for name in staged.names:
            os.replace(staged.staging / name, staged.folder / name)
            done.append(name)
    except OSError:
        _roll_back(staged, done)
        raise
    _fsync_folder(staged.folder)
    shutil.rmtree(staged.staging, ignore_errors=True)


def _roll_back(staged: Staged, done: list[str]) -> None:
    for name in done:
        kept = staged.staging / OLD / name
        try:
            if kept.exists():
                os.replace(kept, staged.folder / name)
            else:
                os.unlink(staged.folder / name)
        except OSError:
            pass
    shutil.rmtree(staged.staging, ignore_errors=True)


def recover(folder: Path) -> None:
    """Finish what an interrupted build left in `folder`: complete committed groups, remove the rest."""
    try:
        entries = list(folder.iterdir())
    except OSError:
        return
    for entry in entries:
        try:
            if entry.name.startswith(STAGING_PREFIX) and entry.is_dir() and not entry.is_symlink():
                commit_list = entry / COMMIT
                if commit_list.exists():
                    for name in commit_list.read_text(encoding="utf-8").splitlines():
                        if name and "/" not in name and (entry / name).exists():
                            os.replace(entry / name, folder / name)
                    _fsync_folder(folder)
                shutil.rmtree(entry, ignore_errors=True)
            elif entry.name.startswith(".") and entry.name.endswith(".tmp") and entry.is_file():
                entry.unlink()  # a temporary file of an older briefgen's write_atomic
        except OSError:
            continue
