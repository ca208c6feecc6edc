"""Accepted warnings: `accept: [CODE]` on an entry (or in dossier.yaml) sets a weighed warning apart.

An entry's `accept` covers the warnings reported on that entry (same file, same id); dossier.yaml's
covers a code across the whole dossier. Accepted warnings are counted and listed by `check
--show-accepted`, never hidden; they do not fail `--strict`. Pure.

BG109: an `accept` naming an error or an unknown code (errors cannot be waved through).
BG110: an `accept` that matches no warning any more (so a stale one cannot hide a new problem).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..diagnostics import CODES, AcceptedWarning, Diagnostic, Severity, diagnostic
from ..load.resolve import Dossier
from ..models import Accepted, Entry

_KINDS = ("sources", "norms", "people", "claims", "submissions")
_NOT_ACCEPTABLE = {"BG109", "BG110"}


@dataclass
class _Accept:
    entry: Entry
    index: int
    item: Accepted
    used: bool = False


def _accepts(dossier: Dossier) -> tuple[list[Diagnostic], dict[tuple[str, str], list[_Accept]], list[_Accept]]:
    """BG109 problems; the accepts of each entry by (file, id); the dossier-wide accepts."""
    problems: list[Diagnostic] = []
    by_entry: dict[tuple[str, str], list[_Accept]] = {}
    entries: list[Entry] = [e for kind in _KINDS for e in getattr(dossier, kind).values()
                            if e.accept and not dossier.is_builtin(kind, e.id)]
    if dossier.meta and dossier.meta.accept:
        entries.append(dossier.meta)
    wide: list[_Accept] = []
    for entry in entries:
        for i, item in enumerate(entry.accept):
            severity = CODES.get(item.code, (None,))[0]
            if severity is not Severity.WARNING or item.code in _NOT_ACCEPTABLE:
                what = "an error: fix it instead" if severity is Severity.ERROR else (
                    "not a code briefgen reports" if severity is None else "about `accept` itself")
                problems.append(diagnostic("BG109", dossier.where(entry, "accept", i),
                                           f"'accept' names {item.code}, which is {what}; only warnings "
                                           "can be accepted", getattr(entry, "id", None)))
                continue
            accept = _Accept(entry, i, item)
            if entry is dossier.meta:
                wide.append(accept)
            else:
                by_entry.setdefault((entry.origin.file, entry.id), []).append(accept)
    return problems, by_entry, wide


def apply_accepts(dossier: Dossier, found: list[Diagnostic]) -> tuple[list[Diagnostic], list[AcceptedWarning]]:
    """The diagnostics still reported (with BG109 and BG110 added) and the warnings accepted."""
    problems, by_entry, wide = _accepts(dossier)
    kept: list[Diagnostic] = list(problems)
    accepted: list[AcceptedWarning] = []
    for diag in found:
        match = None
        if diag.severity is Severity.WARNING and diag.code not in _NOT_ACCEPTABLE:
            candidates = by_entry.get((diag.location.path, diag.id or ""), []) + wide
            match = next((a for a in candidates if a.item.code == diag.code), None)
        if match is None:
            kept.append(diag)
            continue
        match.used = True
        accepted.append(AcceptedWarning(diag, match.item.reason, dossier.where(match.entry, "accept", match.index)))
    for accept in [a for group in by_entry.values() for a in group] + wide:
        if not accept.used:
            owner = getattr(accept.entry, "id", None)
            scope = f"on '{owner}'" if owner else "in dossier.yaml"
            kept.append(diagnostic("BG110", dossier.where(accept.entry, "accept", accept.index),
                                   f"{accept.item.code} is accepted {scope}, but no such warning is reported "
                                   "any more: remove it from 'accept', so it cannot hide a new problem", owner))
    return kept, accepted

