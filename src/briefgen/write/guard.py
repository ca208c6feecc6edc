"""The leak guard: a public edition's rendered files are read back, every part, and refused if any
confidential string is found in them. Pure (bytes in, findings out).

It is deliberately independent of the masking code (assemble/masking.py): it takes its list of
secrets from the dossier itself, reads what the writers produced (DOCX parts with their
attributes, PDF text, metadata, annotations, destinations, attachments; HTML; the manifest), splits
text into words its own way and accepts Russian and Kazakh case endings by rule rather than by
dictionary. Words are compared by their keys (namekeys), so case, Unicode forms, invisible
characters, look-alike letters and transliteration do not hide a name from it.
"""

from __future__ import annotations

import io
import json
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Iterator

from lxml import etree

from ..load.resolve import Dossier
from ..namekeys import APOSTROPHES, INWORD_MARKUP, KAZAKH_SUFFIXES, fold_latin, is_ignorable, key

# Russian case endings of names and surnames (keys), for the guard's own rule of inflection.
_RUSSIAN_ENDINGS = ("", "a", "u", "om", "em", "e", "i", "oi", "ei", "oiu", "eiu", "im", "ia", "iu", "am", "ami",
                    "ah", "ih", "imi")
_VOWEL_END = re.compile(r"(ia|iu|a|i|o|e|u)$")
_MAX_PIECES = 3  # a word may be broken into this many pieces by line breaks, hyphens or spaces
MIN_SENTENCE_WORDS = 6  # a confidential claim's sentence shorter than this is too common to look for


@dataclass(frozen=True)
class Secret:
    """A string that must not appear in a public edition, and what it is (for the message)."""

    text: str
    what: str
    words: tuple[str, ...]  # word keys
    inflects: bool = False  # whether its words may carry case endings (names)
    not_forms: frozenset[str] = frozenset()  # words of public people's names: never an inflected form of it


@dataclass(frozen=True)
class Leak:
    """A secret found in an output file."""

    secret: Secret
    file: str
    part: str
    found: str

    def __str__(self) -> str:
        return (f"{self.file}, {self.part}: '{self.found.strip()}' is {self.secret.what} ('{self.secret.text}')")


# ---- what must not appear -------------------------------------------------------------------

def _name_words(text: str) -> list[str]:
    return [w for w in re.split(r"[\W_]+", text) if w]


def _secret(text: str, what: str, inflects: bool = False, not_forms: frozenset[str] = frozenset()) -> Secret | None:
    words = tuple(k for k in (key(w) for w in _name_words(text)) if k)
    if not words or sum(len(w) for w in words) < 3:
        return None
    return Secret(text, what, words, inflects, not_forms)


def secrets(dossier: Dossier) -> list[Secret]:
    """Every string a public edition of this dossier must not contain.

    Names of people without publish consent (and of confidential people): the name and each alias
    in both orders and as one word, and the family name alone unless a person who may be named has
    it in their name; a confidential source's title, URLs and file; each sentence of a confidential
    claim's statement.
    """
    people = list(dossier.people.values())
    hidden = [p for p in people if p.confidential or not p.consent.publish_name]
    public_words = frozenset(key(w) for p in people if p not in hidden for n in (p.name, *p.aliases)
                             for w in _name_words(n))
    found: list[Secret | None] = []
    for person in hidden:
        what = f"the name of {person.id}, who has not consented to publication"
        family_first = " ".join(_name_words(person.family) + _name_words(person.given))
        for name in (person.name, *person.aliases):
            words = _name_words(name)
            found.append(_secret(name, what, True, public_words))
            if len(words) > 1:
                found.append(_secret(" ".join(reversed(words)), what, True, public_words))
                found.append(_secret("".join(words), what, True, public_words))
        found.append(_secret(family_first, what, True, public_words))  # as ids and lists write it
        family = _name_words(person.family)
        if family and len(key("".join(family))) >= 3 and not any(key(w) in public_words for w in family):
            found.append(_secret(person.family, what, True, public_words))
    for source in dossier.sources.values():
        if source.confidential:
            what = f"a detail of the confidential source {source.id}"
            for text in (source.title, source.title_en, source.url, source.archive, source.file):
                if text and len(_name_words(text)) >= 2:
                    found.append(_secret(text, what))
    for claim in dossier.claims.values():
        if claim.confidential:
            for sentence in re.split(r"(?<=[.!?])\s+", claim.statement.strip()):
                if len(_name_words(sentence)) >= MIN_SENTENCE_WORDS:
                    found.append(_secret(sentence, f"a sentence of the confidential claim {claim.id}"))
    return list({s.words: s for s in found if s}.values())


