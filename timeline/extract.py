"""Extraction of one file, as a worker runs it: bytes in, a `FileExtract` (articles, event rows,
problems, the file's stamp) out. Local process pools and Dask workers both call these."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from timeline.articles import LoadResult, load_file, parse_file_bytes
from timeline.events import article_event_rows
from timeline.store import EXTRACTOR_VERSION, FileExtract, FileStamp

IN_FLIGHT_PER_WORKER = 4  # files submitted ahead per worker: enough to keep it busy, memory flat
UNREAD = FileStamp(-1, -1, "", EXTRACTOR_VERSION)  # no file has a negative size


@dataclass(frozen=True)
class Job:
    """A file to (re)read: its real path, its stat, and the hash stored for it, if any."""

    path: str
    size: int
    mtime_ns: int
    known_hash: str | None


def extract_file(job: Job) -> FileExtract:
    """Read one file from disk and extract it."""
    data, loaded = load_file(Path(job.path))
    return _extract(job, data, loaded)


def extract_bytes(job: Job, data: bytes) -> FileExtract:
    """Extract a file whose bytes were read elsewhere (a cluster worker without the disk)."""
    return _extract(job, data, parse_file_bytes(job.path, data))


def _extract(job: Job, data: bytes | None, loaded: LoadResult) -> FileExtract:
    if data is None:  # reading failed: a stamp that matches no file, so the next run reads it
        return FileExtract(job.path, UNREAD, problems=loaded.problems)
    content_hash = hashlib.blake2b(data, digest_size=16).hexdigest()
    stamp = FileStamp(job.size, job.mtime_ns, content_hash, EXTRACTOR_VERSION)
    if data and content_hash == job.known_hash:
        return FileExtract(job.path, stamp, unchanged=True)
    rows = [row for article in loaded.articles for row in article_event_rows(article)]
    return FileExtract(job.path, stamp, loaded.articles, rows, loaded.problems)
