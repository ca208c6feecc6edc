"""BG2xx: every id a dossier names must exist.

These checks also run on entries with schema errors (what could be saved of them): a typo in one
field must not hide a wrong id in another.
"""

from __future__ import annotations

import difflib
import re
from typing import Iterator

from ..diagnostics import Diagnostic, diagnostic
from ..load.resolve import Dossier
from ..models import FigureCell
from .memo import per_entry

DEFINE_NORM = "define it in norms.yaml or use a built-in id (`briefgen list norms`)"
DEFINE_PERSON = "define them in people.yaml or correct the id"
DEFINE_ADDRESSEE = "use a built-in id (`briefgen list addressees`) or define it in addressees.yaml"
_DIGITS = re.compile(r"\d+")


def did_you_mean(name: str, known) -> str:
    """' (did you mean 'x'?)' for a likely typo of a known id, or ''.

    Only ids with the same numbers are offered: iccpr-6 is not a typo of iccpr-26 (another article),
    but icpr-6 is one of iccpr-6.
    """
    numbers = _DIGITS.findall(name)
    candidates = [k for k in known if isinstance(k, str) and _DIGITS.findall(k) == numbers]
    close = difflib.get_close_matches(name, candidates, n=1, cutoff=0.75)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _unknown(code: str, noun: str, where, name: str, known, owner: str | None, fix: str) -> Diagnostic:
    return diagnostic(code, where, f"unknown {noun} '{name}'{did_you_mean(name, known)}: {fix}", owner)


_KINDS = {"BG201": "sources", "BG202": "norms", "BG203": "people", "BG204": "claims"}


def check(dossier: Dossier) -> Iterator[Diagnostic]:
    """BG201 sources, BG202 norms, BG203 people, BG204 claims, BG205 addressees and templates.

    An id of a kind whose file could not be read is not reported: it may well be defined there.
    """
    for d in _check(dossier):
        if dossier.complete(_KINDS.get(d.code, "")):
            yield d


def _check(dossier: Dossier) -> Iterator[Diagnostic]:
    sources, norms, people = (dossier.known_ids(k) for k in ("sources", "norms", "people"))
    context = dossier.fingerprint("sources", "norms", "people")
    for claim in dossier.every("claims"):
        yield from per_entry(dossier, "references", claim, context,
                             lambda: _claim(dossier, claim, sources, norms, people))
    for norm in dossier.every("norms"):
        for i, nid in enumerate(norm.interpreted_by):
            if not dossier.known("norms", nid):
                yield _unknown("BG202", "norm", dossier.where(norm, "interpreted_by", i), nid, norms, norm.id,
                               DEFINE_NORM)
    for person in dossier.every("people"):
        for i, event in enumerate(person.events):
            if event.norm and not dossier.known("norms", event.norm):
                yield _unknown("BG202", "norm", dossier.where(person, "events", i, "norm"), event.norm, norms,
                               person.id, DEFINE_NORM)
    claims, bodies = dossier.known_ids("claims"), dossier.known_ids("addressees")
    for sub in dossier.every("submissions"):
        yield from _submission(dossier, sub, norms, people, claims, bodies)


def _claim(dossier: Dossier, claim, sources: list, norms: list, people: list) -> Iterator[Diagnostic]:
    for i, ev in enumerate(claim.evidence):
        if ev.source is not None and not dossier.known("sources", ev.source):
            yield _unknown("BG201", "source", dossier.where(claim, "evidence", i, "source"), ev.source,
                           sources, claim.id, "define it in sources.yaml or correct the id")
    for i, nid in enumerate(claim.norms):
        if not dossier.known("norms", nid):
            yield _unknown("BG202", "norm", dossier.where(claim, "norms", i), nid, norms, claim.id, DEFINE_NORM)
    for i, pid in enumerate(claim.people):
        if not dossier.known("people", pid):
            yield _unknown("BG203", "person", dossier.where(claim, "people", i), pid, people, claim.id, DEFINE_PERSON)


def _submission(dossier: Dossier, sub, norms: list, people: list, claims: list, bodies: list) -> Iterator[Diagnostic]:
    if sub.to is not None and not dossier.known("addressees", sub.to) and dossier.complete("addressees"):
        yield _unknown("BG205", "addressee", dossier.where(sub, "to"), sub.to, bodies, sub.id, DEFINE_ADDRESSEE)
    for i, aid in enumerate(sub.joint):
        if not dossier.known("addressees", aid) and dossier.complete("addressees"):
            yield _unknown("BG205", "addressee", dossier.where(sub, "to", i + 1), aid, bodies, sub.id, DEFINE_ADDRESSEE)
    for i, aid in enumerate(sub.cc):
        if not dossier.known("addressees", aid) and dossier.complete("addressees"):
            yield _unknown("BG205", "addressee", dossier.where(sub, "cc", i), aid, bodies, sub.id, DEFINE_ADDRESSEE)
    if sub.template is not None:
        from ..assemble.templatefiles import TEMPLATE_SUFFIX, template_names
        known = template_names(dossier.template_overrides)
        name = sub.template if sub.template.endswith(TEMPLATE_SUFFIX) else sub.template + TEMPLATE_SUFFIX
        if name not in known:
            yield _unknown("BG205", "template", dossier.where(sub, "template"), sub.template,
                           [k.removesuffix(TEMPLATE_SUFFIX) for k in known], sub.id,
                           "put the file in the dossier's templates/ folder or use a built-in template")
    for i, pid in enumerate(sub.victims):
        if not dossier.known("people", pid):
            yield _unknown("BG203", "person", dossier.where(sub, "victims", i), pid, people, sub.id, DEFINE_PERSON)
    figures = [name for claim in dossier.every("claims") for name in claim.figures]  # faulty claims' too
    for s, section in enumerate(sub.sections):
        if section.table:
            for r, row in enumerate(section.table.rows):
                for c, cell in enumerate(row):
                    if isinstance(cell, FigureCell) and cell.figure not in figures and dossier.complete("claims"):
                        yield _unknown("BG206", "figure",
                                       dossier.where(sub, "sections", s, "table", "rows", r, c, "figure"),
                                       cell.figure, figures, sub.id, "name a figure a claim gives under 'figures'")
        if section.claims:
            for i, cid in enumerate(section.claims.ids):
                if not dossier.known("claims", cid):
                    yield _unknown("BG204", "claim", dossier.where(sub, "sections", s, "claims", "ids", i), cid,
                                   claims, sub.id, "correct the id or add the claim")
    for r, rec in enumerate(sub.recommendations):
        for i, cid in enumerate(rec.claims):
            if not dossier.known("claims", cid):
                yield _unknown("BG204", "claim", dossier.where(sub, "recommendations", r, "claims", i), cid,
                               claims, sub.id, "correct the id or add the claim")
        for i, nid in enumerate(rec.norms):
            if not dossier.known("norms", nid):
                yield _unknown("BG202", "norm", dossier.where(sub, "recommendations", r, "norms", i), nid,
                               norms, sub.id, DEFINE_NORM)
    if sub.annex and sub.annex.people:
        for i, pid in enumerate(sub.annex.people.exclude):
            if not dossier.known("people", pid):
                yield _unknown("BG203", "person", dossier.where(sub, "annex", "people", "exclude", i), pid, people,
                               sub.id, DEFINE_PERSON)
        for i, pid in enumerate(sub.annex.people.ids):
            if not dossier.known("people", pid):
                yield _unknown("BG203", "person", dossier.where(sub, "annex", "people", "ids", i), pid, people,
                               sub.id, DEFINE_PERSON)
