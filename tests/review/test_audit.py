"""`briefgen audit` on the DOCX of tests/roots/review-letter, edited as a lawyer would: in Word's stead
with python-docx, and in LibreOffice itself (open, edit, save as DOCX). Every finding is asserted.

The built letter: para 5 rally-detentions (note 1), 6 van-video (note 2), 7 ministry-denial (note 3),
8 beaten-in-custody (note 4), 9 night-courts (note 5).
"""

from __future__ import annotations

import io
import json

import docx
import pytest
from lxml import etree

from briefgen.build import render_formats
from briefgen.cli import cli
from briefgen.pipeline import check_dossier
from briefgen.review.audit import assertion_reason, audit, normalise, sentences, word_diff
from conftest import ROOTS
from render.test_docx_edits import edit_in_libreoffice

LETTER = ROOTS / "review-letter"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
TEXT = {"rally-detentions": "Police detained forty people at a peaceful rally in Almaty on 9 June 2019.",
        "van-video": "A video shows officers dragging a protester into a van.",
        "night-courts": "Courts sentenced the detainees at night without counsel (ICCPR, art 14).",
        "ministry-denial": "The Ministry said that no one was detained for taking part in the rally."}
ADDED = "On 11 June 2019 the police detained 12 more people outside the court."


@pytest.fixture(scope="module")
def dossier():
    resolved, report = check_dossier(LETTER, use_cache=False)
    assert report.errors == 0
    return resolved


@pytest.fixture(scope="module")
def built(dossier) -> bytes:
    return render_formats(dossier, dossier.submissions["letter"], ["docx"], None)["docx"]


def _find(word, words: str):
    return next(p for p in word.paragraphs if words in p.text)


def _notes_part(word):
    return next(rel.target_part for rel in word.part.rels.values() if rel.reltype.endswith("/footnotes"))


def _save(word) -> bytes:
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def edit_like_word(data: bytes) -> bytes:
    """Delete the night-courts paragraph (its note goes with it), delete van-video's note, merge
    rally-detentions with van-video, add an unsourced paragraph after ministry-denial."""
    word = docx.Document(io.BytesIO(data))
    gone = _find(word, "Courts sentenced")._p
    gone.getparent().remove(gone)
    van = _find(word, "A video shows")._p
    ref = van.xpath(".//w:footnoteReference")[0]
    note_id = ref.get(f"{{{W}}}id")
    ref.getparent().getparent().remove(ref.getparent())
    part = _notes_part(word)
    notes = etree.fromstring(part.blob)
    notes.remove(notes.xpath(f"w:footnote[@w:id='{note_id}']", namespaces=NS)[0])
    part._blob = etree.tostring(notes, xml_declaration=True, encoding="UTF-8", standalone=True)
    rally = _find(word, "Police detained forty")._p
    rally.append(etree.fromstring(f'<w:r xmlns:w="{W}"><w:t xml:space="preserve"> </w:t></w:r>'))
    for child in [c for c in van if c.tag != f"{{{W}}}pPr"]:
        rally.append(child)
    van.getparent().remove(van)
    ministry = _find(word, "The Ministry said")
    added = ministry.insert_paragraph_before(ADDED, style=ministry.style)
    ministry._p.addnext(added._p)  # after it, as a lawyer presses Enter at its end
    return _save(word)


def test_unedited_document_has_nothing_to_report(built, dossier):
    found = audit(built, "letter.docx", dossier)
    assert found["built_by_briefgen"] and found["submission"] == "letter"
    assert found["notices"] == []
    assert found["summary"] == {"claims_present": 5, "claims_changed": 0, "claims_gone": 0, "notes_deleted": 0,
                                "notes_added": 0, "notes_changed": 0, "notes_unmatched": 0,
                                "unsourced_assertions": 0, "unknown_norms": 0}


