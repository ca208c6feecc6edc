"""`briefgen watch`: keep a dossier in memory, check it again on every save, rebuild when asked."""

from __future__ import annotations

import time
from datetime import datetime
from pathlib import Path
from typing import Callable

import click

from ..checks.scope import submission_report
from ..session import Outcome, Session, watched_files
from .build import output_folder
from .check import emit


def _status(outcome: Outcome) -> str:
    count = len(outcome.changed)
    what = "first check" if outcome.first else f"{count} file{'s' if count != 1 else ''} changed"
    return (f"[{datetime.now():%H:%M:%S}] {outcome.report.summary()} — checked in {outcome.seconds:.2f} s "
            f"({what}; {outcome.checks_rerun} entry checks re-run)")


def _rebuild(session: Session, outcome: Outcome, previous, formats: list[str], output: Path | None,
             strict: bool) -> None:
    """Rebuild the submissions the change affects that nothing stops; say what was written or why not."""
    from ..build import BuildFailure, build_outputs
    from ..isolate import BoundExceeded
    from .build import write_submissions
    dossier = outcome.dossier
    target = output_folder(session.root, output) / dossier.name
    for sub_id in session.affected(outcome, previous):
        if submission_report(dossier, outcome.report, [sub_id]).exit_code(strict):
            click.echo(f"  {sub_id}: not rebuilt (errors above concern it)", err=True)
            continue
        try:
            files = build_outputs(dossier, [sub_id], formats, target, None)
            write_submissions(target, files)
        except (BuildFailure, BoundExceeded, OSError) as exc:
            click.echo(f"  {sub_id}: not rebuilt: {exc}", err=True)
            continue
        except SystemExit:  # write_submissions said what could not be written
            continue
        click.echo(f"  {sub_id}: rebuilt {', '.join(sorted(p.name for p in files))}", err=True)


def watch_loop(session: Session, interval: float, on_outcome: Callable[[Outcome, object], None],
               keep_going: Callable[[], bool] = lambda: True) -> None:
    """Check now, then again whenever a file the check reads changes, until `keep_going` says stop.

    The files are looked at before each check, so a save made while a check runs is seen next time.
    """
    seen = watched_files(session.root, None)
    on_outcome(session.check(), None)
    seen |= {p: v for p, v in watched_files(session.root, session.last.dossier).items() if p not in seen}
    while keep_going():
        time.sleep(interval)
        now = watched_files(session.root, session.last.dossier)
        if now == seen:
            continue
        seen = now
        previous = session.last.dossier
        on_outcome(session.check(), previous)


@click.command("watch")
@click.argument("dossier", default=".", type=click.Path(path_type=Path, file_okay=False))
@click.option("--build", "rebuild", is_flag=True, help="After each check, rebuild the submissions the change "
              "affects (those its errors do not concern).")
@click.option("-f", "--format", "formats", multiple=True, type=click.Choice(["docx", "pdf", "html"]),
              help="With --build: format to rebuild (repeatable). Default: each submission's own 'formats'.")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="With --build: output folder, as for `briefgen build`.")
@click.option("--strict", is_flag=True, help="With --build: warnings also stop a rebuild.")
@click.option("--interval", type=click.FloatRange(0.01, 10), default=0.05, show_default=True,
              help="Seconds between looks at the files.")
def command(dossier: Path, rebuild: bool, formats: tuple[str, ...], output: Path | None, strict: bool,
            interval: float) -> None:
    """Check DOSSIER, then check it again each time one of its files is saved (Ctrl-C stops).

    DOSSIER is the dossier's folder (default: the current folder). The dossier stays in memory: a
    re-check parses only the files that changed and re-runs only the checks whose inputs changed.
    With --build, the documents a change affects are rebuilt as `briefgen build` would.
    """
    if rebuild:
        output_folder(dossier, output)  # refuse an output folder inside the dossier before starting
    session = Session(dossier)

    def show(outcome: Outcome, previous) -> None:
        items = outcome.report.sorted()
        if items:
            emit("\n".join(map(str, items)))
        click.echo(_status(outcome), err=True)
        if rebuild:
            _rebuild(session, outcome, previous, list(formats), output, strict)

    try:
        watch_loop(session, interval, show)
    except KeyboardInterrupt:
        click.echo("Stopped watching.", err=True)
