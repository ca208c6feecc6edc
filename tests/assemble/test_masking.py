"""Masking: every form of a hidden name a reader would recognise becomes the person's pseudonym."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefgen.assemble.masking import Masker
from briefgen.document import Document, Emph, Meta, Paragraph, Text, plain_text
from briefgen.load.resolve import Dossier
from briefgen.models import Person, Source
from briefgen.write.guard import find_leaks, secrets


def _dossier(*people: Person) -> Dossier:
    return Dossier(people={p.id: p for p in people})


SEITKALI = Person(id="seitkali-daniyar", name="Daniyar Seitkali", aliases=["Данияр Сейткали"],
                  consent={"publish_name": False})
ABENOVA = Person(id="abenova-zhanna", name="Zhanna Abenova", aliases=["Жанна Абенова"], consent={"publish_name": False})
OKSANA = Person(id="shevchuk-oksana", name="Oksana Shevchuk", consent={"publish_name": True})
INFANT = Person(id="shevchuk-e-m", name="E.M. Shevchuk", consent={"publish_name": False})
BOLAT = Person(id="bolat-aidos", name="Aidos Bolat", consent={"publish_name": False})
PUBLIC_BOLAT = Person(id="abenov-bolat", name="Bolat Abenov", consent={"publish_name": True})


@pytest.fixture
def masker() -> Masker:
    return Masker(_dossier(SEITKALI, ABENOVA, OKSANA, INFANT, BOLAT, PUBLIC_BOLAT), public=True)


# The spellings an attacker tried (issue 11): each must come out as the pseudonym alone.
DISGUISED = [
    "Daniyar Seitkali", "Mr Seitkali", "Mr. Seitkali", "D. Seitkali", "D.Seitkali", "Seitkali D.", "Seitkali",
    "SEITKALI", "Данияр Сейткали", "Данияра Сейткали", "Сейткали Данияр Ерланович", "Daniyar Erlanovich Seitkali",
    "г-н Сейткали", "Сейткалидың", "Seytkali", "Danijar Sejtkali", "Seit\u00adkali", "Seit\u200bkali",
    "Seit-\nkali", "S\u0435itkali", "Ceйткали", "Ｓｅｉｔｋａｌｉ", "Daniyar\u00a0Seitkali", "Daniyar\tSeitkali",
    "Daniyar\nSeitkali", "Daniyar\u200bSeitkali", "\u200fSeitkali\u200f", unicodedata.normalize("NFD", "Сейткали"),
    "Dani**yar Seit**kali", "Daniyar *Seit*kali", "Daniyar-Seitkali",
]


@pytest.mark.parametrize("spelling", DISGUISED)
def test_every_recognisable_form_is_masked(masker, spelling):
    assert masker.text(f"Police beat {spelling} twice.") in ("Police beat Person A twice.",
                                                             "Police beat \u200fPerson A\u200f twice.")


@pytest.mark.parametrize("spelling", ["Kaziyev", "Yerkyn Kaziyev", "Erkin Kaziev", "Казиев", "Казиева"])
def test_a_y_spelling_of_ie_is_the_same_name(spelling):
    hidden = Person(id="kaziev-yerkin", name="Yerkin Kaziev", consent={"publish_name": False})
    masker = Masker(_dossier(hidden), public=True)
    assert masker.text(f"Police beat {spelling} twice.") == "Police beat Person A twice."
    assert find_leaks({"x.html": f"<p>Police beat {spelling} twice.</p>".encode()}, secrets(_dossier(hidden)))


@pytest.mark.parametrize("text, expected", [
    ("**Daniyar** Seitkali", "**Person A**"),
    ("Daniyar **Seitkali** left", "**Person A** left"),
    ("[Daniyar](https://x.org/a) Seitkali met", "[Person A](https://x.org/a) met"),
    ("[Daniyar Seitkali](https://x.org/a)", "[Person A](https://x.org/a)"),
    ("Seitkali's lawyer", "Person A's lawyer"),
    ("Seitkali, Daniyar; Kaziev, Yerkin", "Person A; Kaziev, Yerkin"),
    ("Zhanna A. was fined", "Person A was fined"),
])
def test_markdown_around_a_name_stays_balanced(masker, text, expected):
    assert masker.text(text) == expected


def test_a_family_name_someone_public_shares_is_theirs(masker):
    assert masker.text("Ms Shevchuk and the baby; O. Shevchuk") == "Ms Shevchuk and the baby; O. Shevchuk"
    assert masker.text("her infant, E.M. Shevchuk, was held") == "her infant, Person A, was held"
    assert masker.text("Bolat Abenov spoke; Aidos Bolat did not") == "Bolat Abenov spoke; Person B did not"


def test_first_names_alone_and_ordinary_words_are_left(masker):
    text = "Daniyar went home. A Seitkali-style rally is not a name: examples, Almaty."
    assert masker.text(text).startswith("Daniyar went home. A Person A")
    assert masker.text("Zhanna was not there") == "Zhanna was not there"


def test_pseudonyms_follow_first_use_and_stay_stable(masker):
    first = masker.text("Ms Abenova met Mr Seitkali; Seitkali spoke to Abenova.")
    assert first == "Person A met Person B; Person B spoke to Person A."
    assert masker.name(ABENOVA) == "Person A" and masker.name(OKSANA) == "Oksana Shevchuk"


def test_annex_order_is_decided_after_masking(masker):
    people = [SEITKALI, OKSANA, ABENOVA, INFANT]
    ordered = masker.sorted_people(people)
    assert ordered[0] is OKSANA  # named people by family name, then the pseudonyms in order
    assert [masker.name(p) for p in ordered[1:]] == ["Person A", "Person B", "Person C"]
    # the letters come from a keyed hash, not from the real names' order
    again = Masker(_dossier(SEITKALI, ABENOVA, OKSANA, INFANT, BOLAT, PUBLIC_BOLAT), public=True)
    assert [p.id for p in again.sorted_people(list(reversed(people)))] == [p.id for p in ordered]


def test_initials_as_pseudonyms_when_the_dossier_says_so():
    from briefgen.models import DossierMeta
    d = _dossier(SEITKALI, ABENOVA)
    d.meta = DossierMeta(title="t", state="KZ", author={"name": "x"}, pseudonyms="initials")
    assert Masker(d, public=True).text("Seitkali and Абеновой") == "D. S. and Z. A."


def test_confidential_edition_masks_nothing():
    masker = Masker(_dossier(SEITKALI), public=False)
    assert masker.text("Mr Seitkali") == "Mr Seitkali" and masker.name(SEITKALI) == "Daniyar Seitkali"


def test_confidential_source_is_cited_as_a_document_on_file():
    d = _dossier(SEITKALI)
    d.sources = {s.id: s for s in (Source(id="a", title="A", kind="news"),
                                   Source(id="w", title="Witness statement", kind="other", confidential=True))}
    source, _ = Masker(d, public=True).cite(d.sources["w"], None)
    assert source.citation == "Document on file with the author (S-1)" and source.title is None and source.url is None


def test_a_name_split_over_inline_nodes_is_masked_in_the_document(masker):
    doc = Document(Meta(title="On Mr Seitkali", author="x", subject="Daniyar Seitkali", keywords="seitkali"),
                   [Paragraph([Text("Police beat Daniyar "), Emph([Text("Seit")]), Text("kali.")], anchor="seitkali-beaten")])
    masker.document(doc)
    assert plain_text(doc.blocks[0].children) == "Police beat Person A."
    assert (doc.meta.title, doc.meta.subject, doc.meta.keywords) == ("On Person A", "Person A", "Person A")
    assert "seitkali" not in doc.blocks[0].anchor


# ---- random names, disguised --------------------------------------------------------------------

LATIN = ["da", "ni", "yar", "seit", "ka", "li", "bo", "lat", "zhan", "nur", "mu", "ra", "tem", "sul", "gul", "bek"]
CYRILLIC = ["да", "ни", "яр", "сейт", "ка", "ли", "бо", "лат", "жан", "нұр", "му", "ра", "тем", "сұл", "гүл", "бек"]
_ZERO_WIDTH = ["\u200b", "\u00ad", "\u200c", "\u200d", "\u2060", "\u200e", "\u200f", "\ufeff"]
_SPACES = [" ", "\u00a0", "\t", "\n", "  ", " - ", "\u2009"]
_LOOKALIKES = dict(zip("aeopcyx", "аеорсух"))


def _name_word(syllables):
    return st.lists(st.sampled_from(syllables), min_size=2, max_size=4).map("".join).map(str.capitalize)


@st.composite
def disguised(draw):
    """A hidden person with a Latin name and a Cyrillic alias, and a spelling of one of them."""
    given, family = draw(_name_word(LATIN)), draw(_name_word(LATIN))
    alias_given, alias_family = draw(_name_word(CYRILLIC)), draw(_name_word(CYRILLIC))
    person = Person(id="hidden", name=f"{given} {family}", aliases=[f"{alias_given} {alias_family}"],
                    consent={"publish_name": False})
    words = draw(st.sampled_from([[given, family], [family], [alias_given, alias_family], [alias_family],
                                  [given[0] + ".", family], [family, given]]))
    out = []
    for word in words:
        if draw(st.booleans()):
            word = draw(st.sampled_from([str.upper, str.lower, str.title]))(word)
        if draw(st.booleans()):
            at = draw(st.integers(1, len(word) - 1))
            word = word[:at] + draw(st.sampled_from(_ZERO_WIDTH)) + word[at:]
        if draw(st.booleans()):
            word = "".join(_LOOKALIKES.get(c, c) if draw(st.booleans()) else c for c in word)
        form = draw(st.sampled_from(["NFC", "NFD", "NFKC", "fullwidth"]))
        word = "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in word) if form == "fullwidth" \
            else unicodedata.normalize(form, word)
        if draw(st.booleans()):
            word = f"*{word}*"
        out.append(word)
    statement = draw(st.sampled_from(["Police detained {} on 9 June.", "{} was beaten.", "Witnesses saw {}"]))
    return person, statement.format(draw(st.sampled_from(_SPACES)).join(out))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(disguised())
def test_no_disguised_spelling_of_a_random_name_leaks(case):
    person, statement = case
    dossier = _dossier(person)
    masked = Masker(dossier, public=True).text(statement)
    assert not find_leaks({"statement.txt": masked.encode("utf-8")}, secrets(dossier)), (statement, masked)
