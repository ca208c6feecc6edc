"""Typed models of every dossier file kind (the dossier format, version 1; docs/format.md).

Unknown keys are errors; ids follow the id rule; enumerated fields list their values. Every field
carries a description: it is the hover help of `briefgen schema` and the text of docs/format.md.
Each object made from a file keeps its origin (file and path inside it) so checks can point at
its fields.

What a field accepts is what its JSON Schema says (tests/test_schema_agrees.py holds the two
together): dates are written YYYY-MM-DD and nothing else, true/false fields take true or false,
numbers are numbers, and text fields also take a number (written as text).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal, Union

from pydantic import (BaseModel, BeforeValidator, ConfigDict, Field, Strict, StringConstraints, WithJsonSchema, model_validator)

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=120)]
Text = Annotated[str, StringConstraints(min_length=1)]
Flag = Annotated[bool, Strict()]  # true or false only: a 1 or "yes" in quotes is a mistake, not a yes
Count = Annotated[int, Strict()]
Number = Annotated[float, Strict()]
LanguageCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")]

SOURCE_KINDS = ("news", "official", "social-media", "video", "ngo-report", "igo-report", "court",
                "legislation", "other")
CLAIM_STATUSES = ("alleged", "corroborated", "official", "disputed")
SUBMISSION_KINDS = ("recommendation-letter", "collective-complaint", "individual-communication",
                    "urgent-appeal")
EDITIONS = ("public", "confidential")
NORM_KINDS = ("treaty", "general-comment", "commitment", "constitution", "code", "law", "resolution",
              "declaration", "guidelines", "agreement")
FORMATS = ("docx", "pdf", "html")


def describe_value(value: Any) -> str:
    """A value as a dossier author would name it: 'text ...', 'a list', 'a mapping', 'nothing'."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"'{str(value).lower()}'"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"'{value}'" if len(value) <= 60 else f"'{value[:57]}...'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping (key: value pairs)"
    return f"'{value}'"


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

    The origin sits in pydantic's slot for private attributes, set after validation: declaring a
    private attribute would make pydantic initialise it on every validation, a tenth of a second
    on a large dossier. Nested parts (evidence, dates, consent) have no origin.
    """

    @property
    def origin(self) -> Origin | None:
        """Where the entry was defined (None for an entry made in code)."""
        private = self.__pydantic_private__
        return private.get("_origin") if private else None

    def set_origin(self, origin: Origin) -> None:
        """Record where the entry was defined."""
        object.__setattr__(self, "__pydantic_private__", {"_origin": origin})


_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_ISO_YEAR = re.compile(r"^\d{4}$")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")

# What an editor is told a date field takes (the JSON Schema of the input, not of the result).
DAY_TEXT = Annotated[str, Field(pattern=r"^\d{4}-\d{2}-\d{2}$", json_schema_extra={"format": "date"})]
MONTH_TEXT = Annotated[str, Field(pattern=r"^\d{4}-(0[1-9]|1[0-2])$")]
YEAR_TEXT = Annotated[str, Field(pattern=r"^[1-9]\d{3}$")]
YEAR_NUMBER = Annotated[int, Field(ge=1000, le=9999)]
UNKNOWN_TEXT = Annotated[str, Field(pattern=r"^\s*[Uu][Nn][Kk][Nn][Oo][Ww][Nn]\s*$")]


def _calendar_day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"'{text}' is not a day of the calendar: check the month and the day") from None


def _day(value: Any) -> Any:
    if type(value) is str and len(value) == 10 and value[4] == "-" and value[7] == "-" and _ISO_DAY.match(value):
        return _calendar_day(value)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    raise ValueError(f"must be a date written YYYY-MM-DD; got {describe_value(value)}")


# A day, written YYYY-MM-DD (not a timestamp, not a year alone).
Day = Annotated[dt.date, BeforeValidator(_day, json_schema_input_type=DAY_TEXT)]


def _month_end(year: int, month: int) -> dt.date:
    return (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1))


def _date_span(value: Any) -> Any:
    if isinstance(value, dict):
        return value
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return {"from": value, "to": value}
    if isinstance(value, str) and _ISO_DAY.match(value):
        day = _calendar_day(value)
        return {"from": day, "to": day}
    if (isinstance(value, int) and not isinstance(value, bool)) or (isinstance(value, str) and _ISO_YEAR.match(value)):
        year = int(value)
        if 1000 <= year <= 9999:
            return {"from": dt.date(year, 1, 1), "to": dt.date(year, 12, 31), "precision": "year"}
    if isinstance(value, str) and _ISO_MONTH.match(value):
        year, month = map(int, _ISO_MONTH.match(value).groups())
        if 1 <= month <= 12:
            return {"from": dt.date(year, month, 1), "to": _month_end(year, month), "precision": "month"}
    raise ValueError("must be a date written YYYY-MM-DD, a month YYYY-MM, a year YYYY, or a range "
                     f"{{from: YYYY-MM-DD, to: YYYY-MM-DD}}; got {describe_value(value)}")


def prose_date(day: dt.date) -> str:
    """'9 June 2019', as letters and OSCOLA write dates."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


