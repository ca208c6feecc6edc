"""Run one function in a child process under a bound on time and on memory.

Building a submission runs a template that may come from anyone and a PDF engine that keeps every
page in memory: either can loop or grow without end. The build of each submission therefore runs
in a forked child whose address space is capped (RLIMIT_AS) and which the parent kills when its
time is up. The child sends back its result, or its exception, pickled through a pipe: only our
own child writes to that pipe. Where fork does not exist the function simply runs in process.

A forked child starts with all the memory of its parent. Where that matters (the PDF engine,
which needs the most), the function runs instead in a fresh interpreter (`fresh=True`) that gets
only its arguments, and that ends itself when the process that started it is gone.
"""

from __future__ import annotations

import json
import os
import pickle
import select
import signal
import subprocess
import sys
import threading
import time
import traceback

from .activity import during

try:
    import resource
except ImportError:  # pragma: no cover - not on Windows
    resource = None


class BoundExceeded(Exception):
    """The child ran out of time or memory, or died; the message says which bound and how to raise it."""


class ChildCrash(Exception):
    """A bug in the child: carries its traceback and the input it was working on, for the crash report."""

    def __init__(self, message: str, child_traceback: str, activity: str):
        super().__init__(message)
        self.child_traceback = child_traceback
        if activity:
            self.briefgen_activity = activity

    def __reduce__(self):  # sent on from a child's child whole, traceback and all
        return ChildCrash, (str(self), self.child_traceback, getattr(self, "briefgen_activity", ""))


def _child(write_fd: int, memory_mb: int, fn, args, expected: tuple) -> None:
    try:
        if resource is not None:
            _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
            cap = memory_mb << 20
            if hard != resource.RLIM_INFINITY:
                cap = min(cap, hard)
            resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
        try:
            message = ("ok", fn(*args))
        except MemoryError:
            message = ("memory", None)
        except expected as exc:
            message = ("raise", exc)
        except Exception as exc:  # noqa: BLE001 - a bug: reported by the parent as a crash
            message = ("crash", (repr(exc), traceback.format_exc(), during(exc)))
        try:
            data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as exc:  # noqa: BLE001
            data = pickle.dumps(("crash", (f"the result cannot be sent back: {exc!r}", traceback.format_exc(), "")))
        view = memoryview(data)
        while view:
            view = view[os.write(write_fd, view):]
    finally:
        os._exit(0)


# The fresh interpreter: the parent's module search path first, then the rest from standard input.
_FRESH_START = ("import json, sys; sys.path[:] = json.loads(sys.argv[1]); "
                "from briefgen.isolate import _fresh_child; _fresh_child(int(sys.argv[2]))")


def _fresh_child(write_fd: int) -> None:
    """In a fresh interpreter: read the function and its arguments, compute, send the result back."""
    stdin = sys.stdin.buffer
    size = int.from_bytes(stdin.read(8), "big")
    fn, args, memory_mb, expected = pickle.loads(stdin.read(size))
    # Standard input stays open until the parent is gone; then this process has no one to answer.
    threading.Thread(target=lambda: (stdin.read(), os._exit(1)), daemon=True).start()
    _child(write_fd, memory_mb, fn, args, expected)


def _start_fresh(fn, args, memory_mb: int, expected: tuple) -> tuple[int, int, subprocess.Popen]:
    read_fd, write_fd = os.pipe()
    try:
        proc = subprocess.Popen([sys.executable, "-c", _FRESH_START, json.dumps(sys.path), str(write_fd)],
                                stdin=subprocess.PIPE, pass_fds=(write_fd,))
    finally:
        os.close(write_fd)
    payload = pickle.dumps((fn, args, memory_mb, expected), protocol=pickle.HIGHEST_PROTOCOL)
    try:
        proc.stdin.write(len(payload).to_bytes(8, "big") + payload)
        proc.stdin.flush()
    except BrokenPipeError:
        pass  # it died at once: reported below as a child that sent nothing
    return read_fd, proc.pid, proc


def run_bounded(fn, *args, what: str, seconds: int, memory_mb: int, expected: tuple = (), fresh: bool = False):
    """`fn(*args)` computed in a child process within `seconds` and `memory_mb`; with `fresh`, in a new
    interpreter without this process's memory (`fn` and `args` then go there pickled).

    Exceptions of the `expected` types are raised again here; any other exception in the child is a
    ChildCrash; a bound passed, or a child killed by a signal, is BoundExceeded naming `what`.
    """
    if not hasattr(os, "fork"):  # pragma: no cover - not on Windows
        return fn(*args)
    proc = None
    if fresh:
        read_fd, pid, proc = _start_fresh(fn, args, memory_mb, tuple(expected))
    else:
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read_fd)
            _child(write_fd, memory_mb, fn, args, tuple(expected))
        os.close(write_fd)
    chunks: list[bytes] = []
    deadline = time.monotonic() + seconds
    timed_out = False
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                timed_out = True
                break
            ready, _, _ = select.select([read_fd], [], [], left)
            if not ready:
                continue
            chunk = os.read(read_fd, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(read_fd)
        if timed_out:
            os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        if proc is not None:
            proc.returncode = os.waitstatus_to_exitcode(status)
            try:
                proc.stdin.close()
            except OSError:
                pass
    if timed_out:
        raise BoundExceeded(f"{what} took longer than {seconds} s and was stopped; if it really needs more time, "
                            "set the environment variable BRIEFGEN_BUILD_SECONDS higher")
    try:
        kind, value = pickle.loads(b"".join(chunks))
    except Exception:  # noqa: BLE001 - no message at all: the child died
        sig = os.WTERMSIG(status) if os.WIFSIGNALED(status) else None
        cause = f"was killed by signal {sig}" if sig else f"stopped with status {os.waitstatus_to_exitcode(status)}"
        raise BoundExceeded(f"{what} {cause}, most likely out of memory (the limit is {memory_mb} MB): set the "
                            "environment variable BRIEFGEN_BUILD_MEMORY_MB higher if the document is very large") from None
    if kind == "ok":
        return value
    if kind == "memory":
        raise BoundExceeded(f"{what} ran out of memory (the limit is {memory_mb} MB): set the environment "
                            "variable BRIEFGEN_BUILD_MEMORY_MB higher if the document is very large")
    if kind == "raise":
        raise value
    message, child_traceback, activity = value
    raise ChildCrash(f"{what} crashed: {message}", child_traceback, activity)
