"""The store as one dashboard session sees it: its articles and events, merged and ranked, plus
the session's own articles (uploaded, pasted, or re-dated or read otherwise by the reader).

The store's part is kept as a snapshot in the user's cache, keyed by the store's generation and
this package's source: a new app process reads it in a fraction of the time it takes to build
(10,000 articles: 96,000 events read, merged into 39,000 happenings and ranked in about 2 s;
the snapshot read back in 0.3 s). A snapshot is the user's own cache, as the events frame's
is; a damaged one is ignored and made again.
"""

from __future__ import annotations

import functools
import gc
import os
import pickle
import stat
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path, PurePath

import numpy as np
import pandas as pd

from timeline.articles import SUFFIX_KINDS, Article, LoadProblem, combine_articles
from timeline.events import events_frame, read_article
from timeline.key_events import rank_events
from timeline.merge import merged_frame
from timeline.outlets import name_prefix_outlets
from timeline.store import Store, day_column, iso_day
from timeline.storefile import (
    PACKAGE_DIR,
    keep_snapshot,
    mark_used,
    snapshot_path,
    source_digest,
)

# Snapshots of the stored timeline kept (one a store, the most recently used stores): about
# 130 MB each at 10,000 articles.
TIMELINE_SNAPSHOTS_KEPT = 3


@dataclass(frozen=True)
class StoredTimeline:
    """What a session reads of the store, all of it made from one generation."""

    articles: pd.DataFrame  # `Store.article_index()`: no text
    events: pd.DataFrame  # `Store.events()`
    merged: pd.DataFrame  # the events with their outlets merged by the stored groups
    ranked: pd.DataFrame  # `key_events.rank_events(merged)`


@dataclass(frozen=True)
class SessionView:
    """The store as one dashboard session sees it: plus its own articles, with its date fixes."""

    articles: pd.DataFrame  # id, title, source, published, published_from: no text
    events: pd.DataFrame
    problems: list[LoadProblem]
    session_articles: dict[str, Article]  # added or re-dated in this session, by id
    # The stored timeline's merged events and their ranking; None when the session has
    # articles of its own (they join the stored groups: `merge.merge_with_groups`).
    merged: pd.DataFrame | None = None
    ranked: pd.DataFrame | None = None

    @cached_property
    def _event_positions(self) -> pd.Index:
        return pd.Index(self.events["event_id"])

    def events_with_ids(self, ids: Sequence[str]) -> pd.DataFrame:
        """The events with these ids, in the view's order (a hash index, built once: a plain
        `isin` of 22,000 ids in 95,000 took 0.33 s)."""
        positions = self._event_positions.get_indexer(ids)
        return self.events.iloc[np.sort(positions[positions >= 0])]

    def article(self, store: Store, article_id: str) -> Article | None:
        """The full article, from the session or the store."""
        if article_id in self.session_articles:
            return self.session_articles[article_id]
        found = store.articles([article_id])
        return found[0] if found else None


def session_view(
    store: Store,
    added: Sequence[Article] = (),
    fixes: Mapping[str, date] | None = None,
    readings: Mapping[str, str] | None = None,
) -> SessionView:
    """Join the session's articles to the store's (a taken id is reported, not loaded) and
    re-extract the articles whose publication date or reading the user set, as
    `combine_articles` does."""
    fixes = fixes or {}
    readings = readings or {}
    stored = stored_timeline(store)
    index, events = stored.articles, stored.events
    stored_ids = set(index["id"])
    problems = [
        LoadProblem(article.id, "an article of that name is already loaded")
        for article in added
        if article.id in stored_ids
    ]
    redone = [i for i in stored_ids if i in fixes or i in readings]
    combined = combine_articles(
        [*store.articles(redone)] + [a for a in added if a.id not in stored_ids],
        fixes,
        readings,
    )
    problems.extend(combined.problems)
    read = [read_article(article) for article in combined.articles]
    if read:
        changed = {article.id for article, _ in read}
        events = pd.concat(
            [
                events[~events["article"].isin(changed)],
                events_frame([row for _, rows in read for row in rows]),
            ],
            ignore_index=True,
        )
        rows = pd.DataFrame(
            [{c: getattr(a, c) for c in index.columns} for a, _ in read],
            columns=index.columns,
        )
        rows["published"] = day_column(rows["published"].map(iso_day))
        index = pd.concat([index[~index["id"].isin(changed)], rows], ignore_index=True)
    index, events = with_name_outlets(index, events)
    if read:
        return SessionView(index, events, problems, {a.id: a for a, _ in read})
    return SessionView(index, events, problems, {}, stored.merged, stored.ranked)


