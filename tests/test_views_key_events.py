"""The key-events view: the top events of each period of a window, to draw and to list."""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd
import pytest

from timeline.key_events import rank_events
from timeline.views.key_events import (
    TOLD_BANDS,
    caption,
    key_events_view,
    opens_on_key_events,
    period_heading,
    ranked_among,
)


def merged_row(event_id: str, day: str, told: list[tuple[str, str]], label: str) -> dict[str, Any]:
    """A merged day-level event told by (article, outlet) pairs, as `merge.merged_frame` has it."""
    sentence = f"{label[:1].upper()}{label[1:]} on {day}."
    start = sentence.index(day)
    return {
        "event_id": event_id,
        "article": told[0][0],
        "title": f"Story {told[0][0]}",
        "source": told[0][1],
        "published": pd.Timestamp(day),
        "published_from": "header",
        "text": day,
        "start": start,
        "end": start + len(day),
        "value": day,
        "date_start": pd.Timestamp(day),
        "date_end": pd.Timestamp(day),
        "granularity": "day",
        "sentence": sentence,
        "sentence_start": 0,
        "sentence_end": len(sentence),
        "event": label,
        "mentions": [
            {"event_id": f"{article}:{n}", "article": article, "source": outlet}
            for n, (article, outlet) in enumerate(told)
        ],
        "count": len(told),
    }


WIRES = [("a", "AP"), ("b", "Reuters"), ("c", "AFP"), ("d", "BBC"), ("e", "NPR")]
TEN = [*WIRES, *((f"{article}2", outlet) for article, outlet in WIRES)]  # two articles each
MERGED = pd.DataFrame(
    [
        merged_row("summit", "2017-03-02", TEN, "the leaders met at the summit"),
        merged_row("vote", "2017-03-09", WIRES[:3], "parliament voted on the treaty"),
        merged_row("rally", "2017-03-06", WIRES[:2], "thousands rallied in the capital"),
        merged_row("fire", "2017-03-09", WIRES[:1], "in a fire at the port"),
        merged_row("strike", "2017-04-20", WIRES[:2], "dockers went on strike"),
        merged_row("old", "1998-08-07", WIRES[:1], "bombs exploded outside two embassies"),
    ]
)
RANKED = rank_events(MERGED)


def test_the_top_of_each_period_in_date_order_under_its_name() -> None:
    view = key_events_view(RANKED, MERGED, (date(2017, 3, 1), date(2017, 4, 30)), top=2)
    assert view.period == "week"  # two months: ranked per week
    listed = [(g.heading, [row.id for row in g.rows]) for g in view.groups]
    assert listed == [
        ("Week of 27 February 2017", ["summit"]),
        ("Week of 6 March 2017", ["rally", "vote"]),  # the top 2 of the week by rank: not fire
        ("Week of 17 April 2017", ["strike"]),
    ]
    summit = view.groups[0].rows[0]
    assert (summit.when, summit.label) == ("Thu 2 Mar 2017", "The leaders met at the summit.")
    assert summit.note == "10 articles · AP, Reuters, AFP and 2 more"
    assert summit.hint == "AP, Reuters, AFP, BBC, NPR"


def test_a_label_that_is_no_sentence_gives_way_to_its_sentence() -> None:
    view = key_events_view(RANKED, MERGED, (date(2017, 3, 1), date(2017, 3, 31)))
    fire = next(row for g in view.groups for row in g.rows if row.id == "fire")
    assert fire.label == "In a fire at the port on 2017-03-09."


BAND_CASES = [("summit", TOLD_BANDS[0]), ("vote", TOLD_BANDS[2]), ("fire", TOLD_BANDS[3])]


@pytest.mark.parametrize(("event_id", "band"), BAND_CASES, ids=[c[0] for c in BAND_CASES])
def test_drawn_in_the_lane_of_how_many_articles_tell_it(
    event_id: str, band: tuple[int, str]
) -> None:
    view = key_events_view(RANKED, MERGED, (date(2017, 3, 1), date(2017, 3, 31)))
    row = view.events.set_index("event_id").loc[event_id]
    assert row["told_label"] == band[1]
    assert row["told"] == str(TOLD_BANDS.index(band))  # lanes sort by it: most told on top
    assert pd.isna(row["published"])  # told by many: no one publication mark


def test_the_window_decides_what_is_key() -> None:
    everything = key_events_view(RANKED, MERGED, None, top=1)
    assert everything.period == "year"
    assert [row.id for g in everything.groups for row in g.rows] == ["old", "summit"]
    assert key_events_view(RANKED, MERGED, (date(2000, 1, 1), date(2000, 12, 31))).count == 0


def spanning(event_id: str, first: str, last: str, granularity: str, told: int) -> dict[str, Any]:
    """A merged event whose date is a span (a month, a year) told by `told` articles."""
    row = merged_row(event_id, first, WIRES[:told], f"{event_id} was told")
    return row | {"date_end": pd.Timestamp(last), "granularity": granularity}


def test_an_event_wider_than_the_periods_goes_into_the_coarser_period_holding_it() -> None:
    merged = pd.DataFrame(
        [
            *MERGED.to_dict("records"),
            spanning("march", "2017-03-01", "2017-03-31", "month", 5),
            spanning("year", "2017-01-01", "2017-12-31", "year", 5),
        ]
    )
    view = key_events_view(rank_events(merged), merged, (date(2017, 3, 1), date(2017, 3, 31)))
    assert view.period == "day"
    listed = [(g.heading, [row.id for row in g.rows]) for g in view.groups]
    assert listed[:2] == [("March 2017", ["march"]), ("Thu 2 Mar 2017", ["summit"])]
    assert "year" not in view.events["event_id"].tolist()  # wider than the window


def test_a_window_with_no_event_inside_says_so() -> None:
    empty = key_events_view(RANKED, MERGED, (date(2000, 1, 1), date(2000, 12, 31)))
    assert caption(empty).startswith("No dated event lies within this window.")


def test_the_filters_keep_their_ranking() -> None:
    assert ranked_among(RANKED, ["fire", "summit"])["event_id"].tolist() == ["summit", "fire"]


PERIODS = [
    ("day", "2017-03-09", "Thu 9 Mar 2017"),
    ("week", "2017-03-06/2017-03-12", "Week of 6 March 2017"),
    ("month", "2017-03", "March 2017"),
    ("year", "2017", "2017"),
]


@pytest.mark.parametrize(("kind", "period", "expected"), PERIODS, ids=[p[0] for p in PERIODS])
def test_period_heading(kind: str, period: str, expected: str) -> None:
    assert period_heading(period, kind) == expected


@pytest.mark.parametrize(("events", "key"), [(7, False), (500, False), (501, True), (95_000, True)])
def test_a_big_timeline_opens_on_its_key_events(events: int, key: bool) -> None:
    assert opens_on_key_events(events) is key
