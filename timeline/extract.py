"""Extraction of one file, as a worker runs it: bytes in, a `FileExtract` (articles, event rows,
problems, the file's stamp) out. Local process pools and Dask workers both call these."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from timeline.articles import Article, LoadResult, load_file, parse_file_bytes, with_reading
from timeline.events import read_article
from timeline.mentions import article_name_rows
from timeline.store import FileExtract, FileStamp, extractor_version
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
    reading: str = "auto"  # how the file's articles are read: auto, news or narrative


def extract_file(job: Job) -> FileExtract:
    """Read one file from disk and extract it."""
    data, loaded = load_file(Path(job.path))
    return _extract(job, data, loaded)


def extract_bytes(job: Job, data: bytes) -> FileExtract:
    """Extract a file whose bytes were read elsewhere (a cluster worker without the disk)."""
    return _extract(job, data, parse_file_bytes(job.path, data))


def _extract(job: Job, data: bytes | None, loaded: LoadResult) -> FileExtract:
    if data is None:  # reading failed: a stamp that matches no file (no file has a negative
        # size), so the next run reads it
        unread = FileStamp(-1, -1, "", extractor_version(job.reading, job.names))
        return FileExtract(job.path, unread, problems=loaded.problems)
    content_hash = hashlib.blake2b(data, digest_size=16).hexdigest()
    version = extractor_version(job.reading, job.names)
    stamp = FileStamp(job.size, job.mtime_ns, content_hash, version)
    if data and content_hash == job.known_hash:
        return FileExtract(job.path, stamp, unchanged=True)
    asked = loaded.articles
    if job.reading != "auto":
        asked = [with_reading(article, job.reading, "asked") for article in asked]
    articles: list[Article] = []
    rows: list[dict[str, Any]] = []
    names: list[dict[str, Any]] = []
    for article, article_rows in map(read_article, asked):
        articles.append(article)
        rows.extend(article_rows)
        if job.names:
            names.extend(article_name_rows(article, article_rows))
    terms = [row_terms(row) for row in rows] if job.merge else []
    return FileExtract(job.path, stamp, articles, rows, loaded.problems, terms=terms, names=names)
