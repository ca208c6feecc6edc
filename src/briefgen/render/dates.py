"""The dates every writer puts in a document's properties: created on the submission's date,
modified on the day of the build, both replaced by SOURCE_DATE_EPOCH's build time when it is set."""

from __future__ import annotations

import datetime as dt
import os

from . import RenderError


def build_time() -> dt.datetime:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else today at midnight UTC.

    The day, not the second: two builds of the same inputs on the same day give the same bytes.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc)
        except (ValueError, OverflowError, OSError):
            raise RenderError(f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds since 1970: "
                              "unset it or give an integer") from None
    today = dt.datetime.now(dt.timezone.utc).date()
    return dt.datetime(today.year, today.month, today.day, tzinfo=dt.timezone.utc)


def document_dates(date: dt.date | None) -> tuple[dt.datetime, dt.datetime]:
    """(created, modified): the submission's date at midnight UTC (the build time when undated),
    and the build time."""
    built = build_time()
    created = dt.datetime(date.year, date.month, date.day, tzinfo=dt.timezone.utc) if date else built
    return created, built
