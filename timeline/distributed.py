"""Extraction on a Dask cluster: the client reads each file and ships its bytes, so workers
need no shared disk, only this package.

Current Dask unpickles task graphs on the scheduler too, so the scheduler and every worker must
import `timeline`, and the same code as the client's, or a store would mix two extractors.
`connect` checks that before anything is written; each task checks it again on its worker, for
workers that join mid-run.
"""

from __future__ import annotations

import functools
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

from distributed import Client, Future, get_worker

from timeline.articles import MAX_FILE_BYTES
from timeline.extract import IN_FLIGHT_PER_WORKER, Job, extract_bytes, extract_file
from timeline.store import EXTRACTOR_VERSION, FileExtract
from timeline.storefile import PACKAGE_DIR, source_digest

# Dask spends a few milliseconds of CPU on each task, as much as extracting a 3 KB article:
# one file per task cost 7 ms of CPU per article more than the local pool, 16 files per task
# 0.75 ms (bench/dask_ingest.py, 2,000 articles; 64 per task gained nothing more).
FILES_PER_TASK = 16
TASK_BYTES = 1 << 20  # fewer files in a task of big files (one bigger file goes alone)
CONNECT_SECONDS = 15  # to reach the scheduler
WORKER_WAIT_SECONDS = 30  # for a first worker to join a scheduler that has none
FIX = (
    "run the scheduler and every worker from a checkout of this commit, with PYTHONPATH set to it "
    "(README: Beyond one machine)"
)

Probe = tuple[str | None, str]  # (the package's code version there, or None; why not)


class ClusterError(Exception):
    """The cluster cannot run this client's extraction: unreachable, no workers, or machines
    without this package at this version."""


@functools.cache
def code_version() -> str:
    """The extractor version and a hash of this package's source: equal only for equal code.

    >>> code_version() == f"{EXTRACTOR_VERSION}+{source_digest(PACKAGE_DIR)}"
    True
    """
    return f"{EXTRACTOR_VERSION}+{source_digest(PACKAGE_DIR)}"


@contextmanager
def connect(address: str) -> Iterator[Client]:
    """A client of the scheduler at `address`, once it and its workers run this client's code.

    Raises `ClusterError`, whose message is one line naming each machine and what it lacks.
    """
    try:
        client = Client(address, timeout=CONNECT_SECONDS)
    except (OSError, TimeoutError, ValueError) as error:
        raise ClusterError(f"cannot reach the Dask scheduler at {address}: {error}") from None
    with client:
        check_cluster(client, address)
        yield client


def check_cluster(client: Client, address: str) -> None:
    """Raise `ClusterError` unless the scheduler and every worker run this client's code."""
    probe, expected = _import_probe(), code_version()
    scheduler = _run_probe(client.run_on_scheduler, probe)
    machines = {f"scheduler {address}": scheduler}
    if _problem(scheduler, expected) is None and not client.nthreads():
        try:
            client.wait_for_workers(1, timeout=WORKER_WAIT_SECONDS)
        except TimeoutError:
            raise ClusterError(
                f"the Dask scheduler at {address} has had no worker for {WORKER_WAIT_SECONDS} s"
            ) from None
    try:
        workers = client.run(probe, on_error="return")
    except Exception as error:  # the run itself failed, not the probe on a worker
        workers = {"(all)": error}
    for worker, result in sorted(workers.items()):
        machines[f"worker {worker}"] = (
            (None, f"cannot run this client's check ({_reason(result)})")
            if isinstance(result, BaseException)
            else result
        )
    message = describe_problems(machines, expected)
    if message:
        raise ClusterError(message)


