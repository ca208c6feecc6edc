"""How names compare across scripts, spellings and disguises: a word folded to a loose Latin key.

'Seitkali', 'SEYTKALI', 'Сейткали', 'Seit\u00adkali' (soft hyphen) and 'Sеitkali' (a Cyrillic е) all
have the key 'seitkali'. The masking of public editions (assemble/masking.py) and the leak guard
(write/guard.py) both compare words by these keys; each splits text into words its own way.
Pure data and functions.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Invisible characters that may sit inside a word without splitting it: zero-width spaces and
# joiners, soft hyphens, bidirectional marks, word joiners, byte-order marks (all category Cf),
# plus the combining grapheme joiner, variation selectors and the Mongolian vowel separator.
_EXTRA_IGNORABLE = {"\u034f", "\u180e", *map(chr, range(0xFE00, 0xFE10))}
# Markdown emphasis and code marks. Inside a word they hide nothing a reader would not see through,
# except the underscore, which CommonMark prints there and identifiers use between words.
MARKUP = "*_~`"
INWORD_MARKUP = "*~`"
APOSTROPHES = "'\u2019\u02bc\u02bb`"


def is_ignorable(ch: str) -> bool:
    """Whether a character is invisible and must not split or change a word."""
    return ch in _EXTRA_IGNORABLE or unicodedata.category(ch) == "Cf"


def is_cyrillic(ch: str) -> bool:
    code = ord(ch)
    return 0x0400 <= code <= 0x052F or 0x1C80 <= code <= 0x1C8F or 0x2DE0 <= code <= 0x2DFF or 0xA640 <= code <= 0xA69F


def is_latin(ch: str) -> bool:
    return ch.isalpha() and (ch.isascii() or 0x00C0 <= ord(ch) <= 0x024F or 0x1E00 <= ord(ch) <= 0x1EFF)


# Letters that look alike. A word written mostly in one script with a few look-alikes of the other
# is read in its own script: 'Sеitkali' with a Cyrillic е is Latin, 'Ceйткали' with a Latin C is
# Cyrillic. Greek look-alikes are always read as Latin.
_CYR_LOOKS_LATIN = dict(zip("АВЕКМНОРСТХУаеорсухіІјЈѕЅһҺԁԛԝӏӀ", "ABEKMHOPCTXYaeopcyxiIjJsShHdqwlI"))
_LAT_LOOKS_CYR = {lat: cyr for cyr, lat in _CYR_LOOKS_LATIN.items() if cyr in "АВЕКМНОРСТХУаеорсух"}
_GREEK_LOOKS_LATIN = dict(zip("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧαεικνορτυχ", "ABEZHIKMNOPTYXaeikvoptux"))

# Russian and Kazakh Cyrillic in a loose Latin spelling (the Latin folding below then merges the
# usual transliteration schemes: BGN/PCGN, scholarly, passport, Kazakh Latin).
_TRANSLIT = {
    "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "i", "і": "i", "к": "k", "қ": "k", "л": "l", "м": "m", "н": "n", "ң": "n",
    "о": "o", "ө": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ұ": "u", "ү": "u", "ф": "f",
    "х": "kh", "һ": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e",
    "ю": "yu", "я": "ya", "є": "ye", "ї": "yi", "ґ": "g", "ў": "u", "ј": "j",
}
_PLAIN_CYRILLIC = frozenset(_TRANSLIT)
# Latin letters with a diacritic that stands for two letters in other schemes (š = sh, ž = zh).
_DIGRAPH_MARKS = {("s", "\u030c"): "sh", ("z", "\u030c"): "zh", ("c", "\u030c"): "ch", ("s", "\u0327"): "sh",
                  ("c", "\u0327"): "ch"}
_LATIN_SPECIAL = {"ı": "i", "ŋ": "n", "ə": "a", "ß": "ss", "ø": "o", "æ": "ae", "đ": "d", "ł": "l"}
# Spelling variants of one sound, merged in this order; each with the letters without which it
# cannot match (a quick test that spares most words most expressions; '' for none).
_LATIN_FOLDS = [(re.compile(p), r, needs) for p, r, needs in (
    (r"tsch|tch", "ch", "ch"), (r"shch|sch", "sh", "ch"), (r"dzh|dj", "zh", "d"), (r"kh", "h", "kh"),
    (r"x", "ks", "x"), (r"ck", "k", "ck"), (r"ph", "f", "ph"), (r"c(?!h)", "k", "c"), (r"q", "k", "q"),
    (r"w", "v", "w"), (r"tz", "ts", "tz"), (r"y", "i", "y"), (r"j", "i", "j"),
    # doubled letters merge before 'ie' does, so 'Kaziyev' (kaziiev) meets 'Kaziev'; and again after it
    (r"(.)\1+", r"\1", ""), (r"ie", "e", "ie"), (r"(.)\1+", r"\1", ""),
)]


def _letter_key(ch: str) -> str:
    """One character (a letter with its combining marks, already case-folded) as key letters."""
    decomposed = unicodedata.normalize("NFD", ch)
    base, marks = decomposed[:1], decomposed[1:]
    if ch in _TRANSLIT:  # Cyrillic letters with marks (й, ё, ә...) are letters of their own
        return _TRANSLIT[ch]
    if base in _TRANSLIT:
        return _TRANSLIT[base]
    for mark in marks:
        if (base, mark) in _DIGRAPH_MARKS:
            return _DIGRAPH_MARKS[(base, mark)]
    if ch in _LATIN_SPECIAL:
        return _LATIN_SPECIAL[ch]
    return base if base.isalnum() else ""


def _read_in_one_script(letters: list[str]) -> list[str]:
    """Letters of one word with look-alikes of the minority script replaced by the majority's."""
    letters = [_GREEK_LOOKS_LATIN.get(c, c) for c in letters]
    cyrillic = sum(1 for c in letters if is_cyrillic(c[0]))
    latin = sum(1 for c in letters if is_latin(c[0]))
    if not cyrillic or not latin:
        return letters
    if cyrillic > latin:
        return [_LAT_LOOKS_CYR.get(c, c) for c in letters]
    return [_CYR_LOOKS_LATIN.get(c, c) for c in letters]


