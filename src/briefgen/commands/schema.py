"""`briefgen schema`: JSON Schemas of every dossier file kind, for editors that validate YAML."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..schemas import GLOBS, schemas
from ..write.atomic import write_all


@click.command("schema")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=Path("schema"),
              help="Folder for the <kind>.schema.json files. Default: schema")
def command(output: Path) -> None:
    """Write a JSON Schema for each dossier file kind, and how to use them in VS Code.

    The schemas accept what `briefgen check` accepts, and describe every field (hover help).
    """
    files = {output / f"{kind}.schema.json": (json.dumps(s, indent=2, ensure_ascii=False) + "\n").encode()
             for kind, s in schemas().items()}
    try:
        write_all(files)
    except OSError as exc:
        raise click.ClickException(f"cannot write {exc.filename or output}: {exc.strerror}; "
                                   "choose a folder you can write to with -o") from None
    mapping = {str((output / f"{k}.schema.json").as_posix()): GLOBS[k] for k in GLOBS}
    click.echo(f"Wrote {len(files)} schemas to {output}/. For VS Code (YAML extension), add to settings.json:")
    click.echo(json.dumps({"yaml.schemas": mapping}, indent=2))
