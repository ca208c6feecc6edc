"""Inlines as runs: text, emphasis, links, footnote calls, and the cross-references written as fields."""

from __future__ import annotations

from itertools import count
from typing import Callable, Iterator

from lxml import etree

from ...document import (AuthorityMark, Emph, Inline, LineBreak, Link, NoteRef, NoteXRef, ParaXRef, Strong,
                         Text)
from .. import RenderError
from .fields import CrossReferences, note_bookmark
from .wordml import (PLAIN, R_ID, W_ID, RunFormat, add_bookmark, add_text, check_text, end_bookmark, field_runs,
                     new_run, w)


class InlineWriter:
    """Writes inlines as runs into a paragraph of one part (body or footnotes)."""

    def __init__(self, styles: dict[str, str | None], link_rid: Callable[[str], str],
                 note_call: Callable[[int], int] | None, refs: CrossReferences,
                 bookmark_ids: Iterator[int] | None = None):
        self.styles = styles
        self.link_rid = link_rid
        self.note_call = note_call
        self.refs = refs
        self.bookmark_ids = bookmark_ids if bookmark_ids is not None else count(1)
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
            elif isinstance(node, NoteXRef):
                field_runs(parent, self.refs.note_ref(node.number), str(node.number), fmt)
            elif isinstance(node, ParaXRef):
                instruction = self.refs.paragraph_ref(node.anchor, node.number)
                if instruction:
                    field_runs(parent, instruction, str(node.number), fmt)
                else:
                    add_text(new_run(parent, fmt), str(node.number))
            elif isinstance(node, AuthorityMark):
                field_runs(parent, self.refs.authority_mark(node), None)
            else:
                raise RenderError(f"cannot render {type(node).__name__} inside a paragraph")

    def _link(self, parent: etree._Element, link: Link, fmt: RunFormat) -> None:
        if parent.tag == w("hyperlink"):  # a link inside a link: Word cannot nest them
            self.write(parent, link.children, fmt)
            return
        url = check_text(link.url)
        hyperlink = etree.SubElement(parent, w("hyperlink"))
        if url.startswith("#"):
            hyperlink.set(w("anchor"), self.refs.link_target(url[1:]))
        else:
            hyperlink.set(R_ID, self.link_rid(url))
            hyperlink.set(w("history"), "1")
        self.write(hyperlink, link.children, RunFormat(fmt.bold, fmt.italic, self.hyperlink_style))

    def _note_ref(self, parent: etree._Element, ref: NoteRef) -> None:
        if self.note_call is None:
            raise RenderError(f"footnote call {ref.number} sits inside a footnote: Word footnotes cannot nest")
        note_id = self.note_call(ref.number)
        cited = ref.number in self.refs.cited_notes
        if cited:  # "(n 3)" elsewhere is a NOTEREF field to this call
            bookmark_id = next(self.bookmark_ids)
            add_bookmark(parent, bookmark_id, note_bookmark(ref.number))
        run = new_run(parent, RunFormat(char_style=self.note_ref_style))
        etree.SubElement(run, w("footnoteReference")).set(W_ID, str(note_id))
        if cited:
            end_bookmark(parent, bookmark_id)
