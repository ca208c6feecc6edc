"""The one way through: load -> resolve -> check. Build adds assemble -> render -> write."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from .checks import run_checks
from .checks.acceptance import apply_accepts
from .diagnostics import Report
from .load.loader import LoadedDossier, LoadedFile, load_builtin, load_dossier
from .load.resolve import Dossier, EntryMemo, resolve


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a dossier is read and checked.

    These stages allocate hundreds of thousands of small acyclic objects: the collector would scan
    them again and again for nothing (a third of the time). What they allocate stays alive while the
    command runs, so it is then moved out of the collector's sight (gc.freeze): switching collection
    back on would otherwise set off a full pass over all of it.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


def check_loaded(loaded: LoadedDossier, builtin: list[LoadedFile], entries: EntryMemo | None = None,
                 checks=None) -> tuple[Dossier, Report]:
    """Resolve and check what was read; `entries` and `checks` keep work between runs (watch)."""
    dossier, problems = resolve(loaded, builtin, entries)
    dossier.check_memo = checks
    report = Report(problems)
    if dossier.meta is not None or dossier.claims or dossier.submissions:
        if checks is not None:
            checks.start()
        report.extend(run_checks(dossier))
        if checks is not None:
            checks.finish()
        report.diagnostics, report.accepted = apply_accepts(dossier, report.diagnostics)
    return dossier, report


def check_dossier(root: Path, use_cache: bool = True) -> tuple[Dossier, Report]:
    """Read, resolve and check the dossier at `root`; every problem in one report."""
    with collector_paused():
        return check_loaded(load_dossier(root, use_cache=use_cache), load_builtin())
