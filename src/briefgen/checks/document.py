"""BG8xx: what a recipient must never see, or would reject, in a built document.

BG801 placeholder or editorial text in anything a submission prints (its own texts, the claims,
people, sources and norms it uses, the addressee registry, the templates); BG802 an abbreviation
used and never defined; BG803 a recommendation the document does not argue; BG804 a person listed
in an annex whose events all fall outside the submission's period.
"""

from __future__ import annotations

import re
from typing import Iterator

from ..assemble.people import Period, annex_people, annex_period
from ..assemble.selection import section_claims, submission_claims
from ..assemble.templatefiles import TEMPLATE_SUFFIX, choose_template, template_file, template_names
from ..assemble.typography import COMMON_ABBREVIATIONS, capitalised_words
from ..diagnostics import Diagnostic, Location, diagnostic
from ..load.resolve import Dossier
from ..models import Addressee, Claim, Person, Submission
from .placeholders import placeholder, template_placeholders

_INCLUDE = re.compile(r"\{%-?\s*(?:extends|include|import|from)\s+[\"']([^\"']+)[\"']")
_NO_FIX = "remove it, or replace it with what the sources say; nothing unfinished may reach a document"


def check(dossier: Dossier) -> Iterator[Diagnostic]:
    """BG801-BG804 for every submission."""
    seen: set[tuple] = set()
    for sub in dossier.submissions.values():
        for diag in _submission(dossier, sub):
            key = (diag.code, diag.location, diag.message)
            if key not in seen:
                seen.add(key)
                yield diag


def _submission(dossier: Dossier, sub: Submission) -> Iterator[Diagnostic]:
    claims = submission_claims(dossier, sub)
    people = _people(dossier, sub, claims)
    yield from _placeholders(dossier, sub, claims, people)
    yield from _abbreviations(dossier, sub, claims)
    yield from _recommendations(dossier, sub)
    yield from _annex_period(dossier, sub)


def _people(dossier: Dossier, sub: Submission, claims: list[Claim]) -> list[Person]:
    ids = {p for c in claims for p in c.people} | set(sub.victims)
    chosen = {p: dossier.people[p] for p in ids if p in dossier.people}
    selection = sub.annex.people if sub.annex else None
    for person in annex_people(dossier.people, selection, annex_period(sub)):
        chosen[person.id] = person
    return list(chosen.values())


# ---- BG801 -------------------------------------------------------------------------------------

def _fields(obj, names: tuple[str, ...]) -> Iterator[tuple[tuple, str]]:
    """(path, text) for each text field, list of texts and nested text of an entry."""
    for name in names:
        value = getattr(obj, name, None)
        if isinstance(value, str):
            yield (name,), value
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, str):
                    yield (name, i), item


def _texts(dossier: Dossier, sub: Submission, claims: list[Claim], people: list[Person]):
    """(entry, path, text) of everything the submission prints from the dossier and the registry."""
    yield sub, ("title",), sub.title
    for path, text in _fields(sub, ("subject", "summary", "interim_measures")):
        yield sub, path, text
    for i, s in enumerate(sub.sections):
        yield sub, ("sections", i, "title"), s.title
        if s.text:
            yield sub, ("sections", i, "text"), s.text
    for i, r in enumerate(sub.recommendations):
        yield sub, ("recommendations", i, "text"), r.text
    for i, c in enumerate(sub.categories):
        if c.reason:
            yield sub, ("categories", i, "reason"), c.reason
    if sub.annex:
        for i, d in enumerate(sub.annex.documents):
            yield sub, ("annex", "documents", i), d
    for claim in claims:
        yield claim, ("statement",), claim.statement
    for person in people:
        for path, text in _fields(person, ("name", "family_name", "first_names", "sex", "nationality", "profession",
                                           "address", "city", "status", "domestic_steps")):
            yield person, path, text
        for i, event in enumerate(person.events):
            for path, text in _fields(event, ("what", "where", "forces", "warrant", "reasons", "legal_basis",
                                              "authority", "custody", "duration", "circumstances", "outcome")):
                yield person, ("events", i, *path), text
    sources = {e.source for c in claims for e in c.evidence}
    for sid in sorted(sources):
        source = dossier.sources.get(sid)
        if source:
            for path, text in _fields(source, ("title", "title_en", "description", "author", "publisher")):
                yield source, path, text
    norms = {n for c in claims for n in c.norms} | {n for r in sub.recommendations for n in r.norms}
    for nid in sorted(norms):
        norm = dossier.norms.get(nid)
        if norm:
            for path, text in _fields(norm, ("instrument", "short", "title", "author", "series", "symbol")):
                yield norm, path, text
    for aid in dict.fromkeys([*sub.addressees, *sub.cc]):
        body = dossier.addressees.get(aid)
        if body:
            yield from _addressee_texts(body)
    if dossier.meta:
        for path, text in _fields(dossier.meta, ("title",)):
            yield dossier.meta, path, text
        author = dossier.meta.author
        for path, text in _fields(author, ("name", "address", "email")):
            yield dossier.meta, ("author", *path), text
        for key, value in dossier.meta.abbreviations.items():
            yield dossier.meta, ("abbreviations", key), value


