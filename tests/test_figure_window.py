"""Windows of time: the first view, the bulk ("all"), the busiest stretch a range button shows,
the Dates box's text, and what the chart reports."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from tests.fixtures import many_events, sample_events
from timeline.figure import (
    DatedSpans,
    bulk_extent,
    fit_x_range,
    format_days,
    parse_days,
    parse_window,
    range_button_window,
)


def days_frame(days: list[str], granularity: str = "day") -> pd.DataFrame:
    stamps = pd.to_datetime(days)
    return pd.DataFrame({"date_start": stamps, "date_end": stamps, "granularity": granularity})


def test_window_ignores_an_outlier_in_1990() -> None:
    events = many_events(60)
    events.loc[0, ["date_start", "date_end"]] = pd.Timestamp("1990-06-01")
    low, high = fit_x_range(events) or (None, None)
    assert low is not None and high is not None
    assert low.year >= 2016 and high.year <= 2018


def test_window_pads_a_single_day() -> None:
    low, high = fit_x_range(sample_events().head(1)) or (None, None)
    assert low is not None and high is not None
    assert low < pd.Timestamp("2017-02-22") < high
    assert (high - low).days >= 10


def test_no_window_without_a_date() -> None:
    assert fit_x_range(sample_events().head(0)) is None
    assert bulk_extent(sample_events().head(0)) is None


def spans_with_centuries() -> DatedSpans:
    """200 days in 2017, one event in the 11th century and one "this century"."""
    frame = days_frame([f"2017-{1 + i % 12:02}-{1 + i % 28:02}" for i in range(200)])
    far = pd.DataFrame(
        {
            "date_start": pd.to_datetime(["1001-01-01", "2001-01-01"]),
            "date_end": pd.to_datetime(["1100-12-31", "2100-12-31"]),
            "granularity": "century",
        }
    )
    spans = DatedSpans.of(pd.concat([frame, far], ignore_index=True))
    assert spans is not None
    return spans


def test_all_shows_the_bulk_not_the_11th_century_nor_this_one() -> None:
    low, high = range_button_window(spans_with_centuries(), "all", None) or (None, None)
    assert low is not None and high is not None
    assert low.year == 2016 and high.year == 2018  # 2017 and a little air


@pytest.mark.parametrize(
    ("button", "days"), [("1w", 7), ("1m", 31), ("1y", 366)], ids=["week", "month", "year"]
)
def test_a_range_button_shows_the_busiest_stretch_of_its_length(button: str, days: int) -> None:
    quiet = [f"2017-{m:02}-15" for m in range(1, 13)]
    busy = [f"2017-06-{d:02}" for d in range(10, 14)] * 5
    spans = DatedSpans.of(days_frame(quiet + busy))
    low, high = range_button_window(spans, button, None) or (None, None)
    assert low is not None and high is not None
    assert (high - low).days == days
    assert low <= pd.Timestamp("2017-06-10") and pd.Timestamp("2017-06-14") <= high


def test_a_range_button_looks_inside_the_current_view() -> None:
    days = [f"2017-06-{d:02}" for d in range(10, 14)] * 5 + ["2017-11-03", "2017-11-04"]
    spans = DatedSpans.of(days_frame(days))
    view = (pd.Timestamp("2017-10-01"), pd.Timestamp("2017-12-31"))
    low, high = range_button_window(spans, "1w", view) or (None, None)
    assert low is not None and high is not None
    assert low <= pd.Timestamp("2017-11-03") and pd.Timestamp("2017-11-05") <= high


def test_a_range_button_never_lands_on_an_empty_end() -> None:
    days = [f"2017-02-{d:02}" for d in range(1, 28)]
    spans = DatedSpans.of(days_frame(days))
    view = (pd.Timestamp("2017-01-01"), pd.Timestamp("2019-12-31"))  # the end is empty
    low, high = range_button_window(spans, "1m", view) or (None, None)
    assert low is not None and high is not None
    assert low <= pd.Timestamp("2017-02-01") and pd.Timestamp("2017-02-28") <= high


def test_a_week_does_not_count_a_year_long_event_as_inside_it() -> None:
    frame = pd.concat(
        [
            days_frame(["2017-03-06", "2017-03-07"]),
            days_frame(["2017-07-01"] * 20).assign(
                date_start=pd.Timestamp("2017-01-01"), date_end=pd.Timestamp("2017-12-31")
            ),
        ]
    )
    low, high = range_button_window(DatedSpans.of(frame), "1w", None) or (None, None)
    assert low is not None and low <= pd.Timestamp("2017-03-06") <= high


def test_a_longer_button_than_the_view_centres_on_it() -> None:
    spans = DatedSpans.of(days_frame(["2017-03-06"]))
    view = (pd.Timestamp("2017-03-01"), pd.Timestamp("2017-03-08"))
    low, high = range_button_window(spans, "1y", view) or (None, None)
    assert low is not None and high is not None
    assert (high - low).days == 366 and low < pd.Timestamp("2017-03-04") < high


def test_an_unknown_button_moves_nothing() -> None:
    assert range_button_window(DatedSpans.of(days_frame(["2017-03-06"])), "5y", None) is None


def test_the_dates_box_starts_at_the_bulk() -> None:
    frame = days_frame(["1000-01-01"] + [f"2017-02-{d:02}" for d in range(1, 29)] * 5)
    first, last = bulk_extent(frame) or (None, None)
    assert first is not None and last is not None
    assert date(2017, 1, 1) < first <= date(2017, 2, 1) and date(2017, 2, 28) <= last


@pytest.mark.parametrize(
    ("typed", "days"),
    [
        ("2017-02-01 – 2017-03-31", (date(2017, 2, 1), date(2017, 3, 31))),
        ("2017-02-01 - 2017-03-31", (date(2017, 2, 1), date(2017, 3, 31))),
        ("2017-02-01–2017-03-31", (date(2017, 2, 1), date(2017, 3, 31))),
        ("2017-02-01 to 2017-03-31", (date(2017, 2, 1), date(2017, 3, 31))),
        ("2017-02 – 2017-03", (date(2017, 2, 1), date(2017, 3, 31))),
        ("2016", (date(2016, 1, 1), date(2016, 12, 31))),
        ("2016-02", (date(2016, 2, 1), date(2016, 2, 29))),
        (" 2017-03-31 – 2017-02-01 ", (date(2017, 2, 1), date(2017, 3, 31))),
        ("2017-02-30 – 2017-03-01", None),
        ("last week", None),
        ("Aug 1998", (date(1998, 8, 1), date(1998, 8, 31))),
        ("5 March 2017 to 20 March 2017", (date(2017, 3, 5), date(2017, 3, 20))),
        ("March 2017 – 2018", (date(2017, 3, 1), date(2018, 12, 31))),
        ("Aug", None),
        ("", None),
    ],
)
def test_the_dates_box_reads_days_months_and_years(
    typed: str, days: tuple[date, date] | None
) -> None:
    assert parse_days(typed) == days


def test_the_dates_box_reads_back_what_it_shows() -> None:
    days = (date(2017, 2, 1), date(2017, 3, 31))
    assert parse_days(format_days(days)) == days


@pytest.mark.parametrize(
    ("reported", "expected"),
    [
        (["2017-02-01", "2017-03-01"], (pd.Timestamp("2017-02-01"), pd.Timestamp("2017-03-01"))),
        (["2017-02-01 06:00:00.5", "2017-03-01"], (pd.Timestamp("2017-02-01 06:00:00.5"),
                                                   pd.Timestamp("2017-03-01"))),
        (["1000-01-01", "2017-03-01"], (pd.Timestamp("1000-01-01"), pd.Timestamp("2017-03-01"))),
        (["2017-03-01", "2017-02-01"], None),
        (["soon", "later"], None),
        (["2017-02-01"], None),
        (None, None),
    ],
)  # fmt: skip
def test_what_the_chart_reports_is_read_as_a_window(reported: object, expected: object) -> None:
    assert parse_window(reported) == expected
