"""Parse the text of one dossier file into plain data plus a tree of locations.

Pure: bytes in, `ParsedFile` out, every problem as a `Problem`, never an exception. The result is
JSON-compatible (dates become ISO strings, validated later by the schema) so the cache can store
it without pickle.

The data is built from libyaml's stream of events with an explicit stack, not from a composed node
graph: composing recurses (in C, so 40,000 nested brackets overflow the stack and kill the
process), and building straight from events is also faster. Every file is bounded (`Limits`):
nesting depth and number of values stop the parse at once; an over-long text or number is
reported and the parse goes on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..limits import Limits

try:  # libyaml parses several times faster than the pure-Python parser
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader

PARSER_VERSION = "2"

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_MERGE = "tag:yaml.org,2002:merge"

# Characters no text in a dossier may hold: C0 and C1 controls but tab and newline, lone
# surrogates, the line and paragraph separators (they break lines in the PDF engine and in Word),
# and U+FFFE, U+FFFF (not allowed in XML, so not in a Word file).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
_SEPARATORS = re.compile(r"[\u2028\u2029]")
_DIGITS = re.compile(r"[-+]?[0-9]+\Z")

# A location tree mirrors the data: [line, column] for a scalar, [line, column, {key: tree}] for
# a mapping, [line, column, [tree, ...]] for a sequence. A mapping entry's tree starts at its key.
LocTree = list

# First characters after which a plain scalar can only be a string under YAML 1.1's implicit
# resolvers (bool, int, float, null, timestamp, merge, value all start otherwise).
_PLAIN_STRING_START = frozenset("abcdeghijklmpqrsuvwxzABCDEGHIJKLMPQRSUVWXZ\"'/()[]{}$%@`^|\\,;") | frozenset(
    chr(c) for c in range(0x80, 0x800))

_SCALAR = yaml.ScalarEvent
_MAP_START, _MAP_END = yaml.MappingStartEvent, yaml.MappingEndEvent
_SEQ_START, _SEQ_END = yaml.SequenceStartEvent, yaml.SequenceEndEvent
_ALIAS = yaml.AliasEvent
_DOC_END = yaml.DocumentEndEvent

_NUMBER_KINDS = {_INT: "a whole number", _FLOAT: "a number", _BOOL: "true or false", _TIMESTAMP: "a date"}


class _Loader(_BaseLoader):
    """The safe loader with a faster tag resolver for the common case of plain text."""

    def resolve(self, kind, value, implicit):
        if kind is yaml.ScalarNode:
            if implicit[0] and value and value[0] in _PLAIN_STRING_START:
                return _STR
        elif kind is yaml.MappingNode:
            return _MAP
        elif kind is yaml.SequenceNode:
            return _SEQ
        return super().resolve(kind, value, implicit)


@dataclass
class Problem:
    """A problem found while parsing, before the file's dossier path is attached."""

    code: str
    line: int
    column: int
    message: str


@dataclass
class ParsedFile:
    """The data of one YAML file, its location tree and the problems found."""

    data: Any = None
    locs: LocTree = field(default_factory=lambda: [1, 1])
    problems: list[Problem] = field(default_factory=list)

    def to_json(self) -> list:
        """The plain-JSON form the cache stores."""
        return [self.data, self.locs, [[p.code, p.line, p.column, p.message] for p in self.problems]]

    @classmethod
    def from_json(cls, raw) -> "ParsedFile":
        """The inverse of to_json; ValueError when `raw` does not have its shape."""
        if not (isinstance(raw, list) and len(raw) == 3 and isinstance(raw[1], list) and isinstance(raw[2], list)):
            raise ValueError("not a parsed file")
        data, locs, problems = raw
        if len(locs) < 2 or not all(isinstance(n, int) for n in locs[:2]):
            raise ValueError("bad location tree")
        parsed = []
        for p in problems:
            if not (isinstance(p, list) and len(p) == 4 and isinstance(p[0], str) and isinstance(p[1], int)
                    and isinstance(p[2], int) and isinstance(p[3], str)):
                raise ValueError("bad problem")
            parsed.append(Problem(*p))
        return cls(data, locs, parsed)


