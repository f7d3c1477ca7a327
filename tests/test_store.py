"""The store keeps exactly what extraction produced, and finds it again."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from timeline.articles import Article, LoadProblem
from timeline.events import article_event_rows, extract_events, filter_events
from timeline.store import (
    EXTRACTOR_VERSION,
    FileExtract,
    FileStamp,
    StoreError,
    open_store,
)

WEDNESDAY = date(2017, 2, 22)
TALKS = Article(
    "talks",
    "Talks resume",
    "wire",
    "Ministers met on Monday. They will meet again Thursday to sign the deal.",
    WEDNESDAY,
    "header",
    "/corpus/talks.txt",
)
VISIT = Article(
    "visit",
    "Visit <b>",
    "paper",
    "The envoy arrived in March 2016 and left the following day.",
    None,
    "unknown",
    "/corpus/visit.txt",
)


def extract(path: str, *articles: Article, problems: tuple[LoadProblem, ...] = ()) -> FileExtract:
    rows = [row for article in articles for row in article_event_rows(article)]
    stamp = FileStamp(10, 20, f"hash-of-{path}", EXTRACTOR_VERSION)
    return FileExtract(path, stamp, list(articles), rows, list(problems))


@pytest.fixture
def store(tmp_path: Path):  # type: ignore[no-untyped-def]
    opened = open_store(tmp_path / "store.sqlite")
    opened.write_files([extract("/corpus/talks.txt", TALKS)])
    opened.write_files([extract("/corpus/visit.txt", VISIT)])
    yield opened
    opened.close()


def test_events_read_back_equal_the_extracted_frame(store) -> None:  # type: ignore[no-untyped-def]
    expected = extract_events([TALKS, VISIT]).sort_values(["article", "start"])
    pd.testing.assert_frame_equal(
        store.events().reset_index(drop=True), expected.reset_index(drop=True)
    )


def test_all_events_come_back_equal_from_the_snapshot(
    store,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    first = store.events()
    [snapshot] = cache.glob("timeline/snapshots/*.parquet")
    pd.testing.assert_frame_equal(store.events(), first)
    snapshot.write_bytes(b"damaged")
    pd.testing.assert_frame_equal(store.events(), first)
    store.write_files([extract("/corpus/other.txt", VISIT)])
    assert len(store.events()) == len(first) + 2
    [newer] = cache.glob("timeline/snapshots/*.parquet")  # the old generation's is dropped
    assert newer != snapshot
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "cache") == [
        "store.sqlite",
        "store.sqlite-shm",
        "store.sqlite-wal",
    ]  # nothing but the store beside the store


def test_articles_read_back_equal(store) -> None:  # type: ignore[no-untyped-def]
    assert store.articles() == [TALKS, VISIT]
    assert store.articles(["visit"]) == [VISIT]


@pytest.mark.parametrize(
    ("filters", "expected_texts"),
    [
        ({}, ["Monday", "Thursday", "March 2016", "the following day"]),
        ({"start": date(2017, 2, 21)}, ["Thursday"]),
        ({"end": date(2016, 12, 31)}, ["March 2016"]),  # unanchored: no span to compare
        ({"sources": ["paper"]}, ["March 2016", "the following day"]),
        ({"granularities": ["month"]}, ["March 2016"]),
        ({"query": "sign"}, ["Thursday"]),
        ({"query": "MINIST"}, ["Monday"]),  # prefix, any case
        ({"query": 'envoy "AND( arrived'}, ["March 2016", "the following day"]),
        ({"query": "envoy Monday"}, []),
    ],
    ids=["all", "from", "until", "source", "precision", "word", "prefix", "hostile", "every-word"],
)
def test_events_are_filtered_in_sql(
    store,  # type: ignore[no-untyped-def]
    filters: dict[str, object],
    expected_texts: list[str],
) -> None:
    assert sorted(store.events(**filters)["text"]) == sorted(expected_texts)


@pytest.mark.parametrize(
    ("window", "expected"),
    [
        ({"start": WEDNESDAY, "end": WEDNESDAY}, ["recently"]),
        ({"end": date(2017, 2, 21)}, ["March 2016", "Monday"]),
        ({"start": date(2017, 2, 23)}, ["Thursday"]),
    ],
    ids=["published-inside", "published-after", "published-before"],
)
def test_a_vague_event_is_in_the_window_of_its_publication(
    store,  # type: ignore[no-untyped-def]
    window: dict[str, date],
    expected: list[str],
) -> None:
    rose = Article("rose", "Prices", "wire", "Prices rose recently.", WEDNESDAY, "header")
    store.write_files([extract("/corpus/rose.txt", rose)])
    in_sql = store.events(**window)
    in_memory = filter_events(store.events(), **window)
    assert sorted(in_sql["text"]) == sorted(in_memory["text"]) == sorted(expected)


def test_rewriting_a_file_replaces_its_rows(store) -> None:  # type: ignore[no-untyped-def]
    shorter = Article("talks", "Talks", "wire", "Nothing dated.", WEDNESDAY, "header")
    before = store.generation()
    store.write_files([extract("/corpus/talks.txt", shorter)])
    assert store.count("articles") == 2
    assert store.events()["article"].unique().tolist() == ["visit"]
    assert store.search_articles("ministers") == []
    assert store.generation() > before


def test_an_id_taken_by_another_file_gets_a_suffix(store) -> None:  # type: ignore[no-untyped-def]
    store.write_files([extract("/elsewhere/talks.txt", TALKS)])
    ids = store.events()["event_id"].tolist()
    assert "talks-2:17" in ids and "talks:17" in ids


def test_problems_are_remembered_per_file(store) -> None:  # type: ignore[no-untyped-def]
    problem = LoadProblem("/corpus/bad.txt", "empty file")
    store.write_files([extract("/corpus/bad.txt", problems=(problem,))])
    assert store.problems() == [problem]
    assert store.problems(["/corpus/talks.txt"]) == []


def test_forgetting_a_file_removes_its_articles_and_events(store) -> None:  # type: ignore[no-untyped-def]
    assert store.forget_files(["/corpus/visit.txt", "/corpus/never.txt"]) == 1
    assert [a.id for a in store.articles()] == ["talks"]
    assert set(store.events()["article"]) == {"talks"}
    assert set(store.stamps()) == {"/corpus/talks.txt"}


def test_search_articles_ranks_and_marks_matches(store) -> None:  # type: ignore[no-untyped-def]
    [(article_id, snippet)] = store.search_articles("envoy")
    assert article_id == "visit" and "[envoy]" in snippet


def test_a_file_that_is_not_a_store_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_bytes(b"just some text, not a database" * 100)
    with pytest.raises(StoreError, match="notes.sqlite"):
        open_store(path)


def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite"
    open_store(path).close()
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE meta SET value = '99' WHERE key = 'schema'")
    with pytest.raises(StoreError, match="schema 99"):
        open_store(path)


@pytest.mark.parametrize(
    ("query", "found"), [("meet", ["talks:"]), ("arrived", ["visit:"]), ("", [])]
)
def test_event_ids_matching_is_the_full_text_search(store, query: str, found: list[str]) -> None:  # type: ignore[no-untyped-def]
    ids = store.event_ids_matching(query)
    assert sorted({i.split(":")[0] + ":" for i in ids}) == found
    assert set(ids) == set(store.events(query=query)["event_id"]) or not query


def test_a_store_made_before_readings_gets_the_columns(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    open_store(path).close()
    with sqlite3.connect(path) as connection:  # as a store made before the reading columns
        connection.execute("ALTER TABLE articles DROP COLUMN reading_from")
        connection.execute("ALTER TABLE articles DROP COLUMN reading")
    store = open_store(path)
    store.write_files([extract("/corpus/talks.txt", TALKS)])
    assert store.articles() == [TALKS]
    store.close()
