"""The review reports as one self-contained HTML file each: styles and scripts inline, nothing fetched,
so a report opens from a USB stick. Tables sort and filter with a little plain JavaScript.

Data is only ever output (autoescaped), never rendered as a template.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

from jinja2 import DictLoader, StrictUndefined, select_autoescape
from markupsafe import Markup
from jinja2.sandbox import ImmutableSandboxedEnvironment

from .. import __version__

_FILES = ("base.html", "macros.html", "coverage.html", "audit.html", "report.css", "report.js")


@lru_cache(maxsize=1)
def _files() -> dict[str, str]:
    folder = resources.files("briefgen") / "data" / "review"
    return {name: (folder / name).read_text(encoding="utf-8") for name in _FILES}


def grade(value: float, inverse: bool = False) -> str:
    """The CSS class of a share: ok, warn or bad (for shares where less is better, `inverse`)."""
    good = 100 - value if inverse else value
    return "ok" if good >= 80 else "warn" if good >= 50 else "bad"


def _render(template: str, root: Path | None, **context) -> str:
    files = _files()
    env = ImmutableSandboxedEnvironment(loader=DictLoader(files), autoescape=select_autoescape(default=True),
                                        undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    base = root.resolve() if root else None
    env.globals.update(version=__version__, css=Markup(files["report.css"]), js=Markup(files["report.js"]), grade=grade,
                       root=str(base) if base else "",
                       file_url=lambda rel: (base / rel).as_uri() if base else "")
    return env.get_template(template).render(**context)


def coverage_html(report: dict, root: Path | None) -> str:
    """The coverage report (review.coverage.coverage) as one HTML page; `root` is the dossier folder, for
    links to its files."""
    sources = {s["id"]: s for sub in report["submissions"] for s in sub["sources"]}
    labels = {n["id"]: n["short"] for sub in report["submissions"] for n in sub["norms"]}
    return _render("coverage.html", root, title=f"Coverage of {report['dossier']['name']}", report=report,
                   sources_by_id=sources, norm_labels=labels)


def audit_html(audit: dict, root: Path | None) -> str:
    """The audit of an edited DOCX (review.audit.audit) as one HTML page."""
    return _render("audit.html", root, title=f"Audit of {audit['file']}", audit=audit)
