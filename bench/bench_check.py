"""Benchmark of `briefgen check` against libyaml alone composing the same files.

    python bench/bench_check.py [--claims 10000 --sources 5000 --people 2000] [--runs 5]

Prints wall time and peak memory of: libyaml composing every file (the floor of any PyYAML-based
loader), `briefgen check` cold (empty cache) and warm (one claims file of 100 changed), and the
ratios. Targets: cold / floor <= 1.3; warm / cold <= 0.15.
"""

from __future__ import annotations

import os
import shutil
import sys

from gen_dossier import synthetic_dossier
from timing import measure, row

COMPOSE = ("import sys, pathlib, yaml\n"
           "for p in sorted(pathlib.Path(sys.argv[1]).rglob('*.yaml')):\n"
           "    yaml.CSafeLoader(p.read_bytes()).get_single_node()\n")


def main() -> None:
    args, work = synthetic_dossier(__doc__.splitlines()[0], runs=5)
    cache = work.parent / "cache"  # the parse cache, kept apart from the user's own
    env = {**os.environ, "BRIEFGEN_CACHE_DIR": str(cache)}
    check = [sys.executable, "-m", "briefgen", "check", str(work)]
    changed = work / "claims" / "claims-050.yaml"
    original = changed.read_text(encoding="utf-8")
    counter = iter(range(10**6))

    def clear_cache():
        shutil.rmtree(cache, ignore_errors=True)

    def change_one_file():
        changed.write_text(original.replace("witnesses describe", f"witnesses ({next(counter)}) describe"),
                           encoding="utf-8")

    floor = measure([sys.executable, "-c", COMPOSE, str(work)], args.runs)
    cold = measure(check, args.runs, before=clear_cache, env=env)
    measure(check, 1, env=env)  # fill the cache
    warm = measure(check, args.runs, before=change_one_file, env=env)
    print(f"dossier: {args.claims} claims, {args.sources} sources, {args.people} people, 100 claims files")
    print(row("libyaml compose (floor)", floor))
    print(row("briefgen check, cold cache", cold))
    print(row("briefgen check, 1 of 100 changed", warm))
    print(f"ratio cold / floor: {cold['wall'] / floor['wall']:.2f}   (target <= 1.3)")
    print(f"ratio warm / cold:  {warm['wall'] / cold['wall']:.2f}   (target <= 0.15)")


if __name__ == "__main__":
    main()
