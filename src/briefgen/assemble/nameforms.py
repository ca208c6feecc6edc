"""The forms of a person's name a reader would recognise, as keys (see namekeys): the name and its
aliases in any script, Russian case forms (pymorphy3), Kazakh case endings, initials. Pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..models import Person
from ..namekeys import KAZAKH_SUFFIXES, is_cyrillic, key

# Words that stand before a name and go with it when the name is masked ("Mr Seitkali", "г-н Сейткали").
_HONORIFIC_WORDS = ("mr mrs ms miss mister madam madame mme mlle dr sir lady prof herr frau sr sra srta "
                    "господин госпожа гражданин гражданка мистер")
# 'г-н', 'г-жа' and their case forms, as two words.
_HONORIFIC_PAIRS = tuple(("g", key(end)) for end in "н на ну ном не жа жи же жу жой".split())

_PATRONYMIC = re.compile(r"(ovich|evich|ovn|evn|ichn|uli|kizi)[a-z]{0,3}$")

# Latin spellings read back as Russian, so that pymorphy3 can inflect names given in Latin only.
_TO_CYRILLIC = [("shch", "щ"), ("sh", "ш"), ("ch", "ч"), ("zh", "ж"), ("kh", "х"), ("ts", "ц"), ("yu", "ю"),
                ("ya", "я"), ("yo", "ё"), ("ye", "е"), ("iu", "ю"), ("ia", "я")]
_TO_CYRILLIC_LETTERS = dict(zip("abvgdezijklmnoprstufhcywqx", "абвгдезийклмнопрстуфхцйвкх"))


def to_cyrillic(word: str) -> str:
    """A Latin spelling of a Russian or Kazakh name in Cyrillic, as a Russian reader would write it."""
    out, i, low = [], 0, word.casefold()
    while i < len(low):
        for latin, cyrillic in _TO_CYRILLIC:
            if low.startswith(latin, i):
                out.append(cyrillic)
                i += len(latin)
                break
        else:
            out.append(_TO_CYRILLIC_LETTERS.get(low[i], low[i]))
            i += 1
    return "".join(out)


@lru_cache(maxsize=1)
def _morph():
    import pymorphy3
    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=4096)
def inflections(word: str) -> frozenset[str]:
    """Keys of a name word in every form: as written, Russian cases and numbers, Kazakh endings."""
    base = key(word)
    if not base:
        return frozenset()
    forms = {base} | {base + s for s in KAZAKH_SUFFIXES}
    if len(base) > 1:
        cyrillic = word if any(is_cyrillic(c) for c in word) else to_cyrillic(word)
        parses = _morph().parse(cyrillic.casefold())
        names = [p for p in parses if {"Name", "Surn", "Patr"} & p.tag.grammemes]
        for parse in names or [p for p in parses if p.tag.POS == "NOUN"]:
            forms.update(key(f.word) for f in parse.lexeme)
    return frozenset(f for f in forms if f)


def is_patronymic(word_key: str) -> bool:
    """Whether a word's key looks like a patronymic (Ерланович, Ерлановна, Ерланұлы, Ерланқызы)."""
    return bool(_PATRONYMIC.search(word_key)) and len(word_key) > 5


def honorifics() -> tuple[tuple[str, ...], ...]:
    """Honorifics as sequences of word keys, every case form included."""
    singles = {(form,) for word in _HONORIFIC_WORDS.split() for form in inflections(word) if form}
    return tuple(sorted(singles)) + _HONORIFIC_PAIRS


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[\W_]+", text) if w]


@dataclass
class NameForms:
    """What names one person: keys that do so alone, keys that do so only next to another part of
    the name, and the person's initials."""

    person_id: str
    strong: set[str] = field(default_factory=set)
    weak: set[str] = field(default_factory=set)
    initials: set[str] = field(default_factory=set)
    phrases: list[list[str]] = field(default_factory=list)  # the name and aliases, word by word


def person_forms(person: Person, public_words: set[str]) -> NameForms:
    """The forms of a hidden person's name.

    The family name names the person alone, unless it is also a word of the name of someone who
    may be named (then it is theirs: 'Shevchuk' stays, 'E.M. Shevchuk' goes) or it is one or two
    letters long. First names
    name the person only next to the family name, an initial or a patronymic. Every word of an
    alias that is neither a first name nor the family name (a nickname, another surname) names
    the person alone.
    """
    forms = NameForms(person.id)
    given = [w for w in _words(person.given)]
    family = _words(person.family)
    given_keys = {key(w) for w in given}
    for word in given:
        _add_word(forms, word, False, public_words)
    for word in family:
        _add_word(forms, word, key(word) not in public_words and len(key(word)) > 2, public_words)
    for alias in person.aliases:
        for word in _words(alias):
            k = key(word)
            _add_word(forms, word, k not in given_keys and len(k) > 2 and k not in public_words, public_words)
    phrases = [_words(person.name), *(_words(a) for a in person.aliases)]
    forms.phrases = [[key(w) for w in p] for p in phrases if p]
    for words in phrases:  # "DaniyarSeitkali", "SeitkaliDaniyar": a name written as one word
        if len(words) > 1:
            forms.strong.add("".join(key(w) for w in words))
            forms.strong.add("".join(key(w) for w in reversed(words)))
    return forms


def _add_word(forms: NameForms, word: str, strong: bool, public_words: set[str]) -> None:
    """A word of the name with its forms; a form that is a word of a public person's name
    ('Abenov' among the forms of 'Abenova') never names the hidden person alone."""
    k = key(word)
    if not k:
        return
    forms.initials.add(k[0])
    if k[:2] in ("zh", "sh", "ch"):
        forms.initials.add(k[:2])
    if len(k) <= 2:
        forms.initials.add(k)
        return
    every = inflections(word)
    if strong:
        forms.strong.update(every - public_words)
        forms.weak.update(every & public_words)
    else:
        forms.weak.update(every)


def public_name_keys(people) -> set[str]:
    """Keys of every word of the names and aliases of people who may be named: such a word never
    names a hidden person alone ('Bolat' may be someone's first name and another's family name)."""
    return {key(w) for person in people for name in (person.name, *person.aliases) for w in _words(name)}
