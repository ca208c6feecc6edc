"""A lawyer edits the DOCX, then LibreOffice lays it out: numbers, cross-references, the table of
authorities and the claim bookmarks must follow the edit without retyping.

Two editors: python-docx standing in for Word (delete a numbered paragraph and its note, merge two
paragraphs, add a sentence) and LibreOffice itself, driven through its UNO API (open, edit, save as
DOCX). Every result is read back from the PDF that `soffice --convert-to pdf` makes, except the
"(n X)" numbers after an edit: LibreOffice 7.4 keeps NOTEREF results as written (Word recomputes
them), so for those the test checks what Word's update will compute: that each NOTEREF bookmark
still sits on the call of the note holding the full citation.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from briefgen.document import (AuthoritiesTable, AuthorityEntry, AuthorityGroup, AuthorityMark, Document, Heading,
                               ListBlock, Meta, NoteXRef, Paragraph, ParaXRef, Text)
from briefgen.render.docx import render_docx
from briefgen.render.docx.fields import claim_bookmark
from briefgen.render.docx.properties import claim_bookmarks, read_manifest
from render.office import client_tools

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
SYSTEM_PYTHON = "/usr/bin/python3"
DRIVER = Path(__file__).with_name("libreoffice_edit.py")
ICCPR = AuthorityMark("International Covenant on Civil and Political Rights (adopted 16 December 1966) art 21",
                      "ICCPR, art 21", 1)
CODE = AuthorityMark("Criminal Code of the Republic of Kazakhstan 2014, art 405", "Criminal Code, art 405", 5)
FULL = {"A": "Outlet A, 'Report A' (10 June 2019).", "B": "Outlet B, 'Report B' (11 June 2019).",
        "C": "Outlet C, 'Report C' (12 June 2019).", "D": "Outlet D, 'Report D' (13 June 2019)."}
# claim id -> opening words (unique in the document)
CLAIMS = {"c-rally": "On 9 June thousands rallied", "c-detained": "Police detained four hundred",
          "c-courts": "Night courts sentenced", "c-beaten": "Detainees were beaten",
          "c-released": "Most were released", "c-charged": "Some were charged"}
MANIFEST = {"briefgen": "test", "claims": sorted(CLAIMS)}


def letter() -> Document:
    """Six numbered claim paragraphs, later notes citing earlier ones "(n X)", paragraph references
    in the text, a recommendation and the table of authorities."""
    doc = Document(Meta(title="Edits", author="Test Centre", date=dt.date(2019, 6, 25),
                        manifest=json.dumps(MANIFEST)))
    note = doc.add_note
    rows = [
        ("c-rally", [Text(CLAIMS["c-rally"] + " in Almaty (ICCPR, art 21"), ICCPR, Text(").")], [Text(FULL["A"])]),
        ("c-detained", [Text(CLAIMS["c-detained"] + " people.")], [Text(FULL["B"])]),
        ("c-courts", [Text(CLAIMS["c-courts"] + " them under the Criminal Code, art 405"), CODE, Text(".")],
         [Text(FULL["C"])]),
        ("c-beaten", [Text(CLAIMS["c-beaten"] + " (see para "), ParaXRef("c-rally", 1), Text("); ICCPR, art 21"),
                      ICCPR, Text(".")], [Text("Outlet A (n "), NoteXRef(1), Text(") 4.")]),
        ("c-released", [Text(CLAIMS["c-released"] + " within days.")], [Text("Outlet C (n "), NoteXRef(3), Text(").")]),
        ("c-charged", [Text(CLAIMS["c-charged"] + " (see paras "), ParaXRef("c-courts", 3), Text(", "),
                       ParaXRef("c-released", 5), Text(").")], [Text(FULL["D"])]),
    ]
    doc.blocks = [Heading(0, [Text("Edits")]), Heading(1, [Text("Facts")])]
    for number, (claim, text, citation) in enumerate(rows, 1):
        doc.blocks.append(Paragraph([*text, note(citation)], number=number, anchor=claim))
    doc.blocks += [
        Heading(1, [Text("Recommendations")]),
        ListBlock([[Paragraph([Text("Quash the sentences (see para "), ParaXRef("c-courts", 3), Text(").")])]],
                  ordered=True),
        Heading(1, [Text("Authorities")]),
        AuthoritiesTable([
            AuthorityGroup("Treaties", 1, [AuthorityEntry(ICCPR.entry, [Text(ICCPR.entry)], [
                Text("paras "), ParaXRef("c-rally", 1), Text(", "), ParaXRef("c-beaten", 4)])]),
            AuthorityGroup("National law", 5, [AuthorityEntry(CODE.entry, [Text(CODE.entry)], [
                Text("para "), ParaXRef("c-courts", 3)])])]),
    ]
    return doc


def pdf_text(data: bytes, folder: Path) -> str:
    """LibreOffice's layout of a DOCX (it updates fields as it converts), as one line of text."""
    soffice, pdftotext = client_tools()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "letter.docx").write_bytes(data)
    subprocess.run([soffice, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(folder), str(folder / "letter.docx")],
                   check=True, capture_output=True, timeout=180)
    text = subprocess.run([pdftotext, "-layout", str(folder / "letter.pdf"), "-"], check=True,
                          capture_output=True, text=True).stdout
    return " ".join(text.split())


