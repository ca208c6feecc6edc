"""BG705-BG708: what the Working Group on Arbitrary Detention, Special Procedures and the treaty bodies
need of the people a submission names: a complete record per detainee, the categories invoked,
consent to names being sent to the State, the identity of each victim of a communication."""

from __future__ import annotations

from typing import Iterator

from ..assemble.addressing import join_and
from ..assemble.people import annex_people, annex_period, detainee_record
from ..diagnostics import Diagnostic, diagnostic
from ..load.resolve import Dossier
from ..models import Submission


def check(dossier: Dossier) -> Iterator[Diagnostic]:
    """BG705 a record field not known, BG706 a named victim without consent, BG707 no category invoked,
    BG708 a communication's victim without nationality, date of birth or address."""
    for sub in dossier.submissions.values():
        bodies = [dossier.addressees[a] for a in sub.addressees if a in dossier.addressees]
        if not bodies:
            continue
        if sub.kind == "individual-communication":
            yield from _identities(dossier, sub, bodies)
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
                                 f"the Working Group's record of {person.id} in '{sub.id}' will list "
                                 f"'{field.label}' as not known: add '{field.field}' if the sources give it",
                                 person.id)
        if not (person.categories or sub.categories):
            yield diagnostic("BG707", dossier.where(person, "id"),
                             f"no category of arbitrary detention is invoked for {person.id} in '{sub.id}': add "
                             "'categories' to the submission (or the person), e.g. [{category: II, reason: ...}]",
                             person.id)


def _identities(dossier: Dossier, sub: Submission, bodies) -> Iterator[Diagnostic]:
    for victim_id in sub.victims:
        person = dossier.people.get(victim_id)
        if person is None:
            continue
        missing = [(label, field) for label, field, value in (
            ("nationality", "nationality", person.nationality), ("date of birth", "born", person.born),
            ("address", "address", person.address or person.city)) if not value]
        if missing:
            labels = join_and([label for label, _ in missing])
            fields = join_and([f"'{field}'" for _, field in missing])
            yield diagnostic("BG708", dossier.where(person, "id"),
                             f"the communication '{sub.id}' will give 'not known' for {person.id}'s {labels}, which "
                             f"the {bodies[0].name} requires: add {fields} from the victim's own documents",
                             person.id)
