"""Text split into the words that name matching works on: where each word is, its keys (namekeys),
what separates it from the next; and the Markdown marks a replaced name must keep balanced. Pure."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from ..namekeys import APOSTROPHES, INWORD_MARKUP, MARKUP, alternative_keys, is_ignorable

_HYPHENS = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"


@dataclass(slots=True)
class Word:
    """One word of a text: its span, its letters and keys, and what follows it up to the next word."""

    start: int
    end: int
    letters: list[str]
    keys: tuple[str, ...]
    capital: bool  # written with a capital, as initials are
    sep: str = ""  # what stands between this word and the next

    @property
    def short(self) -> bool:
        return len(self.keys[0]) <= 2


def _continues_word(text: str, i: int) -> int:
    """The index of the next letter if only invisible characters, apostrophes or Markdown marks
    stand between here and it; else -1."""
    j = i
    while j < len(text) and (is_ignorable(text[j]) or text[j] in INWORD_MARKUP or text[j] in APOSTROPHES):
        if text[j] in APOSTROPHES and text[j + 1:j + 2] in ("s", "S") and not text[j + 2:j + 3].isalnum():
            return -1  # the English possessive stays outside the name: "Person A's"
        j += 1
    return j if j < len(text) and j > i and text[j].isalnum() else -1


def split_words(text: str) -> list[Word]:
    """The words of a text, a Markdown link's destination left out."""
    words: list[Word] = []
    i, n = 0, len(text)
    while i < n:
        if text.startswith("](", i):  # a Markdown link's destination: not text
            close = text.find(")", i + 2)
            i = n if close == -1 else close + 1
            continue
        if not text[i].isalnum():
            i += 1
            continue
        start, letters = i, []
        while i < n:
            ch = text[i]
            if ch.isalnum():
                letters.append(ch)
                i += 1
            elif unicodedata.category(ch).startswith("M") and letters:
                letters[-1] += ch
                i += 1
            else:
                nxt = _continues_word(text, i)
                if nxt == -1:
                    break
                i = nxt
        if words:
            words[-1].sep = text[words[-1].end:start]
        words.append(Word(start, i, letters, alternative_keys(letters), letters[0][0].isupper()))
    if words:
        words[-1].sep = text[words[-1].end:]
    return words


def light(sep: str, after_short: bool) -> bool:
    """Whether a separator joins two words of one name: spaces, line breaks, hyphens, invisible
    characters, Markdown marks and links; a full stop only after an initial or an honorific."""
    rest = sep
    while "](" in rest:
        at = rest.index("](")
        close = rest.find(")", at)
        rest = rest[:at] + " " + (rest[close + 1:] if close != -1 else "")
    for ch in rest:
        if ch.isspace() or ch in _HYPHENS or ch in MARKUP or ch in "[]" or is_ignorable(ch):
            continue
        if ch == "." and after_short:
            after_short = False  # one full stop
            continue
        return False
    return True


def joinable(sep: str) -> bool:
    """Whether a separator may stand inside one word of a name ('Seit-kali', 'Seit kali')."""
    return light(sep, False) and "](" not in sep


def _marks(text: str) -> list[str]:
    """Markdown emphasis runs, link openings and link endings ('](url)') in text, in order."""
    out, i = [], 0
    while i < len(text):
        ch = text[i]
        if ch in MARKUP:
            j = i
            while j < len(text) and text[j] == ch:
                j += 1
            out.append(text[i:j])
            i = j
        elif text.startswith("](", i):
            close = text.find(")", i)
            out.append(text[i:close + 1] if close != -1 else text[i:])
            i = len(text) if close == -1 else close + 1
        elif ch in "[]":
            out.append(ch)
            i += 1
        else:
            i += 1
    return out


def balance(before: str, inside: str) -> tuple[str, str]:
    """The Markdown marks of a replaced span to keep before and after the pseudonym, so that
    emphasis and links opened or closed outside the span stay balanced."""
    open_outside: dict[str, int] = {}
    for mark in _marks(before):
        kind = "[" if mark == "[" else ("]" if mark.startswith("]") else mark)
        if kind == "]":
            open_outside["["] = max(0, open_outside.get("[", 0) - 1)
        elif kind == "[":
            open_outside["["] = open_outside.get("[", 0) + 1
        else:
            open_outside[kind] = open_outside.get(kind, 0) ^ 1
    stack: list[str] = []
    after: list[str] = []
    for mark in _marks(inside):
        closing = "[" if mark.startswith("]") else mark
        if mark == "[":
            stack.append("[")
        elif stack and stack[-1] == closing:
            stack.pop()
        elif open_outside.get(closing):
            open_outside[closing] -= 1
            after.append(mark)
        else:
            stack.append(mark)
    return "".join(m for m in stack), "".join(after)
