"""The format-neutral document tree that assembly builds and every writer walks (pandoc's AST lesson).

Blocks: Heading, Paragraph, ListBlock, Table, BlockQuote, PageBreak, AuthoritiesTable.
Inlines: Text, Emph, Strong, Link, NoteRef, LineBreak, and the cross-references NoteXRef and
ParaXRef, and the invisible AuthorityMark.
Footnotes are part of the tree: a NoteRef names a Note kept in Document.notes, numbered in order
of first reference, as Word and WeasyPrint number them.

Numbers a reader sees and an editor may change (paragraph numbers, "(n 3)", "see para 6", the
places listed in the table of authorities) are nodes, not text, so that the DOCX writer can make
them Word fields with their results filled in.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Union


# ---- inlines ---------------------------------------------------------------------------------

@dataclass
class Text:
    text: str


@dataclass
class Emph:
    children: list["Inline"]


@dataclass
class Strong:
    children: list["Inline"]


@dataclass
class Link:
    url: str
    children: list["Inline"]


@dataclass
class NoteRef:
    """A footnote call; `number` is the note's 1-based number in the document."""

    number: int


@dataclass
class LineBreak:
    pass


@dataclass
class NoteXRef:
    """The number of an earlier footnote, as in "(n 3)": the note that holds a full citation.

    Writers print the number only; the text around it ("(n ", ")") is ordinary Text.
    """

    number: int


@dataclass
class ParaXRef:
    """The number of a paragraph, as in "see para 6": the numbered paragraph whose anchor is `anchor`.

    Writers print the number only.
    """

    anchor: str
    number: int


@dataclass
class AuthorityMark:
    """An invisible mark where an authority is cited, for the table of authorities (Word's TA field).

    `entry` is the authority as the table lists it, `category` the number of its group in the
    table (AuthoritiesTable.groups[i].category), `norm` the id of the norm cited.
    """

    entry: str
    short: str
    category: int
    norm: str | None = None


Inline = Union[Text, Emph, Strong, Link, NoteRef, LineBreak, NoteXRef, ParaXRef, AuthorityMark]


# ---- blocks ----------------------------------------------------------------------------------

@dataclass
class Heading:
    level: int  # 1 = section title; 0 = the document's title
    children: list[Inline]
    anchor: str | None = None


@dataclass
class Paragraph:
    """A paragraph; `number` is set when the addressee wants numbered paragraphs.

    `style` names a role a writer maps to its own styling: None (body), "address", "date",
    "subject", "salutation", "signature", "letterhead", "note", "recommendation", "small".
    `anchor` names the paragraph for cross-references (ParaXRef); a claim's paragraph also carries
    the claim's id in `claim` (its anchor is the claim id).
    """

    children: list[Inline]
    number: int | None = None
    style: str | None = None
    anchor: str | None = None
    claim: str | None = None  # the id of the claim this paragraph states, if any


@dataclass
class ListBlock:
    """A bulleted or ordered list; an ordered one with `letters` counts (a), (b), (c)... so that it
    cannot be confused with a document's numbered paragraphs."""

    items: list[list["Block"]]
    ordered: bool = False
    start: int = 1
    letters: bool = False


@dataclass
class Table:
    """A table; `header` is one row of cells, each cell a list of inlines."""

    header: list[list[Inline]]
    rows: list[list[list[Inline]]]
    widths: list[float] | None = None  # relative column widths
    caption: str | None = None
    keep_together: bool = False  # a short table not split across pages
    wide: bool = False  # many columns: printed on landscape pages where the writer can
    dense: bool = False  # many short rows (a record): tighter rows where the writer can


_FIGURE = re.compile(r"^[-−+]?(?:about |some )?[\d][\d.,  ]*%?$")


def figure_columns(table: Table) -> set[int]:
    """The columns whose every filled body cell is a figure ('4,000', '8.57%'): figures read
    right-aligned, and so does their column's heading."""
    columns: dict[int, bool] = {}
    for row in table.rows:
        for i, cell in enumerate(row):
            text = plain_text(cell).strip()
            if text:
                columns[i] = columns.get(i, True) and bool(_FIGURE.match(text))
    return {i for i, figure in columns.items() if figure}


def content_widths(header: list[list[Inline]], rows: list[list[list[Inline]]]) -> list[float]:
    """Relative column widths from what the columns hold: a column is as wide as its longest cell, or
    a third of its heading (headings wrap), and never narrower than a short heading."""
    widths = [max(8.0, len(plain_text(cell)) / 3) for cell in header]
    for row in rows:
        for i, cell in enumerate(row[:len(widths)]):
            widths[i] = max(widths[i], min(40.0, float(len(plain_text(cell).strip()))))
    return widths


