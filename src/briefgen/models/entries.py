"""The entries of a dossier: dossier.yaml, sources, norms, people and claims."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import ConfigDict, Field, StringConstraints, model_validator

from .base import (ACCEPT_DESCRIPTION, CLAIM_STATUSES, NORM_KINDS, SOURCE_KINDS, AcceptList, Entry, Flag, Id, LanguageCode,
                   Model, Number, Provenance, Text)
from .dates import Born, Day, EventDate, Span


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
                                           "e.g. {CEC: the Central Election Commission}; each is spelled out at its "
                                           "first use in a document. Begin the long form with 'the' when it takes "
                                           "the article: 'We ask CEC' then reads 'We ask the Central Election "
                                           "Commission (CEC)'.")
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
