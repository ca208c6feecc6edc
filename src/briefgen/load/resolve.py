"""The resolver: parsed files -> a typed, linked `Dossier`, with schema diagnostics.

Pure: takes what the loader read, validates every entry against its model (BG103, BG104), rejects
duplicate ids (BG105) and indexes everything by id. Reference checks (BG2xx) run on the result.
"""

from __future__ import annotations

import difflib
import re
import typing
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ValidationError

from ..diagnostics import Diagnostic, Location, diagnostic
from .loader import LoadedDossier, LoadedFile
from ..models import (FILE_KINDS, ID_PATTERN, Addressee, Claim, DossierMeta, Entry, Model, Norm, Origin,
                     Person, Source, Submission)
from .yamlparse import LocTree, locate

_NOUNS = {"sources": "source", "norms": "norm", "people": "person", "claims": "claim",
          "addressees": "addressee", "submissions": "submission"}


@dataclass
class Dossier:
    """A dossier's typed objects by id, with the means to locate any of their fields."""

    name: str = ""
    root: Path | None = None
    meta: DossierMeta | None = None
    sources: dict[str, Source] = field(default_factory=dict)
    norms: dict[str, Norm] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    claims: dict[str, Claim] = field(default_factory=dict)
    submissions: dict[str, Submission] = field(default_factory=dict)
    addressees: dict[str, Addressee] = field(default_factory=dict)
    builtin_ids: set[tuple[str, str]] = field(default_factory=set)  # (kind, id) of built-ins
    locs: dict[str, LocTree] = field(default_factory=dict)
    evidence: dict[str, str | None] = field(default_factory=dict)
    template_overrides: dict[str, bytes] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)  # path -> sha256 of every file read

    def where(self, obj: Entry, *path) -> Location:
        """The location of `obj` or of one of its fields (a path of keys and indexes)."""
        origin = obj.origin
        if origin is None:
            return Location("", 0, 0)
        full = tuple(origin.path) + path
        tree = self.locs.get(origin.file)
        line, col = locate(tree, full) if tree else (0, 0)
        return Location(origin.file, line, col)

    def is_builtin(self, kind: str, id: str) -> bool:
        return (kind, id) in self.builtin_ids


def _unwrap_models(annotation) -> list[type[BaseModel]]:
    """Model classes reachable in a field annotation (through Optional, list, Annotated...)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found = []
    for arg in typing.get_args(annotation):
        found.extend(_unwrap_models(arg))
    return found


def _model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The model class that validates the object at `loc` inside `model`."""
    current: type[BaseModel] | None = model
    for step in loc:
        if isinstance(step, int) or current is None:
            continue
        field_info = _field(current, step)
        if field_info is None:
            return None
        models = _unwrap_models(field_info.annotation)
        current = models[0] if models else None
    return current


def _field(model: type[BaseModel], name: str):
    for fname, info in model.model_fields.items():
        if name in (fname, info.alias):
            return info
    return None


def _known_keys(model: type[BaseModel]) -> list[str]:
    return [info.alias or name for name, info in model.model_fields.items()]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def _message(model: type[BaseModel], error: dict) -> tuple[str, str]:
    """The code and message for one pydantic error, in words a dossier author can act on."""
    loc = tuple(error["loc"])
    kind = error["type"]
    name = next((str(s) for s in reversed(loc) if isinstance(s, str)), "entry")
    value = error.get("input")
    if kind == "missing":
        return "BG103", f"missing field '{name}': add it"
    if kind == "extra_forbidden":
        parent = _model_at(model, loc[:-1])
        known = _known_keys(parent) if parent else []
        close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
        hint = f" (did you mean '{close[0]}'?)" if close else (
            f"; known fields: {', '.join(known)}" if known else "")
        return "BG104", f"unknown field '{name}'{hint}"
    if kind == "literal_error":
        allowed = re.findall(r"'([^']*)'", error.get("ctx", {}).get("expected", ""))
        close = difflib.get_close_matches(str(value), allowed, n=1, cutoff=0.6)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        return "BG103", f"'{name}' must be one of: {', '.join(allowed)}; got '{value}'{hint}"
    if kind == "string_pattern_mismatch":
        pattern = error.get("ctx", {}).get("pattern", "")
        if pattern == ID_PATTERN:
            return "BG103", (f"'{value}' is not a valid id: use lowercase letters, digits and hyphens, "
                             f"starting with a letter or digit (for example '{_slug(str(value))}')")
        if name == "sha256":
            return "BG103", f"'sha256' must be the 64 hexadecimal characters of a SHA-256 hash (quote it); got '{value}'"
        if name == "born":
            return "BG103", f"'born' must be a year (1990) or a date (1990-05-01); got '{value}'"
        return "BG103", f"'{name}' has an invalid value '{value}'"
    if kind.startswith("date") or kind.startswith("datetime"):
        return "BG103", f"'{name}' must be a date written YYYY-MM-DD; got '{value}'"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return "BG103", f"'{name}' must be a mapping of keys and values; got {type(value).__name__}"
    if kind == "list_type":
        return "BG103", f"'{name}' must be a list; got {type(value).__name__}"
    if kind == "value_error":
        return "BG103", f"'{name}': {error['msg'].removeprefix('Value error, ')}"
    if kind == "string_too_short":
        return "BG103", f"'{name}' must not be empty"
    return "BG103", f"'{name}': {error['msg'].lower()}; got '{value}'"


