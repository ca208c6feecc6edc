"""The leak guard: a public edition's rendered files are read back, every part, and refused if any
confidential string is found in them: bytes in, findings out. The text of PDF pages is read by
poppler's pdftohtml when it is installed (twenty times faster than pypdf), else by pypdf.

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
import os
import re
import shutil
import subprocess
import tempfile
import unicodedata
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from typing import Iterator

from lxml import etree

from ..limits import current as current_limits
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
    hidden_ids = {p.id for p in hidden}
    public_words = frozenset(key(w) for p in people if p.id not in hidden_ids for n in (p.name, *p.aliases)
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


@contextmanager
def _as_file(data: bytes) -> Iterator[tuple[str, tuple[int, ...]]]:
    """A path another program can read `data` from, and the descriptors to pass it: a file in
    memory where the system has them, else a private temporary file, removed afterwards."""
    if hasattr(os, "memfd_create"):
        fd = os.memfd_create("briefgen-guard")
        try:
            os.write(fd, data)
            yield f"/dev/fd/{fd}", (fd,)
        finally:
            os.close(fd)
        return
    fd, path = tempfile.mkstemp(suffix=".pdf")  # pragma: no cover - not on Linux
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        yield path, ()
    finally:
        os.unlink(path)


def _poppler_page_texts(data: bytes) -> list[str] | None:
    """The text of each page as poppler's pdftohtml reads it: every glyph drawn, on the page or off
    it, visible or not. None when poppler is not installed or cannot read the file (pypdf then
    reads it, twenty times slower, with the same reach)."""
    program = shutil.which("pdftohtml")
    if program is None:
        return None
    try:
        with _as_file(data) as (path, fds):
            result = subprocess.run([program, "-xml", "-hidden", "-i", "-q", "-stdout", path], pass_fds=fds,
                                    capture_output=True, timeout=current_limits().build_seconds, check=True)
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
        root = etree.fromstring(result.stdout, parser)
    except (OSError, subprocess.SubprocessError, etree.XMLSyntaxError):
        return None
    return ["\n".join("".join(line.itertext()) for line in page.iter("text")) for page in root.iter("page")]


def _pdf_parts(data: bytes) -> Iterator[tuple[str, str]]:
    from pypdf import PdfReader
    reader = PdfReader(io.BytesIO(data))
    pages = _poppler_page_texts(data)
    if pages is None or len(pages) != len(reader.pages):
        pages = [page.extract_text() or "" for page in reader.pages]
    for number, text in enumerate(pages, 1):
        yield f"page {number}", text
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

_ALNUM_RUN = re.compile(r"[^\W_]+")  # letters and digits (str.isalnum), as the expression engine knows them


@lru_cache(maxsize=4096)
def _inside_word(ch: str) -> bool:
    """Whether a character between letters leaves them one word: a combining mark, an invisible
    character, a Markdown mark or an apostrophe."""
    return unicodedata.category(ch).startswith("M") or is_ignorable(ch) or ch in INWORD_MARKUP or ch in APOSTROPHES


def _text_words(text: str) -> list[tuple[str, int, int]]:
    """(key, start, end) of each word, invisible characters and Markdown marks inside words ignored.

    A word starts at a letter or digit and goes on over letters, digits and the characters that
    stay inside words; its end is where another character stops it. Found as runs of letters and
    digits, joined when only such characters separate them: the characters between runs are the
    only ones looked at one by one.
    """
    text = unicodedata.normalize("NFC", text)
    words: list[tuple[str, int, int]] = []
    start = end = -1
    for run in _ALNUM_RUN.finditer(text):
        if start >= 0 and not all(_inside_word(c) for c in text[end:run.start()]):
            words.append(_word(text, start, end))
            start = -1
        if start < 0:
            start = run.start()
        end = run.end()
    if start >= 0:
        words.append(_word(text, start, end))
    return [w for w in words if w[0]]


def _word(text: str, start: int, end: int) -> tuple[str, int, int]:
    """A word from `start` to the end of its last letter or digit `end`, with what follows it inside it."""
    stop = end
    while stop < len(text) and _inside_word(text[stop]):
        stop += 1
    return key(text[start:stop]), start, stop


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
        known: dict[tuple, set[str]] = {}  # a name's words come back in several secrets (both orders...)

        def forms(word: str, secret: Secret) -> set[str]:
            at = (word, secret.inflects, secret.not_forms)
            if at not in known:
                known[at] = _forms(word, secret)
            return known[at]

        self.forms: list[list[set[str]]] = [[forms(w, s) for w in s.words] for s in secrets]
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
        keys = [w[0] for w in words]
        first = self.first
        for i in range(len(keys)):
            joined = ""
            for pieces in range(1, min(_MAX_PIECES, len(keys) - i) + 1):
                joined += keys[i + pieces - 1]  # the word and the pieces after it, as one word
                for index in first.get(joined, ()):
                    end = self._rest(words, i + pieces, self.forms[index][1:])
                    if end != -1:
                        yield self.secrets[index], text[words[i][1]:words[end - 1][2]]


def find_leaks(files: dict[str, bytes], found_secrets: list[Secret]) -> list[Leak]:
    """Secrets found in the files (file name -> bytes): the first finding of each secret (a person,
    a source, a claim) in each part of each file."""
    finder = _Finder(found_secrets)
    leaks: dict[tuple, Leak] = {}
    searched: dict[str, list[tuple[Secret, str]]] = {}  # many texts come back (a style name, a number...)
    for filename, data in files.items():
        for part, text in output_texts(filename, data):
            if text not in searched:
                searched[text] = list(finder.find(text))
            for secret, found in searched[text]:
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
