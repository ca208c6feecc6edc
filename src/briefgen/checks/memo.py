"""Results of per-entry checks kept between runs, so a re-check redoes only what changed.

A check that looks at one entry and a little context (the ids of the sources, the norms...) runs
through `per_entry`: when the same entry object comes back (its file did not change, so the
resolver kept it) with the same context, the diagnostics of the last run are reused. Without a
memo on the dossier (a plain `briefgen check`) the check simply runs. What a check builds from the
whole dossier (the hidden names BG602 looks for) is kept through `kept` while the files it is made
from stay the same.
"""

from __future__ import annotations

from typing import Callable, Iterable

from ..diagnostics import Diagnostic


class CheckMemo:
    """Per-entry check results of the last runs, by check name and entry."""

    def __init__(self):
        self._results: dict[tuple[str, int], tuple[object, object, int, list[Diagnostic]]] = {}
        self._kept: dict[str, tuple[object, object]] = {}  # name -> (context, value)
        self._run = 0
        self.reused = 0
        self.computed = 0

    def start(self) -> None:
        """Begin a run."""
        self._run += 1
        self.reused = self.computed = 0

    def finish(self) -> None:
        """End a run: forget the results of entries that were not seen in it."""
        self._results = {k: v for k, v in self._results.items() if v[2] == self._run}

    def get(self, name: str, entry, context, compute: Callable[[], Iterable[Diagnostic]]) -> list[Diagnostic]:
        key = (name, id(entry))
        found = self._results.get(key)
        if found is not None and found[0] is entry and found[1] == context:
            self._results[key] = (entry, context, self._run, found[3])
            self.reused += 1
            return found[3]
        result = list(compute())
        self._results[key] = (entry, context, self._run, result)
        self.computed += 1
        return result

    def kept(self, name: str, context, make: Callable[[], object]) -> object:
        """A value made once and kept while `context` is equal (e.g. the fingerprint of its files)."""
        found = self._kept.get(name)
        if found is None or found[0] != context:
            found = self._kept[name] = (context, make())
        return found[1]


def kept(dossier, name: str, context, make: Callable[[], object]) -> object:
    """What a check builds from the whole dossier: kept between runs while `context` is equal; without
    a memo on the dossier (a plain `briefgen check`) simply made."""
    memo = dossier.check_memo
    return make() if memo is None else memo.kept(name, context, make)


def per_entry(dossier, name: str, entry, context, compute: Callable[[], Iterable[Diagnostic]]) -> Iterable[Diagnostic]:
    """The diagnostics of one check on one entry: remembered when nothing they depend on changed."""
    memo = dossier.check_memo
    return compute() if memo is None else memo.get(name, entry, context, compute)


def claims_of(dossier, sub) -> list:
    """The claims a submission uses (assemble.selection), computed once per run."""
    from ..assemble.selection import submission_claims
    key = ("submission claims", sub.id)
    if key not in dossier.run_cache:
        dossier.run_cache[key] = submission_claims(dossier, sub)
    return dossier.run_cache[key]
