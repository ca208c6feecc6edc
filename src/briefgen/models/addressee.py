"""The addressee registry: a body, what it requires, its limits and how it treats names."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import Count, Entry, Flag, Id, LanguageCode, Model, SUBMISSION_KINDS, Text


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
