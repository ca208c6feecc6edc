"""`briefgen check`: report every problem of a dossier."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from ..diagnostics import json_safe, sort_key
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


def require_known(dossier, resolved, submissions) -> None:
    """Stop with a usage error naming the submissions asked for (with -s) that the dossier lacks."""
    unknown = [s for s in submissions if s not in resolved.submissions]
    if unknown:
        known = ", ".join(sorted(resolved.submissions)) or "none"
        raise click.UsageError(f"no submission {', '.join(repr(u) for u in unknown)} in {dossier}; known: {known}")


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
        emit(json_safe(json.dumps(data, ensure_ascii=False, indent=2)))
        return
    lines = [str(d) for d in items] + [str(a) for a in accepted]
    if not lines or emit("\n".join(lines)):
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

    DOSSIER is the dossier's folder (default: the current folder). `briefgen explain CODE` says
    what a diagnostic code means and how to fix it.

    Exit status 0 when clean or only warnings, 1 with errors (or warnings under --strict), 2 on
    usage errors. Warnings accepted with `accept:` are counted but never fail --strict.
    """
    _, report = check_dossier(dossier, use_cache=not no_cache)
    print_report(report, fmt, show_accepted)
    raise SystemExit(report.exit_code(strict))