class _Stop(Exception):
    """A bound was passed: the file is not read further."""


def locate(locs: LocTree, path: tuple) -> tuple[int, int]:
    """Line and column of the deepest part of `path` that the tree knows."""
    tree = locs
    for step in path:
        children = tree[2] if len(tree) > 2 else None
        try:
            tree = children[step]
        except (KeyError, IndexError, TypeError):
            break
    return tree[0], tree[1]


def decode(raw: bytes) -> tuple[str | None, Problem | None]:
    """UTF-8 text of a file, or the problem that stops it being read as such."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, Problem("BG100", 1, 1, "file is UTF-16: save it as UTF-8")
    if b"\x00" in raw:
        return None, Problem("BG100", 1, 1, "file is binary, not YAML text: remove it or replace it with a YAML file")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        return None, Problem(
            "BG100", line, column,
            f"file is not UTF-8 (byte 0x{raw[exc.start]:02x}): save it as UTF-8",
        )
    if text.startswith("\ufeff"):
        text = text[1:]
    return text, None


def parse_bytes(raw: bytes, limits: Limits | None = None) -> ParsedFile:
    """Decode and parse one file's bytes."""
    text, problem = decode(raw)
    if problem:
        return ParsedFile(problems=[problem])
    return parse_text(text, limits)


def _syntax_problem(exc: yaml.YAMLError) -> Problem:
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        what = " ".join(filter(None, [exc.context, exc.problem])) or "invalid YAML"
        hint = "; a document holds one YAML document only" if "expected a single document" in what else ""
        message = f"YAML syntax error: {what}{hint}"
    else:  # reader errors: unprintable characters
        mark = getattr(exc, "problem_mark", None)
        message = f"YAML error: {exc}"
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return Problem("BG101", line, col, message)


def parse_text(text: str, limits: Limits | None = None) -> ParsedFile:
    """Parse YAML text into plain data with locations, within `limits`."""
    if not text.strip() or all(not l.strip() or l.lstrip().startswith("#") for l in text.splitlines()):
        return ParsedFile(problems=[Problem("BG100", 1, 1, "file is empty: add content or delete the file")])
    builder = _Builder(_Loader(text), limits or Limits(), check_separators=bool(_SEPARATORS.search(text)))
    try:
        data, locs = builder.build()
    except yaml.YAMLError as exc:
        return ParsedFile(problems=builder.problems + [_syntax_problem(exc)])
    except _Stop:
        return ParsedFile(problems=builder.problems)
    finally:
        builder.parser.dispose()
    if builder.empty:
        return ParsedFile(problems=[Problem("BG100", 1, 1, "file is empty: add content or delete the file")])
    return ParsedFile(data, locs, builder.problems)


class _Frame:
    """A mapping or sequence being built; for a mapping, the key waiting for its value."""

    __slots__ = ("is_map", "data", "trees", "line", "col", "key", "key_line", "key_col", "skip_value")

    def __init__(self, is_map: bool, line: int, col: int):
        self.is_map = is_map
        self.data: Any = {} if is_map else []
        self.trees: Any = {} if is_map else []
        self.line, self.col = line, col
        self.key: str | None = None
        self.key_line = self.key_col = 0
        self.skip_value = False


