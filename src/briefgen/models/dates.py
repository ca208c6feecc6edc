"""Dates as dossiers write them: a day, a month, a year, a range, approximate or unknown; and in prose."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal, Union

from pydantic import BeforeValidator, Field, model_validator

from .base import Flag, Model, describe_value


_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_ISO_YEAR = re.compile(r"^\d{4}$")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")

# What an editor is told a date field takes (the JSON Schema of the input, not of the result).
DAY_TEXT = Annotated[str, Field(pattern=r"^\d{4}-\d{2}-\d{2}$", json_schema_extra={"format": "date"})]
MONTH_TEXT = Annotated[str, Field(pattern=r"^\d{4}-(0[1-9]|1[0-2])$")]
YEAR_TEXT = Annotated[str, Field(pattern=r"^[1-9]\d{3}$")]
YEAR_NUMBER = Annotated[int, Field(ge=1000, le=9999)]
UNKNOWN_TEXT = Annotated[str, Field(pattern=r"^\s*[Uu][Nn][Kk][Nn][Oo][Ww][Nn]\s*$")]


def _calendar_day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"'{text}' is not a day of the calendar: check the month and the day") from None


def _day(value: Any) -> Any:
    if type(value) is str and len(value) == 10 and value[4] == "-" and value[7] == "-" and _ISO_DAY.match(value):
        return _calendar_day(value)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    raise ValueError(f"must be a date written YYYY-MM-DD; got {describe_value(value)}")


# A day, written YYYY-MM-DD (not a timestamp, not a year alone).
Day = Annotated[dt.date, BeforeValidator(_day, json_schema_input_type=DAY_TEXT)]


def _month_end(year: int, month: int) -> dt.date:
    return (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1))


def _date_span(value: Any) -> Any:
    if isinstance(value, dict):
        return value
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return {"from": value, "to": value}
    if isinstance(value, str) and _ISO_DAY.match(value):
        day = _calendar_day(value)
        return {"from": day, "to": day}
    if (isinstance(value, int) and not isinstance(value, bool)) or (isinstance(value, str) and _ISO_YEAR.match(value)):
        year = int(value)
        if 1000 <= year <= 9999:
            return {"from": dt.date(year, 1, 1), "to": dt.date(year, 12, 31), "precision": "year"}
    if isinstance(value, str) and _ISO_MONTH.match(value):
        year, month = map(int, _ISO_MONTH.match(value).groups())
        if 1 <= month <= 12:
            return {"from": dt.date(year, month, 1), "to": _month_end(year, month), "precision": "month"}
    raise ValueError("must be a date written YYYY-MM-DD, a month YYYY-MM, a year YYYY, or a range "
                     f"{{from: YYYY-MM-DD, to: YYYY-MM-DD}}; got {describe_value(value)}")


def prose_date(day: dt.date) -> str:
    """'9 June 2019', as letters and OSCOLA write dates."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


class DateSpan(Model):
    """A single day, a month, a year or a range; a single date is a span of one day.

    `precision` says how much of the date is known (a month written 2019-06 is known to the month);
    `approximate` marks a date the sources give only roughly ("about 9 June 2019").
    """

    start: Day = Field(alias="from", description="First day, YYYY-MM-DD.")
    end: Day = Field(alias="to", description="Last day, YYYY-MM-DD (the same as 'from' for a single day).")
    precision: Literal["day", "month", "year"] = Field(
        "day", description="How much of the date is known: day, month or year. Written `2019-06`, a date is "
        "known to the month; written `2019`, to the year.")
    approximate: Flag = Field(False, description="true when the sources give the date only roughly: printed as "
                              "'about 9 June 2019'.")

    @model_validator(mode="after")
    def _ordered(self):
        if self.end < self.start:
            raise ValueError("'to' is before 'from'")
        return self

    def __str__(self) -> str:
        return self.start.isoformat() if self.start == self.end else f"{self.start} to {self.end}"

    def prose(self) -> str:
        """The span as a reader expects it: '9 June 2019', '9–12 June 2019', 'June 2019', 'about 2019'."""
        s, e = self.start, self.end
        if self.precision == "year":
            text = str(s.year) if s.year == e.year else f"{s.year}–{e.year}"
        elif self.precision == "month":
            first = f"{_MONTHS[s.month - 1]} {s.year}"
            last = f"{_MONTHS[e.month - 1]} {e.year}"
            text = first if first == last else f"{first} to {last}"
        elif s == e:
            text = prose_date(s)
        elif (s.year, s.month) == (e.year, e.month):
            text = f"{s.day}–{e.day} {_MONTHS[s.month - 1]} {s.year}"
        elif s.year == e.year:
            text = f"{s.day} {_MONTHS[s.month - 1]} to {prose_date(e)}"
        else:
            text = f"{prose_date(s)} to {prose_date(e)}"
        return f"about {text}" if self.approximate else text


_SPAN_INPUT = Union[DAY_TEXT, MONTH_TEXT, YEAR_TEXT, YEAR_NUMBER, DateSpan]
Span = Annotated[DateSpan, BeforeValidator(_date_span, json_schema_input_type=_SPAN_INPUT)]


def _unknown_date(value: Any) -> Any:
    return None if isinstance(value, str) and value.strip().lower() == "unknown" else value


def _event_date(value: Any) -> Any:
    return _date_span(value) if _unknown_date(value) is not None else None


# An event's date: like Span, or `unknown` (the same as leaving it out): never a made-up range.
EventDate = Annotated[DateSpan | None, BeforeValidator(_event_date, json_schema_input_type=Union[
    DAY_TEXT, MONTH_TEXT, YEAR_TEXT, YEAR_NUMBER, UNKNOWN_TEXT, DateSpan, None])]


def _born(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        return str(value)
    if isinstance(value, str) and _ISO_YEAR.match(value) and value[0] != "0":
        return value
    if isinstance(value, str) and _ISO_DAY.match(value):
        return _calendar_day(value).isoformat()
    raise ValueError(f"must be a year (1990) or a date (1990-05-01); got {describe_value(value)}")


# A year of birth or a full date of birth, kept as written.
Born = Annotated[str, BeforeValidator(_born, json_schema_input_type=Union[YEAR_NUMBER, YEAR_TEXT, DAY_TEXT])]