def _validate(file: LoadedFile, model: type[Model], data, path: tuple, out: list[Diagnostic]):
    try:
        obj = model.model_validate(data)
    except ValidationError as exc:
        ident = data.get("id") if isinstance(data, dict) and isinstance(data.get("id"), str) else None
        for error in exc.errors(include_url=False):
            code, message = _message(model, error)
            line, col = locate(file.parsed.locs, path + tuple(error["loc"]))
            out.append(diagnostic(code, Location(file.path, line, col), message, ident))
        return None
    obj._origin = Origin(file=file.path, path=path)
    return obj


def _objects(file: LoadedFile, out: list[Diagnostic]) -> list[Model]:
    """Validated objects of one file; diagnostics for the entries that fail."""
    model, is_list = FILE_KINDS[file.kind]
    data = file.parsed.data
    if data is None:
        return []
    noun = _NOUNS.get(file.kind, file.kind)
    if is_list:
        if not isinstance(data, list):
            out.append(diagnostic("BG103", Location(file.path, 1, 1),
                                  f"this file must be a list of {file.kind} (each entry starting with '- id:')"))
            return []
        objects = []
        for index, item in enumerate(data):
            if not isinstance(item, dict):
                line, col = locate(file.parsed.locs, (index,))
                out.append(diagnostic("BG103", Location(file.path, line, col),
                                      f"each entry must be a {noun} (a mapping with 'id:'), not {type(item).__name__}"))
                continue
            obj = _validate(file, model, item, (index,), out)
            if obj is not None:
                objects.append(obj)
        return objects
    if not isinstance(data, dict):
        out.append(diagnostic("BG103", Location(file.path, 1, 1),
                              f"this file must be a mapping of fields (title:, ...), not a {type(data).__name__}"))
        return []
    obj = _validate(file, model, data, (), out)
    return [obj] if obj is not None else []


def resolve(loaded: LoadedDossier, builtin: list[LoadedFile]) -> tuple[Dossier, list[Diagnostic]]:
    """Validate every file and index its objects by id."""
    out: list[Diagnostic] = list(loaded.problems)
    dossier = Dossier(name=loaded.name, root=loaded.root, evidence=loaded.evidence,
                      template_overrides=loaded.template_overrides)
    for file in builtin + loaded.files:
        dossier.locs[file.path] = file.parsed.locs
        dossier.files[file.path] = file.sha256
        for p in file.parsed.problems:
            out.append(diagnostic(p.code, Location(file.path, p.line, p.column), p.message))
        for obj in _objects(file, out):
            if file.kind == "dossier":
                dossier.meta = obj
                continue
            table = getattr(dossier, file.kind)
            if obj.id in table:
                first = table[obj.id]
                if dossier.is_builtin(file.kind, obj.id):
                    message = (f"'{obj.id}' redefines a built-in {_NOUNS[file.kind]}: choose another id "
                               f"(the built-in one is available as it is)")
                else:
                    where = dossier.where(first)
                    message = (f"duplicate {_NOUNS[file.kind]} id '{obj.id}' "
                               f"(first defined at {where.path}:{where.line}): rename one of them")
                out.append(diagnostic("BG105", dossier.where(obj, "id"), message, obj.id))
                continue
            table[obj.id] = obj
            if file.builtin:
                dossier.builtin_ids.add((file.kind, obj.id))
    return dossier, out
