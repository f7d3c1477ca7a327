"""Extraction of one file, as a worker runs it: bytes in, a `FileExtract` (articles, event rows,
problems, the file's stamp) out. Local process pools and Dask workers both call these."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from timeline.articles import LoadResult, load_file, parse_file_bytes
from timeline.events import article_event_rows
from timeline.mentions import article_name_rows
from timeline.store import EXTRACTOR_VERSION, FileExtract, FileStamp
from timeline.terms import row_terms

IN_FLIGHT_PER_WORKER = 4  # files submitted ahead per worker: enough to keep it busy, memory flat


@dataclass(frozen=True)
class Job:
    """A file to (re)read: its real path, its stat, and the hash stored for it, if any."""

    path: str
    size: int
    mtime_ns: int
    known_hash: str | None
    merge: bool = True  # work out each event's merge words (`terms.row_terms`) too
    names: bool = True  # find the names of each article (`mentions.article_name_rows`) too


def extract_file(job: Job) -> FileExtract:
    """Read one file from disk and extract it."""
    data, loaded = load_file(Path(job.path))
    return _extract(job, data, loaded)


def extract_bytes(job: Job, data: bytes) -> FileExtract:
    """Extract a file whose bytes were read elsewhere (a cluster worker without the disk)."""
    return _extract(job, data, parse_file_bytes(job.path, data))


def _extract(job: Job, data: bytes, loaded: LoadResult) -> FileExtract:
    content_hash = hashlib.blake2b(data, digest_size=16).hexdigest()
    stamp = FileStamp(job.size, job.mtime_ns, content_hash, EXTRACTOR_VERSION)
    if data and content_hash == job.known_hash:
        return FileExtract(job.path, stamp, unchanged=True)
    rows: list[dict[str, Any]] = []
    names: list[dict[str, Any]] = []
    for article in loaded.articles:
        article_rows = article_event_rows(article)
        rows.extend(article_rows)
        if job.names:
            names.extend(article_name_rows(article, article_rows))
    terms = [row_terms(row) for row in rows] if job.merge else []
    return FileExtract(
        job.path, stamp, loaded.articles, rows, loaded.problems, terms=terms, names=names
    )
