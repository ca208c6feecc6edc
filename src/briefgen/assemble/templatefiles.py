"""Template files: the built-in set shipped in the package and a dossier's overrides, and which one a
submission uses. No Jinja2 here, so `check` can look at templates without loading the engine."""

from __future__ import annotations

from importlib import resources

from ..load.resolve import Dossier
from ..models import Submission

TEMPLATE_SUFFIX = ".md"


def builtin_template_files() -> dict[str, bytes]:
    """Built-in template files shipped in the package: name -> content."""
    base = resources.files("briefgen.templates")
    return {p.name: p.read_bytes() for p in base.iterdir()
            if p.is_file() and not p.name.startswith(("_", ".")) and not p.name.endswith(".py")}


def template_names(overrides: dict[str, bytes]) -> set[str]:
    """Names of every template available to a dossier."""
    return set(builtin_template_files()) | set(overrides)


def template_file(name: str, overrides: dict[str, bytes]) -> bytes:
    """The bytes of a template or asset (reference.docx, print.css), the dossier's override first."""
    if name in overrides:
        return overrides[name]
    return builtin_template_files()[name]


def choose_template(dossier: Dossier, submission: Submission) -> str:
    """The submission's own template, else one named after the addressee, else one per kind."""
    names = template_names(dossier.template_overrides)
    if submission.template:
        name = submission.template
        return name if name.endswith(TEMPLATE_SUFFIX) else name + TEMPLATE_SUFFIX
    for candidate in (f"{submission.to}{TEMPLATE_SUFFIX}", f"{submission.kind}{TEMPLATE_SUFFIX}"):
        if candidate in names:
            return candidate
    return f"{submission.kind}{TEMPLATE_SUFFIX}"
