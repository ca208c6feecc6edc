"""WordprocessingML for the DOCX writer: blocks, inlines, tables and footnotes as lxml elements.

Elements are built with lxml directly (python-docx's object API is far too slow for thousands of
paragraphs and table rows). Every string passes `check_text` before it reaches the XML.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from typing import Callable

from lxml import etree

from ...document import (AuthoritiesTable, AuthorityMark, Block, BlockQuote, Emph, Heading, Inline, LineBreak, Link,
                        ListBlock, Note, NoteRef, NoteXRef, PageBreak, Paragraph, ParaXRef, Strong, Table, Text,
                        plain_text)
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


def field_runs(paragraph: etree._Element, instruction: str, shown: str) -> None:
    """A complex field (PAGE, NUMPAGES...) with a cached result Word and LibreOffice update."""
    for kind in ("begin", "instr", "separate", "shown", "end"):
        r = etree.SubElement(paragraph, w("r"))
        if kind == "instr":
            code = etree.SubElement(r, w("instrText"))
            code.text = f" {instruction} "
            code.set(XML_SPACE, "preserve")
        elif kind == "shown":
            etree.SubElement(r, w("t")).text = shown
        else:
            etree.SubElement(r, w("fldChar")).set(w("fldCharType"), kind)


class InlineWriter:
    """Writes inlines as runs into a paragraph of one part (body or footnotes)."""

    def __init__(self, styles: dict[str, str | None], link_rid: Callable[[str], str],
                 note_call: Callable[[int], int] | None):
        self.styles = styles
        self.link_rid = link_rid
        self.note_call = note_call
        self.hyperlink_style = styles.get("Hyperlink")
        self.note_ref_style = styles.get("Footnote Reference")

    def write(self, parent: etree._Element, inlines: list[Inline], fmt: RunFormat = PLAIN) -> None:
        """Append runs for inlines to parent (a `w:p` or `w:hyperlink`)."""
        for node in inlines:
            if isinstance(node, Text):
                if node.text:
                    add_text(new_run(parent, fmt), check_text(node.text))
            elif isinstance(node, Emph):
                self.write(parent, node.children, RunFormat(fmt.bold, True, fmt.char_style))
            elif isinstance(node, Strong):
                self.write(parent, node.children, RunFormat(True, fmt.italic, fmt.char_style))
            elif isinstance(node, Link):
                self._link(parent, node, fmt)
            elif isinstance(node, NoteRef):
                self._note_ref(parent, node)
            elif isinstance(node, LineBreak):
                etree.SubElement(new_run(parent, fmt), w("br"))
            elif isinstance(node, (NoteXRef, ParaXRef)):
                add_text(new_run(parent, fmt), str(node.number))
            elif isinstance(node, AuthorityMark):
                pass
            else:
                raise RenderError(f"cannot render {type(node).__name__} inside a paragraph")

    def _link(self, parent: etree._Element, link: Link, fmt: RunFormat) -> None:
        if parent.tag == w("hyperlink"):  # a link inside a link: Word cannot nest them
            self.write(parent, link.children, fmt)
            return
        url = check_text(link.url)
        hyperlink = etree.SubElement(parent, w("hyperlink"))
        if url.startswith("#"):
            hyperlink.set(w("anchor"), bookmark_name(url[1:]))
        else:
            hyperlink.set(R_ID, self.link_rid(url))
            hyperlink.set(w("history"), "1")
        self.write(hyperlink, link.children, RunFormat(fmt.bold, fmt.italic, self.hyperlink_style))

    def _note_ref(self, parent: etree._Element, ref: NoteRef) -> None:
        if self.note_call is None:
            raise RenderError(f"footnote call {ref.number} sits inside a footnote: Word footnotes cannot nest")
        note_id = self.note_call(ref.number)
        run = new_run(parent, RunFormat(char_style=self.note_ref_style))
        etree.SubElement(run, w("footnoteReference")).set(W_ID, str(note_id))


class BlockWriter:
    """Writes the document's blocks as `w:p` and `w:tbl` elements under a parent element."""

    def __init__(self, inline: InlineWriter, styles: dict[str, str | None], text_width: int):
        self.inline = inline
        self.styles = styles
        self.text_width = text_width  # twips between the page margins
        self._bookmark_id = 0

    def write(self, parent: etree._Element, blocks: list[Block], quote: bool = False, depth: int = 0) -> None:
        """Append elements for blocks; `quote` and `depth` carry block-quote and list nesting."""
        for block in blocks:
            if isinstance(block, Paragraph):
                self.paragraph(parent, block, quote)
            elif isinstance(block, Heading):
                self.heading(parent, block)
            elif isinstance(block, ListBlock):
                self.list_block(parent, block, quote, depth + 1)
            elif isinstance(block, BlockQuote):
                self.write(parent, block.children, True, depth)
            elif isinstance(block, Table):
                self.table(parent, block)
            elif isinstance(block, PageBreak):
                etree.SubElement(new_run(etree.SubElement(parent, w("p"))), w("br")).set(W_TYPE, "page")
            elif isinstance(block, AuthoritiesTable):
                rows = []
                for group in block.groups:
                    rows.append([[Strong([Text(group.title)])], []])
                    rows.extend([e.children, e.places] for e in group.entries)
                self.table(parent, Table([[Text("Authority")], [Text(block.heading)]], rows, widths=[7.0, 3.0]))
            else:
                raise RenderError(f"cannot render a {type(block).__name__} block in DOCX")

    def heading(self, parent: etree._Element, heading: Heading) -> None:
        """A heading: level 0 is the title, 1-3 the section levels (deeper ones as level 3)."""
        style = HEADING_STYLES[min(max(heading.level, 0), 3)]
        p = styled_paragraph(parent, self.styles.get(style))
        self._bookmarked(p, heading.anchor, heading.children)

    def paragraph(self, parent: etree._Element, para: Paragraph, quote: bool = False) -> None:
        """A paragraph in its role's style; numbered ones start with their static number and a tab."""
        if para.number is not None:
            if para.number < 1:
                raise RenderError(f"paragraph {plain_start(para.children)!r} has number {para.number}: "
                                  "paragraph numbers start at 1")
            p = styled_paragraph(parent, self.styles.get("Numbered Paragraph"))
            self._static_marker(p, f"{para.number}.")
        else:
            if para.style not in ROLE_STYLES:
                raise RenderError(f"unknown paragraph role {para.style!r}; known: "
                                  f"{', '.join(sorted(r for r in ROLE_STYLES if r))}")
            p = styled_paragraph(parent, self.styles.get("Quote" if quote else ROLE_STYLES[para.style]))
        self._bookmarked(p, para.anchor, para.children)

    def list_block(self, parent: etree._Element, block: ListBlock, quote: bool, depth: int) -> None:
        """A list: items in List Bullet/List Number styles (by depth), ordered ones numbered statically."""
        level = "" if depth == 1 else f" {min(depth, 3)}"
        item_style = self.styles.get(("List Number" if block.ordered else "List Bullet") + level)
        continue_style = self.styles.get("List Continue" + level)
        for index, item in enumerate(block.items):
            p = styled_paragraph(parent, item_style)
            if block.ordered:
                self._static_marker(p, f"{block.start + index}.")
            rest = item
            if item and isinstance(item[0], Paragraph):
                self.inline.write(p, item[0].children)
                rest = item[1:]
            for inner in rest:
                if isinstance(inner, Paragraph):
                    self.inline.write(styled_paragraph(parent, continue_style), inner.children)
                else:
                    self.write(parent, [inner], quote, depth)

    def table(self, parent: etree._Element, table: Table) -> None:
        """A Word table in style Table Grid; the header row repeats on every page."""
        columns = max([len(table.header), *(len(row) for row in table.rows)])
        if columns == 0:
            return
        if table.caption:
            p = styled_paragraph(parent, self.styles.get("Caption"))
            add_text(new_run(p), check_text(table.caption))
        widths = self._column_widths(table.widths, columns)
        tbl = etree.SubElement(parent, w("tbl"))
        tbl_pr = etree.SubElement(tbl, w("tblPr"))
        if self.styles.get("Table Grid"):
            etree.SubElement(tbl_pr, w("tblStyle")).set(W_VAL, self.styles["Table Grid"])
        tbl_w = etree.SubElement(tbl_pr, w("tblW"))
        tbl_w.set(W_W, "5000")
        tbl_w.set(W_TYPE, "pct")
        if table.widths:
            etree.SubElement(tbl_pr, w("tblLayout")).set(W_TYPE, "fixed")
        look = etree.SubElement(tbl_pr, w("tblLook"))
        for name, value in (("val", "0420"), ("firstRow", "1"), ("lastRow", "0"), ("firstColumn", "0"),
                            ("lastColumn", "0"), ("noHBand", "0"), ("noVBand", "1")):
            look.set(w(name), value)
        grid = etree.SubElement(tbl, w("tblGrid"))
        for width in widths:
            etree.SubElement(grid, w("gridCol")).set(W_W, str(width))
        if table.header:
            header_row = self._row_template(widths, self.styles.get("Table Heading"), header=True)
            self._fill_row(tbl, header_row, table.header)
        body_row = self._row_template(widths, self.styles.get("Table Text"), header=False)
        for row in table.rows:
            self._fill_row(tbl, copy.deepcopy(body_row), row)

    def _fill_row(self, tbl: etree._Element, tr: etree._Element, cells: list[list[Inline]]) -> None:
        tbl.append(tr)
        offset = 1 if tr[0].tag == w("trPr") else 0
        for index, cell in enumerate(cells):
            self.inline.write(tr[offset + index][1], cell)

    @staticmethod
    def _row_template(widths: list[int], style_id: str | None, header: bool) -> etree._Element:
        tr = etree.Element(w("tr"))
        if header:
            tr_pr = etree.SubElement(tr, w("trPr"))
            etree.SubElement(tr_pr, w("cantSplit"))
            etree.SubElement(tr_pr, w("tblHeader"))
        for width in widths:
            tc = etree.SubElement(tr, w("tc"))
            tc_w = etree.SubElement(etree.SubElement(tc, w("tcPr")), w("tcW"))
            tc_w.set(W_W, str(width))
            tc_w.set(W_TYPE, "dxa")
            styled_paragraph(tc, style_id)
        return tr

    def _column_widths(self, relative: list[float] | None, columns: int) -> list[int]:
        if not relative or len(relative) != columns or min(relative) <= 0:
            relative = [1.0] * columns
        total = sum(relative)
        return [max(1, round(self.text_width * part / total)) for part in relative]

    def _static_marker(self, p: etree._Element, marker: str) -> None:
        """The paragraph's own number, then a tab to the hanging indent; style numbering switched off."""
        ppr = p.find(w("pPr"))
        if ppr is None:
            ppr = etree.SubElement(p, w("pPr"))
        etree.SubElement(etree.SubElement(ppr, w("numPr")), w("numId")).set(W_VAL, "0")
        run = new_run(p)
        etree.SubElement(run, w("t")).text = marker
        etree.SubElement(run, w("tab"))

    def _bookmarked(self, p: etree._Element, anchor: str | None, inlines: list[Inline]) -> None:
        if not anchor:
            self.inline.write(p, inlines)
            return
        self._bookmark_id += 1
        start = etree.SubElement(p, w("bookmarkStart"))
        start.set(W_ID, str(self._bookmark_id))
        start.set(w("name"), bookmark_name(anchor))
        self.inline.write(p, inlines)
        etree.SubElement(p, w("bookmarkEnd")).set(W_ID, str(self._bookmark_id))