class _Builder:
    """Turns libyaml's events into plain data, rejecting what dossiers must not use."""

    def __init__(self, parser: _Loader, limits: Limits, check_separators: bool):
        self.parser = parser
        self.limits = limits
        self.check_separators = check_separators
        self.problems: list[Problem] = []
        self.empty = False

    def problem(self, code: str, line: int, col: int, message: str) -> None:
        self.problems.append(Problem(code, line, col, message))

    def build(self):
        get = self.parser.get_event
        get()  # stream start
        if self.parser.check_event(yaml.StreamEndEvent):
            self.empty = True
            return None, [1, 1]
        get()  # document start
        stack: list[_Frame] = []
        root, root_tree = None, [1, 1]
        max_depth, max_values, max_text = self.limits.depth, self.limits.values_per_file, self.limits.text_chars
        values = 0
        skipping = 0  # > 0 while inside a node that is read only to be dropped
        while True:
            event = get()
            cls = event.__class__
            if cls is _DOC_END:
                break
            values += 1
            if values > max_values:
                m = event.start_mark
                self.problem("BG107", m.line + 1, m.column + 1,
                             f"file has more than {max_values:,} values (keys, list items and texts): split it "
                             "into several files, or set the environment variable BRIEFGEN_MAX_FILE_MB higher")
                raise _Stop
            if skipping:
                if cls is _MAP_START or cls is _SEQ_START:
                    skipping += 1
                elif cls is _MAP_END or cls is _SEQ_END:
                    skipping -= 1
                continue
            frame = stack[-1] if stack else None
            if frame is not None and frame.is_map and frame.key is None and not frame.skip_value:
                if cls is _MAP_END:
                    value, tree = self.close(stack.pop())
                elif self.take_key(frame, event, cls):
                    continue
                else:
                    if cls is _MAP_START or cls is _SEQ_START:
                        skipping = 1
                    continue
            elif frame is not None and frame.skip_value:
                frame.skip_value = False
                if cls is _MAP_START or cls is _SEQ_START:
                    skipping = 1
                continue
            else:
                if frame is None:
                    line, col = 1, 1
                elif frame.is_map:
                    line, col = frame.key_line, frame.key_col
                else:
                    m = event.start_mark
                    line, col = m.line + 1, m.column + 1
                if cls is _SCALAR:
                    value = event.value
                    if event.implicit[0] and value and value[0] in _PLAIN_STRING_START and event.tag is None:
                        if len(value) > max_text:
                            value = self.too_long(value, line, col)
                        elif self.check_separators and _SEPARATORS.search(value):
                            self.bad_character(line, col)
                    else:
                        value = self.scalar(event, line, col)
                    tree = [line, col]
                elif cls is _MAP_START or cls is _SEQ_START:
                    if len(stack) >= max_depth:
                        self.problem("BG107", line, col,
                                     f"lists and mappings nested more than {max_depth} levels deep: "
                                     "a dossier file needs only a few levels; flatten it")
                        raise _Stop
                    if event.tag not in (None, "!", _MAP if cls is _MAP_START else _SEQ):
                        self.bad_tag(event.tag, line, col)
                    stack.append(_Frame(cls is _MAP_START, line, col))
                    continue
                elif cls is _SEQ_END:
                    value, tree = self.close(stack.pop())
                else:  # an alias
                    self.problem("BG106", line, col,
                                 "YAML aliases (*name) are not allowed in dossier files: write the value out in full")
                    value, tree = None, [line, col]
            if not stack:
                root, root_tree = value, tree
                continue
            parent = stack[-1]
            if parent.is_map:
                parent.data[parent.key] = value
                parent.trees[parent.key] = tree
                parent.key = None
            else:
                parent.data.append(value)
                parent.trees.append(tree)
        if not self.parser.check_event(yaml.StreamEndEvent):
            nxt = self.parser.peek_event()
            raise yaml.composer.ComposerError("expected a single document in the stream", None,
                                              "but found another document", nxt.start_mark)
        return root, root_tree

    @staticmethod
    def close(frame: _Frame):
        return frame.data, [frame.line, frame.col, frame.trees]

    def take_key(self, frame: _Frame, event, cls) -> bool:
        """Record the key of the next entry; False when the entry is to be skipped (reported)."""
        m = event.start_mark
        kline, kcol = m.line + 1, m.column + 1
        if cls is not _SCALAR:
            frame.skip_value = True
            if cls is _ALIAS:
                self.problem("BG106", kline, kcol,
                             "YAML aliases (*name) are not allowed in dossier files: write the value out in full")
            else:
                self.problem("BG101", kline, kcol, "a key must be a plain name, not a list or mapping")
            return False
        key = event.value
        if key == "<<" and (event.tag == _MERGE or (event.implicit[0] and event.tag in (None, "!"))):
            self.problem("BG106", kline, kcol,
                         "YAML merge keys (<<) are not allowed in dossier files: write the keys out in full")
            frame.skip_value = True
            return True
        if key in frame.trees:
            first = frame.trees[key]
            self.problem("BG102", kline, kcol, f"duplicate key '{key}' (first at line {first[0]}): keep one of them")
            frame.skip_value = True
            return True
        if len(key) > self.limits.text_chars:
            key = self.too_long(key, kline, kcol)
        frame.key, frame.key_line, frame.key_col = key, kline, kcol
        return True

    def too_long(self, value: str, line: int, col: int) -> str:
        self.problem("BG107", line, col, f"text of {len(value):,} characters; at most {self.limits.text_chars:,} "
                                         "are allowed: shorten it or split it")
        return value[: self.limits.text_chars]

    def bad_character(self, line: int, col: int) -> None:
        self.problem("BG103", line, col, "text contains a control character, a line or paragraph separator "
                                         "(U+2028, U+2029) or a character no document may hold (a lone "
                                         "surrogate, U+FFFE, U+FFFF): remove it or use a new line")

    def bad_tag(self, tag: str, line: int, col: int) -> None:
        self.problem("BG106", line, col, f"YAML tag {tag!r} is not allowed in dossier files: remove the tag")

    def scalar(self, event, line: int, col: int):
        """The value of a scalar that is not plain text: quoted, tagged, a number, a date..."""
        value = event.value
        tag = event.tag
        if tag is None or tag == "!":
            tag = self.parser.resolve(yaml.ScalarNode, value, event.implicit)
        if tag == _STR:
            if len(value) > self.limits.text_chars:
                return self.too_long(value, line, col)
            if (event.style == '"' or self.check_separators) and _CONTROL.search(value):
                self.bad_character(line, col)
            return value
        if tag == _NULL:
            return None
        if tag not in _NUMBER_KINDS:
            self.bad_tag(tag, line, col)
            return value
        if tag in (_INT, _FLOAT) and len(value) > self.limits.number_digits + 1:
            if event.tag is None:  # a long run of digits written plain (a hash, a phone number) is text
                return value
            self.problem("BG107", line, col, f"number of {len(value):,} characters; at most "
                                             f"{self.limits.number_digits} digits are allowed: quote it if it is text")
            return None
        if tag == _INT and _DIGITS.match(value):
            return int(value)
        node = yaml.ScalarNode(tag, value, event.start_mark, event.end_mark, event.style)
        try:
            if tag == _INT:
                number = self.parser.construct_yaml_int(node)
                if number.bit_length() > 3.33 * self.limits.number_digits:
                    raise OverflowError
                return number
            if tag == _BOOL:
                return self.parser.construct_yaml_bool(node)
            if tag == _FLOAT:
                number = self.parser.construct_yaml_float(node)
                if number != number or number in (float("inf"), float("-inf")):
                    self.problem("BG103", line, col, f"'{value}' is not a finite number")
                    return None
                return number
            return self.parser.construct_yaml_timestamp(node).isoformat()
        except OverflowError:
            self.problem("BG107", line, col, f"number '{value[:40]}' has more than {self.limits.number_digits} "
                                             "digits: quote it if it is text")
        except (ValueError, TypeError, KeyError, AttributeError, IndexError):
            if tag == _TIMESTAMP:
                self.problem("BG103", line, col, f"'{value}' is not a valid date: write it as YYYY-MM-DD")
            else:
                self.problem("BG103", line, col,
                             f"'{value}' is not {_NUMBER_KINDS[tag]}: quote it if it is text")
        return None
