"""Blocks as WordprocessingML: paragraphs (numbered by Word), lists, tables, the table of authorities
(TOA fields whose results are filled in), and the footnotes part."""

from __future__ import annotations

import copy

from lxml import etree

from ...document import (AuthoritiesTable, Block, BlockQuote, Heading, Inline, LineBreak, ListBlock, Note,
                         PageBreak, Paragraph, Table, Text, figure_columns, plain_text)
from .. import RenderError
from .fields import authorities_field
from .inlines import InlineWriter
from .numbering import Numbering, number_paragraph
from .wordml import (HEADING_STYLES, R_NS, ROLE_STYLES, W_ID, W_NS, W_TYPE, W_VAL, W_W, RunFormat, add_bookmark,
                     add_text, begin_field, check_text, end_bookmark, end_field, new_run, styled_paragraph, w)


class BlockWriter:
    """Writes the document's blocks as `w:p` and `w:tbl` elements under a parent element."""

    def __init__(self, inline: InlineWriter, styles: dict[str, str | None], text_width: int, numbering: Numbering,
                 wide_text_width: int | None = None):
        self.inline = inline
        self.styles = styles
        self.text_width = text_width  # twips between the page margins
        self.wide_text_width = wide_text_width or text_width  # the same on a landscape page
        self.numbering = numbering
        self.wide_tables: list[etree._Element] = []  # for landscape sections, once the body is written
        self._anchored: set[str] = set()

    def write(self, parent: etree._Element, blocks: list[Block], quote: bool = False, depth: int = 0) -> None:
        """Append elements for blocks; `quote` and `depth` carry block-quote and list nesting."""
        previous: Block | None = None
        for block in blocks:
            if isinstance(block, Paragraph):
                self.paragraph(parent, block, quote)
                if isinstance(previous, Table):
                    _space_before(parent[-1], _TABLE_MARGIN)
                elif isinstance(previous, Paragraph) and block.style == "address" and len(parent) > 1:
                    _keep_with_next(parent[-2])  # the sentence introducing an address stays with it
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
                self.authorities(parent, block)
            else:
                raise RenderError(f"cannot render a {type(block).__name__} block in DOCX")
            previous = block

    def heading(self, parent: etree._Element, heading: Heading) -> None:
        """A heading: level 0 is the title, 1-3 the section levels (deeper ones as level 3)."""
        style = HEADING_STYLES[min(max(heading.level, 0), 3)]
        p = styled_paragraph(parent, self.styles.get(style))
        self._bookmarked(p, heading.anchor, heading.children)

    def paragraph(self, parent: etree._Element, para: Paragraph, quote: bool = False) -> None:
        """A paragraph in its role's style; numbered ones on Word's paragraph numbering."""
        if para.number is not None:
            if para.number < 1:
                raise RenderError(f"paragraph {plain_start(para.children)!r} has number {para.number}: "
                                  "paragraph numbers start at 1")
            p = styled_paragraph(parent, self.styles.get("Numbered Paragraph"))
            number_paragraph(p, self.numbering.paragraph(para.number))
        else:
            if para.style not in ROLE_STYLES:
                raise RenderError(f"unknown paragraph role {para.style!r}; known: "
                                  f"{', '.join(sorted(r for r in ROLE_STYLES if r))}")
            p = styled_paragraph(parent, self.styles.get("Quote" if quote else ROLE_STYLES[para.style]))
        if para.style == "letterhead" and para.number is None:
            self._letterhead(p, para.children)
            return
        self._bookmarked(p, para.anchor, para.children)

    def _letterhead(self, p: etree._Element, inlines: list[Inline]) -> None:
        """The letterhead's first line (the organisation's name) in its own character style."""
        first = next((i for i, node in enumerate(inlines) if isinstance(node, LineBreak)), len(inlines))
        self.inline.write(p, inlines[:first], RunFormat(char_style=self.styles.get("Letterhead Name")))
        self.inline.write(p, inlines[first:])

    def list_block(self, parent: etree._Element, block: ListBlock, quote: bool, depth: int) -> None:
        """A list: items in List Bullet/List Number styles (by depth); each ordered list on a Word list
        of its own that counts from its start."""
        level = "" if depth == 1 else f" {min(depth, 3)}"
        item_style = self.styles.get(("List Number" if block.ordered else "List Bullet") + level)
        continue_style = self.styles.get("List Continue" + level)
        if block.ordered:
            if block.start < 0:
                raise RenderError(f"an ordered list starts at {block.start}; Word counts from 0 upwards")
            num_id = self.numbering.ordered_list(block.start, min(depth, 3) - 1, block.letters)
        for item in block.items:
            p = styled_paragraph(parent, item_style)
            if block.ordered:
                number_paragraph(p, num_id, min(depth, 3) - 1)
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
        widths = self._column_widths(table.widths, columns, self.wide_text_width if table.wide else self.text_width)
        tbl = etree.SubElement(parent, w("tbl"))
        if table.wide:
            self.wide_tables.append(tbl)
        tbl_pr = etree.SubElement(tbl, w("tblPr"))
        if self.styles.get("Table Grid"):
            etree.SubElement(tbl_pr, w("tblStyle")).set(W_VAL, self.styles["Table Grid"])
        tbl_w = etree.SubElement(tbl_pr, w("tblW"))
        tbl_w.set(W_W, "5000")
        tbl_w.set(W_TYPE, "pct")
        if table.widths:
            etree.SubElement(tbl_pr, w("tblLayout")).set(W_TYPE, "fixed")
        look = etree.SubElement(tbl_pr, w("tblLook"))
        for name, value in (("val", "0420" if table.header else "0400"), ("firstRow", "1" if table.header else "0"),
                            ("lastRow", "0"), ("firstColumn", "0"),
                            ("lastColumn", "0"), ("noHBand", "0"), ("noVBand", "1")):
            look.set(w(name), value)
        grid = etree.SubElement(tbl, w("tblGrid"))
        for width in widths:
            etree.SubElement(grid, w("gridCol")).set(W_W, str(width))
        figures = figure_columns(table)
        if table.header:
            header_row = self._row_template(widths, self.styles.get("Table Heading"), header=True, right=figures)
            self._fill_row(tbl, header_row, table.header)
        body_row = self._row_template(widths, self.styles.get("Table Text"), header=False, right=figures)
        for row in table.rows:
            self._fill_row(tbl, copy.deepcopy(body_row), row)
        if table.keep_together:  # Word keeps a table on one page when each row keeps with the next
            for tr in tbl.findall(w("tr"))[:-1]:
                for p in tr.iter(w("p")):
                    _keep_with_next(p)

    def _fill_row(self, tbl: etree._Element, tr: etree._Element, cells: list[list[Inline]]) -> None:
        tbl.append(tr)
        offset = 1 if tr[0].tag == w("trPr") else 0
        for index, cell in enumerate(cells):
            self.inline.write(tr[offset + index][1], cell)

    @staticmethod
    def _row_template(widths: list[int], style_id: str | None, header: bool, right: set[int]) -> etree._Element:
        """A row of empty cells; no row breaks across a page, the header row repeats on each; the
        columns in `right` (figures) right-aligned."""
        tr = etree.Element(w("tr"))
        tr_pr = etree.SubElement(tr, w("trPr"))
        etree.SubElement(tr_pr, w("cantSplit"))
        if header:
            etree.SubElement(tr_pr, w("tblHeader"))
        for column, width in enumerate(widths):
            tc = etree.SubElement(tr, w("tc"))
            tc_w = etree.SubElement(etree.SubElement(tc, w("tcPr")), w("tcW"))
            tc_w.set(W_W, str(width))
            tc_w.set(W_TYPE, "dxa")
            p = styled_paragraph(tc, style_id)
            if column in right:
                etree.SubElement(p.find(w("pPr")) if p.find(w("pPr")) is not None
                                 else etree.SubElement(p, w("pPr")), w("jc")).set(W_VAL, "right")
        return tr

    @staticmethod
    def _column_widths(relative: list[float] | None, columns: int, text_width: int) -> list[int]:
        if not relative or len(relative) != columns or min(relative) <= 0:
            relative = [1.0] * columns
        total = sum(relative)
        return [max(1, round(text_width * part / total)) for part in relative]

    def authorities(self, parent: etree._Element, block: AuthoritiesTable) -> None:
        """The table of authorities as the PDF shows it: the column heads, then per group its title and
        a TOA field of the group's category whose result is the group's rows. The titles stay outside
        the fields: Word's rebuilt table keeps them."""
        groups = [group for group in block.groups if group.entries]
        if not groups:
            return
        self.table(parent, Table([[Text("Authority")], [Text(block.heading)]], [], widths=_AUTHORITY_WIDTHS))
        field_style = self.styles.get("Table of Authorities")
        for group in groups:
            title = styled_paragraph(parent, self.styles.get("TOA Heading"))
            add_text(new_run(title), check_text(group.title))
            begin_field(_hairline(styled_paragraph(parent, field_style)), authorities_field(group.category))
            self.table(parent, Table([], [[entry.children, entry.places] for entry in group.entries],
                                     widths=_AUTHORITY_WIDTHS))
            for row, entry in zip(parent[-1].iter(w("tr")), group.entries):
                if entry.level > 0:  # an instrument's articles stand indented beneath it, as in the PDF
                    for p in row.find(w("tc")).iter(w("p")):
                        _indent(p, _ARTICLE_INDENT * entry.level)
            end_field(_hairline(styled_paragraph(parent, field_style)))

    def _bookmarked(self, p: etree._Element, anchor: str | None, inlines: list[Inline]) -> None:
        """Inlines in p, all inside the anchor's bookmark (a bookmark within one paragraph survives
        LibreOffice's round trip)."""
        name = self.inline.refs.bookmarks.get(anchor) if anchor and anchor not in self._anchored else None
        if name is None:
            self.inline.write(p, inlines)
            return
        self._anchored.add(anchor)
        bookmark_id = next(self.inline.bookmark_ids)
        add_bookmark(p, bookmark_id, name)
        self.inline.write(p, inlines)
        end_bookmark(p, bookmark_id)


