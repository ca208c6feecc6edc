"""The resolver: parsed files -> a typed, linked `Dossier`, with schema diagnostics.

Pure: takes what the loader read, validates every entry against its model (BG103, BG104), rejects
duplicate ids (BG105) and indexes everything by id. Reference checks (BG2xx) run on the result.

Every problem is reported once. An entry with errors is not dropped: what can be saved of it
(load/salvage.py) is kept in `Dossier.faulty`, so its id is known and the ids it names are still
checked, but no other check looks at it and nothing prints it.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import Iterator

from pydantic import ValidationError

from ..diagnostics import Diagnostic, Location, diagnostic
from ..models import (FILE_KINDS, Addressee, Claim, DossierMeta, Entry, Model, Norm, Origin, Person, Source,
                      Submission, describe_value)
from .loader import LAYOUT, LoadedDossier, LoadedFile
from .salvage import salvage
from .wording import message, missing_message
from .yamlparse import LocTree, ParsedFile

_ID_LIKE = re.compile(r"[^a-z0-9]+")
NOUNS = {"sources": "source", "norms": "norm", "people": "person", "claims": "claim",
         "addressees": "addressee", "submissions": "submission", "dossier": "dossier"}


def locate(tree: LocTree | None, path: tuple) -> tuple[int, int]:
    """Line and column of the deepest part of `path` that the location tree knows.

    A key that the file does not spell out (the `ids` of a selection written as a plain list) is
    stepped over, so the position is that of the item the user wrote.
    """
    if not tree:
        return 0, 0
    for step in path:
        children = tree[2] if len(tree) > 2 else None
        if isinstance(children, list) and isinstance(step, str):
            continue
        try:
            tree = children[step]
        except (KeyError, IndexError, TypeError):
            break
    return tree[0], tree[1]


@dataclass
class Dossier:
    """A dossier's typed objects by id, with the means to locate any of their fields.

    The tables (`sources`, `claims`...) hold the entries without errors, in the order of the files
    and of the entries in them: the checks and the build use them. `faulty` holds, per kind, what
    was saved of entries with errors, and `broken` the keys of each entry that had errors.
    """

    name: str = ""
    root: Path | None = None
    meta: DossierMeta | None = None
    sources: dict[str, Source] = field(default_factory=dict)
    norms: dict[str, Norm] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    claims: dict[str, Claim] = field(default_factory=dict)
    submissions: dict[str, Submission] = field(default_factory=dict)
    addressees: dict[str, Addressee] = field(default_factory=dict)
    faulty: dict[str, dict[str, Entry]] = field(default_factory=lambda: defaultdict(dict))
    broken: dict[tuple[str, str], frozenset[str]] = field(default_factory=dict)  # (kind, id) -> keys with errors
    builtin_ids: set[tuple[str, str]] = field(default_factory=set)  # (kind, id) of built-ins
    parses: dict[str, ParsedFile] = field(default_factory=dict)  # path -> the file's parse, for positions
    evidence: dict[str, str | None] = field(default_factory=dict)
    template_overrides: dict[str, bytes] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)  # path -> sha256 of every file read
    file_kinds: dict[str, str] = field(default_factory=dict)  # path -> kind of every file read
    unreadable: set[str] = field(default_factory=set)  # kinds with a file that could not be read or parsed
    mentioned: set[str] = field(default_factory=set)  # ids that entries left out of the tables may name
    check_memo: object | None = None  # checks.memo.CheckMemo of a `briefgen watch` session
    run_cache: dict = field(default_factory=dict)  # what checks compute once per run (selections...)

    def where(self, obj: Entry, *path) -> Location:
        """The location of `obj` or of one of its fields (a path of keys and indexes)."""
        origin = obj.origin
        if origin is None:
            return Location("", 0, 0)
        parsed = self.parses.get(origin.file)
        line, col = locate(parsed.locs if parsed else None, tuple(origin.path) + path)
        return Location(origin.file, line, col)

    def is_builtin(self, kind: str, id: str) -> bool:
        return (kind, id) in self.builtin_ids

    def every(self, kind: str) -> Iterator[Entry]:
        """Every entry of a kind, with or without errors (for reference checks)."""
        return chain(getattr(self, kind).values(), self.faulty.get(kind, {}).values())

    def complete(self, *kinds: str) -> bool:
        """Whether every file of these kinds was read: otherwise an id may be defined or used unseen."""
        return not self.unreadable.intersection(kinds)

    def fingerprint(self, *kinds: str) -> tuple:
        """What the files of these kinds hold (their paths and hashes): equal when nothing changed."""
        key = ("fingerprint", kinds)
        if key not in self.run_cache:
            self.run_cache[key] = tuple(sorted((path, self.files[path]) for path, kind in self.file_kinds.items()
                                               if kind in kinds))
        return self.run_cache[key]

    def known(self, kind: str, id: str | None) -> bool:
        """Whether an id of this kind is defined (with or without errors)."""
        return id in getattr(self, kind) or id in self.faulty.get(kind, {})

    def known_ids(self, kind: str) -> list[str]:
        """Every id of a kind, for "did you mean" hints."""
        return [*getattr(self, kind), *self.faulty.get(kind, {})]


@dataclass
class FileEntries:
    """What one file gives: its entries (each with the keys that had errors) and its diagnostics."""

    # (entry, keys with errors or None, key to index it by: its id, or where it is when it has no usable id)
    entries: list[tuple[Model, frozenset[str] | None, str]] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    mentioned: dict[str, frozenset[str]] = field(default_factory=dict)  # key -> ids an entry with errors names
    readable: bool = True


def _id_like(data, found: set[str]) -> set[str]:
    """Every text in an entry's data, as the id it would be (so 'Src_B' counts as a use of src-b)."""
    if isinstance(data, str):
        found.add(_ID_LIKE.sub("-", data.lower()).strip("-"))
    elif isinstance(data, list):
        for item in data:
            _id_like(item, found)
    elif isinstance(data, dict):
        for item in data.values():
            _id_like(item, found)
    return found


