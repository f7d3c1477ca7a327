"""The store's SQLite file: opened without creating what was not asked for and without touching
another application's database; its troubles (damage, a full disk) reported by name; the cache
of its snapshots (the events frame, the session's timeline) kept outside the data folder.

`store.py` holds what is in the file; this module holds how the file is reached.
"""

from __future__ import annotations

import functools
import glob
import hashlib
import os
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

import pandas as pd

# Written into the SQLite header of every store (`PRAGMA application_id`): "TmLn".
APPLICATION_ID = 0x546D4C6E
# A store made before the header carried the id is known by its tables.
OUR_TABLES = frozenset({"meta", "files", "articles", "events"})
PACKAGE_DIR = Path(__file__).parent
SOURCE_SUFFIXES = (".py", ".yaml")  # the package's code and its rule files
SNAPSHOTS_KEPT = 8  # snapshots of each kind of recently opened stores; older ones are removed

# SQLite's error name (prefix) -> what it means for the person who gave us the file
_TROUBLES: tuple[tuple[str, str], ...] = (
    ("SQLITE_CORRUPT", "the store is damaged"),
    ("SQLITE_NOTADB", "not a timeline store (not an SQLite database)"),
    ("SQLITE_FULL", "the disk is full"),
    ("SQLITE_IOERR", "the disk could not be read or written"),
    ("SQLITE_READONLY", "the store cannot be written (read-only)"),
    ("SQLITE_CANTOPEN", "the store cannot be opened"),
    ("SQLITE_BUSY", "another process holds the store"),
    ("SQLITE_LOCKED", "another process holds the store"),
)


class StoreError(Exception):
    """The store file cannot be used (not ours, damaged, unwritable, newer schema); the message
    names the file and says why."""


def connect(path: Path, *, create: bool) -> sqlite3.Connection:
    """Open the SQLite file at `path` once it is known to be ours or new, with nothing written.

    Without `create` nothing is made: no file, no folder. An SQLite database of another
    application is refused before any write (tables, WAL mode), so it is left as it was.
    """
    if path.is_dir():
        raise StoreError(f"{path}: a folder, not a store file")
    if not create and not path.exists():
        raise StoreError(f"{path}: no store there")
    if create:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(f"{path}: its folder cannot be made ({_os_reason(error)})") from error
    uri = f"{path.absolute().as_uri()}?mode={'rwc' if create else 'rw'}"
    try:
        connection = sqlite3.connect(uri, uri=True, timeout=30, check_same_thread=False)
    except sqlite3.Error as error:
        raise trouble(path, error) from error
    try:
        _claim(connection, path, create)
    except BaseException:
        connection.close()
        raise
    return connection


def _claim(connection: sqlite3.Connection, path: Path, create: bool) -> None:
    """Raise unless the database is a store of ours, or empty and ours to make."""
    try:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        application_id = connection.execute("PRAGMA application_id").fetchone()[0]
    except sqlite3.DatabaseError as error:
        raise trouble(path, error) from error
    if application_id == APPLICATION_ID or (application_id == 0 and OUR_TABLES <= tables):
        return
    if application_id == 0 and not tables:
        if create:
            return
        raise StoreError(f"{path}: an empty database, not a timeline store")
    raise StoreError(
        f"{path}: an SQLite database of another application, not a timeline store; left as it is"
    )


def check_integrity(connection: sqlite3.Connection, path: Path) -> None:
    """Raise when SQLite's quick check finds damage: it reads every page once, a tenth of a
    second for 10,000 articles, so it runs before writing, where damage would spread."""
    try:
        verdict = connection.execute("PRAGMA quick_check(1)").fetchone()[0]
    except sqlite3.DatabaseError as error:
        raise trouble(path, error) from error
    if verdict != "ok":
        raise StoreError(f"{path}: the store is damaged ({' '.join(verdict.split())})")


def trouble(path: Path, error: Exception) -> StoreError:
    """A StoreError naming the file, for an error SQLite (or pandas reading SQL) raised."""
    cause = error.__cause__ if isinstance(error, pd.errors.DatabaseError) else error
    cause = cause if isinstance(cause, sqlite3.Error) else error
    name = getattr(cause, "sqlite_errorname", "") or ""
    meaning = next((text for prefix, text in _TROUBLES if name.startswith(prefix)), "")
    detail = str(cause).splitlines()[0] if str(cause) else type(cause).__name__
    return StoreError(f"{path}: {meaning} ({detail})" if meaning else f"{path}: {detail}")


