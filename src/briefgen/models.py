"""Typed models of every dossier file kind (DESIGN.md, "The dossier format", version 1).

Unknown keys are errors; ids follow the id rule; enumerated fields list their values. Each object
made from a file keeps its origin (file and path inside it) so checks can point at its fields.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import (BaseModel, BeforeValidator, ConfigDict, Field, PrivateAttr, StringConstraints,
                      WithJsonSchema, model_validator)

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=120)]
Text = Annotated[str, StringConstraints(min_length=1)]

SOURCE_KINDS = ("news", "official", "social-media", "video", "ngo-report", "igo-report", "court",
                "legislation", "other")
CLAIM_STATUSES = ("alleged", "corroborated", "official", "disputed")
SUBMISSION_KINDS = ("recommendation-letter", "collective-complaint", "individual-communication",
                    "urgent-appeal")
EDITIONS = ("public", "confidential")
NORM_KINDS = ("treaty", "general-comment", "commitment", "constitution", "code", "law", "resolution",
              "declaration", "guidelines", "agreement")
FORMATS = ("docx", "pdf", "html")


class Origin(BaseModel):
    """Where an object was defined: dossier-relative file and the path to it inside the file."""

    model_config = ConfigDict(frozen=True)
    file: str
    path: tuple = ()


class Model(BaseModel):
    """Base of every dossier model: unknown keys rejected, numbers accepted where text is wanted."""

    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True, populate_by_name=True)


class Entry(Model):
    """A top-level object of a dossier file (a source, a claim...): it remembers where it was defined.

    Nested parts (evidence, dates, consent) do not: a private attribute costs every instance time.
    """

    _origin: Origin | None = PrivateAttr(default=None)

    @property
    def origin(self) -> Origin | None:
        return self._origin


_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_ISO_YEAR = re.compile(r"^\d{4}$")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def _month_end(year: int, month: int) -> dt.date:
    return (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1))


def _date_span(value: Any) -> Any:
    if isinstance(value, dict):
        return value
    if isinstance(value, dt.date) or (isinstance(value, str) and _ISO_DAY.match(value)):
        return {"from": value, "to": value}
    if isinstance(value, int) or (isinstance(value, str) and _ISO_YEAR.match(value)):
        year = int(value)
        if 1000 <= year <= 9999:
            return {"from": dt.date(year, 1, 1), "to": dt.date(year, 12, 31), "precision": "year"}
    if isinstance(value, str) and _ISO_MONTH.match(value):
        year, month = map(int, _ISO_MONTH.match(value).groups())
        if 1 <= month <= 12:
            return {"from": dt.date(year, month, 1), "to": _month_end(year, month), "precision": "month"}
    raise ValueError("must be a date written YYYY-MM-DD, a month YYYY-MM, a year YYYY, or a range "
                     f"{{from: YYYY-MM-DD, to: YYYY-MM-DD}}; got '{value}'")


def prose_date(day: dt.date) -> str:
    """'9 June 2019', as letters and OSCOLA write dates."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


class DateSpan(Model):
    """A single day, a month, a year or a range; a single date is a span of one day.

    `precision` says how much of the date is known (a month written 2019-06 is known to the month);
    `approximate` marks a date the sources give only roughly ("about 9 June 2019").
    """

    start: dt.date = Field(alias="from")
    end: dt.date = Field(alias="to")
    precision: Literal["day", "month", "year"] = "day"
    approximate: bool = False

    @model_validator(mode="after")
    def _ordered(self):
        if self.end < self.start:
            raise ValueError("'to' is before 'from'")
        return self

    def __str__(self) -> str:
        return self.start.isoformat() if self.start == self.end else f"{self.start} to {self.end}"

    def prose(self) -> str:
        """The span as a reader expects it: '9 June 2019', '9-12 June 2019', 'June 2019', 'about 2019'."""
        s, e = self.start, self.end
        if self.precision == "year":
            text = str(s.year) if s.year == e.year else f"{s.year}-{e.year}"
        elif self.precision == "month":
            first = f"{_MONTHS[s.month - 1]} {s.year}"
            last = f"{_MONTHS[e.month - 1]} {e.year}"
            text = first if first == last else f"{first} to {last}"
        elif s == e:
            text = prose_date(s)
        elif (s.year, s.month) == (e.year, e.month):
            text = f"{s.day}-{e.day} {_MONTHS[s.month - 1]} {s.year}"
        elif s.year == e.year:
            text = f"{s.day} {_MONTHS[s.month - 1]} to {prose_date(e)}"
        else:
            text = f"{prose_date(s)} to {prose_date(e)}"
        return f"about {text}" if self.approximate else text


