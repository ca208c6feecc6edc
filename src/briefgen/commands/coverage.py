"""`briefgen coverage`: how well each submission's assertions are supported, for a reviewer or a CI gate."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..pipeline import check_dossier
from ..review.shares import SHARES, below
from ..write.atomic import write_all
from .check import print_report, require_known


def _thresholds(ctx, param, value: str | None) -> dict[str, float]:
    """'sourced=100,corroborated=60' -> {'sourced': 100.0, 'corroborated': 60.0}."""
    if not value:
        return {}
    found: dict[str, float] = {}
    for item in value.split(","):
        name, _, number = item.partition("=")
        name = name.strip()
        if name not in SHARES:
            raise click.BadParameter(f"'{name}' is not a share; use one of: {', '.join(SHARES)}")
        try:
            found[name] = float(number)
        except ValueError:
            raise click.BadParameter(f"'{item.strip()}' needs a number of per cent, e.g. {name}=60") from None
    return found


def formatted(fmt: str, data: dict, html, text) -> str:
    """A report's data as JSON, or through its HTML or text function."""
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return html(data) if fmt == "html" else text(data)


def emit(text: str, output: Path | None) -> None:
    """A report printed, or written to `output` (atomically) with its path printed; exit 1 if it cannot be."""
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        write_all({output: text.encode("utf-8")})
    except OSError as exc:
        click.echo(f"error: cannot write {exc.filename or output}: {exc.strerror}; choose another file with -o",
                   err=True)
        raise SystemExit(1)
    click.echo(str(output))


@click.command("coverage")
@click.argument("dossier", default=".", type=click.Path(path_type=Path))
@click.option("-s", "--submission", "submissions", multiple=True, metavar="ID",
              help="Report only this submission (repeatable). Default: all.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "html"]), default="text", help="Output format.")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Write the report to this file instead of printing it.")
@click.option("--fail-under", "fail_under", callback=_thresholds, metavar="SHARE=PCT,...",
              help=f"Exit 1 when a submission's share is lower, e.g. sourced=100,corroborated=60. "
                   f"Shares: {', '.join(SHARES)}.")
def command(dossier: Path, submissions: tuple[str, ...], fmt: str, output: Path | None,
            fail_under: dict[str, float]) -> None:
    """Report the citation coverage of DOSSIER's submissions: each paragraph with its claim, status,
    sources and norms; counts and shares; the claims x norms matrix; the recommendations' support.

    Exit status 0, or 1 when the dossier has errors or a share is under --fail-under.
    """
    from ..assemble.templating import TemplateProblem
    resolved, report = check_dossier(dossier)
    if report.errors:
        print_report(report, "text")
        click.echo("No coverage report: fix the errors above first (the documents cannot be built).", err=True)
        raise SystemExit(1)
    require_known(dossier, resolved, submissions)
    chosen = list(dict.fromkeys(submissions)) or sorted(resolved.submissions)
    try:
        from ..review.coverage import coverage  # assembling documents loads the template engine
        data = coverage(resolved, chosen)
    except TemplateProblem as exc:
        click.echo(f"error: template {exc.template}, line {exc.line}: {exc.message}", err=True)
        raise SystemExit(1)
    from ..review.coverage_text import coverage_text
    from ..review.html_report import coverage_html
    emit(formatted(fmt, data, lambda d: coverage_html(d, resolved.root), coverage_text), output)
    failures = below(data, fail_under)
    for failure in failures:
        click.echo(f"coverage: {failure}", err=True)
    raise SystemExit(1 if failures else 0)
