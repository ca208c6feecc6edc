"""`briefgen clean`: remove the parse cache (which holds a parse of every dossier file, confidential ones too)."""

from __future__ import annotations

from pathlib import Path

import click

from ..load.cache import cache_root, remove_cache


@click.command("clean")
@click.argument("dossier", required=False, type=click.Path(path_type=Path, file_okay=False))
def command(dossier: Path | None) -> None:
    """Remove briefgen's cache: of DOSSIER only, or of every dossier when none is given.

    The cache lives in your user cache folder (or BRIEFGEN_CACHE_DIR), never in the dossier; for
    DOSSIER this also removes the .briefgen-cache/ folder that briefgen 0.1 kept inside it.
    """
    try:
        removed = remove_cache(dossier)
    except OSError as exc:
        raise click.ClickException(f"cannot remove {exc.filename}: {exc.strerror}") from None
    if not removed:
        click.echo(f"Nothing to remove: no cache for {dossier}." if dossier else f"Nothing to remove in {cache_root()}.")
    for path in removed:
        click.echo(f"removed {path}")