Span = Annotated[DateSpan, BeforeValidator(_date_span)]


def _unknown_date(value: Any) -> Any:
    return None if isinstance(value, str) and value.strip().lower() == "unknown" else value


# An event's date: like Span, or `unknown` (the same as leaving it out): never a made-up range.
EventDate = Annotated[DateSpan | None, BeforeValidator(lambda v: _date_span(v) if _unknown_date(v) is not None else None)]


class Provenance(Model):
    """Where an entry comes from in a report the dossier is built from. Never printed.

    `report` is the id of the report's own source entry; `section` its heading or number; `footnotes`
    the report's footnote numbers that the entry rests on.
    """

    report: Id
    section: str | None = None
    pages: str | None = None
    footnotes: list[int] = []
    note: str | None = None


Code = Annotated[str, StringConstraints(pattern=r"^BG\d{3}$")]


class Accepted(Model):
    """A warning the team has weighed and accepts on this entry, with why (`briefgen check --show-accepted`)."""

    code: Code = Field(description="the code of the warning accepted, e.g. BG304")
    reason: str | None = Field(default=None, description="why the team accepts it: printed by --show-accepted")


def _accepted(value: Any) -> Any:
    """`accept: [BG304]` or `accept: [{code: BG304, reason: ...}]`: a bare code is an item without a reason."""
    return [{"code": v} if isinstance(v, str) else v for v in value] if isinstance(value, list) else value


_CODE_SCHEMA = {"type": "string", "pattern": r"^BG\d{3}$"}
_ACCEPT_SCHEMA = {"type": "array", "description": "warnings the team has weighed: codes, or codes with a reason",
                  "items": {"anyOf": [_CODE_SCHEMA, {
                      "type": "object", "required": ["code"], "additionalProperties": False,
                      "properties": {"code": _CODE_SCHEMA, "reason": {"type": "string"}}}]}}

# Warnings accepted on an entry (or, in dossier.yaml, for the whole dossier): codes, or codes with reasons.
AcceptList = Annotated[list[Accepted], BeforeValidator(_accepted), WithJsonSchema(_ACCEPT_SCHEMA)]


class Signatory(Model):
    name: Text
    title: str | None = None


class Author(Model):
    name: Text
    address: list[str] = []
    email: str | None = None
    phone: str | None = None
    website: str | None = None
    signatory: Signatory | None = None


class Period(Model):
    start: dt.date = Field(alias="from")
    end: dt.date = Field(alias="to")


class DossierMeta(Entry):
    """dossier.yaml"""

    format: Literal[1] = 1
    title: Text
    state: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")] = "en"
    period: Period | None = None
    author: Author
    abbreviations: dict[str, Text] = {}
    pseudonyms: Literal["letters", "initials"] = "letters"  # how public editions name hidden people
    accept: AcceptList = []


class Source(Entry):
    """One entry of sources.yaml."""

    id: Id
    title: Text | None = None
    title_en: str | None = None
    description: str | None = None
    author: str | None = None
    publisher: str | None = None
    url: str | None = None
    kind: Literal[SOURCE_KINDS]
    language: str | None = None
    published: dt.date | None = None
    accessed: dt.date | None = None
    archive: str | None = None
    file: str | None = None
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")] | None = None
    confidential: bool = False
    notes: str | None = None
    provenance: list[Provenance] = []
    accept: AcceptList = []

    @model_validator(mode="after")
    def _hash_with_file(self):
        if self.file and not self.sha256:
            raise ValueError("'sha256' is required when 'file' is given (the hash proves the copy is unchanged)")
        if not (self.title or self.title_en or self.description):
            raise ValueError("give a 'title' (the source's own title), a 'title_en' (its title in English when the "
                             "original is not known exactly) or, for untitled material such as a post or a video, "
                             "a 'description' of what it shows")
        return self


