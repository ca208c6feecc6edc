"""Package-level work of the DOCX writer: the reference's styles and parts, what must not leak from
it, and a byte-reproducible zip."""

from __future__ import annotations

import copy
import io
import zipfile
from functools import lru_cache
from importlib import resources

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from lxml import etree

from .wordml import W_ID, W_TYPE, W_VAL, W_W, w

# Every style the writer uses: name as Word shows it -> style type.
STYLE_TYPES = {
    **{name: "paragraph" for name in (
        "Title", "Heading 1", "Heading 2", "Heading 3", "Body Text", "Numbered Paragraph", "Letterhead",
        "Address", "Date Line", "Subject", "Salutation", "Signature", "Recommendation", "Small Text",
        "List Bullet", "List Bullet 2", "List Bullet 3", "List Number", "List Number 2", "List Number 3",
        "List Continue", "List Continue 2", "List Continue 3", "Quote", "Footnote Text", "Header", "Footer",
        "Caption", "Table Text", "Table Heading", "TOA Heading", "Table of Authorities")},
    "Footnote Reference": "character", "Hyperlink": "character", "Letterhead Name": "character",
    "Table Grid": "table",
}

# Relationships of the document part that only body content uses; the reference's body is
# replaced, so these would be orphans (or leak the reference's comments).
_BODY_CONTENT_RELTYPES = {
    RT.HYPERLINK, RT.IMAGE, RT.OLE_OBJECT, RT.PACKAGE, RT.CHART, RT.DIAGRAM_DATA, RT.DIAGRAM_LAYOUT,
    RT.DIAGRAM_COLORS, RT.DIAGRAM_QUICK_STYLE, RT.COMMENTS,
    "http://schemas.microsoft.com/office/2011/relationships/commentsExtended",
    "http://schemas.microsoft.com/office/2016/09/relationships/commentsIds",
    "http://schemas.microsoft.com/office/2018/08/relationships/commentsExtensible",
    "http://schemas.microsoft.com/office/2011/relationships/people",
}
_ATTACHED_TEMPLATE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate"
_FIRST_ENTRIES = ("[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/_rels/document.xml.rels")


@lru_cache(maxsize=1)
def builtin_reference() -> bytes:
    """The bytes of briefgen's own templates/reference.docx."""
    return (resources.files("briefgen.templates") / "reference.docx").read_bytes()


def _styles_by_name(styles: etree._Element) -> dict[tuple[str, str], etree._Element]:
    found: dict[tuple[str, str], etree._Element] = {}
    for style in styles.iterchildren(w("style")):
        name = style.find(w("name"))
        if name is not None and name.get(W_VAL):
            found.setdefault((style.get(W_TYPE, "paragraph"), name.get(W_VAL).lower()), style)
    return found


def resolve_styles(styles: etree._Element) -> tuple[dict[str, str | None], set[str]]:
    """Style name -> style id in this styles part (names match as Word does, ignoring case), and the
    names of the styles copied in.

    A style the reference lacks is copied from the built-in reference, so a lawyer's own
    reference.docx (or a localised Word's, whose style ids differ) still renders fully.
    """
    present = _styles_by_name(styles)
    ids = {name: present[(kind, name.lower())].get(w("styleId")) for name, kind in STYLE_TYPES.items()
           if (kind, name.lower()) in present}
    missing = [name for name in STYLE_TYPES if name not in ids]
    copied: set[str] = set()
    if missing:
        with zipfile.ZipFile(io.BytesIO(builtin_reference())) as builtin:
            fallback = _styles_by_name(etree.fromstring(builtin.read("word/styles.xml")))
        taken = {s.get(w("styleId")) for s in styles.iterchildren(w("style"))}
        for name in missing:
            source = fallback.get((STYLE_TYPES[name], name.lower()))
            if source is None:
                ids[name] = None
                continue
            style = copy.deepcopy(source)
            style_id = style.get(w("styleId"))
            while style_id in taken:
                style_id += "Briefgen"
            style.set(w("styleId"), style_id)
            taken.add(style_id)
            styles.append(style)
            ids[name] = style_id
            copied.add(name)
    return ids, copied


def text_width(sect_pr: etree._Element) -> int:
    """Twips between the left and right page margins of a section (A4 with 2.5 cm margins if unset)."""
    size, margins = sect_pr.find(w("pgSz")), sect_pr.find(w("pgMar"))
    try:
        width = int(size.get(W_W)) if size is not None else 11906
        left = int(margins.get(w("left"), 1417)) if margins is not None else 1417
        right = int(margins.get(w("right"), 1417)) if margins is not None else 1417
    except ValueError:
        return 9072
    return max(width - left - right, 1440)


def drop_relationships(rels, reltypes: set[str]) -> None:
    """Remove every relationship of the given types from a part's (or the package's) rels."""
    for rid in [rid for rid, rel in rels.items() if rel.reltype in reltypes]:
        del rels[rid]
        rels.related_parts.pop(rid, None)


def add_blob_part(source, reltype: str, partname: str, content_type: str, blob: bytes) -> Part:
    """A new blob part related from source (a part or the package), replacing any of that type."""
    package = source if not isinstance(source, Part) else source.package
    drop_relationships(source.rels, {reltype})
    part = Part(PackURI(partname), content_type, blob, package)
    source.relate_to(part, reltype)
    return part


def clear_reference(document) -> etree._Element:
    """Empty the reference's body, keep its last section; drop what only its content used.

    Returns the body's `w:sectPr` (created if the reference has none).
    """
    body = document.element.body
    sect_pr = body.find(w("sectPr"))
    for child in list(body):
        if child is not sect_pr:
            body.remove(child)
    if sect_pr is None:
        sect_pr = etree.SubElement(body, w("sectPr"))
    drop_relationships(document.part.rels, _BODY_CONTENT_RELTYPES)
    drop_relationships(document.part.package.rels, {RT.THUMBNAIL, RT.CUSTOM_PROPERTIES})
    settings = document.settings.element  # created by python-docx if the reference has none
    for template in settings.findall(w("attachedTemplate")):  # a path on the lawyer's computer
        settings.remove(template)
    drop_relationships(document.part.part_related_by(RT.SETTINGS).rels, {_ATTACHED_TEMPLATE})
    return sect_pr


def fix_note_settings(document) -> None:
    """Make settings.xml name only separator notes that footnotes.xml and endnotes.xml hold."""
    footnote_ids = {"-1", "0"}
    try:
        endnotes = document.part.part_related_by(RT.ENDNOTES)
        endnote_ids = {e.get(W_ID) for e in etree.fromstring(endnotes.blob).iterchildren(w("endnote"))}
    except (KeyError, ValueError, etree.XMLSyntaxError):
        endnote_ids = set()
    settings = document.settings.element
    for container, tag, ids in (("footnotePr", "footnote", footnote_ids), ("endnotePr", "endnote", endnote_ids)):
        for props in settings.findall(w(container)):
            for special in props.findall(w(tag)):
                if special.get(W_ID) not in ids:
                    props.remove(special)
            if len(props) == 0:
                settings.remove(props)


def reproducible_zip(data: bytes) -> bytes:
    """The same package rewritten with entries in a fixed order and fixed timestamps and attributes."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        names = source.namelist()
        contents = {name: source.read(name) for name in names}
    order = [n for n in _FIRST_ENTRIES if n in contents] + sorted(n for n in names if n not in _FIRST_ENTRIES)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in order:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            target.writestr(info, contents[name], compresslevel=6)
    return out.getvalue()
