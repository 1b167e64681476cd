"""Dates as people type them, read the same way by `reader export --since/--until` and the annotations
screen's from/to fields (they disagreed once: "Jan 2026" stopped on 1 January in one, ran to the 31st
in the other).

Every text names a period, and a bound takes the end that makes sense: "since Jan 2026" starts on
1 January, "until Jan 2026" runs to the end of 31 January. A full date is its whole day, a month its
whole month, a year its whole year, a time its whole minute. Explicit dates are python-dateutil's
reading (month first in "12/10/2020", as dateutil does); relative words are ours: today, yesterday,
this/last week|month|year, "3 days ago", a weekday name (its most recent occurrence).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from dateutil import parser as date_parser
from dateutil import tz


class DateError(ValueError):
    """A text that names no date; the message is one line, fit to show as it is."""


@dataclass(frozen=True)
class Period:
    """Inclusive, timezone-aware bounds of what a text names."""

    start: datetime
    end: datetime

    def __contains__(self, moment: datetime) -> bool:
        return self.start <= moment <= self.end


_AGO = re.compile(r"(an?|\d{1,5})\s+(day|week|month|year)s?\s+ago")
_RELATIVE = re.compile(r"(this|last)\s+(week|month|year)")
_WEEKDAYS = {name.casefold(): n for n, name in enumerate(calendar.day_name)}
_WEEKDAYS.update({name.casefold(): n for n, name in enumerate(calendar.day_abbr)})


def parse_period(text: str, *, now: datetime | None = None) -> Period | None:
    """The period `text` names (blank: None); raises DateError with a one-line reason."""
    text = " ".join(text.split())
    if not text:
        return None
    now = now if now is not None else datetime.now(tz.tzlocal())
    local = now.tzinfo or tz.tzlocal()
    today = now.date()
    try:
        days = _relative_days(text.casefold(), today)
        if days is not None:
            return _whole_days(*days, local)
        return _explicit(text, today, local)
    except (ValueError, OverflowError):
        hint = "try 2026-01-13, 5 Jan 2026, Jan 2026 or 3 days ago"
        raise DateError(f"not a date: {text!r} ({hint})") from None


def _relative_days(word: str, today: date) -> tuple[date, date] | None:
    """First and last day of a relative period, or None when `word` is not one of ours."""
    if word == "today":
        return today, today
    if word == "yesterday":
        day = today - timedelta(days=1)
        return day, day
    if word in _WEEKDAYS:
        day = today - timedelta(days=(today.weekday() - _WEEKDAYS[word]) % 7)
        return day, day
    match = _AGO.fullmatch(word)
    if match:
        count = 1 if match.group(1) in ("a", "an") else int(match.group(1))
        day = _shift(today, match.group(2), -count)
        return day, day
    match = _RELATIVE.fullmatch(word)
    if match:
        back = -1 if match.group(1) == "last" else 0
        unit = match.group(2)
        if unit == "week":
            monday = today - timedelta(days=today.weekday()) + timedelta(weeks=back)
            return monday, monday + timedelta(days=6)
        if unit == "month":
            first = _shift(today.replace(day=1), "month", back)
            return first, first.replace(day=calendar.monthrange(first.year, first.month)[1])
        first = date(today.year + back, 1, 1)
        return first, date(first.year, 12, 31)
    return None


def _shift(day: date, unit: str, count: int) -> date:
    """`count` days, weeks, months or years from `day` (a month's end is kept inside the month)."""
    if unit == "day":
        return day + timedelta(days=count)
    if unit == "week":
        return day + timedelta(weeks=count)
    months = day.year * 12 + day.month - 1 + (count if unit == "month" else 12 * count)
    year, month = divmod(months, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _whole_days(first: date, last: date, local: tzinfo) -> Period:
    return Period(datetime.combine(first, time.min, local), datetime.combine(last, time.max, local))


def _explicit(text: str, today: date, local: tzinfo) -> Period:
    """dateutil fills what the text leaves out from a default: parsing with the earliest and with the
    latest default gives both ends of the period the text names (dateutil keeps a day inside its month)."""
    start = date_parser.parse(text, default=datetime(today.year, 1, 1))
    end = date_parser.parse(text, default=datetime(today.year, 12, 31, 23, 59, 59, 999999))
    if start.tzinfo is None:
        start, end = start.replace(tzinfo=local), end.replace(tzinfo=local)
    return Period(start, end)
