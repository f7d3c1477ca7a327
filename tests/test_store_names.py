"""The store keeps the names found at ingest and gives back what following a name reads."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from timeline.articles import Article
from timeline.events import article_event_rows
from timeline.follow import ENTITY_EVENT_COLUMNS, read_names
from timeline.mentions import NAME_COLUMNS, article_name_rows
from timeline.store import EXTRACTOR_VERSION, FileExtract, FileStamp, open_store

ARTICLES = [
    Article(
        "gm",
        "GM cuts",
        "wire",
        "General Motors (GM) said on Monday that it cut jobs. GM shares fell.",
        date(2010, 7, 12),
        "header",
        "/corpus/gm.txt",
    ),
    Article(
        "jobs",
        "Keynote",
        "paper",
        "Steve Jobs unveiled a phone. Jobs smiled. He has left. General Motors has not.",
        date(2010, 7, 15),
        "header",
        "/corpus/jobs.txt",
    ),
]


def extract(path: str, article: Article) -> FileExtract:
    rows = article_event_rows(article)
    return FileExtract(
        path,
        FileStamp(1, 1, "hash-" + path, EXTRACTOR_VERSION),
        [article],
        rows,
        names=article_name_rows(article, rows),
    )


@pytest.fixture
def store(tmp_path: Path):  # type: ignore[no-untyped-def]
    opened = open_store(tmp_path / "store.sqlite")
    opened.write_files([extract(a.path, a) for a in ARTICLES])
    yield opened
    opened.close()


def test_the_stored_index_is_the_one_built_in_memory(store) -> None:  # type: ignore[no-untyped-def]
    stored = store.name_index()
    memory = read_names(ARTICLES).index
    pd.testing.assert_frame_equal(stored, memory)


@pytest.mark.parametrize("name", ["GM", "Steve Jobs", "jobs"])
def test_stored_name_events_equal_the_ones_built_in_memory(store, name: str) -> None:  # type: ignore[no-untyped-def]
    corpus = read_names(ARTICLES)
    found, memory = corpus.events_of(name)
    assert found is not None and not memory.empty
    stored = store.name_events(found.keys, found.own_names)
    assert list(stored.columns) == list(ENTITY_EVENT_COLUMNS)
    pd.testing.assert_frame_equal(stored, memory)


def test_in_memory_as_in_the_store_the_corpus_kind_of_a_name_decides(tmp_path: Path) -> None:
    # "the new Airbus jets" make Airbus look like a product in one article; the corpus knows
    # it as an organisation, so there it only modifies "jets" and gives no row, either way
    articles = [
        Article(
            "cuts",
            "",
            "wire",
            "Airbus chief executive Tom Enders spoke. Airbus said on Monday it would cut jobs.",
            date(2010, 7, 12),
            "header",
            "/corpus/cuts.txt",
        ),
        Article(
            "order",
            "",
            "wire",
            "Aer Lingus bought the new Airbus jets. The Airbus aircraft fly far.",
            date(2010, 7, 16),
            "header",
            "/corpus/order.txt",
        ),
    ]
    found, memory = read_names(articles).events_of("Airbus")
    assert found is not None and set(memory["article"]) == {"cuts"}
    opened = open_store(tmp_path / "store.sqlite")
    opened.write_files([extract(a.path, a) for a in articles])
    stored = opened.name_events(found.keys, found.own_names)
    opened.close()
    pd.testing.assert_frame_equal(stored, memory)


def test_rewriting_or_forgetting_a_file_replaces_its_names(store) -> None:  # type: ignore[no-untyped-def]
    before = store.count("names")
    changed = Article(
        "jobs", "Keynote", "paper", "Nothing named here.", date(2010, 7, 15), "header"
    )
    store.write_files([extract("/corpus/jobs.txt", changed)])
    assert 0 < store.count("names") < before
    assert store.forget_files(["/corpus/gm.txt", "/corpus/jobs.txt"]) == 2
    assert store.count("names") == 0 and store.name_index().empty


def test_names_follow_an_article_renamed_for_a_taken_id(store) -> None:  # type: ignore[no-untyped-def]
    twin = ARTICLES[0]
    store.write_files([extract("/other/gm.txt", twin)])
    mentions = store.names_of(["general motors"])
    assert {"gm", "gm-2"} <= set(mentions["article"])


def test_the_index_is_a_snapshot_made_again_only_when_the_names_change(store) -> None:  # type: ignore[no-untyped-def]
    assert store.refresh_name_index() is True  # none yet: made now
    assert store.refresh_name_index() is False  # names unchanged: kept
    before = store.name_index()
    changed = Article(
        "jobs", "Keynote", "paper", "Tim Cook spoke. Cook left.", date(2010, 7, 15), "header"
    )
    store.write_files([extract("/corpus/jobs.txt", changed)])
    after = store.name_index()  # stale snapshot: made again
    assert "Steve Jobs" in set(before["name"]) and "Steve Jobs" not in set(after["name"])
    assert "Tim Cook" in set(after["name"])
    assert store.refresh_name_index() is False
    pd.testing.assert_frame_equal(store.name_index(), after)


def test_a_names_table_of_the_old_shape_is_made_again(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    open_store(path).close()
    connection = sqlite3.connect(path)
    with connection:  # as CODE_VERSION 4 made it: one row per mention
        connection.execute("DROP TABLE names")
        connection.execute("CREATE TABLE names (rowid INTEGER PRIMARY KEY, article, start, anchor)")
        connection.execute("INSERT INTO names (article, start, anchor) VALUES ('a', 0, 'x')")
    connection.close()
    store = open_store(path)
    try:
        columns = [row[1] for row in store.connection.execute("PRAGMA table_info(names)")]
        assert columns[1:] == list(NAME_COLUMNS) and store.count("names") == 0
    finally:
        store.close()
