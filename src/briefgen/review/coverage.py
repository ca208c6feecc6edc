"""Citation coverage: for each submission, how well the built document's assertions are supported.

Pure. Reads the assembled document (`assemble`), so the figures are about what a recipient reads:
the claims printed, each paragraph with its claim, status, sources and norms, a claims x norms
matrix, each recommendation with the claims behind it, and counts and shares under plain names.
Everything is plain data (dicts and lists) that the text, JSON and HTML reports print as they are.
"""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import urlsplit

from ..assemble.assembly import assemble
from ..assemble.citations import norm_short, source_title
from ..assemble.selection import select_claims
from ..checks.release import own_publication, self_sourced
from ..document import Heading, NoteRef, Paragraph, plain_text, walk
from ..load.resolve import Dossier
from ..models import Claim, Source, Submission
from .shares import SHARES, below  # noqa: F401  (the figures' names, shared with the command line)

# Shares a team can gate on with --fail-under, each with the count it divides and its denominator.
_PLATFORMS = ("social-media", "video")


def publisher_key(source: Source) -> str:
    """Who published a source, for counting independent publishers: the account for a post or a video
    (the platform is not the publisher), else the publisher, the author, the web site, the source itself."""
    if source.kind in _PLATFORMS and source.author:
        name = source.author
    else:
        name = source.publisher or source.author or ""
    if not name:
        try:
            name = (urlsplit(source.url or "").hostname or "").removeprefix("www.")
        except ValueError:
            name = ""
    return " ".join(re.findall(r"\w+", name.casefold())) or f"source:{source.id}"


def _where(dossier: Dossier, entry) -> str:
    loc = dossier.where(entry)
    return f"{loc.path}:{loc.line}" if loc.path else ""


def _share(count: int, total: int) -> float | None:
    return round(100 * count / total, 1) if total else None


def claim_counts(dossier: Dossier, claims: list[Claim], violation_ids: set[str]) -> dict[str, int]:
    """How many claims are sourced, corroborated (two or more publishers), rest only on social media,
    on the submitter's own publications or on official sources, and have norms in violation sections."""
    author = dossier.meta.author if dossier.meta else None
    counts = Counter(claims=len(claims), in_violation_sections=0)
    for claim in claims:
        sources = [dossier.sources[e.source] for e in claim.evidence if e.source in dossier.sources]
        if sources:
            counts["sourced"] += 1
            counts["corroborated"] += len({publisher_key(s) for s in sources}) >= 2
            counts["social_only"] += all(s.kind in _PLATFORMS for s in sources)
            counts["self_sourced"] += all(own_publication(s, author) for s in sources)
            counts["official_only"] += all(s.kind == "official" for s in sources)
        if claim.id in violation_ids:
            counts["in_violation_sections"] += 1
            counts["with_norms"] += bool(claim.norms)
    return {k: counts[k] for k in ("claims", "sourced", "corroborated", "social_only", "self_sourced",
                                   "official_only", "in_violation_sections", "with_norms")}


def source_counts(sources: list[Source]) -> dict[str, int]:
    """How many sources are preserved (archive or local copy), dated, and (web pages) have an accessed date."""
    web = [s for s in sources if s.url]
    return {"sources": len(sources), "archived": sum(bool(s.archive or s.file) for s in sources),
            "dated": sum(bool(s.published) for s in sources), "web_sources": len(web),
            "accessed": sum(bool(s.accessed) for s in web)}


def shares(counts: dict[str, int]) -> dict[str, float | None]:
    """Each share in per cent (one decimal), None when its denominator is zero."""
    return {name: _share(counts[part], counts[whole]) for name, (part, whole) in SHARES.items()}


def source_row(dossier: Dossier, source: Source, claims: list[str]) -> dict:
    """One source as the reports list it."""
    author = dossier.meta.author if dossier.meta else None
    who = source.author if source.kind in _PLATFORMS and source.author else source.publisher or source.author
    return {"id": source.id, "kind": source.kind, "publisher": who or "",
            "title": source_title(source).strip("‘’[]"), "url": source.url or "", "archive": source.archive or "",
            "file": source.file or "", "published": str(source.published or ""),
            "accessed": str(source.accessed or ""), "own": own_publication(source, author),
            "preserved": bool(source.archive or source.file), "claims": claims, "where": _where(dossier, source)}


def _paragraphs(dossier: Dossier, blocks, numbers: dict[str, int | None]) -> list[dict]:
    """Each body paragraph of the document in order, with its claim, status, sources and norms."""
    rows: list[dict] = []
    section = ""
    for block in walk(blocks):
        if isinstance(block, Heading) and block.level >= 1:
            section = plain_text(block.children)
        if not isinstance(block, Paragraph) or block.style not in (None, "recommendation"):
            continue
        text = plain_text(block.children).strip()
        if not text:
            continue
        note = next((n.number for n in block.children if isinstance(n, NoteRef)), None)
        row = {"section": section, "number": block.number, "text": text, "note": note, "claim": None,
               "status": None, "tags": [], "sources": [], "kinds": [], "norms": [], "where": "",
               "publishers": 0, "kind": "recommendation" if block.style == "recommendation" else "text"}
        claim = dossier.claims.get(block.claim or "")
        if claim:
            numbers[claim.id] = block.number
            known = [dossier.sources[e.source] for e in claim.evidence if e.source in dossier.sources]
            row.update(kind="claim", claim=claim.id, status=claim.status, tags=list(claim.tags),
                       sources=[s.id for s in known], kinds=sorted({s.kind for s in known}),
                       norms=list(claim.norms), where=_where(dossier, claim),
                       publishers=len({publisher_key(s) for s in known}))
        rows.append(row)
    return rows


