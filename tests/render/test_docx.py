"""The DOCX writer, read back: footnotes, links, numbering, tables, properties, determinism, and
a real client (LibreOffice) opening the file."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import zipfile

import docx
import pytest
from lxml import etree

from briefgen.document import (BlockQuote, Document, Emph, Heading, LineBreak, Link, ListBlock, Meta, PageBreak,
                               Paragraph, Strong, Table, Text)
from briefgen.render import RenderError
from briefgen.render.docx import render_docx
from briefgen.render.docx.package import STYLE_TYPES, builtin_reference
from render.office import client_tools

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = {"w": W, "r": R, "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
      "ct": "http://schemas.openxmlformats.org/package/2006/content-types"}
FOOTNOTE_RELTYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
FOOTNOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"

KAZAKH = "Қазақстан әділ сайлау"
RTL = "\u200fمرحبا\u200f"
NOTE_TEXTS = ["Human Rights Watch, Report on the rally (2019) 4.",
              "OSCE/ODIHR, Final Report on the presidential election (2019) 12.",
              "Interview with witness A, 12 June 2019."]
NOTE_URL = "https://www.osce.org/odihr/elections/kazakhstan/430241"
BODY_URL = "https://www.ohchr.org/en/treaty-bodies/ccpr"


def sample(edition: str = "public") -> Document:
    """A letter with every block and inline kind, three footnotes (one holding a link)."""
    doc = Document(Meta(title="Communication concerning the 2019 rallies", author="Freedom Now NGO",
                        subject="Human Rights Committee", language="en", date=dt.date(2019, 6, 9),
                        edition=edition, keywords="individual-communication; hrc"))
    notes = [doc.add_note([Text(NOTE_TEXTS[0])]),
             doc.add_note([Text(NOTE_TEXTS[1][:-3]), Link(NOTE_URL, [Text("12")]), Text(".")]),
             doc.add_note([Text(NOTE_TEXTS[2])])]
    doc.blocks = [
        Paragraph([Text("Freedom Now NGO"), LineBreak(), Text("Almaty")], style="letterhead"),
        Paragraph([Text("Human Rights Committee")], style="address"),
        Paragraph([Text("9 June 2019")], style="date"),
        Heading(0, [Text("Communication concerning the 2019 rallies")]),
        Paragraph([Text("Dear Members of the Committee,")], style="salutation"),
        Heading(1, [Text("Facts")], anchor="facts"),
        Paragraph([Text("On 9 June 2019 police detained protesters."), notes[0]], number=1),
        Paragraph([Text("The slogan was "), Emph([Text(KAZAKH)]), Text("."), notes[1]], number=2),
        Paragraph([Text("See the "), Link(BODY_URL, [Text("Committee's page")]), Text(" and "),
                   Strong([Text("note")]), Text(f" the Arabic {RTL}."), notes[2]], number=3),
        ListBlock([[Paragraph([Text("first bullet")])], [Paragraph([Text("second bullet")])]]),
        ListBlock([[Paragraph([Text("first request")])], [Paragraph([Text("second request")])]],
                  ordered=True, start=4),
        BlockQuote([Paragraph([Text("Everyone shall have the right to freedom of expression.")])]),
        Table([[Text("No.")], [Text("Name")], [Text("City")]],
              [[[Text(str(i))], [Text(f"Person {i}")], [Text("Almaty")]] for i in range(1, 4)],
              widths=[1, 3, 2], caption="Table 1: detained people"),
        PageBreak(),
        Paragraph([Text("Annex text after the page break.")], style="small"),
        Paragraph([Text("Yours faithfully,"), LineBreak(), Text("A. Lawyer")], style="signature"),
    ]
    return doc


def parts(data: bytes) -> dict[str, bytes]:
    """Every entry of a zip package: name -> bytes."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {name: package.read(name) for name in package.namelist()}


def xml(data: bytes, name: str) -> etree._Element:
    """One part of a package, parsed."""
    return etree.fromstring(parts(data)[name])


def text_of(element: etree._Element) -> str:
    """The w:t text under an element, joined."""
    return "".join(element.xpath(".//w:t/text()", namespaces=NS))


