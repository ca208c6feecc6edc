"""`briefgen build`: compile submissions to DOCX, PDF and HTML."""

from __future__ import annotations

import click


@click.command("build")
def command() -> None:
    """Build the submissions of a dossier (not yet available)."""
    raise click.UsageError("build is not available yet")
