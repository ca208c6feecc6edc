"""Read any DOCX back for the audit: its body paragraphs in order (text as it reads now, style, the
footnotes each calls, the bookmarks on it) and its footnotes. Reading only; lxml on the zip parts.

Tracked changes read as the document would print once accepted: inserted text counts, deleted text
(`w:delText`) does not. Field results count as text, field codes do not.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_P, _T, _TAB, _BR = (f"{{{W_NS}}}{t}" for t in ("p", "t", "tab", "br"))
_BOOKMARK, _NOTE_REF, _STYLE = (f"{{{W_NS}}}{t}" for t in ("bookmarkStart", "footnoteReference", "pStyle"))
_NAME, _ID, _VAL, _TYPE = (f"{{{W_NS}}}{a}" for a in ("name", "id", "val", "type"))
_TC = f"{{{W_NS}}}tc"


@dataclass
class DocxParagraph:
    """One paragraph of the body as it reads now."""

    position: int  # 1-based, in reading order (table cells included)
    text: str
    style: str  # the style's name as Word shows it ("Heading 2"), or "" for the default
    notes: list[int] = field(default_factory=list)  # numbers of the footnotes it calls, as printed
    bookmarks: list[str] = field(default_factory=list)
    in_table: bool = False


@dataclass
class DocxContent:
    """The body paragraphs and footnotes of a DOCX; `notes` maps a printed note number to its text."""

    paragraphs: list[DocxParagraph]
    notes: dict[int, str]
    note_paragraph: dict[int, int]  # printed note number -> position of the paragraph that calls it


def _part(package: zipfile.ZipFile, name: str) -> etree._Element | None:
    if name not in package.namelist():
        return None
    try:
        return etree.fromstring(package.read(name))
    except etree.XMLSyntaxError as exc:
        raise ValueError(f"the document's part {name} is damaged ({exc})") from None


def _text(element: etree._Element) -> str:
    out = []
    for node in element.iter(_T, _TAB, _BR):
        out.append((node.text or "") if node.tag == _T else " ")
    return " ".join("".join(out).split())


def _style_names(styles: etree._Element | None) -> dict[str, str]:
    names: dict[str, str] = {}
    if styles is None:
        return names
    for style in styles.iter(f"{{{W_NS}}}style"):
        name = style.find(f"{{{W_NS}}}name")
        names[style.get(f"{{{W_NS}}}styleId", "")] = name.get(_VAL, "") if name is not None else ""
    return names


def read_docx(data: bytes) -> DocxContent:
    """The paragraphs and footnotes of a DOCX (raises ValueError when the bytes are no readable DOCX)."""
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise ValueError("not a Word document (.docx): the file is not a zip package") from None
    with package:
        body = _part(package, "word/document.xml")
        if body is None:
            raise ValueError("not a Word document (.docx): it has no word/document.xml")
        footnotes = _part(package, "word/footnotes.xml")
        styles = _style_names(_part(package, "word/styles.xml"))
    note_text: dict[str, str] = {}
    if footnotes is not None:
        for note in footnotes.iter(f"{{{W_NS}}}footnote"):
            if note.get(_TYPE) in (None, "normal"):
                note_text[note.get(_ID, "")] = _text(note)
    paragraphs: list[DocxParagraph] = []
    notes: dict[int, str] = {}
    note_paragraph: dict[int, int] = {}
    pending: list[str] = []  # bookmarks between paragraphs mark the next one
    for element in body.iter(_P, _BOOKMARK):
        if element.tag == _BOOKMARK:
            if next(element.iterancestors(_P), None) is None:
                pending.append(element.get(_NAME, ""))
            continue
        if next(element.iterancestors(_P), None) is not None:
            continue  # a paragraph inside a text box of another paragraph: read with it
        style = element.find(f"{{{W_NS}}}pPr/{_STYLE}")
        para = DocxParagraph(len(paragraphs) + 1, _text(element),
                             styles.get(style.get(_VAL, ""), style.get(_VAL, "")) if style is not None else "",
                             bookmarks=pending + [b.get(_NAME, "") for b in element.iter(_BOOKMARK)],
                             in_table=next(element.iterancestors(_TC), None) is not None)
        pending = []
        for ref in element.iter(_NOTE_REF):
            number = len(notes) + 1
            notes[number] = note_text.get(ref.get(_ID, ""), "")
            note_paragraph[number] = para.position
            para.notes.append(number)
        paragraphs.append(para)
    return DocxContent(paragraphs, notes, note_paragraph)