@dataclass
class BlockQuote:
    children: list["Block"]


@dataclass
class PageBreak:
    pass


@dataclass
class AuthorityEntry:
    """One authority in the table: its citation, and where the document cites it.

    `entry` is the same string the AuthorityMarks of this authority carry; `children` the citation
    as printed; `places` the list of places ("paras 6, 7; n 3"), with ParaXRef and NoteXRef nodes;
    an instrument cited by article has an entry of its own (level 0, no places) with its articles
    beneath it (level 1).
    """

    entry: str
    children: list[Inline]
    places: list[Inline]
    level: int = 0  # 0 an instrument (or an authority cited whole), 1 an article beneath it


@dataclass
class AuthorityGroup:
    """A group of the table of authorities ("Treaties", "National law"...), Word's TOA category."""

    title: str
    category: int
    entries: list[AuthorityEntry]


@dataclass
class AuthoritiesTable:
    """The table of authorities, grouped by kind of instrument; `heading` names the places column."""

    groups: list[AuthorityGroup]
    heading: str = "Cited at"


Block = Union[Heading, Paragraph, ListBlock, Table, BlockQuote, PageBreak, AuthoritiesTable]


@dataclass
class Note:
    """One footnote: its paragraph content."""

    number: int
    children: list[Inline]


@dataclass
class Meta:
    """Document properties every writer sets."""

    title: str
    author: str
    subject: str = ""
    language: str = "en"
    date: dt.date | None = None
    edition: str = "public"
    keywords: str = ""
    generator: str = "briefgen"
    manifest: str = ""  # the build manifest (JSON), kept in the DOCX as a custom property


@dataclass
class Document:
    meta: Meta
    blocks: list[Block] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)

    def add_note(self, children: list[Inline]) -> NoteRef:
        """Append a footnote and return the reference to place in the text."""
        note = Note(len(self.notes) + 1, children)
        self.notes.append(note)
        return NoteRef(note.number)


def merge_text(nodes: list) -> list:
    """Inlines with neighbouring Text nodes joined, so writers emit fewer runs."""
    out: list = []
    for node in nodes:
        if isinstance(node, Text) and out and isinstance(out[-1], Text):
            out[-1] = Text(out[-1].text + node.text)
        else:
            out.append(node)
    return out


def plain_text(inlines: list[Inline]) -> str:
    """The text of inlines, without markup (for bookmarks, checks and tests)."""
    out = []
    for node in inlines:
        if isinstance(node, Text):
            out.append(node.text)
        elif isinstance(node, (Emph, Strong, Link)):
            out.append(plain_text(node.children))
        elif isinstance(node, LineBreak):
            out.append("\n")
        elif isinstance(node, (NoteXRef, ParaXRef)):
            out.append(str(node.number))
    return "".join(out)


def walk(blocks):
    """Every block in document order, the blocks inside list items and quotes included."""
    for b in blocks:
        yield b
        if isinstance(b, ListBlock):
            for item in b.items:
                yield from walk(item)
        elif isinstance(b, BlockQuote):
            yield from walk(b.children)


def walk_text(document: Document):
    """Every text string in the document, notes included (for the confidentiality read-back)."""
    def inl(nodes):
        for node in nodes:
            if isinstance(node, Text):
                yield node.text
            elif isinstance(node, AuthorityMark):
                yield node.entry
                yield node.short
            elif isinstance(node, (Emph, Strong, Link)):
                if isinstance(node, Link):
                    yield node.url
                yield from inl(node.children)

    def blk(blocks):
        for b in blocks:
            if isinstance(b, (Heading, Paragraph)):
                yield from inl(b.children)
            elif isinstance(b, ListBlock):
                for item in b.items:
                    yield from blk(item)
            elif isinstance(b, Table):
                for row in [b.header, *b.rows]:
                    for cell in row:
                        yield from inl(cell)
            elif isinstance(b, BlockQuote):
                yield from blk(b.children)
            elif isinstance(b, AuthoritiesTable):
                for group in b.groups:
                    yield group.title
                    for entry in group.entries:
                        yield entry.entry
                        yield from inl(entry.children)
                        yield from inl(entry.places)

    yield document.meta.title
    yield document.meta.subject
    yield document.meta.keywords
    yield from blk(document.blocks)
    for note in document.notes:
        yield from inl(note.children)
