"""Templates: the built-in set and a dossier's overrides, rendered in Jinja2's sandbox, within bounds.

Templates are Markdown with Jinja2 tags. They run in an ImmutableSandboxedEnvironment with
StrictUndefined; every `{{ value }}` is escaped for Markdown unless a helper marked it safe, so
data shows literally and is never evaluated as template code.

A template from a dossier may also be hostile or simply wrong. Jinja's sandbox bounds `range` (to
100,000 items) but nothing else, so a run is bounded here too: `*`, `**` and `+` refuse results
past the output bound before computing them ('x' * 10**9, 10**10**10), the output is counted as
it is produced, and the run is stopped after `Limits.template_seconds` (a timer signal, where the
run is in the main thread; the build's worker process bounds time and memory in any case).
"""

from __future__ import annotations

import operator
import signal
import threading
from contextlib import contextmanager

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from markupsafe import Markup

from ..limits import Limits
from ..limits import current as current_limits
from .mdconvert import escape_markdown
from .templatefiles import TEMPLATE_SUFFIX, builtin_template_files, template_file, template_names  # noqa: F401

class TemplateProblem(Exception):
    """A template that cannot be rendered; carries the template file and line."""

    def __init__(self, template: str, line: int, message: str):
        super().__init__(f"{template}:{line}: {message}")
        self.template, self.line, self.message = template, line, message


def _finalize(value):
    if isinstance(value, Markup):
        return value
    if value is None:
        return ""
    return escape_markdown(str(value))


class TemplateLimit(Exception):
    """A template run passed one of its bounds; the message names the bound and how to move it."""


_MAX_POWER_BITS = 10_000  # about 3,000 digits: Python refuses to print more than 4,300


class _BoundedSandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox, with `*`, `**` and `+` refusing results larger than the output bound."""

    intercepted_binops = frozenset(["*", "**", "+"])
    max_chars = Limits().template_output_chars

    def call_binop(self, context, op: str, left, right):
        if op == "**" and isinstance(left, int) and isinstance(right, int) and right > 0:
            if abs(left) > 1 and abs(left).bit_length() * right > _MAX_POWER_BITS:
                raise TemplateLimit(f"{left} ** {right} is too large a number for a template (at most "
                                    f"{_MAX_POWER_BITS:,} bits)")
            return left ** right
        if op == "*":
            for seq, times in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(times, int):
                    self._bound(len(seq) * times)
            return operator.mul(left, right)
        if op == "+":
            if isinstance(left, (str, list, tuple)) and isinstance(right, (str, list, tuple)):
                self._bound(len(left) + len(right))
            return operator.add(left, right)
        return super().call_binop(context, op, left, right)

    def _bound(self, size: int) -> None:
        if size > self.max_chars:
            raise TemplateLimit(f"an expression would make {size:,} characters or items; a template may "
                                f"produce at most {self.max_chars:,} (raise BRIEFGEN_MAX_FILE_MB to allow more)")


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

    env = _BoundedSandbox(
        loader=jinja2.FunctionLoader(load), undefined=jinja2.StrictUndefined, autoescape=False,
        finalize=_finalize, keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)
    env.max_chars = current_limits().template_output_chars
    return env


def _template_line(exc: BaseException, fallback: str) -> tuple[str, int]:
    tb = exc.__traceback__
    found = (fallback, 0)
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if "templates/" in filename:
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


@contextmanager
def _time_limit(seconds: int):
    """Raise TemplateLimit in the running code after `seconds`; only in the main thread (signals)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expire(signum, frame):
        raise TemplateLimit(f"the template ran longer than {seconds} s (a loop that does not end?); if it "
                            "really needs more, set the environment variable BRIEFGEN_TEMPLATE_SECONDS higher")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _bounded_output(env: ImmutableSandboxedEnvironment, name: str, context: dict, limits: Limits) -> str:
    parts, size = [], 0
    with _time_limit(limits.template_seconds):
        for part in env.get_template(name).generate(context):
            size += len(part)
            if size > limits.template_output_chars:
                raise TemplateLimit(f"the template produced more than {limits.template_output_chars:,} characters "
                                    "(a loop that does not end?); if the document really is that long, set the "
                                    "environment variable BRIEFGEN_MAX_FILE_MB higher")
            parts.append(part)
    return "".join(parts)


def _label(env: ImmutableSandboxedEnvironment, name: str) -> str:
    try:
        return env.get_template(name).filename or name
    except jinja2.TemplateError:
        return name


def render(env: ImmutableSandboxedEnvironment, name: str, context: dict) -> str:
    """Render a template to Markdown within the limits; any failure becomes a TemplateProblem with file and line."""
    try:
        return _bounded_output(env, name, context, current_limits())
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateProblem(exc.filename or name, exc.lineno or 0, f"syntax error: {exc.message}") from None
    except jinja2.TemplateNotFound as exc:
        raise TemplateProblem(name, 0, f"template '{exc.name}' not found") from None
    except SecurityError as exc:
        where, line = _template_line(exc, name)
        raise TemplateProblem(where, line, f"not allowed in a template: {exc}") from None
    except TemplateLimit as exc:
        where, line = _template_line(exc, _label(env, name))
        raise TemplateProblem(where, line, str(exc)) from None
    except jinja2.UndefinedError as exc:
        where, line = _template_line(exc, name)
        raise TemplateProblem(where, line, f"{exc.message}: check the name, or the data it needs") from None
    except jinja2.TemplateError as exc:  # any other template mistake (an unknown filter or test...)
        where, line = _template_line(exc, name)
        raise TemplateProblem(where, line, str(exc.message or exc)) from None
    except TemplateProblem:
        raise
    except RecursionError as exc:
        where, line = _template_line(exc, name)
        raise TemplateProblem(where, line, "the template includes or calls itself without end: remove the "
                                           "include, import or macro call that loops back") from None
    except MemoryError as exc:
        where, line = _template_line(exc, name)
        raise TemplateProblem(where, line, "the template ran out of memory (a loop that does not end?); if the "
                                           "document really needs more, set BRIEFGEN_BUILD_MEMORY_MB higher") from None
    except (TypeError, ValueError, KeyError, AttributeError, IndexError, ZeroDivisionError, OverflowError,
            UnicodeError) as exc:
        where, line = _template_line(exc, name)
        raise TemplateProblem(where, line, f"{type(exc).__name__}: {exc}") from None
