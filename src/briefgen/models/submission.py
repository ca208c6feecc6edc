"""A submission: its sections, the claims and figures they print, its annex and recommendations."""

from __future__ import annotations

from typing import Annotated, Any, Literal, Union

from pydantic import BeforeValidator, Field, WithJsonSchema, model_validator

from .base import (ACCEPT_DESCRIPTION, AcceptList, CLAIM_STATUSES, EDITIONS, Entry, FORMATS, Flag, Id, LanguageCode,
                   Model, SUBMISSION_KINDS, Text)
from .dates import Day
from .entries import CategoryInvoked, Period


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
    each row carries a note citing those claims' sources (a table of up to 12 rows whose claims all
    cite the same sources has one note instead, on its last column heading)."""

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
