"""People in a document: the annex of detainees and the Working Group on Arbitrary Detention's
one record per detainee. Pure; shared by assembly (what is printed) and the checks (what is missing)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..models import DateSpan, Norm, PeopleSelection, Person, PersonEvent, Submission, prose_date
from .citations import norm_short

NOT_KNOWN = "not known"
_ARREST = re.compile(r"arrest|detain|apprehend|taken into custody|seized", re.IGNORECASE)


@dataclass(frozen=True)
class Period:
    """The days an annex covers (either end may be open)."""

    start: dt.date | None = None
    end: dt.date | None = None

    def holds(self, span: DateSpan | None) -> bool:
        """Whether a date (None: not known) may fall within the period."""
        if span is None:
            return True
        return not ((self.start and span.end < self.start) or (self.end and span.start > self.end))

    def excludes(self, span: DateSpan | None) -> bool:
        """Whether a known date certainly falls outside the period."""
        return span is not None and not self.holds(span)


def annex_period(sub: Submission) -> Period:
    """The annex's own from/to, else the submission's period, else no limit."""
    annex = sub.annex
    start = (annex.start if annex else None) or (sub.period.start if sub.period else None)
    end = (annex.end if annex else None) or (sub.period.end if sub.period else None)
    return Period(start, end)


def events_in(person: Person, period: Period) -> list[PersonEvent]:
    """The person's events that fall within the period, in date order; events whose date is not known
    only when none is dated within the period (they may belong to it, and are all there is)."""
    dated = [e for e in person.events if e.date is not None and period.holds(e.date)]
    kept = dated or [e for e in person.events if e.date is None]
    return sorted(kept, key=lambda e: (e.date is None, e.date.start if e.date else dt.date.min))


def annex_people(people: dict[str, Person], selection: PeopleSelection | None, period: Period,
                 public: bool = False) -> list[Person]:
    """People an annex takes: listed by id, or with one of the roles and an event dated within the period.

    People chosen by role whose every dated event falls outside the period are left out; so are
    people with no event at all when the period is limited, and confidential people in a public
    edition.
    """
    if selection is None:
        return []
    limited = period.start is not None or period.end is not None
    chosen: dict[str, Person] = {}
    roles = set(selection.roles)
    for person in people.values():
        if not roles.intersection(person.roles):
            continue
        if limited and not any(e.date is not None and period.holds(e.date) for e in person.events):
            continue
        chosen[person.id] = person
    for pid in selection.ids:
        if pid in people:
            chosen[pid] = people[pid]
    return [p for p in chosen.values() if not (public and p.confidential) and p.id not in selection.exclude]


def event_date(event: PersonEvent) -> str:
    """The event's date as a reader expects it, or 'date not known'."""
    return event.date.prose() if event.date else "date not known"


def _event_line(event: PersonEvent) -> str:
    """An event in one line: date, what, where, and what came of it."""
    bits = [event_date(event), event.what, event.where]
    line = ", ".join(b for b in bits if b)
    return f"{line} ({event.outcome})" if event.outcome else line


def legal_basis(event: PersonEvent, norms: dict[str, Norm]) -> str | None:
    """The legal basis of an event: its own words, else the short form of its norm."""
    if event.legal_basis:
        return event.legal_basis
    if event.norm and event.norm in norms:
        return norm_short(norms[event.norm])
    return None


def born(person: Person) -> str | None:
    """Date or year of birth in prose."""
    if not person.born:
        return None
    if len(person.born) == 4:
        return person.born
    return prose_date(dt.date.fromisoformat(person.born))


@dataclass
class RecordField:
    """One line of a detainee record: its group, label, and value (None when the dossier has nothing)."""

    group: str
    label: str
    value: str | None
    field: str  # where the value lives in the dossier, for the message that asks for it


def detainee_record(person: Person, period: Period, norms: dict[str, Norm]) -> list[RecordField]:
    """Every field of the Working Group's model questionnaire for one detainee, in its order."""
    events = events_in(person, period)
    arrest = next((e for e in events if _ARREST.search(e.what)), events[0] if events else None)
    ordered = ([arrest] if arrest else []) + [e for e in events if e is not arrest]
    # what happened to the person after the period (a trial, a new charge, frozen accounts)
    later = sorted((e for e in person.events if e.date is not None and period.end and e.date.start > period.end),
                   key=lambda e: e.date.start)

    def first(attr: str) -> str | None:
        return next((getattr(e, attr) for e in ordered if getattr(e, attr)), None)

    def basis() -> str | None:
        return next((b for b in (legal_basis(e, norms) for e in ordered) if b), None)

    identity, arr, det = "Identity", "Arrest", "Detention"
    return [
        RecordField(identity, "Family name", person.family, "family_name"),
        RecordField(identity, "First name(s)", person.given or None, "first_names"),
        RecordField(identity, "Sex", person.sex, "sex"),
        RecordField(identity, "Date of birth", born(person), "born"),
        RecordField(identity, "Nationality", person.nationality, "nationality"),
        RecordField(identity, "Profession or occupation", person.profession, "profession"),
        RecordField(identity, "Place of residence", person.address or person.city, "city"),
        RecordField(arr, "Date", event_date(arrest) if arrest and arrest.date else None, "events.date"),
        RecordField(arr, "Place", arrest.where if arrest else None, "events.where"),
        RecordField(arr, "Forces who carried out the arrest", arrest.forces if arrest else None, "events.forces"),
        RecordField(arr, "Warrant or decision shown", arrest.warrant if arrest else None, "events.warrant"),
        RecordField(arr, "Reasons given by the authorities", arrest.reasons if arrest else None, "events.reasons"),
        RecordField(arr, "Legal basis invoked", basis(), "events.legal_basis"),
        RecordField(det, "Duration", first("duration"), "events.duration"),
        RecordField(det, "Authority holding the person", first("authority"), "events.authority"),
        RecordField(det, "Place of custody", first("custody"), "events.custody"),
        RecordField(det, "Outcome", first("outcome"), "events.outcome"),
        RecordField("Circumstances", "Circumstances of the arrest and detention", first("circumstances"),
                    "events.circumstances"),
        *([RecordField("Circumstances", "Further events", "; ".join(_event_line(e) for e in ordered[1:]), "events")]
          if len(ordered) > 1 else []),
        *([RecordField("Circumstances", "Since then", "; ".join(_event_line(e) for e in later), "events")]
          if later else []),
        *([RecordField("Circumstances", "Current status", person.status, "status")] if person.status else []),
        RecordField("Domestic steps", "Steps taken at national level", person.domestic_steps, "domestic_steps"),
    ]