class DateSpan(Model):
    """A single day, a month, a year or a range; a single date is a span of one day.

    `precision` says how much of the date is known (a month written 2019-06 is known to the month);
    `approximate` marks a date the sources give only roughly ("about 9 June 2019").
    """

    start: Day = Field(alias="from", description="First day, YYYY-MM-DD.")
    end: Day = Field(alias="to", description="Last day, YYYY-MM-DD (the same as 'from' for a single day).")
    precision: Literal["day", "month", "year"] = Field(
        "day", description="How much of the date is known: day, month or year. Written `2019-06`, a date is "
        "known to the month; written `2019`, to the year.")
    approximate: Flag = Field(False, description="true when the sources give the date only roughly: printed as "
                              "'about 9 June 2019'.")

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


_SPAN_INPUT = Union[DAY_TEXT, MONTH_TEXT, YEAR_TEXT, YEAR_NUMBER, DateSpan]
Span = Annotated[DateSpan, BeforeValidator(_date_span, json_schema_input_type=_SPAN_INPUT)]


def _unknown_date(value: Any) -> Any:
    return None if isinstance(value, str) and value.strip().lower() == "unknown" else value


def _event_date(value: Any) -> Any:
    return _date_span(value) if _unknown_date(value) is not None else None


# An event's date: like Span, or `unknown` (the same as leaving it out): never a made-up range.
EventDate = Annotated[DateSpan | None, BeforeValidator(_event_date, json_schema_input_type=Union[
    DAY_TEXT, MONTH_TEXT, YEAR_TEXT, YEAR_NUMBER, UNKNOWN_TEXT, DateSpan, None])]


