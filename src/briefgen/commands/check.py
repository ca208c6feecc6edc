"""`briefgen check`: report every problem of a dossier."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from ..pipeline import check_dossier


def emit(text: str) -> bool:
    """Print `text` on standard output; False when the reader went away (`| head`), which is no error."""
    try:
        click.echo(text)
        sys.stdout.flush()
    except BrokenPipeError:
        stop_output()
        return False
    return True


def stop_output() -> None:
    """After the reader of our output has gone: send the rest nowhere, quietly."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def print_report(report, fmt: str) -> None:
    """Diagnostics as text lines (sorted by file and line) or as JSON (docs/diagnostics.md)."""
    items = report.sorted()
    if fmt == "json":
        emit(json.dumps({"diagnostics": [d.to_json() for d in items],
                         "summary": {"errors": report.errors, "warnings": report.warnings}},
                        ensure_ascii=False, indent=2))
        return
    if not items or emit("\n".join(map(str, items))):
        click.echo(report.summary(), err=True)


@click.command("check")
@click.argument("dossier", default=".", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", help="Output format.")
@click.option("--strict", is_flag=True, help="Warnings count as errors (exit 1).")
@click.option("--no-cache", is_flag=True, help="Parse every file again instead of using .briefgen-cache/.")
def command(dossier: Path, fmt: str, strict: bool, no_cache: bool) -> None:
    """Check a dossier: links, evidence, law, consistency, addressee rules.

    DOSSIER is the dossier's folder (default: the current folder). `briefgen explain CODE` says
    what a diagnostic code means and how to fix it.

    Exit status 0 when clean or only warnings, 1 with errors (or warnings under --strict), 2 on
    usage errors.
    """
    _, report = check_dossier(dossier, use_cache=not no_cache)
    print_report(report, fmt)
    raise SystemExit(report.exit_code(strict))
