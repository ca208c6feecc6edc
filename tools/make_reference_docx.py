"""(Re)create templates/reference.docx: the Word styles briefgen's DOCX writer uses.

Starts from python-docx's default template, drops what a reference does not need (thumbnail,
custom XML, the duplicate stylesWithEffects, unused table styles), then defines every style the
writer names. Run from the repository root:

    python tools/make_reference_docx.py [output.docx]

Lawyers may restyle the result in Word; the writer looks styles up by name and honours them.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from lxml import etree

from briefgen.render.docx.package import STYLE_TYPES, drop_relationships, reproducible_zip

OUTPUT = Path(__file__).resolve().parent.parent / "templates" / "reference.docx"
# The PDF's fonts (templates/print.css); Word substitutes a serif or sans where they are not installed.
SERIF, SANS = "DejaVu Serif", "DejaVu Sans"
FONT_TABLE = {SERIF: ("02060603050605020204", "roman"), SANS: ("020B0603030804020204", "swiss")}
ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
         "right": WD_ALIGN_PARAGRAPH.RIGHT, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}
STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
EM = 10.5  # pt: print.css's body size, the unit of its em lengths
LINE = 289  # 240ths: print.css's line-height 1.4 over DejaVu's natural line of 1.164 em
NOTE_LINE = 268  # line-height 1.3 of the notes
HANG = round(2.2 * EM * 20)  # twips: the 2.2em hanging indent of numbered paragraphs
LIST_INDENT = round(1.6 * EM * 20)  # twips: the 1.6em indent of each list level
RULE = "777777"  # table rules


@dataclass
class Look:
    """One style: the name Word shows, and the formatting set on it (None = inherited)."""

    name: str
    based_on: str | None = "Normal"
    following: str | None = None  # the style of the paragraph Word starts after this one
    xml_name: str | None = None  # Word's internal name for built-ins, e.g. "footnote text"
    character: bool = False
    font: str | None = None
    size: float | None = None
    bold: bool | None = None
    italic: bool | None = None
    align: str | None = None
    before: float | None = None  # pt
    after: float | None = None  # pt
    line: int | None = None  # 240ths of the font's line
    left: float | None = None  # twips
    right: float | None = None  # twips
    hanging: float | None = None  # twips; a tab stop is set at the left indent
    keep_next: bool | None = None
    keep_lines: bool | None = None
    superscript: bool | None = None
    color: str | None = None
    underline: bool | None = None
    outline_level: int | None = None
    tabs: list[tuple[str, float, str]] = field(default_factory=list)  # alignment, cm, leader
    keep_numbering: bool = False
    border_bottom: tuple[int, str, int] | None = None  # eighths of a pt, colour, space in pt
    box: tuple[int, str] | None = None  # a border on every side: eighths of a pt, colour
    shading: str | None = None
    spacing: int | None = None  # twips between characters


LOOKS = [
    Look("Normal", based_on=None, size=EM, color="111111", after=0, line=LINE),
    Look("Body Text", align="justify", after=6),
    Look("Title", following="Body Text", font=SANS, size=15, bold=True, align="left", after=12, keep_next=True),
    Look("Heading 1", following="Body Text", font=SANS, size=12, bold=True, align="left", before=16, after=6,
         keep_next=True, keep_lines=True, outline_level=0, border_bottom=(4, "999999", 2)),
    Look("Heading 2", following="Body Text", font=SANS, size=11, bold=True, align="left", before=12, after=4,
         keep_next=True, keep_lines=True, outline_level=1),
    Look("Heading 3", following="Body Text", font=SANS, size=EM, bold=True, italic=False, align="left", before=10,
         after=4, keep_next=True, keep_lines=True, outline_level=2),
    Look("Numbered Paragraph", based_on="Body Text", left=HANG, hanging=HANG),
    Look("Letterhead", font=SANS, size=9, color="333333", align="right", after=18, border_bottom=(12, "333333", 6)),
    Look("Letterhead Name", based_on="Default Paragraph Font", character=True, size=11, bold=True),
    Look("Address", align="left", after=14, keep_lines=True),
    Look("Date Line", align="right", after=14),
    Look("Subject", bold=True, align="left", after=12, keep_next=True),
    Look("Salutation", after=10, keep_next=True),
    Look("Signature", align="left", before=18, after=6, keep_lines=True),
    Look("Recommendation", based_on="Body Text", left=HANG, hanging=HANG),
    Look("Small Text", size=9, color="333333", align="left", after=6),
    Look("Quote", based_on="Body Text", italic=True, left=2 * EM * 20, right=2 * EM * 20, before=6, after=6),
    Look("List Bullet", based_on="Body Text", after=6, keep_numbering=True),
    Look("List Bullet 2", based_on="Body Text", after=6, keep_numbering=True),
    Look("List Bullet 3", based_on="Body Text", after=6, keep_numbering=True),
    Look("List Number", based_on="Body Text", after=6, left=LIST_INDENT, hanging=LIST_INDENT),
    Look("List Number 2", based_on="Body Text", after=6, left=2 * LIST_INDENT, hanging=LIST_INDENT),
    Look("List Number 3", based_on="Body Text", after=6, left=3 * LIST_INDENT, hanging=LIST_INDENT),
    Look("List Continue", based_on="Body Text", after=6, left=LIST_INDENT),
    Look("List Continue 2", based_on="Body Text", after=6, left=2 * LIST_INDENT),
    Look("List Continue 3", based_on="Body Text", after=6, left=3 * LIST_INDENT),
    Look("Footnote Text", xml_name="footnote text", size=8.5, align="left", after=0, line=NOTE_LINE),
    Look("Footnote Reference", xml_name="footnote reference", based_on="Default Paragraph Font", character=True,
         superscript=True),
    Look("Hyperlink", xml_name="Hyperlink", based_on="Default Paragraph Font", character=True, color="1A4B8C",
         underline=False),
    Look("Header", xml_name="header", font=SANS, size=9, bold=True, color="AA0000", spacing=40, align="center",
         after=0, tabs=[("center", 8.0, "none"), ("right", 16.0, "none")]),
    Look("Footer", xml_name="footer", size=9, color="444444", align="center", after=0,
         tabs=[("center", 8.0, "none"), ("right", 16.0, "none")]),
    # a table's title, as print.css sets it: an annex's heading, a figure table's title
    Look("Caption", xml_name="caption", font=SANS, size=11, bold=True, italic=False, align="left", before=12,
         after=4, keep_next=True, keep_lines=True),
    Look("Table Text", size=9, align="left", after=0),
    Look("Table Heading", based_on="Table Text", font=SANS, bold=True, keep_next=True),
    Look("TOA Heading", xml_name="toa heading", font=SANS, size=9, bold=True, align="left", before=0, after=0,
         left=80, right=80, keep_next=True, box=(4, RULE), shading="EEEEEE"),
    Look("Table of Authorities", xml_name="table of authorities", size=9, align="left", after=0,
         left=240, hanging=240, tabs=[("right", 16.0, "dot")]),
]


def _set_fonts(rpr, name: str) -> None:
    """Every script's font (Latin, East Asian, complex), with theme fonts removed."""
    fonts = rpr.get_or_add_rFonts()
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{attr}"), None)
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{attr}"), name)


