"""The last guard of a public edition: no confidential string may reach the output. Pure."""

from __future__ import annotations

from ..document import Document, walk_text
from ..assemble.masking import Masker, contains_word
from ..models import Submission
from ..load.resolve import Dossier

MIN_LENGTH = 4  # shorter strings match too much ordinary text to be meaningful


def confidential_strings(dossier: Dossier, public: bool = True) -> list[str]:
    """Names without consent, and the titles and URLs of confidential sources and claims' statements."""
    strings = set(Masker(dossier, public=public).hidden_strings())
    for source in dossier.sources.values():
        if source.confidential:
            strings.update(s for s in (source.title, source.url, source.file) if s)
    for claim in dossier.claims.values():
        if claim.confidential:
            strings.add(claim.statement.strip())
    return sorted(s for s in strings if len(s) >= MIN_LENGTH)


def confidential_leaks(dossier: Dossier, submission: Submission, document: Document) -> list[str]:
    """Confidential strings found in a public edition's text (empty for confidential editions)."""
    if submission.edition != "public":
        return []
    text = "\n".join(walk_text(document))
    folded = text.casefold()
    return [s for s in confidential_strings(dossier) if contains_word(folded, s.casefold())]