def _born(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        return str(value)
    if isinstance(value, str) and _ISO_YEAR.match(value) and value[0] != "0":
        return value
    if isinstance(value, str) and _ISO_DAY.match(value):
        return _calendar_day(value).isoformat()
    raise ValueError(f"must be a year (1990) or a date (1990-05-01); got {describe_value(value)}")


# A year of birth or a full date of birth, kept as written.
Born = Annotated[str, BeforeValidator(_born, json_schema_input_type=Union[YEAR_NUMBER, YEAR_TEXT, DAY_TEXT])]


class Provenance(Model):
    """Where an entry comes from in a report the dossier is built from. Never printed.

    `report` is the id of the report's own source entry; `section` its heading or number; `footnotes`
    the report's footnote numbers that the entry rests on.
    """

    report: Id = Field(description="Id of the report's own entry in sources.yaml.")
    section: str | None = Field(None, description="The report's heading or section number.")
    pages: str | None = Field(None, description="The report's pages, e.g. '12-14'.")
    footnotes: list[Count] = Field([], description="The report's footnote numbers this entry rests on.")
    note: str | None = Field(None, description="Anything else a reviewer needs to trace the entry.")


Code = Annotated[str, StringConstraints(pattern=r"^BG\d{3}$")]


class Accepted(Model):
    """A warning the team has weighed and accepts on this entry, with why (`briefgen check --show-accepted`)."""

    code: Code = Field(description="the code of the warning accepted, e.g. BG304")
    reason: str | None = Field(default=None, description="why the team accepts it: printed by --show-accepted")


def _accepted(value: Any) -> Any:
    """`accept: [BG304]` or `accept: [{code: BG304, reason: ...}]`: a bare code is an item without a reason."""
    return [{"code": v} if isinstance(v, str) else v for v in value] if isinstance(value, list) else value


_CODE_SCHEMA = {"type": "string", "pattern": r"^BG\d{3}$"}
_ACCEPT_SCHEMA = {"type": "array", "description": "Warnings the team has weighed and accepts here: codes, or "
                  "codes with a reason (`briefgen check --show-accepted` lists them).",
                  "items": {"anyOf": [_CODE_SCHEMA, {
                      "type": "object", "required": ["code"], "additionalProperties": False,
                      "properties": {"code": {**_CODE_SCHEMA, "description": "The code of the warning accepted, "
                                              "e.g. BG304."},
                                     "reason": {"type": "string", "description": "Why the team accepts it; "
                                                "printed by --show-accepted."}}}]}}

# Warnings accepted on an entry (or, in dossier.yaml, for the whole dossier): codes, or codes with reasons.
AcceptList = Annotated[list[Accepted], BeforeValidator(_accepted), WithJsonSchema(_ACCEPT_SCHEMA)]
ACCEPT_DESCRIPTION = ("Warnings the team has weighed and accepts here: codes, or codes with a reason; counted, "
                      "never failing --strict.")


class Signatory(Model):
    """Who signs the submissions."""

    name: Text = Field(description="Full name, as printed under the signature.")
    title: str | None = Field(None, description="Position, e.g. 'Director'.")


class Author(Model):
    """The organisation that submits: printed in the letterhead and the signature block."""

    name: Text = Field(description="The organisation's name.")
    address: list[str] = Field([], description="Postal address, one line per item.")
    email: str | None = Field(None, description="Contact email printed in the letterhead.")
    phone: str | None = Field(None, description="Contact telephone.")
    website: str | None = Field(None, description="The organisation's website.")
    signatory: Signatory | None = Field(None, description="Who signs: name and title.")


class Period(Model):
    """A range of days: both ends are required."""

    start: Day = Field(alias="from", description="First day, YYYY-MM-DD.")
    end: Day = Field(alias="to", description="Last day, YYYY-MM-DD.")


class DossierMeta(Entry):
    """dossier.yaml: what the whole dossier is about and who writes it."""

    format: Literal[1] = Field(1, description="Version of the dossier format; 1 (the only one so far).")
    title: Text = Field(description="What the dossier documents, in one line.")
    state: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")] = Field(
        description="The State concerned: its two-letter ISO 3166-1 code in capitals, e.g. KZ.")
    language: LanguageCode = Field("en", description="Language of the dossier's own text: a two-letter ISO 639-1 "
                                   "code in lowercase, e.g. en.")
    period: Period | None = Field(None, description="The period the dossier covers; claims dated outside it get a "
                                  "warning (BG502).")
    author: Author = Field(description="The organisation that submits.")
    abbreviations: dict[str, Text] = Field({}, description="Abbreviations used in the text and what they stand for, "
                                           "e.g. {CEC: Central Election Commission}; each is spelled out at its "
                                           "first use in a document.")
    pseudonyms: Literal["letters", "initials"] = Field("letters", description="How public editions name people "
                                                       "without consent to publish: Person A, Person B... or "
                                                       "initials.")
    accept: AcceptList = Field([], description="Warnings the team accepts for the whole dossier, e.g. "
                               "[{code: BG304, reason: ...}].")


