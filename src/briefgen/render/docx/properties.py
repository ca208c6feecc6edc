"""Document properties: what the recipient sees under File > Properties, and the build manifest
that lets an audit tell what a lawyer changed.

The manifest is kept in custom properties (docProps/custom.xml). Word keeps at most 255 characters
of a custom text property, so it is split: `briefgen-manifest` holds {"parts": N, "sha256": ...}
and `briefgen-manifest-001` ... `-N` hold the pieces of one ASCII JSON object,
{"manifest": <the build manifest>, "bookmarks": {<bookmark>: <claim id>}}.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from xml.sax.saxutils import escape

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.parts.coreprops import CorePropertiesPart
from lxml import etree

from ...document import Meta
from .. import RenderError
from ..dates import document_dates
from .fields import CLAIM_PREFIX
from .package import add_blob_part, drop_relationships
from .wordml import check_text, w

MANIFEST = "briefgen-manifest"
PART_LENGTH = 255  # Word's limit for the value of a custom text property
CONFIDENTIAL = "Confidential"
_CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_USER_DEFINED = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # the format id of user-defined properties
_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"


def set_properties(document, meta: Meta, bookmarks: dict[str, str]) -> None:
    """Core, app and custom properties from meta only (none kept from the reference).

    Title, author, subject and language as the recipient reads them; keywords as given (no edition
    or internal ids added); a confidential edition says so in Category and Status; created on the
    submission's date and modified on the build's (see render.dates).
    """
    package = document.part.package
    drop_relationships(package.rels, {RT.CORE_PROPERTIES})
    package.relate_to(CorePropertiesPart.default(package), RT.CORE_PROPERTIES)
    marker = CONFIDENTIAL if meta.edition == "confidential" else ""
    props = document.core_properties
    for field, value in (("title", meta.title), ("author", meta.author), ("subject", meta.subject),
                         ("language", meta.language), ("keywords", meta.keywords), ("category", marker),
                         ("content_status", marker), ("last_modified_by", meta.author), ("comments", "")):
        setattr(props, field, check_text(value or "")[:255])
    props.created, props.modified = document_dates(meta.date)
    props.revision = 1
    app = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
           'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
           f"<Application>{escape(check_text(meta.generator))}</Application><DocSecurity>0</DocSecurity>"
           "</Properties>")
    add_blob_part(package, RT.EXTENDED_PROPERTIES, "/docProps/app.xml", CT.OFC_EXTENDED_PROPERTIES,
                  app.encode("utf-8"))
    if meta.manifest or bookmarks:
        add_blob_part(package, RT.CUSTOM_PROPERTIES, "/docProps/custom.xml", CT.OFC_CUSTOM_PROPERTIES,
                      _custom_properties(meta.manifest, bookmarks))


def _custom_properties(manifest: str, bookmarks: dict[str, str]) -> bytes:
    try:
        content = json.loads(manifest) if manifest else None
    except json.JSONDecodeError as exc:
        raise RenderError(f"the build manifest is not JSON ({exc}); it cannot be kept in the document") from None
    payload = json.dumps({"manifest": content, "bookmarks": bookmarks}, ensure_ascii=True, separators=(",", ":"))
    parts = [payload[i:i + PART_LENGTH] for i in range(0, len(payload), PART_LENGTH)]
    header = json.dumps({"parts": len(parts), "sha256": hashlib.sha256(payload.encode("ascii")).hexdigest()},
                        separators=(",", ":"))
    root = etree.Element(f"{{{_CUSTOM_NS}}}Properties", nsmap={None: _CUSTOM_NS, "vt": _VT_NS})
    for pid, (name, value) in enumerate([(MANIFEST, header), *((f"{MANIFEST}-{i:03d}", part)
                                                               for i, part in enumerate(parts, 1))], 2):
        prop = etree.SubElement(root, f"{{{_CUSTOM_NS}}}property", fmtid=_USER_DEFINED, pid=str(pid), name=name)
        etree.SubElement(prop, f"{{{_VT_NS}}}lpwstr").text = value
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _package_part(package: zipfile.ZipFile, reltype_suffix: str, default: str) -> bytes | None:
    """The part the package relates with a relationship type ending in reltype_suffix."""
    try:
        rels = etree.fromstring(package.read("_rels/.rels"))
        target = next((r.get("Target") for r in rels.iterchildren(f"{{{_RELS_NS}}}Relationship")
                       if r.get("Type", "").endswith(reltype_suffix)), None)
    except (KeyError, etree.XMLSyntaxError):
        target = None
    name = (target or default).lstrip("/")
    return package.read(name) if name in package.namelist() else None


def _open(docx: bytes) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(docx))
    except zipfile.BadZipFile:
        raise ValueError("not a Word document (.docx): the bytes are not a zip package") from None


def read_manifest(docx: bytes) -> dict | None:
    """The manifest a briefgen DOCX carries: {"manifest": <build manifest>, "bookmarks": {bookmark:
    claim id}}; None when the document has none (not built by briefgen, or its properties deleted).

    Raises ValueError when the bytes are no DOCX, or the manifest is damaged (a piece missing or
    altered).
    """
    with _open(docx) as package:
        custom = _package_part(package, "/custom-properties", "docProps/custom.xml")
    if custom is None:
        return None
    try:
        root = etree.fromstring(custom)
    except etree.XMLSyntaxError as exc:
        raise ValueError(f"the document's custom properties are not XML ({exc})") from None
    values = {p.get("name"): "".join(p.itertext()) for p in root.iterchildren(f"{{{_CUSTOM_NS}}}property")}
    if MANIFEST not in values:
        return None
    try:
        header = json.loads(values[MANIFEST])
        pieces = [values[f"{MANIFEST}-{i:03d}"] for i in range(1, int(header["parts"]) + 1)]
    except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"the document's manifest is damaged: property {exc} is missing or unreadable") from None
    payload = "".join(pieces)
    if hashlib.sha256(payload.encode("utf-8")).hexdigest() != header.get("sha256"):
        raise ValueError("the document's manifest is damaged: its pieces do not match their checksum")
    return json.loads(payload)


def claim_bookmarks(docx: bytes) -> dict[str, str]:
    """Every claim bookmark in the document's body: bookmark name -> the text of its paragraph as it
    reads now (field results included, paragraph numbers not: Word computes those)."""
    with _open(docx) as package:
        try:
            body = etree.fromstring(package.read("word/document.xml"))
        except (KeyError, etree.XMLSyntaxError) as exc:
            raise ValueError(f"the document's body cannot be read ({exc})") from None
    found: dict[str, str] = {}
    for start in body.iter(w("bookmarkStart")):
        name = start.get(w("name")) or ""
        if not name.startswith(CLAIM_PREFIX) or name in found:
            continue
        paragraph = next(start.iterancestors(w("p")), None)
        if paragraph is None:  # a bookmark placed between paragraphs marks the next one
            paragraph = next(start.itersiblings(w("p")), None)
        found[name] = "".join(paragraph.itertext(w("t"))) if paragraph is not None else ""
    return found

