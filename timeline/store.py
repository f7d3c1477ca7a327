"""The persistent store: articles and their events in one SQLite file, with full-text search.

SQLite because it ships with Python (no server, no extra wheel), keeps a corpus in one file that
can be copied, has FTS5 built in, and its transactions make each file's write all-or-nothing, so
a killed ingest leaves every file either in its old state or its new one, never half written.

A file is stored under its real path with its size, modification time, content hash and the
extractor version that read it; `ingest` skips files whose stamp and version are unchanged.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from timeline.articles import Article, LoadProblem
from timeline.events import (
    DATE_COLUMNS,
    EVENT_COLUMNS,
    INT_COLUMNS,
    VAGUE,
)
from timeline.follow import INDEX_COLUMNS, entity_events, index_frame, index_kinds, name_index
from timeline.mentions import NAME_COLUMNS
from timeline.merge import merged_frame
from timeline.rules import RULES_DIR
from timeline.search import fts_query
from timeline.stored_merge import SCHEMA as MERGE_SCHEMA
from timeline.stored_merge import (
    TermsRow,
    forget_articles,
    insert_terms,
    merge_pending,
    stored_groups,
)
from timeline.storefile import (
    APPLICATION_ID,
    StoreError,
    cache_folder,
    check_integrity,
    connect,
    drop_old_snapshots_beside,
    naming_troubles,
    read_snapshot,
    snapshot_path,
    trouble,
    write_snapshot,
)
from timeline.terms import PackedTerms

SCHEMA_VERSION = 1
# Bump when extraction code changes its output; rule-file edits are picked up by their hash.
# 3: vague rows carry no calendar dates; 4: names and their mentions; 5: narrative reading,
# articles record theirs; 6: a row's sentence is cut to SENTENCE_REACH around its expression;
# 7: outlets read from the text (dateline credits, bylines, addresses), no dateline titles;
# 8: names, one row per name and form of an article (anchors worked out when followed);
# 9: no names in the dateline; 10: merge words hold participants and figures, baselines
# never merge
CODE_VERSION = 10


def _rules_digest() -> str:
    digest = hashlib.blake2b(digest_size=6)
    for rule_file in sorted(RULES_DIR.glob("*.yaml")):
        digest.update(rule_file.read_bytes())
    return digest.hexdigest()


EXTRACTOR_VERSION = f"{CODE_VERSION}-{_rules_digest()}"


UNNAMED = "+unnamed"  # the mark of a file read without its names: a run finding names reads it


def extractor_version(reading: str = "auto", names: bool = True) -> str:
    """The version stamped on a file extracted with `reading` asked for its articles, and its
    names found or not: a file read otherwise than asked now is read again.

    >>> extractor_version("narrative") == EXTRACTOR_VERSION + "/narrative"
    True
    >>> extractor_version("news", names=False) == EXTRACTOR_VERSION + "+unnamed/news"
    True
    """
    version = EXTRACTOR_VERSION if names else EXTRACTOR_VERSION + UNNAMED
    return version if reading == "auto" else f"{version}/{reading}"


def stamped_reading(version: str) -> str:
    """The reading a stored file's version says it was extracted with (inverse of
    `extractor_version`)."""
    return version.rpartition("/")[2] if "/" in version else "auto"


STORE_NAME = ".timeline.sqlite"  # hidden: never read as an article
EPOCH = date(1970, 1, 1)

ARTICLE_FIELDS = (
    "id",
    "title",
    "source",
    "text",
    "published",
    "published_from",
    "path",
    "url",
    "reading",
    "reading_from",
)
ARTICLE_COLUMNS = ("title", "source", "published", "published_from")  # copied onto each event
STORED_EVENT_COLUMNS = tuple(c for c in EVENT_COLUMNS if c not in ARTICLE_COLUMNS)

_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    content_hash TEXT NOT NULL,
    extractor_version TEXT NOT NULL,
    problems TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS articles (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    file TEXT NOT NULL REFERENCES files(path),
    title TEXT NOT NULL, source TEXT NOT NULL, text TEXT NOT NULL,
    published TEXT, published_from TEXT NOT NULL, path TEXT NOT NULL, url TEXT NOT NULL,
    reading TEXT NOT NULL DEFAULT 'auto', reading_from TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS articles_by_file ON articles(file);
CREATE TABLE IF NOT EXISTS events (
    rowid INTEGER PRIMARY KEY,
    {", ".join(f'"{c}"' for c in STORED_EVENT_COLUMNS)}
);
CREATE INDEX IF NOT EXISTS events_by_article ON events(article);
CREATE INDEX IF NOT EXISTS events_by_date ON events(date_start, date_end);
CREATE TABLE IF NOT EXISTS names (
    rowid INTEGER PRIMARY KEY,
    {", ".join(f'"{c}"' for c in NAME_COLUMNS)}
);
CREATE INDEX IF NOT EXISTS names_by_key ON names(key);
CREATE INDEX IF NOT EXISTS names_by_article ON names(article);
CREATE TABLE IF NOT EXISTS name_index (
    generation INTEGER NOT NULL, records TEXT NOT NULL, own_names TEXT NOT NULL
);
CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(
    title, text, content='articles', content_rowid='rowid');
CREATE VIRTUAL TABLE IF NOT EXISTS events_fts USING fts5(
    text, event, sentence, content='events', content_rowid='rowid');
CREATE TRIGGER IF NOT EXISTS articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER IF NOT EXISTS articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text)
    VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TRIGGER IF NOT EXISTS events_fts_insert AFTER INSERT ON events BEGIN
    INSERT INTO events_fts(rowid, text, event, sentence)
    VALUES (new.rowid, new.text, new.event, new.sentence);
END;
CREATE TRIGGER IF NOT EXISTS events_fts_delete AFTER DELETE ON events BEGIN
    INSERT INTO events_fts(events_fts, rowid, text, event, sentence)
    VALUES ('delete', old.rowid, old.text, old.event, old.sentence);
END;
{MERGE_SCHEMA}
"""


