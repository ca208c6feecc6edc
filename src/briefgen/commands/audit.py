"""`briefgen audit`: what a lawyer's edits to a built DOCX did to its citations."""

from __future__ import annotations

from pathlib import Path

import click

from ..pipeline import check_dossier
from .check import print_report
from .coverage import emit, formatted


@click.command("audit")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--dossier", type=click.Path(path_type=Path), default=None,
              help="The dossier the document was built from: compares claims and notes with what it gives.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "html"]), default="text", help="Output format.")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Write the report to this file instead of printing it.")
def command(file: Path, dossier: Path | None, fmt: str, output: Path | None) -> None:
    """Audit an edited DOCX: claim paragraphs changed or gone, notes deleted or added by hand,
    new assertions without a note, provisions the dossier does not know.

    Exit status 0, or 1 when it finds unsourced assertions (or cannot read its inputs).
    """
    from ..review.audit import audit
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise click.UsageError(f"cannot read {file}: {exc.strerror}") from None
    resolved = None
    if dossier is not None:
        resolved, report = check_dossier(dossier)
        if report.errors:
            print_report(report, "text")
            click.echo("No audit: fix the dossier's errors above first, or audit without --dossier.", err=True)
            raise SystemExit(1)
    try:
        found = audit(data, file.name, resolved)
    except ValueError as exc:
        click.echo(f"error: {file}: {exc}", err=True)
        raise SystemExit(1)
    from ..review.audit_text import audit_text
    from ..review.html_report import audit_html
    emit(formatted(fmt, found, lambda d: audit_html(d, resolved.root if resolved else None), audit_text), output)
    raise SystemExit(1 if found["unsourced"] else 0)
