"""Merged groups kept in the store: each mergeable event's words and group, merged at ingest.

The store writes an event's words (`terms.row_terms`, worked out by the ingest workers) in the
transaction that writes the event, with the group left empty ("pending"). `merge_pending`, run
by `ingest` once its files are written, compares the pending events with every stored event
whose span they overlap and joins them to groups (`merge.assign_groups`): a new file's events
join old groups without the corpus being compared again. Deleting a file's events (a changed or
removed file) dissolves the groups they were in; their other members become pending and are
merged again by the next `merge_pending`, so a group never keeps a bridge that is gone.

Word rarities come from a table of how many stored events hold each word, kept up to date as
events come and go.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np
import pandas as pd

from timeline.merge import (
    DEFAULT_THRESHOLDS,
    MERGE_ROW_COLUMNS,
    Frequencies,
    Thresholds,
    assign_groups,
)

SCHEMA = """
CREATE TABLE IF NOT EXISTS event_groups (
    event_id TEXT PRIMARY KEY,  -- a mergeable event (events.event_id)
    article TEXT NOT NULL,
    first_day INTEGER NOT NULL,  -- its span, in days since 1970-01-01
    last_day INTEGER NOT NULL,
    terms BLOB NOT NULL,  -- its words' numbers and weights (terms.pack_terms)
    weights BLOB NOT NULL,
    grp TEXT,  -- the event_id naming its group; NULL while pending
    weight REAL NOT NULL DEFAULT 0  -- summed scores of its accepted pairs (centrality)
);
CREATE INDEX IF NOT EXISTS event_groups_by_article ON event_groups(article);
CREATE INDEX IF NOT EXISTS event_groups_by_group ON event_groups(grp);
CREATE INDEX IF NOT EXISTS event_groups_by_day ON event_groups(first_day);
CREATE TABLE IF NOT EXISTS term_frequency (term INTEGER PRIMARY KEY, events INTEGER NOT NULL);
"""
_ROW_SQL = "event_id, article, first_day, last_day, terms, weights, grp, weight"

# (event_id, article, first_day, last_day, terms, weights) of one event, as written
TermsRow = tuple[str, str, int, int, bytes, bytes]


def insert_terms(connection: sqlite3.Connection, rows: Sequence[TermsRow]) -> None:
    """Store new events' words, pending, and count their words."""
    if not rows:
        return
    connection.executemany(
        "INSERT OR REPLACE INTO event_groups "
        "(event_id, article, first_day, last_day, terms, weights) VALUES (?, ?, ?, ?, ?, ?)",
        rows,
    )
    _count_terms(connection, [row[4] for row in rows], +1)


def forget_articles(connection: sqlite3.Connection, articles: Sequence[str]) -> None:
    """Before these articles' events are deleted: dissolve their groups (the other members
    become pending), uncount their words and drop their rows."""
    for chunk in _chunks(list(articles)):
        marks = ", ".join("?" for _ in chunk)
        connection.execute(
            "UPDATE event_groups SET grp = NULL, weight = 0 WHERE grp IN (SELECT grp FROM "
            f"event_groups WHERE article IN ({marks}) AND grp IS NOT NULL)",
            chunk,
        )
        gone = connection.execute(
            f"SELECT terms FROM event_groups WHERE article IN ({marks})", chunk
        ).fetchall()
        _count_terms(connection, [terms for (terms,) in gone], -1)
        connection.execute(f"DELETE FROM event_groups WHERE article IN ({marks})", chunk)


