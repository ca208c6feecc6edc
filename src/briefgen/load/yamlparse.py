"""Parse the text of one dossier file into plain data plus the positions of its values.

Pure: bytes in, `ParsedFile` out, every problem as a `Problem`, never an exception. The data is
JSON-compatible (dates become ISO strings, validated later by the schema) so the cache can store
it without pickle.

The data is built from libyaml's events by yamlevents.EventBuilder, within `Limits`.
"""

from __future__ import annotations

import json
from array import array
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..limits import Limits
from .yamlevents import SEPARATORS, EventBuilder, LocTree, Problem, Stop, YamlLoader

PARSER_VERSION = "3"
_POSITION_TYPE = "I"  # unsigned, at least 32 bits


@dataclass
class ParsedFile:
    """The data of one YAML file, where its values are, and the problems found.

    `positions` holds the 0-based line and column of every value but the root, pair after pair, in
    the order of the data (see yamlevents.EventBuilder): compact to keep and to cache. The location
    tree (`locs`) is built from them only when a message needs a position in this file.
    """

    data: Any = None
    positions: list[int] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    _tree: LocTree | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def locs(self) -> LocTree:
        """The location tree of the data, built on first use."""
        if self._tree is None:
            self._tree = location_tree(self.data, self.positions)
        return self._tree

    def encode(self) -> bytes:
        """The form the cache stores: the data and problems as JSON, a new line, then the positions
        packed as unsigned 32-bit numbers (OverflowError past those: such a file is not cached)."""
        problems = [[p.code, p.line, p.column, p.message] for p in self.problems]
        # json.dumps uses the C encoder (json.dump to a file would use the pure-Python one); its
        # output holds no raw new line, so the first one ends it.
        text = json.dumps([self.data, problems], ensure_ascii=False, separators=(",", ":"))
        return text.encode("utf-8") + b"\n" + array(_POSITION_TYPE, self.positions).tobytes()

    @classmethod
    def decode(cls, payload: bytes) -> "ParsedFile":
        """The inverse of encode; ValueError when `payload` does not have its shape."""
        text, _, packed = payload.partition(b"\n")
        raw = json.loads(text)
        if not (isinstance(raw, list) and len(raw) == 2 and isinstance(raw[1], list)):
            raise ValueError("not a parsed file")
        positions = array(_POSITION_TYPE)
        positions.frombytes(packed)  # ValueError unless a whole number of items
        if len(positions) % 2:
            raise ValueError("bad positions")
        data, problems = raw
        parsed = []
        for p in problems:
            if not (isinstance(p, list) and len(p) == 4 and isinstance(p[0], str) and isinstance(p[1], int)
                    and isinstance(p[2], int) and isinstance(p[3], str)):
                raise ValueError("bad problem")
            parsed.append(Problem(*p))
        return cls(data, positions.tolist(), parsed)


def location_tree(data: Any, positions: list[int]) -> LocTree:
    """The location tree of `data` from the positions of its values (1-based, as messages give them).

    Positions that run out (never so for a parse of ours) leave the rest at line 0.
    """
    taken = iter(positions)

    def tree(value, line: int, col: int) -> LocTree:
        if isinstance(value, dict):
            return [line, col, {k: tree(v, next(taken, -1) + 1, next(taken, -1) + 1) for k, v in value.items()}]
        if isinstance(value, list):
            return [line, col, [tree(v, next(taken, -1) + 1, next(taken, -1) + 1) for v in value]]
        return [line, col]

    return tree(data, 1, 1)


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


def _syntax_problem(exc: yaml.YAMLError, text: str) -> Problem:
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        what = " ".join(filter(None, [exc.context, exc.problem])) or "invalid YAML"
        tab = _tab_at(text, mark) if "tab" in what or "cannot start any token" in what else None
        if tab:
            return Problem("BG101", tab, 1, "a tab character indents this line: YAML indentation must be spaces; "
                           "replace the tab with spaces")
        hint = "; a document holds one YAML document only" if "expected a single document" in what else ""
        message = f"YAML syntax error: {what}{hint}"
    else:  # reader errors: unprintable characters
        mark = getattr(exc, "problem_mark", None)
        message = f"YAML error: {exc}"
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return Problem("BG101", line, col, message)


def _only_comments(text: str) -> bool:
    """Whether the text holds nothing but blank lines and comments."""
    start = text.lstrip()[:1]
    if start and start != "#":  # the common case, without splitting a large file into lines
        return False
    return all(not l.strip() or l.lstrip().startswith("#") for l in text.splitlines())


def parse_text(text: str, limits: Limits | None = None) -> ParsedFile:
    """Parse YAML text into plain data with locations, within `limits`."""
    if _only_comments(text):
        return ParsedFile(problems=[Problem("BG100", 1, 1, "file is empty: add content or delete the file")])
    builder = EventBuilder(YamlLoader(text), limits or Limits(), check_separators=bool(SEPARATORS.search(text)))
    try:
        data = builder.build()
    except yaml.YAMLError as exc:
        return ParsedFile(problems=builder.problems + [_syntax_problem(exc, text)])
    except Stop:
        return ParsedFile(problems=builder.problems)
    finally:
        builder.parser.dispose()
    if builder.empty:
        return ParsedFile(problems=[Problem("BG100", 1, 1, "file is empty: add content or delete the file")])
    return ParsedFile(data, builder.positions, builder.problems)