class Source(Entry):
    """One entry of sources.yaml (or of a file in sources/): a document that proves claims."""

    id: Id = Field(description="Unique id of the source: lowercase letters, digits and hyphens.")
    title: Text | None = Field(None, description="The source's own title, in its own language.")
    title_en: Text | None = Field(None, description="The title in English: alongside 'title' a translation, "
                                  "printed in square brackets; alone, a title known only in translation.")
    description: Text | None = Field(None, description="For untitled material (a post, a video): what it is and "
                                     "shows, printed in square brackets instead of a title.")
    author: str | None = Field(None, description="Who wrote it, when known.")
    publisher: str | None = Field(None, description="Who published it: the outlet, body or account.")
    url: str | None = Field(None, description="Where it can be read online.")
    kind: Literal[SOURCE_KINDS] = Field(description="What sort of source it is; social-media sources alone do not "
                                        "corroborate a claim (BG303).")
    language: str | None = Field(None, description="Language of the source, e.g. ru.")
    published: Day | None = Field(None, description="Date of publication, YYYY-MM-DD.")
    accessed: Day | None = Field(None, description="Date it was last read online, YYYY-MM-DD (OSCOLA prints it).")
    archive: str | None = Field(None, description="URL of a preserved copy (e.g. web.archive.org): links rot "
                                "(BG304).")
    file: str | None = Field(None, description="A local copy, as a path inside the dossier folder "
                             "(e.g. evidence/report.pdf); requires 'sha256'.")
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")] | None = Field(
        None, description="SHA-256 hash of the local copy (64 hexadecimal characters, quoted): proves the copy "
        "is unchanged (BG305).")
    confidential: Flag = Field(False, description="true for material that must never appear in a public edition "
                               "(e.g. a witness statement on file).")
    notes: str | None = Field(None, description="Notes for the team; never printed.")
    provenance: list[Provenance] = Field([], description="Where this entry comes from in a report; never printed.")
    accept: AcceptList = Field([], description=ACCEPT_DESCRIPTION)

    model_config = ConfigDict(json_schema_extra={
        "anyOf": [{"required": ["title"]}, {"required": ["title_en"]}, {"required": ["description"]}],
        "dependentRequired": {"file": ["sha256"]}})

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
    """One entry of norms.yaml (built-in or the dossier's): an article, paragraph or whole instrument."""

    id: Id = Field(description="Unique id, e.g. kz-cc-405; built-in ids (iccpr-21...) cannot be redefined.")
    instrument: Text = Field(description="Full name of the instrument, e.g. 'Criminal Code of the Republic of "
                             "Kazakhstan'.")
    short: Text = Field(description="Short form used in the text and notes, e.g. 'Criminal Code' or 'ICCPR'.")
    article: str | None = Field(None, description="Article number, e.g. '405' or '23.34' (quote it).")
    part: str | None = Field(None, description="Part (or paragraph) of the article, e.g. '2'.")
    paragraph: str | None = Field(None, description="Paragraph number for instruments cited by paragraph "
                                  "(general comments, OSCE documents), e.g. '9.2'.")
    title: str | None = Field(None, description="What the provision is about, in a few words.")
    jurisdiction: str = Field("international", description="ISO 3166-1 code of the State whose law it is, or "
                              "'international'.")
    kind: Literal[NORM_KINDS] = Field(description="Sort of instrument; the table of authorities groups by it.")
    author: str | None = Field(None, description="The body that adopted it, e.g. 'UN Human Rights Committee'.")
    adopted: Day | None = Field(None, description="Date of adoption, YYYY-MM-DD.")
    in_force: Day | None = Field(None, description="Date of entry into force, YYYY-MM-DD.")
    series: str | None = Field(None, description="Treaty series reference, e.g. '999 UNTS 171'.")
    symbol: str | None = Field(None, description="UN document symbol, e.g. 'CCPR/C/GC/37'.")
    url: str | None = Field(None, description="Where the text can be read.")
    interpreted_by: list[Id] = Field([], description="Ids of norms that interpret this one (general comments).")
    aliases: list[str] = Field([], description="Other names of the instrument, used to recognise it in "
                               "statements (BG402), e.g. [Penal Code].")
    verify: str | None = Field(None, description="A point to confirm against the official text; never printed.")
    accept: AcceptList = Field([], description=ACCEPT_DESCRIPTION)


class Consent(Model):
    """What a person agreed to: name in public editions, name sent to the State, authority to act."""

    publish_name: Flag = Field(False, description="true when the person agreed that public editions print their "
                               "name; otherwise a pseudonym ('Person A') replaces it.")
    share_with_state: Flag | None = Field(None, description="true when the person agreed that a UN body may give "
                                          "their name to the State.")
    authority: Day | None = Field(None, description="Date of the power of attorney or written consent to act for "
                                  "them, YYYY-MM-DD.")


