"""Which claims and people a submission takes: pure functions shared by checks and assembly."""

from __future__ import annotations

from ..models import Claim, FigureCell, FigureTable, PeopleSelection, Person, Section, Selection, Submission
from ..load.resolve import Dossier


def claim_order(claim: Claim) -> tuple:
    """Claims read in date order; ties by id so the order is stable."""
    return (claim.date.start, claim.date.end, claim.id)


def select_claims(dossier: Dossier, selection: Selection | None, public: bool = False) -> list[Claim]:
    """The claims a section's selection takes, in date order.

    Tags match any of the listed tags; `from`/`to` keep claims whose dates overlap the range;
    `ids` are always taken; `exclude` always removed. No tags and no ids selects nothing. A public
    edition leaves confidential claims out.
    """
    if selection is None:
        return []
    # The checks ask again and again for the same selections: each is made once per dossier.
    key = ("select_claims", id(selection), public)
    found = dossier.run_cache.get(key)
    if found is None or found[0] is not selection:  # the selection is kept with it, so its id is not reused
        found = dossier.run_cache[key] = (selection, _select_claims(dossier, selection, public))
    return list(found[1])


def _select_claims(dossier: Dossier, selection: Selection, public: bool) -> list[Claim]:
    chosen: dict[str, Claim] = {}
    if selection.tags:
        wanted = set(selection.tags)
        for claim in dossier.claims.values():
            if not wanted.intersection(claim.tags):
                continue
            if selection.start and claim.date.end < selection.start:
                continue
            if selection.end and claim.date.start > selection.end:
                continue
            if selection.status and claim.status not in selection.status:
                continue
            chosen[claim.id] = claim
    for cid in selection.ids:
        if cid in dossier.claims:
            chosen[cid] = dossier.claims[cid]
    for cid in selection.exclude:
        chosen.pop(cid, None)
    return sorted((c for c in chosen.values() if not (public and c.confidential)), key=claim_order)


def printable_claims(dossier: Dossier, ids: list[str], public: bool) -> list[Claim]:
    """The claims of `ids` that an edition may print: in a public one, none that is confidential."""
    return [dossier.claims[c] for c in ids if c in dossier.claims and not (public and dossier.claims[c].confidential)]


def figure_claims(dossier: Dossier) -> dict[str, Claim]:
    """Each named figure and the claim that states it (the first, in file order, if several agree)."""
    found: dict[str, Claim] = {}
    for claim in dossier.claims.values():
        for name in claim.figures:
            found.setdefault(name, claim)
    return found


def table_claims(dossier: Dossier, table: FigureTable | None, public: bool = False) -> list[Claim]:
    """The claims whose figures a section's table prints, in the order of the table (a public
    edition's without the confidential ones)."""
    if table is None:
        return []
    figures = figure_claims(dossier)
    chosen = [figures[c.figure] for row in table.rows for c in row if isinstance(c, FigureCell) and c.figure in figures]
    return list({c.id: c for c in chosen if not (public and c.confidential)}.values())


def section_claims(dossier: Dossier, section: Section, public: bool = False) -> list[Claim]:
    """Every claim a section prints: its table's, then its selection's."""
    chosen = {c.id: c for c in table_claims(dossier, section.table, public)}
    chosen.update({c.id: c for c in select_claims(dossier, section.claims, public)})
    return list(chosen.values())


def submission_claims(dossier: Dossier, submission: Submission) -> list[Claim]:
    """Every claim a submission uses, in sections or recommendations, each once, in date order
    (a public edition's without the confidential ones)."""
    public = submission.edition == "public"
    chosen: dict[str, Claim] = {}
    for section in submission.sections:
        for claim in section_claims(dossier, section, public):
            chosen[claim.id] = claim
    for rec in submission.recommendations:
        for claim in printable_claims(dossier, rec.claims, public):
            chosen[claim.id] = claim
    return sorted(chosen.values(), key=claim_order)


def select_people(dossier: Dossier, selection: PeopleSelection | None, public: bool = False) -> list[Person]:
    """People of an annex: the listed ids plus everyone with one of the roles, by name (sort them
    after masking with Masker.sorted_people). A public edition leaves confidential people out."""
    if selection is None:
        return []
    chosen: dict[str, Person] = {}
    roles = set(selection.roles)
    for person in dossier.people.values():
        if roles.intersection(person.roles):
            chosen[person.id] = person
    for pid in selection.ids:
        if pid in dossier.people:
            chosen[pid] = dossier.people[pid]
    kept = (p for p in chosen.values() if not (public and p.confidential) and p.id not in selection.exclude)
    return sorted(kept, key=lambda p: (p.name.casefold(), p.id))
