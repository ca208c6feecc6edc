"""Recognise references to norms in prose ("Article 405 of the Criminal Code", "art. 21 ICCPR").

Pure. An instrument named in the text matches a norm when the words of the name are all among
the words of the norm's instrument title, short form or aliases ("Administrative Code" matches
"Code of Administrative Offences"), or when it equals a short form or alias ("ICCPR").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..models import Norm

_STOP = {"of", "the", "on", "and", "for", "in", "republic", "kazakhstan", "rk", "s", "a", "an", "to"}
_ART = r"(?:articles?|arts?\.?)"
_NUM = r"\d+(?:[.-]\d+)*(?:\s*\(\d+\))?"
_NUMS = rf"{_NUM}(?:\s*(?:,|and|&|or)\s*{_NUM})*"
_AFTER = re.compile(rf"\b{_ART}\s*(?P<nums>{_NUMS})\s*(?:of\s+(?:the\s+)?|,\s*|\s+)(?P<rest>(?:(?!\b(?:articles?|arts?)\b)[^.;:,()\n]){{1,120}})",
                    re.IGNORECASE)
_BEFORE = re.compile(rf"\b(?P<instr>[A-Z][A-Za-z]{{1,15}})\s*,?\s*{_ART}\s*(?P<nums>{_NUMS})")
_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class NormMention:
    """An article of an instrument named in a text, with the norms it may mean."""

    text: str
    article: str
    norm_ids: tuple[str, ...]


def _words(text: str) -> frozenset[str]:
    return frozenset(w.rstrip("s") if len(w) > 4 else w for w in _WORD.findall(text.lower()) if w not in _STOP)


def _articles(nums: str) -> list[str]:
    return [re.sub(r"\s*\(\d+\)", "", n).strip() for n in re.findall(_NUM, nums)]


class NormIndex:
    """Norms grouped by instrument names, to look up (instrument phrase, article)."""

    def __init__(self, norms: dict[str, Norm]):
        self.names: dict[frozenset[str], set[str]] = {}  # words of a name -> instrument keys
        self.exact: dict[str, set[str]] = {}  # lowercased short form or alias -> instrument keys
        self.articles: dict[tuple[str, str], list[str]] = {}  # (instrument, article) -> norm ids
        for norm in norms.values():
            key = norm.instrument
            article = norm.article or norm.paragraph
            if article:
                self.articles.setdefault((key, article), []).append(norm.id)
            for name in (norm.instrument, norm.short, *norm.aliases):
                self.names.setdefault(_words(name), set()).add(key)
                self.exact.setdefault(name.lower(), set()).add(key)

    def instruments(self, phrase: str) -> set[str]:
        """Instruments a phrase may name: exact short forms first, then by words."""
        phrase = phrase.strip().lower()
        if phrase in self.exact:
            return self.exact[phrase]
        words = _words(phrase)
        if not words or words <= {"code", "law", "article"}:
            return set()
        found: set[str] = set()
        for name_words, keys in self.names.items():
            if words <= name_words:
                found |= keys
        return found

    def _mention(self, head: str, nums: str, phrase_words: list[str]) -> list[NormMention]:
        # Try the longest leading phrase that names an instrument ("Criminal Code of Kazakhstan").
        for n in range(min(len(phrase_words), 12), 0, -1):
            phrase = " ".join(phrase_words[:n])
            keys = self.instruments(phrase)
            if not keys:
                continue
            mentions = []
            for article in _articles(nums):
                ids = tuple(sorted(i for k in keys for i in self.articles.get((k, article), [])))
                mentions.append(NormMention(f"{head}{phrase}".strip(), article, ids))
            return mentions
        return []

    def find(self, text: str) -> list[NormMention]:
        """Every article reference in `text` that names an instrument briefgen knows."""
        mentions: list[NormMention] = []
        for m in _AFTER.finditer(text):
            words = re.findall(r"[A-Za-z\u00c0-\u024f\u0400-\u04ff\"'“”«»]+", m.group("rest"))
            words = [w.strip("\"'“”«»") for w in words]
            head = text[m.start():m.start("rest")]
            mentions += self._mention(head, m.group("nums"), [w for w in words if w])
        for m in _BEFORE.finditer(text):
            keys = self.exact.get(m.group("instr").lower())
            if keys:
                for article in _articles(m.group("nums")):
                    ids = tuple(sorted(i for k in keys for i in self.articles.get((k, article), [])))
                    mentions.append(NormMention(m.group(0), article, ids))
        return mentions
