"""Public editions: people without publish consent under a stable pseudonym, confidential sources as
documents on file. Pure.

Text is split into words, each folded to a key (namekeys) so that case, Unicode forms, invisible
characters, look-alike letters and transliteration do not matter. A run of adjacent words that are
forms of one hidden person's name (nameforms: the family name alone, first names next to it,
initials, patronymics, an honorific before it) is replaced by the person's pseudonym, whatever
stands between the words: spaces of any kind, line breaks, hyphens, Markdown emphasis, a link.
"""

from __future__ import annotations

import hashlib
import hmac
import string
from dataclasses import dataclass

from ..document import (AuthoritiesTable, AuthorityMark, Document, Emph, Heading, LineBreak, Link, Paragraph, ParaXRef,
                        Strong, Table, Text, walk)
from ..load.resolve import Dossier
from ..models import Evidence, Person, Source, Submission
from ..namekeys import word_key
from .nameforms import honorifics, is_patronymic, person_forms, public_name_keys
from .wordsplit import Word, balance, joinable, light, split_words

PERSON = {"en": "Person", "fr": "Personne", "es": "Persona", "ru": "Лицо", "de": "Person"}
ON_FILE = {"en": "Document on file with the author", "fr": "Document en possession de l'auteur",
           "es": "Documento en poder del autor", "ru": "Документ имеется у автора"}
_MAX_PIECES = 3  # a name word may be broken into this many pieces ("Seit-kali", "Sei t kali")


def is_hidden(person: Person) -> bool:
    """Whether a person's name stays out of public editions."""
    return person.confidential or not person.consent.publish_name


class WithheldSource(Source):
    """A confidential source as a public edition cites it: only the text of `citation`."""

    citation: str


def _letters(index: int) -> str:
    """A, B, ..., Z, AA, AB, ..."""
    out = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = string.ascii_uppercase[rem] + out
    return out


# ---- the masker ------------------------------------------------------------------------------

@dataclass(slots=True)
class _Match:
    first: int  # word indexes, end exclusive
    last: int
    owners: dict[str, str]  # person id -> 'strong' | 'weak' | 'initial' | 'bridge'