# ---- reading outputs back -------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_BLOCK_TAGS = {"p", "div", "li", "td", "th", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "br", "title", "table",
               "blockquote", "section", "body", "head", "meta"}


def _xml_texts(data: bytes) -> Iterator[str]:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    root = etree.fromstring(data, parser)
    for paragraph in root.iter(f"{_W}p"):  # a Word paragraph reads as one text, whatever its runs
        yield "".join(t.text or "" for t in paragraph.iter(f"{_W}t", f"{_W}delText"))
    yield "".join(root.itertext())  # any other markup splitting a word
    for element in root.iter():
        if isinstance(element.tag, str):
            yield from (v for v in element.attrib.values())
        yield from (t for t in (element.text, element.tail) if t and t.strip())


class _HTMLText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.attributes: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")
        self.attributes.extend(v for _, v in attrs if v)

    def handle_endtag(self, tag):
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):
        self.parts.append(data)


def _json_strings(value) -> Iterator[str]:
    if isinstance(value, dict):
        for k, v in value.items():
            yield str(k)
            yield from _json_strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _json_strings(v)
    elif value is not None:
        yield str(value)


def _docx_parts(data: bytes) -> Iterator[tuple[str, str]]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for name in package.namelist():
            content = package.read(name)
            if name.endswith((".xml", ".rels")):
                yield from ((name, t) for t in _xml_texts(content))
            else:
                yield name, content.decode("utf-8", "replace")


