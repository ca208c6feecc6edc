"""Templates: the built-in set and a dossier's overrides, rendered in Jinja2's sandbox.

Templates are Markdown with Jinja2 tags. They run in an ImmutableSandboxedEnvironment with
StrictUndefined; every `{{ value }}` is escaped for Markdown unless a helper marked it safe, so
data shows literally and is never evaluated as template code.
"""

from __future__ import annotations

from importlib import resources

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from markupsafe import Markup

from .mdconvert import escape_markdown

TEMPLATE_SUFFIX = ".md"


class TemplateProblem(Exception):
    """A template that cannot be rendered; carries the template file and line."""

    def __init__(self, template: str, line: int, message: str):
        super().__init__(f"{template}:{line}: {message}")
        self.template, self.line, self.message = template, line, message


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


def _finalize(value):
    if isinstance(value, Markup):
        return value
    if value is None:
        return ""
    return escape_markdown(str(value))


def environment(overrides: dict[str, bytes]) -> ImmutableSandboxedEnvironment:
    """A sandboxed environment that loads the dossier's templates first, then the built-ins."""
    def load(name: str):
        try:
            raw = template_file(name, overrides)
        except KeyError:
            return None
        source = raw.decode("utf-8")
        label = f"templates/{name}" if name in overrides else f"<briefgen>/templates/{name}"
        return source, label, lambda: True

    return ImmutableSandboxedEnvironment(
        loader=jinja2.FunctionLoader(load), undefined=jinja2.StrictUndefined, autoescape=False,
        finalize=_finalize, keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)


def _template_line(exc: BaseException, fallback: str) -> tuple[str, int]:
    tb = exc.__traceback__
    found = (fallback, 0)
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if "templates/" in filename:
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


def render(env: ImmutableSandboxedEnvironment, name: str, context: dict) -> str:
    """Render a template to Markdown; any failure becomes a TemplateProblem with file and line."""
    try:
        return env.get_template(name).render(context)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateProblem(exc.filename or name, exc.lineno or 0, f"syntax error: {exc.message}") from None
    except jinja2.TemplateNotFound as exc:
        raise TemplateProblem(name, 0, f"template '{exc.name}' not found") from None
    except SecurityError as exc:
        where, line = _template_line(exc, name)
        raise TemplateProblem(where, line, f"not allowed in a template: {exc}") from None
    except jinja2.UndefinedError as exc:
        where, line = _template_line(exc, name)
        raise TemplateProblem(where, line, f"{exc.message}: check the name, or the data it needs") from None
    except jinja2.TemplateError as exc:  # any other template mistake (an unknown filter or test...)
        where, line = _template_line(exc, name)
        raise TemplateProblem(where, line, str(exc.message or exc)) from None
    except TemplateProblem:
        raise
    except (TypeError, ValueError, KeyError, AttributeError, IndexError, ZeroDivisionError) as exc:
        where, line = _template_line(exc, name)
        raise TemplateProblem(where, line, f"{type(exc).__name__}: {exc}") from None
