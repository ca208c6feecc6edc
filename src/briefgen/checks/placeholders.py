"""Placeholder and editorial text: what a recipient must never see printed. Pure.

One definition, used by `check` (BG801, at the file and line of the text) and by `build` (a last
read of the assembled document before anything is rendered).
"""

from __future__ import annotations

import re

# Editorial markers in capitals: a word of their own, written as editors write them.
_MARKERS = re.compile(r"(?<![\w-])(TODO|TBD|TBC|FIXME|XXX+)(?![\w-])")
_PHRASES = re.compile(
    r"\((?:verify|to verify|check|tbc|tbd|todo|sic\?)\)"
    r"|\[(?:citation|source|reference|date|name)s? needed\]"
    r"|\blorem ipsum\b"
    r"|\((?:illustrative|placeholder|example only|replace\b|insert\b|to be (?:confirmed|completed|added|checked))[^)]*\)"
    r"|\[(?:insert|add|placeholder|replace)\b[^\]]*\]"
    r"|<(?:insert|add|placeholder)\b[^>]*>",
    re.IGNORECASE)
_TEMPLATE_SYNTAX = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}")


def placeholder(text: str | None, template_syntax: bool = True) -> str | None:
    """The first placeholder or editorial marker in a text that would be printed, or None.

    `template_syntax` also finds unreplaced Jinja syntax ({{ }}, {% %}); off for template files,
    where that syntax is the point.
    """
    if not text:
        return None
    for pattern in (_MARKERS, _PHRASES) + ((_TEMPLATE_SYNTAX,) if template_syntax else ()):
        found = pattern.search(text)
        if found:
            return found.group(0)
    return None


_COMMENT = re.compile(r"\{#.*?#\}", re.DOTALL)


def template_placeholders(source: str) -> list[tuple[int, str]]:
    """(line, marker) for each placeholder in a template's printed text (its comments aside)."""
    def blank(m: re.Match) -> str:
        return re.sub(r"[^\n]", " ", m.group(0))  # keep line numbers

    text = _COMMENT.sub(blank, source)
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        marker = placeholder(line, template_syntax=False)
        if marker:
            found.append((number, marker))
    return found
