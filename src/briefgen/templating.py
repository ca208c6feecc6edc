"""Templates: the built-in set and a dossier's overrides, rendered in Jinja2's sandbox."""

from __future__ import annotations

from importlib import resources


def builtin_template_files() -> dict[str, bytes]:
    """Built-in template files shipped in the package: name -> content."""
    base = resources.files("briefgen.templates")
    return {p.name: p.read_bytes() for p in base.iterdir()
            if p.is_file() and not p.name.startswith(("_", ".")) and p.name != "__init__.py"}


def template_names(overrides: dict[str, bytes]) -> set[str]:
    """Names of every template available to a dossier."""
    return set(builtin_template_files()) | set(overrides)