def with_name_outlets(index: pd.DataFrame, events: pd.DataFrame) -> tuple[pd.DataFrame, ...]:
    """Articles known only by their file name take the outlet that a name prefix shared with
    many other files gives ("apw...", "nyt..."), so lanes and the Sources filter list outlets.

    >>> index = pd.DataFrame({"source": ["nyt-1.txt", "nyt-2.txt", "nyt-3.txt", "AP", "x.txt"]})
    >>> index, _ = with_name_outlets(index, index.copy())
    >>> index["source"].tolist()
    ['The New York Times', 'The New York Times', 'The New York Times', 'AP', 'x.txt']
    """
    names = [s for s in index["source"].unique() if PurePath(s).suffix.lower() in SUFFIX_KINDS]
    outlets = name_prefix_outlets(names)
    if not outlets:
        return index, events
    index = index.assign(source=index["source"].map(outlets).fillna(index["source"]))
    events = events.assign(source=events["source"].map(outlets).fillna(events["source"]))
    return index, events


def stored_timeline(store: Store) -> StoredTimeline:
    """The store's articles, events, merged events and their ranking, from the snapshot of its
    generation when there is one; else built, and kept as that snapshot."""
    generation = store.generation()
    snapshot = _snapshot_path(store, generation)
    stored = _read_snapshot(snapshot)
    if stored is not None:
        return stored
    articles, events = store.article_index(), store.events()
    merged = merged_frame(with_name_outlets(articles, events)[1], store.groups(words=False))
    stored = StoredTimeline(articles, events, merged, rank_events(merged))
    if store.generation() == generation:  # read in several steps: keep it only if unchanged
        write = functools.partial(_write_snapshot, stored)
        keep_snapshot(snapshot, write, kept=TIMELINE_SNAPSHOTS_KEPT)
    return stored


def keep_stored_timeline(store: Store) -> bool:
    """Make the snapshot of the stored timeline unless there is one (after an ingest: the
    dashboard's next start finds it ready); return whether one was made."""
    if _snapshot_path(store, store.generation()).exists():
        return False
    stored_timeline(store)
    return True


def _snapshot_path(store: Store, generation: int) -> Path:
    return snapshot_path(store.path, store.made(), generation, f"-{_code_digest()}.pickle")


def _read_snapshot(snapshot: Path) -> StoredTimeline | None:
    """The snapshot, or None when it is missing, damaged, of another shape, or not the user's
    own (another user's, or writable by others: unpickling runs what the file says)."""
    try:
        with open(snapshot, "rb") as file:
            if not _own_file(os.fstat(file.fileno())):
                return None
            with _collection_paused():
                stored = pickle.load(file)
    except Exception:  # missing or damaged, it is only a cache: it is made again
        return None
    if not isinstance(stored, StoredTimeline):
        return None
    mark_used(snapshot)
    return stored


def _own_file(info: os.stat_result) -> bool:
    return info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _write_snapshot(stored: StoredTimeline, path: Path) -> None:
    """Pickle `stored` into a file only its owner can read or write."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with open(descriptor, "wb") as file:
        pickle.dump(stored, file, protocol=pickle.HIGHEST_PROTOCOL)


@contextmanager
def _collection_paused() -> Iterator[None]:
    """No garbage collection while unpickling: the merged events' 96,000 mention dicts would
    set off collections that find nothing to free (half the time of the read)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@functools.cache
def _code_digest() -> str:
    """This package's source: a snapshot is only read back by the code that made it."""
    return source_digest(PACKAGE_DIR)
