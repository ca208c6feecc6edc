"""BG5xx: figures agree, dates fit the dossier and the submissions."""

from __future__ import annotations

from typing import Iterator

from ..diagnostics import Diagnostic, diagnostic
from ..load.resolve import Dossier
from ..assemble.selection import select_claims
from .memo import claims_of, per_entry


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _outside(dossier: Dossier, claim, period) -> Iterator[Diagnostic]:
    if claim.date.end < period.start or claim.date.start > period.end:
        yield diagnostic("BG502", dossier.where(claim, "date"),
                         f"claim '{claim.id}' is dated {claim.date}, outside the dossier period "
                         f"{period.start} to {period.end}: check the date or widen 'period' in dossier.yaml", claim.id)


def check(dossier: Dossier) -> Iterator[Diagnostic]:
    """BG501 figures, BG502 dossier period, BG503 sources and BG504 norms dated after a submission."""
    first: dict[str, tuple[float, object]] = {}
    for claim in dossier.claims.values():  # in file order: the first value met is the one others differ from
        for name, value in claim.figures.items():
            if name not in first:
                first[name] = (value, claim)
                continue
            seen, other = first[name]
            if seen != value:
                where = dossier.where(other, "figures", name)
                yield diagnostic("BG501", dossier.where(claim, "figures", name),
                                 f"figure '{name}' is {_number(value)} here but {_number(seen)} in claim "
                                 f"'{other.id}' ({where.path}:{where.line}): use one value, or give the two "
                                 "counts different names", claim.id)
    period = dossier.meta.period if dossier.meta else None
    if period:
        context = dossier.fingerprint("dossier")
        for claim in dossier.claims.values():
            yield from per_entry(dossier, "consistency", claim, context, lambda: _outside(dossier, claim, period))
    yield from _norms_after(dossier)
    for sub in dossier.submissions.values():
        reported: set[str] = set()
        for claim in claims_of(dossier, sub):
            for ev in claim.evidence:
                source = dossier.sources.get(ev.source)
                if source is None or source.id in reported:
                    continue
                for field in ("accessed", "published"):
                    day = getattr(source, field)
                    if day and day > sub.date:
                        reported.add(source.id)
                        yield diagnostic("BG503", dossier.where(source, field),
                                         f"source '{source.id}' was {field} on {day}, after the date of submission "
                                         f"'{sub.id}' ({sub.date}): a submission cannot cite it; check both dates",
                                         source.id)
                        break


def _norms_after(dossier: Dossier) -> Iterator[Diagnostic]:
    """BG504: a submission cites a norm adopted after its own date (a general comment of 2020 in 2019)."""
    for sub in dossier.submissions.values():
        cited: dict[str, tuple] = {}
        for section in sub.sections:
            if section.require_norms:
                for claim in select_claims(dossier, section.claims):
                    for i, nid in enumerate(claim.norms):
                        cited.setdefault(nid, (claim, ("norms", i)))
        for r, rec in enumerate(sub.recommendations):
            for i, nid in enumerate(rec.norms):
                cited.setdefault(nid, (sub, ("recommendations", r, "norms", i)))
        for nid, (entry, path) in cited.items():
            norm = dossier.norms.get(nid)
            if norm and norm.adopted and norm.adopted > sub.date:
                yield diagnostic("BG504", dossier.where(entry, *path),
                                 f"'{sub.id}' ({sub.date}) would cite {norm.short} ('{nid}'), adopted on "
                                 f"{norm.adopted}, after the submission: remove it or date the submission later",
                                 getattr(entry, "id", None))
