"""Assembly: a submission + its template + the dossier -> a Document. Pure.

The template (Markdown + Jinja2) calls helpers that build blocks from data and leave placeholders;
the Markdown is converted to blocks; then `finish` numbers paragraphs, cites notes in document
order (so `(n X)` and `ibid` follow the page), resolves cross-references and fills in the table of
authorities. Each claim is printed in full once; a later section that selects it again refers back
to it, or leaves it out (`repeated: omit`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup

from .. import __version__
from ..checks.normtext import NormIndex
from ..document import (Block, Document, Heading, Inline, LineBreak, ListBlock, Meta, Paragraph, Strong, Table, Text,
                        content_widths)
from ..load.resolve import Dossier
from ..models import Claim, FigureCell, FigureTable, Norm, PeopleSelection, Person, Section, Submission
from .addressing import Addressing, join_and
from .authorities import NATIONAL_LAW, category, mark, marks
from .citations import group_norms, long_date, norm_full, pinpoint
from .finish import Finisher, PendingAuthorities, PendingClaimRefs, PendingNote
from .masking import Masker
from .mdconvert import CLOSE, OPEN, Converter
from .people import NOT_KNOWN, annex_people, annex_period, born, detainee_record, event_date, events_in, legal_basis
from .selection import figure_claims, printable_claims, select_claims, select_people
from .templatefiles import choose_template
from .templating import environment, render


@dataclass
class Assembled:
    """The document and what went into it (for the manifest)."""

    document: Document
    template: str
    claims: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    norms: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    masker: Masker | None = None


class Assembler:
    """Builds one submission's Document."""

    def __init__(self, dossier: Dossier, submission: Submission):
        self.dossier = dossier
        self.sub = submission
        self.addressing = Addressing(dossier, submission)
        self.numbered = any(b.numbered_paragraphs for b in self.addressing.bodies)
        self.masker = Masker.for_submission(dossier, submission)
        self.norm_index = NormIndex(dossier.norms)
        self.block_slots: list[list[Block]] = []
        self.inline_slots: list[list[Inline]] = []
        self.printed: dict[str, Claim] = {}  # claims printed in full, in order
        self.cited: dict[int, list[Norm]] = {}  # id(block) -> the norms it cites
        self.annexed: list[Person] = []

    # ---- placeholders ----------------------------------------------------------------------
    def _block(self, blocks: list[Block]) -> Markup:
        self.block_slots.append(blocks)
        return Markup(f"\n\n{OPEN}B{len(self.block_slots) - 1}{CLOSE}\n\n")

    def _inline(self, inlines: list[Inline]) -> Markup:
        self.inline_slots.append(inlines)
        return Markup(f"{OPEN}I{len(self.inline_slots) - 1}{CLOSE}")

    def _numbered(self, children: list[Inline]) -> Paragraph:
        return Paragraph(children, number=-1 if self.numbered else None)

    def _mentioned(self, text: str) -> list[Norm]:
        """Norms a text names in prose ("Article 405 of the Criminal Code"), for the authorities."""
        found: dict[str, Norm] = {}
        for mention in self.norm_index.find(text):
            if len(mention.norm_ids) == 1:
                found[mention.norm_ids[0]] = self.dossier.norms[mention.norm_ids[0]]
        return list(found.values())

    def _cites(self, block: Paragraph, norms: list[Norm]) -> Paragraph:
        """Record the norms a paragraph cites; its note gives the full citation of new instruments."""
        unique = list({n.id: n for n in norms}.values())
        if unique:
            self.cited[id(block)] = unique
        return block

    # ---- helpers offered to templates ------------------------------------------------------
    def claims(self, section: Section) -> Markup:
        """The section's table of figures, then its claims, one paragraph and one footnote each; claims
        printed earlier are referred back to."""
        show_norms = section.require_norms
        blocks: list[Block] = [self.figure_table(section.table)] if section.table else []
        selected = select_claims(self.dossier, section.claims, public=self.masker.public)
        repeated = [c for c in selected if c.id in self.printed]
        blocks += [self.claim_paragraph(c, show_norms) for c in selected if c.id not in self.printed]
        if repeated and section.repeated == "reference":
            blocks.extend(self._back_references(repeated, show_norms))
        return self._block(blocks)

    def claim_paragraph(self, claim: Claim, show_norms: bool = False) -> Paragraph:
        """A claim's statement as one paragraph, its norms in brackets when asked, its sources in a note."""
        self.printed[claim.id] = claim
        norms = self._engaged(claim) if show_norms else []
        text = self.masker.text(claim.statement.strip()).rstrip()
        children: list[Inline] = [Text(text.rstrip(".") if norms else text)]
        if norms:
            children += [Text(" ("), *marks(norms), Text(").")]
        elif not text.endswith((".", "?", "!", "”", '"')):
            children.append(Text("."))
        cited = norms + self._mentioned(claim.statement)
        children.append(PendingNote(claim, cited))
        para = self._numbered(children)
        para.anchor = para.claim = claim.id
        return self._cites(para, cited)

    def figure_table(self, table: FigureTable) -> Table:
        """Figures as a table, each row with a note citing the sources of the claims its figures come
        from; a short table whose rows all cite the same sources has one note, on its last heading."""
        figures = figure_claims(self.dossier)
        rows: list[list[list[Inline]]] = []
        claims_of_rows: list[list[Claim]] = []
        for row in table.rows:
            cells: list[list[Inline]] = []
            row_claims: dict[str, Claim] = {}
            for cell in row:
                if isinstance(cell, FigureCell):
                    claim = figures.get(cell.figure)
                    if claim is None or (self.masker.public and claim.confidential):
                        cells.append([Text("")])
                        continue
                    row_claims[claim.id] = claim
                    cells.append([Text(format_figure(claim.figures[cell.figure]))])
                else:
                    cells.append([Text(self.masker.text(str(cell)))])
            for claim in row_claims.values():
                self.printed.setdefault(claim.id, claim)
            rows.append(cells)
            claims_of_rows.append(list(row_claims.values()))
        header: list[list[Inline]] = [[Text(c)] for c in table.columns]
        short = len(rows) <= 12
        every = [c for claims in claims_of_rows for c in claims]
        if short and len(rows) > 1 and all(claims_of_rows) and len({_evidence_key(c) for c in every}) == 1:
            header[-1].append(PendingNote(every[0], [], shared=[c.id for c in every[1:]]))
        else:
            for cells, claims in zip(rows, claims_of_rows):
                cells[0] += [PendingNote(c, []) for c in claims]  # on the row's label, never glued to a figure
        caption = self.masker.text(table.caption) if table.caption else None
        return Table(header, rows, widths=content_widths(header, rows), caption=caption, keep_together=short)

    def _engaged(self, claim: Claim) -> list[Norm]:
        """The norms a violations section shows for a claim: the international ones it engages (the
        national law applied is the subject, not the measure), those the addressee applies."""
        norms = [self.dossier.norms[n] for n in claim.norms if n in self.dossier.norms]
        international = [n for n in norms if category(n) != NATIONAL_LAW] or norms
        return self.addressing.applies(international)

    def _back_references(self, claims: list[Claim], show_norms: bool) -> list[Block]:
        """Claims printed earlier: in a violations section, one paragraph saying which norms their facts
        engage; elsewhere a pointer back to them."""
        if not show_norms:
            ids = [c.id for c in claims]
            return [self._numbered([Text("See also the facts set out "), PendingClaimRefs(ids, self.numbered),
                                    Text(".")])]
        engaged = {c.id: self._engaged(c) for c in claims}
        cited = list({n.id: n for norms in engaged.values() for n in norms}.values())
        if len({tuple(n.id for n in norms) for norms in engaged.values()}) == 1:
            # one set of norms for all: 'The facts set out in paras 5 and 6 above engage ICCPR, arts 9, 21.'
            children: list[Inline] = [Text("The facts set out "), PendingClaimRefs(list(engaged), self.numbered)]
            children += [Text(" engage "), *marks(cited)] if cited else [Text(" are relevant here too")]
        else:  # 'The facts set out in paras 7-9 above engage ICCPR, art 7 (paras 8 and 9), art 9 (para 7) ...'
            children = [Text("The facts set out "), PendingClaimRefs(list(engaged), self.numbered), Text(" engage "),
                        *self._engaged_by_norm(engaged, cited)]
        children += [Text("."), PendingNote(None, cited)]
        return [self._cites(self._numbered(children), cited)]

    def _engaged_by_norm(self, engaged: dict[str, list[Norm]], norms: list[Norm]) -> list[Inline]:
        """'ICCPR, art 7 (paras 8 and 9), art 9 (para 8) and art 21 (para 7); and UNCAT, art 16 (para 8)':
        each norm with the facts that engage it."""
        out: list[Inline] = []
        groups = group_norms(norms)
        for g, (short, items) in enumerate(groups):
            if g:
                out.append(Text("; and " if g == len(groups) - 1 else "; "))
            for i, norm in enumerate(items):
                pin = pinpoint(norm)
                label = (f"{short}, {pin}" if i == 0 else pin) if pin else short
                if i:
                    out.append(Text(" and " if i == len(items) - 1 else ", "))
                ids = [c for c, engaging in engaged.items() if norm.id in {n.id for n in engaging}]
                out += [Text(label), mark(norm), Text(" ("),
                        PendingClaimRefs(ids, self.numbered, bare=True), Text(")")]
        return out

    def cite(self, claim_id: str) -> Markup:
        """One claim as a paragraph with its footnote (a reference back if it is printed already)."""
        claims = printable_claims(self.dossier, [claim_id], self.masker.public)
        if not claims:
            return Markup("")
        if claim_id in self.printed:
            return self._block(self._back_references(claims, False))
        return self._block([self.claim_paragraph(claims[0])])

    def text(self, markdown: str | None, numbered: bool = True) -> Markup:
        """A user's own Markdown (a section text), as blocks; paragraphs numbered where the body wants."""
        if not markdown:
            return Markup("")
        blocks = Converter(lambda n: [], lambda n: []).convert(self.masker.text(markdown))
        for b in blocks:
            if isinstance(b, Paragraph):
                if numbered and self.numbered:
                    b.number = -1
                norms = self._mentioned(" ".join(t.text for t in b.children if isinstance(t, Text)))
                if norms:
                    b.children.append(PendingNote(None, norms))
                    self._cites(b, norms)
        return self._block(blocks)

    def norm(self, norm_id: str) -> Markup:
        """A norm's short form for running text (indexed in the table of authorities)."""
        return self._inline(marks([self.dossier.norms[norm_id]]))

    def norm_citation(self, norm_id: str) -> str:
        """A norm's full OSCOLA citation."""
        return norm_full(self.dossier.norms[norm_id])

    def recommendations(self) -> Markup:
        """The recommendations as a numbered list, each with its norms and the paragraphs it rests on."""
        items: list[list[Block]] = []
        for rec in self.sub.recommendations:
            norms = [self.dossier.norms[n] for n in rec.norms if n in self.dossier.norms]
            text = self.masker.text(rec.text.strip()).rstrip().rstrip(".")
            children: list[Inline] = [Text(text)]
            refs = PendingClaimRefs(list(rec.claims), self.numbered, see=True)
            if norms:
                children += [Text(" ("), *marks(norms), refs, Text(")")]
            else:
                children += [refs]
            children += [Text("."), PendingNote(None, norms)]
            para = Paragraph(children, style="recommendation")
            items.append([self._cites(para, norms)])
        return self._block([ListBlock(items, ordered=True, letters=self.numbered)]) if items else Markup("")

    def toa(self) -> Markup:
        """The table of authorities: each norm cited, grouped by kind, with the places that cite it."""
        return self._block([PendingAuthorities()])  # type: ignore[list-item]

    # ---- people ----------------------------------------------------------------------------
    def _annex_selection(self) -> list[Person]:
        """The annex's people, in no particular order (nothing is masked or assigned yet)."""
        selection = self.sub.annex.people if self.sub.annex else None
        return annex_people(self.dossier.people, selection, annex_period(self.sub), self.masker.public)

    def _annexed(self) -> list[Person]:
        """The annex's people in the order the annex lists them, sorted after masking (the masker's rule)."""
        if not self.annexed:
            self.annexed = self.masker.sorted_people(self._annex_selection())
        return self.annexed

    def _family_given(self, person: Person) -> tuple[str, str]:
        shown = self.masker.name(person)
        if shown != person.name:
            return shown, ""
        return person.family, person.given

    def _display(self, person: Person) -> str:
        family, given = self._family_given(person)
        return f"{family.upper()}, {given}" if given else family

    def annex_people(self, title: str | None = None) -> Markup:
        """A table of the people the annex selects, one row each, sorted by family name; `title` heads it
        (on the same landscape page). A column known for nobody is left out, and a line under the
        table says so."""
        period = annex_period(self.sub)
        labels = ("No.", "Name", "Born", "City of residence", "Date and place of detention", "Legal basis",
                  "Outcome", "Current status")
        widths = [0.5, 2.0, 1.2, 1.1, 2.6, 1.8, 2.0, 1.6]
        rows = []
        for i, person in enumerate(self._annexed(), 1):
            events = events_in(person, period)
            rows.append([[Text(str(i))], [Text(self._display(person))], [Text(born(person) or NOT_KNOWN)],
                         [Text(self.masker.text(person.city or NOT_KNOWN))],
                         self._lines([self._when_where(e) for e in events]),
                         self._lines([legal_basis(e, self.dossier.norms) or NOT_KNOWN for e in events]),
                         self._lines([e.outcome or NOT_KNOWN for e in events]),
                         [Text(self.masker.text(person.status or NOT_KNOWN))]])
        optional = (2, 3, 5, 6, 7)  # number, name and events always stay
        empty = [c for c in optional if rows and all(_unknown(row[c]) for row in rows)]
        keep = [c for c in range(len(labels)) if c not in empty]
        table = Table([[Text(labels[c])] for c in keep], [[row[c] for c in keep] for row in rows],
                      widths=[widths[c] for c in keep], caption=title, wide=len(keep) > 5)
        blocks: list[Block] = [table]
        if empty:
            names = join_and([_ABSENT_COLUMNS[c] for c in empty])
            columns, are = ("columns", "are") if len(empty) > 1 else ("column", "is")
            blocks.append(Paragraph([Text(f"The table has no {columns} for the {names}, which {are} not known "
                                          "for anyone listed.")], style="small"))
        return self._block(blocks)

    def _when_where(self, event) -> str:
        what = None if event.what.strip().lower() == "detained" else event.what  # the column says so
        bits = [event_date(event), what, event.where]
        return self.masker.text(", ".join(b for b in bits if b))

    def _lines(self, texts: list[str]) -> list[Inline]:
        out: list[Inline] = []
        for i, t in enumerate(texts or [NOT_KNOWN]):
            if i:
                out.append(LineBreak())
            out.append(Text(self.masker.text(t)))
        return out

    def detainee_records(self) -> Markup:
        """One record per annexed person with the fields of the Working Group's model questionnaire the
        dossier knows, group by group, then one line naming the fields that are not known."""
        period = annex_period(self.sub)
        blocks: list[Block] = []
        for person in self._annexed():
            rows: list[list[list[Inline]]] = []
            unknown: list[str] = []
            group = None
            withheld = self.masker.name(person) != person.name
            for f in detainee_record(person, period, self.dossier.norms):
                value = f.value
                if f.field in ("family_name", "first_names") and withheld:
                    value = "withheld in this edition"
                elif f.field == "family_name":
                    value = self._family_given(person)[0]
                if not value:
                    unknown.append(f.label if not unknown else f.label[0].lower() + f.label[1:])
                    continue
                if f.group != group:
                    group = f.group
                    rows.append([[Strong([Text(group)])], []])
                rows.append([[Text(f.label)], [Text(self.masker.text(value))]])
            categories = self.addressing.categories_of(person)
            rows.append([[Strong([Text("Why the detention is arbitrary")])], []])
            invoked = [f"Category {c.category}" + (f": {_sentence(self.masker.text(c.reason))}" if c.reason else ".")
                       for c in categories]
            rows.append([[Text("Categories invoked")], [Text(" ".join(invoked) or NOT_KNOWN)]])
            if unknown:
                rows.append([[Strong([Text("Not known to the submitter")])], [Text(", ".join(unknown) + ".")]])
            blocks.append(Heading(3, [Text(self._display(person))]))
            blocks.append(Table([[Text("Item")], [Text("Details")]], rows, widths=[3.8, 6.2], keep_together=True,
                                dense=True))
        return self._block(blocks)

    def person_name(self, person_id: str) -> str:
        """A person's name, or their pseudonym in a public edition without consent."""
        return self.masker.name(self.dossier.people[person_id])

    def people(self, ids=None, roles=None) -> list:
        """People by ids or roles, for templates that lay out one record per person."""
        return select_people(self.dossier, PeopleSelection(ids=list(ids or []), roles=list(roles or [])))

    def section(self, role: str):
        """The submission's section with this role, or None."""
        return next((s for s in self.sub.sections if s.role == role), None)

    def styled(self, style: str, *lines) -> Markup:
        """Lines (or lists of lines) as one paragraph in a layout role: letterhead, address, date, subject,
        salutation, signature, small. An empty string between lines leaves a blank line."""
        text = [str(x) if x is not None else "" for line in lines
                for x in (line if isinstance(line, (list, tuple)) else [line])]
        while text and not text[-1]:
            text.pop()
        children: list[Inline] = []
        for i, line in enumerate(text):
            if i:
                children.append(LineBreak())
            if line:
                children.append(Text(line))
        return self._block([Paragraph(children, style=style)]) if children else Markup("")

    def signature(self) -> Markup:
        """The closing, room for a handwritten signature, the signatory and the organisation (once)."""
        author = self.dossier.meta.author if self.dossier.meta else None
        lines = [self.addressing.body.closing, "", ""]
        if author and author.signatory:
            lines.append(author.signatory.name)
            if author.signatory.title:
                lines.append(author.signatory.title)
            if author.name not in (author.signatory.title or ""):
                lines.append(author.name)
        elif author:
            lines.append(author.name)
        return self.styled("signature", *lines)

    # ---- the run --------------------------------------------------------------------------
    def context(self) -> dict:
        d = self.dossier
        sub = self.sub
        a = self.addressing
        victims = self._named_victims()
        return {
            "dossier": d.meta, "author": d.meta.author if d.meta else None, "submission": sub,
            "addressee": a.body, "addressees": a.bodies, "cc": a.copies, "bodies": a.bodies + a.copies,
            "edition": sub.edition, "numbered": self.numbered, "version": __version__,
            "victims": [d.people[p] for p in sub.victims if p in d.people],
            "state": a.state_name, "salutation": a.salutation(), "subject_line": self.masker.text(a.subject_line()),
            "address_lines": a.address_lines(),
            "consent_statement": a.consent_statement(victims, self.masker.name),
            "consent_many": len(victims) > 1,
            "categories": a.invoked_categories(self._annex_selection()),
            "claims": self.claims, "cite": self.cite, "text": self.text, "norm": self.norm,
            "norm_citation": self.norm_citation, "recommendations": self.recommendations, "toa": self.toa,
            "annex_people": self.annex_people, "detainee_records": self.detainee_records,
            "person_name": self.person_name, "people": self.people, "signature": self.signature,
            "section": self.section, "styled": self.styled, "long_date": long_date, "not_known": NOT_KNOWN,
            "born": born,
        }

    def _named_victims(self) -> list[Person]:
        """The submission's victims and the people of its annex, each once."""
        victims = [self.dossier.people[p] for p in self.sub.victims if p in self.dossier.people]
        return list({p.id: p for p in victims + self._annex_selection()}.values())

    def assemble(self) -> Assembled:
        name = choose_template(self.dossier, self.sub)
        markdown = render(environment(self.dossier.template_overrides), name, self.context())
        blocks = Converter(lambda n: self.block_slots[n], lambda n: self.inline_slots[n]).convert(markdown)
        author = self.dossier.meta.author.name if self.dossier.meta else ""
        meta = Meta(title=self.masker.text(self.sub.title), author=author,
                    subject=self.masker.text(self.sub.subject or self.addressing.subject_line()),
                    language=self.sub.language, date=self.sub.date, edition=self.sub.edition,
                    generator=f"briefgen {__version__}")
        document = Document(meta, blocks)
        abbreviations = dict(self.dossier.meta.abbreviations) if self.dossier.meta else {}
        applied = {i for b in self.addressing.bodies for i in b.applies}
        Finisher(self.dossier, document, self.cited, abbreviations, self.sub, self.masker,
                 next(iter(applied)) if len(applied) == 1 else None).run()
        self.masker.document(document)
        used = list(self.printed.values())
        sources = sorted({e.source for c in used for e in c.evidence})
        norms = sorted({n.id for ns in self.cited.values() for n in ns} | {n for c in used for n in c.norms})
        people = sorted({p for c in used for p in c.people} | set(self.sub.victims) | {p.id for p in self._annex_selection()})
        return Assembled(document, name, list(self.printed), sources, norms, people, self.masker)


# What a column left out of the annex of people holds, as a sentence names it.
_ABSENT_COLUMNS = {2: "date of birth", 3: "city of residence", 5: "legal basis", 6: "outcome", 7: "current status"}


def _unknown(cell: list[Inline]) -> bool:
    """Whether a cell says nothing but 'not known' (once per line)."""
    return all(isinstance(n, LineBreak) or (isinstance(n, Text) and n.text == NOT_KNOWN) for n in cell)


def _sentence(text: str) -> str:
    """Text ending with a full stop."""
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def _evidence_key(claim: Claim) -> tuple:
    """What a claim's note cites: two claims with the same key have the same note."""
    return tuple((e.source, e.pinpoint) for e in claim.evidence)


def format_figure(value: float) -> str:
    """315910 -> '315,910'; 70.1 -> '70.1'."""
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"


def assemble(dossier: Dossier, submission: Submission) -> Assembled:
    """Build the Document of one submission (raises TemplateProblem for a broken template)."""
    return Assembler(dossier, submission).assemble()
