"""The HTML and PDF writers, read back with pypdf and pdftotext."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from briefgen.document import Document, Heading, Link, Meta, Paragraph, Text
from briefgen.render import RenderError
from briefgen.render.html import render_html
from briefgen.render.pdf import render_pdf
from briefgen.assemble.templating import template_file

CSS = template_file("print.css", {}).decode()


def _doc(paragraphs: int = 60, edition: str = "public") -> Document:
    doc = Document(Meta(title="Test submission", author="Test Centre", language="en", date=dt.date(2019, 6, 25),
                        edition=edition))
    doc.blocks.append(Heading(0, [Text("Test submission")]))
    doc.blocks.append(Heading(1, [Text("Facts")], anchor="facts"))
    for i in range(1, paragraphs + 1):
        ref = doc.add_note([Text(f"Source note number {i} "), Link("https://example.org/x", [Text("link")])])
        doc.blocks.append(Paragraph([Text(f"Paragraph {i}: Қазақстан әділ сайлау. " + "Words follow here. " * 12), ref],
                                    number=i))
    doc.blocks.append(Heading(1, [Text("Literal text")]))
    doc.blocks.append(Paragraph([Text("<script>alert(1)</script> {{ 7*7 }}")]))
    return doc


def _pdf(doc: Document, tmp_path: Path, **kw) -> bytes:
    return render_pdf(render_html(doc, CSS), base_dir=tmp_path, allowed_roots=[tmp_path], **kw)


def _pages(data: bytes, tmp_path: Path) -> list[str]:
    path = tmp_path / "out.pdf"
    path.write_bytes(data)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("pdf")
    data = _pdf(_doc(), tmp)
    return data, _pages(data, tmp), tmp


def test_every_footnote_is_on_the_page_of_its_call(rendered):
    _, pages, _ = rendered
    assert len([p for p in pages if p.strip()]) >= 3
    for i in range(1, 61):
        call_page = next(n for n, p in enumerate(pages) if f"Paragraph {i}:" in p)
        assert f"Source note number {i} " in pages[call_page], f"note {i} not on page {call_page + 1}"


def test_page_numbers_bookmarks_metadata_language(rendered):
    data, pages, tmp = rendered
    total = len([p for p in pages if p.strip()])
    assert f"Page 1 of {total}" in pages[0]
    reader = PdfReader(tmp / "out.pdf")
    def flat(items):
        for o in items:
            yield from flat(o) if isinstance(o, list) else [o.title]
    titles = list(flat(reader.outline))
    assert "Facts" in titles and "Literal text" in titles
    assert reader.metadata.title == "Test submission"
    assert reader.trailer["/Root"]["/Lang"] == "en"


def test_fonts_are_embedded_and_kazakh_text_survives(rendered):
    _, pages, tmp = rendered
    reader = PdfReader(tmp / "out.pdf")
    fonts = reader.pages[0]["/Resources"]["/Font"]
    for ref in fonts.values():
        font = ref.get_object()
        descriptor = (font["/DescendantFonts"][0].get_object()["/FontDescriptor"] if "/DescendantFonts" in font
                      else font["/FontDescriptor"]).get_object()
        assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    assert "Қазақстан әділ сайлау" in pages[0]


def test_data_comes_out_literally(rendered):
    _, pages, _ = rendered
    text = "".join(pages)
    assert "<script>alert(1)</script> {{ 7*7 }}" in text


def test_two_renders_are_byte_identical(tmp_path):
    doc = _doc(5)
    assert _pdf(doc, tmp_path) == _pdf(_doc(5), tmp_path)


@pytest.mark.parametrize("variant", ["pdf/a-3b", "pdf/ua-1"])
def test_variants_render_with_the_attachment(tmp_path, variant):
    data = _pdf(_doc(3), tmp_path, variant=variant, attachments=[("m.json", b'{"a": 1}', "manifest")])
    (tmp_path / "v.pdf").write_bytes(data)
    reader = PdfReader(tmp_path / "v.pdf")
    assert reader.attachments["m.json"] == [b'{"a": 1}']


def test_unknown_variant_is_refused(tmp_path):
    with pytest.raises(RenderError, match="pdf/a-3b"):
        _pdf(_doc(1), tmp_path, variant="pdf/x")


@pytest.mark.parametrize("src", ["file:///etc/passwd", "http://127.0.0.1:9/x", "../../secret"])
def test_fetcher_refuses_anything_outside_the_roots(tmp_path, src):
    root = tmp_path / "a" / "b"
    root.mkdir(parents=True)
    (tmp_path / "secret").write_text("root:x:0:0 secret")
    html = render_html(_doc(1), CSS).replace("</body>", f'<img src="{src}"></body>')
    with pytest.raises(RenderError, match="refused to load"):
        render_pdf(html, base_dir=root, allowed_roots=[root])


def test_a_file_inside_the_roots_is_allowed(tmp_path):
    (tmp_path / "img.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>')
    html = render_html(_doc(1), CSS).replace("</body>", '<img src="img.svg"></body>')
    assert render_pdf(html, base_dir=tmp_path, allowed_roots=[tmp_path]).startswith(b"%PDF")


def test_confidential_edition_is_marked_on_every_page(tmp_path):
    pages = [p for p in _pages(_pdf(_doc(60, "confidential"), tmp_path), tmp_path) if p.strip()]
    assert len(pages) >= 3 and all("CONFIDENTIAL" in p for p in pages)


def test_html_escapes_data_and_drops_unsafe_links():
    doc = _doc(0)
    doc.blocks.append(Paragraph([Link("javascript:alert(1)", [Text("click")]), Text("<b>x</b>")]))
    html = render_html(doc, CSS)
    assert "javascript:" not in html and "&lt;b&gt;x&lt;/b&gt;" in html
    assert '<html lang="en" class="edition-public">' in html and "<title>Test submission</title>" in html


def test_no_word_is_hyphenated_and_no_line_breaks_early(tmp_path):
    doc = Document(Meta(title="Names", author="Test Centre", language="en", date=dt.date(2019, 6, 25)))
    sentence = ("Police in Kazakhstan detained Turgumbayev and Saparova in Almaty and Nur-Sultan, contrary to the "
                "ICCPR and to international obligations concerning demonstrations. Data from 20 polling stations "
                "in Almaty also show Kosanov and Tokayev with roughly equal votes, 6,576 (43.36%) and 6,943 "
                "(45.78%), and a turnout of 32.58%. The Central Election Commission gave Kosanov 8.57%. ")
    doc.blocks.append(Paragraph([Text(sentence * 12)]))
    lines = [line.strip() for line in _pages(_pdf(doc, tmp_path), tmp_path)[0].splitlines() if line.strip()]
    body = lines[:-2]  # the paragraph's last line and the page number may be short
    assert len(body) > 20
    assert not [line for line in body if line.endswith("\u2010")]
    widest = max(len(line) for line in body)
    assert not [line for line in body[:-1] if len(line) < 0.6 * widest]


def test_no_line_of_a_note_begins_with_the_closing_bracket_of_a_url(tmp_path):
    doc = Document(Meta(title="URLs", author="Test Centre", language="en", date=dt.date(2019, 6, 25)))
    for i in range(60):
        url = "https://example.org/" + "news-item-" * (i % 12) + "x" * (i % 7) + "/"
        note = doc.add_note([Text("Agency, [report] <"), Link(url, [Text(url)]), Text(">.")])
        doc.blocks.append(Paragraph([Text(f"Paragraph {i}."), note]))
    text = "\n".join(_pages(_pdf(doc, tmp_path), tmp_path))
    assert text.count("https://example.org/") == 60
    assert not [line for line in text.splitlines() if line.strip().startswith(">")]


def test_figures_are_right_aligned_and_a_lead_in_stays_with_its_table():
    from briefgen.document import Table
    doc = Document(Meta(title="Figures", author="Test Centre", language="en", date=dt.date(2019, 6, 25)))
    doc.blocks = [Paragraph([Text("The count:")]),
                  Table([[Text("Candidate")], [Text("Votes")]], [[[Text("Tokayev")], [Text("51,164")]],
                                                                 [[Text("Kosanov")], [Text("about 35,604")]]])]
    html = render_html(doc, CSS)
    assert '<p class="lead-in">' in html
    assert '<th class="num">Votes</th>' in html and html.count('<td class="num">') == 2


def test_the_sentence_before_an_address_stays_with_it():
    doc = Document(Meta(title="Author", author="Test Centre", language="en", date=dt.date(2019, 6, 25)))
    doc.blocks = [Paragraph([Text("The author is represented by the Centre.")]),
                  Paragraph([Text("Test Centre")], style="address")]
    assert '<p class="lead-in">The author is represented' in render_html(doc, CSS)


def test_a_note_call_never_starts_a_line_of_its_own(tmp_path):
    doc = Document(Meta(title="Calls", author="Test Centre", language="en", date=dt.date(2019, 6, 25)))
    quoted = "she had shouted out ideas “forming a negative image of the current government”."
    for i in range(120):  # every width of line before the call, so that some line ends just before it
        note = doc.add_note([Text(f"Source {i}.")])
        doc.blocks.append(Paragraph([Text("w" * (i % 40) + " " + "and " * (i // 40) + quoted), note], number=i + 1))
    text = "\n".join(_pages(_pdf(doc, tmp_path), tmp_path))
    assert text.count("government”.") == 120
    assert not [line for line in text.splitlines() if re.fullmatch(r"\s*\d+\s*", line)]