def style_names(data: bytes) -> dict[str, str]:
    """style id -> style name, from styles.xml."""
    styles = xml(data, "word/styles.xml")
    return {s.get(f"{{{W}}}styleId"): s.find("w:name", NS).get(f"{{{W}}}val") for s in styles.findall("w:style", NS)}


def paragraphs_in_style(data: bytes, name: str) -> list[etree._Element]:
    """Body paragraphs whose style is the one named `name` (looked up by name, not id)."""
    ids = [sid for sid, n in style_names(data).items() if n.lower() == name.lower()]
    assert ids, f"no style named {name}"
    return xml(data, "word/document.xml").xpath(f"//w:body//w:p[w:pPr/w:pStyle/@w:val='{ids[0]}']", namespaces=NS)


def rels(data: bytes, name: str) -> dict[str, etree._Element]:
    """The relationships of a .rels part: Id -> element."""
    return {r.get("Id"): r for r in xml(data, name).findall("rel:Relationship", NS)}


@pytest.fixture(autouse=True)
def _no_source_date_epoch(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


@pytest.fixture(scope="module")
def rendered() -> bytes:
    """The sample letter rendered with the built-in reference (once per module)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("SOURCE_DATE_EPOCH", raising=False)
        return render_docx(sample())


@pytest.fixture(scope="module")
def pdf_text(rendered, tmp_path_factory) -> str:
    """The text LibreOffice lays out from the DOCX (converted once per module)."""
    soffice, pdftotext = client_tools()
    folder = tmp_path_factory.mktemp("libreoffice")
    source = folder / "letter.docx"
    source.write_bytes(rendered)
    profile = (folder / "profile").as_uri()
    subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(folder), str(source)], check=True, capture_output=True, timeout=180)
    pdf = folder / "letter.pdf"
    assert pdf.exists(), "LibreOffice did not convert the DOCX"
    return subprocess.run([pdftotext, "-layout", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout


# ---- footnotes -------------------------------------------------------------------------------

def test_footnotes_part_is_related_and_typed(rendered):
    types = xml(rendered, "[Content_Types].xml")
    override = types.xpath("//ct:Override[@PartName='/word/footnotes.xml']", namespaces=NS)
    assert override and override[0].get("ContentType") == FOOTNOTES_CT
    related = [r for r in rels(rendered, "word/_rels/document.xml.rels").values() if r.get("Type") == FOOTNOTE_RELTYPE]
    assert [r.get("Target") for r in related] == ["footnotes.xml"]


def test_one_footnote_per_call_with_expected_text(rendered):
    footnotes = xml(rendered, "word/footnotes.xml")
    real = [f for f in footnotes.findall("w:footnote", NS) if int(f.get(f"{{{W}}}id")) > 0]
    calls = xml(rendered, "word/document.xml").xpath("//w:footnoteReference/@w:id", namespaces=NS)
    assert calls == [f.get(f"{{{W}}}id") for f in real] == ["1", "2", "3"]
    assert [text_of(f).strip() for f in real] == NOTE_TEXTS


def test_separators_first_and_note_n_in_order(rendered):
    footnotes = xml(rendered, "word/footnotes.xml").findall("w:footnote", NS)
    assert [(f.get(f"{{{W}}}type"), f.get(f"{{{W}}}id")) for f in footnotes[:2]] == [
        ("separator", "-1"), ("continuationSeparator", "0")]
    assert footnotes[0].find(".//w:separator", NS) is not None
    assert footnotes[1].find(".//w:continuationSeparator", NS) is not None
    for position, note in enumerate(footnotes[2:], 1):
        assert note.get(f"{{{W}}}id") == str(position)
        assert text_of(note).strip() == NOTE_TEXTS[position - 1]
        assert note.find("w:p/w:r/w:footnoteRef", NS) is not None


def test_note_and_reference_styles(rendered):
    names = style_names(rendered)
    note = xml(rendered, "word/footnotes.xml").findall("w:footnote", NS)[2]
    assert names[note.find("w:p/w:pPr/w:pStyle", NS).get(f"{{{W}}}val")].lower() == "footnote text"
    ref_run = note.find("w:p/w:r", NS)
    assert names[ref_run.find("w:rPr/w:rStyle", NS).get(f"{{{W}}}val")].lower() == "footnote reference"
    call = xml(rendered, "word/document.xml").xpath("//w:r[w:footnoteReference]", namespaces=NS)[0]
    assert names[call.find("w:rPr/w:rStyle", NS).get(f"{{{W}}}val")].lower() == "footnote reference"


def test_settings_name_only_existing_separators(rendered):
    settings = xml(rendered, "word/settings.xml")
    named = settings.xpath("//w:footnotePr/w:footnote/@w:id", namespaces=NS)
    assert set(named) <= {"-1", "0"}


# ---- links -----------------------------------------------------------------------------------

def test_link_in_note_resolves_through_footnotes_rels(rendered):
    links = xml(rendered, "word/footnotes.xml").xpath("//w:hyperlink", namespaces=NS)
    assert len(links) == 1 and text_of(links[0]) == "12"
    target = rels(rendered, "word/_rels/footnotes.xml.rels")[links[0].get(f"{{{R}}}id")]
    assert target.get("Target") == NOTE_URL and target.get("TargetMode") == "External"
    assert style_names(rendered)[links[0].find("w:r/w:rPr/w:rStyle", NS).get(f"{{{W}}}val")] == "Hyperlink"


def test_link_in_body_resolves_through_document_rels(rendered):
    links = xml(rendered, "word/document.xml").xpath("//w:body//w:hyperlink", namespaces=NS)
    assert [text_of(link) for link in links] == ["Committee's page"]
    target = rels(rendered, "word/_rels/document.xml.rels")[links[0].get(f"{{{R}}}id")]
    assert target.get("Target") == BODY_URL


# ---- blocks and styles -----------------------------------------------------------------------

def _numbering(data: bytes) -> tuple[dict[str, etree._Element], dict[str, etree._Element]]:
    """numId -> w:num and abstractNumId -> w:abstractNum of a package's numbering part."""
    root = xml(data, "word/numbering.xml")
    return ({n.get(f"{{{W}}}numId"): n for n in root.findall("w:num", NS)},
            {a.get(f"{{{W}}}abstractNumId"): a for a in root.findall("w:abstractNum", NS)})


def _num_pr(p: etree._Element) -> tuple[str, str]:
    return (p.xpath("string(w:pPr/w:numPr/w:numId/@w:val)", namespaces=NS),
            p.xpath("string(w:pPr/w:numPr/w:ilvl/@w:val)", namespaces=NS))


def test_numbered_paragraphs_are_on_the_numbered_paragraph_style_list(rendered):
    numbered = paragraphs_in_style(rendered, "Numbered Paragraph")
    assert [text_of(p)[:10] for p in numbered] == ["On 9 June ", "The slogan", "See the Co"]  # no typed numbers
    style_id = next(i for i, n in style_names(rendered).items() if n == "Numbered Paragraph")
    style = xml(rendered, "word/styles.xml").xpath(f"//w:style[@w:styleId='{style_id}']", namespaces=NS)[0]
    style_num = style.xpath("string(w:pPr/w:numPr/w:numId/@w:val)", namespaces=NS)
    assert {_num_pr(p) for p in numbered} == {(style_num, "0")}  # one list through the document
    nums, abstracts = _numbering(rendered)
    level = abstracts[nums[style_num].find("w:abstractNumId", NS).get(f"{{{W}}}val")].find("w:lvl", NS)
    assert [level.find(f"w:{t}", NS).get(f"{{{W}}}val") for t in ("start", "numFmt", "lvlText")] == [
        "1", "decimal", "%1."]
    assert nums[style_num].find("w:lvlOverride", NS) is None


def test_paragraph_numbers_that_jump_restart_the_list_there():
    doc = Document(Meta(title="t", author="a"), [Paragraph([Text(f"p{n}")], number=n) for n in (1, 2, 7, 8)])
    data = render_docx(doc)
    numbered = paragraphs_in_style(data, "Numbered Paragraph")
    lists = [_num_pr(p)[0] for p in numbered]
    assert lists[0] == lists[1] != lists[2] == lists[3]
    nums, _ = _numbering(data)
    assert nums[lists[2]].xpath("string(w:lvlOverride/w:startOverride/@w:val)", namespaces=NS) == "7"


@pytest.mark.parametrize("style, text", [
    ("Title", "Communication concerning the 2019 rallies"), ("heading 1", "Facts"),
    ("Letterhead", "Freedom NowNGO"), ("Address", "Human Rights Committee"), ("Date Line", "9 June 2019"),
    ("Salutation", "Dear Members of the Committee,"), ("Signature", "Yours faithfully,A. Lawyer"),
    ("Small Text", "Annex text after the page break."), ("List Bullet", "first bullet"),
    ("List Number", "first request"), ("Quote", "Everyone shall have"), ("Caption", "Table 1: detained people"),
])
def test_blocks_use_named_styles(rendered, style, text):
    found = [text_of(p) for p in paragraphs_in_style(rendered, style)]
    assert any(t.replace(" ", "").startswith(text.replace(" ", "")) for t in found), found


def test_ordered_list_is_a_word_list_of_its_own_from_its_start(rendered):
    items = paragraphs_in_style(rendered, "List Number")
    assert [text_of(p) for p in items] == ["first request", "second request"]
    (num_id, level), = {_num_pr(p) for p in items}
    nums, _ = _numbering(rendered)
    override = nums[num_id].find("w:lvlOverride", NS)
    assert (override.get(f"{{{W}}}ilvl"), override.find("w:startOverride", NS).get(f"{{{W}}}val")) == ("0", "4")
    assert level == "0"


def test_inline_formatting_line_and_page_breaks(rendered):
    body = xml(rendered, "word/document.xml")
    assert body.xpath("//w:r[w:rPr/w:i]/w:t/text()", namespaces=NS) == [KAZAKH]
    assert body.xpath("//w:r[w:rPr/w:b]/w:t/text()", namespaces=NS) == ["note"]
    assert body.xpath("count(//w:br[@w:type='page'])", namespaces=NS) == 1
    assert body.xpath("count(//w:p[.//w:t='Freedom Now NGO']//w:br[not(@w:type)])", namespaces=NS) == 1


def test_table_rows_header_and_style(rendered):
    tables = xml(rendered, "word/document.xml").findall(".//w:tbl", NS)
    assert len(tables) == 1
    rows = tables[0].findall("w:tr", NS)
    assert len(rows) == 4
    assert rows[0].find("w:trPr/w:tblHeader", NS) is not None
    assert [text_of(c) for c in rows[2].findall("w:tc", NS)] == ["2", "Person 2", "Almaty"]
    assert style_names(rendered)[tables[0].find("w:tblPr/w:tblStyle", NS).get(f"{{{W}}}val")] == "Table Grid"
    widths = [int(c) for c in tables[0].xpath("w:tblGrid/w:gridCol/@w:w", namespaces=NS)]
    assert widths[1] == pytest.approx(3 * widths[0], rel=0.01)


def test_text_after_a_table_keeps_its_distance():
    doc = Document(Meta(title="Figures", author="a", date=dt.date(2019, 6, 9)))
    doc.blocks = [Paragraph([Text("Before the table.")]),
                  Table([[Text("Figure")], [Text("Number")]], [[[Text("Detained")], [Text("4,000")]]]),
                  Paragraph([Text("After the table.")])]
    body = xml(render_docx(doc), "word/document.xml")
    def space_before(text):
        return body.xpath(f"//w:p[.//w:t='{text}']/w:pPr/w:spacing/@w:before", namespaces=NS)
    assert space_before("After the table.") == ["200"]
    assert space_before("Before the table.") == []


def test_the_sentence_before_an_address_stays_with_it():
    doc = Document(Meta(title="Author", author="a", date=dt.date(2019, 6, 9)))
    doc.blocks = [Paragraph([Text("The author is represented by the Centre.")]),
                  Paragraph([Text("Test Centre"), LineBreak(), Text("1 Main Street")], style="address"),
                  Paragraph([Text("After the address.")])]
    body = xml(render_docx(doc), "word/document.xml")
    def keeps(text):
        return bool(body.xpath(f"//w:p[.//w:t='{text}']/w:pPr/w:keepNext", namespaces=NS))
    assert keeps("The author is represented by the Centre.") and not keeps("After the address.")


def test_footer_counts_pages(rendered):
    footer = etree.fromstring(next(v for k, v in parts(rendered).items() if k.startswith("word/footer")))
    codes = [c.strip() for c in footer.xpath("//w:instrText/text()", namespaces=NS)]
    assert codes == ["PAGE", "NUMPAGES"]
    assert "Page" in text_of(footer) and "CONFIDENTIAL" not in text_of(footer)


def test_confidential_edition_marks_header_footer_and_properties():
    data = render_docx(sample(edition="confidential"))
    everything = parts(data)
    headers = [etree.fromstring(v) for k, v in everything.items() if k.startswith("word/header")]
    footers = [etree.fromstring(v) for k, v in everything.items() if k.startswith("word/footer")]
    assert headers and all("CONFIDENTIAL" in text_of(h) for h in headers)
    assert footers and all("CONFIDENTIAL" in text_of(f) for f in footers)
    props = docx.Document(io.BytesIO(data)).core_properties
    assert props.category == props.content_status == "Confidential"
    assert props.keywords == "individual-communication; hrc"  # as given: no edition keyword added


# ---- properties and determinism --------------------------------------------------------------

def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)


