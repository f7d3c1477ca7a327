"""The session's view of the store: outlets from file-name prefixes, the reader's readings, and
the snapshot of the stored timeline (read back equal, made again when the store or the code
changes, ignored when damaged)."""

from __future__ import annotations

import pickle
import stat
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from tests.test_store import TALKS, VISIT, extract
from timeline import session
from timeline.articles import Article
from timeline.events import read_article
from timeline.key_events import rank_events
from timeline.merge import merged_frame
from timeline.session import SessionView, session_view, with_name_outlets
from timeline.store import EXTRACTOR_VERSION, FileExtract, FileStamp, Store, open_store

WEDNESDAY = date(2017, 2, 22)


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "timeline" / "snapshots"


@pytest.fixture
def store(tmp_path: Path, cache: Path) -> Iterator[Store]:
    opened = open_store(tmp_path / "store.sqlite")
    opened.write_files([extract("/corpus/talks.txt", TALKS)])
    opened.write_files([extract("/corpus/visit.txt", VISIT)])
    yield opened
    opened.close()


def snapshots(cache: Path) -> list[Path]:
    return sorted(cache.glob("*.pickle"))


def assert_same_view(view: SessionView, other: SessionView) -> None:
    for name in ("articles", "events", "merged", "ranked"):
        pd.testing.assert_frame_equal(getattr(view, name), getattr(other, name), obj=name)


def test_the_stored_timeline_is_merged_and_ranked(store: Store) -> None:
    view = session_view(store)
    index, events = with_name_outlets(store.article_index(), store.events())
    merged = merged_frame(events, store.groups(words=False))
    assert view.merged is not None and view.ranked is not None
    pd.testing.assert_frame_equal(view.events, events)
    pd.testing.assert_frame_equal(view.merged, merged)
    pd.testing.assert_frame_equal(view.ranked, rank_events(merged))


def test_a_new_process_reads_the_snapshot(
    store: Store, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = session_view(store)
    [snapshot] = snapshots(cache)
    assert stat.S_IMODE(snapshot.stat().st_mode) == 0o600  # the user's own

    def refuse(*_: Any) -> None:
        raise AssertionError("built again")

    monkeypatch.setattr(session, "merged_frame", refuse)
    assert_same_view(session_view(store), first)


def test_a_changed_store_makes_a_new_snapshot(store: Store, cache: Path) -> None:
    first = session_view(store)
    [old] = snapshots(cache)
    store.write_files(
        [
            extract(
                "/corpus/other.txt", Article("other", "O", "x", "On Monday.", WEDNESDAY, "header")
            )
        ]
    )
    view = session_view(store)
    assert len(view.events) == len(first.events) + 1
    [new] = snapshots(cache)  # the old generation's is dropped
    assert new != old


@pytest.mark.parametrize(
    "content",
    [b"damaged", b"", pickle.dumps({"not": "a timeline"})],
    ids=["garbage", "empty", "another-object"],
)
def test_a_damaged_snapshot_is_ignored_and_made_again(
    store: Store, cache: Path, content: bytes
) -> None:
    first = session_view(store)
    [snapshot] = snapshots(cache)
    snapshot.write_bytes(content)
    assert_same_view(session_view(store), first)
    with open(snapshot, "rb") as file:
        assert isinstance(pickle.load(file), session.StoredTimeline)


def test_a_snapshot_others_can_write_is_not_read(
    store: Store, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = session_view(store)
    [snapshot] = snapshots(cache)
    snapshot.chmod(0o666)
    built = []
    monkeypatch.setattr(session, "merged_frame", lambda *a: built.append(1) or merged_frame(*a))
    assert_same_view(session_view(store), first)
    assert built == [1]  # made again, not read
    assert stat.S_IMODE(snapshot.stat().st_mode) == 0o600


def test_other_code_makes_its_own_snapshot(
    store: Store, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session_view(store)
    [first] = snapshots(cache)
    monkeypatch.setattr(session, "_code_digest", lambda: "other-code")
    session_view(store)
    [second] = snapshots(cache)
    assert second != first and second.name.endswith("-other-code.pickle")


def test_a_store_written_while_it_is_read_keeps_no_snapshot(
    store: Store, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def merged_while_written(*arguments: Any) -> pd.DataFrame:
        store.write_files(
            [
                extract(
                    "/corpus/late.txt", Article("late", "L", "x", "On Monday.", WEDNESDAY, "header")
                )
            ]
        )
        return merged_frame(*arguments)

    monkeypatch.setattr(session, "merged_frame", merged_while_written)
    session_view(store)
    assert snapshots(cache) == []


def test_session_articles_leave_the_merging_to_the_session(store: Store) -> None:
    added = Article("pasted", "P", "me", "They met on Monday.", WEDNESDAY, "header")
    view = session_view(store, [added])
    assert view.merged is None and view.ranked is None
    assert set(view.session_articles) == {"pasted"}


def test_the_session_view_names_file_named_articles_by_their_shared_prefix(
    tmp_path: Path, cache: Path
) -> None:
    store = open_store(tmp_path / "store.sqlite")
    for n in range(3):
        name = f"nyt1998020{n}.txt"
        article = Article(f"nyt{n}", "T", name, "They met on Monday.", WEDNESDAY, "header", name)
        store.write_files([extract(f"/corpus/{name}", article)])
    store.write_files([extract("/corpus/talks.txt", TALKS)])
    view = session_view(store)
    store.close()
    assert sorted(set(view.articles["source"])) == ["The New York Times", "wire"]
    assert sorted(set(view.events["source"])) == ["The New York Times", "wire"]
    assert view.merged is not None
    assert sorted(set(view.merged["source"])) == ["The New York Times", "wire"]


def test_the_session_view_picks_events_by_id_in_its_order(store: Store) -> None:
    view = session_view(store)
    wanted = list(view.events["event_id"])[::-1] + ["no-such:0"]
    assert view.events_with_ids(wanted).equals(view.events)
    assert view.events_with_ids([]).empty


WAR = Article(
    "war",
    "The war",
    "wiki",
    "The war began in 1914; 1915, 1916 and 1917 were worse. It ended in 1918. In June the "
    "treaty was signed.",
    date(2009, 12, 19),
    "header",
)


@pytest.mark.parametrize(
    ("asked", "reading", "june"),
    [({}, "narrative", "1918-06"), ({"war": "news"}, "news", "2009-06")],
    ids=["auto", "set-by-the-user"],
)
def test_the_session_reads_an_article_as_the_user_asks(
    tmp_path: Path, cache: Path, asked: dict[str, str], reading: str, june: str
) -> None:
    store = open_store(tmp_path / "store.sqlite")
    decided, rows = read_article(WAR)
    stamp = FileStamp(1, 2, "hash", EXTRACTOR_VERSION)
    store.write_files([FileExtract("/corpus/war.txt", stamp, [decided], rows)])
    view = session_view(store, readings=asked)
    store.close()
    assert view.articles.set_index("id").loc["war", "reading"] == reading
    assert view.events.set_index("text").loc["June", "value"] == june
    if asked:
        assert view.session_articles["war"].reading_from == "user"


def test_an_ingest_keeps_the_snapshot_once(store: Store, cache: Path) -> None:
    assert session.keep_stored_timeline(store)
    [snapshot] = snapshots(cache)
    assert not session.keep_stored_timeline(store)
    assert snapshots(cache) == [snapshot]
