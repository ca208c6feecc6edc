"""WordprocessingML primitives of the DOCX writer: names, runs, text, bookmarks and fields as lxml elements.

Elements are built with lxml directly (python-docx's object API is far too slow for thousands of
paragraphs and table rows). Every string passes `check_text` before it reaches the XML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from .. import RenderError

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def w(tag: str) -> str:
    """The Clark name of a WordprocessingML element or attribute."""
    return f"{{{W_NS}}}{tag}"


W_VAL, W_ID, W_TYPE, W_W = w("val"), w("id"), w("type"), w("w")
R_ID = f"{{{R_NS}}}id"

# Paragraph style for each Paragraph.style role (None = ordinary body text).
ROLE_STYLES = {
    None: "Body Text", "letterhead": "Letterhead", "address": "Address", "date": "Date Line",
    "subject": "Subject", "salutation": "Salutation", "signature": "Signature",
    "recommendation": "Recommendation", "small": "Small Text", "note": "Small Text",
}
HEADING_STYLES = {0: "Title", 1: "Heading 1", 2: "Heading 2", 3: "Heading 3"}

_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_NEEDS_SPLIT = re.compile("[\t\n\r]")


def check_text(text: str) -> str:
    """The text itself, or RenderError if it holds a character XML 1.0 (and so Word) cannot store."""
    bad = _NOT_IN_XML.search(text)
    if bad:
        char = bad.group()
        kind = ("a lone surrogate" if "\ud800" <= char <= "\udfff"
                else "a Unicode noncharacter" if char in "\ufffe\uffff" else "a control character")
        raise RenderError(f"the text {text[:40]!r} contains U+{ord(char):04X} ({kind}), which a Word file "
                          "cannot hold: remove it from the source")
    return text


@dataclass(frozen=True)
class RunFormat:
    """Direct run properties the writer may set: bold, italic and a character style."""

    bold: bool = False
    italic: bool = False
    char_style: str | None = None


PLAIN = RunFormat()


def bookmark_name(anchor: str) -> str:
    """A Word-safe bookmark name (letters, digits, underscore; at most 40 characters)."""
    name = re.sub(r"\W", "_", check_text(anchor))
    if not name[:1].isalpha():
        name = "_" + name
    return name[:40]


def styled_paragraph(parent: etree._Element, style_id: str | None) -> etree._Element:
    """A new `w:p` under parent, in the given paragraph style (or the default one)."""
    p = etree.SubElement(parent, w("p"))
    if style_id:
        etree.SubElement(etree.SubElement(p, w("pPr")), w("pStyle")).set(W_VAL, style_id)
    return p


def new_run(parent: etree._Element, fmt: RunFormat = PLAIN) -> etree._Element:
    """A new `w:r` under parent with the run properties of fmt."""
    r = etree.SubElement(parent, w("r"))
    if fmt.bold or fmt.italic or fmt.char_style:
        rpr = etree.SubElement(r, w("rPr"))
        if fmt.char_style:
            etree.SubElement(rpr, w("rStyle")).set(W_VAL, fmt.char_style)
        if fmt.bold:
            etree.SubElement(rpr, w("b"))
            etree.SubElement(rpr, w("bCs"))
        if fmt.italic:
            etree.SubElement(rpr, w("i"))
            etree.SubElement(rpr, w("iCs"))
    return r


def add_text(run: etree._Element, text: str) -> None:
    """Text appended to a run: tabs become `w:tab`, line ends `w:br`."""
    if _NEEDS_SPLIT.search(text):
        text = text.replace("\r\n", "\n")
        pieces, separators = _NEEDS_SPLIT.split(text), _NEEDS_SPLIT.findall(text)
    else:
        pieces, separators = [text], []
    for i, piece in enumerate(pieces):
        if i:
            etree.SubElement(run, w("tab") if separators[i - 1] == "\t" else w("br"))
        if piece:
            t = etree.SubElement(run, w("t"))
            t.text = piece
            if piece[0].isspace() or piece[-1].isspace():
                t.set(XML_SPACE, "preserve")


def add_bookmark(parent: etree._Element, bookmark_id: int, name: str, before: etree._Element | None = None):
    """A `w:bookmarkStart` (at the end of parent, or just before `before`); returns it."""
    start = etree.Element(w("bookmarkStart"))
    start.set(W_ID, str(bookmark_id))
    start.set(w("name"), name)
    if before is None:
        parent.append(start)
    else:
        before.addprevious(start)
    return start


def end_bookmark(parent: etree._Element, bookmark_id: int) -> None:
    """The `w:bookmarkEnd` of bookmark_id, at the end of parent."""
    etree.SubElement(parent, w("bookmarkEnd")).set(W_ID, str(bookmark_id))


def begin_field(parent: etree._Element, instruction: str, fmt: RunFormat = PLAIN, result: bool = True) -> None:
    """The runs that open a complex field: begin, its instruction, and (when it has a result) separate."""
    etree.SubElement(new_run(parent, fmt), w("fldChar")).set(w("fldCharType"), "begin")
    code = etree.SubElement(new_run(parent, fmt), w("instrText"))
    code.text = f" {check_text(instruction)} "
    code.set(XML_SPACE, "preserve")
    if result:
        etree.SubElement(new_run(parent, fmt), w("fldChar")).set(w("fldCharType"), "separate")


def end_field(parent: etree._Element, fmt: RunFormat = PLAIN) -> None:
    """The run that closes a complex field."""
    etree.SubElement(new_run(parent, fmt), w("fldChar")).set(w("fldCharType"), "end")


def field_runs(parent: etree._Element, instruction: str, shown: str | None, fmt: RunFormat = PLAIN) -> None:
    """A complex field in one paragraph; `shown` is its result as written (None: a field without
    result, such as TA). Word and LibreOffice show the result until the field is updated."""
    begin_field(parent, instruction, fmt, result=shown is not None)
    if shown:
        add_text(new_run(parent, fmt), check_text(shown))
    end_field(parent, fmt)


def field_argument(text: str) -> str:
    """Text as one quoted argument of a field instruction (quotes and backslashes escaped)."""
    return '"' + check_text(text).replace("\\", "\\\\").replace('"', '\\"') + '"'
