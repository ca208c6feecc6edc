"""The leak guard reads every part of the rendered files back, on its own, and finds secrets there."""

from __future__ import annotations

import io
import json
import unicodedata
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefgen.document import Document, Link, Meta, Paragraph, Text
from briefgen.load.resolve import Dossier
from briefgen.models import Claim, Person, Source
from briefgen.render.docx import render_docx
from briefgen.namekeys import APOSTROPHES, INWORD_MARKUP, is_ignorable, key
from briefgen.write.guard import _text_words, find_leaks, secrets

HIDDEN = Person(id="seitkali-daniyar", name="Daniyar Seitkali", aliases=["Данияр Сейткали"],
                consent={"publish_name": False})
PUBLIC = Person(id="shevchuk-oksana", name="Oksana Shevchuk", consent={"publish_name": True})
INFANT = Person(id="shevchuk-e-m", name="E.M. Shevchuk", consent={"publish_name": False})
WITNESS = Source(id="w1", title="Statement of the neighbour", url="https://drive.example.org/w1", kind="other",
                 confidential=True)
RAID = Claim(id="raid", statement="Masked officers searched the flat of the family for three hours without a warrant.",
             date="2019-06-10", status="alleged", confidential=True)
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DOSSIER = Dossier(people={p.id: p for p in (HIDDEN, PUBLIC, INFANT)}, sources={"w1": WITNESS}, claims={"raid": RAID})


def _found(files) -> list[str]:
    return sorted({leak.secret.what.split(",")[0] for leak in find_leaks(files, secrets(DOSSIER))})


def test_the_secrets_of_a_dossier():
    words = {s.words for s in secrets(DOSSIER)}
    assert {("daniar", "seitkali"), ("seitkali", "daniar"), ("seitkali",), ("e", "m", "shevchuk"),
            ("shevchuk", "e", "m"), ("statement", "of", "the", "neighbour")} <= words
    assert ("shevchuk",) not in words  # Oksana Shevchuk may be named


def test_names_in_any_form_and_disguise_are_found():
    for text in ("Данияра Сейткали", "SEYT\u00adKALI", "Seit-\nkali", "Sеitkali", "Сейткалидың", "E. M. Shevchuk",
                 "the flat: masked officers searched the flat of the family for three hours without a warrant"):
        assert _found({"a.txt": f"x {text} y".encode()}), text
    for text in ("Oksana Shevchuk", "Ms Shevchuk", "Person A", "Daniyar went home", "Seitkalievo"):
        assert not _found({"a.txt": text.encode()}), text


def test_every_docx_part_is_read():
    doc = Document(Meta(title="t", author="a", subject="About Mr Seitkali"),
                   [Paragraph([Text("Nothing here")], anchor="seitkali-detained"),
                    Paragraph([Link("https://drive.example.org/w1", [Text("a link")])])])
    data = render_docx(doc)
    leaks = find_leaks({"x.docx": data}, secrets(DOSSIER))
    parts = {leak.part for leak in leaks}
    assert {"docProps/core.xml", "word/document.xml", "word/_rels/document.xml.rels"} <= parts
    extra = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(extra, "w") as target:
        for item in source.infolist():
            target.writestr(item, source.read(item.filename))
        target.writestr("word/comments.xml", f'<w:comments xmlns:w="{W}"><w:comment><w:p><w:r><w:t>Seit</w:t></w:r>'
                                             '<w:r><w:t>kali</w:t></w:r></w:p></w:comment></w:comments>')
    assert "word/comments.xml" in {leak.part for leak in find_leaks({"x.docx": extra.getvalue()}, secrets(DOSSIER))}


def test_pdf_text_metadata_links_and_attachments_are_read(tmp_path):
    from briefgen.render.html import render_html
    from briefgen.render.pdf import render_pdf
    doc = Document(Meta(title="t", author="a", subject="Данияр Сейткали"),
                   [Paragraph([Text("Nothing on the page but "), Link("https://x.org/daniyar-seitkali", [Text("this")])])])
    manifest = json.dumps({"people": ["shevchuk-e-m"]}).encode()
    pdf = render_pdf(render_html(doc, ""), base_dir=tmp_path, allowed_roots=[tmp_path],
                     attachments=[("m.json", manifest, "manifest")])
    parts = {leak.part for leak in find_leaks({"x.pdf": pdf}, secrets(DOSSIER))}
    assert "metadata" in parts and "objects" in parts and "attachment m.json" in parts
    assert not any(p.startswith("page") for p in parts)


def test_html_attributes_and_manifests_are_read():
    html = b'<p>Nothing</p><a href="https://x.org/seitkali">x</a><p>Sei<em>tkali</em></p>'
    assert {leak.part for leak in find_leaks({"x.html": html}, secrets(DOSSIER))} == {"attributes", "text"}
    manifest = json.dumps({"evidence": {"evidence/seitkali-daniyar.pdf": "00"}}).encode()
    assert _found({"x.manifest.json": manifest})


HIDDEN_ON_PAGES = {
    "a line running off the page": '<p style="white-space: nowrap">A line far too long for the page, going on'
                                   + " and on" * 30 + " to Seitkali</p>",
    "a paragraph placed beyond the edge": '<p style="position: absolute; left: 400mm; top: 10mm">Seitkali</p>',
    "white text": '<p style="color: white">Сейткали</p>',
}


@pytest.mark.parametrize("reader", ["poppler", "pypdf"])
@pytest.mark.parametrize("where", list(HIDDEN_ON_PAGES))
def test_pdf_page_text_is_read_wherever_it_is_drawn(reader, where, tmp_path, monkeypatch):
    from briefgen.render.pdf import render_pdf
    from briefgen.write import guard
    html = f"<html><body><p>Nothing to see here.</p>{HIDDEN_ON_PAGES[where]}</body></html>"
    pdf = render_pdf(html, base_dir=tmp_path, allowed_roots=[tmp_path])
    if reader == "pypdf":
        monkeypatch.setattr(guard.shutil, "which", lambda name: None)
    else:
        assert guard._poppler_page_texts(pdf) is not None, "poppler-utils (pdftohtml) is not installed"
    assert [leak.part for leak in find_leaks({"x.pdf": pdf}, secrets(DOSSIER))] == ["page 1"]


def _words_char_by_char(text: str) -> list[tuple[str, int, int]]:
    """The words of a text read one character at a time: what _text_words must find, faster."""
    text = unicodedata.normalize("NFC", text)
    words, current, start = [], [], 0
    for i, ch in enumerate(text):
        if ch.isalnum():
            if not current:
                start = i
            current.append(ch)
        elif current and unicodedata.category(ch).startswith("M"):
            current[-1] += ch
        elif current and (is_ignorable(ch) or ch in INWORD_MARKUP or ch in APOSTROPHES):
            continue
        elif current:
            words.append((key("".join(current)), start, i))
            current = []
    if current:
        words.append((key("".join(current)), start, len(text)))
    return [w for w in words if w[0]]


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet="aZ9éСейт_ \n.,-*~`'\u2019\u02bc\u0301\u0306\u200b\u00ad\u034f\ufe0f\u2013“”¹½٣", max_size=40))
def test_words_are_those_read_character_by_character(text):
    assert _text_words(text) == _words_char_by_char(text)
