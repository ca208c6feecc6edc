"""Typed models of every dossier file kind (DESIGN.md, "The dossier format", version 1).

Unknown keys are errors; ids follow the id rule; enumerated fields list their values. Each object
made from a file keeps its origin (file and path inside it) so checks can point at its fields.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import (BaseModel, BeforeValidator, ConfigDict, Field, PrivateAttr,
                      StringConstraints, model_validator)

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


def _date_span(value: Any) -> Any:
    if isinstance(value, dict):
        return value
    if isinstance(value, dt.date) or (isinstance(value, str) and _ISO_DAY.match(value)):
        return {"from": value, "to": value}
    raise ValueError(f"must be a date written YYYY-MM-DD or a range {{from: YYYY-MM-DD, to: YYYY-MM-DD}}; got '{value}'")


class DateSpan(Model):
    """A single day or a range; a single date is a span of one day."""

    start: dt.date = Field(alias="from")
    end: dt.date = Field(alias="to")

    @model_validator(mode="after")
    def _ordered(self):
        if self.end < self.start:
            raise ValueError("'to' is before 'from'")
        return self

    def __str__(self) -> str:
        return self.start.isoformat() if self.start == self.end else f"{self.start} to {self.end}"


Span = Annotated[DateSpan, BeforeValidator(_date_span)]


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


class Source(Entry):
    """One entry of sources.yaml."""

    id: Id
    title: Text
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

    @model_validator(mode="after")
    def _hash_with_file(self):
        if self.file and not self.sha256:
            raise ValueError("'sha256' is required when 'file' is given (the hash proves the copy is unchanged)")
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


class Consent(Model):
    publish_name: bool = False
    authority: dt.date | None = None


class PersonEvent(Model):
    date: Span
    what: Text
    where: str | None = None
    norm: Id | None = None
    outcome: str | None = None


class Person(Entry):
    """One entry of people.yaml."""

    id: Id
    name: Text
    aliases: list[str] = []
    born: Annotated[str, StringConstraints(pattern=r"^\d{4}(-\d{2}-\d{2})?$")] | None = None
    sex: str | None = None
    nationality: str | None = None
    profession: str | None = None
    roles: list[Id] = []
    city: str | None = None
    consent: Consent = Consent()
    events: list[PersonEvent] = []
    confidential: bool = False
    notes: str | None = None


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


class Selection(Model):
    """Which claims a section takes: ids, or any of the tags, within a date range."""

    ids: list[Id] = []
    tags: list[Id] = []
    start: dt.date | None = Field(default=None, alias="from")
    end: dt.date | None = Field(default=None, alias="to")
    status: list[Literal[CLAIM_STATUSES]] = []
    exclude: list[Id] = []


class Section(Model):
    title: Text
    role: Id | None = None
    text: str | None = None
    claims: Selection | None = None
    require_norms: bool = False


class PeopleSelection(Model):
    ids: list[Id] = []
    roles: list[Id] = []


class Annex(Model):
    people: PeopleSelection | None = None
    documents: list[str] = []


class Recommendation(Model):
    text: Text
    claims: list[Id] = []
    norms: list[Id] = []


class Submission(Entry):
    """One submissions/*.yaml file: one output document."""

    id: Id
    kind: Literal[SUBMISSION_KINDS]
    to: Id
    cc: list[Id] = []
    title: Text
    subject: str | None = None
    reference: str | None = None
    date: dt.date
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")] = "en"
    edition: Literal[EDITIONS] = "public"
    template: str | None = None
    victims: list[Id] = []
    summary: str | None = None
    sections: list[Section] = []
    annex: Annex | None = None
    recommendations: list[Recommendation] = []
    formats: list[Literal[FORMATS]] = ["docx", "pdf"]


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
    id: str
    text: Text


class Addressee(Entry):
    """One entry of the addressee registry (built-in or the dossier's addressees.yaml)."""

    id: Id
    name: Text
    short: str | None = None
    family: Literal["un-treaty-body", "un-special-procedures", "un-ohchr", "eu", "osce", "other"]
    address: list[str] = []
    email: str | None = None
    salutation: Text
    closing: str = "Yours faithfully,"
    languages: list[str]
    kinds: list[Literal[SUBMISSION_KINDS]] = []
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
