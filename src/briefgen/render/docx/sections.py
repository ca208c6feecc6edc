"""Landscape pages for wide tables: Word section breaks around the pages a wide table is printed on,
as print.css gives the PDF's wide tables landscape pages of their own."""

from __future__ import annotations

import copy

from lxml import etree

from .wordml import W_TYPE, W_W, w


def landscape(sect_pr: etree._Element) -> etree._Element:
    """A copy of a section's properties turned landscape (page width and height swapped)."""
    turned = copy.deepcopy(sect_pr)
    size = turned.find(w("pgSz"))
    if size is None:
        size = etree.Element(w("pgSz"))
        size.set(W_W, "11906")
        size.set(w("h"), "16838")
        _insert_page_size(turned, size)
    width, height = size.get(W_W, "11906"), size.get(w("h"), "16838")
    if int(height) > int(width):
        size.set(W_W, height)
        size.set(w("h"), width)
    size.set(w("orient"), "landscape")
    return turned


def landscape_text_width(sect_pr: etree._Element, text_width: int) -> int:
    """Twips between the margins of the landscape form of a section whose text is text_width wide."""
    size = sect_pr.find(w("pgSz"))
    width, height = (int(size.get(W_W, "11906")), int(size.get(w("h"), "16838"))) if size is not None else (11906, 16838)
    return text_width + abs(height - width)


def put_in_landscape_sections(body: etree._Element, sect_pr: etree._Element, tables: list[etree._Element]) -> None:
    """Give each wide table the landscape pages the page breaks around it bound: the break before it
    ends a portrait section, the break after it (or the document's end) a landscape one. A table
    with no page break before it stays on portrait pages."""
    done: set[int] = set()
    for table in tables:
        before = _page_break(table, "preceding")
        if before is None or id(before) in done:
            continue
        done.add(id(before))
        after = _page_break(table, "following")
        _end_section(before, copy.deepcopy(sect_pr))
        if after is not None:
            _end_section(after, landscape(sect_pr))
        else:
            turned = landscape(sect_pr)
            sect_pr.getparent().replace(sect_pr, turned)
            sect_pr = turned


def _page_break(table: etree._Element, axis: str) -> etree._Element | None:
    """The nearest paragraph before or after table that holds only a page break."""
    for p in table.itersiblings(w("p"), preceding=axis == "preceding"):
        if p.find(f"{w('r')}/{w('br')}[@{W_TYPE}='page']") is not None and not "".join(p.itertext()).strip():
            return p
    return None


def _end_section(p: etree._Element, sect_pr: etree._Element) -> None:
    """Turn a page-break paragraph into the last paragraph of a section (the break starts a new page)."""
    for run in p.findall(w("r")):
        p.remove(run)
    ppr = p.find(w("pPr"))
    if ppr is None:
        ppr = etree.Element(w("pPr"))
        p.insert(0, ppr)
    ppr.append(sect_pr)


_BEFORE_PAGE_SIZE = {w(t) for t in ("headerReference", "footerReference", "footnotePr", "endnotePr", "type")}


def _insert_page_size(sect_pr: etree._Element, size: etree._Element) -> None:
    """pgSz in its place in CT_SectPr: after the header/footer references, note and type settings."""
    position = sum(1 for child in sect_pr if child.tag in _BEFORE_PAGE_SIZE)
    sect_pr.insert(position, size)
