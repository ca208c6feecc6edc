"""The HTML writer: the document tree as one HTML page, styled by print.css, for WeasyPrint.

Every text is escaped (data is never markup). Footnotes are spans at their call site, floated to
the foot of the page by CSS (`float: footnote`), so each note prints on the page of its call.
"""

from __future__ import annotations

import re
from html import escape

from ..document import (AuthoritiesTable, AuthorityMark, BlockQuote, Document, Emph, Heading, LineBreak, Link,
                        ListBlock, NoteRef, NoteXRef, PageBreak, Paragraph, ParaXRef, Strong, Table, Text,
                        figure_columns, plain_text)
from . import RenderError
from .dates import document_dates

SAFE_SCHEMES = ("http://", "https://", "mailto:")
_URL_TAIL = 4  # characters of a URL kept on the line of its closing ">"


def _after_bracket(text: str) -> str:
    """What follows a URL's closing '>' and the punctuation glued to it."""
    match = re.match(r">[.,;:)\]]*", text)
    return text[match.end():] if match else text


class _Writer:
    def __init__(self, document: Document):
        self.doc = document
        self.notes = {n.number: n for n in document.notes}
        self.out: list[str] = []

    def inlines(self, nodes) -> str:
        parts = []
        nodes = list(nodes)
        for index, node in enumerate(nodes):
            following = nodes[index + 1] if index + 1 < len(nodes) else None
            if isinstance(node, Link) and isinstance(following, Text) and following.text.startswith(">") \
                    and node.url.startswith(SAFE_SCHEMES) and plain_text(node.children) == node.url:
                parts.append(self._bracketed_url(node.url, following))
                nodes[index + 1] = Text(_after_bracket(following.text))
            elif isinstance(node, Text):
                parts.append(escape(node.text))
            elif isinstance(node, Emph):
                parts.append(f"<em>{self.inlines(node.children)}</em>")
            elif isinstance(node, Strong):
                parts.append(f"<strong>{self.inlines(node.children)}</strong>")
            elif isinstance(node, Link):
                inner = self.inlines(node.children)
                parts.append(f'<a href="{escape(node.url)}">{inner}</a>' if node.url.startswith(SAFE_SCHEMES) else inner)
            elif isinstance(node, LineBreak):
                parts.append("<br>")
            elif isinstance(node, NoteXRef):
                parts.append(str(node.number))
            elif isinstance(node, ParaXRef):
                parts.append(f'<a class="xref" href="#{escape(node.anchor)}">{node.number}</a>')
            elif isinstance(node, AuthorityMark):
                pass
            elif isinstance(node, NoteRef):
                note = self.notes.get(node.number)
                if note is None:
                    raise RenderError(f"footnote {node.number} is referenced but does not exist")
                # a word joiner: the call never starts a line of its own, away from the word it follows
                joiner = "\u2060" if parts and parts[-1] and not parts[-1][-1].isspace() else ""
                parts.append(f'{joiner}<span class="footnote">{self.inlines(note.children)}</span>')
            else:
                raise RenderError(f"cannot render {type(node).__name__} as HTML")
        return "".join(parts)

    @staticmethod
    def _bracketed_url(url: str, following: Text) -> str:
        """A URL with the last characters of it and the closing '>' and its punctuation unbreakable, so
        that no line of a note begins with '>.'."""
        closing = following.text[:len(following.text) - len(_after_bracket(following.text))]
        head, tail = url[:-_URL_TAIL], url[-_URL_TAIL:]
        link = f'<a href="{escape(url)}">'
        return (f"{link}{escape(head)}</a>" if head else "") + \
            f'<span class="nw">{link}{escape(tail)}</a>{escape(closing)}</span>'

    def blocks(self, blocks) -> None:
        blocks = list(blocks)
        for index, b in enumerate(blocks):
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            introduces = isinstance(following, Table) or (isinstance(following, Paragraph)
                                                           and following.style == "address")
            if isinstance(b, Heading):
                tag = "h1" if b.level == 0 else f"h{min(b.level, 3) + 1}"
                anchor = f' id="{escape(b.anchor)}"' if b.anchor else ""
                cls = ' class="title"' if b.level == 0 else ""
                self.out.append(f"<{tag}{cls}{anchor}>{self.inlines(b.children)}</{tag}>")
            elif isinstance(b, Paragraph):
                cls = [f"role-{b.style}"] if b.style else []
                if introduces:
                    cls.append("lead-in")  # stays on the page of the table or address it introduces
                num = ""
                if b.number:
                    cls.append("numbered")
                    num = f'<span class="para-num">{b.number}.</span>'
                attr = f' class="{" ".join(cls)}"' if cls else ""
                anchor = b.anchor or next((f"note-{n.number}" for n in b.children if isinstance(n, NoteRef)), None)
                if anchor:  # the PDF writer moves a paragraph that its notes cannot follow by its id
                    attr += f' id="{escape(anchor)}"'
                self.out.append(f"<p{attr}>{num}{self.inlines(b.children)}</p>")
            elif isinstance(b, ListBlock):
                tag = "ol" if b.ordered else "ul"
                start = f' start="{b.start}"' if b.ordered and b.start != 1 else ""
                letters = ' class="letters"' if b.ordered and b.letters else ""
                self.out.append(f"<{tag}{start}{letters}>")
                for item in b.items:
                    self.out.append(f'<li{_note_id(item, "item")}>')
                    self.blocks(item)
                    self.out.append("</li>")
                self.out.append(f"</{tag}>")
            elif isinstance(b, Table):
                self.table(b)
            elif isinstance(b, BlockQuote):
                self.out.append("<blockquote>")
                self.blocks(b.children)
                self.out.append("</blockquote>")
            elif isinstance(b, PageBreak):
                self.out.append('<div class="page-break"></div>')
            elif isinstance(b, AuthoritiesTable):
                self.authorities(b)
            else:
                raise RenderError(f"cannot render {type(b).__name__} as HTML")

    def authorities(self, t: AuthoritiesTable) -> None:
        self.out.append('<table class="authorities"><colgroup><col style="width:72%"><col style="width:28%">'
                        f'</colgroup><thead><tr><th>Authority</th><th>{escape(t.heading)}</th></tr></thead><tbody>')
        for group in t.groups:
            self.out.append(f'<tr class="group"><th colspan="2">{escape(group.title)}</th></tr>')
            self.out.extend(f'<tr class="level-{e.level}"><td>{self.inlines(e.children)}</td>'
                            f"<td>{self.inlines(e.places)}</td></tr>" for e in group.entries)
        self.out.append("</tbody></table>")

    def table(self, t: Table) -> None:
        classes = " ".join(c for c, on in (("keep", t.keep_together), ("wide", t.wide), ("dense", t.dense)) if on)
        if t.caption:  # a paragraph, not a <caption>: WeasyPrint lets a caption stay behind when the table moves on
            wide = " wide" if t.wide else ""
            self.out.append(f'<p class="table-title lead-in{wide}">{escape(t.caption)}</p>')
        self.out.append(f'<table class="{classes}">' if classes else "<table>")
        if t.widths:
            total = sum(t.widths)
            self.out.append("<colgroup>" + "".join(f'<col style="width:{w / total * 100:.1f}%">' for w in t.widths)
                            + "</colgroup>")
        figures = figure_columns(t)

        def num(column: int) -> str:
            return ' class="num"' if column in figures else ""
        if t.header:
            self.out.append("<thead><tr>" + "".join(f"<th{num(i)}>{self.inlines(c)}</th>" for i, c in enumerate(t.header))
                            + "</tr></thead>")
        self.out.append("<tbody>")
        self.out.extend(f'<tr{_note_id(row, "row")}>' + "".join(f"<td{num(i)}>{self.inlines(c)}</td>"
                                                                  for i, c in enumerate(row)) + "</tr>" for row in t.rows)
        self.out.append("</tbody></table>")


