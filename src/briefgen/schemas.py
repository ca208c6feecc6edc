"""JSON Schemas of the dossier file kinds, generated from the models, that accept what `check` accepts.

Editors validate YAML against them as the author types (VS Code with the YAML extension), and
show each field's description on hover. Two things pydantic's own schemas leave out are added:
text fields also take numbers (the models turn 405 into '405'), and a mapping of the author's own
names (figures, abbreviations) rejects keys that are not ids. What JSON Schema cannot say (a
range whose 'to' is before its 'from') is left to `check`.
"""

from __future__ import annotations

import re

from pydantic.json_schema import GenerateJsonSchema

from .models import FILE_KINDS, ID_PATTERN

_FIXED_DIGITS = re.compile(r"^\^\[0-9[a-zA-Z-]*\]\{(\d+)\}\$$")  # ^[0-9a-f]{64}$: N characters, digits among them
DIALECT = "https://json-schema.org/draft/2020-12/schema"

# Where each kind of file lives in a dossier, for an editor's file-to-schema mapping.
GLOBS = {
    "dossier": ["dossier.yaml"],
    "sources": ["sources.yaml", "sources/*.yaml"],
    "norms": ["norms.yaml"],
    "people": ["people.yaml", "people/*.yaml"],
    "claims": ["claims/*.yaml"],
    "submissions": ["submissions/*.yaml"],
    "addressees": ["addressees.yaml"],
}


class _DossierSchema(GenerateJsonSchema):
    """pydantic's generator, with the input forms our models accept."""

    def str_schema(self, schema):
        text = super().str_schema(schema)
        pattern = text.get("pattern")
        if pattern is None:
            return {"anyOf": [text, {"type": "number"}]}
        if pattern == ID_PATTERN:  # 12 is read as the id '12'
            return {"anyOf": [text, {"type": "integer", "minimum": 0}]}
        digits = _FIXED_DIGITS.match(pattern)
        if digits:  # a hash of digits only, unquoted, is read as a number of that many digits
            n = int(digits.group(1))
            return {"anyOf": [text, {"type": "integer", "minimum": 10 ** (n - 1), "maximum": 10 ** n - 1}]}
        return text

    def dict_schema(self, schema):
        mapping: dict = {"type": "object"}
        keys = schema.get("keys_schema") or {}
        names = {name: keys[key] for key, name in (("pattern", "pattern"), ("max_length", "maxLength"),
                                                    ("min_length", "minLength")) if keys.get(key) is not None}
        if names:
            mapping["propertyNames"] = names
        if schema.get("values_schema"):
            mapping["additionalProperties"] = self.generate_inner(schema["values_schema"])
        return mapping

    def field_title_should_be_set(self, schema) -> bool:
        return False  # the description says more than a title made from the field's name


def schemas() -> dict[str, dict]:
    """kind -> JSON Schema (a list file's schema is an array of its entries)."""
    out = {}
    for kind, (model, is_list) in FILE_KINDS.items():
        entry = model.model_json_schema(by_alias=True, schema_generator=_DossierSchema, mode="validation")
        if is_list:
            defs = entry.pop("$defs", {})
            entry = {"type": "array", "items": entry, **({"$defs": defs} if defs else {})}
        out[kind] = {"$schema": DIALECT, "title": f"briefgen {kind} file", **entry}
    return out


def undescribed(schema: dict) -> list[str]:
    """Paths of properties without a description (hover help) in a schema, for the tests."""
    missing: list[str] = []

    def walk(node, where: str) -> None:
        if isinstance(node, dict):
            for name, prop in (node.get("properties") or {}).items():
                if not prop.get("description"):
                    missing.append(f"{where}.{name}")
            for key, value in node.items():
                walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, f"{where}[{i}]")

    walk(schema, "")
    return missing
