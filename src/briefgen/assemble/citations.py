"""OSCOLA citations of sources and norms, as document inlines. Pure.

Sources: full on first use, `(n X)` after with a long title cut to its first words, `Ibid` when the note just before cited the same single
source at the same pinpoint (`Ibid, para 3` at another pinpoint), or the same several sources at the
same pinpoints; publication and access dates,
the language of a source not in the document's language, archived copies ("archived at <...>", our
convention since OSCOLA has none); tracking parameters are dropped from printed URLs.

Norms: short form in the text ("ICCPR, art 21"); an instrument's full citation once, in the note
of the paragraph that first cites it.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from ..document import Inline, Link, NoteXRef, Text, merge_text
from ..models import Evidence, Norm, Source, prose_date
from .masking import WithheldSource
from .typography import LANGUAGE_NAMES

# Query parameters that only track who clicked where; they never change what a page shows.
_TRACKING_PREFIXES = ("utm_", "__xts__", "__cft__", "mc_")
_TRACKING = {"fbclid", "gclid", "dclid", "msclkid", "yclid", "igshid", "igsh", "__tn__", "_rdr", "ref_src",
             "ref_url", "si", "feature", "mibextid", "app", "share_source", "fref", "dti", "hc_location", "hc_ref",
             "eid", "pnref", "sfnsn"}


def long_date(day: dt.date | None) -> str:
    """'13 June 2019', as OSCOLA writes dates."""
    return prose_date(day) if day else ""


def clean_url(url: str) -> str:
    """The URL without tracking parameters (utm_*, fbclid, __tn__...), so the printed link is the page's own."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if not parts.query:
        return url
    kept = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if k.lower() not in _TRACKING and not k.lower().startswith(_TRACKING_PREFIXES)]
    return urlunsplit(parts._replace(query=urlencode(kept, safe=":/[]@!$'()*+,;")))


def _url(url: str) -> list[Inline]:
    url = clean_url(url)
    return [Text("<"), Link(url, [Text(url)]), Text(">")]


def source_title(source: Source) -> str:
    """'Title' [English title], or [description] for untitled material."""
    if source.title:
        return f"‘{source.title}’" + (f" [{source.title_en}]" if source.title_en else "")
    return f"[{source.title_en or source.description}]"


# Kinds whose publisher is a platform, never the author: a post's platform goes with its date.
_PLATFORM_KINDS = ("social-media", "video")
_SHORT_TITLE_WORDS = 6
# Words that start a phrase a short title can end before: prepositions and the verbs of descriptions.
_PHRASE_STARTS = frozenset("on about in at for from across during after before with by against under between of "
                           "to into describing listing showing protesting announcing".split())
_SMALL_WORDS = frozenset("a an the and or of to in on at for by with".split())


def _who(source: Source) -> str | None:
    """Who a citation begins with: the author, else the publisher where it speaks for itself (an outlet, a
    body), never a platform that only hosts a post."""
    if source.author:
        return source.author
    return None if source.kind in _PLATFORM_KINDS else source.publisher


def _who_what(source: Source, short: bool = False) -> str:
    if isinstance(source, WithheldSource):  # a confidential source in a public edition
        return source.citation
    who, what = _who(source), source_title(source)
    if short:
        what = _shortened(what)
    return f"{who}, {what}" if who else what


def _shortened(title: str) -> str:
    """A long title (and its translation) cut to their first words for a later citation
    ("[Rallies in Kazakhstan]"); the first note has them whole."""
    return re.sub(r"([‘\[])([^’\]]+)([’\]])", lambda m: m.group(1) + _first_words(m.group(2)) + m.group(3), title)


