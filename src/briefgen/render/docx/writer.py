"""DOCX writer: a briefgen Document -> the bytes of a .docx that lawyers sign and edit in Word.

Styles come from a reference.docx (the built-in templates/reference.docx unless the dossier has
its own); its body is replaced, its styles, numbering formats, page setup and header content are
kept. Footnotes are real Word footnotes; every number an edit can invalidate is Word's own:
paragraph and list numbering, cross-references and the table of authorities as fields with their
results filled in. Claim paragraphs carry bookmarks, and the build manifest rides along in the
document's custom properties. The same input gives the same bytes.
"""

from __future__ import annotations

import io
import zipfile
from itertools import count

import docx
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from ...document import Document, Meta, Note
from .. import RenderError
from .blocks import BlockWriter, footnotes_element
from .fields import CrossReferences
from .inlines import InlineWriter
from .numbering import Numbering
from .package import (add_blob_part, builtin_reference, clear_reference, fix_note_settings, resolve_styles,
                      reproducible_zip, text_width)
from .properties import set_properties
from .sections import landscape_text_width, put_in_landscape_sections
from .wordml import add_text, field_runs, new_run, styled_paragraph, w

__all__ = ["render_docx"]

CONFIDENTIAL = "CONFIDENTIAL"
# "Page X of Y" in the languages UN, EU and OSCE bodies work in; English otherwise.
PAGE_OF = {"en": ("Page", "of"), "fr": ("Page", "sur"), "es": ("Página", "de"), "ru": ("Страница", "из"),
           "de": ("Seite", "von")}


def render_docx(document: Document, reference: bytes | None = None) -> bytes:
    """The document as the bytes of a .docx, styled by `reference` (a reference.docx; None = built-in).

    Raises RenderError when the reference cannot be read or the document cannot be written as a
    valid Word file (e.g. text holding control characters, footnote calls out of order).
    """
    word = _open_reference(reference if reference is not None else builtin_reference())
    sect_pr = clear_reference(word)
    styles, copied = resolve_styles(word.styles.element)
    numbering = Numbering(word.part.numbering_part.element, word.styles.element, styles, copied)

    calls = _NoteCalls(document.notes)
    refs = CrossReferences(document)
    bookmark_ids = count(1)
    body_links = _HyperlinkTargets(word.part.rels)
    width = text_width(sect_pr)
    writer = BlockWriter(InlineWriter(styles, body_links, calls.call, refs, bookmark_ids), styles,
                         width, numbering, landscape_text_width(sect_pr, width))
    body = word.element.body
    body.remove(sect_pr)
    writer.write(body, document.blocks)
    if len(body) == 0 or body[-1].tag != w("p"):
        etree.SubElement(body, w("p"))  # Word wants the body to end with a paragraph
    body.append(sect_pr)
    calls.check_all_called()
    body_links.relate(word.part)

    note_links = _HyperlinkTargets({})
    footnotes = footnotes_element(document.notes, InlineWriter(styles, note_links, None, refs, bookmark_ids), styles)
    blob = etree.tostring(footnotes, xml_declaration=True, encoding="UTF-8", standalone=True)
    note_links.relate(add_blob_part(word.part, RT.FOOTNOTES, "/word/footnotes.xml", CT.WML_FOOTNOTES, blob))
    fix_note_settings(word)

    _header_and_footer(word, document.meta, styles)
    put_in_landscape_sections(body, sect_pr, writer.wide_tables)
    set_properties(word, document.meta, refs.claims)
    saved = io.BytesIO()
    word.save(saved)
    return reproducible_zip(saved.getvalue())


def _open_reference(data: bytes):
    try:
        return docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as exc:
        raise RenderError(f"the reference.docx cannot be read as a Word document ({exc}); save it from "
                          "Word as a .docx or delete it to use the built-in one") from None


class _NoteCalls:
    """Checks footnote calls as the body is written: each note called once, in number order."""

    def __init__(self, notes: list[Note]):
        numbers = [note.number for note in notes]
        if numbers != list(range(1, len(notes) + 1)):
            raise RenderError(f"footnotes are numbered {numbers[:10]}...; they must run 1, 2, 3... "
                              "in the order of Document.notes")
        self.count = len(notes)
        self.called = 0

    def call(self, number: int) -> int:
        """The w:id of the footnote a NoteRef calls."""
        if not 1 <= number <= self.count:
            raise RenderError(f"the text calls footnote {number}, but the document has {self.count} notes")
        if number <= self.called:
            raise RenderError(f"footnote {number} is called twice; a Word footnote has exactly one call")
        if number != self.called + 1:
            raise RenderError(f"footnote {number} is called before footnote {self.called + 1}: notes must be "
                              "numbered in the order the text calls them (Word numbers them by position)")
        self.called = number
        return number

    def check_all_called(self) -> None:
        """RenderError if some notes were never called (Word would drop them silently)."""
        if self.called != self.count:
            raise RenderError(f"footnotes {self.called + 1} to {self.count} are never called in the text")


class _HyperlinkTargets:
    """Relationship ids of external links from one part, one per distinct URL."""

    def __init__(self, existing_rids):
        self._taken = set(existing_rids)
        self._next = 1
        self.by_url: dict[str, str] = {}

    def __call__(self, url: str) -> str:
        rid = self.by_url.get(url)
        if rid is None:
            while f"rId{self._next}" in self._taken:
                self._next += 1
            rid = f"rId{self._next}"
            self._taken.add(rid)
            self.by_url[url] = rid
        return rid

    def relate(self, part) -> None:
        """Add the relationships handed out so far to the part."""
        for url, rid in self.by_url.items():
            part.rels.add_relationship(RT.HYPERLINK, url, rid, is_external=True)


def _header_and_footer(word, meta: Meta, styles: dict[str, str | None]) -> None:
    """Footer "Page X of Y" (briefgen owns the footer); "CONFIDENTIAL" on top of the header and in
    the footer of a confidential edition, in every header/footer variant the section uses."""
    section = word.sections[0]
    confidential = meta.edition == "confidential"
    footers, headers = [section.footer], [section.header]
    if section.different_first_page_header_footer:
        footers.append(section.first_page_footer)
        headers.append(section.first_page_header)
    if word.settings.odd_and_even_pages_header_footer:
        footers.append(section.even_page_footer)
        headers.append(section.even_page_header)
    page, of = PAGE_OF.get(meta.language.split("-")[0].lower(), PAGE_OF["en"])
    for footer in footers:
        footer.is_linked_to_previous = False
        root = footer.part.element
        for child in list(root):
            root.remove(child)
        p = styled_paragraph(root, styles.get("Footer"))
        add_text(new_run(p), f"{CONFIDENTIAL} — {page} " if confidential else f"{page} ")
        field_runs(p, "PAGE", "1")
        add_text(new_run(p), f" {of} ")
        field_runs(p, "NUMPAGES", "1")
    if not confidential:
        return
    for header in headers:
        fresh = header.is_linked_to_previous
        header.is_linked_to_previous = False
        root = header.part.element
        if fresh:
            for child in list(root):
                root.remove(child)
        elif CONFIDENTIAL in "".join(root.itertext()):
            continue  # the reference's header says so already
        p = styled_paragraph(root, styles.get("Header"))
        add_text(new_run(p), CONFIDENTIAL)
        root.insert(0, p)
