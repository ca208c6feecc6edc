"""Markdown (the output of a template, or a section text written by a user) -> document blocks.

markdown-it-py parses CommonMark with tables; raw HTML is off, so `<script>` stays text. Helpers
of the template leave placeholders that this module swaps for blocks and inlines built from data,
which therefore never pass through the Markdown parser.
"""

from __future__ import annotations

import re
from typing import Callable

from markdown_it import MarkdownIt

from ..document import (Block, BlockQuote, Emph, Heading, Inline, LineBreak, Link, ListBlock, PageBreak,
                       Paragraph, Strong, Table, Text, merge_text)

OPEN, CLOSE = "\ue000", "\ue001"
PLACEHOLDER = re.compile(f"{OPEN}([BI])(\\d+){CLOSE}")
SAFE_SCHEMES = ("http://", "https://", "mailto:")

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")


def escape_markdown(text: str) -> str:
    """Text that Markdown shows literally: punctuation escaped, placeholder characters removed."""
    text = text.replace(OPEN, "").replace(CLOSE, "")
    return re.sub(r"([\\`*_{}\[\]<>()#+\-.!|~])", r"\\\1", text)


class Converter:
    """Turns Markdown into blocks, resolving placeholders through the given lookups."""

    def __init__(self, block_for: Callable[[int], list[Block]], inline_for: Callable[[int], list[Inline]]):
        self.block_for = block_for
        self.inline_for = inline_for

    def convert(self, markdown: str) -> list[Block]:
        tokens = _md.parse(markdown)
        blocks, _ = self._blocks(tokens, 0, None)
        return blocks

    def _blocks(self, tokens, i: int, closing: str | None) -> tuple[list[Block], int]:
        out: list[Block] = []
        while i < len(tokens):
            tok = tokens[i]
            if closing and tok.type == closing:
                return out, i + 1
            if tok.type == "heading_open":
                level = int(tok.tag[1])
                out.append(Heading(min(level, 3), self._inlines(tokens[i + 1].children or [])))
                i += 3
            elif tok.type == "paragraph_open":
                inline = tokens[i + 1]
                whole = PLACEHOLDER.fullmatch(inline.content.strip())
                if whole and whole.group(1) == "B":
                    out.extend(self.block_for(int(whole.group(2))))
                else:
                    out.append(Paragraph(self._inlines(inline.children or [])))
                i += 3
            elif tok.type in ("bullet_list_open", "ordered_list_open"):
                ordered = tok.type == "ordered_list_open"
                start = int(tok.attrs.get("start", 1)) if ordered else 1
                items, i = self._list(tokens, i + 1, tok.type.replace("_open", "_close"))
                out.append(ListBlock(items, ordered, start))
            elif tok.type == "blockquote_open":
                inner, i = self._blocks(tokens, i + 1, "blockquote_close")
                out.append(BlockQuote(inner))
            elif tok.type == "hr":
                out.append(PageBreak())
                i += 1
            elif tok.type == "table_open":
                table, i = self._table(tokens, i + 1)
                out.append(table)
            elif tok.type in ("fence", "code_block"):
                out.append(Paragraph([Text(tok.content.rstrip("\n"))], style="small"))
                i += 1
            else:
                i += 1
        return out, i

    def _list(self, tokens, i: int, closing: str) -> tuple[list[list[Block]], int]:
        items = []
        while i < len(tokens) and tokens[i].type != closing:
            if tokens[i].type == "list_item_open":
                blocks, i = self._blocks(tokens, i + 1, "list_item_close")
                items.append(blocks)
            else:
                i += 1
        return items, i + 1

    def _table(self, tokens, i: int) -> tuple[Table, int]:
        header: list[list[Inline]] = []
        rows: list[list[list[Inline]]] = []
        row: list[list[Inline]] = []
        in_head = False
        while tokens[i].type != "table_close":
            tok = tokens[i]
            if tok.type == "thead_open":
                in_head = True
            elif tok.type == "thead_close":
                in_head = False
            elif tok.type == "tr_open":
                row = []
            elif tok.type == "tr_close":
                (header.extend(row) if in_head else rows.append(row))
            elif tok.type == "inline":
                row.append(self._inlines(tok.children or []))
            i += 1
        return Table(header, rows), i + 1

    def _inlines(self, children) -> list[Inline]:
        stack: list[list[Inline]] = [[]]
        links: list[str | None] = []
        for tok in children:
            if tok.type == "text":
                self._text(tok.content, stack[-1])
            elif tok.type == "code_inline":
                stack[-1].append(Text(tok.content))
            elif tok.type in ("softbreak",):
                stack[-1].append(Text(" "))
            elif tok.type == "hardbreak":
                stack[-1].append(LineBreak())
            elif tok.type in ("em_open", "strong_open", "link_open"):
                stack.append([])
                if tok.type == "link_open":
                    links.append(str(tok.attrs.get("href", "")))
            elif tok.type in ("em_close", "strong_close", "link_close"):
                inner = stack.pop()
                if tok.type == "em_close":
                    stack[-1].append(Emph(inner))
                elif tok.type == "strong_close":
                    stack[-1].append(Strong(inner))
                else:
                    href = links.pop()
                    stack[-1].extend([Link(href, inner)] if href.startswith(SAFE_SCHEMES) else inner)
            elif tok.type == "image":
                stack[-1].append(Text(tok.content))
        return merge_text(stack[0])

    def _text(self, content: str, out: list[Inline]) -> None:
        pos = 0
        for m in PLACEHOLDER.finditer(content):
            if m.start() > pos:
                out.append(Text(content[pos:m.start()]))
            if m.group(1) == "I":
                out.extend(self.inline_for(int(m.group(2))))
            pos = m.end()
        if pos < len(content):
            out.append(Text(content[pos:]))
