"""The last pass of assembly, in document order: number paragraphs, cite footnotes (so `(n X)` and
`ibid` follow the page), resolve cross-references, fill in the table of authorities, spell out
abbreviations at first use and set typographic quotation marks. Pure."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..checks.normtext import NormIndex
from ..document import (AuthoritiesTable, AuthorityMark, BlockQuote, Document, Emph, Heading, Inline, ListBlock, NoteRef,
                        NoteXRef, Paragraph, ParaXRef, Strong, Table, Text, merge_text, plain_text, walk)
from ..load.resolve import Dossier
from ..models import Claim, Norm, Submission
from .authorities import Place, authorities_table
from .citations import Citer
from .masking import Masker
from .typography import Abbreviations, capitalised_words, no_break, smart_quotes


@dataclass
class PendingNote:
    """A paragraph's footnote: the claim's sources (if any) and the full citation of new instruments.
    `shared`: other claims with the same sources, whose note this one is too."""

    claim: Claim | None
    norms: list[Norm]
    shared: list[str] = field(default_factory=list)


@dataclass
class PendingClaimRefs:
    """A reference to the paragraphs (or, unnumbered, the notes) of claims printed elsewhere.

    Numbered: 'in para 4 above', 'in paras 4 and 6 above'; with `see`: '; see paras 4, 6'; `bare`:
    'paras 4 and 6'. Unnumbered: 'above (n 3)', with `see`: '; see nn 3, 5'; `bare`: 'nn 3 and 5'.
    """

    claim_ids: list[str]
    numbered: bool
    see: bool = False
    bare: bool = False


@dataclass
class PendingAuthorities:
    """The table of authorities, built once every place is known."""


def _numbers(items: list[int], make) -> list[Inline]:
    """'4', '4 and 6', '3, 5 and 9', with runs of three or more as ranges: '3–8 and 11'."""
    runs: list[list[int]] = []
    for n in items:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    tokens: list[list[Inline]] = []
    for run in runs:
        if len(run) >= 3:
            tokens.append([make(run[0]), Text("–"), make(run[-1])])
        else:
            tokens.extend([make(n)] for n in run)
    out: list[Inline] = []
    for i, token in enumerate(tokens):
        if i:
            out.append(Text(" and " if i == len(tokens) - 1 else ", "))
        out.extend(token)
    return out


class Finisher:
    """Resolves what assembly left pending, in the order a reader meets it."""

    def __init__(self, dossier: Dossier, document: Document, cited: dict[int, list[Norm]],
                 abbreviations: dict[str, str], submission: Submission, masker: Masker,
                 instrument_applied: str | None = None):
        self.dossier = dossier
        self.masker = masker
        self.date = submission.date
        self.doc = document
        self.cited = cited
        self.citer = Citer(submission.language.split("-")[0], submission.norms_in_notes)
        # Short forms of norms are defined by their full citation in a note; an abbreviation inside one
        # ("UN Declaration on Human Rights Defenders") is never spelled out in the middle of a citation.
        in_norms = {w for n in dossier.norms.values() for w in capitalised_words(n.short)}
        self.abbreviations = Abbreviations(abbreviations, {n.short for n in dossier.norms.values()} | in_norms)
        self.claim_paras: dict[str, int] = {}
        self.claim_notes: dict[str, int] = {}
        self.places: dict[str, list[Place]] = {}
        self.named_in_prose = NormIndex(dossier.norms)
        self.instrument_applied = instrument_applied  # what "article 9" alone means to the addressee

    def run(self) -> None:
        self._number()
        self._resolve(self._notes)
        self._resolve(self._refs)
        self._index()
        self.doc.blocks = [self._authorities(b) for b in self.doc.blocks]
        self._typography()

    # ---- numbering and notes ----------------------------------------------------------------
    def _number(self) -> None:
        number = 0
        for block in walk(self.doc.blocks):
            if isinstance(block, Paragraph) and block.number == -1:
                number += 1
                block.number = number
                block.anchor = block.anchor or f"para-{number}"
                if block.claim:
                    self.claim_paras[block.claim] = number

    def _resolve(self, resolve) -> None:
        for block in walk(self.doc.blocks):
            if isinstance(block, (Paragraph, Heading)):
                block.children = merge_text(resolve(block.children))
            elif isinstance(block, Table):
                block.header = [resolve(c) for c in block.header]
                block.rows = [[resolve(c) for c in row] for row in block.rows]

    def _notes(self, inlines: list) -> list[Inline]:
        out: list[Inline] = []
        for node in inlines:
            if not isinstance(node, PendingNote):
                out.append(node)
                continue
            evidence = []
            if node.claim:
                evidence = [self.masker.cite(self.dossier.sources[e.source], e) for e in node.claim.evidence
                            if e.source in self.dossier.sources]
            if not evidence and not self.citer.new_instruments(node.norms) and not self.citer.norms_in_notes:
                continue  # nothing to say in a note
            if not evidence and not node.norms:
                continue
            ref = self.doc.add_note(self.citer.note(len(self.doc.notes) + 1, evidence, node.norms))
            if node.claim:
                for claim_id in (node.claim.id, *node.shared):
                    self.claim_notes[claim_id] = ref.number
            out.append(ref)
        return out

    def _refs(self, inlines: list) -> list[Inline]:
        out: list[Inline] = []
        for node in inlines:
            if isinstance(node, PendingClaimRefs):
                out.extend(self._claim_refs(node))
            else:
                out.append(node)
        return out

    def _claim_refs(self, node: PendingClaimRefs) -> list[Inline]:
        paras = sorted({self.claim_paras[c] for c in node.claim_ids if c in self.claim_paras})
        anchors = {self.claim_paras[c]: c for c in node.claim_ids if c in self.claim_paras}
        if paras:
            words = "para" if len(paras) == 1 else "paras"
            refs = _numbers(paras, lambda n: ParaXRef(anchors[n], n))
            if node.bare:
                return [Text(f"{words} ")] + refs
            return ([Text(f"; see {words} ")] + refs) if node.see else ([Text(f"in {words} ")] + refs + [Text(" above")])
        notes = sorted({self.claim_notes[c] for c in node.claim_ids if c in self.claim_notes})
        if notes:
            words = "n" if len(notes) == 1 else "nn"
            refs = _numbers(notes, NoteXRef)
            if node.bare:
                return [Text(f"{words} ")] + refs
            return ([Text(f"; see {words} ")] + refs) if node.see else ([Text(f"above ({words} ")] + refs + [Text(")")])
        if node.bare:
            return [Text("see above")]
        return [] if node.see else [Text("above")]

    # ---- the table of authorities ---------------------------------------------------------------
    def _index(self) -> None:
        """Where each norm is cited: the paragraph's number, else its recommendation's number, else the
        heading of the part it is in, else the number of the note its text calls."""
        heading: tuple[int, str] | None = None  # the part's place in the document, and its heading
        for block in self.doc.blocks:
            if isinstance(block, Heading):
                heading = ((heading[0] + 1) if heading else 1, plain_text(block.children))
            self._index_block(block, None, heading)

    def _index_block(self, block, recommendation: tuple[int, bool] | None, heading: tuple[int, str] | None) -> None:
        if isinstance(block, ListBlock):
            for i, item in enumerate(block.items, block.start):
                for inner in item:
                    self._index_block(inner, (i, block.letters) if block.ordered else recommendation, heading)
            return
        if isinstance(block, BlockQuote):
            for inner in block.children:
                self._index_block(inner, recommendation, heading)
            return
        if not isinstance(block, Paragraph):
            return
        norms = list(self.cited.get(id(block), []))
        known = {n.id for n in norms}
        for node in block.children:  # marks a template placed with norm() in its own text
            if isinstance(node, AuthorityMark) and node.norm in self.dossier.norms and node.norm not in known:
                norms.append(self.dossier.norms[node.norm])
                known.add(node.norm)
        # provisions the text names ("Article 405 of the Criminal Code") where it argues: in numbered
        # paragraphs and requests, not in quoted texts such as the Working Group's categories
        named = (self.named_in_prose.find(plain_text(block.children), self.instrument_applied, bare=True)
                 if block.number or recommendation else [])
        for mention in named:
            for norm_id in mention.norm_ids:
                if norm_id not in known and norm_id in self.dossier.norms:
                    norms.append(self.dossier.norms[norm_id])
                    known.add(norm_id)
        if not norms:
            return
        note = next((n.number for n in block.children if isinstance(n, NoteRef)), None)
        if block.number:
            place = Place("para", block.number, block.anchor)
        elif recommendation is not None:
            number, letters = recommendation
            place = Place("request" if letters else "recommendation", number,
                          label=f"({chr(ord('a') + number - 1)})" if letters and number <= 26 else None)
        elif heading:  # the part names the place; a note number would point to the note, not the text
            place = Place("part", heading[0], label=f"‘{heading[1]}’")  # parts listed in document order
        elif note is not None:
            place = Place("n", note)
        else:
            return
        for n in norms:
            self.places.setdefault(n.id, []).append(place)

    def _authorities(self, block):
        if isinstance(block, PendingAuthorities):
            heading = "Paragraphs" if any(p.kind == "para" for ps in self.places.values() for p in ps) else "Cited at"
            return authorities_table(self.places, self.dossier.norms, heading, self._interpreting())
        if isinstance(block, ListBlock):
            block.items = [[self._authorities(b) for b in item] for item in block.items]
        return block

    def _interpreting(self) -> dict[str, list[str]]:
        """The interpreting texts the dossier itself links (its own norms' `interpreted_by`, not the
        built-in library's), adopted by the submission's date."""
        links: dict[str, list[str]] = {}
        for norm in self.dossier.norms.values():
            if self.dossier.is_builtin("norms", norm.id):
                continue
            for text in norm.interpreted_by:
                found = self.dossier.norms.get(text)
                if found and not (found.adopted and found.adopted > self.date):
                    links.setdefault(norm.id, []).append(text)
        return links

    # ---- typography ------------------------------------------------------------------------------
    def _typography(self) -> None:
        body_roles = (None, "recommendation")
        for block in walk(self.doc.blocks):
            if isinstance(block, Paragraph):
                block.children = self._text(block.children, abbreviate=block.style in body_roles)
            elif isinstance(block, Heading):
                block.children = self._text(block.children, abbreviate=False)
            elif isinstance(block, Table):
                block.header = [self._text(c, False) for c in block.header]
                block.rows = [[self._text(c, False) for c in row] for row in block.rows]
                if block.caption:
                    block.caption = no_break(smart_quotes(block.caption))
            elif isinstance(block, AuthoritiesTable):
                for group in block.groups:
                    for entry in group.entries:
                        entry.children = self._text(entry.children, False)
        for note in self.doc.notes:
            note.children = self._text(note.children, False)
        self.doc.meta.title = smart_quotes(self.doc.meta.title)
        self.doc.meta.subject = smart_quotes(self.doc.meta.subject)

    def _text(self, inlines: list, abbreviate: bool) -> list:
        out = []
        for node in inlines:
            if isinstance(node, Text):
                text = self.abbreviations.expand(node.text) if abbreviate else node.text
                out.append(Text(no_break(smart_quotes(text))))
            elif isinstance(node, (Emph, Strong)):
                node.children = self._text(node.children, abbreviate)
                out.append(node)
            else:
                out.append(node)  # links keep their text: a URL is printed as it is
        return out
