"""Typed models of every dossier file kind (the dossier format, version 1; docs/format.md).

Unknown keys are errors; ids follow the id rule; enumerated fields list their values. Every field
carries a description: it is the hover help of `briefgen schema` and the text of docs/format.md.
Each object made from a file keeps its origin (file and path inside it) so checks can point at
its fields.

What a field accepts is what its JSON Schema says (tests/test_schema_agrees.py holds the two
together): dates are written YYYY-MM-DD and nothing else, true/false fields take true or false,
numbers are numbers, and text fields also take a number (written as text).

The models are grouped in modules (base, dates, entries, submission, addressee); import them from
here.
"""

from __future__ import annotations

from .addressee import Addressee, Category, Confidentiality, Limits, RequiredSection
from .base import (ACCEPT_DESCRIPTION, CLAIM_STATUSES, EDITIONS, FORMATS, ID_PATTERN, NORM_KINDS, SOURCE_KINDS,
                   SUBMISSION_KINDS, Accepted, AcceptList, Code, Count, Entry, Flag, Id, LanguageCode, Model, Number,
                   Origin, Provenance, Text, describe_value)
from .dates import Born, DateSpan, Day, EventDate, Span, prose_date
from .entries import (Author, CategoryInvoked, Claim, Consent, DossierMeta, Evidence, Norm, Period, Person, PersonEvent,
                      Signatory, Source)
from .submission import (Annex, ClaimsChoice, FigureCell, FigureTable, PeopleSelection, Recommendation, Section,
                         Selection, Submission)

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