def _set_size(rpr, size: float) -> None:
    """The size of Latin and of complex-script text (Word keeps them apart)."""
    rpr.get_or_add_sz().val = Pt(size)
    size_cs = rpr.find(qn("w:szCs"))
    if size_cs is None:
        size_cs = OxmlElement("w:szCs")
        rpr.get_or_add_sz().addnext(size_cs)
    size_cs.set(qn("w:val"), str(round(size * 2)))


def _child(parent, tag: str, after: tuple[str, ...] = ()):
    """parent's child `tag`, created (after the last of the `after` tags present) if missing."""
    found = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        anchor = [c for c in parent if c.tag in {qn(t) for t in after}]
        if anchor:
            anchor[-1].addnext(found)
        else:
            parent.insert(0, found)
    return found


_PPR_BEFORE_BORDERS = ("w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr",
                       "w:widowControl", "w:numPr", "w:suppressLineNumbers")


def _border(ppr, sides: tuple[str, ...], size: int, color: str, space: int) -> None:
    borders = _child(ppr, "w:pBdr", _PPR_BEFORE_BORDERS)
    for side in sides:
        edge = OxmlElement(f"w:{side}")
        for attr, value in (("val", "single"), ("sz", str(size)), ("space", str(space)), ("color", color)):
            edge.set(qn(f"w:{attr}"), value)
        borders.append(edge)


