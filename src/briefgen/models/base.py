"""The vocabulary of every model: ids, texts, true/false, enumerations, the base classes that reject
unknown keys and remember where an entry was defined, provenance and accepted warnings."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, Strict, StringConstraints, WithJsonSchema


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