class PersonEvent(Model):
    """Something that happened to a person: an arrest, a detention, a sentence, a release...

    The fields follow the Working Group on Arbitrary Detention's model questionnaire; all but `what`
    are optional, and a date the sources do not give is left out or written `unknown`.
    """

    date: EventDate = Field(None, description="When: YYYY-MM-DD, YYYY-MM, YYYY, a range {from:, to:}, or "
                            "'unknown'.")
    what: Text = Field(description="What happened, e.g. 'detained', 'sentenced to 15 days'.")
    where: str | None = Field(None, description="Where it happened.")
    forces: str | None = Field(None, description="Who carried it out (police unit, officials).")
    warrant: str | None = Field(None, description="Whether a warrant or decision was shown, and by whom it was "
                                "issued.")
    reasons: str | None = Field(None, description="The reasons the authorities gave.")
    legal_basis: str | None = Field(None, description="The legal basis invoked, in words.")
    norm: Id | None = Field(None, description="Id of the norm invoked (e.g. a national code article).")
    authority: str | None = Field(None, description="The authority that ordered the detention or decided.")
    custody: str | None = Field(None, description="Place of custody.")
    duration: str | None = Field(None, description="How long, e.g. '15 days'.")
    circumstances: str | None = Field(None, description="The circumstances, in a sentence or two.")
    outcome: str | None = Field(None, description="What came of it, e.g. 'fined', 'released'.")


class CategoryInvoked(Model):
    """A category of arbitrary detention invoked (I to V) and why it applies."""

    category: Literal["I", "II", "III", "IV", "V"] = Field(description="The Working Group's category, I to V.")
    reason: str | None = Field(None, description="Why the detention falls in it.")


class Person(Entry):
    """One entry of people.yaml (or of a file in people/): a victim, a witness, an official."""

    id: Id = Field(description="Unique id, e.g. the family and first name: aripov-daurzhan.")
    name: Text = Field(description="Full name as printed (in confidential editions, or with consent).")
    family_name: str | None = Field(None, description="Family name, when it is not the last word of 'name'.")
    first_names: str | None = Field(None, description="First names, when they are not 'name' without its last "
                                    "word.")
    aliases: list[str] = Field([], description="Other spellings (Cyrillic, transliterations): masked in public "
                               "editions like the name.")
    born: Born | None = Field(None, description="Year (1990) or date (1990-05-01) of birth.")
    sex: str | None = Field(None, description="As the person states it.")
    nationality: str | None = Field(None, description="Nationality.")
    profession: str | None = Field(None, description="Profession or occupation.")
    address: str | None = Field(None, description="Usual address.")
    roles: list[Id] = Field([], description="Roles in the dossier, e.g. [activist, detainee]; annexes select "
                            "people by role.")
    city: str | None = Field(None, description="City of residence.")
    status: str | None = Field(None, description="Present situation, e.g. 'in pre-trial detention'.")
    consent: Consent = Field(Consent(), description="What the person agreed to.")
    events: list[PersonEvent] = Field([], description="Arrests, detentions, sentences, releases: the rows of a "
                                      "detainees annex and of WGAD records.")
    categories: list[CategoryInvoked] = Field([], description="Categories of arbitrary detention invoked for "
                                              "this person.")
    domestic_steps: str | None = Field(None, description="Remedies sought at home (appeals, complaints) and "
                                       "their outcome.")
    confidential: Flag = Field(False, description="true for a person who must never appear in a public edition.")
    notes: str | None = Field(None, description="Notes for the team; never printed.")
    provenance: list[Provenance] = Field([], description="Where this entry comes from in a report; never printed.")
    accept: AcceptList = Field([], description=ACCEPT_DESCRIPTION)

    @property
    def family(self) -> str:
        """The family name: given, or the last word of the name."""
        return self.family_name or self.name.split()[-1]

    @property
    def given(self) -> str:
        """The first names: given, or the name without its last word."""
        return self.first_names or " ".join(self.name.split()[:-1])


