"""Assembly: a submission + its template + the dossier -> a Document. Pure.

The template (Markdown + Jinja2) calls helpers that build blocks from data and leave placeholders;
the Markdown is converted to blocks; then, in document order, paragraphs are numbered, footnotes
are cited (so `(n X)` and `ibid` follow the page), and the table of authorities is filled in.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup

from .. import __version__
from .citations import Citer, group_short, long_date, norm_full, norm_short
from ..document import (Block, BlockQuote, Document, Heading, Inline, LineBreak, ListBlock, Meta, NoteRef, NoteXRef,
                        Paragraph, ParaXRef, Table, Text)
from .masking import Masker
from .mdconvert import CLOSE, OPEN, Converter
from ..models import Claim, Norm, PeopleSelection, Section, Submission
from ..load.resolve import Dossier
from .selection import printable_claims, select_claims, select_people
from .templating import TEMPLATE_SUFFIX, environment, render, template_names


@dataclass
class PendingNote:
    """A claim's footnote, cited once the final order of notes is known."""

    claim: Claim
    norms: list[Norm]


@dataclass
class PendingParagraphRefs:
    """' (ICCPR, art 21; see paras 3, 5).': filled in once paragraphs and notes are numbered."""

    claim_ids: list[str]
    norms_text: str = ""


@dataclass
class PendingAuthorities:
    """The table of authorities, built after numbering."""


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


def choose_template(dossier: Dossier, submission: Submission) -> str:
    """The submission's own template, else one named after the addressee, else one per kind."""
    names = template_names(dossier.template_overrides)
    if submission.template:
        name = submission.template
        return name if name.endswith(TEMPLATE_SUFFIX) else name + TEMPLATE_SUFFIX
    for candidate in (f"{submission.to}{TEMPLATE_SUFFIX}", f"{submission.kind}{TEMPLATE_SUFFIX}"):
        if candidate in names:
            return candidate
    return f"{submission.kind}{TEMPLATE_SUFFIX}"


