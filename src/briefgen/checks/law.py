"""BG4xx: every alleged violation is tied to a norm, and every norm named is linked."""

from __future__ import annotations

from typing import Iterator

from ..diagnostics import Diagnostic, diagnostic
from .normtext import NormIndex, NormMention
from ..load.resolve import Dossier
from .memo import per_entry
from ..assemble.selection import select_claims


def _linked(dossier: Dossier, claim, mention: NormMention) -> bool:
    """Whether the claim links the provision named, or something that plausibly is it."""
    if mention.norm_ids:
        return bool(set(claim.norms).intersection(mention.norm_ids))
    for nid in claim.norms:
        norm = dossier.norms.get(nid)
        if norm is None:
            continue
        number = norm.article or norm.paragraph
        if mention.known_instrument and norm.instrument == mention.instrument and number is None:
            return True  # the whole instrument is linked (a general comment, a constitution)
        if not mention.known_instrument and number == mention.article:
            return True  # the norm describes that provision under another name
    return False


def _named_not_linked(dossier: Dossier, index: NormIndex, claim) -> Iterator[Diagnostic]:
    """BG402 for each provision the statement names and the claim does not link."""
    reported: set[tuple] = set()
    for mention in index.find(claim.statement):
        key = (mention.norm_ids, mention.instrument, mention.article)
        if key in reported or _linked(dossier, claim, mention):
            continue
        reported.add(key)
        if mention.norm_ids:
            text = f"'norms' does not link it: add {' or '.join(mention.norm_ids)}"
        else:
            instrument = f"instrument: {mention.instrument}, " if mention.instrument else ""
            text = (f"no norm is that provision: define one in norms.yaml ({instrument}{mention.unit}: "
                    f"'{mention.article}') and add its id to 'norms'")
        yield diagnostic("BG402", dossier.where(claim, "statement"),
                         f"the statement names \"{mention.text}\" but {text}", claim.id)


def check(dossier: Dossier) -> Iterator[Diagnostic]:
    """BG401 violations sections, BG402 norms named but not linked, BG403 unused norms."""
    for sub in dossier.submissions.values():
        for s, section in enumerate(sub.sections):
            if not section.require_norms:
                continue
            for claim in select_claims(dossier, section.claims):
                if not claim.norms:
                    yield diagnostic("BG401", dossier.where(claim, "id"),
                                     f"claim '{claim.id}' is in section '{section.title}' of '{sub.id}', "
                                     "which requires norms, but links none: add the norms it engages under 'norms'",
                                     claim.id)
    index = NormIndex(list(dossier.every("norms")))
    context = dossier.fingerprint("norms")
    for claim in dossier.claims.values():
        yield from per_entry(dossier, "law", claim, context, lambda: _named_not_linked(dossier, index, claim))
    used: set[str] = set()
    for claim in dossier.every("claims"):
        used.update(claim.norms)
    for person in dossier.every("people"):
        used.update(e.norm for e in person.events if e.norm)
    for sub in dossier.every("submissions"):
        for rec in sub.recommendations:
            used.update(rec.norms)
    for norm in dossier.every("norms"):
        used.update(norm.interpreted_by)
    if not dossier.complete("claims", "people", "submissions", "norms"):
        return  # a norm may be used in a file that could not be read
    for norm in dossier.norms.values():
        if norm.id not in used and norm.id not in dossier.mentioned and not dossier.is_builtin("norms", norm.id):
            yield diagnostic("BG403", dossier.where(norm, "id"),
                             f"norm '{norm.id}' is not used by any claim, recommendation or person: "
                             "link it or remove it", norm.id)