class Evidence(Model):
    """A source that proves a claim, and where in it."""

    source: Id = Field(description="Id of the source (sources.yaml).")
    pinpoint: str | None = Field(None, description="Where in the source: a page, paragraph, timestamp or short "
                                 "quote, e.g. 'para 3'.")


class Claim(Entry):
    """One entry of a claims/*.yaml file: one factual assertion, in our own words, with its proof."""

    id: Id = Field(description="Unique id, e.g. june9-almaty-detentions.")
    statement: Text = Field(description="The claim in our own words: printed as one paragraph with a footnote "
                            "citing its evidence.")
    date: Span = Field(description="When: YYYY-MM-DD, YYYY-MM, YYYY, or a range {from: YYYY-MM-DD, to: "
                       "YYYY-MM-DD}.")
    place: str | None = Field(None, description="Where it happened.")
    tags: list[Id] = Field([], description="Topics, e.g. [detention, assembly]; sections select claims by tag.")
    people: list[Id] = Field([], description="Ids of the people it concerns (people.yaml).")
    figures: dict[Id, Number] = Field({}, description="Named numbers the statement states, e.g. "
                                      "{detained-almaty-2019-06-09: 400}; one name must have one value across "
                                      "the dossier (BG501).")
    evidence: list[Evidence] = Field([], description="The sources that prove it, each with an optional pinpoint.")
    norms: list[Id] = Field([], description="Ids of the norms it engages, e.g. [iccpr-21, iccpr-9].")
    status: Literal[CLAIM_STATUSES] = Field(description="How well established it is: alleged, corroborated (two "
                                            "or more independent sources), official, disputed.")
    confidential: Flag = Field(False, description="true for a claim that must never appear in a public edition.")
    notes: str | None = Field(None, description="Notes for the team; never printed.")
    provenance: list[Provenance] = Field([], description="Where this entry comes from in a report; never printed.")
    accept: AcceptList = Field([], description=ACCEPT_DESCRIPTION)


class Selection(Model):
    """Which claims a section takes: ids, or any of the tags, within a date range."""

    ids: list[Id] = Field([], description="Claim ids, always taken.")
    tags: list[Id] = Field([], description="Claims with any of these tags are taken (within from/to).")
    start: Day | None = Field(None, alias="from", description="With tags: only claims dated on or after this day.")
    end: Day | None = Field(None, alias="to", description="With tags: only claims dated on or before this day.")
    status: list[Literal[CLAIM_STATUSES]] = Field([], description="With tags: only claims with one of these "
                                                  "statuses.")
    exclude: list[Id] = Field([], description="Claim ids never taken.")


class FigureCell(Model):
    """A table cell holding a named figure of a claim: the number is printed, the claim's sources cited."""

    figure: Id = Field(description="The name of a figure a claim gives under 'figures' (BG206 if none does).")


class FigureTable(Model):
    """Figures laid out as a table: each row's figures are looked up in the claims that name them, and
    each row carries a note citing those claims' sources."""

    columns: list[Text] = Field(description="The column headings.")
    rows: list[list[FigureCell | str | int | float]] = Field(description="The rows: each cell a text, or "
                                                             "{figure: name} for a figure of a claim.")
    caption: str | None = Field(None, description="A caption printed above the table.")


def _selection(value: Any) -> Any:
    return {"ids": value} if isinstance(value, list) else value


# A section's claims: a list of ids, or a selection.
ClaimsChoice = Annotated[Selection, BeforeValidator(_selection, json_schema_input_type=Union[list[Id], Selection])]


