"""Benchmark of `briefgen check` against libyaml alone composing the same files.

    python bench/bench_check.py [--claims 10000 --sources 5000 --people 2000] [--runs 5]

Three pairs of whole processes, each pair run in turn (A B A B ...) with the ratio taken pair by
pair: a cold `briefgen check` (no parse cache) against libyaml composing every file (the floor of
any PyYAML-based loader); a `check` after one claims file of 100 changed against a cold `check`.
Targets: cold / compose <= 1.3; after one change / cold <= 0.15.
"""

from __future__ import annotations

import os
import shutil
import sys

from gen_dossier import synthetic_dossier
from timing import paired, ratios, row

COMPOSE = ("import sys, pathlib, yaml\n"
           "for p in sorted(pathlib.Path(sys.argv[1]).rglob('*.yaml')):\n"
           "    yaml.CSafeLoader(p.read_bytes()).get_single_node()\n")


def main() -> None:
    args, work = synthetic_dossier(__doc__.splitlines()[0], runs=5)
    cache = work.parent / "cache"  # the parse cache, kept apart from the user's own
    env = {**os.environ, "BRIEFGEN_CACHE_DIR": str(cache)}
    check = [sys.executable, "-m", "briefgen", "check", str(work)]
    compose = [sys.executable, "-c", COMPOSE, str(work)]
    changed = work / "claims" / "claims-050.yaml"
    original = changed.read_text(encoding="utf-8")
    counter = iter(range(10**6))

    def clear_cache():
        shutil.rmtree(cache, ignore_errors=True)

    def change_one_file():
        changed.write_text(original.replace("witnesses describe", f"witnesses ({next(counter)}) describe"),
                           encoding="utf-8")

    cold = paired(check, compose, args.runs, before_a=clear_cache, env=env)

    # Each cold run (B) leaves the cache full; the file then changes before the next run of A.
    warm = paired(check, check, args.runs, before_a=change_one_file, before_b=clear_cache, env=env)
    changed.write_text(original, encoding="utf-8")
    print(f"dossier: {args.claims} claims, {args.sources} sources, {args.people} people, 100 claims files")
    print(row("libyaml compose (the floor)", cold["b"]))
    print(row("briefgen check, cold cache", cold["a"]))
    print(row("briefgen check, 1 of 100 files changed", warm["a"]))
    print(ratios("cold check / libyaml compose", cold, "<= 1.3"))
    print(ratios("check after one change / cold check", warm, "<= 0.15"))


if __name__ == "__main__":
    main()
