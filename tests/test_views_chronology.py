"""The chronology as the dashboard lists it: a page in groups, spans named, notes per row."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest

from timeline.chronology import chronology
from timeline.views.chronology import chronology_groups, page_caption


def event(
    event_id: str, first: str | None, last: str | None, granularity: str, **extra: Any
) -> dict[str, Any]:
    return {
        "event_id": event_id,
        "text": extra.pop("text", event_id),
        "event": extra.pop("event", f"the council met ({event_id})"),
        "sentence": extra.pop("sentence", f"The council met ({event_id})."),
        "title": "Council news",
        "source": "AP",
        "date_start": pd.Timestamp(first) if first else pd.NaT,
        "date_end": pd.Timestamp(last) if last else pd.NaT,
        "granularity": granularity,
        "published": pd.Timestamp("2017-03-20"),
        **extra,
    }


FRAME = pd.DataFrame(
    [
        event("day", "2017-03-08", "2017-03-08", "day"),
        event("vague", None, None, "vague", text="recently"),
        event("year", "1987-01-01", "1987-12-31", "year"),
        event("month", "2017-03-01", "2017-03-31", "month", count=3),
        event("week", "2017-03-06", "2017-03-12", "week"),
        event("told", "2017-03-09", "2017-03-09", "day", anchor="publication"),
        event("fragment", "2017-03-09", "2017-03-09", "day", event="in a fire at the port"),
    ]
)


def rows_of(page_rows: pd.DataFrame) -> list[tuple[str, str, str, str]]:
    return [
        (group.heading, row.id, row.when, row.note)
        for group in chronology_groups(chronology(page_rows, grouping="month"))
        for row in group.rows
    ]


def test_a_page_lists_groups_in_date_order_with_spans_and_notes() -> None:
    assert rows_of(FRAME) == [
        ("1987", "year", "1987", "AP"),
        ("March 2017", "month", "March 2017", "AP · told by 3 articles"),
        ("March 2017", "week", "week of 6 March 2017", "AP"),
        ("March 2017", "day", "Wed 8 Mar 2017", "AP"),
        ("March 2017", "told", "Thu 9 Mar 2017", "AP · no date word: the day it was published"),
        ("March 2017", "fragment", "Thu 9 Mar 2017", "AP"),
        ("Vague: no calendar date", "vague", "“recently”", "AP · published Mon 20 Mar 2017"),
    ]


LABELS = [
    ("a label that reads as a sentence", "day", "The council met (day).", "The council met (day)."),
    ("a fragment shows its sentence", "fragment", "The council met (fragment).", "Council news"),
]


@pytest.mark.parametrize(("event_id", "label", "hint"), [c[1:] for c in LABELS],
                         ids=[c[0] for c in LABELS])  # fmt: skip
def test_a_row_reads_as_a_sentence(event_id: str, label: str, hint: str) -> None:
    rows = {row.id: row for group in chronology_groups(chronology(FRAME)) for row in group.rows}
    assert (rows[event_id].label, rows[event_id].hint) == (label, hint)


CAPTIONS = [
    (0, 3, "Events 1 to 3 of 7, in date order, by month (page 1 of 3)."),
    (2, 3, "Events 7 to 7 of 7, in date order, by month (page 3 of 3)."),
    (0, 100, "Events 1 to 7 of 7, in date order, by month."),
]


@pytest.mark.parametrize(("page", "size", "expected"), CAPTIONS)
def test_page_caption(page: int, size: int, expected: str) -> None:
    shown = chronology(FRAME, grouping="month", page=page, page_size=size)
    assert page_caption(shown, size) == expected


def test_a_followed_names_row_says_whose_it_is() -> None:
    both = pd.DataFrame(
        [
            event("meet", "2017-03-08", "2017-03-08", "day", followed_label=name)
            for name in ("Rex Tillerson", "John Kelly")
        ]
    )
    notes = [row.note for group in chronology_groups(chronology(both)) for row in group.rows]
    assert notes == ["Rex Tillerson · AP", "John Kelly · AP"]