class Section(Model):
    """A part of a submission: its own text and the claims it selects.

    A claim already printed earlier in the document is not printed again: by default the section
    refers back to it ("see para 6"), or with `repeated: omit` leaves it out.
    """

    title: Text = Field(description="The section's heading.")
    role: Id | None = Field(None, description="Which of the addressee's required parts this section is, e.g. "
                            "facts, remedies (`briefgen list addressees`; BG701).")
    text: str | None = Field(None, description="The section's own text, in Markdown, printed before its claims.")
    claims: ClaimsChoice | None = Field(
        None, description="The claims it prints: a list of ids [a, b], or a selection {tags:, from:, to:, ids:, "
        "status:, exclude:}.")
    table: FigureTable | None = Field(None, description="Figures of claims laid out as a table, printed before "
                                      "the section's claims; each row cites the claims its figures come from.")
    require_norms: Flag = Field(False, description="true for a violations section: every claim in it must link a "
                                "norm (BG401).")
    repeated: Literal["reference", "omit"] = Field(
        "reference", description="A claim already printed earlier: 'reference' refers back to it (see para 6), "
        "'omit' leaves it out.")


class PeopleSelection(Model):
    """Which people an annex lists: ids, and everyone with one of the roles."""

    ids: list[Id] = Field([], description="Person ids, always listed.")
    roles: list[Id] = Field([], description="Everyone with one of these roles is listed (if an event falls within "
                            "the period).")
    exclude: list[Id] = Field([], description="Person ids never listed, though they have one of the roles.")


class Annex(Model):
    """What follows the signature: a table of people (within the annex's or the submission's period)
    and a list of documents."""

    people: PeopleSelection | None = Field(None, description="The people of the annex table: {ids:, roles:}.")
    start: Day | None = Field(None, alias="from", description="Only events on or after this day (default: the "
                              "submission's period).")
    end: Day | None = Field(None, alias="to", description="Only events on or before this day.")
    documents: list[str] = Field([], description="Documents annexed, one line each.")


class Recommendation(Model):
    """A numbered recommendation to the addressee, with the claims and norms behind it."""

    text: Text = Field(description="The recommendation, in our own words.")
    claims: list[Id] = Field([], description="Ids of the claims that support it; they must be in the document.")
    norms: list[Id] = Field([], description="Ids of the norms it invokes.")


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

    id: Id = Field(description="Unique id; also the output's file name.")
    kind: Literal[SUBMISSION_KINDS] = Field(description="What sort of document; chooses the built-in template.")
    to: Annotated[Id, WithJsonSchema({"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"},
                                                                       "minItems": 1}],
                                      "description": "The addressee, or a list of them for a joint "
                                      "communication addressed to every body listed."})] = Field(
        description="The addressee (a built-in id, `briefgen list addressees`, or one of the dossier's "
        "addressees.yaml), or a list of them for a joint communication.")
    joint: list[Id] = Field([], exclude=True, description="The other addressees of a joint communication (write "
                            "them in 'to').")
    cc: list[Id] = Field([], description="Bodies that receive a copy.")
    title: Text = Field(description="The document's title.")
    subject: str | None = Field(None, description="Subject of the document, in its properties (default: the "
                                 "addressee's name).")
    reference: str | None = Field(None, description="Our reference, printed under the letterhead.")
    date: Day = Field(description="Date of the submission, YYYY-MM-DD; no source may be dated after it (BG503).")
    language: LanguageCode = Field("en", description="Language of the document: two-letter code; the addressee "
                                   "must accept it (BG703).")
    edition: Literal[EDITIONS] = Field("public", description="public (names without consent masked, confidential "
                                       "material left out) or confidential.")
    template: str | None = Field(None, description="Name of a template to use instead of the kind's built-in one "
                                 "(a file in the dossier's templates/ folder).")
    victims: list[Id] = Field([], description="Ids of the alleged victims (individual communications, urgent "
                              "appeals).")
    period: Period | None = Field(None, description="The period the submission covers; the annex lists events "
                                  "within it.")
    categories: list[CategoryInvoked] = Field([], description="Categories of arbitrary detention invoked (WGAD).")
    interim_measures: str | None = Field(None, description="The interim measures requested, if any, and why they "
                                         "are urgent.")
    norms_in_notes: Flag = Field(False, description="true to cite norms in the footnotes rather than in the text.")
    summary: str | None = Field(None, description="A summary printed before the sections, in Markdown.")
    sections: list[Section] = Field([], description="The parts of the document, in order.")
    annex: Annex | None = Field(None, description="A table of people and a list of documents after the "
                                "signature.")
    recommendations: list[Recommendation] = Field([], description="Numbered recommendations.")
    formats: list[Literal[FORMATS]] = Field(["docx", "pdf"], description="Formats to build: docx, pdf, html.")
    accept: AcceptList = Field([], description=ACCEPT_DESCRIPTION)

    @model_validator(mode="before")
    @classmethod
    def _split_joint(cls, data: Any) -> Any:
        return _joint(data)

    @property
    def addressees(self) -> list[str]:
        """Every body the submission is addressed to, the first one first."""
        return list(dict.fromkeys([self.to, *self.joint]))