class Norm(Entry):
    """One entry of norms.yaml (built-in or the dossier's)."""

    id: Id
    instrument: Text
    short: Text
    article: str | None = None
    part: str | None = None
    paragraph: str | None = None
    title: str | None = None
    jurisdiction: str = "international"
    kind: Literal[NORM_KINDS]
    author: str | None = None
    adopted: dt.date | None = None
    in_force: dt.date | None = None
    series: str | None = None
    symbol: str | None = None
    url: str | None = None
    interpreted_by: list[Id] = []
    aliases: list[str] = []
    verify: str | None = None
    accept: AcceptList = []


class Consent(Model):
    """What a person agreed to: name in public editions, name sent to the State, authority to act."""

    publish_name: bool = False
    share_with_state: bool | None = None
    authority: dt.date | None = None


class PersonEvent(Model):
    """Something that happened to a person: an arrest, a detention, a sentence, a release...

    The fields follow the Working Group on Arbitrary Detention's model questionnaire; all but `what`
    are optional, and a date the sources do not give is left out or written `unknown`.
    """

    date: EventDate = None
    what: Text
    where: str | None = None
    forces: str | None = None
    warrant: str | None = None
    reasons: str | None = None
    legal_basis: str | None = None
    norm: Id | None = None
    authority: str | None = None
    custody: str | None = None
    duration: str | None = None
    circumstances: str | None = None
    outcome: str | None = None


class CategoryInvoked(Model):
    """A category of arbitrary detention invoked (I to V) and why it applies."""

    category: Literal["I", "II", "III", "IV", "V"]
    reason: str | None = None


class Person(Entry):
    """One entry of people.yaml."""

    id: Id
    name: Text
    family_name: str | None = None
    first_names: str | None = None
    aliases: list[str] = []
    born: Annotated[str, StringConstraints(pattern=r"^\d{4}(-\d{2}-\d{2})?$")] | None = None
    sex: str | None = None
    nationality: str | None = None
    profession: str | None = None
    address: str | None = None
    roles: list[Id] = []
    city: str | None = None
    status: str | None = None
    consent: Consent = Consent()
    events: list[PersonEvent] = []
    categories: list[CategoryInvoked] = []
    domestic_steps: str | None = None
    confidential: bool = False
    notes: str | None = None
    provenance: list[Provenance] = []
    accept: AcceptList = []

    @property
    def family(self) -> str:
        """The family name: given, or the last word of the name."""
        return self.family_name or self.name.split()[-1]

    @property
    def given(self) -> str:
        """The first names: given, or the name without its last word."""
        return self.first_names or " ".join(self.name.split()[:-1])


class Evidence(Model):
    source: Id
    pinpoint: str | None = None


class Claim(Entry):
    """One entry of a claims/*.yaml file."""

    id: Id
    statement: Text
    date: Span
    place: str | None = None
    tags: list[Id] = []
    people: list[Id] = []
    figures: dict[Id, float] = {}
    evidence: list[Evidence] = []
    norms: list[Id] = []
    status: Literal[CLAIM_STATUSES]
    confidential: bool = False
    notes: str | None = None
    provenance: list[Provenance] = []
    accept: AcceptList = []


class Selection(Model):
    """Which claims a section takes: ids, or any of the tags, within a date range."""

    ids: list[Id] = []
    tags: list[Id] = []
    start: dt.date | None = Field(default=None, alias="from")
    end: dt.date | None = Field(default=None, alias="to")
    status: list[Literal[CLAIM_STATUSES]] = []
    exclude: list[Id] = []


class FigureCell(Model):
    """A table cell holding a named figure of a claim: the number is printed, the claim's sources cited."""

    figure: Id


class FigureTable(Model):
    """Figures laid out as a table: each row's figures are looked up in the claims that name them,
    and each row carries a note citing those claims' sources."""

    columns: list[Text]
    rows: list[list[FigureCell | str | int | float]]
    caption: str | None = None


def _selection(value: Any) -> Any:
    return {"ids": value} if isinstance(value, list) else value


class Section(Model):
    """A part of a submission: its own text and the claims it selects.

    A claim already printed earlier in the document is not printed again: by default the section
    refers back to it ("see para 6"), or with `repeated: omit` leaves it out.
    """

    title: Text
    role: Id | None = None
    text: str | None = None
    claims: Annotated[Selection, BeforeValidator(_selection)] | None = None
    table: FigureTable | None = None
    require_norms: bool = False
    repeated: Literal["reference", "omit"] = "reference"


