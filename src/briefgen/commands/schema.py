"""`briefgen schema`: JSON Schemas of every dossier file kind, for editors that validate YAML."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..models import FILE_KINDS
from ..write.atomic import write_all

GLOBS = {
    "dossier": ["dossier.yaml"],
    "sources": ["sources.yaml", "sources/*.yaml"],
    "norms": ["norms.yaml"],
    "people": ["people.yaml", "people/*.yaml"],
    "claims": ["claims/*.yaml"],
    "submissions": ["submissions/*.yaml"],
    "addressees": ["addressees.yaml"],
}


def schemas() -> dict[str, dict]:
    """kind -> JSON Schema (a list file's schema is an array of its entries)."""
    out = {}
    for kind, (model, is_list) in FILE_KINDS.items():
        entry = model.model_json_schema(by_alias=True)
        if is_list:
            defs = entry.pop("$defs", {})
            entry = {"type": "array", "items": entry, **({"$defs": defs} if defs else {})}
        entry = {"$schema": "https://json-schema.org/draft/2020-12/schema",
                 "title": f"briefgen {kind} file", **entry}
        out[kind] = entry
    return out


@click.command("schema")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=Path("schema"),
              help="Folder for the <kind>.schema.json files.")
def command(output: Path) -> None:
    """Write a JSON Schema for each dossier file kind, and how to use them in VS Code."""
    files = {output / f"{kind}.schema.json": (json.dumps(s, indent=2, ensure_ascii=False) + "\n").encode()
             for kind, s in schemas().items()}
    write_all(files)
    mapping = {str((output / f"{k}.schema.json").as_posix()): GLOBS[k] for k in GLOBS}
    click.echo(f"Wrote {len(files)} schemas to {output}/. For VS Code (YAML extension), add to settings.json:")
    click.echo(json.dumps({"yaml.schemas": mapping}, indent=2))
