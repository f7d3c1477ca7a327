"""Days and spans in words."""

from __future__ import annotations

from datetime import date

import pytest

from timeline.calendar_words import format_span


@pytest.mark.parametrize(
    ("first", "last", "granularity", "expected"),
    [
        (date(2017, 2, 22), date(2017, 2, 22), "day", "Wed 22 Feb 2017"),
        (date(2017, 2, 20), date(2017, 2, 26), "week", "20 Feb – 26 Feb 2017"),
        (date(2017, 3, 1), date(2017, 3, 31), "month", "March 2017"),
        (date(2016, 12, 21), date(2017, 3, 20), "season", "21 Dec 2016 – 20 Mar 2017"),
        (date(1990, 1, 1), date(1999, 12, 31), "decade", "1990–1999"),
        (None, None, "unknown", "not placed on the calendar"),
    ],
    ids=["day", "week", "month", "season", "decade", "unknown"],
)
def test_format_span(first: date, last: date, granularity: str, expected: str) -> None:
    assert format_span(first, last, granularity) == expected