class PeopleSelection(Model):
    """Which people an annex lists: these ids, and everyone with one of these roles, but not `exclude`."""

    ids: list[Id] = []
    roles: list[Id] = []
    exclude: list[Id] = []


class Annex(Model):
    """What follows the signature: a table of people (within the annex's or the submission's period)
    and a list of documents."""

    people: PeopleSelection | None = None
    start: dt.date | None = Field(default=None, alias="from")
    end: dt.date | None = Field(default=None, alias="to")
    documents: list[str] = []


class Recommendation(Model):
    text: Text
    claims: list[Id] = []
    norms: list[Id] = []


def _joint(data: Any) -> Any:
    """`to: [a, b, c]` (a joint communication) -> to: a, joint: [b, c]."""
    if isinstance(data, dict) and isinstance(data.get("to"), list) and data["to"]:
        data = dict(data)
        first, *rest = data["to"]
        data["to"], data["joint"] = first, rest
    return data


class Submission(Entry):
    """One submissions/*.yaml file: one output document.

    `to` is one addressee, or a list of them for a joint communication (addressed to every body in
    the list); `cc` lists bodies that receive a copy.
    """

    id: Id
    kind: Literal[SUBMISSION_KINDS]
    to: Id
    joint: list[Id] = Field(default=[], exclude=True)
    cc: list[Id] = []
    title: Text
    subject: str | None = None
    reference: str | None = None
    date: dt.date
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")] = "en"
    edition: Literal[EDITIONS] = "public"
    template: str | None = None
    victims: list[Id] = []
    period: Period | None = None
    categories: list[CategoryInvoked] = []
    interim_measures: str | None = None
    norms_in_notes: bool = False
    summary: str | None = None
    sections: list[Section] = []
    annex: Annex | None = None
    recommendations: list[Recommendation] = []
    formats: list[Literal[FORMATS]] = ["docx", "pdf"]
    accept: AcceptList = []

    @model_validator(mode="before")
    @classmethod
    def _split_joint(cls, data: Any) -> Any:
        return _joint(data)

    @property
    def addressees(self) -> list[str]:
        """Every body the submission is addressed to, the first one first."""
        return list(dict.fromkeys([self.to, *self.joint]))


class RequiredSection(Model):
    role: Id
    title: Text
    source: Literal["section", "dossier", "template"] = Field(alias="from")
    optional: bool = False


class Limits(Model):
    pages: int | None = None
    words: int | None = None
    summary_words: int | None = None


class Confidentiality(Model):
    anonymous: bool = False
    names_sent_to_state: bool | None = None
    published: str | None = None
    source_confidential_on_request: bool | None = None
    notes: str | None = None


class Category(Model):
    """A category of arbitrary detention as the Working Group defines it; `verify` is never printed."""

    id: str
    text: Text
    verify: str | None = None


class Addressee(Entry):
    """One entry of the addressee registry (built-in or the dossier's addressees.yaml)."""

    id: Id
    name: Text
    short: str | None = None
    family: Literal["un-treaty-body", "un-special-procedures", "un-ohchr", "eu", "osce", "other"]
    address: list[str] = []
    email: str | None = None
    salutation: Text
    addressed_as: str | None = None  # plural form for a joint salutation: "Special Rapporteurs"
    closing: str = "Yours faithfully,"
    languages: list[str]
    kinds: list[Literal[SUBMISSION_KINDS]] = []
    applies: list[str] = []  # short forms of the instruments the body applies (none listed: any)
    numbered_paragraphs: bool = False
    required_sections: list[RequiredSection] = []
    limits: Limits = Limits()
    confidentiality: Confidentiality = Confidentiality()
    wgad_categories: list[Category] = []
    rules_url: str | None = None
    verify: list[str] = []


# The file kinds of a dossier: name -> (model, whether the file holds a list of entries).
FILE_KINDS: dict[str, tuple[type[Model], bool]] = {
    "dossier": (DossierMeta, False),
    "sources": (Source, True),
    "norms": (Norm, True),
    "people": (Person, True),
    "claims": (Claim, True),
    "submissions": (Submission, False),
    "addressees": (Addressee, True),
}
