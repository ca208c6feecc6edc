"""Typography of printed text: typographic quotation marks, abbreviations spelled out at first use,
language names. Pure."""

from __future__ import annotations

import re

LANGUAGE_NAMES = {
    "ar": "Arabic", "de": "German", "en": "English", "es": "Spanish", "fr": "French", "it": "Italian",
    "kk": "Kazakh", "ky": "Kyrgyz", "pl": "Polish", "ru": "Russian", "tg": "Tajik", "tk": "Turkmen",
    "uk": "Ukrainian", "uz": "Uzbek", "zh": "Chinese", "be": "Belarusian", "az": "Azerbaijani",
    "hy": "Armenian", "ka": "Georgian", "tr": "Turkish",
}

# Abbreviations every reader of our documents meets; a dossier's `abbreviations` add to them. A long
# form that begins with "the" takes the article where the abbreviation is used without one
# ("We ask ODIHR" -> "We ask the Office for ... (ODIHR)").
COMMON_ABBREVIATIONS = {
    "EU": "the European Union",
    "UN": "the United Nations",
    "OSCE": "the Organization for Security and Co-operation in Europe",
    "ODIHR": "the Office for Democratic Institutions and Human Rights",
    "OHCHR": "the Office of the United Nations High Commissioner for Human Rights",
    "EEAS": "the European External Action Service",
    "NGO": "non-governmental organisation",
    "NGOs": "non-governmental organisations",
}

# Capitalised words that are not abbreviations a reader needs spelled out: numerals, single letters,
# editorial markers (BG801 reports those) and currency codes.
_NOT_ABBREVIATIONS = re.compile(r"^(?:[IVXLC]+|[A-Z]|[A-Z]\d+|\d+[A-Z]+|TODO|TBD|TBC|FIXME|XXX+|EUR|USD|GBP|CHF|KZT|RUB)$")
_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "its", "their", "our", "his", "her", "your",
                "whose", "each", "every", "any", "no", "which"}
_PREVIOUS_WORD = re.compile(r"([\w’']+)\W*$")
_CAPITALS = re.compile(r"(?<![\w/.@#-])([A-Z][A-Z0-9]*[A-Z][A-Z0-9]*s?)(?![\w/@-])")


NBSP = "\u00a0"
# A line never ends between a title and the name, or between "art", "para", "n" and their number.
_UNBREAKABLE = re.compile(r"\b(?:(Mr|Ms|Mrs|Dr) (?=[A-ZА-ЯЁ])|(art|arts|para|paras|n|nn|p|pp|No|Nos|Article|Articles) (?=\d))")


def no_break(text: str) -> str:
    """Non-breaking spaces where a line break would part words a reader takes as one ('Ms Shevchuk',
    'arts 7', 'n 12')."""
    return _UNBREAKABLE.sub(lambda m: (m.group(1) or m.group(2)) + NBSP, text) if " " in text else text


def smart_quotes(text: str) -> str:
    """Straight quotation marks and apostrophes as typographic ones: “ ” ‘ ’."""
    if '"' not in text and "'" not in text:
        return text
    out = []
    for i, ch in enumerate(text):
        before = text[i - 1] if i else " "
        opening = before.isspace() or before in "([{“‘—–-/"
        if ch == '"':
            out.append("“" if opening else "”")
        elif ch == "'":
            out.append("‘" if opening and not (i + 1 < len(text) and text[i + 1].isspace()) else "’")
        else:
            out.append(ch)
    return "".join(out)


def capitalised_words(text: str) -> list[str]:
    """Words in capitals that read as abbreviations ('DCK', 'CEC'), in order, each once."""
    found = []
    for m in _CAPITALS.finditer(text):
        word = m.group(1)
        if not _NOT_ABBREVIATIONS.match(word) and word not in found:
            found.append(word)
    return found


class Abbreviations:
    """Spells out each abbreviation at its first use in a document: 'Democratic Choice of Kazakhstan (DCK)'."""

    def __init__(self, defined: dict[str, str], already_defined: set[str] = frozenset()):
        self.defined = {**COMMON_ABBREVIATIONS, **defined}
        self.done: set[str] = set(already_defined)
        words = sorted(self.defined, key=len, reverse=True)
        self._pattern = re.compile(r"(?<![\w/.@#-])(" + "|".join(map(re.escape, words)) + r")(?![\w/@-])") if words else None

    def expand(self, text: str) -> str:
        """The text with abbreviations not yet seen in this document spelled out."""
        if not self._pattern:
            return text

        def first_use(m: re.Match) -> str:
            word = m.group(1)
            if word in self.done:
                return word
            self.done.add(word)
            long = self.defined[word]
            bare = long[4:] if long.startswith("the ") else long
            already = text[max(0, m.start() - len(bare) - 2):m.start()]
            if already.rstrip(" (").endswith(bare):  # the author spelled it out already
                return word
            if bare is long:
                return f"{long} ({word})"
            before = text[:m.start()]
            previous = _PREVIOUS_WORD.search(before)
            if previous and previous.group(1).lower() in _DETERMINERS:
                return f"{bare} ({word})"
            sentence_start = not before.strip() or before.rstrip()[-1] in ".!?:"
            return f"{'The' if sentence_start else 'the'} {bare} ({word})"

        return self._pattern.sub(first_use, text)
