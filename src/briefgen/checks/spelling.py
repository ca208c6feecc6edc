"""BG505: each person's name spelt one way. A claim or a submission's own text that writes a name in
another Latin spelling than the person's record ('Kaziyev' where the record has 'Kaziev') would print
the person two ways, in the letter and in its annex, and a recipient would take them for two people."""

from __future__ import annotations

import re
from typing import Iterator

from ..diagnostics import Diagnostic, diagnostic
from ..load.resolve import Dossier
from ..namekeys import is_latin, key
from .memo import kept, per_entry

_WORD = re.compile(r"[^\W\d_]+")
MIN_LETTERS = 4  # shorter name words ('Li', 'Nur') are too often words of other names or of the text


def _latin_words(text: str) -> Iterator[re.Match]:
    for match in _WORD.finditer(text):
        if len(match.group()) >= MIN_LETTERS and all(is_latin(c) for c in match.group()):
            yield match


def _spellings(dossier: Dossier) -> dict[str, dict[str, object]]:
    """Key of each Latin word of a person's name -> the spellings the records give it -> a person."""
    found: dict[str, dict[str, object]] = {}
    for person in dossier.people.values():
        for match in _latin_words(person.name):
            found.setdefault(key(match.group()), {}).setdefault(match.group().casefold(), person)
    return found


def _texts(dossier: Dossier, spellings: dict, text: str, where, owner: str, what: str) -> Iterator[Diagnostic]:
    """One diagnostic per person whose name the text spells otherwise, with every such word."""
    found: dict[str, tuple[object, list[str]]] = {}
    for match in _latin_words(text):
        word = match.group()
        records = spellings.get(key(word))
        if not records or word.casefold() in records:
            continue
        person = next(iter(records.values()))
        words = found.setdefault(person.id, (person, []))[1]
        if word not in words:
            words.append(word)
    for person, words in found.values():
        at = dossier.where(person, "name")
        written = ", ".join(f"'{w}'" for w in words)
        yield diagnostic("BG505", where,
                         f"{what} writes {written} where the record of '{person.id}' ({at.path}:{at.line}) has "
                         f"'{person.name}': use the record's spelling, so the documents name the person one way",
                         owner)


def check(dossier: Dossier) -> Iterator[Diagnostic]:
    """BG505 names spelt otherwise than in the person records, in claims and submissions' own texts."""
    context = dossier.fingerprint("people")
    spellings = kept(dossier, "BG505 spellings", context, lambda: _spellings(dossier))
    if not spellings:
        return
    for claim in dossier.claims.values():
        yield from per_entry(dossier, "spelling", claim, context, lambda: list(
            _texts(dossier, spellings, claim.statement, dossier.where(claim, "statement"), claim.id,
                   f"claim '{claim.id}'")))
    for sub in dossier.submissions.values():
        texts = [(sub.summary, ("summary",)), (sub.title, ("title",))]
        texts += [(s.text, ("sections", i, "text")) for i, s in enumerate(sub.sections)]
        texts += [(r.text, ("recommendations", i, "text")) for i, r in enumerate(sub.recommendations)]
        for text, path in texts:
            if text:
                yield from _texts(dossier, spellings, text, dossier.where(sub, *path), sub.id,
                                  f"submission '{sub.id}'")