def plain_start(inlines: list[Inline]) -> str:
    """The first 40 characters of the plain text of inlines (for messages)."""
    return plain_text(inlines)[:40]


def footnotes_element(notes: list[Note], inline: InlineWriter, styles: dict[str, str | None]) -> etree._Element:
    """The `w:footnotes` root: separator notes -1 and 0, then one `w:footnote` per note, in order."""
    root = etree.Element(w("footnotes"), nsmap={"w": W_NS, "r": R_NS})
    for note_id, kind in ((-1, "separator"), (0, "continuationSeparator")):
        special = etree.SubElement(root, w("footnote"))
        special.set(W_TYPE, kind)
        special.set(W_ID, str(note_id))
        etree.SubElement(new_run(etree.SubElement(special, w("p"))), w(kind))
    for note in notes:
        footnote = etree.SubElement(root, w("footnote"))
        footnote.set(W_ID, str(note.number))
        p = styled_paragraph(footnote, styles.get("Footnote Text"))
        etree.SubElement(new_run(p, RunFormat(char_style=styles.get("Footnote Reference"))), w("footnoteRef"))
        add_text(new_run(p), " ")
        try:
            inline.write(p, note.children)
        except RenderError as exc:
            raise RenderError(f"footnote {note.number}: {exc}") from None
    return root
