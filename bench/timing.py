"""Timing whole processes: wall time, CPU time and peak memory of each run, medians over several runs.

`paired` runs two commands in turn (A B A B ...) and takes the ratio A/B pair by pair, so that a
machine whose speed drifts during the benchmark (a shared one) still gives a meaningful ratio.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import time


def run_once(cmd: list[str], env: dict | None = None, cwd: str | None = None) -> dict:
    """Wall seconds, CPU seconds (user + system, its waited-for children included) and peak resident
    memory in MB (the largest single process) of one run of `cmd`."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=cwd)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed with exit code {proc.returncode}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "peak_mb": usage.ru_maxrss / 1024}


def _summary(runs: list[dict]) -> dict:
    out = {k: statistics.median(r[k] for r in runs) for k in ("wall", "cpu", "peak_mb")}
    out.update(wall_min=min(r["wall"] for r in runs), wall_max=max(r["wall"] for r in runs))
    return out


def measure(cmd: list[str], runs: int = 5, before=None, env: dict | None = None, cwd: str | None = None) -> dict:
    """Medians of wall time, CPU time and peak memory over `runs` runs after one warm-up.

    `before`, if given, is called before every run (e.g. to clear a cache or change a file).
    """
    results = []
    for i in range(runs + 1):
        if before:
            before()
        result = run_once(cmd, env, cwd)
        if i:
            results.append(result)
    return _summary(results)


def paired(a: list[str], b: list[str], runs: int = 5, before_a=None, before_b=None, env: dict | None = None) -> dict:
    """A and B run in turn `runs` times each after one warm-up pair: the medians of each, and the
    medians of the ratios A/B taken pair by pair ("ratio_wall", "ratio_cpu", "ratio_peak")."""
    pairs = []
    for i in range(runs + 1):
        if before_a:
            before_a()
        ra = run_once(a, env)
        if before_b:
            before_b()
        rb = run_once(b, env)
        if i:
            pairs.append((ra, rb))
    out = {"a": _summary([p[0] for p in pairs]), "b": _summary([p[1] for p in pairs])}
    for k, name in (("wall", "ratio_wall"), ("cpu", "ratio_cpu"), ("peak_mb", "ratio_peak")):
        out[name] = statistics.median(ra[k] / rb[k] for ra, rb in pairs)
    return out


def row(name: str, m: dict) -> str:
    """One line of a results table."""
    return (f"{name:<40} wall {m['wall']:7.3f} s (min {m['wall_min']:.3f}, max {m['wall_max']:.3f})"
            f"  cpu {m['cpu']:7.3f} s  peak {m['peak_mb']:6.1f} MB")


def ratios(name: str, p: dict, target: str) -> str:
    """The pair-by-pair ratios of a `paired` result."""
    return (f"{name:<40} cpu {p['ratio_cpu']:.2f}  wall {p['ratio_wall']:.2f}  peak memory {p['ratio_peak']:.2f}"
            f"   (target {target})")
