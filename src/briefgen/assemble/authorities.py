"""The table of authorities: every norm a document cites, grouped by kind of instrument, each
instrument once with its articles beneath it, with the places that cite it. Pure."""

from __future__ import annotations

from ..document import AuthoritiesTable, AuthorityEntry, AuthorityGroup, AuthorityMark, Inline, NoteXRef, ParaXRef, Text
from ..models import Norm
from .citations import group_norms, group_text, instrument_full, norm_full, number_key, pinpoint

# Groups in the order a lawyer expects them; the number is the group's Word TOA category.
GROUPS = (
    (1, "Treaties"),
    (2, "United Nations instruments, general comments and declarations"),
    (3, "Regional and OSCE commitments"),
    (4, "European Union instruments"),
    (5, "National law"),
)
NATIONAL_LAW = 5  # the group of national law (GROUPS)
_REGIONAL_AUTHORS = ("OSCE", "CSCE", "Conference on Security", "Council of Europe", "Venice Commission", "ODIHR")
_EU_AUTHORS = ("European Union", "European Parliament", "European Commission", "Council of the EU")


def category(norm: Norm) -> int:
    """The group of the table a norm belongs to (see GROUPS)."""
    jurisdiction = (norm.jurisdiction or "international").strip()
    if jurisdiction.upper() == "EU" or any(a in (norm.author or "") for a in _EU_AUTHORS):
        return 4
    if jurisdiction.lower() != "international":
        return 5
    if norm.kind in ("commitment", "guidelines") or any(a in (norm.author or "") for a in _REGIONAL_AUTHORS):
        return 3
    if norm.kind in ("treaty", "agreement"):
        return 1
    return 2


def marks(norms: list[Norm]) -> list[Inline]:
    """The text of grouped short forms with an AuthorityMark for each norm: 'ICCPR, arts 9, 21'."""
    out: list[Inline] = []
    for i, (short, items) in enumerate(group_norms(norms)):
        if i:
            out.append(Text("; "))
        out.append(Text(group_text(short, items)))
        out.extend(mark(n) for n in items)
    return out


def mark(norm: Norm) -> AuthorityMark:
    """The invisible table-of-authorities mark of one norm."""
    return AuthorityMark(norm_full(norm), norm_short_entry(norm), category(norm), norm.id)


def norm_short_entry(norm: Norm) -> str:
    pin = pinpoint(norm)
    return f"{norm.short}, {pin}" if pin else norm.short


class Place:
    """Where a document cites a norm: a numbered paragraph, a note, or a recommendation."""

    def __init__(self, kind: str, number: int, anchor: str | None = None, label: str | None = None):
        self.kind, self.number, self.anchor, self.label = kind, number, anchor, label

    def key(self) -> tuple:
        return ({"para": 0, "n": 1, "recommendation": 2, "request": 3, "part": 4}[self.kind], self.number,
                self.label or "")


def places_inlines(places: list[Place]) -> list[Inline]:
    """'paras 3, 5; n 2; recommendation 1' with the numbers as cross-reference nodes."""
    by_kind: dict[str, list[Place]] = {}
    seen = set()
    for p in sorted(places, key=Place.key):
        if (p.kind, p.number, p.label) in seen:
            continue
        seen.add((p.kind, p.number, p.label))
        by_kind.setdefault(p.kind, []).append(p)
    plural = {"para": "paras", "n": "nn", "recommendation": "recommendations", "request": "requests", "part": "parts"}
    out: list[Inline] = []
    for kind, items in by_kind.items():
        if out:
            out.append(Text("; "))
        out.append(Text((plural[kind] if len(items) > 1 else kind) + " ") if kind != "part" else Text(""))
        for i, p in enumerate(items):
            if i:
                out.append(Text(", "))
            if kind == "para" and p.anchor:
                out.append(ParaXRef(p.anchor, p.number))
            elif kind == "n":
                out.append(NoteXRef(p.number))
            else:
                out.append(Text(p.label or str(p.number)))
    return out


def authorities_table(cited: dict[str, list[Place]], norms: dict[str, Norm], heading: str,
                      interpreting: dict[str, list[str]] | None = None) -> AuthoritiesTable:
    """The table of the norms a document cites (id -> the places that cite them), and the texts the
    dossier itself links to them as interpreting them (`interpreting`: norm id -> those texts' ids),
    listed at the places of the norm they interpret."""
    all_places = dict(cited)
    for nid in list(cited):
        for text in (interpreting or {}).get(nid, []):
            if text in norms:
                all_places.setdefault(text, []).extend(cited[nid])
    chosen = [norms[n] for n in all_places if n in norms]
    groups = []
    for number, title in GROUPS:
        members = sorted((n for n in chosen if category(n) == number),
                         key=lambda n: (n.instrument.casefold(), number_key(n.article or n.paragraph or "0")))
        entries: list[AuthorityEntry] = []
        for _, items in group_norms(members):
            with_pin = [n for n in items if pinpoint(n)]
            if len(items) == 1 and not with_pin:
                n = items[0]
                entries.append(AuthorityEntry(norm_full(n), [Text(instrument_full(n))], places_inlines(all_places[n.id])))
                continue
            entries.append(AuthorityEntry(instrument_full(items[0]), [Text(instrument_full(items[0]))], [], level=0))
            for n in items:
                label = pinpoint(n) or n.short
                text = f"{label}" + (f" ({n.title})" if n.title else "")
                entries.append(AuthorityEntry(norm_full(n), [Text(text)], places_inlines(all_places[n.id]), level=1))
        if entries:
            groups.append(AuthorityGroup(title, number, entries))
    return AuthoritiesTable(groups, heading)
