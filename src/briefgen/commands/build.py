"""`briefgen build`: check, then compile submissions to DOCX, PDF and HTML; nothing is written on errors."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..checks.confidentiality import check_submission
from ..pipeline import check_dossier
from ..write.atomic import write_all
from .check import print_report

VARIANTS = ("pdf/a-3b", "pdf/ua-1")
EDITIONS = ("public", "confidential", "both")
EDITION_CODES = ("BG601", "BG602")


@click.command("build")
@click.argument("dossier", default=".", type=click.Path(path_type=Path))
@click.option("-s", "--submission", "submissions", multiple=True, metavar="ID",
              help="Build only this submission (repeatable). Default: all.")
@click.option("-f", "--format", "formats", multiple=True, type=click.Choice(["docx", "pdf", "html"]),
              help="Output format (repeatable). Default: each submission's own 'formats'.")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=Path("output"),
              help="Output folder; documents go to OUTPUT/<dossier>/. Default: output")
@click.option("--pdf-variant", type=click.Choice(VARIANTS), default=None, help="Produce PDF/A-3b or PDF/UA-1.")
@click.option("--strict", is_flag=True, help="Refuse to build when check reports warnings too.")
@click.option("-e", "--edition", type=click.Choice(EDITIONS), default=None,
              help="Build the public edition, the confidential one, or both. Default: each submission's own 'edition'.")
def command(dossier: Path, submissions: tuple[str, ...], formats: tuple[str, ...], output: Path,
            pdf_variant: str | None, strict: bool, edition: str | None) -> None:
    """Check DOSSIER, then build its submissions into OUTPUT/<dossier>/<submission>.<edition>.<format>."""
    from ..build import BuildFailure, build_outputs, confidentiality_notes, editions  # rendering loads only here
    resolved, report = check_dossier(dossier)
    if edition is not None:  # what depends on the edition is checked for the editions asked for
        report.diagnostics = [d for d in report.diagnostics if d.code not in EDITION_CODES]
        for sub in resolved.submissions.values():
            for one in editions(sub, edition):
                report.extend(d for d in check_submission(resolved, one) if d.code in EDITION_CODES)
    if report.exit_code(strict):
        print_report(report, "text")
        click.echo("Nothing was built: fix the errors above, then build again.", err=True)
        raise SystemExit(1)
    unknown = [s for s in submissions if s not in resolved.submissions]
    if unknown:
        known = ", ".join(sorted(resolved.submissions)) or "none"
        raise click.UsageError(f"no submission {', '.join(repr(u) for u in unknown)} in {dossier}; known: {known}")
    chosen = list(submissions) or sorted(resolved.submissions)
    if not chosen:
        click.echo(f"{dossier} has no submissions: add one under submissions/.", err=True)
        raise SystemExit(1)
    target = output / resolved.name
    progress = sys.stderr.isatty() and len(chosen) > 1
    try:
        files = build_outputs(resolved, chosen, list(formats), target, pdf_variant, progress=progress, edition=edition)
    except BuildFailure as exc:
        click.echo(f"error: {exc}", err=True)
        click.echo("Nothing was written.", err=True)
        raise SystemExit(1)
    try:
        write_all(files)
    except OSError as exc:
        click.echo(f"error: cannot write {exc.filename or target}: {exc.strerror}; choose another folder with -o",
                   err=True)
        raise SystemExit(1)
    for path in sorted(files):
        click.echo(str(path))
    for note in confidentiality_notes(resolved, chosen):
        click.echo(note, err=True)
    if report.warnings:
        click.echo(f"built with {report.summary()} (see `briefgen check {dossier}`)", err=True)
