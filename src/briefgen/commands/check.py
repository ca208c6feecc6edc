"""`briefgen check`: report every problem of a dossier."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..diagnostics import json_safe
from ..pipeline import check_dossier


def print_report(report, fmt: str) -> None:
    """Diagnostics as text lines (sorted by file and line) or as the JSON of DESIGN.md."""
    items = report.sorted()
    if fmt == "json":
        click.echo(json_safe(json.dumps({"diagnostics": [d.to_json() for d in items],
                                         "summary": {"errors": report.errors, "warnings": report.warnings}},
                                        ensure_ascii=False, indent=2)))
        return
    for d in items:
        click.echo(str(d))
    click.echo(report.summary(), err=True)


@click.command("check")
@click.argument("dossier", default=".", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", help="Output format.")
@click.option("--strict", is_flag=True, help="Warnings count as errors (exit 1).")
@click.option("--no-cache", is_flag=True, help="Parse every file again; neither read nor write the parse cache.")
def command(dossier: Path, fmt: str, strict: bool, no_cache: bool) -> None:
    """Check a dossier: links, evidence, law, consistency, addressee rules.

    Exit status 0 when clean or only warnings, 1 with errors (or warnings under --strict), 2 on
    usage errors.
    """
    _, report = check_dossier(dossier, use_cache=not no_cache)
    print_report(report, fmt)
    raise SystemExit(report.exit_code(strict))