Parameters = ParamSpec("Parameters")
Result = TypeVar("Result")
Class = TypeVar("Class", bound=type)


def naming_troubles(cls: Class) -> Class:
    """Make every public method of a class holding `path` and `connection` raise StoreError
    naming the file for any SQLite error (a damaged page met late, a full disk): the store's
    boundary, so no caller sees a bare sqlite3 or pandas error."""
    for name, member in list(vars(cls).items()):
        if callable(member) and not name.startswith("_"):
            setattr(cls, name, _naming(member))
    return cls


def _naming(method: Callable[Parameters, Result]) -> Callable[Parameters, Result]:
    @functools.wraps(method)
    def named(*args: Parameters.args, **kwargs: Parameters.kwargs) -> Result:
        try:
            return method(*args, **kwargs)
        except (sqlite3.DatabaseError, pd.errors.DatabaseError) as error:
            store: Any = args[0]
            raise trouble(store.path, error) from error

    return named


def _os_reason(error: OSError) -> str:
    if isinstance(error, FileExistsError | NotADirectoryError) and error.filename:
        return f"{error.filename} is a file"
    where = f": {error.filename}" if error.filename else ""
    return f"{error.strerror or error}{where}"


def cache_folder() -> Path:
    """The user's cache for timeline ($XDG_CACHE_HOME/timeline or ~/.cache/timeline)."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "timeline"


def snapshot_path(store_path: Path, made: str, generation: int, suffix: str = ".parquet") -> Path:
    """Where a cache of this store, as of this generation, is kept (`suffix`: which one, the
    events frame by default): in the user's cache, never beside the store (the data folder is
    the user's: only the store goes there), keyed by the store's real path, the token drawn
    when it was made, and the generation."""
    return _snapshots() / f"{_store_key(store_path)}-{made}-{generation}{suffix}"


def write_snapshot(frame: pd.DataFrame, snapshot: Path) -> None:
    """Write the events frame as Parquet (`keep_snapshot`)."""
    keep_snapshot(snapshot, lambda path: frame.to_parquet(path, index=False))


def keep_snapshot(
    snapshot: Path, write: Callable[[Path], object], kept: int = SNAPSHOTS_KEPT
) -> None:
    """Write a snapshot with `write` (given the path to write), atomically: readers never see
    half a file. Then drop the store's older snapshots of that kind (suffix) and all but the
    `kept` most recently used of other stores."""
    # one partial file per writer: two sessions of one app may write the same snapshot at once
    partial = snapshot.with_name(f"{snapshot.name}.{os.getpid()}-{threading.get_ident()}.partial")
    try:
        snapshot.parent.mkdir(parents=True, exist_ok=True)
        write(partial)
        os.replace(partial, snapshot)
    except OSError:
        partial.unlink(missing_ok=True)
        return  # no writable cache: every open rebuilds it, slower but right
    store = snapshot.name.split("-", 1)[0]
    others = []
    for old in snapshot.parent.glob(f"*{snapshot.suffix}"):
        if old == snapshot:
            continue
        if old.name.startswith(f"{store}-"):
            old.unlink(missing_ok=True)
        else:
            others.append(old)
    for old in sorted(others, key=_last_used, reverse=True)[kept - 1 :]:
        old.unlink(missing_ok=True)


def drop_old_snapshots_beside(store_path: Path) -> None:
    """Remove the snapshots that versions before this one wrote beside the store."""
    pattern = f"{glob.escape(store_path.name)}.events-*.parquet"
    for old in store_path.parent.glob(pattern):
        old.unlink(missing_ok=True)


def read_snapshot(snapshot: Path) -> pd.DataFrame:
    """Read an events snapshot (raises when it is missing or damaged) and mark it recently
    used."""
    frame = pd.read_parquet(snapshot)
    mark_used(snapshot)
    return frame


def mark_used(snapshot: Path) -> None:
    """Mark a snapshot just read as recently used: the least recently used go first."""
    try:
        os.utime(snapshot)
    except OSError:
        pass


def source_digest(folder: Path) -> str:
    """A hash of the names and bytes of the code and rule files under `folder`."""
    digest = hashlib.blake2b(digest_size=8)
    for path in sorted(p for p in folder.rglob("*") if p.suffix in SOURCE_SUFFIXES):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _last_used(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _snapshots() -> Path:
    return cache_folder() / "snapshots"


def _store_key(store_path: Path) -> str:
    real = os.path.realpath(store_path)
    return hashlib.blake2b(os.fsencode(real), digest_size=8).hexdigest()