class Assembler:
    """Builds one submission's Document."""

    def __init__(self, dossier: Dossier, submission: Submission):
        self.dossier = dossier
        self.sub = submission
        self.body = dossier.addressees[submission.to]
        self.numbered = self.body.numbered_paragraphs
        self.masker = Masker.for_submission(dossier, submission)
        self.block_slots: list[list[Block]] = []
        self.inline_slots: list[list[Inline]] = []
        self.claim_of: dict[int, Claim] = {}  # id(paragraph) -> claim
        self.norms_of: dict[int, list[Norm]] = {}  # id(paragraph) -> norms shown in it
        self.used_claims: dict[str, Claim] = {}

    # ---- placeholders ----------------------------------------------------------------------
    def _block(self, blocks: list[Block]) -> Markup:
        self.block_slots.append(blocks)
        return Markup(f"\n\n{OPEN}B{len(self.block_slots) - 1}{CLOSE}\n\n")

    def _inline(self, inlines: list[Inline]) -> Markup:
        self.inline_slots.append(inlines)
        return Markup(f"{OPEN}I{len(self.inline_slots) - 1}{CLOSE}")

    def _para(self, text: str, numbered: bool = True, style: str | None = None) -> Paragraph:
        return Paragraph([Text(text)], number=-1 if (numbered and self.numbered) else None, style=style)

    # ---- helpers offered to templates ------------------------------------------------------
    def claims(self, section: Section) -> Markup:
        """The section's claims, one paragraph and one footnote each."""
        blocks: list[Block] = []
        for claim in select_claims(self.dossier, section.claims, public=self.masker.public):
            blocks.append(self.claim_paragraph(claim, show_norms=section.require_norms))
        return self._block(blocks)

    def claim_paragraph(self, claim: Claim, show_norms: bool = False) -> Paragraph:
        self.used_claims[claim.id] = claim
        norms = [self.dossier.norms[n] for n in claim.norms if n in self.dossier.norms]
        text = self.masker.text(claim.statement.strip())
        if show_norms and norms:
            text = f"{text.rstrip('.')} ({group_short(norms)})."
        para = self._para(text)
        para.anchor = claim.id
        para.children.append(PendingNote(claim, norms if show_norms else []))  # type: ignore[arg-type]
        self.claim_of[id(para)] = claim
        if show_norms:
            self.norms_of[id(para)] = norms
        return para

    def cite(self, claim_id: str) -> Markup:
        """One claim as a paragraph with its footnote."""
        return self._block([self.claim_paragraph(c) for c in printable_claims(self.dossier, [claim_id], self.masker.public)])

    def text(self, markdown: str | None, numbered: bool = True) -> Markup:
        """A user's own Markdown (a section text), as blocks; paragraphs numbered where the body wants."""
        if not markdown:
            return Markup("")
        blocks = Converter(lambda n: [], lambda n: []).convert(self.masker.text(markdown))
        if numbered and self.numbered:
            for b in blocks:
                if isinstance(b, Paragraph):
                    b.number = -1
        return self._block(blocks)

    def norm(self, norm_id: str) -> Markup:
        """A norm's short form for running text."""
        return self._inline([Text(norm_short(self.dossier.norms[norm_id]))])

    def norm_citation(self, norm_id: str) -> str:
        """A norm's full OSCOLA citation."""
        return norm_full(self.dossier.norms[norm_id])

    def recommendations(self) -> Markup:
        """The submission's recommendations, numbered, each pointing at the paragraphs it rests on."""
        items: list[Block] = []
        for i, rec in enumerate(self.sub.recommendations, 1):
            norms = [self.dossier.norms[n] for n in rec.norms if n in self.dossier.norms]
            text = self.masker.text(rec.text.strip())
            children: list[Inline] = [Text(f"{i}. {text.rstrip('.')}"),
                                      PendingParagraphRefs(rec.claims, group_short(norms))]  # type: ignore[list-item]
            para = Paragraph(children, style="recommendation")
            self.norms_of[id(para)] = norms
            items.append(para)
        return self._block(items)

    def toa(self) -> Markup:
        """The table of authorities: each norm cited, with the paragraphs that cite it."""
        return self._block([PendingAuthorities()])  # type: ignore[list-item]

    def annex_people(self) -> Markup:
        """A table of the people the annex selects, with their detention events."""
        selection = self.sub.annex.people if self.sub.annex else None
        header = [[Text(h)] for h in ("No.", "Name", "City", "Events (date, what, where, legal basis, outcome)")]
        rows = []
        for i, person in enumerate(self.masker.sorted_people(select_people(self.dossier, selection, self.masker.public)), 1):
            events = "; ".join(self._event(e) for e in person.events) or "—"
            rows.append([[Text(str(i))], [Text(self.masker.name(person))], [Text(person.city or "")],
                         [Text(events)]])
        return self._block([Table(header, rows, widths=[0.6, 2.2, 1.4, 5.8])])

    def detainee_records(self) -> Markup:
        """One record per annexed person in the Working Group on Arbitrary Detention's layout."""
        selection = self.sub.annex.people if self.sub.annex else None
        blocks: list[Block] = []
        for person in self.masker.sorted_people(select_people(self.dossier, selection, self.masker.public)):
            identity = ", ".join(x for x in (
                self.masker.name(person), person.sex, f"born {person.born}" if person.born else None,
                person.nationality, person.profession, person.city) if x)
            rows = [[[Text("Identity")], [Text(identity)]]]
            for event in person.events:
                norm = self.dossier.norms.get(event.norm) if event.norm else None
                detail = "; ".join(x for x in (event.where, f"legal basis: {norm_short(norm)}" if norm else None,
                                               event.outcome) if x)
                rows.append([[Text(f"{event.what.capitalize()} ({event.date})")], [Text(self.masker.text(detail) or "—")]])
            blocks.append(Heading(3, [Text(self.masker.name(person))]))
            blocks.append(Table([[Text("Item")], [Text("Details")]], rows, widths=[2.5, 7.5]))
        return self._block(blocks)

    def _event(self, event) -> str:
        norm = self.dossier.norms.get(event.norm) if event.norm else None
        bits = [str(event.date), event.what, event.where or "", norm_short(norm) if norm else "", event.outcome or ""]
        return ", ".join(self.masker.text(b) for b in bits if b)

    def person_name(self, person_id: str) -> str:
        """A person's name, or their pseudonym in a public edition without consent."""
        return self.masker.name(self.dossier.people[person_id])

    def people(self, ids=None, roles=None) -> list:
        """People by ids or roles, for templates that lay out one record per person."""
        return select_people(self.dossier, PeopleSelection(ids=list(ids or []), roles=list(roles or [])))

    def section(self, role: str):
        """The submission's section with this role, or None."""
        return next((s for s in self.sub.sections if s.role == role), None)

    def styled(self, style: str, *lines: str) -> Markup:
        """Lines (or lists of lines) as one paragraph in a layout role: letterhead, address, date, subject,
        salutation, signature, small."""
        text = [str(x) for line in lines for x in (line if isinstance(line, (list, tuple)) else [line]) if x]
        children: list[Inline] = []
        for i, line in enumerate(text):
            if i:
                children.append(LineBreak())
            children.append(Text(line))
        return self._block([Paragraph(children, style=style)]) if children else Markup("")

    # ---- the run --------------------------------------------------------------------------
    def context(self) -> dict:
        d = self.dossier
        sub = self.sub
        return {
            "dossier": d.meta, "author": d.meta.author if d.meta else None, "submission": sub,
            "addressee": self.body, "cc": [d.addressees[a] for a in sub.cc if a in d.addressees],
            "edition": sub.edition, "numbered": self.numbered, "version": __version__,
            "victims": [d.people[p] for p in sub.victims if p in d.people],
            "claims": self.claims, "cite": self.cite, "text": self.text, "norm": self.norm,
            "norm_citation": self.norm_citation, "recommendations": self.recommendations, "toa": self.toa,
            "annex_people": self.annex_people, "detainee_records": self.detainee_records,
            "bodies": [d.addressees[a] for a in dict.fromkeys([sub.to, *sub.cc]) if a in d.addressees],
            "person_name": self.person_name, "people": self.people,
            "section": self.section, "styled": self.styled, "long_date": long_date,
        }

    def assemble(self) -> Assembled:
        name = choose_template(self.dossier, self.sub)
        markdown = render(environment(self.dossier.template_overrides), name, self.context())
        blocks = Converter(lambda n: self.block_slots[n], lambda n: self.inline_slots[n]).convert(markdown)
        author = self.dossier.meta.author.name if self.dossier.meta else ""
        meta = Meta(title=self.sub.title, author=author, subject=self.sub.subject or self.body.name,
                    language=self.sub.language, date=self.sub.date, edition=self.sub.edition,
                    keywords=f"{self.sub.kind}; {self.sub.to}; {self.sub.edition}",
                    generator=f"briefgen {__version__}")
        document = Document(meta, blocks)
        _Finisher(self, document).run()
        self.masker.document(document)
        used = list(self.used_claims.values())
        sources = sorted({e.source for c in used for e in c.evidence})
        norms = sorted({n for c in used for n in c.norms} | {n for r in self.sub.recommendations for n in r.norms})
        people = sorted({p for c in used for p in c.people} | set(self.sub.victims)
                        | {p.id for p in select_people(self.dossier, self.sub.annex.people if self.sub.annex else None)})
        return Assembled(document, name, sorted(self.used_claims), sources, norms, people, self.masker)


