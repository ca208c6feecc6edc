"""`briefgen build`: check, then compile submissions to DOCX, PDF and HTML; nothing is written on errors."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .. import status
from ..checks.confidentiality import check_submission
from ..diagnostics import terminal_safe
from ..isolate import BoundExceeded
from ..pipeline import check_dossier
from ..write.atomic import Staged, commit, discard, locked, recover, stage
from ..checks.scope import submission_report
from .check import print_report, require_known

VARIANTS = ("pdf/a-3b", "pdf/ua-1")
EDITIONS = ("public", "confidential", "both")
EDITION_CODES = ("BG601", "BG602")


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
@click.option("-e", "--edition", type=click.Choice(EDITIONS), default=None,
              help="Build the public edition, the confidential one, or both. Default: each submission's own 'edition'.")
def command(dossier: Path, submissions: tuple[str, ...], formats: tuple[str, ...], output: Path | None,
            pdf_variant: str | None, strict: bool, edition: str | None) -> None:
    """Check DOSSIER, then build its submissions into OUTPUT/<dossier>/<submission>.<edition>.<format>.

    DOSSIER is the dossier's folder (default: the current folder). With -s, only errors in what those
    submissions use (and in the dossier as a whole) stop the build; mistakes elsewhere do not.
    """
    output = output_folder(dossier, output)
    status.start(sys.stderr.isatty())
    try:
        _build(dossier, submissions, formats, output, pdf_variant, strict, edition)
    finally:
        status.clear()


def _build(dossier: Path, submissions: tuple[str, ...], formats: tuple[str, ...], output: Path,
           pdf_variant: str | None, strict: bool, edition: str | None) -> None:
    from ..build import BuildFailure, build_outputs, confidentiality_notes, editions  # rendering loads only here
    status.show("checking the dossier")
    resolved, report = check_dossier(dossier)
    if edition is not None:  # what depends on the edition is checked for the editions asked for
        report.diagnostics = [d for d in report.diagnostics if d.code not in EDITION_CODES]
        for sub in resolved.submissions.values():
            for one in editions(sub, edition):
                report.extend(d for d in check_submission(resolved, one) if d.code in EDITION_CODES)
    _finish_interrupted(output / resolved.name)
    scoped = submission_report(resolved, report, list(submissions)) if submissions else report
    status.clear()
    if scoped.exit_code(strict):
        print_report(scoped, "text")
        if len(scoped.sorted()) < len(report.sorted()):
            click.echo(f"(other problems of the dossier do not concern {', '.join(submissions)}: "
                       f"`briefgen check {dossier}` lists them all)", err=True)
        click.echo("Nothing was built: fix the errors above, then build again.", err=True)
        raise SystemExit(1)
    require_known(dossier, resolved, submissions)
    chosen = list(submissions) or sorted(resolved.submissions)
    if not chosen:
        click.echo(f"{dossier} has no submissions: add one under submissions/.", err=True)
        raise SystemExit(1)
    target = output / resolved.name
    try:
        files = build_outputs(resolved, chosen, list(formats), target, pdf_variant, edition=edition)
    except (BuildFailure, BoundExceeded) as exc:
        status.clear()
        click.echo(terminal_safe(f"error: {exc}"), err=True)
        click.echo("Nothing was written.", err=True)
        raise SystemExit(1)
    status.show(f"writing {len(files)} files")
    written = write_submissions(target, files)
    status.clear()
    for path in sorted(p for group in written for p in group):
        click.echo(terminal_safe(str(path)))
    for note in confidentiality_notes(resolved, chosen):
        click.echo(note, err=True)
    if report.warnings:
        click.echo(f"built with {report.summary()} (see `briefgen check {dossier}`)", err=True)


def _finish_interrupted(target: Path) -> None:
    """Complete or remove what a build killed while writing left in `target` (see write/atomic.py)."""
    if target.is_dir():
        try:
            with locked(target):
                recover(target)
        except OSError:
            pass  # an unusable folder: writing into it will say so


def _by_submission(files: dict[Path, bytes]) -> dict[str, dict[str, bytes]]:
    """Output files grouped by the submission they belong to (ids hold no dot: '<id>.<ext>')."""
    groups: dict[str, dict[str, bytes]] = {}
    for path, data in files.items():
        groups.setdefault(path.name.split(".", 1)[0], {})[path.name] = data
    return dict(sorted(groups.items()))


def write_submissions(target: Path, files: dict[Path, bytes]) -> list[list[Path]]:
    """Write each submission's files all together or not at all; on a failure, say what was written and exit 1."""
    groups = _by_submission(files)
    staged: list[Staged] = []
    done: list[str] = []
    try:
        with locked(target):
            recover(target)
            for sub_id, group in groups.items():
                staged.append(stage(target, sub_id, group))
            for sub_id, item in zip(groups, staged):
                commit(item)
                done.append(sub_id)
    except OSError as exc:
        status.clear()
        for item in staged[len(done):]:
            discard(item)
        missing = [sub for sub in groups if sub not in done]
        where = exc.filename or target
        click.echo(terminal_safe(f"error: cannot write {where}: {exc.strerror}; free some space or choose another "
                                 "folder with -o"), err=True)
        if done:
            click.echo(terminal_safe(f"Written in full: {', '.join(done)}. Not written (their previous files, if "
                                     f"any, are unchanged): {', '.join(missing)}."), err=True)
        else:
            click.echo("Nothing was written: every previous file is unchanged.", err=True)
        raise SystemExit(1)
    return [item.targets for item in staged]
