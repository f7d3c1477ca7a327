"""Ingest: bring a store up to date with files on disk, extracting only what is new or changed.

The parent process is the only writer; workers (a process pool, or a Dask cluster) turn one
file into a `FileExtract`. At most a few files per worker are in flight, so memory does not
grow with the corpus. Files are committed in small batches, each one transaction that holds
whole files only, so after a crash or `kill -9` the next run picks up exactly the files that
were not committed.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from tqdm import tqdm

from timeline.articles import LoadProblem, RealPaths, expand_paths
from timeline.extract import IN_FLIGHT_PER_WORKER, Job, extract_file
from timeline.rules import load_rules
from timeline.store import (
    FileExtract,
    FileStamp,
    Store,
    extractor_version,
    open_store,
    stamped_reading,
)

if TYPE_CHECKING:
    from distributed import Client

FILES_PER_COMMIT = 32  # a commit costs about a millisecond; a crash redoes at most this many
PARENT_CHECK_SECONDS = 0.5  # how soon a pool worker notices that its parent died


@dataclass
class IngestReport:
    """What one ingest did."""

    files: int = 0  # files found under the given paths
    unchanged: int = 0  # skipped without reading: same stamp and extractor version
    extracted: int = 0  # read and extracted
    retouched: int = 0  # read, same bytes as stored: not extracted again
    removed: int = 0  # gone from disk and pruned from the store
    postponed: int = 0  # new or changed, left for a later run by `limit`
    articles: int = 0  # in the store afterwards
    events: int = 0  # in the store afterwards
    merged: int = 0  # events merged into the stored groups: new ones, and regrouped ones
    problems: list[LoadProblem] = field(default_factory=list)  # of every file found
    found: list[str] = field(default_factory=list)  # the real path of every file found


def ingest(
    paths: Iterable[str | Path],
    store_path: str | Path,
    *,
    workers: int = 1,
    progress: bool = False,
    prune: bool = False,
    dask_address: str | None = None,
    limit: int | None = None,
    merge: bool = True,
    names: bool = True,
    reading: str | None = None,
) -> IngestReport:
    """Bring the store at `store_path` up to date with the files under `paths`.

    `prune` also removes stored files under the given folders that are gone from disk.
    `dask_address` runs the extraction on that Dask scheduler instead of local processes, once
    the scheduler and its workers are found to run this code (`timeline.distributed.ClusterError`
    if not, before the store is touched).
    `limit` reads at most that many new or changed files (the first found); the others are
    `postponed`, for a later run: a first look at a big folder (the index of names is made
    by that run, or by its first reader).
    `merge` (the default) merges the new events into the stored groups of the same happening
    across articles; without it their merge words are not worked out and they never merge
    (for measuring what merging costs).
    `names` (the default) finds the names of the new articles for following them; without it
    they have none until a run with names reads their files again (a first look; measuring
    what the names cost).
    `reading` ("auto", "news" or "narrative") is how the articles' relative dates are read;
    a stored file read otherwise is read again. None keeps each stored file's (auto for new
    files).
    """
    with _cluster(dask_address) as client:
        store = open_store(store_path, check=True)  # damage found before writing, not spread
        try:
            report = _ingest(
                store, list(paths), workers, progress, prune, client, limit, merge, names, reading
            )
            if merge:
                report.merged = store.merge_pending()
            if not report.postponed:  # a first look (`limit`) leaves it to the run after it
                store.refresh_name_index()
            return report
        finally:
            store.close()


def _ingest(
    store: Store,
    paths: Sequence[str | Path],
    workers: int,
    progress: bool,
    prune: bool,
    client: Client | None,
    limit: int | None,
    merge: bool,
    names: bool,
    reading: str | None,
) -> IngestReport:
    report = IngestReport()
    stored = store.stamps()
    jobs: list[Job] = []
    found: dict[str, None] = {}  # real paths in the order found; a file given twice counts once
    real_path = RealPaths()
    for path, problem in expand_paths(paths):
        if problem is not None:
            report.problems.append(problem)
            continue
        real = real_path(path)
        if real in found:
            continue
        found[real] = None
        job = _job(real, stored.get(real), merge, names, reading)
        if job is None:
            report.unchanged += 1
        else:
            jobs.append(job)
    report.files = len(found)
    report.found = list(found)
    if limit is not None and len(jobs) > limit:
        report.postponed = len(jobs) - limit
        jobs = jobs[:limit]
    if prune:
        report.removed = store.forget_files(_gone(stored, paths, found.keys()))

    results = (
        _dask_results(jobs, client) if client is not None else _local_results(jobs, max(1, workers))
    )
    batch: list[FileExtract] = []
    for extract in tqdm(
        results, total=len(jobs), disable=not progress, unit="file", desc="ingest", leave=False
    ):
        batch.append(extract)
        if extract.unchanged:
            report.retouched += 1
        else:
            report.extracted += 1
        if len(batch) >= FILES_PER_COMMIT:
            store.write_files(batch)
            batch.clear()
    store.write_files(batch)

    report.problems.extend(store.problems(found))
    report.articles = store.count("articles")
    report.events = store.count("events")
    return report


def _job(
    path: str, stored: FileStamp | None, merge: bool, names: bool, reading: str | None
) -> Job | None:
    """The job for a file, or None when the store already holds this version of it."""
    if reading is None:  # as stored
        reading = stamped_reading(stored.extractor_version) if stored else "auto"
    try:
        info = os.stat(path)
    except OSError:
        # reading it will report why
        return Job(path, -1, -1, None, merge=merge, names=names, reading=reading)
    version = extractor_version(reading, names)
    # a run that does not find names keeps a file read with them
    kept = {version, extractor_version(reading)}
    if (
        stored is not None
        and stored.size == info.st_size
        and stored.mtime_ns == info.st_mtime_ns
        and stored.extractor_version in kept
    ):
        return None
    known = stored.content_hash if stored and stored.extractor_version in kept else None
    return Job(
        path, info.st_size, info.st_mtime_ns, known, merge=merge, names=names, reading=reading
    )


def _gone(
    stored: dict[str, FileStamp], given: Sequence[str | Path], found: Iterable[str]
) -> list[str]:
    """Stored files under the given folders (or given themselves) that were not found now."""
    roots = [os.path.realpath(path) for path in given]
    seen = set(found)
    return [
        path
        for path in stored
        if path not in seen
        and any(path == root or path.startswith(root.rstrip(os.sep) + os.sep) for root in roots)
    ]


def _local_results(jobs: Sequence[Job], workers: int) -> Iterator[FileExtract]:
    if workers == 1 or len(jobs) < 2:
        yield from map(extract_file, jobs)
        return
    # fork: spawn would re-import the caller's __main__ in each worker, which under Streamlit
    # or pytest is a script that must not run again. Workers only compute and return.
    context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    load_rules("en")  # compiled once here, inherited by every forked worker
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=exit_with_parent, initargs=(os.getpid(),)
    ) as pool:
        yield from _bounded(jobs, lambda job: pool.submit(extract_file, job), workers)


def exit_with_parent(parent: int) -> None:
    """Start a pool worker: it exits as soon as its parent is gone. A parent killed with
    `kill -9` cannot stop its pool, and the workers would extract on for nobody (a pool does
    not notice: they hold the task pipe open themselves)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def _cluster(address: str | None) -> AbstractContextManager[Client | None]:
    if address is None:
        return nullcontext()
    from timeline.distributed import connect  # dask is imported only when asked for

    return connect(address)


def _dask_results(jobs: Sequence[Job], client: Client) -> Iterator[FileExtract]:
    from timeline.distributed import dask_results

    yield from dask_results(jobs, client)


def _bounded(
    jobs: Sequence[Job], submit: Callable[[Job], Future[FileExtract]], workers: int
) -> Iterator[FileExtract]:
    """Results in job order with at most `IN_FLIGHT_PER_WORKER * workers` jobs submitted."""
    pending: deque[Future[FileExtract]] = deque()
    for job in jobs:
        pending.append(submit(job))
        if len(pending) >= IN_FLIGHT_PER_WORKER * workers:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()
