"""BG4xx: every alleged violation is tied to a norm, and every norm named is linked."""

from __future__ import annotations

from typing import Iterator

from ..diagnostics import Diagnostic, diagnostic
from .normtext import NormIndex
from ..load.resolve import Dossier
from ..assemble.selection import select_claims


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
    index = NormIndex(dossier.norms)
    for claim in dossier.claims.values():
        linked = set(claim.norms)
        reported: set[str] = set()
        for mention in index.find(claim.statement):
            if not mention.norm_ids or linked.intersection(mention.norm_ids):
                continue
            key = ",".join(mention.norm_ids)
            if key in reported:
                continue
            reported.add(key)
            choices = " or ".join(mention.norm_ids)
            yield diagnostic("BG402", dossier.where(claim, "statement"),
                             f"the statement names \"{mention.text}\" but 'norms' does not link it: add {choices}",
                             claim.id)
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
