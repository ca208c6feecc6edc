"""Parse the text of one dossier file into plain data plus a tree of locations.

Pure: bytes in, `ParsedFile` out, every problem as a `Problem`, never an exception. The result is
JSON-compatible (dates become ISO strings, validated later by the schema) so the content-hash
cache can store it without pickle: a dossier folder comes from many hands, and a pickle in it
would run code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

try:  # libyaml composes several times faster than the pure-Python parser
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

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_DIGITS = re.compile(r"[-+]?[0-9]+\Z")

# A location tree mirrors the data: [line, column] for a scalar, [line, column, {key: tree}] for
# a mapping, [line, column, [tree, ...]] for a sequence. A mapping entry's tree starts at its key.
LocTree = list

# First characters after which a plain scalar can only be a string under YAML 1.1's implicit
# resolvers (bool, int, float, null, timestamp, merge, value all start otherwise).
_PLAIN_STRING_START = frozenset("abcdeghijklmpqrsuvwxzABCDEGHIJKLMPQRSUVWXZ\"'/()[]{}$%@`^|\\,;") | frozenset(
    chr(c) for c in range(0x80, 0x800))


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
        return [self.data, self.locs, [[p.code, p.line, p.column, p.message] for p in self.problems]]

    @classmethod
    def from_json(cls, raw: list) -> "ParsedFile":
        data, locs, problems = raw
        return cls(data, locs, [Problem(*p) for p in problems])


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


def _tab_at(text: str, mark) -> int | None:
    """The line (1-based) whose indentation holds the tab a syntax error stopped at, or None."""
    if mark is None:
        return None
    lines = text.splitlines()
    for number in (mark.line, mark.line - 1):  # libyaml may stop at the start of the next line
        if 0 <= number < len(lines):
            indent = lines[number][: len(lines[number]) - len(lines[number].lstrip(" \t"))]
            if "\t" in indent:
                return number + 1
    return None


def parse_bytes(raw: bytes) -> ParsedFile:
    """Decode and parse one file's bytes."""
    text, problem = decode(raw)
    if problem:
        return ParsedFile(problems=[problem])
    return parse_text(text)


def parse_text(text: str) -> ParsedFile:
    """Compose YAML text and convert it to plain data with locations."""
    if not text.strip() or all(not l.strip() or l.lstrip().startswith("#") for l in text.splitlines()):
        return ParsedFile(problems=[Problem("BG100", 1, 1, "file is empty: add content or delete the file")])
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = " ".join(filter(None, [exc.context, exc.problem])) or "invalid YAML"
        hint = "; a document holds one YAML document only" if "expected a single document" in what else ""
        tab = _tab_at(text, mark) if "tab" in what or "cannot start any token" in what else None
        if tab:
            return ParsedFile(problems=[Problem("BG101", tab, 1, "a tab character indents this line: YAML "
                                                "indentation must be spaces; replace the tab with spaces")])
        return ParsedFile(problems=[Problem("BG101", line, col, f"YAML syntax error: {what}{hint}")])
    except yaml.YAMLError as exc:  # reader errors: unprintable characters
        mark = getattr(exc, "problem_mark", None)
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return ParsedFile(problems=[Problem("BG101", line, col, f"YAML error: {exc}")])
    finally:
        loader.dispose()
    if node is None:
        return ParsedFile(problems=[Problem("BG100", 1, 1, "file is empty: add content or delete the file")])
    walker = _Walker(loader, track_aliases="&" in text)
    data, locs = walker.convert(node, 1, 1)
    return ParsedFile(data, locs, walker.problems)


class _Walker:
    """Turns a composed node graph into plain data, rejecting what dossiers must not use."""

    def __init__(self, loader, track_aliases: bool):
        self.constructor = loader
        self.problems: list[Problem] = []
        self.seen: set[int] | None = set() if track_aliases else None

    def problem(self, code: str, line: int, col: int, message: str) -> None:
        self.problems.append(Problem(code, line, col, message))

    def convert(self, node, line: int, col: int):
        if self.seen is not None:
            if id(node) in self.seen:
                self.problem("BG106", line, col,
                             "YAML aliases (*name) are not allowed in dossier files: write the value out in full")
                return None, [line, col]
            self.seen.add(id(node))
        tag = node.tag
        if isinstance(node, yaml.MappingNode):
            if tag != _MAP:
                self.bad_tag(node, line, col)
            return self.mapping(node, line, col)
        if isinstance(node, yaml.SequenceNode):
            if tag != _SEQ:
                self.bad_tag(node, line, col)
            items, trees = [], []
            for item in node.value:
                m = item.start_mark
                value, tree = self.convert(item, m.line + 1, m.column + 1)
                items.append(value)
                trees.append(tree)
            return items, [line, col, trees]
        return self.scalar(node, line, col), [line, col]

    def bad_tag(self, node, line: int, col: int) -> None:
        self.problem("BG106", line, col,
                     f"YAML tag {node.tag!r} is not allowed in dossier files: remove the tag")

    def mapping(self, node, line: int, col: int):
        result: dict[str, Any] = {}
        trees: dict[str, LocTree] = {}
        for key_node, value_node in node.value:
            m = key_node.start_mark
            kline, kcol = m.line + 1, m.column + 1
            if key_node.tag == _MERGE:
                self.problem("BG106", kline, kcol,
                             "YAML merge keys (<<) are not allowed in dossier files: write the keys out in full")
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.problem("BG101", kline, kcol, "a key must be a plain name, not a list or mapping")
                continue
            key = key_node.value
            if key in result or key in trees:
                first = trees[key]
                self.problem("BG102", kline, kcol,
                             f"duplicate key '{key}' (first at line {first[0]}): keep one of them")
                continue
            value, tree = self.convert(value_node, kline, kcol)
            result[key] = value
            trees[key] = tree
        return result, [line, col, trees]

    def scalar(self, node, line: int, col: int):
        tag, value = node.tag, node.value
        if tag == _STR:
            if node.style == '"' and _CONTROL.search(value):
                self.problem("BG103", line, col,
                             "text contains a control character (such as \\x07): remove it")
            return value
        if tag == _INT:
            if _DIGITS.match(value):
                return int(value)
            return self.constructor.construct_yaml_int(node)
        if tag == _NULL:
            return None
        if tag == _BOOL:
            return self.constructor.construct_yaml_bool(node)
        if tag == _FLOAT:
            number = self.constructor.construct_yaml_float(node)
            if number != number or number in (float("inf"), float("-inf")):
                self.problem("BG103", line, col, f"'{value}' is not a finite number")
                return None
            return number
        if tag == _TIMESTAMP:
            try:
                return self.constructor.construct_yaml_timestamp(node).isoformat()
            except ValueError:
                self.problem("BG103", line, col, f"'{value}' is not a valid date: write it as YYYY-MM-DD")
                return value
        self.bad_tag(node, line, col)
        return value
