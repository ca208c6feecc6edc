"""`briefgen list KIND`: a table of a dossier's claims, sources, norms, people, submissions or addressees."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..diagnostics import Report, json_safe, terminal_safe
from ..pipeline import check_dossier
from .check import emit

KINDS = ("claims", "sources", "norms", "people", "submissions", "addressees")


def rows(dossier, kind: str) -> list[dict]:
    """One dict of the most useful columns per object of a kind."""
    out = []
    for obj in getattr(dossier, kind).values():
        where = dossier.where(obj)
        row: dict = {"id": obj.id}
        if kind == "claims":
            row |= {"date": str(obj.date), "status": obj.status, "sources": len(obj.evidence),
                    "norms": ",".join(obj.norms), "statement": obj.statement}
        elif kind == "sources":
            row |= {"kind": obj.kind, "publisher": obj.publisher or "", "title": obj.title}
        elif kind == "norms":
            row |= {"short": obj.short, "article": obj.article or obj.paragraph or "",
                    "builtin": dossier.is_builtin("norms", obj.id), "title": obj.title or obj.instrument}
        elif kind == "people":
            row |= {"name": obj.name, "roles": ",".join(obj.roles), "publish_name": obj.consent.publish_name}
        elif kind == "submissions":
            row |= {"kind": obj.kind, "to": obj.to, "date": obj.date.isoformat(), "title": obj.title}
        elif kind == "addressees":
            row |= {"family": obj.family, "languages": ",".join(obj.languages),
                    "builtin": dossier.is_builtin("addressees", obj.id), "name": obj.name}
        row["file"] = f"{where.path}:{where.line}"
        out.append(row)
    return out


def table(items: list[dict], width: int = 60) -> str:
    """Plain text columns; the last column is cut to `width` characters."""
    if not items:
        return "(none)"
    keys = list(items[0])
    cells = [[terminal_safe(str(r[k])) for k in keys] for r in items]
    cells = [[c if len(c) <= width else c[: width - 1] + "…" for c in row] for row in cells]
    widths = [max(len(k), *(len(row[i]) for row in cells)) for i, k in enumerate(keys)]
    line = lambda vals: "  ".join(v.ljust(w) for v, w in zip(vals, widths)).rstrip()  # noqa: E731
    return "\n".join([line(keys), line(["-" * w for w in widths]), *map(line, cells)])


@click.command("list")
@click.argument("kind", type=click.Choice(KINDS))
@click.argument("dossier", default=".", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
def command(kind: str, dossier: Path, fmt: str) -> None:
    """List the claims, sources, norms, people, submissions or addressees of a dossier.

    DOSSIER is the dossier's folder (default: the current folder).
    """
    resolved, report = check_dossier(dossier)
    missing = Report([d for d in report.diagnostics if d.code == "BG100" and d.location.line == 0])
    if missing.diagnostics:  # no dossier there: say so as check does
        for d in missing.sorted():
            click.echo(str(d), err=True)
        raise SystemExit(1)
    items = rows(resolved, kind)
    text = json_safe(json.dumps(items, ensure_ascii=False, indent=2, default=str)) if fmt == "json" else table(items)
    if not emit(text):
        return
    if report.errors:
        click.echo(f"note: the dossier has {report.summary()}; run `briefgen check {dossier}`", err=True)