def merge_pending(
    connection: sqlite3.Connection, thresholds: Thresholds = DEFAULT_THRESHOLDS
) -> int:
    """Join the pending events to groups; return how many were pending. The caller commits."""
    pending = _rows(connection, "WHERE grp IS NULL", ())
    if pending.empty:
        return 0
    neighbours = [
        _rows(connection, "WHERE grp IS NOT NULL AND first_day BETWEEN ? AND ?", (low, high))
        for low, high in _reach(pending)
    ]
    rows = pd.concat([pending, *neighbours], ignore_index=True)
    rows = pd.concat([rows, _other_members(connection, rows)], ignore_index=True)
    grouped = assign_groups(rows, _frequencies(connection), thresholds)
    changed = grouped[
        rows["group"].isna().to_numpy()
        | (grouped["group"] != rows["group"]).to_numpy()
        | (grouped["weight"] != rows["weight"]).to_numpy()
    ]
    connection.executemany(
        "UPDATE event_groups SET grp = ?, weight = ? WHERE event_id = ?",
        zip(changed["group"], changed["weight"].astype(float), changed["event_id"], strict=True),
    )
    return len(pending)


def stored_groups(connection: sqlite3.Connection, words: bool = True) -> pd.DataFrame:
    """Every stored mergeable event with its group and centrality (`MERGE_ROW_COLUMNS`; `group`
    None while pending), and its words unless `words` is False (empty: a merged frame needs
    none, and they are most of the bytes)."""
    return _rows(connection, "", (), words)


def _rows(
    connection: sqlite3.Connection, where: str, arguments: tuple[Any, ...], words: bool = True
) -> pd.DataFrame:
    columns = _ROW_SQL if words else _ROW_SQL.replace("terms, weights", "x'', x''")
    records = connection.execute(f"SELECT {columns} FROM event_groups {where}", arguments)
    frame = pd.DataFrame.from_records(records.fetchall(), columns=list(MERGE_ROW_COLUMNS))
    frame["group"] = frame["group"].astype(object)
    frame["weight"] = frame["weight"].astype(float)
    return frame


def _reach(pending: pd.DataFrame) -> list[tuple[int, int]]:
    """Day ranges holding the start of every stored event that can overlap a pending one
    (spans are at most a year long), joined where they touch."""
    longest = int((pending["last_day"] - pending["first_day"]).max())
    reach = max(longest, 366)
    ranges = sorted(
        zip((pending["first_day"] - reach).tolist(), pending["last_day"].tolist(), strict=True)
    )
    joined: list[tuple[int, int]] = []
    for low, high in ranges:
        if joined and low <= joined[-1][1] + 1:
            joined[-1] = (joined[-1][0], max(joined[-1][1], high))
        else:
            joined.append((low, high))
    return joined


def _other_members(connection: sqlite3.Connection, rows: pd.DataFrame) -> pd.DataFrame:
    """The members of the loaded rows' groups that were not loaded (outside the reach)."""
    groups = sorted(set(rows["group"].dropna()))
    loaded = set(rows["event_id"])
    found = [
        _rows(connection, f"WHERE grp IN ({', '.join('?' for _ in chunk)})", tuple(chunk))
        for chunk in _chunks(groups)
    ]
    others = pd.concat(found, ignore_index=True) if found else _rows(connection, "LIMIT 0", ())
    return others[~others["event_id"].isin(loaded)]


def _frequencies(connection: sqlite3.Connection) -> Frequencies:
    terms, events = (
        np.array(
            connection.execute("SELECT term, events FROM term_frequency ORDER BY term").fetchall(),
            dtype=np.int64,
        )
        .reshape(-1, 2)
        .T
    )
    (documents,) = connection.execute("SELECT count(*) FROM event_groups").fetchone()
    return Frequencies(terms, events, int(documents))


def _count_terms(connection: sqlite3.Connection, packed: Sequence[bytes], sign: int) -> None:
    if not packed:
        return
    terms, counts = np.unique(np.frombuffer(b"".join(packed), "<u4"), return_counts=True)
    connection.executemany(
        "INSERT INTO term_frequency VALUES (?, ?) "
        "ON CONFLICT(term) DO UPDATE SET events = events + excluded.events",
        zip(terms.tolist(), (sign * counts).tolist(), strict=True),
    )
    if sign < 0:
        connection.execute("DELETE FROM term_frequency WHERE events <= 0")


def _chunks(items: list[str], size: int = 500) -> Iterator[list[str]]:
    for begin in range(0, len(items), size):
        yield items[begin : begin + size]
