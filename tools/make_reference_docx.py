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

from briefgen.render.docx.package import STYLE_TYPES, drop_relationships, reproducible_zip

OUTPUT = Path(__file__).resolve().parent.parent / "templates" / "reference.docx"
FONT = "Times New Roman"
ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
         "right": WD_ALIGN_PARAGRAPH.RIGHT, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}
STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"


@dataclass
class Look:
    """One style: the name Word shows, and the formatting set on it (None = inherited)."""

    name: str
    based_on: str | None = "Normal"
    following: str | None = None  # the style of the paragraph Word starts after this one
    xml_name: str | None = None  # Word's internal name for built-ins, e.g. "footnote text"
    character: bool = False
    size: float | None = None
    bold: bool | None = None
    italic: bool | None = None
    align: str | None = None
    before: float | None = None  # pt
    after: float | None = None  # pt
    left: float | None = None  # cm
    right: float | None = None  # cm
    hanging: float | None = None  # cm; a tab stop is set at the left indent
    keep_next: bool | None = None
    keep_lines: bool | None = None
    superscript: bool = False
    color: str | None = None
    underline: bool = False
    outline_level: int | None = None
    tabs: list[tuple[str, float]] = field(default_factory=list)
    keep_numbering: bool = False


LOOKS = [
    Look("Normal", based_on=None, size=12, after=6),
    Look("Body Text", align="justify", after=6),
    Look("Title", following="Body Text", size=16, bold=True, align="center", after=12, keep_next=True),
    Look("Heading 1", following="Body Text", size=14, bold=True, before=12, after=6, keep_next=True,
         keep_lines=True, outline_level=0),
    Look("Heading 2", following="Body Text", size=12, bold=True, before=12, after=6, keep_next=True,
         keep_lines=True, outline_level=1),
    Look("Heading 3", following="Body Text", size=12, bold=True, italic=True, before=6, after=6, keep_next=True,
         keep_lines=True, outline_level=2),
    Look("Numbered Paragraph", based_on="Body Text", left=1.25, hanging=1.25),
    Look("Letterhead", size=10, align="center", after=12),
    Look("Address", align="left", after=12, keep_lines=True),
    Look("Date Line", align="right", after=12),
    Look("Subject", bold=True, after=12, keep_next=True),
    Look("Salutation", after=6, keep_next=True),
    Look("Signature", align="left", before=18, keep_lines=True),
    Look("Recommendation", based_on="Body Text", left=1.0),
    Look("Small Text", size=10, align="left"),
    Look("Quote", based_on="Body Text", size=11, left=1.0, right=1.0, italic=False),
    Look("List Bullet", based_on="Body Text", after=3, keep_numbering=True),
    Look("List Bullet 2", based_on="Body Text", after=3, keep_numbering=True),
    Look("List Bullet 3", based_on="Body Text", after=3, keep_numbering=True),
    Look("List Number", based_on="Body Text", after=3, left=1.25, hanging=1.25),
    Look("List Number 2", based_on="Body Text", after=3, left=2.5, hanging=1.25),
    Look("List Number 3", based_on="Body Text", after=3, left=3.75, hanging=1.25),
    Look("List Continue", based_on="Body Text", after=3, left=1.25),
    Look("List Continue 2", based_on="Body Text", after=3, left=2.5),
    Look("List Continue 3", based_on="Body Text", after=3, left=3.75),
    Look("Footnote Text", xml_name="footnote text", size=10, align="left", after=0),
    Look("Footnote Reference", xml_name="footnote reference", based_on="Default Paragraph Font", character=True,
         superscript=True),
    Look("Hyperlink", xml_name="Hyperlink", based_on="Default Paragraph Font", character=True, color="0563C1",
         underline=True),
    Look("Header", xml_name="header", size=10, align="center", after=0, tabs=[("center", 8.0), ("right", 16.0)]),
    Look("Footer", xml_name="footer", size=10, align="center", after=0, tabs=[("center", 8.0), ("right", 16.0)]),
    Look("Caption", xml_name="caption", size=10, bold=True, italic=False, after=6, keep_next=True),
    Look("Table Text", size=10, align="left", after=0),
    Look("Table Heading", based_on="Table Text", bold=True, keep_next=True),
]


