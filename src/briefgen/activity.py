"""What briefgen is working on, so that a crash can still name the input it was handling."""

from __future__ import annotations

from contextlib import contextmanager

_doing: list[str] = []


@contextmanager
def working_on(what: str):
    """Mark `what` (a file, a submission) as the input in hand while the block runs.

    An exception leaving the block carries the inputs in hand where it was raised (see `during`).
    """
    _doing.append(what)
    try:
        yield
    except BaseException as exc:
        if not hasattr(exc, "briefgen_activity"):
            try:
                exc.briefgen_activity = " > ".join(_doing)
            except AttributeError:  # an exception type that takes no attributes
                pass
        raise
    finally:
        _doing.pop()


def during(exc: BaseException) -> str:
    """The inputs in hand when `exc` was raised, outermost first; "" when unknown."""
    return getattr(exc, "briefgen_activity", "")
