"""Dates as people type them: one reading for `reader export` and the annotations screen."""

from __future__ import annotations

import calendar
from datetime import date, datetime, time, timedelta

import pytest
from dateutil import parser as date_parser
from dateutil import tz
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.services.dates import DateError, parse_period
from reader.text.sanitize import has_controls

LOCAL = tz.tzlocal()
NOW = datetime(2026, 11, 23, 15, 30, tzinfo=LOCAL)  # a Monday


def days(text: str) -> tuple[date, date]:
    period = parse_period(text, now=NOW)
    assert period is not None
    return period.start.date(), period.end.date()


@pytest.mark.parametrize(
    ("typed", "first", "last"),
    [
        ("2023-01-13", date(2023, 1, 13), date(2023, 1, 13)),
        ("Jan 5 2026", date(2026, 1, 5), date(2026, 1, 5)),
        ("5 January", date(2026, 1, 5), date(2026, 1, 5)),  # this year
        ("Dec 6", date(2026, 12, 6), date(2026, 12, 6)),
        ("  13/01/2023 ", date(2023, 1, 13), date(2023, 1, 13)),
        ("Jan 2026", date(2026, 1, 1), date(2026, 1, 31)),
        ("February 2024", date(2024, 2, 1), date(2024, 2, 29)),
        ("2025", date(2025, 1, 1), date(2025, 12, 31)),
        ("today", date(2026, 11, 23), date(2026, 11, 23)),
        ("Yesterday", date(2026, 11, 22), date(2026, 11, 22)),
        ("3 days ago", date(2026, 11, 20), date(2026, 11, 20)),
        ("a week ago", date(2026, 11, 16), date(2026, 11, 16)),
        ("2 months ago", date(2026, 9, 23), date(2026, 9, 23)),
        ("this week", date(2026, 11, 23), date(2026, 11, 29)),
        ("last week", date(2026, 11, 16), date(2026, 11, 22)),
        ("last month", date(2026, 10, 1), date(2026, 10, 31)),
        ("this month", date(2026, 11, 1), date(2026, 11, 30)),
        ("last year", date(2025, 1, 1), date(2025, 12, 31)),
        ("friday", date(2026, 11, 20), date(2026, 11, 20)),  # the most recent one
        ("mon", date(2026, 11, 23), date(2026, 11, 23)),
    ],
)
def test_every_text_names_a_whole_period(typed: str, first: date, last: date) -> None:
    assert days(typed) == (first, last)
    period = parse_period(typed, now=NOW)
    assert period is not None
    assert period.start.time() == time.min and period.end.time() == time.max
    assert period.start.tzinfo is not None and period.end.tzinfo is not None


def test_a_time_is_its_whole_minute_and_a_given_zone_is_kept() -> None:
    period = parse_period("2026-01-05T14:30+00:00", now=NOW)
    assert period is not None
    assert period.start == datetime(2026, 1, 5, 14, 30, tzinfo=tz.UTC)
    assert period.end == datetime(2026, 1, 5, 14, 30, 59, 999999, tzinfo=tz.UTC)


def test_blank_is_no_bound_and_bounds_are_the_ends_of_the_period() -> None:
    assert parse_period("  ", now=NOW) is None
    period = parse_period("Jan 2026", now=NOW)
    assert period is not None
    assert period.start == datetime(2026, 1, 1, tzinfo=LOCAL)
    assert period.end == datetime.combine(date(2026, 1, 31), time.max, LOCAL)
    assert datetime(2026, 1, 31, 23, 59, tzinfo=LOCAL) in period
    assert datetime(2026, 2, 1, tzinfo=LOCAL) not in period


@pytest.mark.parametrize("typed", ["32 Smarch", "2026-13-45", "yesterday-ish", "\x1b[31m", "99999 years ago"])
def test_what_is_not_a_date_is_refused_in_one_line(typed: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_period(typed, now=NOW)
    assert "\n" not in str(caught.value) and not has_controls(str(caught.value))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_any_text_is_a_period_or_one_clean_line(typed: str) -> None:
    try:
        period = parse_period(typed, now=NOW)
    except DateError as exc:
        assert "\n" not in str(exc) and not has_controls(str(exc))
    else:
        assert (period is None) == (not typed.strip())
        assert period is None or period.start <= period.end


_DAY_FORMATS = ["%Y-%m-%d", "%d %B %Y", "%B %d, %Y", "%b %d %Y", "%d %b %Y", "%Y/%m/%d", "%A, %d %B %Y"]
_MONTH_FORMATS = ["%B %Y", "%b %Y", "%Y-%m"]


@settings(max_examples=300, deadline=None)
@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)), st.sampled_from(_DAY_FORMATS))
def test_a_full_date_is_the_day_dateutil_reads(day: date, fmt: str) -> None:
    text = day.strftime(fmt)
    assert days(text) == (day, day)
    assert date_parser.parse(text).date() == day


@settings(max_examples=300, deadline=None)
@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)), st.sampled_from(_MONTH_FORMATS))
def test_a_month_runs_from_its_first_to_its_last_day(day: date, fmt: str) -> None:
    text = day.strftime(fmt)
    last = calendar.monthrange(day.year, day.month)[1]
    assert days(text) == (day.replace(day=1), day.replace(day=last))
    assert date_parser.parse(text, default=datetime(2000, 1, 1)).date() == day.replace(day=1)


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=1, max_value=3000))
def test_n_days_ago_is_one_day_counted_back_from_today(n: int) -> None:
    assert days(f"{n} days ago") == (NOW.date() - timedelta(days=n),) * 2
