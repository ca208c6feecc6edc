"""(Re)generate docs/format.md and docs/diagnostics.md from the models and the code registry.

The prose written by hand lives in tools/docs/*.template.md; a line `@kind NAME` there becomes the
fields of that file kind, `@parts` the parts used inside several kinds, `@codes` every diagnostic
code. Field descriptions come from the models (the same text an editor shows on hover), codes
from diagnostics.CODES and data/codes.yaml. Run from the repository root:

    python tools/make_docs.py          # rewrite the docs
    python tools/make_docs.py --check  # exit 1 if the committed docs are out of date

tests/test_docs.py fails when the committed docs differ from what this writes.
"""

from __future__ import annotations

import datetime as dt
import sys
import typing
from pathlib import Path
from typing import Annotated, Literal, Union

from pydantic import BaseModel, BeforeValidator

from briefgen.commands.explain import explanations
from briefgen.diagnostics import CODES
from briefgen.models import FILE_KINDS, ID_PATTERN, Day
from briefgen.schemas import GLOBS

REPO = Path(__file__).resolve().parent.parent
TEMPLATES = Path(__file__).resolve().parent / "docs"
OUTPUTS = {"format.md": "format.template.md", "diagnostics.md": "diagnostics.template.md"}
FAMILIES = {"1": "File and schema", "2": "References", "3": "Evidence", "4": "Law", "5": "Consistency",
            "6": "Confidentiality and consent", "7": "Addressee rules", "8": "The document"}
_NONE = type(None)


def _anchor(model: type[BaseModel]) -> str:
    return model.__name__.lower()


def _constraints(metadata) -> dict:
    found: dict = {}
    for item in metadata:
        for key in ("pattern", "max_length", "min_length", "ge", "le", "strict"):
            value = getattr(item, key, None)
            if value is not None:
                found[key] = value
        found.update(_constraints(getattr(item, "metadata", []) or []))
    return found


def type_words(annotation, metadata=()) -> str:
    """A field's type as an author reads it: 'text', 'id', 'list of ids', 'date (YYYY-MM-DD)'..."""
    metadata = list(metadata)
    if typing.get_origin(annotation) is Annotated:
        return type_words(typing.get_args(annotation)[0], [*annotation.__metadata__, *metadata])
    if any(isinstance(m, BeforeValidator) for m in metadata):
        func = next(m for m in metadata if isinstance(m, BeforeValidator)).func.__name__
        special = {"_day": "date (YYYY-MM-DD)", "_date_span": "date: YYYY-MM-DD, YYYY-MM, YYYY or [span](#datespan)",
                   "_event_date": "date: YYYY-MM-DD, YYYY-MM, YYYY, [span](#datespan) or `unknown`",
                   "_born": "year (1990) or date (1990-05-01)",
                   "_selection": "list of claim ids, or a [selection](#selection)"}
        if func in special:
            return special[func]
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin in (Union, getattr(__import__("types"), "UnionType", Union)):
        rest = [a for a in args if a is not _NONE]
        return " or ".join(type_words(a, metadata) for a in rest)
    if origin is Literal:
        return "one of " + ", ".join(f"`{v}`" for v in args)
    if origin is list:
        inner = type_words(args[0])
        return "list of ids" if inner == "id" else f"list of {inner}"
    if origin is dict:
        return f"mapping of {type_words(args[0])} to {type_words(args[1])}"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return f"[{annotation.__name__}](#{_anchor(annotation)})"
    limits = _constraints(metadata)
    if annotation is str:
        if limits.get("pattern") == ID_PATTERN:
            return "id"
        if limits.get("pattern") == r"^[A-Z]{2}$":
            return "country code (KZ)"
        if limits.get("pattern") == r"^[a-z]{2}$":
            return "language code (en)"
        if limits.get("pattern"):
            return f"text matching `{limits['pattern']}`"
        return "text" if not limits.get("min_length") else "text (not empty)"
    if annotation is bool:
        return "true or false"
    if annotation is int:
        return "whole number"
    if annotation is float:
        return "number"
    if annotation is dt.date:
        return "date (YYYY-MM-DD)"
    return getattr(annotation, "__name__", str(annotation))


