"""`briefgen explain CODE`: what a diagnostic code means, an example, and how to fix it."""

from __future__ import annotations

import difflib
import textwrap
from functools import lru_cache
from importlib import resources

import click

from ..diagnostics import CODES


@lru_cache(maxsize=1)
def explanations() -> dict[str, dict[str, str]]:
    """The registry of explanations (data/codes.yaml): code -> {trigger, example, fix}."""
    import yaml
    raw = (resources.files("briefgen") / "data" / "codes.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(raw)


def explain_text(code: str, width: int = 88) -> str:
    """One code's explanation as plain text."""
    severity, title = CODES[code]
    entry = explanations().get(code, {})
    lines = [f"{code} ({severity.value}): {title}", ""]
    for label, key in (("When", "trigger"), ("Example", "example"), ("Fix", "fix")):
        if entry.get(key):
            body = entry[key].strip()
            lines.append(f"{label}:")
            lines += [f"    {body}"] if key == "example" else textwrap.wrap(
                " ".join(body.split()), width=width, initial_indent="    ", subsequent_indent="    ")
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


@click.command("explain")
@click.argument("code", required=False)
def command(code: str | None) -> None:
    """Explain a diagnostic CODE (such as BG201): when it is reported and how to fix it.

    Without CODE, list every code.
    """
    if code is None:
        for known, (severity, title) in CODES.items():
            click.echo(f"{known}  {severity.value:<7}  {title}")
        return
    wanted = code.strip().upper()
    if wanted.isdigit():
        wanted = f"BG{wanted}"
    if wanted not in CODES:
        close = difflib.get_close_matches(wanted, list(CODES), n=1, cutoff=0.6)
        hint = f" (did you mean {close[0]}?)" if close else ""
        raise click.UsageError(f"no diagnostic code {code!r}{hint}; `briefgen explain` lists them all")
    click.echo(explain_text(wanted), nl=False)