def numbers(flat: str) -> dict[str, int]:
    """Opening words of each claim still in the text -> the paragraph number printed before them."""
    found = {}
    for claim, words in CLAIMS.items():
        match = re.search(rf"(\d+)\. (?:[^.]*?)?{re.escape(words)}", flat)
        if match:
            found[claim] = int(match.group(1))
    return found


def note_ref_targets(data: bytes) -> list[tuple[str, int, str]]:
    """What Word's update of each NOTEREF field gives: (field's cached result, the number Word will
    compute, the text of that note)."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        body = etree.fromstring(package.read("word/document.xml"))
        notes = etree.fromstring(package.read("word/footnotes.xml"))
    calls = body.xpath("//w:footnoteReference/@w:id", namespaces=NS)
    text_of = {n.get(f"{{{W}}}id"): "".join(n.itertext(f"{{{W}}}t")).strip() for n in notes.findall("w:footnote", NS)}
    targets = []
    for code in notes.xpath("//w:instrText[contains(., 'NOTEREF')]", namespaces=NS):
        name = code.text.split()[1]
        start = body.xpath(f"//w:bookmarkStart[@w:name='{name}']", namespaces=NS)
        assert start, f"the bookmark {name} of a NOTEREF field is gone"
        call = start[0].xpath("following::w:footnoteReference[1]/@w:id", namespaces=NS)[0]
        shown = code.getparent().xpath("following-sibling::w:r[w:t][1]/w:t/text()", namespaces=NS)[0]
        targets.append((shown, calls.index(call) + 1, text_of[call]))
    return targets


def _paragraph(word, words: str):
    return next(p for p in word.paragraphs if words in p.text)


def edit_like_word(data: bytes) -> bytes:
    """With python-docx: delete paragraph 2 and its note, merge paragraphs 4 and 5, add a sentence to 3."""
    word = docx.Document(io.BytesIO(data))
    deleted = _paragraph(word, CLAIMS["c-detained"])._p
    note_id = deleted.xpath(".//w:footnoteReference/@w:id")[0]
    deleted.getparent().remove(deleted)
    notes_part = next(rel.target_part for rel in word.part.rels.values() if rel.reltype.endswith("/footnotes"))
    notes = etree.fromstring(notes_part.blob)
    notes.remove(notes.xpath(f"w:footnote[@w:id='{note_id}']", namespaces=NS)[0])
    notes_part._blob = etree.tostring(notes, xml_declaration=True, encoding="UTF-8", standalone=True)
    first, second = _paragraph(word, CLAIMS["c-beaten"])._p, _paragraph(word, CLAIMS["c-released"])._p
    first.append(etree.fromstring(f'<w:r xmlns:w="{W}"><w:t xml:space="preserve"> </w:t></w:r>'))
    for child in [c for c in second if c.tag != f"{{{W}}}pPr"]:
        first.append(child)
    second.getparent().remove(second)
    _paragraph(word, CLAIMS["c-courts"]).add_run(" The hearings lasted minutes.")
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def edit_in_libreoffice(data: bytes, edits: list[dict], folder: Path) -> tuple[bytes, dict]:
    """Open the DOCX in LibreOffice, make the edits, save as DOCX; returns the saved bytes and what
    LibreOffice reported."""
    client_tools()
    if not Path(SYSTEM_PYTHON).exists() or subprocess.run([SYSTEM_PYTHON, "-c", "import uno"],
                                                          capture_output=True).returncode:
        pytest.fail("LibreOffice's Python bridge is missing (Debian package python3-uno): run ./dev.sh test, "
                    "which installs it", pytrace=False)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "in.docx").write_bytes(data)
    (folder / "edits.json").write_text(json.dumps(edits), encoding="utf-8")
    run = subprocess.run([SYSTEM_PYTHON, str(DRIVER), str(folder / "in.docx"), str(folder / "out.docx"),
                          str(folder / "edits.json")], capture_output=True, text=True, timeout=240)
    assert run.returncode == 0, run.stderr[-2000:]
    return (folder / "out.docx").read_bytes(), json.loads(run.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def built() -> bytes:
    return render_docx(letter())


# ---- before any edit -------------------------------------------------------------------------

def test_unedited_document_reads_right_before_any_update(built, tmp_path):
    body = etree.fromstring(zipfile.ZipFile(io.BytesIO(built)).read("word/document.xml"))
    assert "".join(body.itertext(f"{{{W}}}t")).count("see para 1)") == 1  # the cached results, as written
    flat = pdf_text(built, tmp_path)
    assert numbers(flat) == {claim: n for n, claim in enumerate(CLAIMS, 1)}
    for expected in ["(see para 1)", "(see paras 3, 5)", "Quash the sentences (see para 3)", "Outlet A (n 1) 4.",
                     "Outlet C (n 3).", "paras 1, 4", "Criminal Code of the Republic of Kazakhstan 2014, art 405 para 3",
                     "Treaties", "National law"]:
        assert expected in flat, expected
    assert "Error" not in flat
    assert [(shown, computed) for shown, computed, _ in note_ref_targets(built)] == [("1", 1), ("3", 3)]


# ---- a lawyer's edits ------------------------------------------------------------------------

def _check_after_edit(edited: bytes, flat: str, starts: dict[str, int], released: int, gone: set[str],
                      added: tuple[int, ...] = ()) -> None:
    """starts: the claims that open a paragraph -> its number now; released: the number of the
    paragraph that holds the claim c-released now; added: the numbers of new paragraphs."""
    found = numbers(flat)
    assert found == starts
    assert sorted([*found.values(), *added]) == list(range(1, len(found) + len(added) + 1))  # no gaps
    courts, beaten = starts["c-courts"], starts["c-beaten"]
    assert "(see para 1)" in flat
    assert f"(see paras {courts}, {released})" in flat and f"Quash the sentences (see para {courts})" in flat
    assert f"paras 1, {beaten}" in flat and f"Kazakhstan 2014, art 405 para {courts}" in flat
    assert "Error" not in flat
    for shown, computed, note in note_ref_targets(edited):  # what Word's update (F9, printing) shows
        assert note in (FULL["A"], FULL["C"]), note
        assert computed == {FULL["A"]: 1, FULL["C"]: 2}[note]
    marks = claim_bookmarks(edited)
    assert set(marks) == {claim_bookmark(c) for c in CLAIMS if c not in gone}
    for claim in set(CLAIMS) - gone:
        assert CLAIMS[claim] in marks[claim_bookmark(claim)]


def test_edits_in_word_renumber_paragraphs_notes_references_and_authorities(built, tmp_path):
    edited = edit_like_word(built)
    flat = pdf_text(edited, tmp_path)
    _check_after_edit(edited, flat, {"c-rally": 1, "c-courts": 2, "c-beaten": 3, "c-charged": 4}, released=3,
                      gone={"c-detained"})  # c-released is merged into paragraph 3
    assert "The hearings lasted minutes." in flat and FULL["B"] not in flat


def test_edits_in_libreoffice_renumber_and_keep_bookmarks_and_manifest(built, tmp_path):
    edited, report = edit_in_libreoffice(built, [
        {"delete": CLAIMS["c-detained"]},
        {"insert_after": CLAIMS["c-courts"], "text": "A paragraph added in LibreOffice."},
        {"append": CLAIMS["c-released"], "text": " Several remain in custody."},
    ], tmp_path / "edit")
    assert {claim_bookmark(c) for c in CLAIMS} <= set(report["bookmarks"])
    flat = pdf_text(edited, tmp_path / "pdf")
    assert "3. A paragraph added in LibreOffice." in flat and "Several remain in custody." in flat
    _check_after_edit(edited, flat, {"c-rally": 1, "c-courts": 2, "c-beaten": 4, "c-released": 5, "c-charged": 6},
                      released=5, gone={"c-detained"}, added=(3,))
    kept = read_manifest(edited)
    assert kept["manifest"] == MANIFEST
    assert kept["bookmarks"] == {claim_bookmark(c): c for c in CLAIMS}


def test_a_wide_table_gets_landscape_pages_of_its_own_in_libreoffice(tmp_path):
    from pypdf import PdfReader
    from briefgen.document import PageBreak, Table
    doc = Document(Meta(title="Annex", author="Test Centre", date=dt.date(2019, 6, 25)))
    columns = ("No.", "Name", "Born", "City", "Date and place of detention", "Legal basis", "Outcome", "Status")
    doc.blocks = [Paragraph([Text("The letter, on a portrait page.")]), PageBreak(),
                  Table([[Text(c)] for c in columns], [[[Text(f"{r}-{c}")] for c in columns] for r in range(60)],
                        caption="Annex 1: the people detained", wide=True),
                  PageBreak(), Paragraph([Text("Annex 2, portrait again.")])]
    data = render_docx(doc)
    flat = pdf_text(data, tmp_path)
    assert "Annex 1: the people detained" in flat and "59-Status" in flat
    pages = PdfReader(tmp_path / "letter.pdf").pages
    shapes = ["landscape" if p.mediabox.width > p.mediabox.height else "portrait" for p in pages]
    assert shapes[0] == shapes[-1] == "portrait"
    assert set(shapes[1:-1]) == {"landscape"} and len(shapes) >= 4, shapes
    assert "Annex 2, portrait again." in pages[-1].extract_text()