def _style(document, look: Look):
    """The style named look.name, created if missing, with its old formatting removed."""
    kind = WD_STYLE_TYPE.CHARACTER if look.character else WD_STYLE_TYPE.PARAGRAPH
    wanted = (look.xml_name or look.name).lower()
    for style in document.styles:
        if style.type == kind and style.element.name_val and style.element.name_val.lower() in (
                wanted, look.name.lower()):
            break
    else:
        style = document.styles.add_style(look.name, kind)
    if look.xml_name:
        style.element.name_val = look.xml_name
        style.element.customStyle = None
    element = style.element
    for link in element.findall(qn("w:link")):  # "Heading 1 Char" etc. would keep the old look
        linked = document.styles.element.get_by_id(link.get(qn("w:val")))
        if linked is not None:
            linked.getparent().remove(linked)
        element.remove(link)
    for old in element.findall(qn("w:rPr")):
        element.remove(old)
    for old in element.findall(qn("w:pPr")):
        numbering = old.find(qn("w:numPr"))
        element.remove(old)
        if numbering is not None and look.keep_numbering:
            element.get_or_add_pPr().append(numbering)
    style.base_style = document.styles[look.based_on] if look.based_on else None
    if look.following:
        style.next_paragraph_style = document.styles[look.following]
    style.quick_style = True
    style.hidden = False
    return style


def _paragraph_look(style, look: Look) -> None:
    fmt = style.paragraph_format
    if look.align:
        fmt.alignment = ALIGN[look.align]
    if look.before is not None:
        fmt.space_before = Pt(look.before)
    if look.after is not None:
        fmt.space_after = Pt(look.after)
    if look.line is not None:
        spacing = style.element.get_or_add_pPr().get_or_add_spacing()
        spacing.set(qn("w:line"), str(look.line))
        spacing.set(qn("w:lineRule"), "auto")
    if look.left is not None:
        fmt.left_indent = Pt(look.left / 20)
    if look.right is not None:
        fmt.right_indent = Pt(look.right / 20)
    if look.hanging is not None:
        fmt.first_line_indent = -Pt(look.hanging / 20)
        fmt.tab_stops.add_tab_stop(Pt((look.left or look.hanging) / 20))
    for alignment, position, leader in look.tabs:
        fmt.tab_stops.add_tab_stop(Cm(position), getattr(WD_TAB_ALIGNMENT, alignment.upper()))
        if leader != "none":
            fmt.tab_stops[-1].element.set(qn("w:leader"), leader)
    if look.keep_next is not None:
        fmt.keep_with_next = look.keep_next
    if look.keep_lines is not None:
        fmt.keep_together = look.keep_lines
    ppr = style.element.get_or_add_pPr()
    if look.outline_level is not None:
        ppr.get_or_add_outlineLvl().val = look.outline_level
    if look.border_bottom:
        size, color, space = look.border_bottom
        _border(ppr, ("bottom",), size, color, space)
    if look.box:
        _border(ppr, ("top", "left", "bottom", "right"), look.box[0], look.box[1], 4)
    if look.shading:
        shading = _child(ppr, "w:shd", (*_PPR_BEFORE_BORDERS, "w:pBdr"))
        for attr, value in (("val", "clear"), ("color", "auto"), ("fill", look.shading)):
            shading.set(qn(f"w:{attr}"), value)


def apply(document, look: Look) -> None:
    """Give the style named in look the look's formatting."""
    style = _style(document, look)
    if not look.character:
        _paragraph_look(style, look)
    rpr = style.element.get_or_add_rPr()
    if look.font:
        _set_fonts(rpr, look.font)
    if look.size is not None:
        _set_size(rpr, look.size)
    font = style.font
    if look.bold is not None:
        font.bold = look.bold
        font.cs_bold = look.bold
    if look.italic is not None:
        font.italic = look.italic
        font.cs_italic = look.italic
    if look.superscript is not None:
        font.superscript = look.superscript
    if look.color:
        font.color.rgb = RGBColor.from_string(look.color)
    if look.underline is not None:
        font.underline = look.underline
    if look.spacing is not None:
        _child(rpr, "w:spacing").set(qn("w:val"), str(look.spacing))