@dataclass(frozen=True)
class FileStamp:
    """What decides whether a file must be read again."""

    size: int
    mtime_ns: int
    content_hash: str
    extractor_version: str


@dataclass
class FileExtract:
    """One file's extraction, as a worker returns it: everything the store keeps of the file."""

    path: str
    stamp: FileStamp
    articles: list[Article] = field(default_factory=list)
    rows: list[dict[str, Any]] = field(default_factory=list)
    problems: list[LoadProblem] = field(default_factory=list)
    unchanged: bool = False  # same bytes as stored: only the stamp needs updating
    # each row's merge words (`terms.row_terms`; None: it never merges); empty: not worked out
    terms: list[PackedTerms | None] = field(default_factory=list)
    names: list[dict[str, Any]] = field(default_factory=list)  # mentions.NAME_COLUMNS rows


@naming_troubles  # an SQLite error in any public method: a StoreError naming the file
class Store:
    """An open store. One writer at a time; readers see committed files only (WAL)."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self.connection = connection
        self.path = path

    def close(self) -> None:
        self.connection.close()

    # -- writing ----------------------------------------------------------------------------

    def write_files(self, extracts: Sequence[FileExtract]) -> None:
        """Replace everything stored for these files by their new extraction, in one
        transaction: all of them are stored, or (after a crash) none."""
        if not extracts:
            return
        with self.connection:
            terms: list[TermsRow] = []  # written at once: one count of their words
            for extract in extracts:
                if extract.unchanged:
                    problems = self.problems([extract.path])
                    self._put_stamp(extract.path, extract.stamp, problems)
                else:
                    self._delete_file_rows(extract.path)
                    renamed = self._insert_articles(extract.path, extract.articles)
                    self._insert_events(extract.rows, renamed)
                    terms.extend(_terms_rows(extract, renamed))
                    self._insert_names(extract.names, renamed)
                    self._put_stamp(extract.path, extract.stamp, extract.problems)
            insert_terms(self.connection, terms)
            self._bump_generation()
            if any(not extract.unchanged for extract in extracts):
                self._bump_generation("names_generation")

    def forget_files(self, paths: Iterable[str]) -> int:
        """Remove files (gone from disk) and all they held; return how many were removed."""
        removed = 0
        with self.connection:
            for path in paths:
                self._delete_file_rows(path)
                removed += self.connection.execute(
                    "DELETE FROM files WHERE path = ?", (_file_key(path),)
                ).rowcount
            if removed:
                self._bump_generation()
                self._bump_generation("names_generation")
        return removed

    def _delete_file_rows(self, path: str) -> None:
        key = _file_key(path)
        articles = self.connection.execute("SELECT id FROM articles WHERE file = ?", (key,))
        forget_articles(self.connection, [article for (article,) in articles])
        self.connection.execute(
            "DELETE FROM events WHERE article IN (SELECT id FROM articles WHERE file = ?)", (key,)
        )
        self.connection.execute(
            "DELETE FROM names WHERE article IN (SELECT id FROM articles WHERE file = ?)", (key,)
        )
        self.connection.execute("DELETE FROM articles WHERE file = ?", (key,))

    def _insert_articles(self, path: str, articles: Sequence[Article]) -> dict[str, str]:
        """Insert the file's articles; ids taken by another file get a suffix. Returns renames."""
        renamed: dict[str, str] = {}
        for article in articles:
            article_id = self._free_id(article.id)
            if article_id != article.id:
                renamed[article.id] = article_id
            record = asdict(article) | {"id": article_id, "file": _file_key(path)}
            record["published"] = iso_day(article.published)
            self.connection.execute(
                f"INSERT INTO articles (file, {', '.join(ARTICLE_FIELDS)}) "
                f"VALUES (:file, {', '.join(':' + f for f in ARTICLE_FIELDS)})",
                record,
            )
        return renamed

    def _free_id(self, wanted: str) -> str:
        candidate, number = wanted, 1
        while self.connection.execute(
            "SELECT 1 FROM articles WHERE id = ?", (candidate,)
        ).fetchone():
            number += 1
            candidate = f"{wanted}-{number}"  # as `load_articles` names them
        return candidate

    def _insert_events(self, rows: Sequence[dict[str, Any]], renamed: dict[str, str]) -> None:
        columns = ", ".join(f'"{c}"' for c in STORED_EVENT_COLUMNS)
        marks = ", ".join("?" for _ in STORED_EVENT_COLUMNS)
        self.connection.executemany(
            f"INSERT INTO events ({columns}) VALUES ({marks})",
            (_event_record(row, renamed) for row in rows),
        )

    def _insert_names(self, rows: Sequence[dict[str, Any]], renamed: dict[str, str]) -> None:
        columns = ", ".join(f'"{c}"' for c in NAME_COLUMNS)
        marks = ", ".join("?" for _ in NAME_COLUMNS)
        self.connection.executemany(
            f"INSERT INTO names ({columns}) VALUES ({marks})",
            (
                [renamed.get(row["article"], row["article"]), *(row[c] for c in NAME_COLUMNS[1:])]
                for row in rows
            ),
        )

    def _put_stamp(self, path: str, stamp: FileStamp, problems: Sequence[LoadProblem]) -> None:
        self.connection.execute(
            "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?)",
            (
                _file_key(path),
                stamp.size,
                stamp.mtime_ns,
                stamp.content_hash,
                stamp.extractor_version,
                json.dumps([asdict(p) for p in problems]),
            ),
        )

    def merge_pending(self) -> int:
        """Merge the events written since the last merge into the stored groups (one
        transaction); return how many events were merged."""
        with self.connection:
            merged = merge_pending(self.connection)
            if merged:
                self._bump_generation()
        return merged

    def _bump_generation(self, key: str = "generation") -> None:
        self.connection.execute(
            "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = ?", (key,)
        )

    # -- reading ----------------------------------------------------------------------------

    def generation(self) -> int:
        """A number that grows with every committed change: a cache key for readers."""
        row = self.connection.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
        return int(row[0])

    def made(self) -> str:
        """A token drawn when the store was made: a store deleted and made again differs,
        though its generation starts over."""
        row = self.connection.execute("SELECT value FROM meta WHERE key = 'made'").fetchone()
        return str(row[0])

    def stamps(self) -> dict[str, FileStamp]:
        """Every stored file's stamp, by path."""
        return {
            _file_path(key): FileStamp(size, mtime_ns, content_hash, version)
            for key, size, mtime_ns, content_hash, version in self.connection.execute(
                "SELECT path, size, mtime_ns, content_hash, extractor_version FROM files"
            )
        }

    def problems(self, paths: Iterable[str] | None = None) -> list[LoadProblem]:
        """The problems met when the files were read (all files, or the given ones)."""
        query = "SELECT path, problems FROM files WHERE problems != '[]'"
        if paths is None:
            rows = self.connection.execute(query).fetchall()
        else:  # by key: ingest asks for one file at a time while it rewrites stamps
            rows = [
                row
                for chunk in _chunks([_file_key(path) for path in paths])
                for row in self.connection.execute(
                    f"{query} AND path IN ({', '.join('?' for _ in chunk)})", chunk
                )
            ]
        rows.sort(key=lambda row: _file_path(row[0]))
        return [LoadProblem(**problem) for _, problems in rows for problem in json.loads(problems)]

    def count(self, table: str) -> int:
        if table not in ("files", "articles", "events", "names"):
            raise ValueError(table)
        return int(self.connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

    def articles(self, ids: Iterable[str] | None = None) -> list[Article]:
        """Stored articles (all, or those with the given ids), in id order."""
        query = f"SELECT {', '.join(ARTICLE_FIELDS)} FROM articles"
        if ids is None:
            rows = self.connection.execute(query + " ORDER BY id").fetchall()
        else:
            wanted = list(ids)
            rows = [
                row
                for chunk in _chunks(wanted)
                for row in self.connection.execute(
                    f"{query} WHERE id IN ({', '.join('?' for _ in chunk)})", chunk
                )
            ]
            rows.sort(key=lambda row: row[0])
        return [_article(row) for row in rows]

    def article_index(self) -> pd.DataFrame:
        """Every article without its text: id, title, source, published (a day, NaT when
        unknown: SQL NULL would come back as NaN, which is truthy), published_from, reading,
        reading_from."""
        frame = pd.read_sql_query(
            "SELECT id, title, source, published, published_from, reading, reading_from "
            "FROM articles ORDER BY id",
            self.connection,
        )
        frame["published"] = day_column(frame["published"])
        return frame

    def events(
        self,
        *,
        start: date | None = None,
        end: date | None = None,
        sources: Iterable[str] | None = None,
        granularities: Iterable[str] | None = None,
        query: str = "",
        include_vague: bool = True,
    ) -> pd.DataFrame:
        """The stored events as the frame `events.extract_events` builds, filtered in SQL.

        The filters mean what they mean in `events.filter_events`, except that `query` is a
        full-text search: every word of it must start a word of the event, expression or
        sentence.
        """
        where: list[str] = []
        arguments: list[Any] = []
        if start is not None:  # a vague event by the day its article was published
            where.append("(e.date_end >= ? OR (e.granularity = ? AND a.published >= ?))")
            arguments.extend([start.isoformat(), VAGUE, start.isoformat()])
        if end is not None:
            where.append("(e.date_start <= ? OR (e.granularity = ? AND a.published <= ?))")
            arguments.extend([end.isoformat(), VAGUE, end.isoformat()])
        if sources is not None:
            chosen = list(sources)
            where.append(f"a.source IN ({', '.join('?' for _ in chosen)})")
            arguments.extend(chosen)
        if granularities is not None:
            kinds = list(granularities)
            where.append(f"e.granularity IN ({', '.join('?' for _ in kinds)})")
            arguments.extend(kinds)
        if not include_vague:
            where.append("e.granularity != ?")
            arguments.append(VAGUE)
        match = fts_query(query)
        if match:
            where.append("e.rowid IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)")
            arguments.append(match)
        selected = ", ".join(
            f'a."{c}"' if c in ARTICLE_COLUMNS else f'e."{c}"' for c in EVENT_COLUMNS
        )
        sql = f"SELECT {selected} FROM events e JOIN articles a ON a.id = e.article"
        if not where:
            return self._all_events(sql + " ORDER BY e.article, e.start")
        sql += " WHERE " + " AND ".join(where) + " ORDER BY e.article, e.start"
        return _events_frame(self.connection.execute(sql, arguments).fetchall())

    def _all_events(self, sql: str) -> pd.DataFrame:
        """Every event, from a Parquet snapshot of this generation when there is one: building
        the frame from SQL rows costs ten times more than reading it back."""
        self.connection.execute("BEGIN")  # generation and rows from one consistent snapshot
        try:
            snapshot = snapshot_path(self.path, self.made(), self.generation())
            try:
                frame = read_snapshot(snapshot)
            except Exception:  # missing or damaged, it is only a cache: rebuild it
                frame = _events_frame(self.connection.execute(sql).fetchall())
                write_snapshot(frame, snapshot)
                drop_old_snapshots_beside(self.path)
        finally:
            self.connection.execute("COMMIT")
        for column in DATE_COLUMNS:  # Parquet keeps dates as milliseconds
            frame[column] = frame[column].astype("datetime64[s]")
        return frame

    def event_ids_matching(self, query: str) -> list[str]:
        """The ids of the events `query` finds (full-text, as in `events`; none without a word)."""
        match = fts_query(query)
        if not match:
            return []
        return [
            row[0]
            for row in self.connection.execute(
                "SELECT event_id FROM events WHERE rowid IN "
                "(SELECT rowid FROM events_fts WHERE events_fts MATCH ?)",
                (match,),
            )
        ]

    def groups(self, words: bool = True) -> pd.DataFrame:
        """Every mergeable event's merge row: `group` (None: not merged yet), `weight`, and its
        words unless `words` is False."""
        return stored_groups(self.connection, words)

    def merged_events(self) -> pd.DataFrame:
        """The stored events, one row per merged group (`merge.MERGED_COLUMNS`); an event not
        merged yet stands alone."""
        # read one after the other: an ingest committing in between leaves events with no
        # group yet (they stand alone) or groups of deleted events (ignored), never a wrong row
        return merged_frame(self.events(), self.groups(words=False))

    def events_of_files(self, paths: Iterable[str], *, merged: bool = False) -> pd.DataFrame:
        """The events of the articles of these stored files (real paths); `merged`: one row
        per stored group, with only these files' mentions."""
        articles = {
            article
            for chunk in _chunks([_file_key(path) for path in paths])
            for (article,) in self.connection.execute(
                f"SELECT id FROM articles WHERE file IN ({', '.join('?' for _ in chunk)})", chunk
            )
        }
        events = self.events()
        events = events[events["article"].isin(articles)].reset_index(drop=True)
        return merged_frame(events, self.groups(words=False)) if merged else events

    def name_counts(self) -> pd.DataFrame:
        """The stored names, one row per name and form written in each article: what
        `follow.name_index` reads (`article`, `text`, `key`, `written`, `name`, `kind`, `via`,
        `count`)."""
        return pd.read_sql_query(
            "SELECT article, text, key, written, name, kind, via, count FROM names",
            self.connection,
        )

    def name_index(self) -> pd.DataFrame:
        """The index of the names the stored articles name (`follow.name_index`), read from
        the snapshot made when the names last changed (`refresh_name_index`; made now, and
        kept when the store can be written, if there is none)."""
        self.connection.execute("BEGIN")  # generation and rows from one consistent snapshot
        try:
            generation = self._names_generation()
            saved = self.connection.execute(
                "SELECT generation, records, own_names FROM name_index"
            ).fetchone()
            if saved is not None and saved[0] == generation:
                return index_frame(json.loads(saved[1]), json.loads(saved[2]))
            index = name_index(self.name_counts())
        finally:
            self.connection.execute("COMMIT")
        self._save_name_index(index, generation)
        return index

    def refresh_name_index(self) -> bool:
        """Make the snapshot of the name index if the names changed since the last one (ingest
        does, so that the first reader finds it ready); return whether one was made."""
        saved = self.connection.execute("SELECT generation FROM name_index").fetchone()
        if saved is not None and saved[0] == self._names_generation():
            return False
        self.name_index()
        return True

    def _names_generation(self) -> int:
        row = self.connection.execute(
            "SELECT value FROM meta WHERE key = 'names_generation'"
        ).fetchone()
        return int(row[0])

    def _save_name_index(self, index: pd.DataFrame, generation: int) -> None:
        records = json.dumps(index[list(INDEX_COLUMNS)].to_dict("records"), ensure_ascii=False)
        own_names = json.dumps(sorted(index.attrs.get("own_names", ())), ensure_ascii=False)
        try:
            with self.connection:
                if self._names_generation() != generation:
                    return  # the names changed meanwhile: this one is already stale
                self.connection.execute("DELETE FROM name_index")
                self.connection.execute(
                    "INSERT INTO name_index VALUES (?, ?, ?)", (generation, records, own_names)
                )
        except sqlite3.OperationalError:
            pass  # a store that cannot be written: every reader makes the index again

    def names_of(self, keys: Iterable[str]) -> pd.DataFrame:
        """The stored name rows (`mentions.NAME_COLUMNS`) with these keys, or that write one
        of them."""
        wanted = list(keys)
        selected = ", ".join(f'"{c}"' for c in NAME_COLUMNS)
        rows = [
            row
            for chunk in _chunks(wanted)
            for row in self.connection.execute(
                f"SELECT {selected} FROM names "
                f"WHERE key IN ({', '.join('?' for _ in chunk)}) "
                f"OR written IN ({', '.join('?' for _ in chunk)})",
                chunk + chunk,
            )
        ]
        return pd.DataFrame.from_records(rows, columns=list(NAME_COLUMNS))

    def article_names(self, ids: Iterable[str]) -> pd.DataFrame:
        """Every stored name row (`mentions.NAME_COLUMNS`) of these articles."""
        selected = ", ".join(f'"{c}"' for c in NAME_COLUMNS)
        rows = [
            row
            for chunk in _chunks(sorted(set(ids)))
            for row in self.connection.execute(
                f"SELECT {selected} FROM names WHERE article IN ({', '.join('?' for _ in chunk)})",
                chunk,
            )
        ]
        return pd.DataFrame.from_records(rows, columns=list(NAME_COLUMNS))

    def article_events(self, ids: Iterable[str]) -> pd.DataFrame:
        """The stored events of these articles, as `events()` gives them."""
        selected = ", ".join(
            f'a."{c}"' if c in ARTICLE_COLUMNS else f'e."{c}"' for c in EVENT_COLUMNS
        )
        rows = [
            row
            for chunk in _chunks(sorted(set(ids)))
            for row in self.connection.execute(
                f"SELECT {selected} FROM events e JOIN articles a ON a.id = e.article "
                f"WHERE e.article IN ({', '.join('?' for _ in chunk)})",
                chunk,
            )
        ]
        return _events_frame(rows)

    def name_events(
        self, keys: Iterable[str], own_names: frozenset[str] = frozenset()
    ) -> pd.DataFrame:
        """The events of the name whose mentions have these keys (`follow.entity_events`;
        `FoundName.keys` and `FoundName.own_names` of `follow.find_name`): only the articles
        that name it are read."""
        keys = list(keys)
        ids = sorted(set(self.names_of(keys)["article"]))
        return entity_events(
            self.articles(ids),
            self.article_events(ids),
            self.article_names(ids),
            keys,
            own_names,
            index_kinds(self.name_index()),
        )

    def search_articles(self, query: str, limit: int = 50) -> list[tuple[str, str]]:
        """(article id, snippet with the matches in [brackets]) of the best-ranked articles."""
        match = fts_query(query)
        if not match:
            return []
        return self.connection.execute(
            "SELECT a.id, snippet(articles_fts, 1, '[', ']', '…', 12) FROM articles_fts "
            "JOIN articles a ON a.rowid = articles_fts.rowid "
            "WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?",
            (match, limit),
        ).fetchall()


def open_store(path: str | Path, *, create: bool = True, check: bool = False) -> Store:
    """Open the store at `path`: made when missing if `create`, refused (StoreError) when the
    file is another application's database; `check` runs SQLite's quick integrity check."""
    path = Path(path)
    connection = connect(path, create=create)
    try:
        if check:
            check_integrity(connection, path)
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = NORMAL")  # WAL keeps commits atomic; see docs
        with connection:
            if connection.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
                connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")  # new, or older
            _drop_old_names(connection)
            connection.executescript(_SCHEMA)
            _add_missing_columns(connection)
            connection.execute(
                "INSERT OR IGNORE INTO meta VALUES ('schema', ?), ('generation', '0'), "
                "('made', ?), ('names_generation', '0')",
                (str(SCHEMA_VERSION), uuid.uuid4().hex),
            )
        schema = int(
            connection.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()[0]
        )
    except StoreError:
        connection.close()
        raise
    except sqlite3.DatabaseError as error:
        connection.close()
        raise trouble(path, error) from error
    if schema != SCHEMA_VERSION:
        connection.close()
        raise StoreError(f"{path}: store schema {schema}, this version reads {SCHEMA_VERSION}")
    return Store(connection, path)


# Columns added to a table after stores were made with it: (table, column, definition).
ADDED_COLUMNS = (
    ("articles", "reading", "TEXT NOT NULL DEFAULT 'auto'"),
    ("articles", "reading_from", "TEXT NOT NULL DEFAULT ''"),
)


def _add_missing_columns(connection: sqlite3.Connection) -> None:
    """Bring a store made before a column was added up to the schema (its files are read again:
    `CODE_VERSION` moved with the column)."""
    for table, column, definition in ADDED_COLUMNS:
        present = {row[1] for row in connection.execute(f"PRAGMA table_info({table})")}
        if column not in present:
            connection.execute(f"ALTER TABLE {table} ADD COLUMN {column} {definition}")


def _drop_old_names(connection: sqlite3.Connection) -> None:
    """Drop a `names` table of other columns (made by CODE_VERSION 4, one row per mention):
    the new code version has every file read again, which fills the new one."""
    columns = [row[1] for row in connection.execute("PRAGMA table_info(names)")]
    if columns and columns[1:] != list(NAME_COLUMNS):
        connection.execute("DROP TABLE names")


def default_store_path(folder: str | Path) -> Path:
    """Where a folder's store lives: inside it, or in the user cache when it is read-only."""
    folder = Path(folder)
    if os.access(folder, os.W_OK):
        return folder / STORE_NAME
    key = hashlib.blake2b(os.fsencode(folder.resolve()), digest_size=8).hexdigest()
    return cache_folder() / f"{folder.name}-{key}.sqlite"


def _event_record(row: dict[str, Any], renamed: dict[str, str]) -> list[Any]:
    record = dict(row)
    article = record["article"]
    if article in renamed:
        record["article"] = renamed[article]
        record["event_id"] = f"{renamed[article]}:{record['start']}"
    for column in DATE_COLUMNS:
        record[column] = iso_day(record.get(column))
    return [record[c] for c in STORED_EVENT_COLUMNS]


def _terms_rows(extract: FileExtract, renamed: dict[str, str]) -> list[TermsRow]:
    """The merge rows of a file's events that can merge (their words were worked out)."""
    rows = []
    for row, packed in zip(extract.rows, extract.terms, strict=False):
        if packed is None:
            continue
        article = renamed.get(row["article"], row["article"])
        first, last = _epoch_day(row["date_start"]), _epoch_day(row["date_end"])
        rows.append((f"{article}:{row['start']}", article, first, last, *packed))
    return rows


def _epoch_day(value: Any) -> int:
    day = value.date() if isinstance(value, pd.Timestamp) else value
    return (day - EPOCH).days


def _events_frame(rows: list[tuple[Any, ...]]) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(rows, columns=list(EVENT_COLUMNS))
    for column in DATE_COLUMNS:
        frame[column] = day_column(frame[column])
    for column in INT_COLUMNS:
        frame[column] = frame[column].astype("int64")
    return frame


def day_column(column: pd.Series) -> pd.Series:
    """ISO day strings (None or NaN for SQL NULL) as a datetime64[s] column with NaT."""
    values = column.to_numpy(dtype=object, copy=True)
    values[pd.isna(values)] = "NaT"
    days = values.astype("datetime64[D]")
    return pd.Series(days.astype("datetime64[s]"), index=column.index)


def _article(row: tuple[Any, ...]) -> Article:
    record = dict(zip(ARTICLE_FIELDS, row, strict=True))
    record["published"] = date.fromisoformat(record["published"]) if record["published"] else None
    return Article(**record)


def iso_day(value: object) -> str | None:
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _file_key(path: str) -> str | bytes:
    """A file's path as the store keys it: the text, or for a name that is not UTF-8 (which
    SQLite text cannot hold) its bytes, stored as a BLOB, which never equals any text."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(path)
    return path


def _file_path(key: str | bytes) -> str:
    return key if isinstance(key, str) else os.fsdecode(key)


def _chunks(items: Sequence[Any], size: int = 500) -> Iterator[list[Any]]:
    for begin in range(0, len(items), size):
        yield list(items[begin : begin + size])
