"""The store's file: what may be opened, how SQLite troubles are named, where snapshots go."""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from pathlib import Path

import pandas as pd
import pytest

from timeline.storefile import (
    SNAPSHOTS_KEPT,
    StoreError,
    connect,
    drop_old_snapshots_beside,
    keep_snapshot,
    snapshot_path,
    trouble,
    write_snapshot,
)


@pytest.mark.parametrize(
    ("error", "meaning"),
    [
        ("SQLITE_CORRUPT", "the store is damaged"),
        ("SQLITE_CORRUPT_INDEX", "the store is damaged"),
        ("SQLITE_FULL", "the disk is full"),
        ("SQLITE_IOERR_WRITE", "the disk could not be read or written"),
        ("SQLITE_NOTADB", "not a timeline store"),
        ("SQLITE_BUSY", "another process holds the store"),
    ],
)
def test_sqlite_troubles_are_named_with_the_file(error: str, meaning: str) -> None:
    raised = sqlite3.DatabaseError("what sqlite says")
    raised.sqlite_errorname = error
    message = str(trouble(Path("/data/store.sqlite"), raised))
    assert message.startswith(f"/data/store.sqlite: {meaning}")
    assert message.endswith(" (what sqlite says)")


def test_a_pandas_sql_error_is_named_by_its_cause() -> None:
    cause = sqlite3.DatabaseError("database disk image is malformed")
    cause.sqlite_errorname = "SQLITE_CORRUPT"
    wrapped = pd.errors.DatabaseError("Execution failed on sql 'SELECT ...'")
    wrapped.__cause__ = cause
    assert "the store is damaged" in str(trouble(Path("s.sqlite"), wrapped))


def test_a_missing_store_is_not_made_without_create(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store there"):
        connect(tmp_path / "a" / "b.sqlite", create=False)
    assert list(tmp_path.iterdir()) == []


def test_snapshots_live_in_the_cache_and_only_the_recent_ones_stay(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    frame = pd.DataFrame({"a": [1]})
    stores = [tmp_path / "data" / f"store-{n}.sqlite" for n in range(SNAPSHOTS_KEPT + 3)]
    for number, store in enumerate(stores):
        for generation in (1, 2):
            snapshot = snapshot_path(store, "made", generation)
            write_snapshot(frame, snapshot)
            os.utime(snapshot, (number, number))  # in order of use
    kept = sorted((tmp_path / "cache" / "timeline" / "snapshots").iterdir())
    assert len(kept) == SNAPSHOTS_KEPT  # one a store (its latest generation), recent stores
    assert {snapshot_path(store, "made", 2) for store in stores[-SNAPSHOTS_KEPT:]} == set(kept)
    assert not (tmp_path / "data").exists()


def test_a_store_made_before_the_application_id_is_ours(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    with closing(sqlite3.connect(path)) as old:  # the tables an earlier version made
        for table in ("meta", "files", "articles", "events"):
            old.execute(f"CREATE TABLE {table} (x)")
        old.commit()
    connect(path, create=False).close()
    with closing(sqlite3.connect(path)) as other:
        other.execute("DROP TABLE events")
        other.commit()
    with pytest.raises(StoreError, match="another application"):
        connect(path, create=False)


def test_snapshots_an_older_version_left_beside_the_store_are_removed(tmp_path: Path) -> None:
    store = tmp_path / ".timeline.sqlite"
    for name in (".timeline.sqlite.events-3.parquet", "article.events-3.parquet"):
        (tmp_path / name).write_bytes(b"x")
    drop_old_snapshots_beside(store)
    assert [p.name for p in tmp_path.iterdir()] == ["article.events-3.parquet"]


def test_snapshots_of_each_kind_are_kept_apart(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    store = tmp_path / "store.sqlite"
    events = snapshot_path(store, "made", 1)
    write_snapshot(pd.DataFrame({"a": [1]}), events)
    for generation in (1, 2):  # a newer one of the other kind replaces only its own kind
        keep_snapshot(snapshot_path(store, "made", generation, "-code.pickle"), Path.touch)
    kept = sorted(p.name for p in events.parent.iterdir())
    assert kept == sorted([events.name, snapshot_path(store, "made", 2, "-code.pickle").name])
