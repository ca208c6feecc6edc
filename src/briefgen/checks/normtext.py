"""Recognise legal provisions named in prose ("Article 405 of the Criminal Code", "art. 21 ICCPR").

Pure. An instrument named in the text matches a norm when the words of the name are all among
the words of the norm's instrument title, short form or aliases ("Administrative Code" matches
"Code of Administrative Offences"), or when it equals a short form or alias ("ICCPR"). A
provision of an instrument no norm describes is still found when its name reads like one
("Article 5 of the Law on Peaceful Assemblies", "paragraph 9.2 of the Copenhagen Document"), so
the author can be told which norm to define.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_STOP = {"of", "the", "on", "and", "for", "in", "republic", "kazakhstan", "rk", "s", "a", "an", "to"}
_ART = r"(?P<unit>articles?|arts?\.?|paragraphs?|paras?\.?)"
_NUM = r"\d+(?:[.-]\d+)*(?:\s*\(\d+\))?"
_NUMS = rf"{_NUM}(?:\s*(?:,|and|&|or)\s*{_NUM})*"
_AFTER = re.compile(rf"\b{_ART}\s*(?P<nums>{_NUMS})\s*(?:of\s+(?:the\s+)?|,\s*|\s+)"
                    r"(?P<rest>(?:(?!\b(?:articles?|arts?|paragraphs?|paras?)\b)[^.;:,()\n]){1,120})",
                    re.IGNORECASE)
_BARE = re.compile(rf"\b{_ART}\s*(?P<nums>{_NUMS})", re.IGNORECASE)
_BEFORE = re.compile(rf"\b(?P<instr>[A-Z][A-Za-z]{{1,15}})\s*,?\s*{_ART}\s*(?P<nums>{_NUMS})")
_WORD = re.compile(r"[a-z0-9]+")
_NAME_WORD = re.compile(r"[A-Za-z\u00c0-\u024f\u0400-\u04ff0-9\"'“”«»/-]+")
# Nouns that make a name a legal instrument ("Law on Peaceful Assemblies"), not a report or a place.
_INSTRUMENT_NOUNS = {"code", "law", "act", "constitution", "convention", "covenant", "charter", "declaration",
                     "document", "protocol", "decree", "regulation", "regulations", "rules", "principles",
                     "guidelines", "treaty", "statute", "resolution", "comment", "ordinance", "directive"}
_NOUN_WORDS = frozenset(w.rstrip("s") if len(w) > 4 else w for w in _INSTRUMENT_NOUNS)
_CONNECTORS = {"of", "on", "the", "and", "for", "in", "against", "to", "with"}


@dataclass(frozen=True)
class NormMention:
    """A provision named in a text: the norms it means, or the instrument it names when none does.

    `norm_ids` are the norms with that article (or paragraph) of a known instrument; when there are
    none, `instrument` is the full name of the known instrument, or else the name as written.
    """

    text: str
    article: str
    unit: str  # "article" or "paragraph"
    norm_ids: tuple[str, ...]
    instrument: str = ""
    known_instrument: bool = True


def _words(text: str) -> frozenset[str]:
    return frozenset(w.rstrip("s") if len(w) > 4 else w for w in _WORD.findall(text.lower()) if w not in _STOP)


def _articles(nums: str) -> list[str]:
    return [re.sub(r"\s*\(\d+\)", "", n).strip() for n in re.findall(_NUM, nums)]


def _unit(word: str) -> str:
    return "paragraph" if word.lower().startswith("para") else "article"


def _written_name(words: list[str]) -> str:
    """The instrument's name as written: capitalised words and the small words between them."""
    taken: list[str] = []
    for word in words:
        if word[:1].isupper() or word[:1].isdigit() or (taken and word.lower() in _CONNECTORS):
            taken.append(word)
        else:
            break
    while taken and taken[-1].lower() in _CONNECTORS:
        taken.pop()
    if not taken or not {w.lower().strip("\"'“”«»") for w in taken} & _INSTRUMENT_NOUNS:
        return ""
    return " ".join(taken)


