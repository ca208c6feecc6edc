"""BG6xx: confidentiality and consent. What a public edition will leave out, names that masking
cannot reach, and victims the UN bodies will not hear without their authority."""

from __future__ import annotations

import re
from typing import Iterator

from ..assemble.masking import Masker
from ..assemble.selection import select_claims, submission_claims
from ..diagnostics import Diagnostic, diagnostic
from ..load.resolve import Dossier
from ..models import Submission
from .memo import kept

# Link destinations and bare web addresses in a submission's own text: a pseudonym inside an
# address would break it, so masking leaves addresses alone.
_ADDRESSES = re.compile(r"\]\(([^)\s]*)|<((?:https?|mailto):[^>\s]*)>|((?:https?://|www\.)[^\s)\]>]+)")
# Bodies whose individual petitions need the victim's authority to act.
_AUTHORITY_KINDS = ("individual-communication",)


class _Names:
    """The hidden people a text names: one Masker for every text, each text looked at once. Kept
    between the runs of `briefgen watch` while the people stay the same (only `mentions` is used,
    which assigns no pseudonym, so the answers do not change)."""

    def __init__(self, dossier: Dossier):
        self.masker = Masker(dossier, public=True)
        self.found: dict[str, list[str]] = {}

    def __call__(self, text: str) -> list[str]:
        if text not in self.found:
            self.found[text] = self.masker.mentions(text)
        return self.found[text]


def check(dossier: Dossier) -> Iterator[Diagnostic]:
    """BG601 confidential material a public edition leaves out, BG602 names masking cannot reach,
    BG603 victims without authority in an individual communication or a petition to the WGAD."""
    names = kept(dossier, "BG602 names", dossier.fingerprint("people"), lambda: _Names(dossier))
    for sub in dossier.submissions.values():
        yield from check_submission(dossier, sub, names)


def check_submission(dossier: Dossier, sub: Submission, names: _Names | None = None) -> Iterator[Diagnostic]:
    """The BG6xx diagnostics of one submission in the edition it names (build checks overrides)."""
    yield from _authority(dossier, sub)
    if sub.edition == "public":
        yield from _left_out(dossier, sub)
        yield from _unmaskable(dossier, sub, names or _Names(dossier))


def _left_out(dossier: Dossier, sub: Submission) -> Iterator[Diagnostic]:
    """BG601: confidential claims and people that the public edition selects, then leaves out."""
    fix = "the public edition leaves it out; build with `--edition confidential` (or `both`) for a version with it"
    for s, section in enumerate(sub.sections):
        for claim in select_claims(dossier, section.claims):
            if claim.confidential:
                yield diagnostic("BG601", dossier.where(sub, "sections", s, "claims"),
                                 f"section '{section.title}' selects the confidential claim '{claim.id}': {fix}", sub.id)
    for r, rec in enumerate(sub.recommendations):
        for i, cid in enumerate(rec.claims):
            if cid in dossier.claims and dossier.claims[cid].confidential:
                yield diagnostic("BG601", dossier.where(sub, "recommendations", r, "claims", i),
                                 f"recommendation {r + 1} rests on the confidential claim '{cid}': {fix}", sub.id)
    if sub.annex and sub.annex.people:
        for person in dossier.people.values():
            chosen = person.id in sub.annex.people.ids or set(sub.annex.people.roles) & set(person.roles)
            if chosen and person.confidential:
                yield diagnostic("BG601", dossier.where(sub, "annex", "people"),
                                 f"the annex selects '{person.id}', who is marked confidential: {fix}", sub.id)


def _unmaskable(dossier: Dossier, sub: Submission, names: _Names) -> Iterator[Diagnostic]:
    """BG602: hidden names in what a public edition prints but cannot mask: file names, web
    addresses of the sources it cites, links in its own text."""
    def named(text: str | None) -> list[str]:
        return names(text.replace("-", " ").replace("_", " ")) if text else []

    for pid in named(sub.id) + named(dossier.name):
        yield diagnostic("BG602", dossier.where(sub, "id"),
                         f"the output files of '{sub.id}' (named after the submission and the dossier folder) would "
                         f"carry the name of '{pid}', who has not consented to publication: rename the submission "
                         "or the folder", sub.id)
    sources = dict.fromkeys(e.source for c in submission_claims(dossier, sub) for e in c.evidence)
    for sid in sources:
        source = dossier.sources.get(sid)
        if source is None or source.confidential:
            continue
        for field in ("url", "archive"):
            for pid in named(getattr(source, field)):
                yield diagnostic("BG602", dossier.where(source, field),
                                 f"the {field} of source '{sid}', cited by the public edition of '{sub.id}', names "
                                 f"'{pid}', who has not consented to publication, and a web address cannot be masked: "
                                 "mark the source `confidential: true` (it is then cited as a document on file) or "
                                 "record the person's consent", sid)
    for path, text in _texts(sub.model_dump(by_alias=True, exclude={"id"})):
        for match in _ADDRESSES.finditer(text):
            address = next(g for g in match.groups() if g is not None)
            for pid in named(address):
                yield diagnostic("BG602", dossier.where(sub, *path),
                                 f"the web address '{address}' names '{pid}', who has not consented to publication, "
                                 "and a web address cannot be masked: remove the link from the public edition",
                                 sub.id)


def _texts(value, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _texts(v, path + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _texts(v, path + (i,))


def _authority(dossier: Dossier, sub: Submission) -> Iterator[Diagnostic]:
    """BG603: every victim of an individual communication, and everyone in a petition to the
    Working Group on Arbitrary Detention, needs a recorded authority to act."""
    body = dossier.addressees.get(sub.to)
    wgad = body is not None and bool(body.wgad_categories)
    if sub.kind not in _AUTHORITY_KINDS and not wgad:
        return
    where = "an individual communication" if sub.kind in _AUTHORITY_KINDS else "a petition to the Working Group"
    people = [(pid, ("victims", i)) for i, pid in enumerate(sub.victims)]
    if wgad and sub.annex and sub.annex.people:
        chosen = {p.id for p in dossier.people.values() if set(sub.annex.people.roles) & set(p.roles)}
        people += [(pid, ("annex", "people")) for pid in sorted(chosen | set(sub.annex.people.ids))]
    for pid, path in dict(reversed(people)).items():  # each person once, at their first mention
        person = dossier.people.get(pid)
        if person is not None and person.consent.authority is None:
            yield diagnostic("BG603", dossier.where(sub, *path),
                             f"'{pid}' is a victim in {where}, but their consent has no `authority` (the date of "
                             "their power of attorney or written consent): the UN bodies do not act without it; "
                             f"add `consent: {{authority: YYYY-MM-DD}}` to the person '{pid}'", sub.id)