def _entry_id(item) -> str | None:
    return item.get("id") if isinstance(item, dict) and isinstance(item.get("id"), str) else None


def _entry_at(file: LoadedFile, line: int) -> tuple:
    """The path of the entry that holds `line` ((index,) in a list file, () otherwise)."""
    data, tree = file.parsed.data, file.parsed.locs
    if not isinstance(data, list) or len(tree) < 3 or not isinstance(tree[2], list):
        return ()
    found: tuple = ()
    for index, item_tree in enumerate(tree[2]):
        if item_tree[0] > line:
            break
        found = (index,)
    return found


def _id_at(file: LoadedFile, path: tuple) -> str | None:
    data = file.parsed.data
    return _entry_id(data[path[0]] if path and isinstance(data, list) else data)


_FIRST_AT = re.compile(r"duplicate key .* \(first at line (\d+)\)")


@dataclass
class _ParserFound:
    """What parsing already reported in a file, so that validation does not report it again."""

    values: set  # places of values the parser found wrong (a day that does not exist)
    duplicates: set  # places of the first of two equal keys (the parser's BG102 is their one message)
    merged: set  # paths of entries with a merge key (<<): the keys it would have given are not 'missing'

    @classmethod
    def of(cls, file: LoadedFile) -> "_ParserFound":
        problems = file.parsed.problems
        firsts = [(_FIRST_AT.match(p.message), p.column) for p in problems if p.code == "BG102"]
        return cls({(p.line, p.column) for p in problems if p.code == "BG103"},
                   {(int(m.group(1)), column) for m, column in firsts if m},
                   {_entry_at(file, p.line) for p in problems if p.code == "BG106" and "<<" in p.message})


