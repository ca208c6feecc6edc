"""Benchmark of `briefgen watch`: from saving a claims file to the updated diagnostics.

    python bench/bench_watch.py [--claims 10000 --sources 5000 --people 2000] [--runs 10]

Starts `briefgen watch` on the synthetic dossier of bench_check.py, waits for its first report,
then saves one claims file of 100 again and again (a changed statement) and times each save until
watch prints the updated summary line. Also times a cold `briefgen check` (empty cache) of the same
dossier. Target: save-to-diagnostics <= 0.15 x the cold check.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time

from gen_dossier import synthetic_dossier
from timing import measure, row


def _wait_for_status(proc, timeout: float = 60.0) -> tuple[str, float]:
    """The next summary line watch prints on stderr, and when it arrived."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        if not line:
            raise RuntimeError("watch stopped")
        if " — checked in " in line:
            return line.strip(), time.perf_counter()
    raise RuntimeError("no report from watch")


def main() -> None:
    args, work = synthetic_dossier(__doc__.splitlines()[0], runs=10)
    cache = work.parent / "cache"  # the parse cache, kept apart from the user's own
    env = {**os.environ, "BRIEFGEN_CACHE_DIR": str(cache)}
    cold = measure([sys.executable, "-m", "briefgen", "check", str(work)], 5,
                   before=lambda: shutil.rmtree(cache, ignore_errors=True), env=env)

    changed = work / "claims" / "claims-050.yaml"
    original = changed.read_text(encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "briefgen", "watch", str(work)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, bufsize=1, env=env)
    latencies, inside = [], []
    try:
        first, _ = _wait_for_status(proc)
        for n in range(args.runs):
            time.sleep(0.3)  # let the previous run's tidy-up finish: a person does not save that fast
            saved = time.perf_counter()
            changed.write_text(original.replace("witnesses describe", f"witnesses ({n}) describe"), encoding="utf-8")
            line, shown = _wait_for_status(proc)
            latencies.append(shown - saved)
            inside.append(float(line.split(" — checked in ")[1].split()[0]))
    finally:
        proc.terminate()
        proc.wait()
        changed.write_text(original, encoding="utf-8")
    warm = statistics.median(latencies)
    print(f"dossier: {args.claims} claims, {args.sources} sources, {args.people} people, 100 claims files")
    print(row("briefgen check, cold cache", cold))
    print(f"{'watch: first check (in process)':<34} {first.split(' — checked in ')[1].split()[0]} s")
    print(f"{'watch: save -> updated diagnostics':<34} {warm:7.3f} s  (min {min(latencies):.3f}, "
          f"max {max(latencies):.3f}; re-check in process {statistics.median(inside):.3f} s)")
    print(f"ratio watch / cold: {warm / cold['wall']:.2f}   (target <= 0.15)")


if __name__ == "__main__":
    main()