def _document_defaults(document) -> None:
    """DejaVu Serif 10.5 pt for every script, the PDF's line height, British English for proofing."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(rpr, SERIF)
    _set_size(rpr, EM)
    lang = rpr.find(qn("w:lang"))
    if lang is not None:
        lang.set(qn("w:val"), "en-GB")
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), str(LINE))


def _table_grid(document) -> None:
    """Table Grid as the PDF draws tables: 0.5 pt grey rules, 3 pt by 4 pt cell padding, a shaded head."""
    style = document.styles.element.get_by_id("TableGrid")
    borders = style.find(qn("w:tblPr")).find(qn("w:tblBorders"))
    for edge in borders:
        edge.set(qn("w:color"), RULE)
        edge.set(qn("w:sz"), "4")
    margins = _child(style.find(qn("w:tblPr")), "w:tblCellMar", ("w:tblInd", "w:tblBorders", "w:shd"))
    for side, twips in (("top", 60), ("left", 80), ("bottom", 60), ("right", 80)):
        cell = _child(margins, f"w:{side}")
        cell.set(qn("w:w"), str(twips))
        cell.set(qn("w:type"), "dxa")
    head = OxmlElement("w:tblStylePr")
    head.set(qn("w:type"), "firstRow")
    rpr = OxmlElement("w:rPr")
    _set_fonts(rpr, SANS)
    rpr.append(OxmlElement("w:b"))
    head.append(rpr)
    shading = OxmlElement("w:shd")
    for attr, value in (("val", "clear"), ("color", "auto"), ("fill", "EEEEEE")):
        shading.set(qn(f"w:{attr}"), value)
    tc_pr = OxmlElement("w:tcPr")
    tc_pr.append(shading)
    head.append(tc_pr)
    style.append(head)


def _abstract_num(numbering, abstract_id: int, levels: list[tuple[str, str, int, int, bool]]) -> None:
    """An abstractNum: per level (format, text, left indent, hanging, bold)."""
    abstract = OxmlElement("w:abstractNum")
    abstract.set(qn("w:abstractNumId"), str(abstract_id))
    kind = OxmlElement("w:multiLevelType")
    kind.set(qn("w:val"), "singleLevel" if len(levels) == 1 else "hybridMultilevel")
    abstract.append(kind)
    for ilvl, (fmt, text, left, hanging, bold) in enumerate(levels):
        lvl = OxmlElement("w:lvl")
        lvl.set(qn("w:ilvl"), str(ilvl))
        for tag, value in (("w:start", "1"), ("w:numFmt", fmt), ("w:lvlText", text), ("w:lvlJc", "left")):
            child = OxmlElement(tag)
            child.set(qn("w:val"), value)
            lvl.append(child)
        ppr = OxmlElement("w:pPr")
        tabs = OxmlElement("w:tabs")
        tab = OxmlElement("w:tab")
        tab.set(qn("w:val"), "num")
        tab.set(qn("w:pos"), str(left))
        tabs.append(tab)
        ppr.append(tabs)
        ind = OxmlElement("w:ind")
        ind.set(qn("w:left"), str(left))
        ind.set(qn("w:hanging"), str(hanging))
        ppr.append(ind)
        lvl.append(ppr)
        if bold:
            rpr = OxmlElement("w:rPr")
            rpr.append(OxmlElement("w:b"))
            rpr.append(OxmlElement("w:bCs"))
            lvl.append(rpr)
        abstract.append(lvl)
    first_num = numbering.find(qn("w:num"))
    first_num.addprevious(abstract)


def _link_style(document, name: str, num_id: int, ilvl: int) -> None:
    ppr = document.styles[name].element.get_or_add_pPr()
    num_pr = OxmlElement("w:numPr")
    for tag, value in (("w:ilvl", ilvl), ("w:numId", num_id)):
        child = OxmlElement(tag)
        child.set(qn("w:val"), str(value))
        num_pr.append(child)
    ppr.insert(0, num_pr)


def _numbering(document) -> None:
    """Word numbering for numbered paragraphs ("1." bold, hanging 2.2em) and ordered lists ("1.", 1.6em
    a level), linked from the styles; bullets indented 1.6em a level, as the PDF's lists."""
    numbering = document.part.numbering_part.element
    abstract_ids = [int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))]
    num_ids = [int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))]
    paragraphs, lists = max(abstract_ids) + 1, max(abstract_ids) + 2
    _abstract_num(numbering, paragraphs, [("decimal", "%1.", HANG, HANG, True)])
    _abstract_num(numbering, lists, [("decimal", f"%{i}.", i * LIST_INDENT, LIST_INDENT, False) for i in (1, 2, 3)])
    for abstract_id, num_id in ((paragraphs, max(num_ids) + 1), (lists, max(num_ids) + 2)):
        num = OxmlElement("w:num")
        num.set(qn("w:numId"), str(num_id))
        pointer = OxmlElement("w:abstractNumId")
        pointer.set(qn("w:val"), str(abstract_id))
        num.append(pointer)
        numbering.append(num)
    _link_style(document, "Numbered Paragraph", max(num_ids) + 1, 0)
    for ilvl, name in enumerate(("List Number", "List Number 2", "List Number 3")):
        _link_style(document, name, max(num_ids) + 2, ilvl)
    for level, name in enumerate(("ListBullet", "ListBullet2", "ListBullet3"), 1):
        for lvl in numbering.iter(qn("w:lvl")):
            style = lvl.find(qn("w:pStyle"))
            if style is not None and style.get(qn("w:val")) == name:
                ind = lvl.find(qn("w:pPr")).find(qn("w:ind"))
                ind.set(qn("w:left"), str(level * LIST_INDENT))
                ind.set(qn("w:hanging"), str(LIST_INDENT))
                for tabs in lvl.find(qn("w:pPr")).findall(qn("w:tabs")):
                    lvl.find(qn("w:pPr")).remove(tabs)