def _pdf_objects(reader) -> Iterator[tuple[str, str]]:
    """Every string and name in the PDF's objects, and the data of metadata and attached files."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject, StreamObject

    seen: set[int] = set()
    stack = [reader.trailer]
    while stack:
        obj = stack.pop()
        if isinstance(obj, IndirectObject):
            if obj.idnum in seen:
                continue
            seen.add(obj.idnum)
            obj = obj.get_object()
        if isinstance(obj, DictionaryObject):
            kind = obj.get("/Type")
            if isinstance(obj, StreamObject) and (kind in ("/EmbeddedFile", "/Metadata") or obj.get("/Subtype") == "/XML"):
                yield f"embedded {kind or 'stream'}", obj.get_data().decode("utf-8", "replace")
            for k, v in obj.items():
                if not (kind == "/Page" and k == "/Contents"):  # page content is read as text
                    yield "objects", str(k)
                    stack.append(v)
        elif isinstance(obj, ArrayObject):
            stack.extend(obj)
        elif isinstance(obj, (str, NameObject)):
            yield "objects", str(obj)
        elif isinstance(obj, bytes):
            yield "objects", obj.decode("latin-1")


def _pdf_parts(data: bytes) -> Iterator[tuple[str, str]]:
    from pypdf import PdfReader
    reader = PdfReader(io.BytesIO(data))
    for number, page in enumerate(reader.pages, 1):
        yield f"page {number}", page.extract_text() or ""
    for name, value in (reader.metadata or {}).items():
        yield "metadata", f"{name} {value}"
    for name, contents in reader.attachments.items():
        yield "attachment", name
        for content in contents:
            yield f"attachment {name}", content.decode("utf-8", "replace")
    yield from _pdf_objects(reader)


def output_texts(filename: str, data: bytes) -> Iterator[tuple[str, str]]:
    """(part, text) of everything a reader or a program could see in an output file."""
    yield "file name", filename
    if filename.endswith(".docx"):
        yield from _docx_parts(data)
    elif filename.endswith(".pdf"):
        yield from _pdf_parts(data)
    elif filename.endswith(".html"):
        parser = _HTMLText()
        parser.feed(data.decode("utf-8", "replace"))
        yield "text", "".join(parser.parts)
        yield from (("attributes", a) for a in parser.attributes)
    elif filename.endswith(".json"):
        yield from (("manifest", s) for s in _json_strings(json.loads(data.decode("utf-8"))))
    else:
        yield "text", data.decode("utf-8", "replace")


# ---- finding ----------------------------------------------------------------------------------

def _text_words(text: str) -> list[tuple[str, int, int]]:
    """(key, start, end) of each word, invisible characters and Markdown marks inside words ignored."""
    text = unicodedata.normalize("NFC", text)
    words, current, start = [], [], 0
    for i, ch in enumerate(text):
        if ch.isalnum():
            if not current:
                start = i
            current.append(ch)
        elif current and (unicodedata.category(ch).startswith("M")):
            current[-1] += ch
        elif current and (is_ignorable(ch) or ch in INWORD_MARKUP or ch in APOSTROPHES):
            continue
        elif current:
            words.append((key("".join(current)), start, i))
            current = []
    if current:
        words.append((key("".join(current)), start, len(text)))
    return [w for w in words if w[0]]


def _forms(word: str, secret: Secret) -> set[str]:
    """The word and, for a name, the word or its stem with a Russian or Kazakh case ending."""
    if not secret.inflects:
        return {word}
    stem = _VOWEL_END.sub("", word)
    forms = {fold_latin(base + ending) for base in (word, stem) for ending in (*_RUSSIAN_ENDINGS, *KAZAKH_SUFFIXES)
             if base + ending != stem}
    return (forms - secret.not_forms) | {word}


class _Finder:
    def __init__(self, secrets: list[Secret]):
        self.forms: list[list[set[str]]] = [[_forms(w, s) for w in s.words] for s in secrets]
        self.secrets = secrets
        self.first: dict[str, list[int]] = {}
        for index, forms in enumerate(self.forms):
            for form in forms[0]:
                self.first.setdefault(form, []).append(index)

    def _rest(self, words, at: int, forms: list[set[str]]) -> int:
        """The end of the words matching `forms` from `at`, or -1."""
        if not forms:
            return at
        for pieces in range(1, _MAX_PIECES + 1):
            if at + pieces > len(words):
                break
            if "".join(w[0] for w in words[at:at + pieces]) in forms[0]:
                end = self._rest(words, at + pieces, forms[1:])
                if end != -1:
                    return end
        return -1

    def find(self, text: str) -> Iterator[tuple[Secret, str]]:
        words = _text_words(text)
        for i in range(len(words)):
            for pieces in range(1, _MAX_PIECES + 1):
                if i + pieces > len(words):
                    break
                for index in self.first.get("".join(w[0] for w in words[i:i + pieces]), ()):
                    end = self._rest(words, i + pieces, self.forms[index][1:])
                    if end != -1:
                        yield self.secrets[index], text[words[i][1]:words[end - 1][2]]


def find_leaks(files: dict[str, bytes], found_secrets: list[Secret]) -> list[Leak]:
    """Secrets found in the files (file name -> bytes): the first finding of each secret (a person,
    a source, a claim) in each part of each file."""
    finder = _Finder(found_secrets)
    leaks: dict[tuple, Leak] = {}
    for filename, data in files.items():
        for part, text in output_texts(filename, data):
            for secret, found in finder.find(text):
                leaks.setdefault((secret.what, filename, part), Leak(secret, filename, part, found))
    return list(leaks.values())


def summary(leaks: list[Leak], limit: int = 12) -> list[str]:
    """Lines for a message: each secret's first finding in each file, then how many more there are."""
    first: dict[tuple, Leak] = {}
    for leak in leaks:
        first.setdefault((leak.secret.what, leak.file), leak)
    lines = [str(leak) for leak in list(first.values())[:limit]]
    if len(leaks) > len(lines):
        lines.append(f"...and {len(leaks) - len(lines)} more findings in other parts")
    return lines
