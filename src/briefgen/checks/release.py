"""BG805-BG806: what a careful reviewer catches by eye before a submission leaves the organisation.

BG805 a claim a submission prints rests only on the submitter's own publications (a recipient
discounts an organisation citing itself); BG806 a source a submission cites is titled by a URL
slug, a file name or hash, or a placeholder ("Post cited in ...", "Content view").
"""

from __future__ import annotations

import re
from typing import Iterator
from urllib.parse import urlsplit

from ..assemble.selection import submission_claims
from ..diagnostics import Diagnostic, diagnostic
from ..load.resolve import Dossier
from ..models import Author, Claim, Source

_PLACEHOLDER = re.compile(
    r"^\W*(?:(?:post|tweet|video|photo|image|page|article|item|link|document|material|source|publication)s?\s+"
    r"(?:cited|quoted|referenced|mentioned|linked|used)\s+(?:in|by|at)\b"
    r"|content\s+view\b|untitled\b|no\s+title\b|title\s+unknown\b|unknown\s+title\b|n/?a\W*$)",
    re.IGNORECASE)
_WEB = re.compile(r"https?://|www\.|\.(?:html?|php|aspx?|jsp)\b", re.IGNORECASE)
_SLUG = re.compile(r"^[\w%]+(?:[-_+][\w%]+){2,}(?:\.\w{2,4})?$")  # no spaces, words joined by - _ +
_HASH = re.compile(r"\b[0-9a-f]{16,}\b|\b[0-9A-F]{16,}\b")
_FILE = re.compile(r"^[\w.-]+\.(?:jpe?g|png|gif|webp|mp4|mov|pdf|docx?|html?)$", re.IGNORECASE)


def slug_or_placeholder(text: str | None) -> str | None:
    """Why a title reads as a URL slug, a file name or hash, or a placeholder; None when it reads as a title."""
    if not text:
        return None
    text = text.strip()
    if _PLACEHOLDER.search(text):
        return "a placeholder"
    if _WEB.search(text):
        return "a web address"
    if _FILE.match(text):
        return "a file name"
    if _HASH.search(text):
        return "a hash"
    if _SLUG.match(text):
        return "a URL slug"
    return None


def _host(url: str | None) -> str:
    try:
        host = urlsplit(url or "").hostname or ""
    except ValueError:
        return ""
    return host.removeprefix("www.")


def _holds_name(a: str | None, b: str | None) -> bool:
    """Whether name a is name b, or holds it whole ('Facebook group of the Open Dialogue Foundation')."""
    def norm(s: str) -> str:
        return " " + " ".join(re.findall(r"\w+", s.casefold())) + " "
    return bool(a and b) and norm(b) in norm(a)


def own_publication(source: Source, author: Author | None) -> bool:
    """Whether the submitter published the source: its publisher or author is (or names) the dossier's
    author, or it lives on the author's website."""
    if author is None:
        return False
    if _holds_name(source.publisher, author.name) or _holds_name(source.author, author.name):
        return True
    site = _host(author.website)
    host = _host(source.url)
    return bool(site and host) and (host == site or host.endswith("." + site) or site.endswith("." + host))


def self_sourced(claim: Claim, dossier: Dossier) -> bool:
    """Whether every source of a claim is the submitter's own publication."""
    author = dossier.meta.author if dossier.meta else None
    sources = [dossier.sources[e.source] for e in claim.evidence if e.source in dossier.sources]
    return bool(sources) and len(sources) == len(claim.evidence) and all(own_publication(s, author) for s in sources)


def check(dossier: Dossier) -> Iterator[Diagnostic]:
    """BG805 claims resting on the submitter's own publications, BG806 sources titled by a slug or placeholder."""
    used_by: dict[str, list[str]] = {}
    for sub in dossier.submissions.values():
        for claim in submission_claims(dossier, sub):
            used_by.setdefault(claim.id, []).append(sub.id)
    author = dossier.meta.author.name if dossier.meta else "the submitter"
    cited: dict[str, list[str]] = {}
    for cid, subs in used_by.items():
        claim = dossier.claims[cid]
        for ev in claim.evidence:
            for sub_id in subs:
                if sub_id not in cited.setdefault(ev.source, []):
                    cited[ev.source].append(sub_id)
        if self_sourced(claim, dossier):
            yield diagnostic("BG805", dossier.where(claim, "evidence"),
                             f"claim '{cid}' (in {_names(subs)}) rests only on publications of {author}, the "
                             "submitter: a recipient discounts an organisation citing itself; add the independent "
                             "sources your report relied on", cid)
    for sid, subs in cited.items():
        source = dossier.sources.get(sid)
        if source is None:
            continue
        for field in ("title", "title_en", "description"):
            why = slug_or_placeholder(getattr(source, field))
            if why:
                yield diagnostic("BG806", dossier.where(source, field),
                                 f"the '{field}' of source '{sid}' (cited in {_names(subs)}) reads as "
                                 f"{why}, not what a reader can recognise: give the source's own title, or for "
                                 "untitled material a 'description' of what it shows", sid)


def _names(ids: list[str]) -> str:
    return ", ".join(f"'{i}'" for i in ids)
