"""The build's worker process: results and expected errors come back; time, memory and deaths are named."""

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


def _run(fn, *args, seconds=30, memory_mb=2048):
    return run_bounded(fn, *args, what="building x", seconds=seconds, memory_mb=memory_mb, expected=(Expected,))


def test_the_result_comes_back():
    assert _run(dict, {"docx": b"\x00" * (3 << 20)}) == {"docx": b"\x00" * (3 << 20)}


def test_time_is_bounded_and_named():
    start = time.monotonic()
    with pytest.raises(BoundExceeded, match="building x took longer than 1 s.*BRIEFGEN_BUILD_SECONDS"):
        _run(_sleep, 60, seconds=1)
    assert time.monotonic() - start < 10


def test_memory_is_bounded_and_named():
    with pytest.raises(BoundExceeded, match="building x ran out of memory .*512 MB.*BRIEFGEN_BUILD_MEMORY_MB"):
        _run(_grow, memory_mb=512)


def test_a_death_is_named():
    with pytest.raises(BoundExceeded, match="building x was killed by signal 9"):
        _run(_die)


def test_expected_errors_come_back_and_others_are_crashes_with_their_traceback():
    with pytest.raises(Expected, match="from the child"):
        _run(_raise, Expected)
    with pytest.raises(ChildCrash) as caught:
        _run(_raise, KeyError)
    assert "KeyError: 'from the child'" in caught.value.child_traceback