def _default(info) -> str:
    if info.is_required():
        return "**required**"
    value = info.get_default(call_default_factory=True)
    if value is None or value in ([], {}) or isinstance(value, BaseModel):
        return ""
    if isinstance(value, bool):
        return f"default `{str(value).lower()}`"
    if isinstance(value, list):
        return f"default `[{', '.join(map(str, value))}]`"
    return f"default `{value}`"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def fields_table(model: type[BaseModel]) -> str:
    """The fields of a model as a Markdown table: key, type, required or default, description."""
    rows = ["| field | type | | what it is |", "| --- | --- | --- | --- |"]
    for name, info in model.model_fields.items():
        key = info.alias or name
        rows.append(f"| `{key}` | {_cell(type_words(info.annotation, info.metadata))} | {_default(info)} | "
                    f"{_cell(info.description or '')} |")
    return "\n".join(rows)


def _doc(model: type[BaseModel]) -> str:
    return " ".join((model.__doc__ or "").split())


def nested_models(model: type[BaseModel], seen: dict) -> None:
    """Every model reachable from `model`'s fields, in order of first use."""
    from briefgen.load.wording import unwrap_models
    for info in model.model_fields.values():
        for inner in unwrap_models(info.annotation) + _input_models(info):
            if inner not in seen and inner not in {m for m, _ in FILE_KINDS.values()}:
                seen[inner] = None
                nested_models(inner, seen)


def _input_models(info) -> list:
    from briefgen.load.wording import unwrap_models
    found = []
    for item in info.metadata:
        if isinstance(item, BeforeValidator) and item.json_schema_input_type is not typing.Any:
            found += unwrap_models(item.json_schema_input_type)
    return found


def kind_section(kind: str) -> str:
    model, is_list = FILE_KINDS[kind]
    where = ", ".join(f"`{g}`" for g in GLOBS[kind])
    shape = "a list of entries, each a mapping with these fields" if is_list else "one mapping with these fields"
    return f"**Files:** {where} — {shape}.\n\n{fields_table(model)}\n"


def parts_section() -> str:
    seen: dict = {}
    for model, _ in FILE_KINDS.values():
        nested_models(model, seen)
    out = []
    for model in seen:
        out.append(f"### {model.__name__}\n\n{_doc(model)}\n\n{fields_table(model)}\n")
    return "\n".join(out)


def codes_section() -> str:
    registry = explanations()
    out = []
    family = None
    for code, (severity, title) in CODES.items():
        if code[2] != family:
            family = code[2]
            out.append(f"## BG{family}xx: {FAMILIES.get(family, 'Other')}\n")
        entry = registry.get(code, {})
        out.append(f"### {code}: {title}\n\n*{severity.value}*\n")
        if entry.get("trigger"):
            out.append(f"**When:** {' '.join(entry['trigger'].split())}\n")
        if entry.get("example"):
            out.append(f"**Example:**\n\n```\n{entry['example'].strip()}\n```\n")
        if entry.get("fix"):
            out.append(f"**Fix:** {' '.join(entry['fix'].split())}\n")
    return "\n".join(out)


def render(template: str) -> str:
    """A template with its `@kind`, `@parts` and `@codes` lines filled in."""
    out = []
    for line in template.splitlines():
        if line.startswith("@kind "):
            out.append(kind_section(line.split()[1]))
        elif line.strip() == "@parts":
            out.append(parts_section())
        elif line.strip() == "@codes":
            out.append(codes_section())
        else:
            out.append(line)
    text = "\n".join(out).rstrip() + "\n"
    notice = "<!-- Generated by tools/make_docs.py from tools/docs/ and the code: edit those, not this file. -->"
    return f"{notice}\n\n{text}"


def generated() -> dict[str, str]:
    """docs file name -> the text it must have."""
    return {name: render((TEMPLATES / template).read_text(encoding="utf-8")) for name, template in OUTPUTS.items()}


def main() -> int:
    docs = REPO / "docs"
    stale = []
    for name, text in generated().items():
        path = docs / name
        if "--check" in sys.argv[1:]:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(name)
            continue
        docs.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"wrote docs/{name}")
    if stale:
        print(f"out of date: {', '.join(stale)}; run python tools/make_docs.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