def _validate(file: LoadedFile, model: type[Model], data: dict, path: tuple, parser: _ParserFound,
              out: FileEntries) -> None:
    try:
        obj = model.model_validate(data, by_name=False)
        broken = None
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        if path in parser.merged:
            reported = [e for e in errors if e["type"] != "missing"]
        else:
            reported = errors
        _report(file, model, data, path, reported, parser, out.diagnostics)
        obj, keys = salvage(model, data, [tuple(e["loc"]) for e in errors])
        broken = frozenset(keys)
    obj.set_origin(Origin(file=file.path, path=path))
    key = _entry_id(data) or "#{}:{}".format(file.path, locate(file.parsed.locs, path)[0])
    out.entries.append((obj, broken, key))
    if broken is not None:
        out.mentioned[key] = frozenset(_id_like(data, set()))


def _report(file: LoadedFile, model: type[Model], data: dict, path: tuple, errors: list[dict], parser: _ParserFound,
            out: list[Diagnostic]) -> None:
    """One diagnostic per place: missing fields of one mapping together.

    Where the parser also found the value wrong (a day that does not exist), the schema's message,
    which names the field, replaces the parser's: its place is taken out of `parser.values`.
    """
    ident = _entry_id(data)
    missing: dict[tuple, list[str]] = {}
    seen: set[tuple[int, int]] = set()
    for error in errors:
        loc = tuple(error["loc"])
        if error["type"] == "missing":
            missing.setdefault(loc[:-1], []).append(str(loc[-1]))
            continue
        line, col = locate(file.parsed.locs, path + tuple(s for s in loc if s != "[key]"))
        if (line, col) in seen or (line, col) in parser.duplicates:
            continue
        seen.add((line, col))
        if error.get("input", ...) is None and (line, col) in parser.values:
            continue  # the parser dropped a value it could not read and says why; "got nothing" would not
        parser.values.discard((line, col))
        code, text = message(model, error)
        out.append(diagnostic(code, Location(file.path, line, col), text, ident))
    misspelt = {(tuple(e["loc"][:-1]), str(e["loc"][-1])) for e in errors if e["type"] == "extra_forbidden"}
    for parent, names in missing.items():
        # A required key written with a typo ('titel') is one mistake: its BG104 already says 'did you mean'.
        typos = [key for where, key in misspelt if where == parent]
        names = [n for n in names if not difflib.get_close_matches(n, typos, n=1, cutoff=0.6)]
        if names:
            line, col = locate(file.parsed.locs, path + parent)
            out.append(diagnostic("BG103", Location(file.path, line, col), missing_message(names), ident))


def file_entries(file: LoadedFile) -> FileEntries:
    """Validate one file: its entries and every problem found in it, parsing included."""
    out = FileEntries()
    model, is_list = FILE_KINDS[file.kind]
    data = file.parsed.data
    parser = _ParserFound.of(file)
    noun = NOUNS.get(file.kind, file.kind)
    if data is None:
        out.readable = False
    elif is_list and not isinstance(data, list):
        out.diagnostics.append(diagnostic("BG103", Location(file.path, 1, 1),
                                          f"this file must be a list of {file.kind}, each entry starting with "
                                          f"'- id:'; it holds {describe_value(data)}"))
    elif not is_list and not isinstance(data, dict):
        out.diagnostics.append(diagnostic("BG103", Location(file.path, 1, 1), "this file must be a mapping of "
                                          f"fields (title: ...); it holds {describe_value(data)}"))
    elif is_list:
        for index, item in enumerate(data):
            if isinstance(item, dict):
                _validate(file, model, item, (index,), parser, out)
                continue
            line, col = locate(file.parsed.locs, (index,))
            out.diagnostics.append(diagnostic("BG103", Location(file.path, line, col),
                                              f"each entry must be a {noun}: a mapping of fields starting with "
                                              f"'id:'; got {describe_value(item)}"))
    else:
        _validate(file, model, data, (), parser, out)
    for p in file.parsed.problems:
        if p.code != "BG103" or (p.line, p.column) in parser.values:
            out.diagnostics.append(diagnostic(p.code, Location(file.path, p.line, p.column), p.message,
                                              _id_at(file, _entry_at(file, p.line))))
    return out


