"""Counts per lane and period: the period fits the view, marks sit in their period, sizes
grow with counts, and a count mark carries its period for the click that zooms in."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from tests.fixtures import many_events
from timeline.figure import prepare
from timeline.figure.density import MAX_PERIODS, count_traces, period_for, period_starts

DAY = 86_400


@pytest.mark.parametrize(
    ("days", "period"),
    [(7, "day"), (MAX_PERIODS, "day"), (MAX_PERIODS + 1, "week"), (365, "week"),
     (3 * 365, "month"), (20 * 365, "quarter"), (60 * 365, "year"), (3000 * 365, "year")],
)  # fmt: skip
def test_the_period_keeps_the_marks_few_across_the_view(days: int, period: str) -> None:
    assert period_for(days * DAY)[1] == period


@pytest.mark.parametrize(
    ("day", "code", "first", "after"),
    [
        ("2017-02-22 12:00", "D", "2017-02-22", "2017-02-23"),
        ("2017-02-22 12:00", "W", "2017-02-20", "2017-02-27"),  # Monday to Monday
        ("2017-02-20 00:00", "W", "2017-02-20", "2017-02-27"),
        ("2017-02-22 12:00", "M", "2017-02-01", "2017-03-01"),
        ("2017-02-22 12:00", "Q", "2017-01-01", "2017-04-01"),
        ("2017-12-31 12:00", "Y", "2017-01-01", "2018-01-01"),
        ("1050-06-30 12:00", "Y", "1050-01-01", "1051-01-01"),
    ],
)
def test_period_starts(day: str, code: str, first: str, after: str) -> None:
    seconds = np.array([int(pd.Timestamp(day).timestamp())])
    starts, ends = period_starts(seconds, code)
    assert pd.Timestamp(int(starts[0]), unit="s") == pd.Timestamp(first)
    assert pd.Timestamp(int(ends[0]), unit="s") == pd.Timestamp(after)


def test_count_marks_hold_every_event_once_and_grow_with_their_count() -> None:
    drawable = prepare(many_events(2_000))
    rows = np.ones(len(drawable.frame), bool)
    traces = count_traces(drawable.counted, rows, drawable.lanes, drawable.colors, "M")
    hovers = [h for t in traces for h in t["hovertext"]]
    assert (
        sum(int(h.split(" events")[0].removeprefix("<b>").replace(",", "")) for h in hovers)
        == 2_000
    )
    sizes = [s for t in traces for s in t["marker"]["size"]]
    assert min(sizes) >= 4 and max(sizes) == 18
    first, after = traces[0]["customdata"][0][1:]
    assert pd.Timestamp(first) < pd.Timestamp(traces[0]["x"][0]) < pd.Timestamp(after)
