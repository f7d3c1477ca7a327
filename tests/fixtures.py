"""Synthetic events dataframes with the real columns, for figure/export/snippet tests."""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd

from timeline.events import EVENT_COLUMNS, events_frame

__all__ = ["EVENT_COLUMNS", "events_frame", "many_events", "sample_events"]

ARTICLE_TEXT = (
    "Mexico is angry.\n\n"
    "Videgaray vowed Wednesday that Mexico will not accept <b>unilateral</b> directives.\n\n"
    "Talks resume in March 2017, officials said. Prices rose recently."
)


def _row(
    article: str,
    expression: str,
    value: str,
    first: date | None,
    last: date | None,
    granularity: str,
    *,
    text: str = ARTICLE_TEXT,
    source: str = "Wire",
    published: date | None = date(2017, 2, 22),
) -> dict[str, Any]:
    start = text.index(expression)
    sentence_start = max(text.rfind("\n", 0, start) + 1, text.rfind(". ", 0, start) + 2)
    ends = [i for i in (text.find(". ", start), text.find(".\n", start)) if i != -1]
    sentence_end = min(ends) + 1 if ends else len(text)
    sentence = text[sentence_start:sentence_end]
    return {
        "event_id": f"{article}:{start}",
        "article": article,
        "title": f"Story {article}",
        "source": source,
        "published": published,
        "published_from": "header" if published else "unknown",
        "text": expression,
        "start": start,
        "end": start + len(expression),
        "type": "DATE",
        "value": value,
        "date_start": first,
        "date_end": last,
        "granularity": granularity,
        "sentence": sentence,
        "sentence_start": sentence_start,
        "sentence_end": sentence_end,
        "event": f"label for {expression}",
        "rule": "test",
    }


def sample_events() -> pd.DataFrame:
    """Four events over two articles: a day, a month, a vague one, and one in 1990."""
    rows = [
        _row("a1", "Wednesday", "2017-02-22", date(2017, 2, 22), date(2017, 2, 22), "day"),
        _row("a1", "March 2017", "2017-03", date(2017, 3, 1), date(2017, 3, 31), "month"),
        _row("a1", "recently", "PAST_REF", None, None, "vague"),
        _row(
            "b2",
            "Wednesday",
            "2017-02-22",
            date(2017, 2, 22),
            date(2017, 2, 22),
            "day",
            source="Daily <Planet>",
        ),
    ]
    return events_frame(rows)


def many_events(count: int, articles: int = 50, sources: int = 6) -> pd.DataFrame:
    """`count` day and month events spread over 2017, for the dense and speed paths."""
    rows = []
    for i in range(count):
        first = pd.Timestamp("2017-01-01") + pd.Timedelta(days=i % 365)
        span = i % 7 == 0
        rows.append(
            {
                "event_id": f"n{i % articles}:{i}",
                "article": f"n{i % articles}",
                "title": f"Article {i % articles}",
                "source": f"Source {i % sources}",
                "published": pd.Timestamp("2017-12-31"),
                "published_from": "header",
                "text": "Monday",
                "start": 0,
                "end": 6,
                "type": "DATE",
                "value": first.strftime("%Y-%m-%d"),
                "date_start": first,
                "date_end": first + pd.Timedelta(days=30 if span else 0),
                "granularity": "month" if span else "day",
                "sentence": "Monday it rained.",
                "sentence_start": 0,
                "sentence_end": 17,
                "event": "it rained",
                "rule": "test",
            }
        )
    frame = events_frame(rows)
    assert tuple(frame.columns) == EVENT_COLUMNS
    return frame
