"""The chronology: every event in date order, grouped, spans named as spans, vague apart."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from timeline.chronology import (
    UNPLACED_GROUP,
    VAGUE_GROUP,
    choose_grouping,
    chronological,
    chronology,
    locate_day,
    span_label,
)

SPAN_CASES = [
    ("day", date(2017, 3, 8), date(2017, 3, 8), "day", "Wed 8 Mar 2017"),
    ("week", date(2017, 3, 6), date(2017, 3, 12), "week", "week of 6 March 2017"),
    ("month", date(2017, 3, 1), date(2017, 3, 31), "month", "March 2017"),
    ("quarter", date(2017, 1, 1), date(2017, 3, 31), "quarter", "Q1 2017"),
    ("season", date(2016, 12, 1), date(2017, 2, 28), "season", "winter 2017"),
    ("year", date(1987, 1, 1), date(1987, 12, 31), "year", "1987"),
    ("decade", date(1990, 1, 1), date(1999, 12, 31), "decade", "the 1990s"),
    ("a run of days", date(2017, 3, 6), date(2017, 3, 9), "day", "6 Mar – 9 Mar 2017"),
    ("vague", None, None, "vague", VAGUE_GROUP),
    ("unplaced", None, None, "unknown", UNPLACED_GROUP),
]


@pytest.mark.parametrize(
    ("first", "last", "granularity", "expected"),
    [c[1:] for c in SPAN_CASES],
    ids=[c[0] for c in SPAN_CASES],
)
def test_span_label(first: date | None, last: date | None, granularity: str, expected: str) -> None:
    assert span_label(first, last, granularity) == expected


def frame(rows: list[tuple[str, str | None, str | None, str]]) -> pd.DataFrame:
    """(event_id, first day, last day, granularity), all published on 9 March 2017."""
    return pd.DataFrame(
        {
            "event_id": [row[0] for row in rows],
            "date_start": pd.to_datetime([row[1] for row in rows]),
            "date_end": pd.to_datetime([row[2] for row in rows]),
            "granularity": [row[3] for row in rows],
            "published": pd.Timestamp("2017-03-09"),
        }
    )


EVENTS = frame(
    [
        ("unplaced", None, None, "unknown"),
        ("tuesday", "2017-03-07", "2017-03-07", "day"),
        ("vague", None, None, "vague"),
        ("march", "2017-03-01", "2017-03-31", "month"),
        ("year", "2016-01-01", "2016-12-31", "year"),
        ("monday", "2017-03-06", "2017-03-06", "day"),
        ("crossing", "2017-02-27", "2017-03-05", "week"),
        ("monday-again", "2017-03-06", "2017-03-06", "day"),
    ]
)

GROUPING_CASES = [
    (
        "day",
        [
            ("year", "2016"),
            ("crossing", "week of 27 February 2017"),
            ("march", "March 2017"),
            ("monday", "Mon 6 Mar 2017"),
            ("monday-again", "Mon 6 Mar 2017"),
            ("tuesday", "Tue 7 Mar 2017"),
            ("vague", VAGUE_GROUP),
            ("unplaced", UNPLACED_GROUP),
        ],
    ),
    (
        "month",
        [
            ("year", "2016"),
            ("crossing", "week of 27 February 2017"),
            ("march", "March 2017"),
            ("monday", "March 2017"),
            ("monday-again", "March 2017"),
            ("tuesday", "March 2017"),
            ("vague", VAGUE_GROUP),
            ("unplaced", UNPLACED_GROUP),
        ],
    ),
    (
        "year",
        [
            ("year", "2016"),
            ("crossing", "2017"),
            ("march", "2017"),
            ("monday", "2017"),
            ("monday-again", "2017"),
            ("tuesday", "2017"),
            ("vague", VAGUE_GROUP),
            ("unplaced", UNPLACED_GROUP),
        ],
    ),
]


@pytest.mark.parametrize(
    ("grouping", "expected"), GROUPING_CASES, ids=[c[0] for c in GROUPING_CASES]
)
def test_chronological_order_and_groups(grouping: str, expected: list[tuple[str, str]]) -> None:
    ordered = chronological(EVENTS, grouping)
    assert list(zip(ordered["event_id"], ordered["group"], strict=True)) == expected


def test_every_event_is_paged_in_order() -> None:
    days = pd.date_range("2017-01-01", periods=450, freq="D")
    events = pd.DataFrame(
        {
            "event_id": [f"e{i}" for i in range(450)][::-1],
            "date_start": days[::-1],
            "date_end": days[::-1],
            "granularity": "day",
        }
    )
    pages = [chronology(events, grouping="month", page=n, page_size=200) for n in range(3)]
    assert [page.pages for page in pages] == [3, 3, 3] and pages[0].total == 450
    seen = pd.concat([page.rows for page in pages], ignore_index=True)
    assert seen["date_start"].is_monotonic_increasing and len(seen) == 450
    assert pages[2].rows["group"].iloc[-1] == "March 2018"
    assert chronology(events, page=99, page_size=200).page == 2  # past the end: the last


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        (date(2017, 3, 1), date(2017, 3, 31), "day"),
        (date(2016, 1, 1), date(2017, 12, 31), "month"),
        (date(1990, 1, 1), date(2017, 12, 31), "year"),
    ],
)
def test_grouping_follows_the_window(first: date, last: date, expected: str) -> None:
    assert choose_grouping(first, last) == expected


def test_auto_grouping_reads_the_dated_events() -> None:
    assert chronology(EVENTS).grouping == "month"  # 2016-01-01 to 2017-03-31


def dated(first: str, last: str, granularity: str) -> dict[str, object]:
    return {"date_start": pd.Timestamp(first), "date_end": pd.Timestamp(last),
            "granularity": granularity}  # fmt: skip


# In the chronology by month: 1987, March 2017, week of 6 March, 8 March, 9 March, 9 March, vague
FRAME = pd.DataFrame(
    [
        dated("2017-03-08", "2017-03-08", "day"),
        {"date_start": pd.NaT, "date_end": pd.NaT, "granularity": "vague"},
        dated("1987-01-01", "1987-12-31", "year"),
        dated("2017-03-01", "2017-03-31", "month"),
        dated("2017-03-06", "2017-03-12", "week"),
        dated("2017-03-09", "2017-03-09", "day"),
        dated("2017-03-09", "2017-03-09", "day"),
    ]
)

PLACES = [
    ("before everything", date(1900, 1, 1), 3, (0, 0)),
    ("a day with events", date(2017, 3, 8), 3, (1, 0)),  # after the month and the week
    ("between two days", date(2017, 3, 9), 2, (2, 0)),
    ("after everything", date(2030, 1, 1), 3, (1, 2)),  # the last dated event
]


@pytest.mark.parametrize(("day", "size", "expected"), [c[1:] for c in PLACES],
                         ids=[c[0] for c in PLACES])  # fmt: skip
def test_locate_day_finds_the_page_and_row_where_a_day_is_reached(
    day: date, size: int, expected: tuple[int, int]
) -> None:
    assert locate_day(FRAME, day, grouping="month", page_size=size) == expected
    page, row = expected
    rows = chronology(FRAME, grouping="month", page=page, page_size=size).rows
    assert rows.iloc[row]["granularity"] != "vague"


def test_an_event_without_its_end_is_grouped_by_its_start() -> None:
    frame = pd.DataFrame(
        {
            "date_start": pd.to_datetime(["2017-03-08", "2017-03-20"]),
            "date_end": pd.to_datetime([None, None]),
            "granularity": ["day", "day"],
        }
    )
    page = chronology(frame)
    assert page.grouping == "day"
    assert page.rows["when"].tolist() == ["Wed 8 Mar 2017", "Mon 20 Mar 2017"]