_AUTHORITY_WIDTHS = [7.0, 3.0]
_ARTICLE_INDENT = 284  # twips (0.5 cm): an article under its instrument in the table of authorities
_AFTER_IND = {w(t) for t in ("contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
                             "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr",
                             "sectPr", "pPrChange")}
_TABLE_MARGIN = 200  # twips; a Word table has no space below it, the PDF's has 10pt


def _properties(p: etree._Element) -> etree._Element:
    """p's paragraph properties (w:pPr), made if it has none."""
    ppr = p.find(w("pPr"))
    if ppr is None:
        ppr = etree.Element(w("pPr"))
        p.insert(0, ppr)
    return ppr


def _keep_with_next(p: etree._Element) -> None:
    """Keep p on the page of the paragraph after it."""
    ppr = _properties(p)
    if ppr.find(w("keepNext")) is None:
        style = ppr.find(w("pStyle"))
        keep = etree.Element(w("keepNext"))
        (style.addnext(keep) if style is not None else ppr.insert(0, keep))


def _indent(p: etree._Element, twips: int) -> None:
    """Indent p from the left by `twips`."""
    ppr = _properties(p)
    ind = etree.Element(w("ind"))
    ind.set(w("left"), str(twips))
    after = next((child for child in ppr if child.tag in _AFTER_IND), None)  # CT_PPr's order
    (after.addprevious(ind) if after is not None else ppr.append(ind))


