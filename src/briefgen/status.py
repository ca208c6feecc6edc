"""One line on standard error that says what a long command is doing now, rewritten in place.

Only when standard error is a terminal (the command decides, with `start`); otherwise every call
is silent, so logs and pipes never see it. A forked worker inherits the line as it is; a fresh
interpreter takes it over with `handover` and `take_over`.
"""

from __future__ import annotations

import shutil
import sys

_on = False
_where = ""  # what the stages are of: "[2/3] complaint (public)"
_shown = False


def start(on: bool) -> None:
    """Show stages from now on (`on`), or stay silent."""
    global _on
    _on = on


def on() -> bool:
    """Whether stages are shown."""
    return _on


def about(where: str) -> None:
    """Name what the next stages are of."""
    global _where
    _where = where


def show(stage: str) -> None:
    """Replace the line with this stage."""
    global _shown
    if not _on:
        return
    text = f"{_where}: {stage}" if _where else stage
    width = shutil.get_terminal_size((80, 24)).columns - 1  # a wrapped line could not be rewritten
    _write("\r\033[K" + text[:width])
    _shown = True


def clear() -> None:
    """Remove the line, before other output."""
    global _shown
    if _on and _shown:
        _write("\r\033[K")
        _shown = False


def handover() -> tuple[bool, str]:
    """What a fresh interpreter needs to go on showing stages on this line."""
    return _on, _where


def take_over(state: tuple[bool, str]) -> None:
    """Go on with the line of the process that started this one."""
    global _on, _where
    _on, _where = state


def _write(text: str) -> None:
    try:
        sys.stderr.write(text)
        sys.stderr.flush()
    except (OSError, ValueError):
        pass  # the terminal went away: the line was only a courtesy