def test_edits_in_word(built, dossier):
    found = audit(edit_like_word(built), "edited.docx", dossier)
    claims = found["claims"]
    assert claims["gone"] == ["night-courts"]
    assert [c["claim"] for c in claims["present"]] == ["rally-detentions", "van-video", "ministry-denial",
                                                       "beaten-in-custody"]
    merged = {c["claim"]: c for c in claims["present"]}
    assert merged["rally-detentions"]["merged_with"] == ["van-video"]
    assert merged["van-video"]["merged_with"] == ["rally-detentions"]
    assert [c["claim"] for c in claims["changed"]] == ["rally-detentions", "van-video"]
    assert claims["changed"][0]["diff"] == [["=", TEXT["rally-detentions"]], ["+", TEXT["van-video"]]]
    assert claims["changed"][1]["diff"] == [["+", TEXT["rally-detentions"]], ["=", TEXT["van-video"]]]
    assert merged["rally-detentions"]["notes"] == [1] and not merged["rally-detentions"]["note_deleted"]
    deleted = found["notes"]["deleted"]
    assert [d["claim"] for d in deleted] == ["van-video", "night-courts"]
    assert deleted[0]["text"].startswith("Account One (Facebook), [video of police dragging a protester into a van]")
    assert found["notes"]["added"] == [] and found["notes"]["changed"] == []
    assert found["unsourced"] == [{"paragraph": 17, "text": ADDED, "reason": "a date", "context": "new text"}]
    assert found["summary"]["unsourced_assertions"] == 1


def test_a_note_rewritten_to_cite_nothing_the_dossier_knows(built, dossier):
    word = docx.Document(io.BytesIO(built))
    part = _notes_part(word)
    notes = etree.fromstring(part.blob)
    ministry = notes.xpath("w:footnote[@w:id='3']", namespaces=NS)[0]
    texts = ministry.xpath(".//w:hyperlink//w:t | .//w:r/w:t", namespaces=NS)
    for t in texts[1:]:
        t.getparent().remove(t)
    texts[0].text = "Ministry of Internal Affairs, statement on file with the author."
    part._blob = etree.tostring(notes, xml_declaration=True, encoding="UTF-8", standalone=True)
    found = audit(_save(word), "edited.docx", dossier)
    assert found["notes"]["changed"] == [] and [d["claim"] for d in found["notes"]["deleted"]] == ["ministry-denial"]
    assert [(n["number"], n["text"], n["matches"]) for n in found["notes"]["added"]] == [
        (3, "Ministry of Internal Affairs, statement on file with the author.", False)]
    assert found["summary"]["notes_unmatched"] == 1


def test_a_sentence_added_to_a_claim_paragraph_is_unsourced(built, dossier):
    word = docx.Document(io.BytesIO(built))
    _find(word, "The Ministry said").add_run(" Its spokesman repeated this on 12 June 2019.")
    found = audit(_save(word), "edited.docx", dossier)
    assert found["unsourced"] == [{"paragraph": 17, "text": "Its spokesman repeated this on 12 June 2019.",
                                   "reason": "a date", "context": "added to the paragraph of claim ministry-denial"}]
    assert [c["claim"] for c in found["claims"]["changed"]] == ["ministry-denial"]


def test_edits_in_libreoffice(built, dossier, tmp_path):
    edited, report = edit_in_libreoffice(built, [
        {"delete": "Courts sentenced"},
        {"merge": "Police detained forty"},
        {"insert_after": "The Ministry said", "text": ADDED},
    ], tmp_path / "edit")
    found = audit(edited, "edited.docx", dossier)
    assert found["built_by_briefgen"]
    assert found["claims"]["gone"] == ["night-courts"]
    assert [c["claim"] for c in found["claims"]["changed"]] == ["rally-detentions", "van-video"]
    assert [d["claim"] for d in found["notes"]["deleted"]] == ["night-courts"]
    assert found["notes"]["added"] == [] and found["notes"]["changed"] == []
    assert [(u["text"], u["reason"], u["context"]) for u in found["unsourced"]] == [(ADDED, "a date", "new text")]