def test_core_properties(rendered, monkeypatch):
    props = docx.Document(io.BytesIO(rendered)).core_properties
    assert (props.title, props.author, props.subject, props.language) == (
        "Communication concerning the 2019 rallies", "Freedom Now NGO", "Human Rights Committee", "en")
    assert props.keywords == "individual-communication; hrc" and props.last_modified_by == "Freedom Now NGO"
    assert props.category == props.content_status == ""
    assert props.created == _midnight(dt.date(2019, 6, 9))  # the submission's date
    assert props.modified == _midnight(dt.datetime.now(dt.timezone.utc).date())  # the build's day
    assert props.revision == 1
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1600000000")
    epoch = docx.Document(io.BytesIO(render_docx(sample()))).core_properties
    assert epoch.modified == dt.datetime.fromtimestamp(1600000000, dt.timezone.utc)
    assert epoch.created == _midnight(dt.date(2019, 6, 9))


def test_undated_document_is_created_when_built(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1600000000")
    doc = Document(Meta(title="t", author="a"), [Paragraph([Text("x")])])
    props = docx.Document(io.BytesIO(render_docx(doc))).core_properties
    assert props.created == props.modified == dt.datetime.fromtimestamp(1600000000, dt.timezone.utc)


def test_bad_source_date_epoch_is_a_clear_error(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(RenderError, match="SOURCE_DATE_EPOCH"):
        render_docx(sample())


def test_two_renders_are_byte_identical(rendered):
    assert render_docx(sample()) == rendered
    with zipfile.ZipFile(io.BytesIO(rendered)) as package:
        assert package.namelist()[0] == "[Content_Types].xml"
        assert {i.date_time for i in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}


# ---- text ------------------------------------------------------------------------------------

@pytest.mark.parametrize("bad", ["\x07", "\x00", "\x1b", "\ufffe", "\uffff", "\ud800"])
def test_character_xml_cannot_hold_raises(bad):
    text = f"Witness statement {bad} taken in Almaty on 9 June 2019 by the mission"
    doc = Document(Meta(title="t", author="a"), [Paragraph([Text(text)])])
    with pytest.raises(RenderError) as caught:
        render_docx(doc)
    message = str(caught.value)
    assert f"U+{ord(bad):04X}" in message
    assert repr(text[:40]) in message


def test_bad_character_in_footnote_or_title_raises():
    doc = Document(Meta(title="t", author="a"))
    doc.blocks = [Paragraph([Text("x"), doc.add_note([Text("bell \x07")])])]
    with pytest.raises(RenderError, match="footnote 1"):
        render_docx(doc)
    with pytest.raises(RenderError, match="U\\+0001"):
        render_docx(Document(Meta(title="bad \x01 title", author="a"), [Paragraph([Text("x")])]))


def test_rtl_mark_and_kazakh_survive_literally(rendered):
    body = parts(rendered)["word/document.xml"].decode("utf-8")
    assert KAZAKH in body and RTL in body and "\u200f" in body


# ---- footnote calls that Word cannot represent ------------------------------------------------

def test_note_called_twice_or_never_raises():
    doc = Document(Meta(title="t", author="a"))
    ref = doc.add_note([Text("n")])
    doc.blocks = [Paragraph([Text("x"), ref, ref])]
    with pytest.raises(RenderError, match="called twice"):
        render_docx(doc)
    doc.blocks = [Paragraph([Text("no call")])]
    with pytest.raises(RenderError, match="never called"):
        render_docx(doc)


# ---- references ------------------------------------------------------------------------------

def test_builtin_reference_defines_every_style():
    with zipfile.ZipFile(io.BytesIO(builtin_reference())) as package:
        styles = etree.fromstring(package.read("word/styles.xml"))
    names = {(s.get(f"{{{W}}}type"), s.find("w:name", NS).get(f"{{{W}}}val").lower())
             for s in styles.findall("w:style", NS)}
    assert {(kind, name.lower()) for name, kind in STYLE_TYPES.items()} <= names


def _edited_reference() -> bytes:
    """The built-in reference as a lawyer's localised Word might save it: other style ids, a sample
    paragraph in the body, the Letterhead style deleted."""
    word = docx.Document(io.BytesIO(builtin_reference()))
    word.add_paragraph("SAMPLE BODY TEXT OF THE REFERENCE")
    styles = word.styles.element
    for style in styles.findall("w:style", NS):
        if style.get(f"{{{W}}}styleId") == "BodyText":
            style.set(f"{{{W}}}styleId", "a3")
        if style.find("w:name", NS).get(f"{{{W}}}val") == "Letterhead":
            styles.remove(style)
    for based in styles.iter(f"{{{W}}}basedOn"):
        if based.get(f"{{{W}}}val") == "BodyText":
            based.set(f"{{{W}}}val", "a3")
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def test_own_reference_styles_are_honoured():
    data = render_docx(sample(), _edited_reference())
    body = parts(data)["word/document.xml"].decode("utf-8")
    assert "SAMPLE BODY TEXT" not in body
    names = style_names(data)
    assert names["a3"] == "Body Text"
    assert [n for n in names.values() if n == "Letterhead"] == ["Letterhead"]  # copied back in
    assert paragraphs_in_style(data, "Letterhead")


def test_reference_saved_with_notes_and_note_settings_is_reused_cleanly():
    """A reference that already has footnotes, hyperlinks, a header and separator settings (as Word
    saves them, here: an earlier output) gives only the new document's notes and valid settings."""
    word = docx.Document(io.BytesIO(render_docx(sample(edition="confidential"))))
    settings = word.settings.element
    for container, tag, ids in (("footnotePr", "footnote", ("-1", "0", "7")), ("endnotePr", "endnote", ("-1", "0"))):
        props = etree.SubElement(settings, f"{{{W}}}{container}")
        for note_id in ids:
            etree.SubElement(props, f"{{{W}}}{tag}").set(f"{{{W}}}id", note_id)
    reference = io.BytesIO()
    word.save(reference)
    doc = Document(Meta(title="Second", author="a", edition="confidential"))
    doc.blocks = [Paragraph([Text("Only call"), doc.add_note([Link(BODY_URL, [Text("new note")])])])]
    data = render_docx(doc, reference.getvalue())
    notes = xml(data, "word/footnotes.xml").findall("w:footnote", NS)
    assert [n.get(f"{{{W}}}id") for n in notes] == ["-1", "0", "1"] and text_of(notes[2]).strip() == "new note"
    assert [r.get("Target") for r in rels(data, "word/_rels/footnotes.xml.rels").values()] == [BODY_URL]
    assert not [r for r in rels(data, "word/_rels/document.xml.rels").values() if r.get("Type").endswith("/hyperlink")]
    settings = xml(data, "word/settings.xml")
    assert settings.xpath("//w:footnotePr/w:footnote/@w:id", namespaces=NS) == ["-1", "0"]
    assert not settings.xpath("//w:endnotePr/w:endnote", namespaces=NS)  # no endnotes part
    header = next(v for k, v in parts(data).items() if k.startswith("word/header"))
    assert text_of(etree.fromstring(header)) == "CONFIDENTIAL"
    assert "SAMPLE" not in text_of(xml(data, "word/document.xml")) and "Facts" not in text_of(
        xml(data, "word/document.xml"))


def test_nested_lists_anchors_and_internal_links():
    doc = Document(Meta(title="t", author="a"))
    doc.blocks = [Heading(2, [Text("Remedies")], anchor="remedies-1"),
                  Paragraph([Text("See "), Link("#remedies-1", [Text("above")])]),
                  ListBlock([[Paragraph([Text("outer")]),
                              ListBlock([[Paragraph([Text("inner")]), Paragraph([Text("more")])]], ordered=True)]])]
    data = render_docx(doc)
    body = xml(data, "word/document.xml")
    mark = body.xpath("//w:bookmarkStart/@w:name", namespaces=NS)
    assert mark == body.xpath("//w:hyperlink/@w:anchor", namespaces=NS) == ["remedies_1"]
    inner = paragraphs_in_style(data, "List Number 2")
    assert [text_of(p) for p in inner] == ["inner"] and _num_pr(inner[0])[1] == "1"
    assert [text_of(p) for p in paragraphs_in_style(data, "List Continue 2")] == ["more"]
    assert [text_of(p) for p in paragraphs_in_style(data, "heading 2")] == ["Remedies"]


def test_unreadable_reference_raises():
    with pytest.raises(RenderError, match="reference.docx"):
        render_docx(sample(), b"not a zip file")


# ---- a real client ---------------------------------------------------------------------------

def test_libreoffice_shows_body_and_footnotes(request):
    client_tools()
    flat = " ".join(request.getfixturevalue("pdf_text").split())
    for expected in ["Communication concerning the 2019 rallies", "On 9 June 2019 police detained protesters",
                     "Person 3", "Annex text after the page break", KAZAKH, *NOTE_TEXTS[::2],
                     "OSCE/ODIHR, Final Report on the presidential election (2019) 12"]:
        assert expected in flat, expected
    assert "Page 1 of 2" in flat


# ---- size (speed is measured in bench/) -------------------------------------------------------

def test_thousand_footnoted_paragraphs_and_thousand_row_table_render_whole():
    doc = Document(Meta(title="Long", author="a", date=dt.date(2019, 6, 9)))
    for i in range(1, 1001):
        note = doc.add_note([Text(f"Source {i}, "), Link(f"https://example.org/{i}", [Text("online")])])
        doc.blocks.append(Paragraph([Text(f"Paragraph {i} of the facts."), note], number=i))
    doc.blocks.append(Table([[Text(h)] for h in ("No.", "Name", "City", "Events")],
                            [[[Text(f"{r}-{c}")] for c in range(4)] for r in range(1000)]))
    data = render_docx(doc)
    assert len(xml(data, "word/footnotes.xml")) == 1002
    body = xml(data, "word/document.xml")
    assert body.xpath("count(//w:tbl/w:tr)", namespaces=NS) == 1001
    assert body.xpath("count(//w:p[w:pPr/w:numPr])", namespaces=NS) == 1000


def test_figures_are_right_aligned_with_their_heading():
    doc = Document(Meta(title="Figures", author="a", date=dt.date(2019, 6, 9)))
    doc.blocks = [Table([[Text("Candidate")], [Text("Votes")]],
                        [[[Text("Kassym-Jomart Tokayev")], [Text("51,164")]], [[Text("Amirzhan Kosanov")], [Text("35.6%")]]])]
    body = xml(render_docx(doc), "word/document.xml")
    def aligned(text):
        return body.xpath(f"//w:p[.//w:t='{text}']/w:pPr/w:jc/@w:val", namespaces=NS)
    assert aligned("51,164") == aligned("35.6%") == aligned("Votes") == ["right"]
    assert aligned("Kassym-Jomart Tokayev") == aligned("Candidate") == []