def _font_table(document) -> None:
    """Declare the PDF's fonts with their PANOSE class, so Word substitutes alike where they are missing."""
    part = document.part.part_related_by(RT.FONT_TABLE)
    root = etree.fromstring(part.blob)
    for name, (panose, family) in FONT_TABLE.items():
        font = etree.SubElement(root, qn("w:font"))
        font.set(qn("w:name"), name)
        for tag, value in (("w:panose1", panose), ("w:charset", "00"), ("w:family", family), ("w:pitch", "variable")):
            etree.SubElement(font, qn(tag)).set(qn("w:val"), value)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _settings(document) -> None:
    """Hyphenate automatically, as the PDF does (print.css: hyphens: auto)."""
    settings = document.settings.element
    hyphenation = OxmlElement("w:autoHyphenation")
    settings.find(qn("w:defaultTabStop")).addnext(hyphenation)


def _prune(document) -> None:
    """Drop the parts and table styles a reference does not need (keeps the file small)."""
    drop_relationships(document.part.package.rels, {RT.THUMBNAIL})
    drop_relationships(document.part.rels, {RT.CUSTOM_XML, STYLES_WITH_EFFECTS})
    for level_style in document.part.numbering_part.element.iter(qn("w:pStyle")):
        if level_style.get(qn("w:val")).startswith("ListNumber"):  # replaced by our ordered-list numbering
            level_style.getparent().remove(level_style)
    styles = document.styles.element
    for style in styles.findall(qn("w:style")):
        if style.get(qn("w:type")) == "table" and style.get(qn("w:styleId")) not in ("TableNormal", "TableGrid"):
            styles.remove(style)


def _page(document) -> None:
    """A4 with print.css's margins (2.5 cm, 2.8 cm at the foot); header and footer 1.25 cm from the edge."""
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = section.top_margin = Cm(2.5)
    section.bottom_margin = Cm(2.8)
    section.header_distance = section.footer_distance = Cm(1.25)


def build() -> bytes:
    """The bytes of a fresh reference.docx."""
    document = docx.Document()
    _prune(document)
    _document_defaults(document)
    for look in LOOKS:
        apply(document, look)
    _table_grid(document)
    _numbering(document)
    _font_table(document)
    _settings(document)
    _page(document)
    props = document.core_properties
    props.title, props.author, props.last_modified_by = "briefgen reference styles", "briefgen", "briefgen"
    props.comments = "Restyle in Word; keep the style names. Its body text is ignored."
    props.created = props.modified = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)
    props.revision = 1
    out = io.BytesIO()
    document.save(out)
    return reproducible_zip(out.getvalue())


def main(argv: list[str]) -> int:
    """Write the reference (to argv[1] or templates/reference.docx); check every style is in it."""
    target = Path(argv[1]) if len(argv) > 1 else OUTPUT
    data = build()
    check = docx.Document(io.BytesIO(data))
    names = {(s.type, s.element.name_val.lower()) for s in check.styles if s.element.name_val}
    kinds = {"paragraph": WD_STYLE_TYPE.PARAGRAPH, "character": WD_STYLE_TYPE.CHARACTER,
             "table": WD_STYLE_TYPE.TABLE}
    missing = [n for n, k in STYLE_TYPES.items() if (kinds[k], n.lower()) not in names]
    if missing:
        print(f"styles missing from the reference: {missing}", file=sys.stderr)
        return 1
    target.write_bytes(data)
    print(f"wrote {target} ({len(data):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
