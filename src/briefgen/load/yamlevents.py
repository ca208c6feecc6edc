"""The core of the YAML reader: plain data and a location tree built from libyaml's events.

Built with an explicit stack, not from a composed node graph: composing recurses (in C, so 40,000
nested brackets overflow the stack and kill the process), and building straight from events is
also faster. Every file is bounded (`Limits`): nesting depth and the number of values stop the
build at once (`Stop`); an over-long text or number is reported and the build goes on.
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


class EventBuilder:
    """Turns libyaml's events into plain data, rejecting what dossiers must not use."""

    def __init__(self, parser: YamlLoader, limits: Limits, check_separators: bool):
        self.parser = parser
        self.limits = limits
        self.check_separators = check_separators
        self.problems: list[Problem] = []
        self.empty = False

    def problem(self, code: str, line: int, col: int, message: str) -> None:
        self.problems.append(Problem(code, line, col, message))

    def build(self):
        """The data and location tree of the document; raises yaml.YAMLError on bad syntax, Stop past a bound."""
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
                raise Stop
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
                        elif self.check_separators and SEPARATORS.search(value):
                            self.bad_character(line, col)
                    else:
                        value = self.scalar(event, line, col)
                    tree = [line, col]
                elif cls is _MAP_START or cls is _SEQ_START:
                    if len(stack) >= max_depth:
                        self.problem("BG107", line, col,
                                     f"lists and mappings nested more than {max_depth} levels deep: "
                                     "a dossier file needs only a few levels; flatten it")
                        raise Stop
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
            if tag == _TIMESTAMP or event.tag is None:
                # A date that does not exist (2020-09-31), or plain text that only looks like a number
                # ("0x_"): kept as written, so the schema says at the field what is wrong with it.
                return value
            else:
                self.problem("BG103", line, col,
                             f"'{value}' is not {_NUMBER_KINDS[tag]}: quote it if it is text")
        return None