def _first_note(nodes) -> int | None:
    """The number of the first footnote called in blocks, a paragraph or table cells."""
    for node in nodes:
        if isinstance(node, NoteRef):
            return node.number
        inner = getattr(node, "children", None)
        if isinstance(node, list):
            inner = node
        if isinstance(inner, list):
            found = _first_note(inner)
            if found is not None:
                return found
    return None


def _note_id(content, kind: str) -> str:
    """An id for a list item or table row that calls a note, so the PDF writer can move it by a page."""
    number = _first_note(content)
    return f' id="{kind}-note-{number}"' if number is not None else ""


def render_html(document: Document, css: str) -> str:
    """A complete HTML5 page of the document with the CSS inline."""
    meta = document.meta
    writer = _Writer(document)
    writer.blocks(document.blocks)
    created, modified = document_dates(meta.date)
    edition = "confidential" if meta.edition == "confidential" else "public"
    banner = '<p class="confidential-banner">CONFIDENTIAL</p>' if edition == "confidential" else ""
    keywords = meta.keywords
    if edition == "confidential" and "confidential" not in keywords.lower():
        keywords = f"confidential; {keywords}" if keywords else "confidential"
    head = [
        "<!DOCTYPE html>",
        f'<html lang="{escape(meta.language)}" class="edition-{edition}">',
        "<head>", '<meta charset="utf-8">',
        f"<title>{escape(meta.title)}</title>",
        f'<meta name="author" content="{escape(meta.author)}">',
        f'<meta name="description" content="{escape(meta.subject)}">',
        f'<meta name="keywords" content="{escape(keywords)}">',
        f'<meta name="generator" content="{escape(meta.generator)}">',
        f'<meta name="dcterms.created" content="{created.isoformat()}">',
        f'<meta name="dcterms.modified" content="{modified.isoformat()}">',
        f"<style>{css}</style>", "</head>", "<body>", banner,
    ]
    return "\n".join(head + writer.out + ["</body>", "</html>", ""])

