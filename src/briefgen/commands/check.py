"""`briefgen check`: report every problem of a dossier."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..diagnostics import json_safe, sort_key
from ..pipeline import check_dossier


def print_report(report, fmt: str, show_accepted: bool = False) -> None:
    """Diagnostics as text lines (sorted by file and line) or as JSON (docs/diagnostics.md);
    accepted warnings are counted, and listed with their reasons when `show_accepted`."""
    items = report.sorted()
    accepted = sorted(set(report.accepted), key=lambda a: sort_key(a.diagnostic)) if show_accepted else []
    if fmt == "json":
        data = {"diagnostics": [d.to_json() for d in items],
                "summary": {"errors": report.errors, "warnings": report.warnings,
                            "accepted": len(set(report.accepted))}}
        if show_accepted:
            data["accepted"] = [a.to_json() for a in accepted]
        click.echo(json_safe(json.dumps(data, ensure_ascii=False, indent=2)))
        return
    for d in items:
        click.echo(str(d))
    for a in accepted:
        click.echo(str(a))
    click.echo(report.summary(), err=True)


@click.command("check")
@click.argument("dossier", default=".", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", help="Output format.")
@click.option("--strict", is_flag=True, help="Warnings count as errors (exit 1).")
@click.option("--show-accepted", is_flag=True,
              help="Also list the warnings accepted with `accept:` in the dossier, with their reasons.")
@click.option("--no-cache", is_flag=True, help="Parse every file again; neither read nor write the parse cache.")
def command(dossier: Path, fmt: str, strict: bool, show_accepted: bool, no_cache: bool) -> None:
    """Check a dossier: links, evidence, law, consistency, addressee rules.

    Exit status 0 when clean or only warnings, 1 with errors (or warnings under --strict), 2 on
    usage errors. Warnings accepted with `accept:` are counted but never fail --strict.
    """
    _, report = check_dossier(dossier, use_cache=not no_cache)
    print_report(report, fmt, show_accepted)
    raise SystemExit(report.exit_code(strict))