def _first_words(text: str) -> str:
    """A long title as far as its colon ('Presidential elections in Kazakhstan'), else as far as a
    word that starts a phrase ('report of June 2019' of 'report of June 2019 on the election...'),
    else its first words without the small words they would end on. Never an ellipsis: a short form
    is a name for the source, not a quotation."""
    words = text.split()
    if len(words) <= _SHORT_TITLE_WORDS + 2:
        return text
    head = text.split(":", 1)[0]
    if ":" in text and 2 <= len(head.split()) <= _SHORT_TITLE_WORDS + 2:
        return head
    for end in range(3, _SHORT_TITLE_WORDS + 1):
        if words[end].lower() in _PHRASE_STARTS:
            return " ".join(words[:end]).rstrip(",:;")
    first = words[:_SHORT_TITLE_WORDS]
    while len(first) > 2 and first[-1].lower().rstrip(",:;") in _SMALL_WORDS:
        first.pop()
    return " ".join(first).rstrip(",:;")


def _language_note(source: Source, language: str) -> str:
    lang = (source.language or "").split("-")[0].lower()
    if not lang or lang == language:
        return ""
    return f" [in {LANGUAGE_NAMES.get(lang, lang)}]"


def source_full(source: Source, pinpoint: str | None, language: str = "en") -> list[Inline]:
    """The first, full citation of a source: who, 'what' (where, when) pinpoint <url> accessed date."""
    parts: list[Inline] = [Text(_who_what(source) + _language_note(source, language))]
    where_when = [source.publisher] if source.publisher and _who(source) != source.publisher else []
    if source.published:
        where_when.append(long_date(source.published))
    if where_when:
        parts.append(Text(f" ({', '.join(where_when)})"))
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
    return [Text(f"{_who_what(source, short=True)} (n "), NoteXRef(first_note),
            Text(")" + (f" {pinpoint}" if pinpoint else ""))]


def norm_short(norm: Norm) -> str:
    """The form used in running text: 'ICCPR, art 21', 'Copenhagen Document, para 9.2'."""
    if norm.article:
        part = f"({norm.part})" if norm.part else ""
        return f"{norm.short}, art {norm.article}{part}"
    if norm.paragraph:
        return f"{norm.short}, para {norm.paragraph}"
    return norm.short


def number_key(raw: str) -> tuple:
    """'9.2' -> (9, 2): articles and paragraphs in their natural order."""
    return tuple(int(p) if p.isdigit() else 0 for p in raw.replace("-", ".").split("."))


def pinpoint(norm: Norm) -> str:
    """'art 21(2)', 'para 9.2', or '' for an instrument cited as a whole."""
    if norm.article:
        return f"art {norm.article}" + (f"({norm.part})" if norm.part else "")
    if norm.paragraph:
        return f"para {norm.paragraph}"
    return ""


def group_norms(norms: list[Norm]) -> list[tuple[str, list[Norm]]]:
    """Norms grouped by short form, in first-seen order, each group in article order."""
    groups: dict[str, list[Norm]] = {}
    for n in norms:
        groups.setdefault(n.short, [])
        if n not in groups[n.short]:
            groups[n.short].append(n)
    return [(short, sorted(items, key=lambda n: number_key(n.article or n.paragraph or "0")))
            for short, items in groups.items()]


def group_text(short: str, items: list[Norm]) -> str:
    """'ICCPR, arts 9, 21', 'Copenhagen Document, paras 7, 9.2' or 'EPCA'."""
    arts = [n for n in items if n.article]
    paras = [n for n in items if n.paragraph and not n.article]
    bits = []
    if arts:
        numbers = ", ".join(n.article + (f"({n.part})" if n.part else "") for n in arts)
        bits.append(f"{'arts' if len(arts) > 1 else 'art'} {numbers}")
    if paras:
        bits.append(f"{'paras' if len(paras) > 1 else 'para'} {', '.join(n.paragraph for n in paras)}")
    return f"{short}, {'; '.join(bits)}" if bits else short


def group_short(norms: list[Norm]) -> str:
    """Short forms grouped by instrument, articles in order: 'ICCPR, arts 9, 21; Criminal Code, art 405'."""
    return "; ".join(group_text(short, items) for short, items in group_norms(norms))