class RequiredSection(Model):
    """A part the addressee requires, and where it comes from."""

    role: Id = Field(description="The role a submission's section gives to provide it.")
    title: Text = Field(description="The part's name, as the body calls it.")
    source: Literal["section", "dossier", "template"] = Field(
        alias="from", description="Who provides it: a section of the submission, the dossier (author, victims), "
        "or the template.")
    optional: Flag = Field(False, description="true when the body asks for it only where it applies.")


class Limits(Model):
    """The addressee's length limits."""

    pages: Count | None = Field(None, description="Most pages accepted.")
    words: Count | None = Field(None, description="Most words accepted.")
    summary_words: Count | None = Field(None, description="Most words recommended for the summary.")


class Confidentiality(Model):
    """How the body treats names and material."""

    anonymous: Flag = Field(False, description="true when the body can keep the submitter anonymous.")
    names_sent_to_state: Flag | None = Field(None, description="true when the body sends victims' names to the "
                                             "State.")
    published: str | None = Field(None, description="When and where the body publishes submissions.")
    source_confidential_on_request: Flag | None = Field(None, description="true when the body keeps the source "
                                                        "confidential if asked.")
    notes: str | None = Field(None, description="Anything else about confidentiality.")


class Category(Model):
    """A category of arbitrary detention as the Working Group defines it; `verify` is never printed."""

    id: str = Field(description="The category's number, I to V.")
    text: Text = Field(description="The Working Group's definition.")
    verify: str | None = Field(None, description="A point to confirm against the official text; never printed.")


class Addressee(Entry):
    """One entry of the addressee registry (built-in or the dossier's addressees.yaml): a body and its rules."""

    id: Id = Field(description="Unique id, used in a submission's 'to'.")
    name: Text = Field(description="Full name of the body, as addressed.")
    short: str | None = Field(None, description="Short name used in messages, e.g. ODIHR.")
    family: Literal["un-treaty-body", "un-special-procedures", "un-ohchr", "eu", "osce", "other"] = Field(
        description="What sort of body it is.")
    address: list[str] = Field([], description="Postal address, one line per item.")
    email: str | None = Field(None, description="Email address for submissions.")
    salutation: Text = Field(description="Opening of the letter, e.g. 'Dear Special Rapporteur,'.")
    addressed_as: str | None = Field(None, description="How several such bodies are greeted together in a joint "
                                     "communication, e.g. 'Special Rapporteurs'.")
    closing: str = Field("Yours faithfully,", description="Closing before the signature.")
    languages: list[LanguageCode] = Field(description="Languages the body accepts, as two-letter codes (BG703).")
    kinds: list[Literal[SUBMISSION_KINDS]] = Field([], description="Kinds of submission the body receives "
                                                   "(BG704); empty means any.")
    applies: list[str] = Field([], description="Short forms of the instruments the body applies (the Human Rights "
                               "Committee: ICCPR); only those are shown as violated. Empty: any.")
    numbered_paragraphs: Flag = Field(False, description="true when the body wants numbered paragraphs.")
    required_sections: list[RequiredSection] = Field([], description="The parts the body requires, in its order "
                                                     "(BG701).")
    limits: Limits = Field(Limits(), description="Length limits (BG702).")
    confidentiality: Confidentiality = Field(Confidentiality(), description="How the body treats names.")
    wgad_categories: list[Category] = Field([], description="The Working Group's categories of arbitrary "
                                            "detention.")
    rules_url: str | None = Field(None, description="Where the body's rules are published.")
    verify: list[str] = Field([], description="Points not yet confirmed against the body's official page; never "
                              "printed.")


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
