"""The DOCX's fields, bookmarks and manifest, read back from the XML: what Word computes from them."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile

import pytest
from lxml import etree

from briefgen.document import (AuthoritiesTable, AuthorityEntry, AuthorityGroup, AuthorityMark, Document, Meta,
                               NoteXRef, Paragraph, ParaXRef, Text)
from briefgen.render import RenderError
from briefgen.render.docx import render_docx
from briefgen.render.docx.fields import claim_bookmark
from briefgen.render.docx.properties import PART_LENGTH, claim_bookmarks, read_manifest

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
TREATY = AuthorityMark('Convention "against" Torture, art 1', "UNCAT, art 1", 1)


def part(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return etree.fromstring(package.read(name))


def fields(root: etree._Element) -> list[tuple[str, str | None]]:
    """(instruction, result as written) of every complex field, in the order they end (nested ones
    first); result None for a field without one."""
    found, open_fields = [], []  # open_fields: [code, result, in_result]
    for element in root.iter(f"{{{W}}}fldChar", f"{{{W}}}instrText", f"{{{W}}}t"):
        kind = element.get(f"{{{W}}}fldCharType")
        if kind == "begin":
            open_fields.append(["", "", False])
        elif kind == "separate":
            open_fields[-1][2] = True
        elif kind == "end":
            code, result, in_result = open_fields.pop()
            found.append((code.strip(), result if in_result else None))
        elif element.tag == f"{{{W}}}instrText" and open_fields:
            open_fields[-1][0] += element.text
        elif element.tag == f"{{{W}}}t":
            for field in open_fields:
                if field[2]:
                    field[1] += element.text
    return found


def cited() -> Document:
    doc = Document(Meta(title="t", author="a"))
    first = doc.add_note([Text("Full citation.")])
    second = doc.add_note([Text("Short (n "), NoteXRef(1), Text(").")])
    doc.blocks = [
        Paragraph([Text("Torture"), TREATY, Text("."), first], number=1, anchor="claim-one"),
        Paragraph([Text("Again (see para "), ParaXRef("claim-one", 1), Text("; n "), NoteXRef(1), Text(")"), TREATY,
                   Text(" and see para "), ParaXRef("nowhere", 9), Text("."), second], number=2, anchor="claim-two"),
        AuthoritiesTable([AuthorityGroup("Treaties", 1, [AuthorityEntry(TREATY.entry, [Text(TREATY.entry)],
                                                                         [Text("paras "), ParaXRef("claim-one", 1),
                                                                          Text(", "), ParaXRef("claim-two", 2)])])]),
    ]
    return doc


@pytest.fixture(scope="module")
def rendered() -> bytes:
    return render_docx(cited())


def test_claim_bookmark_names():
    assert claim_bookmark("june9-almaty-detentions") == "claim_june9_almaty_detentions"
    long_id = "post-election-rallies-in-nur-sultan-and-almaty"
    name = claim_bookmark(long_id)
    assert len(name) == 40 and name == ("claim_post_election_rallies_in_" + "_"
                                        + hashlib.sha1(long_id.encode()).hexdigest()[:8])
    assert len(claim_bookmark("x" * 34)) == 40 and claim_bookmark("x" * 34) == "claim_" + "x" * 34


def test_cross_references_are_fields_with_their_results_filled_in(rendered):
    body = fields(part(rendered, "word/document.xml"))
    refs = [(code, shown) for code, shown in body if not code.startswith(("TA ", "TOA "))]
    assert refs == [("REF claim_claim_one \\n \\h", "1"), ("NOTEREF _RefNote1 \\h", "1"),
                    ("REF claim_claim_one \\n \\h", "1"), ("REF claim_claim_two \\n \\h", "2")]
    assert "see para 9." in "".join(part(rendered, "word/document.xml").itertext(f"{{{W}}}t"))  # no target: text
    assert fields(part(rendered, "word/footnotes.xml")) == [("NOTEREF _RefNote1 \\h", "1")]


def test_bookmarks_enclose_the_claim_paragraph_and_the_cited_note_call(rendered):
    body = part(rendered, "word/document.xml")
    for name in ("claim_claim_one", "claim_claim_two"):
        start = body.xpath(f"//w:bookmarkStart[@w:name='{name}']", namespaces=NS)[0]
        paragraph = start.getparent()
        assert paragraph.tag == f"{{{W}}}p" and start is paragraph[1]  # right after the paragraph properties
        assert paragraph[-1].tag == f"{{{W}}}bookmarkEnd" and paragraph[-1].get(f"{{{W}}}id") == start.get(
            f"{{{W}}}id")
    start = body.xpath("//w:bookmarkStart[@w:name='_RefNote1']", namespaces=NS)[0]
    call = start.getnext()
    assert call.find("w:footnoteReference", NS).get(f"{{{W}}}id") == "1"
    assert call.getnext().tag == f"{{{W}}}bookmarkEnd"
    assert not body.xpath("//w:bookmarkStart[@w:name='_RefNote2']", namespaces=NS)  # note 2 is never cited
    ids = body.xpath("//w:bookmarkStart/@w:id", namespaces=NS)
    assert len(ids) == len(set(ids))


def test_authorities_are_marked_and_tabled_by_category(rendered):
    codes = [code for code, _ in fields(part(rendered, "word/document.xml"))]
    marks = [c for c in codes if c.startswith("TA ")]
    assert marks == ['TA \\l "Convention \\"against\\" Torture, art 1" \\s "UNCAT, art 1" \\c 1',
                     'TA \\s "UNCAT, art 1"']
    assert [c for c in codes if c.startswith("TOA")] == ['TOA \\c "1"']
    body = part(rendered, "word/document.xml")
    begin = body.xpath("//w:instrText[starts-with(normalize-space(.), 'TOA')]", namespaces=NS)[0].getparent().getparent()
    table = begin.getnext()
    assert table.tag == f"{{{W}}}tbl"
    assert ["".join(c.itertext(f"{{{W}}}t")) for c in table.xpath("w:tr/w:tc", namespaces=NS)] == [
        TREATY.entry, "paras 1, 2"]
    assert table.getnext().xpath("w:r/w:fldChar/@w:fldCharType", namespaces=NS) == ["end"]
    title = begin.getprevious()
    assert "".join(title.itertext(f"{{{W}}}t")) == "Treaties"  # outside the field: a rebuild keeps it


@pytest.mark.parametrize("bad, message", [
    (AuthorityMark("x", "x", 17), "categories 1 to 16"),
    (NoteXRef(5), "names note 5"),
])
def test_references_word_cannot_hold_are_clear_errors(bad, message):
    doc = Document(Meta(title="t", author="a"), [Paragraph([Text("x"), bad])])
    with pytest.raises(RenderError, match=message):
        render_docx(doc)


def test_manifest_is_split_into_parts_word_keeps_and_read_back(rendered):
    manifest = {"briefgen": "0", "claims": [f"claim-{i}" for i in range(200)], "dossier": "Қазақстан"}
    doc = cited()
    doc.meta.manifest = json.dumps(manifest, ensure_ascii=False)
    data = render_docx(doc)
    custom = part(data, "docProps/custom.xml")
    values = {p.get("name"): "".join(p.itertext()) for p in custom}
    assert len(values) > 10 and all(len(v) <= PART_LENGTH for v in values.values())
    assert all(v.isascii() for v in values.values())
    kept = read_manifest(data)
    assert kept == {"manifest": manifest, "bookmarks": {"claim_claim_one": "claim-one", "claim_claim_two": "claim-two"}}
    assert claim_bookmarks(data) == {"claim_claim_one": "Torture.",
                                     "claim_claim_two": "Again (see para 1; n 1) and see para 9."}


def test_manifest_absent_or_damaged():
    plain = render_docx(Document(Meta(title="t", author="a"), [Paragraph([Text("x")])]))
    assert read_manifest(plain) is None and claim_bookmarks(plain) == {}
    doc = cited()
    doc.meta.manifest = json.dumps({"claims": ["a"] * 100})
    data = render_docx(doc)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        entries = {name: package.read(name) for name in package.namelist()}
    entries["docProps/custom.xml"] = entries["docProps/custom.xml"].replace(b'"a"', b'"b"', 1)
    damaged = io.BytesIO()
    with zipfile.ZipFile(damaged, "w") as package:
        for name, blob in entries.items():
            package.writestr(name, blob)
    with pytest.raises(ValueError, match="checksum"):
        read_manifest(damaged.getvalue())
    with pytest.raises(ValueError, match="not a zip"):
        read_manifest(b"not a docx")


def test_articles_stand_indented_beneath_their_instrument():
    doc = Document(Meta(title="t", author="a"), [AuthoritiesTable([AuthorityGroup("Treaties", 1, [
        AuthorityEntry("ICCPR", [Text("International Covenant on Civil and Political Rights")], [], level=0),
        AuthorityEntry("ICCPR, art 9", [Text("art 9 (liberty)")], [Text("para 3")], level=1)])], "Paragraphs")])
    body = part(render_docx(doc), "word/document.xml")
    def indent(text):
        return body.xpath(f"//w:tc[.//w:t='{text}']/w:p/w:pPr/w:ind/@w:left", namespaces=NS)
    assert indent("art 9 (liberty)") == ["284"] and indent("International Covenant on Civil and Political Rights") == []
