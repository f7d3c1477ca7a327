"""Extraction on a Dask cluster: the client reads each file and ships its bytes, so workers
need the `timeline` package installed but no access to the client's disk."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Sequence
from pathlib import Path

from distributed import Client, Future

from timeline.articles import MAX_FILE_BYTES
from timeline.extract import IN_FLIGHT_PER_WORKER, Job, extract_bytes, extract_file
from timeline.store import FileExtract


def dask_results(jobs: Sequence[Job], address: str) -> Iterator[FileExtract]:
    """Extract the jobs on the scheduler at `address`, yielding results in job order."""
    with Client(address) as client:
        slots = IN_FLIGHT_PER_WORKER * max(1, len(client.scheduler_info()["workers"]))
        pending: deque[Future | FileExtract] = deque()
        for job in jobs:
            data = _read(job)
            # a file the client cannot read is reported here, in the loader's words
            pending.append(
                extract_file(job) if data is None else client.submit(extract_bytes, job, data)
            )
            if len(pending) >= slots:
                yield _result(pending.popleft())
        while pending:
            yield _result(pending.popleft())


def _result(item: Future | FileExtract) -> FileExtract:
    return item if isinstance(item, FileExtract) else item.result()


def _read(job: Job) -> bytes | None:
    """The file's bytes, or None when it is not a readable regular file of an allowed size."""
    path = Path(job.path)
    try:
        if not path.is_file() or path.stat().st_size > MAX_FILE_BYTES:
            return None
        return path.read_bytes()
    except OSError:
        return None