def _space_before(p: etree._Element, twips: int) -> None:
    """Give p room above it, so that text does not touch the table it follows."""
    ppr = _properties(p)
    spacing = ppr.find(w("spacing"))
    if spacing is None:
        spacing = etree.Element(w("spacing"))
        # numPr and pStyle come before spacing in CT_PPr
        anchors = [child for child in ppr if child.tag in (w("pStyle"), w("keepNext"), w("keepLines"),
                                                           w("pageBreakBefore"), w("numPr"))]
        (anchors[-1].addnext(spacing) if anchors else ppr.insert(0, spacing))
    spacing.set(w("before"), str(twips))  # as the PDF's columns (72% and 28%)


def _hairline(p: etree._Element) -> etree._Element:
    """p shrunk to a hairline: a paragraph that only holds a field's begin or end, between tables."""
    ppr = p.find(w("pPr"))
    spacing = etree.SubElement(ppr, w("spacing"))
    for name, value in (("before", "0"), ("after", "0"), ("line", "20"), ("lineRule", "exact")):
        spacing.set(w(name), value)
    mark = etree.SubElement(ppr, w("rPr"))
    for tag in ("sz", "szCs"):
        etree.SubElement(mark, w(tag)).set(W_VAL, "2")
    return p


def plain_start(inlines: list[Inline]) -> str:
    """The first 40 characters of the plain text of inlines (for messages)."""
    return plain_text(inlines)[:40]


def footnotes_element(notes: list[Note], inline: InlineWriter, styles: dict[str, str | None]) -> etree._Element:
    """The `w:footnotes` root: separator notes -1 and 0, then one `w:footnote` per note, in order.

    As in the PDF, the separator is a rule across the text width (Word draws it; LibreOffice draws its
    own short one). The number in the note is Word's raised mark, which a note added in Word gets too.
    """
    root = etree.Element(w("footnotes"), nsmap={"w": W_NS, "r": R_NS})
    for note_id, kind in ((-1, "separator"), (0, "continuationSeparator")):
        special = etree.SubElement(root, w("footnote"))
        special.set(W_TYPE, kind)
        special.set(W_ID, str(note_id))
        p = etree.SubElement(special, w("p"))
        ppr = etree.SubElement(p, w("pPr"))
        rule = etree.SubElement(etree.SubElement(ppr, w("pBdr")), w("top"))
        for name, value in (("val", "single"), ("sz", "4"), ("space", "1"), ("color", "666666")):
            rule.set(w(name), value)
        spacing = etree.SubElement(ppr, w("spacing"))
        for name, value in (("before", "160"), ("after", "0"), ("line", "80"), ("lineRule", "exact")):
            spacing.set(w(name), value)
        etree.SubElement(new_run(p), w(kind))
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