class _Finisher:
    """Numbers paragraphs, cites notes in order, fills paragraph references and the authorities."""

    def __init__(self, assembler: Assembler, document: Document):
        self.a = assembler
        self.doc = document
        self.citer = Citer()
        self.claim_paras: dict[str, list[int]] = {}
        self.claim_notes: dict[str, list[int]] = {}
        self.norm_refs: dict[str, list[str]] = {}

    def run(self) -> None:
        number = 0
        for block in self._walk(self.doc.blocks):
            if isinstance(block, Paragraph) and block.number == -1:
                number += 1
                block.number = number
                claim = self.a.claim_of.get(id(block))
                if claim:
                    self.claim_paras.setdefault(claim.id, []).append(number)
        for resolve in (self._notes, self._paragraph_refs):
            for block in self._walk(self.doc.blocks):
                if isinstance(block, (Paragraph, Heading)):
                    block.children = resolve(block, block.children)
                elif isinstance(block, Table):
                    block.header = [resolve(block, c) for c in block.header]
                    block.rows = [[resolve(block, c) for c in row] for row in block.rows]
        self.doc.blocks = self._authorities(self.doc.blocks)

    def _walk(self, blocks):
        for b in blocks:
            yield b
            if isinstance(b, ListBlock):
                for item in b.items:
                    yield from self._walk(item)
            elif isinstance(b, BlockQuote):
                yield from self._walk(b.children)

    def _notes(self, block, inlines: list) -> list[Inline]:
        out: list[Inline] = []
        for node in inlines:
            if isinstance(node, PendingNote):
                evidence = [self.a.masker.cite(self.a.dossier.sources[e.source], e) for e in node.claim.evidence
                            if e.source in self.a.dossier.sources]
                number = len(self.doc.notes) + 1
                ref = self.doc.add_note(self.citer.note(number, evidence, node.norms))
                self.claim_notes.setdefault(node.claim.id, []).append(ref.number)
                out.append(ref)
            else:
                out.append(node)
        return out

    def _paragraph_refs(self, block, inlines: list) -> list[Inline]:
        out: list[Inline] = []
        for node in inlines:
            if isinstance(node, PendingParagraphRefs):
                paras = sorted({(p, cid) for cid in node.claim_ids for p in self.claim_paras.get(cid, [])})
                notes = sorted({n for cid in node.claim_ids for n in self.claim_notes.get(cid, [])})
                refs: list[Inline] = []
                if paras:
                    refs.append(Text(f"see {'para' if len(paras) == 1 else 'paras'} "))
                    for i, (number, cid) in enumerate(paras):
                        refs.extend([Text(", ")] if i else [])
                        refs.append(ParaXRef(cid, number))
                elif notes:
                    refs.append(Text(f"see {'n' if len(notes) == 1 else 'nn'} "))
                    for i, number in enumerate(notes):
                        refs.extend([Text(", ")] if i else [])
                        refs.append(NoteXRef(number))
                if node.norms_text or refs:
                    out.append(Text(" (" + node.norms_text + ("; " if node.norms_text and refs else "")))
                    out.extend(refs)
                    out.append(Text(")."))
                else:
                    out.append(Text("."))
            else:
                out.append(node)
        norms = self.a.norms_of.get(id(block))
        if norms:
            where = self._where(block, out)
            for n in norms:
                self.norm_refs.setdefault(n.id, []).append(where)
        return out

    def _where(self, block, inlines) -> str:
        if isinstance(block, Paragraph) and block.number and block.number > 0:
            return f"para {block.number}"
        notes = [n.number for n in inlines if isinstance(n, NoteRef)]
        if notes:
            return f"n {notes[0]}"
        text = inlines[0].text if inlines and isinstance(inlines[0], Text) else ""
        return f"recommendation {text.split('.')[0]}" if text[:1].isdigit() else "text"

    def _authorities(self, blocks: list) -> list:
        out = []
        for b in blocks:
            if isinstance(b, PendingAuthorities):
                out.append(self._toa_table())
            elif isinstance(b, ListBlock):
                b.items = [self._authorities(item) for item in b.items]
                out.append(b)
            else:
                out.append(b)
        return out

    def _toa_table(self) -> Table:
        norms = [self.a.dossier.norms[n] for n in self.norm_refs]
        norms.sort(key=lambda n: (n.jurisdiction != "international", n.instrument, _article_key(n)))
        rows = []
        for n in norms:
            rows.append([[Text(norm_full(n))], [Text(_compress_refs(self.norm_refs[n.id]))]])
        return Table([[Text("Authority")], [Text("Cited at")]], rows, widths=[7.0, 3.0])


def _compress_refs(refs: list[str]) -> str:
    """['para 3', 'para 5', 'n 2'] -> 'paras 3, 5; n 2'."""
    groups: dict[str, list[str]] = {}
    for ref in dict.fromkeys(refs):
        kind, _, number = ref.rpartition(" ")
        groups.setdefault(kind, []).append(number)
    plural = {"para": "paras", "n": "nn", "recommendation": "recommendations"}
    return "; ".join(f"{plural.get(k, k) if len(v) > 1 else k} {', '.join(v)}" for k, v in groups.items())


def _article_key(norm: Norm) -> tuple:
    raw = norm.article or norm.paragraph or ""
    return tuple(int(p) if p.isdigit() else 0 for p in raw.replace("-", ".").split(".")) if raw else (0,)


def assemble(dossier: Dossier, submission: Submission) -> Assembled:
    """Build the Document of one submission (raises TemplateProblem for a broken template)."""
    return Assembler(dossier, submission).assemble()
