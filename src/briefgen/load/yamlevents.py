"""The core of the YAML reader: plain data and the positions of its values, from libyaml's events.

Built with an explicit stack, not from a composed node graph: composing recurses (in C, so 40,000
nested brackets overflow the stack and kill the process), and building straight from events is
also faster. Every file is bounded (`Limits`): nesting depth and the number of values stop the
build at once (`Stop`); an over-long text or number is reported and the build goes on. The loop
is the hot path of a cold `check`: the common cases (a key, plain text, a whole number, a day)
take the fewest steps.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from ..limits import Limits

try:  # libyaml parses several times faster than the pure-Python parser
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader

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
SEPARATORS = re.compile(r"[\u2028\u2029]")
_DIGITS = re.compile(r"[-+]?[0-9]+\Z")
_PLAIN_INT = re.compile(r"(?:0|[1-9][0-9]*)\Z")
_PLAIN_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
# Plain words that YAML 1.1 reads as true, false or nothing, and the first characters of any word
# it may read so (every other plain scalar starting with one of them is text).
_WORDS = {**dict.fromkeys("yes Yes YES true True TRUE on On ON".split(), True),
          **dict.fromkeys("no No NO false False FALSE off Off OFF".split(), False),
          **dict.fromkeys("~ null Null NULL".split(), None)}
_WORD_START = frozenset("yYnNtTfFoO~")

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

_SKIP = object()  # in place of a key: the entry's value is read only to be dropped
_NUMBER_KINDS = {_INT: "a whole number", _FLOAT: "a number", _BOOL: "true or false", _TIMESTAMP: "a date"}


class YamlLoader(_BaseLoader):
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


class Stop(Exception):
    """A bound was passed: the file is not read further."""


def count_values(value) -> int:
    """How many values `value` is made of, itself included: the positions it takes in the flat list."""
    if isinstance(value, dict):
        return 1 + sum(count_values(v) for v in value.values())
    if isinstance(value, list):
        return 1 + sum(count_values(v) for v in value)
    return 1


class EventBuilder:
    """Turns libyaml's events into plain data, rejecting what dossiers must not use.

    Locations are kept compactly: the 0-based line and column of every value but the root, one
    pair after another in document order (a mapping's value at its key, then what is inside it).
    The data mirrors that order exactly, so a location tree can be rebuilt from the two when a
    message needs a position (`location_tree`).
    """

    def __init__(self, parser: YamlLoader, limits: Limits, check_separators: bool):
        self.parser = parser
        self.limits = limits
        self.check_separators = check_separators
        self.problems: list[Problem] = []
        self.empty = False
        self.positions: list[int] = []

    def problem(self, code: str, line: int, col: int, message: str) -> None:
        self.problems.append(Problem(code, line, col, message))

    def build(self):
        """The data of the document (positions in `self.positions`); raises yaml.YAMLError on bad
        syntax, Stop past a bound."""
        get = self.parser.get_event
        get()  # stream start
        if self.parser.check_event(yaml.StreamEndEvent):
            self.empty = True
            return None
        get()  # document start
        positions = self.positions
        add = positions.append
        max_depth, max_values, max_text = self.limits.depth, self.limits.values_per_file, self.limits.text_chars
        check_separators = self.check_separators
        # The innermost open mapping or sequence: its data, whether it is a mapping, the key waiting
        # for its value (None: a key is expected; _SKIP: the value is to be dropped) and where that
        # key is, and where the positions of its values start. The ones around it are on the stack.
        data: Any = None
        in_map = False
        key: Any = None
        key_line = key_col = first = 0
        stack: list[tuple] = []
        root = None
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
                raise Stop
            if skipping:
                if cls is _MAP_START or cls is _SEQ_START:
                    skipping += 1
                elif cls is _MAP_END or cls is _SEQ_END:
                    skipping -= 1
                continue
            if in_map:
                if key is None:
                    if cls is _SCALAR:
                        key = event.value
                        m = event.start_mark
                        if key in data or key == "<<" or len(key) > max_text:
                            key = self.odd_key(data, first, event, key)
                        key_line = m.line
                        key_col = m.column
                        if key is not _SKIP:
                            add(key_line)
                            add(key_col)
                        continue
                    if cls is not _MAP_END:
                        self.bad_key(event, cls)
                        key = _SKIP
                        if cls is not _ALIAS:
                            skipping = 1
                        continue
                elif key is _SKIP:
                    key = None
                    if cls is _MAP_START or cls is _SEQ_START:
                        skipping = 1
                    continue
                else:
                    line, col = key_line + 1, key_col + 1
            elif data is None:
                line, col = 1, 1
            elif cls is not _SEQ_END:
                m = event.start_mark
                line, col = m.line + 1, m.column + 1
                add(m.line)
                add(m.column)
            if cls is _SCALAR:
                value = event.value
                if event.implicit[0] and value and value[0] in _PLAIN_STRING_START and event.tag is None:
                    if len(value) > max_text:
                        value = self.too_long(value, line, col)
                    elif check_separators and SEPARATORS.search(value):
                        self.bad_character(line, col)
                else:
                    value = self.scalar(event, line, col)
            elif cls is _MAP_START or cls is _SEQ_START:
                if len(stack) >= max_depth:
                    self.problem("BG107", line, col,
                                 f"lists and mappings nested more than {max_depth} levels deep: "
                                 "a dossier file needs only a few levels; flatten it")
                    raise Stop
                if event.tag not in (None, "!", _MAP if cls is _MAP_START else _SEQ):
                    self.bad_tag(event.tag, line, col)
                stack.append((data, in_map, key, key_line, key_col, first))
                data, in_map, key, first = ({} if cls is _MAP_START else []), cls is _MAP_START, None, len(positions)
                continue
            elif cls is _SEQ_END or cls is _MAP_END:
                value = data
                data, in_map, key, key_line, key_col, first = stack.pop()
            else:  # an alias
                self.problem("BG106", line, col,
                             "YAML aliases (*name) are not allowed in dossier files: write the value out in full")
                value = None
            if data is None:
                root = value
            elif in_map:
                data[key] = value
                key = None
            else:
                data.append(value)
        if not self.parser.check_event(yaml.StreamEndEvent):
            nxt = self.parser.peek_event()
            raise yaml.composer.ComposerError("expected a single document in the stream", None,
                                              "but found another document", nxt.start_mark)
        return root

    def odd_key(self, data: dict, first: int, event, key: str):
        """A key that is a merge key (<<), a duplicate or too long: reported; the key to use, or
        _SKIP when its entry is to be dropped."""
        m = event.start_mark
        if key == "<<" and (event.tag == _MERGE or (event.implicit[0] and event.tag in (None, "!"))):
            self.problem("BG106", m.line + 1, m.column + 1,
                         "YAML merge keys (<<) are not allowed in dossier files: write the keys out in full")
            return _SKIP
        if key in data:
            self.problem("BG102", m.line + 1, m.column + 1, f"duplicate key '{key}' (first at line "
                         f"{self.key_line(data, first, key)}): keep one of them")
            return _SKIP
        if len(key) > self.limits.text_chars:
            return self.too_long(key, m.line + 1, m.column + 1)
        return key

    def key_line(self, data: dict, first: int, key: str) -> int:
        """The line of a key already in the mapping being built, whose positions start at `first`."""
        index = first
        for name, value in data.items():
            if name == key:
                return self.positions[index] + 1
            index += 2 * count_values(value)
        return 0

    def bad_key(self, event, cls) -> None:
        """Report a key that is not a plain name; its entry is dropped."""
        m = event.start_mark
        if cls is _ALIAS:
            self.problem("BG106", m.line + 1, m.column + 1,
                         "YAML aliases (*name) are not allowed in dossier files: write the value out in full")
        else:
            self.problem("BG101", m.line + 1, m.column + 1, "a key must be a plain name, not a list or mapping")

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
        if tag is None:  # the common cases first, each given the value YAML 1.1's resolvers give it
            if not event.implicit[0]:  # quoted, or a block of text
                tag = _STR
            elif value[:1] in _WORD_START:
                if value in _WORDS:
                    return _WORDS[value]
                tag = _STR
            elif len(value) <= self.limits.number_digits + 1 and _PLAIN_INT.match(value):
                return int(value)
            elif _PLAIN_DAY.match(value):
                return value  # a day as YYYY-MM-DD is kept as written, whether or not it exists
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
            if tag == _TIMESTAMP or event.tag is None:
                # A date that does not exist (2020-09-31), or plain text that only looks like a number
                # ("0x_"): kept as written, so the schema says at the field what is wrong with it.
                return value
            else:
                self.problem("BG103", line, col,
                             f"'{value}' is not {_NUMBER_KINDS[tag]}: quote it if it is text")
        return None