class EntryMemo:
    """Validated entries of files already seen, by path and content hash (for `briefgen watch`)."""

    def __init__(self):
        self._files: dict[tuple[str, str], FileEntries] = {}

    def get(self, file: LoadedFile) -> FileEntries:
        key = (file.path, file.sha256)
        found = self._files.get(key)
        if found is None:
            found = self._files[key] = file_entries(file)
        return found

    def keep_only(self, files: list[LoadedFile]) -> None:
        """Forget files no longer in the dossier or changed since."""
        current = {(f.path, f.sha256) for f in files}
        for key in list(self._files):
            if key not in current:
                del self._files[key]


def resolve(loaded: LoadedDossier, builtin: list[LoadedFile], memo: EntryMemo | None = None
            ) -> tuple[Dossier, list[Diagnostic]]:
    """Validate every file and index its objects by id."""
    out: list[Diagnostic] = list(loaded.problems)
    dossier = Dossier(name=loaded.name, root=loaded.root, evidence=loaded.evidence,
                      template_overrides=loaded.template_overrides)
    files = builtin + loaded.files
    dossier.unreadable |= {kind_of_path(d.location.path) for d in loaded.problems if d.code == "BG100"}
    if memo is not None:
        memo.keep_only(files)
    for file in files:
        dossier.parses[file.path] = file.parsed
        dossier.files[file.path] = file.sha256
        dossier.file_kinds[file.path] = file.kind
        result = memo.get(file) if memo is not None else file_entries(file)
        out.extend(result.diagnostics)
        if not result.readable:
            dossier.unreadable.add(file.kind)
        for ids in result.mentioned.values():
            dossier.mentioned |= ids
        for obj, broken, key in result.entries:
            if file.kind == "dossier":
                dossier.meta = obj if broken is None else _without(obj, broken)
                if broken is not None:
                    dossier.broken[("dossier", "")] = broken
                continue
            duplicate = _duplicate(dossier, file.kind, obj, key)
            if duplicate:
                out.append(duplicate)
                dossier.mentioned |= _id_like(obj.model_dump(mode="json", by_alias=True, warnings=False), set())
                continue
            if broken is None:
                getattr(dossier, file.kind)[key] = obj
            else:
                dossier.faulty[file.kind][key] = obj
                dossier.broken[(file.kind, key)] = broken
            if file.builtin:
                dossier.builtin_ids.add((file.kind, key))
    return dossier, out


def kind_of_path(path: str) -> str | None:
    """The kind of data a dossier file holds, from where it is (claims/x.yaml -> claims)."""
    for kind, (names, folder) in LAYOUT.items():
        if path in names or (folder and path.startswith(folder + "/")):
            return kind
    return None


def _without(meta: DossierMeta, broken: frozenset[str]) -> DossierMeta:
    """dossier.yaml with its faulty fields at their defaults: checks read it (its period) even so."""
    reset = {name: info.get_default(call_default_factory=True) for name, info in type(meta).model_fields.items()
             if (info.alias or name) in broken and not info.is_required()}
    return meta.model_copy(update=reset)


def _duplicate(dossier: Dossier, kind: str, obj: Entry, key: str) -> Diagnostic | None:
    """BG105 when an entry's id is already taken."""
    first = getattr(dossier, kind).get(key) or dossier.faulty.get(kind, {}).get(key)
    if first is None:
        return None
    if dossier.is_builtin(kind, key):
        text = (f"'{key}' redefines a built-in {NOUNS[kind]}: choose another id "
                f"(the built-in one is available as it is)")
    else:
        where = dossier.where(first)
        text = (f"duplicate {NOUNS[kind]} id '{key}' (first defined at {where.path}:{where.line}): "
                "rename one of them")
    return diagnostic("BG105", dossier.where(obj, "id"), text, key)