def _addressee_texts(body: Addressee):
    for path, text in _fields(body, ("name", "short", "address", "email", "salutation", "addressed_as", "closing")):
        yield body, path, text
    for i, category in enumerate(body.wgad_categories):
        yield body, ("wgad_categories", i, "text"), category.text


def _placeholders(dossier: Dossier, sub: Submission, claims: list[Claim], people: list[Person]) -> Iterator[Diagnostic]:
    for entry, path, text in _texts(dossier, sub, claims, people):
        marker = placeholder(text)
        if marker:
            ident = getattr(entry, "id", None)
            yield diagnostic("BG801", dossier.where(entry, *path),
                             f"'{marker}' would be printed in '{sub.id}': {_NO_FIX}", ident)
    for name in _templates_used(dossier, sub):
        source = template_file(name, dossier.template_overrides).decode("utf-8", "replace")
        label = f"templates/{name}" if name in dossier.template_overrides else f"<briefgen>/templates/{name}"
        for line, marker in template_placeholders(source):
            yield diagnostic("BG801", Location(label, line, 1),
                             f"'{marker}' is template text that would be printed in '{sub.id}': {_NO_FIX}", sub.id)


def _templates_used(dossier: Dossier, sub: Submission) -> list[str]:
    """The submission's template and every template it extends or includes."""
    known = template_names(dossier.template_overrides)
    todo, done = [choose_template(dossier, sub)], []
    while todo:
        name = todo.pop()
        if name in done or name not in known:
            continue
        done.append(name)
        source = template_file(name, dossier.template_overrides).decode("utf-8", "replace")
        todo.extend(n if n.endswith(TEMPLATE_SUFFIX) else n + TEMPLATE_SUFFIX for n in _INCLUDE.findall(source))
    return done


# ---- BG802 -------------------------------------------------------------------------------------

def _known_abbreviations(dossier: Dossier) -> set[str]:
    known = set(COMMON_ABBREVIATIONS)
    if dossier.meta:
        known |= set(dossier.meta.abbreviations)
    for norm in dossier.norms.values():
        known |= {norm.short, *norm.aliases}
        known |= set(capitalised_words(norm.short))
    for body in dossier.addressees.values():
        known |= {body.short or "", *capitalised_words(body.short or "")}
    return known


def _abbreviations(dossier: Dossier, sub: Submission, claims: list[Claim]) -> Iterator[Diagnostic]:
    known = _known_abbreviations(dossier)
    texts = [(sub, ("summary",), sub.summary)] + [(sub, ("sections", i, "text"), s.text) for i, s in enumerate(sub.sections)]
    texts += [(sub, ("recommendations", i, "text"), r.text) for i, r in enumerate(sub.recommendations)]
    texts += [(c, ("statement",), c.statement) for c in claims]
    for entry, path, text in texts:
        for word in capitalised_words(text or ""):
            if word not in known and word.rstrip("s") not in known:
                yield diagnostic("BG802", dossier.where(entry, *path),
                                 f"'{word}' reads as an abbreviation but is not defined: add it under "
                                 f"'abbreviations' in dossier.yaml ({word}: what it stands for), so it is spelled "
                                 "out at its first use", getattr(entry, "id", None))


# ---- BG803, BG804 ------------------------------------------------------------------------------

def _recommendations(dossier: Dossier, sub: Submission) -> Iterator[Diagnostic]:
    printed = {c.id for s in sub.sections for c in section_claims(dossier, s)}
    for i, rec in enumerate(sub.recommendations):
        where = dossier.where(sub, "recommendations", i)
        if not rec.claims:
            yield diagnostic("BG803", where,
                             f"recommendation {i + 1} of '{sub.id}' names no claim that supports it: list the facts it "
                             "rests on under 'claims', and select them in a section", sub.id)
            continue
        missing = [c for c in rec.claims if c in dossier.claims and c not in printed]
        if missing:
            yield diagnostic("BG803", where,
                             f"recommendation {i + 1} of '{sub.id}' rests on {', '.join(missing)}, which no section "
                             f"of the submission prints: select {'it' if len(missing) == 1 else 'them'} in a section "
                             "so the document argues the recommendation", sub.id)


def _annex_period(dossier: Dossier, sub: Submission) -> Iterator[Diagnostic]:
    if not (sub.annex and sub.annex.people):
        return
    period = annex_period(sub)
    if period == Period():
        return
    for i, pid in enumerate(sub.annex.people.ids):
        person = dossier.people.get(pid)
        if person and person.events and all(period.excludes(e.date) for e in person.events):
            yield diagnostic("BG804", dossier.where(sub, "annex", "people", "ids", i),
                             f"'{pid}' is listed in the annex of '{sub.id}', but none of their events falls within "
                             f"{_period_text(period)}: remove them or widen the annex's 'from'/'to'", sub.id)


def _period_text(period: Period) -> str:
    if period.start and period.end:
        return f"{period.start} to {period.end}"
    return f"from {period.start}" if period.start else f"until {period.end}"
