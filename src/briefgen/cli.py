"""The `briefgen` command: one group, one module per command under commands/."""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import traceback

import click

from . import __version__
from .activity import during
from .commands import audit, build, check, clean, coverage, explain, init, listing, schema, watch
from .commands.check import stop_output
from .diagnostics import terminal_safe
from .limits import BadSetting


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="briefgen")
def cli() -> None:
    """Compile human-rights dossiers into sourced submissions to UN, EU and OSCE bodies."""


for module in (check, build, watch, coverage, audit, clean, init, listing, schema, explain):
    cli.add_command(module.command)


def _save_crash(exc: BaseException) -> str:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    fd, path = tempfile.mkstemp(prefix=f"briefgen-crash-{stamp}-", suffix=".txt")
    with os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace") as fh:
        fh.write(f"briefgen {__version__}, Python {sys.version.split()[0]}\nargv: {sys.argv}\n")
        fh.write(f"working on: {during(exc) or 'unknown'}\n\n")
        fh.write(traceback.format_exc())
        child = getattr(exc, "child_traceback", "")
        if child:
            fh.write(f"\nIn the process that built the submission:\n{child}")
    return path


def main() -> None:
    """Entry point: bad input is reported by the commands; a crash prints one line and saves the traceback."""
    _leave(_run())


def _run() -> int:
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        return 130
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except BadSetting as exc:
        click.echo(f"error: {exc}", err=True)
        return 2
    except SystemExit as exc:
        if isinstance(exc.code, str):
            click.echo(exc.code, err=True)
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except KeyboardInterrupt:
        click.echo("Interrupted: nothing was written.", err=True)
        return 130
    except BrokenPipeError:  # the reader of our output went away (`briefgen list claims | head`): not an error
        stop_output()
        return 0
    except Exception as exc:  # noqa: BLE001 - the last line of defence
        path = _save_crash(exc)
        where = during(exc)
        place = f" while working on {terminal_safe(where)}" if where else ""
        click.echo(f"briefgen crashed{place} (a bug, not your input). The full traceback is in {path}; "
                   "please attach it to a bug report.", err=True)
        return 3
    return 0


def _leave(code: int) -> None:
    """Flush what we printed, then end the process at once.

    Everything is written and flushed by now; tearing down the dossier's hundreds of thousands of
    objects one by one would only cost time (a third of a second on a large dossier).
    """
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (BrokenPipeError, ValueError):
            if stream is sys.stdout:
                stop_output()
    os._exit(code)
