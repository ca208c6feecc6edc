"""The build's worker process, forked or fresh: results and expected errors come back; time, memory and
deaths are named; a fresh one does not outlive the process that started it."""

from __future__ import annotations

import os
import signal
import time

import pytest

from briefgen.isolate import BoundExceeded, ChildCrash, run_bounded


class Expected(Exception):
    pass


def _sleep(seconds):
    time.sleep(seconds)


def _grow():
    blocks = []
    while True:
        blocks.append(bytearray(64 << 20))


def _raise(kind):
    raise kind("from the child")


def _die():
    os.kill(os.getpid(), signal.SIGKILL)


@pytest.fixture(params=[False, True], ids=["forked", "fresh"])
def fresh(request):
    return request.param


def _run(fn, *args, fresh, seconds=30, memory_mb=2048):
    return run_bounded(fn, *args, what="building x", seconds=seconds, memory_mb=memory_mb, expected=(Expected,),
                       fresh=fresh)


def test_the_result_comes_back(fresh):
    assert _run(dict, {"docx": b"\x00" * (3 << 20)}, fresh=fresh) == {"docx": b"\x00" * (3 << 20)}


def test_time_is_bounded_and_named(fresh):
    start = time.monotonic()
    with pytest.raises(BoundExceeded, match="building x took longer than 1 s.*BRIEFGEN_BUILD_SECONDS"):
        _run(_sleep, 60, fresh=fresh, seconds=1)
    assert time.monotonic() - start < 10


def test_memory_is_bounded_and_named(fresh):
    with pytest.raises(BoundExceeded, match="building x ran out of memory .*512 MB.*BRIEFGEN_BUILD_MEMORY_MB"):
        _run(_grow, fresh=fresh, memory_mb=512)


def test_a_death_is_named(fresh):
    with pytest.raises(BoundExceeded, match="building x was killed by signal 9"):
        _run(_die, fresh=fresh)


def test_expected_errors_come_back_and_others_are_crashes_with_their_traceback(fresh):
    with pytest.raises(Expected, match="from the child"):
        _run(_raise, Expected, fresh=fresh)
    with pytest.raises(ChildCrash) as caught:
        _run(_raise, KeyError, fresh=fresh)
    assert "KeyError: 'from the child'" in caught.value.child_traceback


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="reads /proc")
def test_a_fresh_child_starts_without_the_memory_of_its_parent():
    ballast = bytearray(300 << 20)  # touched: resident in this process, and in a forked child
    ballast[::4096] = b"x" * len(ballast[::4096])
    assert _run(_resident_mb, fresh=False) > 300
    assert _run(_resident_mb, fresh=True) < 100


def _resident_mb() -> float:
    with open("/proc/self/status") as fh:
        return next(int(line.split()[1]) for line in fh if line.startswith("VmRSS:")) / 1024


def _start_fresh_sleeper_then_die(pid_file):
    from briefgen.isolate import _start_fresh
    _, pid, _ = _start_fresh(_sleep, (60,), 512, ())
    with open(pid_file, "w") as fh:
        fh.write(str(pid))
    os._exit(0)  # as when its own bound kills it


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="reads /proc")
def test_a_fresh_child_ends_when_the_process_that_started_it_is_gone(tmp_path):
    pid_file = tmp_path / "pid"
    with pytest.raises(BoundExceeded):  # the middle process ends without a word
        _run(_start_fresh_sleeper_then_die, str(pid_file), fresh=False)
    pid = int(pid_file.read_text())
    deadline = time.monotonic() + 10
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(pid)
