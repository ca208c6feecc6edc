"""OSCOLA citations of sources and norms, as document inlines. Pure.

Sources: full on first use, `(n X)` after, `Ibid` when the note just before cited the same single
source; pinpoints kept; archived copies appended ("archived at <...>", our convention since OSCOLA
has none). Norms: short form in the text ("ICCPR, art 21"), full citation on first use.
"""

from __future__ import annotations

import datetime as dt

from ..document import Inline, Link, NoteXRef, Text, merge_text
from ..models import Evidence, Norm, Source
from .masking import WithheldSource


def long_date(day: dt.date | None) -> str:
    """'13 June 2019', as OSCOLA writes dates."""
    return f"{day.day} {day.strftime('%B')} {day.year}" if day else ""


def _url(url: str) -> list[Inline]:
    return [Text("<"), Link(url, [Text(url)]), Text(">")]


def _who_what(source: Source) -> str:
    if isinstance(source, WithheldSource):  # a confidential source in a public edition
        return source.citation
    who = source.author or source.publisher
    if source.title:
        what = f"'{source.title}'" + (f" [{source.title_en}]" if source.title_en else "")
    else:
        what = f"[{source.title_en or source.description}]"
    return f"{who}, {what}" if who else what


def source_full(source: Source, pinpoint: str | None) -> list[Inline]:
    """The first, full citation of a source."""
    parts: list[Inline] = [Text(_who_what(source))]
    if source.published:
        parts.append(Text(f" ({long_date(source.published)})"))
    if pinpoint:
        parts.append(Text(f" {pinpoint}"))
    if source.url:
        parts.append(Text(" "))
        parts.extend(_url(source.url))
        if source.accessed:
            parts.append(Text(f" accessed {long_date(source.accessed)}"))
    if source.archive:
        parts.append(Text(", archived at "))
        parts.extend(_url(source.archive))
    return parts


def source_short(source: Source, first_note: int, pinpoint: str | None) -> list[Inline]:
    """A later citation: short form with a cross-reference to the first note."""
    return [Text(f"{_who_what(source)} (n "), NoteXRef(first_note), Text(")" + (f" {pinpoint}" if pinpoint else ""))]


def norm_short(norm: Norm) -> str:
    """The form used in running text: 'ICCPR, art 21', 'Copenhagen Document, para 9.2'."""
    if norm.article:
        part = f"({norm.part})" if norm.part else ""
        return f"{norm.short}, art {norm.article}{part}"
    if norm.paragraph:
        return f"{norm.short}, para {norm.paragraph}"
    return norm.short


def _number_key(raw: str) -> tuple:
    return tuple(int(p) if p.isdigit() else 0 for p in raw.replace("-", ".").split("."))


def group_short(norms: list[Norm]) -> str:
    """Short forms grouped by instrument, articles in order: 'ICCPR, arts 9, 21; Criminal Code, art 405'."""
    groups: dict[str, list[Norm]] = {}
    for n in norms:
        groups.setdefault(n.short, []).append(n)
    parts = []
    for short, items in groups.items():
        arts = sorted((n for n in items if n.article), key=lambda n: _number_key(n.article))
        paras = sorted((n for n in items if n.paragraph and not n.article), key=lambda n: _number_key(n.paragraph))
        if len(arts) > 1:
            parts.append(f"{short}, arts " + ", ".join(n.article + (f"({n.part})" if n.part else "") for n in arts))
        elif arts:
            parts.append(norm_short(arts[0]))
        if len(paras) > 1:
            parts.append(f"{short}, paras " + ", ".join(n.paragraph for n in paras))
        elif paras:
            parts.append(norm_short(paras[0]))
        parts.extend(norm_short(n) for n in items if not n.article and not n.paragraph)
    return "; ".join(parts)


def norm_full(norm: Norm) -> str:
    """The full OSCOLA citation of a norm, used the first time it is cited."""
    pin = ""
    if norm.article:
        pin = f" art {norm.article}" + (f"({norm.part})" if norm.part else "")
    elif norm.paragraph:
        pin = f" para {norm.paragraph}"
    if norm.kind == "treaty" or norm.kind == "agreement":
        dates = []
        if norm.adopted:
            dates.append(f"adopted {long_date(norm.adopted)}")
        if norm.in_force:
            dates.append(f"entered into force {long_date(norm.in_force)}")
        text = norm.instrument + (f" ({', '.join(dates)})" if dates else "")
        if norm.series:
            text += f" {norm.series}"
        if norm.short and norm.short != norm.instrument:
            text += f" ({norm.short})"
        return text + pin
    if norm.kind in ("general-comment", "resolution", "declaration", "guidelines", "commitment"):
        text = f"{norm.author}, '{norm.instrument}'" if norm.author else f"'{norm.instrument}'"
        if norm.adopted:
            text += f" ({long_date(norm.adopted)})"
        if norm.symbol:
            text += f" UN Doc {norm.symbol}" if "/" in norm.symbol and norm.symbol[0].isalpha() else f" {norm.symbol}"
        return text + pin
    return norm.instrument + ("," if pin else "") + pin


class Citer:
    """Formats the footnotes of one document in order, remembering first notes for `(n X)`."""

    def __init__(self):
        self.first_note: dict[str, int] = {}
        self.cited_norms: set[str] = set()
        self.cited_instruments: set[str] = set()
        self.previous_sources: list[str] = []

    def note(self, number: int, evidence: list[tuple[Source, Evidence]], norms: list[Norm]) -> list[Inline]:
        """The content of footnote `number`: its sources, then norms cited for the first time."""
        parts: list[Inline] = []
        for i, (source, ev) in enumerate(evidence):
            if i:
                parts.append(Text("; "))
            if i == 0 and self.previous_sources == [source.id]:
                parts.append(Text("Ibid" + (f" {ev.pinpoint}" if ev.pinpoint else "")))
            elif source.id in self.first_note:
                parts.extend(source_short(source, self.first_note[source.id], ev.pinpoint))
            else:
                self.first_note[source.id] = number
                parts.extend(source_full(source, ev.pinpoint))
        new_norms = [n for n in norms if n.id not in self.cited_norms]
        if new_norms:
            if parts:
                parts.append(Text(". "))
            first, again = [], []
            for n in new_norms:  # the first article of an instrument in full, the rest short
                (again if n.instrument in self.cited_instruments else first).append(n)
                self.cited_instruments.add(n.instrument)
            cites = [norm_full(n) for n in first] + ([group_short(again)] if again else [])
            parts.append(Text("See " + "; ".join(cites)))
            self.cited_norms.update(n.id for n in new_norms)
        last = parts[-1] if parts else None
        if not (isinstance(last, Text) and last.text.rstrip().endswith((".", "?", "!"))):
            parts.append(Text("."))
        self.previous_sources = [s.id for s, _ in evidence]
        return merge_text(parts)