def fold_latin(text: str) -> str:
    """A Latin spelling with its variants merged: 'Daniyar', 'Danijar', 'Daniiar' -> 'daniar'."""
    for pattern, replacement, needs in _LATIN_FOLDS:
        if needs in text:
            text = pattern.sub(replacement, text)
    return text


def word_key(letters) -> str:
    """The key of one word given as its letters (each a character with its combining marks).

    Invisible characters and Markdown marks must already be removed; the result holds only
    lowercase ASCII letters and digits.
    """
    return _word_key(tuple(letters))


@lru_cache(maxsize=65536)
def _word_key(letters: tuple[str, ...]) -> str:
    if all(c.isascii() for c in letters):
        return fold_latin("".join(letters).lower())
    out = []
    for cluster in _read_in_one_script(list(letters)):
        for ch in unicodedata.normalize("NFKC", unicodedata.normalize("NFC", cluster)).casefold():
            out.append(_letter_key(unicodedata.normalize("NFC", ch)) if not ch.isascii() else ch)
    return fold_latin("".join(out))


@lru_cache(maxsize=65536)
def key(text: str) -> str:
    """The key of a short text read as one word (names, aliases, suffixes): letters only."""
    if _PLAIN_CYRILLIC.issuperset(text):
        # Lowercase Russian or Kazakh letters only (as in the case forms of names): each letter
        # is a cluster of its own, kept as it is by the normalisations: the same key, sooner.
        return fold_latin("".join([_TRANSLIT[ch] for ch in text]))
    return word_key(clusters(text))


def clusters(text: str) -> list[str]:
    """The letters and digits of a text, each with its combining marks; invisible characters dropped."""
    found: list[str] = []
    for ch in text:
        if is_ignorable(ch):
            continue
        if unicodedata.category(ch).startswith("M") and found:
            found[-1] += ch
        elif ch.isalnum():
            found.append(ch)
    return found


def alternative_keys(letters: list[str]) -> tuple[str, ...]:
    """The keys a word may stand for: a Latin 'j' is read as й (Danijar) and as ж (Janna)."""
    primary = word_key(letters)
    if not any(c in "jJ" for c in letters):
        return (primary,)
    return (primary, word_key([c.replace("j", "zh").replace("J", "Zh") for c in letters]))


# Kazakh case, plural and possessive endings (every vowel-harmony variant), English 's and plural.
KAZAKH_SUFFIXES = tuple(dict.fromkeys(key(s) for s in (
    "ның нің дың дің тың тің ға ге қа ке на не а е ны ні ды ді ты ті н да де та те нда нде дан ден тан тен "
    "нан нен мен бен пен лар лер дар дер тар тер ы і сы сі ын ін сын сін"
).split())) + ("s",)
