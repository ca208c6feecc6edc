"""`briefgen init DIR`: write a small dossier that passes check and builds."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import click

from ..write.atomic import write_all


def starter_files() -> dict[str, bytes]:
    """The starter dossier shipped in the package: relative path -> content."""
    base = resources.files("briefgen") / "data" / "init"
    files: dict[str, bytes] = {}

    def walk(node, prefix: str) -> None:
        for child in node.iterdir():
            if child.is_dir():
                walk(child, f"{prefix}{child.name}/")
            elif child.name.endswith(".yaml"):
                files[prefix + child.name] = child.read_bytes()

    walk(base, "")
    return files


@click.command("init")
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("--force", is_flag=True, help="Write into a folder that already holds files.")
def command(directory: Path, force: bool) -> None:
    """Create a small example dossier in DIRECTORY."""
    if directory.exists() and not directory.is_dir():
        raise click.UsageError(f"{directory} is a file: give a folder for the new dossier")
    if directory.is_dir() and any(directory.iterdir()) and not force:
        raise click.UsageError(f"{directory} is not empty: choose a new folder, or pass --force "
                               "(existing files with the same names are replaced)")
    files = starter_files()
    try:
        write_all({directory / rel: data for rel, data in sorted(files.items())})
    except OSError as exc:
        raise click.ClickException(f"cannot write {exc.filename or directory}: {exc.strerror}; "
                                   "choose a folder you can write to") from None
    click.echo(f"Wrote a dossier of {len(files)} files to {directory}. Next: briefgen check {directory}")
