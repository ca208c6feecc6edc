"""Cross-references as Word fields: what the document's numbers point at, and the field for each.

"see para 6" is a REF field to the bookmark on paragraph 6, "(n 3)" a NOTEREF field to a bookmark on
the call of note 3, each citation of an authority a TA field, each group of the table of authorities
a TOA field. Results are written filled in, so the document reads right before any update; Word
recomputes them on F9 or printing, LibreOffice recomputes REF fields on every layout.
"""

from __future__ import annotations

import hashlib
import re

from ...document import (AuthoritiesTable, AuthorityMark, Document, Emph, Heading, Link, NoteXRef, Paragraph, Strong,
                         Table, walk)
from .. import RenderError
from .wordml import bookmark_name, field_argument

CLAIM_PREFIX = "claim_"
_WORD_BOOKMARK_LENGTH = 40
_CLAIM_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
TOA_CATEGORIES = range(1, 17)  # Word knows 16 categories of authorities


def claim_bookmark(claim_id: str) -> str:
    """The bookmark on a claim's paragraph: "claim_" + the claim id with "-" as "_".

    When that is longer than Word's 40 characters: its first 31 characters, "_", and the first 8 hex
    digits of the SHA-1 of the claim id (the manifest in the document maps bookmarks back to ids).
    """
    name = CLAIM_PREFIX + claim_id.replace("-", "_")
    if len(name) > _WORD_BOOKMARK_LENGTH:
        name = f"{name[:31]}_{hashlib.sha1(claim_id.encode('utf-8')).hexdigest()[:8]}"
    return name


def note_bookmark(number: int) -> str:
    """The bookmark on the call of note `number` (a hidden one: Word lists names starting with "_"
    only when asked to)."""
    return f"_RefNote{number}"


def _inlines(nodes):
    for node in nodes:
        yield node
        if isinstance(node, (Emph, Strong, Link)):
            yield from _inlines(node.children)


class CrossReferences:
    """The targets of a document's cross-references, found before anything is written, and the field
    instruction of each reference."""

    def __init__(self, document: Document):
        self.bookmarks: dict[str, str] = {}  # anchor -> bookmark name
        self.claims: dict[str, str] = {}  # bookmark name -> claim id, for claim paragraphs
        self._names: set[str] = set()
        self._numbers: dict[str, int] = {}  # anchor -> its paragraph's number
        self.cited_notes: set[int] = set()
        self._note_count = len(document.notes)
        self._entries_of_short: dict[str, set[str]] = {}
        self._marked: set[str] = set()
        self._scan(document.blocks)
        for note in document.notes:
            self._scan_inlines(note.children)

    def _anchor(self, anchor: str | None, name: str, number: int | None, claim: bool) -> None:
        if not anchor or anchor in self.bookmarks or name in self._names:
            return  # a repeated anchor or name keeps its first paragraph
        self.bookmarks[anchor] = name
        self._names.add(name)
        if claim:
            self.claims[name] = anchor
        if number is not None:
            self._numbers[anchor] = number

    def _scan(self, blocks) -> None:
        for block in walk(blocks):
            if isinstance(block, Paragraph):
                if block.anchor:
                    claim = bool(_CLAIM_ID.fullmatch(block.anchor))
                    name = claim_bookmark(block.anchor) if claim else bookmark_name(block.anchor)
                    self._anchor(block.anchor, name, block.number, claim)
                self._scan_inlines(block.children)
            elif isinstance(block, Heading):
                if block.anchor:
                    self._anchor(block.anchor, bookmark_name(block.anchor), None, False)
                self._scan_inlines(block.children)
            elif isinstance(block, Table):
                for row in [block.header, *block.rows]:
                    for cell in row:
                        self._scan_inlines(cell)
            elif isinstance(block, AuthoritiesTable):
                for group in block.groups:
                    for entry in group.entries:
                        self._scan_inlines(entry.children)
                        self._scan_inlines(entry.places)

    def _scan_inlines(self, nodes) -> None:
        for node in _inlines(nodes):
            if isinstance(node, NoteXRef):
                self.cited_notes.add(node.number)
            elif isinstance(node, AuthorityMark):
                self._entries_of_short.setdefault(node.short, set()).add(node.entry)

    def link_target(self, anchor: str) -> str:
        """The bookmark an internal link "#anchor" goes to."""
        return self.bookmarks.get(anchor) or bookmark_name(anchor)

    def paragraph_ref(self, anchor: str, number: int) -> str | None:
        """REF field to the numbered paragraph `anchor`, or None when no such paragraph has that number
        (then the number is written as plain text, as the PDF prints it)."""
        if anchor in self.bookmarks and self._numbers.get(anchor) == number:
            return f"REF {self.bookmarks[anchor]} \\n \\h"
        return None

    def note_ref(self, number: int) -> str:
        """NOTEREF field to the call of note `number`."""
        if not 1 <= number <= self._note_count:
            raise RenderError(f"a cross-reference names note {number}, but the document has "
                              f"{self._note_count} notes")
        return f"NOTEREF {note_bookmark(number)} \\h"

    def authority_mark(self, mark: AuthorityMark) -> str:
        """TA field of one citation: the first of an authority with its long citation and category,
        later ones by their short citation alone (as Word's Mark All writes them)."""
        if mark.category not in TOA_CATEGORIES:
            raise RenderError(f"authority {mark.entry[:40]!r} is in category {mark.category}; Word's table "
                              "of authorities has categories 1 to 16")
        ambiguous = len(self._entries_of_short.get(mark.short, ())) > 1
        if mark.entry in self._marked and not ambiguous:
            return f"TA \\s {field_argument(mark.short)}"
        self._marked.add(mark.entry)
        return (f"TA \\l {field_argument(mark.entry)} \\s {field_argument(mark.short)} "
                f"\\c {mark.category}")


def authorities_field(category: int) -> str:
    """The TOA field of one category of the table of authorities."""
    if category not in TOA_CATEGORIES:
        raise RenderError(f"the table of authorities has a group in category {category}; Word's table of "
                          "authorities has categories 1 to 16")
    return f'TOA \\c "{category}"'
