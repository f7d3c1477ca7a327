"""Calendar days and spans in words, as a newsroom writes them: "Wed 22 Feb 2017", "March
2017", "1 Jan – 31 Mar 2017". The chronology and the key events name spans on top of these
("Q1 2017", "week of 6 March 2017"); the panel and the hover give the span itself."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pandas as pd

MONTHS = (
    "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(),
    (
        "January February March April May June July August September October November December"
    ).split(),
)


def as_date(value: Any) -> date | None:
    """Return a `date` from a date, Timestamp or ISO string; None for NaT/None.

    >>> as_date(pd.Timestamp("2017-02-22")), as_date(pd.NaT)
    (datetime.date(2017, 2, 22), None)
    """
    if value is None or value is pd.NaT or (isinstance(value, float) and pd.isna(value)):
        return None
    if isinstance(value, datetime):  # Timestamp included
        return value.date()
    if isinstance(value, date):
        return value
    stamp = pd.Timestamp(value)
    return None if stamp is pd.NaT else stamp.date()


def format_day(value: Any) -> str:
    """Return a day as newsroom prose ("Wed 22 Feb 2017"), or "unknown".

    >>> format_day(date(2017, 2, 22))
    'Wed 22 Feb 2017'
    """
    day = as_date(value)
    if day is None:
        return "unknown"
    weekday = "Mon Tue Wed Thu Fri Sat Sun".split()[day.weekday()]
    return f"{weekday} {day.day} {MONTHS[0][day.month - 1]} {day.year}"


def format_span(date_start: Any, date_end: Any, granularity: str) -> str:
    """Return the calendar span an event covers, as short readable text.

    >>> format_span(date(2017, 2, 22), date(2017, 2, 22), "day")
    'Wed 22 Feb 2017'
    >>> format_span(date(2017, 2, 1), date(2017, 2, 28), "month")
    'February 2017'
    >>> format_span(date(2017, 1, 1), date(2017, 12, 31), "year")
    '2017'
    >>> format_span(date(2017, 1, 1), date(2017, 3, 31), "quarter")
    '1 Jan – 31 Mar 2017'
    >>> format_span(None, None, "unknown")
    'not placed on the calendar'
    """
    first, last = as_date(date_start), as_date(date_end)
    if first is None:
        return "not placed on the calendar"
    if last is None or last == first:
        return format_day(first)
    if granularity == "month":
        return f"{MONTHS[1][first.month - 1]} {first.year}"
    if granularity == "year" and (first.month, first.day, last.month, last.day) == (1, 1, 12, 31):
        return str(first.year) if first.year == last.year else f"{first.year}–{last.year}"
    if granularity in ("decade", "century") and (first.month, first.day) == (1, 1):
        return f"{first.year}–{last.year}"
    left = f"{first.day} {MONTHS[0][first.month - 1]}"
    if first.year != last.year:
        left += f" {first.year}"
    return f"{left} – {last.day} {MONTHS[0][last.month - 1]} {last.year}"
