"""Timing whole processes: wall time and peak memory of each run, medians over several runs."""

from __future__ import annotations

import os
import statistics
import subprocess
import time


def run_once(cmd: list[str], env: dict | None = None, cwd: str | None = None) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MB) of one run of `cmd`."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=cwd)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed with exit code {proc.returncode}")
    return wall, usage.ru_maxrss / 1024


def measure(cmd: list[str], runs: int = 5, before=None, env: dict | None = None, cwd: str | None = None) -> dict:
    """Median and range of wall time and peak memory over `runs` runs after one warm-up.

    `before`, if given, is called before every run (e.g. to clear a cache or change a file).
    """
    if before:
        before()
    run_once(cmd, env, cwd)
    walls, peaks = [], []
    for _ in range(runs):
        if before:
            before()
        wall, peak = run_once(cmd, env, cwd)
        walls.append(wall)
        peaks.append(peak)
    return {"wall": statistics.median(walls), "wall_min": min(walls), "wall_max": max(walls),
            "peak_mb": statistics.median(peaks)}


def row(name: str, m: dict) -> str:
    """One line of a results table."""
    return (f"{name:<34} {m['wall']:7.3f} s  (min {m['wall_min']:.3f}, max {m['wall_max']:.3f})"
            f"  peak {m['peak_mb']:7.1f} MB")
