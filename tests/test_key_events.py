"""Key events: merged events ranked by how many articles and outlets tell them."""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd
import pytest

from timeline.key_events import KEY_EVENT_COLUMNS, choose_period, key_events, rank_events


def merged_row(
    event_id: str, first: str, last: str, granularity: str, told: list[tuple[str, str]]
) -> dict[str, Any]:
    """A merged event told by (article, outlet) pairs."""
    return {
        "event_id": event_id,
        "date_start": pd.Timestamp(first),
        "date_end": pd.Timestamp(last),
        "granularity": granularity,
        "value": first,
        "event": f"label of {event_id}",
        "mentions": [
            {"event_id": f"{article}:{n}", "article": article, "source": outlet}
            for n, (article, outlet) in enumerate(told)
        ],
    }


MERGED = pd.DataFrame(
    [
        merged_row("one-article", "2017-02-20", "2017-02-20", "day", [("a", "AP")]),
        merged_row("three-one-outlet", "2017-02-21", "2017-02-21", "day",
                   [("a", "AP"), ("b", "AP"), ("c", "AP")]),
        merged_row("three-three-outlets", "2017-03-02", "2017-03-02", "day",
                   [("a", "AP"), ("d", "Reuters"), ("e", "BBC")]),
        merged_row("two-as-a-year", "2017-01-01", "2017-12-31", "year",
                   [("a", "AP"), ("f", "BBC")]),
        merged_row("two-as-a-day", "2017-03-09", "2017-03-09", "day", [("g", "AP"), ("h", "BBC")]),
        merged_row("vague", "NaT", "NaT", "vague", [("a", "AP"), ("b", "AP"), ("c", "AP"),
                                                     ("d", "Reuters")]),
    ]
)  # fmt: skip


def test_ranked_by_articles_then_outlets_then_precision() -> None:
    ranked = rank_events(MERGED)
    assert ranked["event_id"].tolist() == [
        "three-three-outlets",
        "three-one-outlet",
        "two-as-a-day",
        "two-as-a-year",
        "one-article",
    ]  # a vague expression has no date to rank
    top = ranked.iloc[0]
    assert (top["articles"], top["outlets"], top["sources"]) == (3, 3, ["AP", "Reuters", "BBC"])
    assert top["event_ids"] == ["a:0", "d:1", "e:2"]
    assert top["when"] == "Thu 2 Mar 2017" and top["label"] == "label of three-three-outlets"
    assert tuple(ranked.columns) == KEY_EVENT_COLUMNS


def test_top_n_of_a_window() -> None:
    window = key_events(MERGED, top=2, start=date(2017, 2, 21), end=date(2017, 2, 28))
    assert window["event_id"].tolist() == ["three-one-outlet", "two-as-a-year"]


def test_top_per_period_in_date_order() -> None:
    spring = {"start": date(2017, 2, 1), "end": date(2017, 3, 31)}
    per_month = key_events(MERGED, top=1, period="month", **spring)
    assert per_month[["period", "event_id"]].values.tolist() == [
        ["2017-02", "three-one-outlet"],
        ["2017-03", "three-three-outlets"],
    ]  # the year is no key event of one of its months
    per_year = key_events(MERGED, top=2, period="auto")  # a year's window: by month
    assert per_year["period"].tolist() == [
        "2017",  # inside the window, wider than a month: in the year that holds it
        "2017-02",
        "2017-02",
        "2017-03",
        "2017-03",
    ]
    per_week = key_events(MERGED, top=1, period="week", **spring)
    assert per_week["period"].tolist()[0] == "2017-02-20/2017-02-26"
    assert key_events(MERGED, top=1, period="year")["event_id"].tolist() == ["three-three-outlets"]


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        (date(2017, 2, 1), date(2017, 2, 28), "day"),
        (date(2017, 1, 1), date(2017, 6, 30), "week"),
        (date(2015, 1, 1), date(2017, 12, 31), "month"),
        (date(1990, 1, 1), date(2017, 12, 31), "year"),
    ],
)
def test_period_follows_the_window(first: date, last: date, expected: str) -> None:
    assert choose_period(first, last) == expected


def test_an_unmerged_frame_ranks_its_rows_alone() -> None:
    plain = MERGED.drop(columns="mentions").assign(article="a", source="AP")
    assert rank_events(plain)["articles"].tolist() == [1] * 5


def test_nothing_to_rank() -> None:
    assert rank_events(MERGED.iloc[:0]).empty
    assert key_events(MERGED[MERGED["granularity"] == "vague"], period="auto").empty