def _violation_claims(dossier: Dossier, sub: Submission, printed: list[str]) -> set[str]:
    ids = {c.id for s in sub.sections if s.require_norms for c in select_claims(dossier, s.claims)}
    return ids & set(printed)


def submission_coverage(dossier: Dossier, sub: Submission) -> dict:
    """The coverage of one submission, as built (raises TemplateProblem for a broken template)."""
    assembled = assemble(dossier, sub)
    printed = [dossier.claims[c] for c in assembled.claims if c in dossier.claims]
    numbers: dict[str, int | None] = {}
    paragraphs = _paragraphs(dossier, assembled.document.blocks, numbers)
    cited: dict[str, list[str]] = {}
    for claim in printed:
        for ev in claim.evidence:
            if ev.source in dossier.sources and claim.id not in cited.setdefault(ev.source, []):
                cited[ev.source].append(claim.id)
    sources = [dossier.sources[s] for s in sorted(cited)]
    counts = claim_counts(dossier, printed, _violation_claims(dossier, sub, assembled.claims))
    counts |= source_counts(sources)
    people = [dossier.people[p] for p in assembled.people if p in dossier.people]
    counts |= {"people": len(people), "people_without_consent": sum(not p.consent.publish_name for p in people)}
    norm_ids = list(dict.fromkeys(n for c in printed for n in c.norms if n in dossier.norms))
    norm_ids += [n for r in sub.recommendations for n in r.norms if n in dossier.norms and n not in norm_ids]
    norms = [{"id": n, "short": norm_short(dossier.norms[n]), "where": _where(dossier, dossier.norms[n]),
              "claims": [c.id for c in printed if n in c.norms],
              "paragraphs": [numbers[c.id] for c in printed if n in c.norms and numbers.get(c.id)]}
             for n in norm_ids]
    recommendations = []
    for i, rec in enumerate(sub.recommendations, 1):
        support = [{"id": c, "in_document": c in numbers, "paragraph": numbers.get(c),
                    "where": _where(dossier, dossier.claims[c]) if c in dossier.claims else ""} for c in rec.claims]
        recommendations.append({"number": i, "text": rec.text.strip(), "claims": support, "norms": list(rec.norms),
                                "argued": bool(support) and all(s["in_document"] for s in support)})
    return {
        "id": sub.id, "title": sub.title, "to": sub.addressees, "edition": sub.edition, "date": str(sub.date),
        "where": _where(dossier, sub), "counts": counts, "shares": shares(counts),
        "sources_by_kind": dict(sorted(Counter(s.kind for s in sources).items())),
        "lists": {"not_preserved": [s.id for s in sources if s.url and not (s.archive or s.file)],
                  "undated": [s.id for s in sources if not s.published],
                  "not_accessed": [s.id for s in sources if s.url and not s.accessed],
                  "self_sourced": [c.id for c in printed if self_sourced(c, dossier)],
                  "uncorroborated": [c.id for c in printed if _publishers(dossier, c) < 2],
                  "people_without_consent": [p.id for p in people if not p.consent.publish_name]},
        "paragraphs": paragraphs,
        "claims": [_claim_row(dossier, c, numbers.get(c.id)) for c in printed],
        "sources": [source_row(dossier, s, cited[s.id]) for s in sources],
        "norms": norms,
        "recommendations": recommendations,
    }


def _publishers(dossier: Dossier, claim: Claim) -> int:
    return len({publisher_key(dossier.sources[e.source]) for e in claim.evidence if e.source in dossier.sources})


def _claim_row(dossier: Dossier, claim: Claim, number: int | None) -> dict:
    return {"id": claim.id, "paragraph": number, "status": claim.status, "tags": list(claim.tags),
            "norms": [n for n in claim.norms if n in dossier.norms],
            "sources": [e.source for e in claim.evidence], "publishers": _publishers(dossier, claim),
            "where": _where(dossier, claim)}


def dossier_coverage(dossier: Dossier) -> dict:
    """Figures for the whole dossier: every claim and source, and what no claim or submission uses."""
    claims = list(dossier.claims.values())
    violation = {c for sub in dossier.submissions.values() for c in _violation_claims(dossier, sub, list(dossier.claims))}
    counts = claim_counts(dossier, claims, violation)
    own_sources = list(dossier.sources.values())
    counts |= source_counts(own_sources)
    people = list(dossier.people.values())
    counts |= {"people": len(people), "people_without_consent": sum(not p.consent.publish_name for p in people)}
    cited = {e.source for c in claims for e in c.evidence}
    used_norms = {n for c in claims for n in c.norms} | {e.norm for p in people for e in p.events if e.norm}
    used_norms |= {n for s in dossier.submissions.values() for r in s.recommendations for n in r.norms}
    used_norms |= {g for n in dossier.norms.values() for g in n.interpreted_by}
    return {
        "name": dossier.name, "counts": counts, "shares": shares(counts),
        "sources_by_kind": dict(sorted(Counter(s.kind for s in own_sources).items())),
        "unused_sources": [{"id": s.id, "where": _where(dossier, s)} for s in own_sources if s.id not in cited],
        "unused_norms": [{"id": n.id, "where": _where(dossier, n)} for n in dossier.norms.values()
                         if n.id not in used_norms and not dossier.is_builtin("norms", n.id)],
    }


def coverage(dossier: Dossier, submission_ids: list[str]) -> dict:
    """The whole report: the dossier's figures and each chosen submission's."""
    return {"dossier": dossier_coverage(dossier),
            "submissions": [submission_coverage(dossier, dossier.submissions[s]) for s in submission_ids]}
