"""The events dataframe: columns, offsets back into the article, filters."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from timeline.articles import Article, load_articles
from timeline.events import EVENT_COLUMNS, extract_events, filter_events
from timeline.export import event_dicts

DATA = Path(__file__).parents[1] / "data"
DCT = date(2017, 2, 22)


def make_article(text: str, published: date | None = DCT, article_id: str = "a1") -> Article:
    return Article(
        article_id, "Title", "Wire", text, published, "header" if published else "unknown"
    )


@pytest.fixture(scope="module")
def sample_events() -> pd.DataFrame:
    loaded = load_articles([DATA])
    assert loaded.problems == []
    return extract_events(loaded.articles)


def test_columns_and_types(sample_events: pd.DataFrame) -> None:
    assert tuple(sample_events.columns) == EVENT_COLUMNS
    assert sample_events["event_id"].is_unique
    for column in ("published", "date_start", "date_end"):
        assert str(sample_events[column].dtype).startswith("datetime64")


def test_offsets_point_back_into_the_article(sample_events: pd.DataFrame) -> None:
    texts = {article.id: article.text for article in load_articles([DATA]).articles}
    for row in sample_events.itertuples():
        text = texts[row.article]
        assert text[row.start : row.end] == row.text
        assert text[row.sentence_start : row.sentence_end] == row.sentence
        assert row.sentence_start <= row.start < row.end <= row.sentence_end


SAMPLE_EVENTS = [
    ("vowed Wednesday", "Wednesday", "2017-02-22", "day"),
    ("meet Thursday", "Thursday", "2017-02-23", "day"),
    ("made public Tuesday", "Tuesday", "2017-02-21", "day"),
    ("caption date", "February 22, 2017", "2017-02-22", "day"),
    ("recent years", "recent years", "PAST_REF", "vague"),
]


@pytest.mark.parametrize(
    ("expression", "value", "granularity"),
    [c[1:] for c in SAMPLE_EVENTS],
    ids=[c[0] for c in SAMPLE_EVENTS],
)
def test_sample_events(
    sample_events: pd.DataFrame, expression: str, value: str, granularity: str
) -> None:
    rows = sample_events[sample_events["text"] == expression]
    assert not rows.empty
    assert set(rows["value"]) == {value}
    assert set(rows["granularity"]) == {granularity}


def test_both_samples_dated_from_their_own_clues(sample_events: pd.DataFrame) -> None:
    by_article = sample_events.groupby("article")["published_from"].first()
    assert sorted(source.split(":")[0] for source in by_article) == ["header", "inferred"]
    assert set(sample_events["published"]) == {pd.Timestamp(DCT)}


def test_durations_are_not_events() -> None:
    frame = extract_events([make_article("The strike lasted two weeks and ended on Monday.")])
    assert frame["text"].tolist() == ["Monday"]


def test_unknown_publication_date_keeps_the_row_without_a_span() -> None:
    frame = extract_events([make_article("They met on Thursday.", published=None)])
    assert frame["text"].tolist() == ["Thursday"]
    assert frame["date_start"].isna().all()
    assert frame["granularity"].tolist() == ["unknown"]


def test_no_articles_gives_an_empty_frame_with_the_columns() -> None:
    frame = extract_events([])
    assert frame.empty
    assert tuple(frame.columns) == EVENT_COLUMNS


def test_label_drops_the_date() -> None:
    frame = extract_events([make_article("The minister resigned on Monday after the vote.")])
    assert frame["event"].tolist() == ["The minister resigned after the vote"]


FILTER_CASES = [
    ("everything", {}, ["a1:15", "a1:44", "a2:15"]),
    ("window overlaps month", {"start": date(2017, 3, 15), "end": date(2017, 3, 20)}, ["a1:44"]),
    ("vague is out of a window before its article", {"end": date(2016, 6, 1)}, []),
    ("vague is in the window of its article", {"start": DCT, "end": DCT}, ["a2:15"]),
    ("precision day shows days only", {"granularities": ["day"]}, ["a1:15"]),
    ("source", {"sources": ["Other"]}, ["a2:15"]),
    ("granularity", {"granularities": ["month"]}, ["a1:44"]),
    ("hide vague", {"include_vague": False}, ["a1:15", "a1:44"]),
    ("query in sentence", {"query": "talks"}, ["a1:44"]),
    ("query case-insensitive", {"query": "RESIGNED"}, ["a1:15"]),
    ("query is literal", {"query": "resign.d"}, []),
]


@pytest.mark.parametrize(
    ("filters", "expected"), [c[1:] for c in FILTER_CASES], ids=[c[0] for c in FILTER_CASES]
)
def test_filter_events(filters: dict, expected: list[str]) -> None:
    frame = extract_events(
        [
            make_article("He resigned on Monday. Talks will resume in March."),
            Article("a2", "T2", "Other", "Prices rose in recent years.", DCT, "header"),
        ]
    )
    assert sorted(filter_events(frame, **filters)["event_id"]) == expected


def test_vague_rows_have_no_calendar_date() -> None:
    frame = extract_events([make_article("Prices rose recently, and in recent years.")])
    assert frame["granularity"].tolist() == ["vague", "vague"]
    assert frame["date_start"].isna().all() and frame["date_end"].isna().all()
    assert [r["date_start"] for r in event_dicts(frame)] == [None, None]


def test_event_records_are_json_ready() -> None:
    records = event_dicts(extract_events([make_article("He resigned on Monday.", published=None)]))
    assert records[0]["date_start"] is None
    assert records[0]["published"] is None
    assert isinstance(records[0]["start"], int)


def test_source_filter_matches_any_source_of_a_merged_event() -> None:
    frame = extract_events([make_article("They meet on Monday.")])
    frame["mentions"] = [[{"source": "Wire"}, {"source": "Other"}]]
    assert (
        filter_events(frame, sources=["Other"])["event_id"].tolist() == frame["event_id"].tolist()
    )
    assert filter_events(frame, sources=["Nobody"]).empty
