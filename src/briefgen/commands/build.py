"""`briefgen build`: check, then compile submissions to DOCX, PDF and HTML; nothing is written on errors."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..pipeline import check_dossier
from ..write.atomic import write_all
from ..checks.scope import submission_report
from .check import print_report

VARIANTS = ("pdf/a-3b", "pdf/ua-1")


def output_folder(dossier: Path, output: Path | None) -> Path:
    """Where outputs go: never inside the dossier, where they would mix with its files.

    The default is output/ in the current folder, or next to the dossier when run inside it.
    """
    root = dossier.resolve()
    if output is None:
        here = Path.cwd().resolve()
        return root.parent / "output" if here == root or root in here.parents else Path("output")
    chosen = output.resolve()
    if chosen == root or root in chosen.parents:
        raise click.UsageError(f"{output} is inside the dossier {dossier}: built documents (and confidential "
                               "editions) must not mix with its files; choose a folder outside it with -o")
    return output


@click.command("build")
@click.argument("dossier", default=".", type=click.Path(path_type=Path))
@click.option("-s", "--submission", "submissions", multiple=True, metavar="ID",
              help="Build only this submission (repeatable). Default: all.")
@click.option("-f", "--format", "formats", multiple=True, type=click.Choice(["docx", "pdf", "html"]),
              help="Output format (repeatable). Default: each submission's own 'formats'.")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Output folder (outside the dossier); documents go to OUTPUT/<dossier>/. Default: output/ in "
                   "the current folder, or next to the dossier when run inside it.")
@click.option("--pdf-variant", type=click.Choice(VARIANTS), default=None, help="Produce PDF/A-3b or PDF/UA-1.")
@click.option("--strict", is_flag=True, help="Refuse to build when check reports warnings too.")
def command(dossier: Path, submissions: tuple[str, ...], formats: tuple[str, ...], output: Path | None,
            pdf_variant: str | None, strict: bool) -> None:
    """Check DOSSIER, then build its submissions into OUTPUT/<dossier>/.

    DOSSIER is the dossier's folder (default: the current folder). With -s, only errors in what those
    submissions use (and in the dossier as a whole) stop the build; mistakes elsewhere do not.
    """
    from ..build import BuildFailure, build_outputs  # rendering libraries load only when building
    output = output_folder(dossier, output)
    resolved, report = check_dossier(dossier)
    scoped = submission_report(resolved, report, list(submissions)) if submissions else report
    if scoped.exit_code(strict):
        print_report(scoped, "text")
        if len(scoped.sorted()) < len(report.sorted()):
            click.echo(f"(other problems of the dossier do not concern {', '.join(submissions)}: "
                       f"`briefgen check {dossier}` lists them all)", err=True)
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
        files = build_outputs(resolved, chosen, list(formats), target, pdf_variant, progress=progress)
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
    if report.warnings:
        click.echo(f"built with {report.summary()} (see `briefgen check {dossier}`)", err=True)