def _set_fonts(rpr, name: str, size: float) -> None:
    """Every script's font (Latin, East Asian, complex) and size, with theme fonts removed."""
    fonts = rpr.get_or_add_rFonts()
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{attr}"), None)
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{attr}"), name)
    _set_size(rpr, size)


def _set_size(rpr, size: float) -> None:
    """The size of Latin and of complex-script text (Word keeps them apart)."""
    rpr.get_or_add_sz().val = Pt(size)
    size_cs = rpr.find(qn("w:szCs"))
    if size_cs is None:
        size_cs = OxmlElement("w:szCs")
        rpr.get_or_add_sz().addnext(size_cs)
    size_cs.set(qn("w:val"), str(round(size * 2)))


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


def apply(document, look: Look) -> None:
    """Give the style named in look the look's formatting."""
    style = _style(document, look)
    font = style.font
    if not look.character:
        if look.name == "Normal":
            _set_fonts(style.element.get_or_add_rPr(), FONT, look.size or 12)
        elif look.size is not None:
            _set_size(style.element.get_or_add_rPr(), look.size)
        fmt = style.paragraph_format
        if look.align:
            fmt.alignment = ALIGN[look.align]
        if look.before is not None:
            fmt.space_before = Pt(look.before)
        if look.after is not None:
            fmt.space_after = Pt(look.after)
        if look.left is not None:
            fmt.left_indent = Cm(look.left)
        if look.right is not None:
            fmt.right_indent = Cm(look.right)
        if look.hanging is not None:
            fmt.first_line_indent = -Cm(look.hanging)
            fmt.tab_stops.add_tab_stop(Cm(look.left or look.hanging))
        for alignment, position in look.tabs:
            fmt.tab_stops.add_tab_stop(Cm(position), getattr(WD_TAB_ALIGNMENT, alignment.upper()))
        if look.keep_next is not None:
            fmt.keep_with_next = look.keep_next
        if look.keep_lines is not None:
            fmt.keep_together = look.keep_lines
        if look.outline_level is not None:
            style.element.get_or_add_pPr().get_or_add_outlineLvl().val = look.outline_level
    if look.bold is not None:
        font.bold = look.bold
        font.cs_bold = look.bold
    if look.italic is not None:
        font.italic = look.italic
        font.cs_italic = look.italic
    if look.superscript:
        font.superscript = True
    if look.color:
        font.color.rgb = RGBColor.from_string(look.color)
    if look.underline:
        font.underline = True


def _document_defaults(document) -> None:
    """Times New Roman 12 pt for every script, single spacing, British English for proofing."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(rpr, FONT, 12)
    lang = rpr.find(qn("w:lang"))
    if lang is not None:
        lang.set(qn("w:val"), "en-GB")
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")


def _prune(document) -> None:
    """Drop the parts and table styles a reference does not need (keeps the file small)."""
    drop_relationships(document.part.package.rels, {RT.THUMBNAIL})
    drop_relationships(document.part.rels, {RT.CUSTOM_XML, STYLES_WITH_EFFECTS})
    for level_style in document.part.numbering_part.element.iter(qn("w:pStyle")):
        if level_style.get(qn("w:val")).startswith("ListNumber"):  # static numbers, not Word's
            level_style.getparent().remove(level_style)
    styles = document.styles.element
    for style in styles.findall(qn("w:style")):
        if style.get(qn("w:type")) == "table" and style.get(qn("w:styleId")) not in ("TableNormal", "TableGrid"):
            styles.remove(style)


def _page(document) -> None:
    """A4, 2.5 cm margins, header and footer 1.25 cm from the edge."""
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = Cm(2.5)
    section.header_distance = section.footer_distance = Cm(1.25)


def build() -> bytes:
    """The bytes of a fresh reference.docx."""
    document = docx.Document()
    _prune(document)
    _document_defaults(document)
    for look in LOOKS:
        apply(document, look)
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
