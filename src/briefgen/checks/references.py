"""BG2xx: every id a dossier names must exist."""

from __future__ import annotations

import difflib
from typing import Iterator

from ..diagnostics import Diagnostic, diagnostic
from ..load.resolve import Dossier
from ..assemble.selection import figure_claims
from ..assemble.templating import TEMPLATE_SUFFIX, template_names
from ..models import FigureCell




def _hint(name: str, known) -> str:
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.75)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _unknown(code: str, noun: str, where, name: str, table, owner: str | None, fix: str) -> Diagnostic:
    return diagnostic(code, where, f"unknown {noun} '{name}'{_hint(name, table)}: {fix}", owner)


def check(dossier: Dossier) -> Iterator[Diagnostic]:
    """BG201 sources, BG202 norms, BG203 people, BG204 claims, BG205 addressees and templates."""
    sources, norms, people, claims = dossier.sources, dossier.norms, dossier.people, dossier.claims
    define_norm = "define it in norms.yaml or use a built-in id (`briefgen list norms`)"
    for claim in claims.values():
        for i, ev in enumerate(claim.evidence):
            if ev.source not in sources:
                yield _unknown("BG201", "source", dossier.where(claim, "evidence", i, "source"), ev.source,
                               sources, claim.id, "define it in sources.yaml or correct the id")
        for i, nid in enumerate(claim.norms):
            if nid not in norms:
                yield _unknown("BG202", "norm", dossier.where(claim, "norms", i), nid, norms, claim.id, define_norm)
        for i, pid in enumerate(claim.people):
            if pid not in people:
                yield _unknown("BG203", "person", dossier.where(claim, "people", i), pid, people, claim.id,
                               "define them in people.yaml or correct the id")
    for norm in norms.values():
        for i, nid in enumerate(norm.interpreted_by):
            if nid not in norms:
                yield _unknown("BG202", "norm", dossier.where(norm, "interpreted_by", i), nid, norms, norm.id,
                               define_norm)
    for person in people.values():
        for i, event in enumerate(person.events):
            if event.norm and event.norm not in norms:
                yield _unknown("BG202", "norm", dossier.where(person, "events", i, "norm"), event.norm, norms,
                               person.id, define_norm)
    for sub in dossier.submissions.values():
        yield from _submission(dossier, sub)


def _submission(dossier: Dossier, sub) -> Iterator[Diagnostic]:
    norms, people, claims = dossier.norms, dossier.people, dossier.claims
    if sub.to not in dossier.addressees:
        yield _unknown("BG205", "addressee", dossier.where(sub, "to"), sub.to, dossier.addressees, sub.id,
                       "use a built-in id (`briefgen list addressees`) or define it in addressees.yaml")
    for i, aid in enumerate(sub.joint):
        if aid not in dossier.addressees:
            yield _unknown("BG205", "addressee", dossier.where(sub, "to", i + 1), aid, dossier.addressees, sub.id,
                           "use a built-in id (`briefgen list addressees`) or define it in addressees.yaml")
    for i, aid in enumerate(sub.cc):
        if aid not in dossier.addressees:
            yield _unknown("BG205", "addressee", dossier.where(sub, "cc", i), aid, dossier.addressees, sub.id,
                           "use a built-in id (`briefgen list addressees`) or define it in addressees.yaml")
    if sub.template is not None:
        known = template_names(dossier.template_overrides)
        name = sub.template if sub.template.endswith(TEMPLATE_SUFFIX) else sub.template + TEMPLATE_SUFFIX
        if name not in known:
            yield _unknown("BG205", "template", dossier.where(sub, "template"), sub.template,
                           [k.removesuffix(TEMPLATE_SUFFIX) for k in known], sub.id,
                           "put the file in the dossier's templates/ folder or use a built-in template")
    for i, pid in enumerate(sub.victims):
        if pid not in people:
            yield _unknown("BG203", "person", dossier.where(sub, "victims", i), pid, people, sub.id,
                           "define them in people.yaml or correct the id")
    figures = figure_claims(dossier)
    for s, section in enumerate(sub.sections):
        if section.table:
            for r, row in enumerate(section.table.rows):
                for c, cell in enumerate(row):
                    if isinstance(cell, FigureCell) and cell.figure not in figures:
                        yield _unknown("BG206", "figure", dossier.where(sub, "sections", s, "table", "rows", r, c, "figure"),
                                       cell.figure, figures, sub.id, "name a figure a claim gives under 'figures'")
        if section.claims:
            for i, cid in enumerate(section.claims.ids):
                if cid not in claims:
                    yield _unknown("BG204", "claim", dossier.where(sub, "sections", s, "claims", "ids", i), cid,
                                   claims, sub.id, "correct the id or add the claim")
    for r, rec in enumerate(sub.recommendations):
        for i, cid in enumerate(rec.claims):
            if cid not in claims:
                yield _unknown("BG204", "claim", dossier.where(sub, "recommendations", r, "claims", i), cid,
                               claims, sub.id, "correct the id or add the claim")
        for i, nid in enumerate(rec.norms):
            if nid not in norms:
                yield _unknown("BG202", "norm", dossier.where(sub, "recommendations", r, "norms", i), nid,
                               norms, sub.id, "define it in norms.yaml or use a built-in id")
    if sub.annex and sub.annex.people:
        for i, pid in enumerate(sub.annex.people.exclude):
            if pid not in people:
                yield _unknown("BG203", "person", dossier.where(sub, "annex", "people", "exclude", i), pid, people,
                               sub.id, "define them in people.yaml or correct the id")
        for i, pid in enumerate(sub.annex.people.ids):
            if pid not in people:
                yield _unknown("BG203", "person", dossier.where(sub, "annex", "people", "ids", i), pid, people,
                               sub.id, "define them in people.yaml or correct the id")