class NormIndex:
    """Norms grouped by instrument names, to look up (instrument phrase, article)."""

    def __init__(self, norms):
        if isinstance(norms, dict):
            norms = norms.values()
        self.names: dict[frozenset[str], set[str]] = {}  # words of a name -> instrument keys
        self.exact: dict[str, set[str]] = {}  # lowercased short form or alias -> instrument keys
        self.articles: dict[tuple[str, str], list[str]] = {}  # (instrument, article) -> norm ids
        self.full_name: dict[str, str] = {}
        for norm in norms:
            key = norm.instrument
            if not isinstance(key, str) or not isinstance(norm.short, str):
                continue  # an entry with errors: its name is unknown
            self.full_name[key] = key
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
        if not words or words <= {"code", "law", "article"} or not words & _NOUN_WORDS:
            return set()  # too vague, or not the name of an instrument ("the ODIHR report")
        found: set[str] = set()
        for name_words, keys in self.names.items():
            if words <= name_words:
                found |= keys
        return found

    def _known(self, text: str, keys: set[str], nums: str, unit: str) -> list[NormMention]:
        mentions = []
        for article in _articles(nums):
            ids = tuple(sorted(i for k in keys for i in self.articles.get((k, article), [])))
            instrument = self.full_name[sorted(keys)[0]] if len(keys) == 1 else ""
            mentions.append(NormMention(text, article, unit, ids, instrument))
        return mentions

    def _mention(self, head: str, nums: str, unit: str, words: list[str]) -> tuple[list[NormMention], set[str]]:
        """The provisions an article phrase names, and the known instruments it names (none if unknown)."""
        # Try the longest leading phrase that names an instrument ("Criminal Code of Kazakhstan").
        for n in range(min(len(words), 12), 0, -1):
            phrase = " ".join(words[:n])
            keys = self.instruments(phrase)
            if keys:
                return self._known(f"{head}{phrase}".strip(), keys, nums, unit), keys
        name = _written_name(words)
        if not name:
            return [], set()
        return [NormMention(f"{head}{name}".strip(), article, unit, (), name, known_instrument=False)
                for article in _articles(nums)], set()

    def find(self, text: str, bare_default: str | None = None, bare: bool = False) -> list[NormMention]:
        """Every provision named in `text` with an instrument: known ones, and names that read like one.

        With `bare`, an article (not a paragraph) named without an instrument ("and some under Article
        667") is also found: as one of the instrument named last before it in the text, else of
        `bare_default` (the short form of the one instrument an addressee applies: the Covenant for the
        Human Rights Committee), else not at all.
        """
        lowered = text.lower()
        if "art" not in lowered and "para" not in lowered:
            return []  # most statements name no provision: spare them the expressions below
        found: list[tuple[int, int, set[str], list[NormMention]]] = []  # start, end, instrument keys
        for m in _AFTER.finditer(text):
            words = [w.strip("\"'“”«»") for w in _NAME_WORD.findall(m.group("rest"))]
            words = [w for w in words if w]
            while words and words[0].isdigit():  # a year before the name: "the 1990 Copenhagen Document"
                words.pop(0)
            head = text[m.start():m.start("rest")]
            named, keys = self._mention(head, m.group("nums"), _unit(m.group("unit")), words)
            if named:
                found.append((m.start(), m.start("rest") + len(named[0].text) - len(head), keys, named))
        for m in _BEFORE.finditer(text):
            keys = self.exact.get(m.group("instr").lower())
            if keys:
                found.append((m.start(), m.end(), keys, self._known(m.group(0), keys, m.group("nums"),
                                                                     _unit(m.group("unit")))))
        mentions = [mention for *_, named in found for mention in named]
        if bare:
            mentions += self._bare(text, found, bare_default)
        return mentions

    def _bare(self, text: str, found: list, default: str | None) -> list[NormMention]:
        """Articles named without an instrument, as the instrument named last before them, or the default."""
        mentions: list[NormMention] = []
        for m in _BARE.finditer(text):
            if _unit(m.group("unit")) != "article" or any(start <= m.start() < end for start, end, _, _ in found):
                continue  # 'para 8' alone is as often a paragraph of the document itself
            before = [(end, keys) for start, end, keys, _ in found if keys and end <= m.start()]
            keys = max(before, key=lambda b: b[0])[1] if before else self.exact.get((default or "").lower())
            if keys:
                mentions += self._known(m.group(0), keys, m.group("nums"), _unit(m.group("unit")))
        return mentions
