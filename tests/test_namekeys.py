"""Name keys: the quick ways (lowercase Cyrillic words; folding only what can match) give the keys
the general way gives."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from briefgen.namekeys import _TRANSLIT, clusters, fold_latin, key, word_key

_LOWER = "".join(_TRANSLIT)


def test_every_lowercase_letter_is_its_own_cluster_through_the_normalisations():
    for letter in _LOWER:
        assert unicodedata.normalize("NFKC", unicodedata.normalize("NFC", letter)).casefold() == letter
        assert clusters(letter) == [letter]


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet=_LOWER, max_size=14))
def test_lowercase_cyrillic_words_get_the_general_key(word):
    assert key(word) == word_key(clusters(word))


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=_LOWER + "АБЁЙӘҚabcй\u0306\u0301\u00ad-' ", max_size=14))
def test_other_words_take_the_general_way(word):
    assert key(word) == word_key(clusters(word))


def test_known_keys():
    assert key("сейткали") == key("Сейткали") == key("Seitkali") == "seitkali"
    assert key("абеновой") == "abenovoi"
    assert key("щукина") == key("Shchukina")
    assert key("Kaziyev") == key("Kaziev") == key("Казиев")
    assert key("Aliyev") == key("Aliev") == key("Алиев")


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet="tschdzjkhxpqwyieaou", max_size=16))
def test_folding_skips_only_expressions_that_cannot_match(text):
    expected = text
    for pattern, replacement in ((r"tsch|tch", "ch"), (r"shch|sch", "sh"), (r"dzh|dj", "zh"), (r"kh", "h"),
                                 (r"x", "ks"), (r"ck", "k"), (r"ph", "f"), (r"c(?!h)", "k"), (r"q", "k"), (r"w", "v"),
                                 (r"tz", "ts"), (r"[yj]", "i"), (r"(.)\1+", r"\1"), (r"ie", "e"),
                                 (r"(.)\1+", r"\1")):
        expected = re.sub(pattern, replacement, expected)  # the folding as first written: every expression
    assert fold_latin(text) == expected
