"""BG705-BG707: what the Working Group on Arbitrary Detention and Special Procedures need of the people
a submission names: a complete record per detainee, the categories invoked, consent to names being
sent to the State."""

from __future__ import annotations

from typing import Iterator

from ..assemble.people import annex_people, annex_period, detainee_record
from ..diagnostics import Diagnostic, diagnostic
from ..load.resolve import Dossier
from ..models import Submission


def check(dossier: Dossier) -> Iterator[Diagnostic]:
    """BG705 a record field not known, BG706 a named victim without consent, BG707 no category invoked."""
    for sub in dossier.submissions.values():
        bodies = [dossier.addressees[a] for a in sub.addressees if a in dossier.addressees]
        if not bodies:
            continue
        period = annex_period(sub)
        annexed = annex_people(dossier.people, sub.annex.people if sub.annex else None, period)
        if any(b.wgad_categories for b in bodies):
            yield from _records(dossier, sub, annexed, period)
        if any(b.confidentiality.names_sent_to_state for b in bodies):
            named = {p.id: p for p in annexed}
            named.update({v: dossier.people[v] for v in sub.victims if v in dossier.people})
            for person in named.values():
                if person.consent.share_with_state is None:
                    yield diagnostic("BG706", dossier.where(person, "id"),
                                     f"{person.id} is named in '{sub.id}', whose addressee sends victims' names to the "
                                     "State, but their consent is not recorded: set consent.share_with_state "
                                     "(true or false) after asking them", person.id)


def _records(dossier: Dossier, sub: Submission, annexed, period) -> Iterator[Diagnostic]:
    for person in annexed:
        for field in detainee_record(person, period, dossier.norms):
            if field.value is None:
                yield diagnostic("BG705", dossier.where(person, "id"),
                                 f"the Working Group's record of {person.id} in '{sub.id}' will say "
                                 f"'not known' for '{field.label}': add '{field.field}' if the sources give it",
                                 person.id)
        if not (person.categories or sub.categories):
            yield diagnostic("BG707", dossier.where(person, "id"),
                             f"no category of arbitrary detention is invoked for {person.id} in '{sub.id}': add "
                             "'categories' to the submission (or the person), e.g. [{category: II, reason: ...}]",
                             person.id)