class Masker:
    """Replaces the names of people without publish consent by pseudonyms in a public edition.

    Pseudonyms ('Person A', or initials when dossier.yaml says `pseudonyms: initials`) are assigned
    in order of first use in the document, so they say nothing the document does not; a batch of
    people named for the first time together (an annex) gets them in an order derived from a
    keyed hash of who is hidden (`sorted_people`). In a confidential edition nothing is masked.
    """

    def __init__(self, dossier: Dossier, public: bool, language: str = "en"):
        self.public = public
        self.language = language
        people = list(dossier.people.values())
        hidden = [p for p in people if is_hidden(p)] if public else []
        self.people = {p.id: p for p in hidden}
        self._style = dossier.meta.pseudonyms if dossier.meta is not None else "letters"
        public_words = public_name_keys(p for p in people if not is_hidden(p))
        self._table: dict[str, dict[str, str]] = {}
        self._initials: dict[str, set[str]] = {}
        for person in hidden:
            forms = person_forms(person, public_words)
            for kind, keys in (("weak", forms.weak), ("strong", forms.strong)):
                for k in keys:
                    self._table.setdefault(k, {})[person.id] = kind
            for k in forms.initials:
                self._initials.setdefault(k, set()).add(person.id)
        self._prefixes = {k[:i] for k in self._table for i in range(1, len(k))}
        self._honorifics = honorifics() if hidden else ()
        self._pseudonyms: dict[str, str] = {}
        secret = "\n".join(f"{p.id}\t{p.name}\t{p.aliases}" for p in sorted(hidden, key=lambda p: p.id))
        self._secret = hashlib.sha256(secret.encode("utf-8")).digest()
        withheld = [s for s in dossier.sources.values() if s.confidential]
        self._codes = {s.id: f"S-{i}" for i, s in enumerate(withheld, 1)}
        self._anchors: dict[str, str] = {}

    @classmethod
    def for_submission(cls, dossier: Dossier, submission: Submission) -> "Masker":
        """The masker of one submission's document (its edition and language)."""
        return cls(dossier, public=submission.edition == "public", language=submission.language)

    # ---- pseudonyms ----------------------------------------------------------------------------
    def _pseudonym(self, person_id: str) -> str:
        if person_id not in self._pseudonyms:
            person = self.people[person_id]
            if self._style == "initials":
                base = " ".join(f"{w[0].upper()}." for w in person.name.replace(".", " ").split() if w)
                taken = sum(1 for p in self._pseudonyms.values() if p == base or p.startswith(base + " ("))
                self._pseudonyms[person_id] = base if not taken else f"{base} ({taken + 1})"
            else:
                self._pseudonyms[person_id] = f"{PERSON.get(self.language, PERSON['en'])} {_letters(len(self._pseudonyms))}"
        return self._pseudonyms[person_id]

    def name(self, person: Person) -> str:
        """The name to print for a person: theirs, or their pseudonym."""
        return self._pseudonym(person.id) if person.id in self.people else person.name

    def assigned(self) -> dict[str, str]:
        """Pseudonyms given so far: person id -> pseudonym."""
        return dict(self._pseudonyms)

    def _neutral(self, person: Person) -> bytes:
        return hmac.new(self._secret, person.id.encode("utf-8"), hashlib.sha256).digest()

    def sorted_people(self, people: list[Person]) -> list[Person]:
        """People in the order an annex lists them, sorted after masking.

        Hidden people not yet named get their pseudonyms first, in an order that reveals nothing
        (a hash keyed by the hidden names themselves); then the people named are sorted by family
        name, and the hidden ones follow in pseudonym order, so no row's place says anything.
        """
        for person in sorted((p for p in people if p.id in self.people), key=self._neutral):
            self._pseudonym(person.id)
        named = sorted((p for p in people if p.id not in self.people),
                       key=lambda p: (p.family.casefold(), p.given.casefold(), p.id))
        hidden = sorted((p for p in people if p.id in self.people),
                        key=lambda p: (len(self._pseudonyms[p.id]), self._pseudonyms[p.id]))
        return named + hidden

    # ---- sources --------------------------------------------------------------------------------
    def code(self, source: Source) -> str | None:
        """The short code ('S-3') of a confidential source: confidential sources numbered in the
        order the dossier defines them."""
        return self._codes.get(source.id)

    def cite(self, source: Source, evidence: Evidence) -> tuple[Source, Evidence]:
        """A source and pinpoint as the edition may cite them: a confidential one in a public
        edition only as a document on file, with its code."""
        if not self.public or not source.confidential:
            return source, evidence
        text = f"{ON_FILE.get(self.language, ON_FILE['en'])} ({self._codes[source.id]})"
        return (WithheldSource.model_construct(id=source.id, kind=source.kind, confidential=True, citation=text),
                evidence)

    # ---- text -----------------------------------------------------------------------------------
    def text(self, text: str) -> str:
        """Text with every hidden name replaced by its pseudonym."""
        if not self._table or not text:
            return text
        out = []
        done = 0
        for start, end, person_id in self._spans(text):
            before, after = balance(text[:start], text[start:end])
            out.append(text[done:start] + before + self._pseudonym(person_id) + after)
            done = end
        return "".join(out) + text[done:] if out else text

    def mentions(self, text: str) -> list[str]:
        """Ids of the hidden people a text names (in any recognisable form), in order."""
        if not self._table or not text:
            return []
        return list(dict.fromkeys(pid for _, _, pid in self._spans(text)))

    def _spans(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, person id) of every hidden name in text, in order, not overlapping."""
        words = split_words(text)
        matches = self._matches(words)
        spans: list[tuple[int, int, str]] = []
        for run in self._runs(words, matches):
            person_id = self._owner(run)
            if person_id is None:
                continue
            first, last = self._extend(words, run[0].first, run[-1].last, person_id)
            if spans and words[first].start < spans[-1][1]:
                continue
            end = words[last - 1].end
            if words[last - 1].short and text.startswith(".", end) and last < len(words) and \
                    text[words[last].start].islower():
                end += 1  # the full stop of a trailing initial, inside a sentence: 'Zhanna A. was'
            spans.append((words[first].start, end, person_id))
        return spans

    def _matches(self, words: list[Word]) -> list[_Match]:
        """At each word, the longest run of up to three pieces that is a form of a hidden name."""
        matches = []
        i = 0
        while i < len(words):
            found = None
            for pieces in range(min(_MAX_PIECES, len(words) - i), 0, -1):
                span = words[i:i + pieces]
                if pieces > 1 and (span[0].keys[0] not in self._prefixes or any(k in self._table for k in span[0].keys)
                                   or not all(joinable(w.sep) for w in span[:-1])):
                    continue  # pieces of one word, not a whole word and what follows it
                candidates = span[0].keys if pieces == 1 else (word_key([c for w in span for c in w.letters]),)
                for k in candidates:
                    if k in self._table:
                        found = _Match(i, i + pieces, dict(self._table[k]))
                        break
                    if pieces == 1 and k in self._initials and words[i].capital and words[i].short:
                        found = _Match(i, i + 1, dict.fromkeys(self._initials[k], "initial"))
                        break
                    if pieces == 1 and is_patronymic(k):
                        found = _Match(i, i + 1, {})
                        break
                if found:
                    break
            if found:
                matches.append(found)
                i = found.last
            else:
                i += 1
        return matches

    def _runs(self, words: list[Word], matches: list[_Match]) -> list[list[_Match]]:
        """Matches of adjacent words, joined by light separators, that can name one person."""
        runs: list[list[_Match]] = []
        for match in matches:
            if runs:
                prev = runs[-1]
                last = words[prev[-1].last - 1]
                shared = set(match.owners) & _owners(prev) if match.owners and _owners(prev) else True
                if prev[-1].last == match.first and light(last.sep, last.short) and shared:
                    prev.append(match)
                    continue
            runs.append([match])
        return runs

    def _owner(self, run: list[_Match]) -> str | None:
        """The hidden person a run names, if it names one recognisably."""
        best, best_score = None, (0, 0)
        for person_id in _owners(run):
            kinds = [m.owners[person_id] for m in run if person_id in m.owners]
            strong = kinds.count("strong")
            if not strong and not (len(kinds) >= 2 and "weak" in kinds):
                continue
            score = (strong, len(kinds))
            if score > best_score or (score == best_score and best is not None and
                                      (person_id in self._pseudonyms) > (best in self._pseudonyms)):
                best, best_score = person_id, score
        return best

    def _extend(self, words: list[Word], first: int, last: int, person_id: str) -> tuple[int, int]:
        """A run widened to the initials, patronymic and honorific that go with the name."""
        for _ in range(3):  # initials written before the name: 'D. E. Seitkali'
            before = words[first - 1] if first else None
            if before and before.short and before.capital and "." in before.sep and light(before.sep, True):
                first -= 1
        while last < len(words) and light(words[last - 1].sep, words[last - 1].short) and (
                is_patronymic(words[last].keys[0]) or
                (words[last].short and words[last].capital and person_id in self._initials.get(words[last].keys[0], ()))):
            last += 1
        if last < len(words) and words[last - 1].sep.strip() == "," and \
                self._table.get(words[last].keys[0], {}).get(person_id) == "weak":
            last += 1  # 'Seitkali, Daniyar', as lists write names
        for honorific in self._honorifics:
            size = len(honorific)
            if first >= size and all(words[first - size + k].keys[0] == honorific[k] for k in range(size)) and \
                    all(light(w.sep, True) for w in words[first - size:first]):
                first -= size
                break
        return first, last

    # ---- the whole document ---------------------------------------------------------------------
    def document(self, document: Document) -> None:
        """Mask every text of a finished document in place: metadata, blocks, notes, and the
        anchors (bookmarks) that would carry a hidden name."""
        if not self._table:
            return
        meta = document.meta
        meta.title, meta.subject, meta.keywords, meta.author = (
            self.text(meta.title), self.text(meta.subject), self.text(meta.keywords), self.text(meta.author))
        self._blocks(document.blocks)
        for note in document.notes:
            self._inlines(note.children)

    def _anchor(self, anchor: str | None) -> str | None:
        if anchor is None or not self.mentions(anchor.replace("-", " ")):
            return anchor
        return self._anchors.setdefault(anchor, f"ref-{len(self._anchors) + 1}")

    def _blocks(self, blocks) -> None:
        for block in walk(blocks):
            if isinstance(block, (Heading, Paragraph)):
                block.anchor = self._anchor(block.anchor)
                self._inlines(block.children)
            elif isinstance(block, Table):
                block.caption = self.text(block.caption) if block.caption else block.caption
                for row in [block.header, *block.rows]:
                    for cell in row:
                        self._inlines(cell)
            elif isinstance(block, AuthoritiesTable):
                block.heading = self.text(block.heading)
                for group in block.groups:
                    group.title = self.text(group.title)
                    for entry in group.entries:
                        entry.entry = self.text(entry.entry)
                        self._inlines(entry.children)
                        self._inlines(entry.places)

    def _inlines(self, inlines: list) -> None:
        """Mask a list of inlines as one text, so a name split over emphasis or a link is found."""
        leaves: list[tuple[Text, int, int]] = []
        parts: list[str] = []
        size = 0

        def walk(nodes):
            nonlocal size
            for node in nodes:
                if isinstance(node, Text):
                    leaves.append((node, size, len(node.text)))
                    parts.append(node.text)
                    size += len(node.text)
                elif isinstance(node, (Emph, Strong, Link)):
                    walk(node.children)
                elif isinstance(node, AuthorityMark):
                    node.entry, node.short = self.text(node.entry), self.text(node.short)
                else:
                    if isinstance(node, ParaXRef):
                        node.anchor = self._anchor(node.anchor)
                    parts.append("\n" if isinstance(node, LineBreak) else "\x00")
                    size += 1

        walk(inlines)
        whole = "".join(parts)
        for start, end, person_id in reversed(self._spans(whole)):
            before, after = balance(whole[:start], whole[start:end])
            replacement = before + self._pseudonym(person_id) + after
            for node, at, length in leaves:
                if at >= end or at + length <= start:
                    continue
                lo, hi = max(start - at, 0), min(end - at, length)
                node.text = node.text[:lo] + replacement + node.text[hi:]
                replacement = ""


def _owners(run: list[_Match]) -> set[str]:
    owners: set[str] = set()
    for match in run:
        owners.update(match.owners)
    return owners
