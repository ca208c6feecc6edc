"""The resolver: one message per mistake, in the author's words, and nothing lost around a mistake."""

from __future__ import annotations

import re

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefgen.models import FILE_KINDS
from briefgen.pipeline import check_dossier

from conftest import ROOTS

PYTHON_WORDS = re.compile(r"\b(dict|str|int|float|bool|NoneType|list\[|Input should|valid string|valid dictionary)\b")


def _check(root):
    _, report = check_dossier(root, use_cache=False)
    return report.sorted()


def _write_claim(root, extra: str) -> None:
    (root / "claims" / "c.yaml").write_text(
        "- id: claim-a\n  statement: Police detained forty people at a peaceful rally.\n  date: 2019-06-09\n"
        "  evidence:\n    - source: src-a\n    - source: src-b\n  norms: [iccpr-21]\n  status: corroborated\n"
        + extra, encoding="utf-8")


def test_messages_use_the_authors_words(copy_root):
    root = copy_root("good")
    _write_claim(root, "  tags: detention\n  place: [Almaty]\n  confidential: maybe\n  figures: {detained: '40'}\n"
                       "  people: {a: b}\n  notes: ~\n  statement2: x\n")
    found = _check(root)
    texts = [d.message for d in found]
    assert len(found) == 6, texts
    assert all(not PYTHON_WORDS.search(t) for t in texts), texts
    joined = "\n".join(texts)
    assert "'tags' must be a list" in joined and "got 'detention'" in joined
    assert "'place' must be text; got a list" in joined
    assert "'confidential' must be true or false; got 'maybe'" in joined
    assert "'detained' in 'figures' must be a number; got '40'" in joined
    assert "'people' must be a list" in joined and "got a mapping" in joined
    assert "unknown field 'statement2'" in joined


def test_yes_for_text_explains_yaml_booleans(copy_root):
    root = copy_root("good")
    _write_claim(root, "  place: yes\n")
    [d] = _check(root)
    assert "'place' must be text; got 'true'" in d.message and "put text in quotes" in d.message


def test_missing_fields_of_one_entry_are_one_message(copy_root):
    root = copy_root("good")
    (root / "claims" / "c.yaml").write_text("- id: claim-a\n  evidence: [{source: src-a}, {source: src-b}]\n",
                                           encoding="utf-8")
    [d] = _check(root)
    assert d.code == "BG103" and d.message == "missing fields 'statement', 'date' and 'status': add them"


def test_impossible_day_is_one_message_naming_the_field():
    [d] = _check(ROOTS / "once-impossible-date")
    assert str(d).startswith("claims/c.yaml:3:3: error[BG103] 'date': '2020-09-31' is not a day of the calendar")


def test_tab_is_named_with_its_line():
    [d] = _check(ROOTS / "bg101-tab")
    assert (d.code, d.location.line) == ("BG101", 3) and "tab" in d.message and "spaces" in d.message


def test_start_is_not_accepted_for_from(copy_root):
    root = copy_root("good")
    _write_claim(root, "")
    text = (root / "claims" / "c.yaml").read_text().replace("date: 2019-06-09", "date: {start: 2019-06-09, end: 2019-06-10}")
    (root / "claims" / "c.yaml").write_text(text)
    codes = sorted(d.code for d in _check(root))
    assert codes == ["BG103", "BG104", "BG104"]


def test_a_faulty_submission_still_has_its_references_checked():
    found = _check(ROOTS / "once-malformed-section")
    assert [d.code for d in found] == ["BG205", "BG104", "BG204", "BG103", "BG204"]
    assert "did you mean 'un-sr-assembly'" in found[0].message


def test_did_you_mean_never_offers_another_article(copy_root):
    root = copy_root("good")
    text = (root / "claims" / "c.yaml").read_text().replace("norms: [iccpr-21]", "norms: [iccpr-28, icpr-21]")
    (root / "claims" / "c.yaml").write_text(text)
    messages = [d.message for d in _check(root)]
    assert len(messages) == 2
    assert "unknown norm 'iccpr-28': define it" in messages[0]
    assert "unknown norm 'icpr-21' (did you mean 'iccpr-21'?)" in messages[1]


_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-5, 3000), st.floats(allow_nan=False, allow_infinity=False),
                     st.text(max_size=12), st.sampled_from(["2019-06-09", "2019-02-30", "2019-06", "2019", "unknown",
                                                            "src-a", "Bad Id", "iccpr-21", "news", "alleged"]))
_VALUES = st.recursive(_SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                         st.dictionaries(st.sampled_from(
                                                             ["source", "from", "to", "tags", "ids", "title", "x"]),
                                                             inner, max_size=3)), max_leaves=6)
_CLAIM_FIELDS = list(FILE_KINDS["claims"][0].model_fields) + ["from", "bogus"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(fields=st.dictionaries(st.sampled_from(_CLAIM_FIELDS), _VALUES, max_size=4))
def test_any_bad_claim_gives_clear_messages_and_no_crash(copy_root, tmp_path_factory, fields):
    root = tmp_path_factory.mktemp("d")
    for name in ("dossier.yaml", "sources.yaml"):
        (root / name).write_bytes((ROOTS / "good" / name).read_bytes())
    (root / "claims").mkdir()
    entry = {"id": "claim-a", "statement": "x", "date": "2019-06-09", "status": "alleged",
             "evidence": [{"source": "src-a"}, {"source": "src-b"}], **fields}
    (root / "claims" / "c.yaml").write_text(yaml.safe_dump([entry], allow_unicode=True), encoding="utf-8")
    found = _check(root)
    for d in found:
        assert not PYTHON_WORDS.search(d.message), d.message
        assert d.location.line >= 1, str(d)
    locations = [(d.location.line, d.location.column, d.code) for d in found]
    assert len(locations) == len(set(locations)), [str(d) for d in found]


def test_a_list_of_ids_selects_exactly_those_claims():
    from briefgen.assemble.selection import select_claims
    dossier, _ = check_dossier(ROOTS / "selection-list-form", use_cache=False)
    section = dossier.submissions["letter"].sections[0]
    assert section.claims.ids == ["claim-a", "claim-b", "claim-c"] and section.claims.tags == []
    assert [c.id for c in select_claims(dossier, section.claims)] == ["claim-a", "claim-b"]


@pytest.mark.parametrize("written, code, words", [
    # a required key with a typo: the BG104 with its 'did you mean', not also 'missing'
    ("  statsu: corroborated", "BG104", "unknown field 'statsu' (did you mean 'status'?)"),
    # a key written twice, the kept first value bad: the parser's BG102 alone
    ("  status:\n  status: corroborated", "BG102", "duplicate key 'status' (first at line 9)"),
])
def test_one_mistake_around_a_key_is_one_message(copy_root, written, code, words):
    root = copy_root("good")
    text = (root / "claims" / "c.yaml").read_text().replace("  status: corroborated", written)
    (root / "claims" / "c.yaml").write_text(text)
    [d] = _check(root)
    assert d.code == code and words in d.message