def instrument_full(norm: Norm) -> str:
    """The full OSCOLA citation of a norm's instrument, without the article (defines its short form)."""
    if norm.kind in ("treaty", "agreement"):
        dates = []
        if norm.adopted:
            dates.append(f"adopted {long_date(norm.adopted)}")
        if norm.in_force:
            dates.append(f"entered into force {long_date(norm.in_force)}")
        text = norm.instrument + (f" ({', '.join(dates)})" if dates else "")
        if norm.series:
            text += f" {norm.series}"
    elif norm.kind in ("general-comment", "resolution", "declaration", "guidelines", "commitment"):
        text = f"{norm.author}, ‘{norm.instrument}’" if norm.author else f"‘{norm.instrument}’"
        if norm.adopted:
            text += f" ({long_date(norm.adopted)})"
        if norm.symbol:
            text += f" UN Doc {norm.symbol}" if "/" in norm.symbol and norm.symbol[0].isalpha() else f" {norm.symbol}"
    else:
        text = norm.instrument
    if norm.short and norm.short != norm.instrument:
        text += f" ({norm.short})"
    return text


def norm_full(norm: Norm) -> str:
    """The full OSCOLA citation of a norm, article included."""
    pin = pinpoint(norm)
    text = instrument_full(norm)
    if not pin:
        return text
    separator = " " if norm.kind in ("treaty", "agreement") or text.endswith(")") else ", "
    return text + separator + pin


class Citer:
    """Formats the footnotes of one document in order, remembering first notes for `(n X)`.

    `norms_in_notes` keeps the older style that repeats every norm of a paragraph as "See ..." in
    its note; by default a note carries only the full citation of instruments cited for the first
    time, and the paragraph's text the short forms.
    """

    def __init__(self, language: str = "en", norms_in_notes: bool = False):
        self.language = language
        self.norms_in_notes = norms_in_notes
        self.first_note: dict[str, int] = {}
        self.defined: set[str] = set()  # instruments whose full citation was given
        self.previous: list[tuple[str, str | None]] = []

    def new_instruments(self, norms: list[Norm]) -> list[Norm]:
        """The norms whose instrument has not yet been cited in full, one per instrument."""
        seen: dict[str, Norm] = {}
        for n in norms:
            if n.instrument not in self.defined and n.instrument not in seen:
                seen[n.instrument] = n
        return list(seen.values())

    def note(self, number: int, evidence: list[tuple[Source, Evidence]], norms: list[Norm]) -> list[Inline]:
        """The content of footnote `number`: its sources, then the full citations of new instruments."""
        parts: list[Inline] = []
        cited = [(s.id, ev.pinpoint) for s, ev in evidence]
        if len(cited) > 1 and cited == self.previous and not self.new_instruments(norms) and not self.norms_in_notes:
            return [Text("Ibid.")]  # the same sources at the same places as the note just before
        for i, (source, ev) in enumerate(evidence):
            if i:
                parts.append(Text("; "))
            if i == 0 and len(self.previous) == 1 and self.previous[0][0] == source.id:
                same_place = self.previous[0][1] == ev.pinpoint
                parts.append(Text("Ibid" + ("" if same_place or not ev.pinpoint else f", {ev.pinpoint}")))
            elif source.id in self.first_note:
                parts.extend(source_short(source, self.first_note[source.id], ev.pinpoint))
            else:
                self.first_note[source.id] = number
                parts.extend(source_full(source, ev.pinpoint, self.language))
        norm_part = self._norm_part(norms, bool(parts))
        parts.extend(norm_part)
        last = parts[-1] if parts else None
        if not (isinstance(last, Text) and last.text.rstrip().endswith((".", "?", "!"))):
            parts.append(Text("."))
        # 'Ibid' may only follow a note that cites one source and nothing else
        self.previous = cited if not norm_part else []
        return merge_text(parts)

    def _norm_part(self, norms: list[Norm], after_sources: bool) -> list[Inline]:
        new = self.new_instruments(norms)
        self.defined.update(n.instrument for n in new)
        if self.norms_in_notes and norms:
            cites = [norm_full(n) for n in new] + ([group_short([n for n in norms if n not in new])]
                                                   if any(n not in new for n in norms) else [])
            return [Text(("; see " if after_sources else "See ") + "; ".join(c for c in cites if c))]
        if not new:
            return []
        return [Text(("; " if after_sources else "") + "; ".join(instrument_full(n) for n in new))]