def describe_problems(machines: Mapping[str, Probe], expected: str) -> str | None:
    """One line naming the machines that cannot run this code and what each lacks, or None.

    >>> machines = {"worker tcp://a:1": ("1+old", ""), "worker tcp://b:1": ("1+new", "")}
    >>> describe_problems(machines, "1+new")  # doctest: +ELLIPSIS
    "worker tcp://a:1: timeline 1+old, not this client's 1+new. To fix: run the scheduler and..."
    """
    by_problem: dict[str, list[str]] = {}
    for machine, probe in machines.items():
        problem = _problem(probe, expected)
        if problem is not None:
            by_problem.setdefault(problem, []).append(machine)
    if not by_problem:
        return None
    parts = [f"{', '.join(names)}: {problem}" for problem, names in by_problem.items()]
    return f"{'; '.join(parts)}. To fix: {FIX}"


def _problem(probe: Probe, expected: str) -> str | None:
    version, reason = probe
    if version is None:
        return reason
    if version != expected:
        return f"timeline {version}, not this client's {expected}"
    return None


def _run_probe(run: Callable[[Callable[[], Probe]], Probe], probe: Callable[[], Probe]) -> Probe:
    try:
        return run(probe)
    except Exception as error:  # e.g. another Python cannot load the probe's code
        return None, f"cannot run this client's check ({_reason(error)})"


def _import_probe() -> Callable[[], Probe]:
    """A function that reports the code version where it runs, or why `timeline` won't import.

    Defined inside this function on purpose: cloudpickle ships nested functions by value, so
    the probe runs on machines that cannot import `timeline` at all.
    """

    def probe() -> Probe:
        try:
            from timeline.distributed import code_version
        except Exception as error:  # whatever stops the import is what that machine lacks
            return None, f"cannot import timeline ({type(error).__name__}: {error})"
        return code_version(), ""

    return probe


def _reason(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"


def extract_on_worker(files: list[tuple[Job, bytes]], version: str) -> list[FileExtract]:
    """`extract_bytes` for each file on a worker, refused if it runs other code than the client."""
    if code_version() != version:
        raise ClusterError(
            describe_problems({f"worker {get_worker().address}": (code_version(), "")}, version)
        )
    return [extract_bytes(job, data) for job, data in files]


def dask_results(jobs: Sequence[Job], client: Client) -> Iterator[FileExtract]:
    """Extract the jobs on the client's cluster, yielding results in job order.

    Files go in tasks of a few (see `FILES_PER_TASK`), at most `IN_FLIGHT_PER_WORKER` tasks per
    worker thread ahead. Dask runs the tasks of a lost worker again elsewhere; each result is
    still taken from its future once.
    """
    version = code_version()
    slots = IN_FLIGHT_PER_WORKER * max(1, sum(client.nthreads().values()))
    pending: deque[Future | list[FileExtract]] = deque()
    for task in _tasks(jobs):
        pending.append(
            [task]
            if isinstance(task, FileExtract)
            else client.submit(extract_on_worker, task, version, pure=False)
        )
        if len(pending) >= slots:
            yield from _results(pending.popleft())
    while pending:
        yield from _results(pending.popleft())


def _tasks(jobs: Iterable[Job]) -> Iterator[list[tuple[Job, bytes]] | FileExtract]:
    """The files with their bytes, a few per task; a file the client cannot read is extracted
    here instead, in its place, so that its problem is reported in the loader's words."""
    task: list[tuple[Job, bytes]] = []
    size = 0
    for job in jobs:
        data = _read(job)
        if task and (data is None or len(task) == FILES_PER_TASK or size + len(data) > TASK_BYTES):
            yield task
            task, size = [], 0
        if data is None:
            yield extract_file(job)
        else:
            task.append((job, data))
            size += len(data)
    if task:
        yield task


def _results(item: Future | list[FileExtract]) -> list[FileExtract]:
    return item if isinstance(item, list) else item.result()


def _read(job: Job) -> bytes | None:
    """The file's bytes, or None when it is not a readable regular file of an allowed size."""
    path = Path(job.path)
    try:
        if not path.is_file() or path.stat().st_size > MAX_FILE_BYTES:
            return None
        return path.read_bytes()
    except OSError:
        return None
