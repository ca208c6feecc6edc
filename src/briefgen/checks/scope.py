"""Which diagnostics bear on one submission: those in what it uses, and in the dossier as a whole.

`build -s ID` is blocked only by these: a mistake in another submission, or in a claim no section
of this one can select, does not stop it. What a submission uses is taken generously: a claim with
errors is counted when any of its readable fields would let a section select it, since its bad
fields might.
"""

from __future__ import annotations

from ..assemble.selection import select_people
from ..diagnostics import Diagnostic, Report
from ..load.resolve import Dossier, kind_of_path
from ..models import FigureCell, FigureTable
from .memo import claims_of


def _may_select(dossier: Dossier, sub, key: str, claim) -> bool:
    """Whether a section or recommendation of `sub` names or may select a claim with errors."""
    broken = dossier.broken.get(("claims", key), frozenset())
    if any(key in rec.claims for rec in sub.recommendations):
        return True
    for section in sub.sections:
        if section.table and set(claim.figures) & _figures_named(section.table):
            return True
        chosen = section.claims
        if chosen is None or key in chosen.exclude:
            continue
        if key in chosen.ids:
            return True
        if not chosen.tags or not ("tags" in broken or set(chosen.tags) & set(claim.tags)):
            continue
        date = claim.date
        if date is not None and ((chosen.start and date.end < chosen.start)
                                 or (chosen.end and date.start > chosen.end)):
            continue
        if chosen.status and claim.status is not None and claim.status not in chosen.status:
            continue
        return True
    return False


def _figures_named(table: FigureTable) -> set[str]:
    return {cell.figure for row in table.rows for cell in row if isinstance(cell, FigureCell)}


def used_ids(dossier: Dossier, sub) -> set[str]:
    """Ids of every entry `sub` uses: addressees, claims, their sources, norms and people, annex people."""
    ids = {sub.id, sub.to, *sub.cc, *sub.victims}
    claims = list(claims_of(dossier, sub))
    claims += [c for key, c in dossier.faulty.get("claims", {}).items() if _may_select(dossier, sub, key, c)]
    for rec in sub.recommendations:
        ids.update(rec.claims, rec.norms)
    for claim in claims:
        ids.add(claim.id)
        ids.update(ev.source for ev in claim.evidence)
        ids.update(claim.norms, claim.people)
    people = [p for p in dossier.every("people") if p.id in ids]
    if sub.annex and sub.annex.people:
        ids.update(sub.annex.people.ids)
        roles = set(sub.annex.people.roles)
        people += select_people(dossier, sub.annex.people)
        people += [p for p in dossier.faulty.get("people", {}).values() if roles & set(p.roles)]
    for person in people:
        ids.add(person.id)
        ids.update(e.norm for e in person.events if e.norm)
    for nid in list(ids):
        norm = dossier.norms.get(nid) or dossier.faulty.get("norms", {}).get(nid)
        if norm is not None:
            ids.update(norm.interpreted_by)
    ids.discard(None)
    return ids


def bears_on(dossier: Dossier, sub_id: str, used: set[str], d: Diagnostic) -> bool:
    """Whether diagnostic `d` concerns the submission `sub_id` (which uses the entries `used`)."""
    sub = dossier.submissions.get(sub_id) or dossier.faulty.get("submissions", {}).get(sub_id)
    path = d.location.path
    if sub is not None and sub.origin is not None and path == sub.origin.file:
        return True
    if (dossier.file_kinds.get(path) or kind_of_path(path)) == "submissions":
        return False  # another submission's file
    if d.id is None:
        return True  # not tied to one entry: the dossier as a whole, a file that cannot be read
    return d.id in used


def submission_report(dossier: Dossier, report: Report, sub_ids: list[str]) -> Report:
    """The part of `report` that bears on any of the submissions `sub_ids`."""
    kept: list[Diagnostic] = []
    for sub_id in sub_ids:
        sub = dossier.submissions.get(sub_id)
        used = used_ids(dossier, sub) if sub is not None else {sub_id}
        kept += [d for d in report.diagnostics if bears_on(dossier, sub_id, used, d)]
    return Report(kept)
