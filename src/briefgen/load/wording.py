"""Schema errors in a dossier author's words: pydantic's error records -> (code, message).

Messages name the field as written in the file, say what it must be in plain terms (text, a list,
a mapping, true or false, a date written YYYY-MM-DD) and what was found, and suggest the likely
intended key or value. Python's vocabulary (dict, str, NoneType) never reaches the user.
"""

from __future__ import annotations

import difflib
import re
import typing

from pydantic import BaseModel

from ..models import ID_PATTERN, describe_value

_KEY = "[key]"  # pydantic's marker for an error in a mapping's key


def unwrap_models(annotation) -> list[type[BaseModel]]:
    """Model classes reachable in a field annotation (through Optional, list, Annotated...)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found = []
    for arg in typing.get_args(annotation):
        found.extend(unwrap_models(arg))
    return found


def field_of(model: type[BaseModel], name: str):
    """The field of `model` written `name` in a file (its alias or its name), or None."""
    for fname, info in model.model_fields.items():
        if name in (fname, info.alias):
            return info
    return None


def model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The model class that validates the object at `loc` inside `model`."""
    current: type[BaseModel] | None = model
    for step in loc:
        if isinstance(step, int) or current is None:
            continue
        info = field_of(current, step)
        if info is None:
            return None
        models = unwrap_models(info.annotation)
        current = models[0] if models else None
    return current


def known_keys(model: type[BaseModel]) -> list[str]:
    """The keys a mapping of this model may hold, as written in files."""
    return [info.alias or name for name, info in model.model_fields.items()]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def _field_name(model: type[BaseModel], loc: tuple) -> str:
    """How to name the place of an error: 'tags', item 2 of 'tags', 'a' in 'figures', or 'entry'."""
    steps = [s for s in loc if s != _KEY]
    names = [s for s in steps if isinstance(s, str)]
    name = names[-1] if names else "entry"
    if steps and isinstance(steps[-1], int):
        return f"item {steps[-1] + 1} of '{name}'"
    if len(steps) > 1 and isinstance(steps[-2], str):
        parent = model_at(model, tuple(steps[:-1]))
        if parent is None:  # not a model: a mapping of the author's own names (figures, abbreviations)
            return f"'{name}' in '{steps[-2]}'"
    return f"'{name}'"


def _plain(text: str) -> str:
    """pydantic's wording with Python's type names replaced by the author's."""
    for old, new in (("Input should be", "must be"), ("a valid string", "text"), ("a valid dictionary", "a mapping"),
                     ("a valid integer", "a whole number"), ("a valid number", "a number"),
                     ("a valid boolean", "true or false"), ("a valid list", "a list"), ("a valid date", "a date"),
                     ("dictionary", "mapping"), ("string", "text"), ("integer", "whole number")):
        text = text.replace(old, new)
    return text[:1].lower() + text[1:]


def _yes_no_hint(value) -> str:
    return " (YAML reads yes, no, on and off as true or false: put text in quotes)" if isinstance(value, bool) else ""


def missing_message(names: list[str]) -> str:
    """One message for every required field missing from one mapping."""
    quoted = [f"'{n}'" for n in names]
    if len(quoted) == 1:
        return f"missing field {quoted[0]}: add it"
    return f"missing fields {', '.join(quoted[:-1])} and {quoted[-1]}: add them"


def message(model: type[BaseModel], error: dict) -> tuple[str, str]:
    """The code and message for one pydantic error (other than a missing field)."""
    loc = tuple(error["loc"])
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    where = _field_name(model, loc)
    if _KEY in loc:
        return "BG103", (f"the name '{value}' in {where} is not a valid id: use lowercase letters, digits and "
                         f"hyphens (for example '{_slug(str(value))}')")
    if kind == "extra_forbidden":
        name = str(loc[-1])
        parent = model_at(model, loc[:-1])
        known = known_keys(parent) if parent else []
        close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
        hint = f" (did you mean '{close[0]}'?)" if close else (f"; known fields: {', '.join(known)}" if known else "")
        return "BG104", f"unknown field '{name}'{hint}"
    if kind == "literal_error":
        allowed = re.findall(r"'([^']*)'", ctx.get("expected", "")) or re.findall(r"\b\d+\b", ctx.get("expected", ""))
        close = difflib.get_close_matches(str(value), allowed, n=1, cutoff=0.6)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        return "BG103", f"{where} must be one of: {', '.join(allowed)}; got {describe_value(value)}{hint}"
    if kind == "string_pattern_mismatch":
        pattern = ctx.get("pattern", "")
        if pattern == ID_PATTERN:
            return "BG103", (f"'{value}' is not a valid id: use lowercase letters, digits and hyphens, "
                             f"starting with a letter or digit (for example '{_slug(str(value))}')")
        if where == "'sha256'":
            return "BG103", ("'sha256' must be the 64 hexadecimal characters of a SHA-256 hash (quote it); "
                             f"got {describe_value(value)}")
        if pattern == r"^[A-Z]{2}$":
            return "BG103", (f"{where} must be a two-letter country code in capitals (such as KZ); "
                             f"got {describe_value(value)}")
        if pattern == r"^[a-z]{2}$":
            return "BG103", (f"{where} must be a two-letter language code in lowercase (such as en); "
                             f"got {describe_value(value)}")
        return "BG103", f"{where} has an invalid value {describe_value(value)}"
    if kind in ("string_type", "str_type"):
        return "BG103", f"{where} must be text; got {describe_value(value)}{_yes_no_hint(value)}"
    if kind == "string_too_short":
        return "BG103", f"{where} must not be empty"
    if kind == "string_too_long":
        return "BG103", f"{where} is longer than {ctx.get('max_length')} characters: shorten it"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return "BG103", f"{where} must be a mapping of keys and values (key: value); got {describe_value(value)}"
    if kind in ("list_type", "tuple_type", "set_type"):
        return "BG103", (f"{where} must be a list, written [a, b] or one '- ' item per line; "
                         f"got {describe_value(value)}")
    if kind in ("bool_type", "bool_parsing"):
        return "BG103", f"{where} must be true or false; got {describe_value(value)}"
    if kind.startswith("int_"):
        return "BG103", f"{where} must be a whole number; got {describe_value(value)}"
    if kind.startswith("float_"):
        return "BG103", f"{where} must be a number; got {describe_value(value)}"
    if kind.startswith(("date", "datetime")):
        return "BG103", f"{where} must be a date written YYYY-MM-DD; got {describe_value(value)}"
    if kind in ("value_error", "assertion_error"):
        text = error["msg"].removeprefix("Value error, ").removeprefix("Assertion failed, ")
        if not loc:
            return "BG103", text
        return "BG103", f"{where} {text}" if text.startswith("must") else f"{where}: {text}"
    return "BG103", f"{where} {_plain(error['msg'])}; got {describe_value(value)}"