def test_a_docx_briefgen_did_not_write(tmp_path, runner):
    word = docx.Document()
    word.add_heading("A letter written by hand", 1)
    word.add_paragraph("We are writing to you about the rally.")
    word.add_paragraph("On 9 June 2019 police detained 40 people in Almaty.")
    word.add_paragraph("Judge Ivanov sentenced them without counsel.")
    path = tmp_path / "own.docx"
    word.save(path)
    found = audit(path.read_bytes(), "own.docx")
    assert not found["built_by_briefgen"]
    assert [(u["paragraph"], u["reason"], u["context"]) for u in found["unsourced"]] == [
        (3, "a date", "no note"), (4, "a name", "no note")]
    assert found["notes"]["list"] == []
    result = runner.invoke(cli, ["audit", str(path), "--format", "json"])
    assert result.exit_code == 1
    assert json.loads(result.stdout)["summary"]["unsourced_assertions"] == 2


def test_cli_exit_codes_and_formats(built, tmp_path, runner):
    path = tmp_path / "letter.docx"
    path.write_bytes(built)
    result = runner.invoke(cli, ["audit", str(path), "--dossier", str(LETTER)])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[:3] == [
        "letter.docx: 45 paragraphs, 5 notes; built by briefgen from submission letter",
        "unsourced assertions: 0", "claim paragraphs: 5 present, 0 changed, 0 gone"]
    html = tmp_path / "audit.html"
    assert runner.invoke(cli, ["audit", str(path), "--dossier", str(LETTER), "--format", "html",
                               "-o", str(html)]).exit_code == 0
    assert "<script src" not in html.read_text(encoding="utf-8")
    (tmp_path / "broken.docx").write_bytes(b"not a zip")
    broken = runner.invoke(cli, ["audit", str(tmp_path / "broken.docx")])
    assert broken.exit_code == 1 and "not a Word document" in broken.stderr
    assert runner.invoke(cli, ["audit", str(tmp_path / "missing.docx")]).exit_code == 2


def test_text_helpers():
    assert normalise("Outlet A, ‘Title’ (n 12)  para 3") == "Outlet A, 'Title' (n #) para #"
    assert sentences("At 1 p.m. She left. Then “Why?” Asked he.") == ["At 1 p.m.", "She left.", "Then “Why?”",
                                                                      "Asked he."]
    assert word_diff("a b c", "a x c") == [["=", "a"], ["-", "b"], ["+", "x"], ["=", "c"]]
    assert assertion_reason("The facts set out in para 6 above engage art 21.") is None
    assert assertion_reason("We ask you to act now.") is None
    assert assertion_reason("Police detained 40 people.") == "a number"


def test_a_provision_the_dossier_has_no_norm_for(built, dossier):
    word = docx.Document(io.BytesIO(built))
    ministry = _find(word, "The Ministry said")
    added = ministry.insert_paragraph_before("This also breaches article 21 of the ICCPR; and so article 99 of the ICCPR.",
                                             style=ministry.style)
    ministry._p.addnext(added._p)
    found = audit(_save(word), "edited.docx", dossier)
    assert found["unknown_norms"] == [{"paragraph": 18, "text": "article 99 of the ICCPR", "article": "99"}]


def test_a_real_build_of_the_example_then_a_paragraph_deleted():
    from conftest import EXAMPLE
    example, report = check_dossier(EXAMPLE, use_cache=False)
    assert report.errors == 0
    for edition in ("public", "confidential"):
        sub = example.submissions["un-hrc-shevchuk"].model_copy(update={"edition": edition})
        built = render_formats(example, sub, ["docx"], None)["docx"]
        found = audit(built, "shevchuk.docx", example)
        assert found["notices"] == [] and found["unsourced"] == []
        assert found["summary"]["claims_present"] == len(found["claims"]["present"]) > 0
        assert {k: v for k, v in found["summary"].items() if k != "claims_present"} == {
            "claims_changed": 0, "claims_gone": 0, "notes_deleted": 0, "notes_added": 0, "notes_changed": 0,
            "notes_unmatched": 0, "unsourced_assertions": 0, "unknown_norms": 0}
    word = docx.Document(io.BytesIO(built))
    first = found["claims"]["present"][0]
    paragraph = _find(word, first["text"][:40])._p
    paragraph.getparent().remove(paragraph)
    after = audit(_save(word), "shevchuk.docx", example)
    assert after["claims"]["gone"] == [first["claim"]]
    assert [d["claim"] for d in after["notes"]["deleted"]] == [first["claim"]]
