"""Names in public editions: people without publish consent appear under a stable pseudonym. Pure."""

from __future__ import annotations

import re
import string

from ..models import Person
from ..load.resolve import Dossier


_WORDS = re.compile(r"\w+")


def contains_word(text: str, phrase: str) -> bool:
    """Whether `phrase` occurs in `text` as whole words (both already case-folded)."""
    start = text.find(phrase)
    while start != -1:
        end = start + len(phrase)
        if (start == 0 or not text[start - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
            return True
        start = text.find(phrase, start + 1)
    return False


def _letters(index: int) -> str:
    """A, B, ..., Z, AA, AB, ..."""
    out = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = string.ascii_uppercase[rem] + out
    return out


class Masker:
    """Replaces names (and aliases) of non-consenting people by 'Person A', 'Person B'... in public editions.

    Pseudonyms follow the order of people ids in the dossier, so a person keeps the same pseudonym
    throughout a document and across the documents of one dossier.
    """

    def __init__(self, dossier: Dossier, public: bool):
        self.public = public
        hidden = [p for p in dossier.people.values() if not p.consent.publish_name] if public else []
        hidden.sort(key=lambda p: p.id)
        self.pseudonyms = {p.id: f"Person {_letters(i)}" for i, p in enumerate(hidden)}
        names = []
        for p in hidden:
            for name in {p.name, *p.aliases}:
                if name.strip():
                    names.append((name.strip(), self.pseudonyms[p.id]))
        names.sort(key=lambda item: -len(item[0]))  # longest first: full names before parts
        self._table = dict((n.casefold(), pseudo) for n, pseudo in names)
        self._first_words = {w[0] for w in (_WORDS.findall(n) for n in self._table) if w}
        self._pattern = (re.compile("|".join(rf"(?<!\w){re.escape(n)}(?!\w)" for n, _ in names), re.IGNORECASE)
                         if names else None)

    def name(self, person: Person) -> str:
        """The name to print for a person."""
        return self.pseudonyms.get(person.id, person.name)

    def text(self, text: str) -> str:
        """Text with every hidden name replaced by its pseudonym."""
        if not self._pattern or not text:
            return text
        if self._first_words.isdisjoint(_WORDS.findall(text.casefold())):  # fast path: no name starts here
            return text
        return self._pattern.sub(lambda m: self._table.get(m.group(0).casefold(), "[name withheld]"), text)

    def hidden_strings(self) -> list[str]:
        """The names and aliases that must not appear in a public edition."""
        return list(self._table)
