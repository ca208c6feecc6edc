"""BG3xx: every claim is proven, and the proof is preserved."""

from __future__ import annotations

from typing import Iterator

from ..diagnostics import Diagnostic, diagnostic
from ..load.resolve import Dossier
from .memo import per_entry


def _claim(sources: dict, dossier: Dossier, claim) -> Iterator[Diagnostic]:
    """BG301-BG303 for one claim."""
    ids = {ev.source for ev in claim.evidence}
    if not claim.evidence:
        yield diagnostic("BG301", dossier.where(claim, "id"),
                         f"claim '{claim.id}' has no evidence: add at least one source under 'evidence'", claim.id)
        return
    if claim.status == "corroborated" and len(ids) == 1:
        yield diagnostic("BG302", dossier.where(claim, "status"),
                         f"claim '{claim.id}' is marked corroborated but rests on one source: "
                         "add a second source or mark it 'alleged'", claim.id)
    known = [sources[s] for s in ids if s in sources]
    if known and len(known) == len(ids) and all(s.kind == "social-media" for s in known):
        yield diagnostic("BG303", dossier.where(claim, "evidence"),
                         f"claim '{claim.id}' rests only on social-media posts: "
                         "add a news, official or NGO source if one exists", claim.id)


def check(dossier: Dossier) -> Iterator[Diagnostic]:
    """BG301-BG306."""
    sources = dossier.sources
    cited = {ev.source for claim in dossier.every("claims") for ev in claim.evidence}
    context = dossier.fingerprint("sources")
    for claim in dossier.claims.values():
        yield from per_entry(dossier, "evidence", claim, context, lambda: _claim(sources, dossier, claim))
    for source in sources.values():
        if source.file:
            found = dossier.evidence.get(source.file)
            if found is None:
                yield diagnostic("BG305", dossier.where(source, "file"),
                                 f"local copy '{source.file}' is missing, unreadable or outside the dossier: "
                                 "restore the file under the dossier folder or correct the path", source.id)
            elif source.sha256 and found != source.sha256:
                yield diagnostic("BG305", dossier.where(source, "sha256"),
                                 f"local copy '{source.file}' does not match its recorded hash (found {found}): "
                                 "the file changed since it was collected; restore the original", source.id)
        elif source.url and not source.archive:
            yield diagnostic("BG304", dossier.where(source, "url"),
                             f"source '{source.id}' has no archived or local copy: links rot, "
                             "add 'archive' (a preserved copy) or 'file' with its 'sha256'", source.id)
        if source.url and not source.accessed and not source.confidential:
            yield diagnostic("BG307", dossier.where(source, "url"),
                             f"source '{source.id}' is a web page without an 'accessed' date: OSCOLA cites web "
                             "sources with the date they were read; add 'accessed: YYYY-MM-DD'", source.id)
        if source.id not in cited and source.id not in dossier.mentioned and dossier.complete("claims"):
            yield diagnostic("BG306", dossier.where(source, "id"),
                             f"source '{source.id}' is not cited by any claim: cite it or remove it", source.id)
