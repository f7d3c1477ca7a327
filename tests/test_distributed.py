"""Ingest on a Dask cluster that runs the way a real one does: `dask scheduler` and `dask worker`
as separate processes from clean environments (tests/cluster.py), following the README's steps
with loopback addresses; plus the version check's pure parts."""

from __future__ import annotations

import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest

from tests.cluster import BIN, ROOT, LocalProcesses, local_processes, wait_for_workers
from tests.test_ingest import committed_files, stored, write_corpus
from timeline import distributed
from timeline.distributed import ClusterError, Probe, _tasks, describe_problems, source_digest
from timeline.extract import Job
from timeline.ingest import ingest
from timeline.store import FileExtract

RUN_SECONDS = 120


@dataclass
class Cluster:
    """The README's cluster: a scheduler and one `dask worker --nworkers 2 --nthreads 1`."""

    processes: LocalProcesses
    address: str
    workers: subprocess.Popen[bytes]  # the `dask worker` command


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    with local_processes(tmp_path_factory.mktemp("cluster")) as processes:
        address = processes.scheduler(pythonpath=ROOT)
        workers = processes.workers(address, pythonpath=ROOT, count=2)
        wait_for_workers(address, 2)
        yield Cluster(processes, address, workers)


def ingest_command(corpus: Path, db: Path, address: str) -> list[str]:
    """The README's client step, run from the checkout (`cd /opt/timeline`)."""
    python = str(BIN / "python")
    return [python, "-m", "timeline", "ingest", str(corpus), "--db", str(db), "--dask", address]


def run_client(
    processes: LocalProcesses, corpus: Path, db: Path, address: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ingest_command(corpus, db, address),
        cwd=ROOT,
        env=processes.environment(pythonpath=None),
        capture_output=True,
        text=True,
        timeout=RUN_SECONDS,
    )


def start_client(cluster: Cluster, corpus: Path, db: Path) -> subprocess.Popen[bytes]:
    command = ingest_command(corpus, db, cluster.address)
    return cluster.processes.start(command, pythonpath=None, cwd=ROOT)


def wait_for_a_commit(db: Path, client_run: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + RUN_SECONDS
    while committed_files(db) == 0:
        assert client_run.poll() is None and time.monotonic() < deadline
        time.sleep(0.01)


def stale_checkout(folder: Path) -> Path:
    """A copy of the package in which one file differs, as on a machine not yet updated."""
    shutil.copytree(ROOT / "timeline", folder / "timeline", ignore=shutil.ignore_patterns("*.pyc"))
    with (folder / "timeline" / "labels.py").open("a") as source:
        source.write("# changed\n")
    return folder


def assert_same_store(db: Path, local_db: Path) -> None:
    local_ids, local_events = stored(local_db)
    ids, events = stored(db)
    assert ids == local_ids and len(set(ids)) == len(ids)
    pd.testing.assert_frame_equal(events, local_events)
    assert not events["event_id"].duplicated().any()


def test_cluster_stores_what_a_local_ingest_stores(cluster: Cluster, tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", 40)
    (corpus / "empty.txt").write_bytes(b"")  # a problem, reported the same way
    local = ingest([corpus], tmp_path / "local.sqlite")

    done = run_client(cluster.processes, corpus, tmp_path / "dask.sqlite", cluster.address)
    assert done.returncode == 1, done.stderr  # 1: the empty file was left out
    assert done.stderr.splitlines() == [f"{p.path}: {p.message}" for p in local.problems]
    assert f"41 files: {local.extracted} extracted" in done.stdout
    assert_same_store(tmp_path / "dask.sqlite", tmp_path / "local.sqlite")


def test_a_lost_worker_still_stores_every_file_once(cluster: Cluster, tmp_path: Path) -> None:
    from distributed import Client

    processes = cluster.processes
    before = set(wait_for_workers(cluster.address, 2))
    machine = processes.workers(cluster.address, pythonpath=ROOT)  # the one that will be lost
    (lost,) = set(wait_for_workers(cluster.address, 3)) - before
    corpus = write_corpus(tmp_path / "corpus", 300)
    db = tmp_path / "dask.sqlite"
    client_run = start_client(cluster, corpus, db)

    wait_for_a_commit(db, client_run)
    with Client(cluster.address) as observer:
        while True:  # kill it while it runs tasks or holds results the client has not taken
            processes.signal(machine, signal.SIGSTOP)  # frozen, what it holds stays put
            if [*observer.processing([lost])[lost], *observer.has_what([lost])[lost]]:
                break
            processes.signal(machine, signal.SIGCONT)
            assert client_run.poll() is None, "the ingest ended before the worker was lost"
            time.sleep(0.01)
    processes.kill(machine)
    killed_at = committed_files(db)

    assert client_run.wait(timeout=RUN_SECONDS) == 0, processes.log(client_run)
    assert 0 < killed_at < 300, "the worker must be lost mid-run for this test to mean anything"
    assert "300 files: 300 extracted" in processes.log(client_run)
    ingest([corpus], tmp_path / "local.sqlite")
    assert_same_store(db, tmp_path / "local.sqlite")


def test_a_worker_joining_with_other_code_stops_the_run_between_whole_files(
    cluster: Cluster, tmp_path: Path
) -> None:
    processes = cluster.processes
    corpus = write_corpus(tmp_path / "corpus", 2000)  # long enough for a worker to join
    db = tmp_path / "dask.sqlite"
    client_run = start_client(cluster, corpus, db)

    wait_for_a_commit(db, client_run)
    before = set(wait_for_workers(cluster.address, 2))
    machine = processes.workers(cluster.address, pythonpath=stale_checkout(tmp_path / "stale"))
    (stale,) = set(wait_for_workers(cluster.address, 3)) - before

    assert client_run.wait(timeout=RUN_SECONDS) == 1, "the run ended before the worker joined"
    processes.kill(machine)
    last_line = processes.log(client_run).splitlines()[-1]
    assert last_line.startswith(f"worker {stale}: timeline {distributed.EXTRACTOR_VERSION}+")
    committed = committed_files(db)
    ids, events = stored(db)  # whole files only: each story is one article with three events
    assert 0 < committed < 2000 and (len(ids), len(events)) == (committed, 3 * committed)


def test_machines_without_this_code_are_named_and_nothing_is_written(tmp_path: Path) -> None:
    stale = stale_checkout(tmp_path / "stale")
    corpus = write_corpus(tmp_path / "corpus", 3)
    db = tmp_path / "never.sqlite"

    with local_processes(tmp_path / "cluster") as processes:
        address = processes.scheduler(pythonpath=None)  # the mistake
        processes.workers(address, pythonpath=stale)
        (worker,) = wait_for_workers(address, 1)
        done = run_client(processes, corpus, db, address)

    assert done.returncode == 1
    (line,) = done.stderr.splitlines()
    assert f"scheduler {address}: cannot import timeline (ModuleNotFoundError" in line
    assert f"worker {worker}: timeline {distributed.EXTRACTOR_VERSION}+" in line
    assert f"not this client's {distributed.code_version()}" in line
    assert not db.exists()


def test_an_unreachable_scheduler_is_one_line_and_nothing_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(distributed, "CONNECT_SECONDS", 0.5)
    corpus = write_corpus(tmp_path / "corpus", 1)
    with pytest.raises(ClusterError, match="cannot reach the Dask scheduler at tcp://127.0.0.1:1"):
        ingest([corpus], tmp_path / "never.sqlite", dask_address="tcp://127.0.0.1:1")
    assert not (tmp_path / "never.sqlite").exists()


EXPECTED = "2-abc+0123"
OTHER = "2-abc+4567"


@pytest.mark.parametrize(
    ("machines", "expected"),
    [
        pytest.param(
            {"scheduler s": (EXPECTED, ""), "worker w": (EXPECTED, "")}, None, id="all-ok"
        ),
        pytest.param(
            {"scheduler s": (None, "cannot import timeline (No module named 'timeline')")},
            "scheduler s: cannot import timeline (No module named 'timeline')",
            id="scheduler-lacks-the-package",
        ),
        pytest.param(
            {"worker a": (OTHER, ""), "worker b": (EXPECTED, ""), "worker c": (OTHER, "")},
            f"worker a, worker c: timeline {OTHER}, not this client's {EXPECTED}",
            id="stale-workers-grouped",
        ),
        pytest.param(
            {
                "scheduler s": (None, "cannot import timeline (No module named 'syntok')"),
                "worker a": (OTHER, ""),
            },  # fmt: skip
            "scheduler s: cannot import timeline (No module named 'syntok'); "
            f"worker a: timeline {OTHER}, not this client's {EXPECTED}",
            id="each-machine-its-problem",
        ),
    ],
)
def test_describe_problems(machines: dict[str, Probe], expected: str | None) -> None:
    message = describe_problems(machines, EXPECTED)
    if expected is None:
        assert message is None
    else:
        assert message == f"{expected}. To fix: {distributed.FIX}"


@pytest.mark.parametrize(
    ("change", "same"),
    [
        pytest.param(lambda root: None, True, id="a-copy"),
        pytest.param(lambda root: (root / "__pycache__").mkdir(), True, id="a-cache-folder"),
        pytest.param(
            lambda root: (root / "notes.txt").write_text("x"), True, id="a-file-that-is-not-code"
        ),
        pytest.param(
            lambda root: (root / "labels.py").write_text("\n", "utf-8"), False, id="code-edited"
        ),
        pytest.param(
            lambda root: (root / "rules" / "en.yaml").unlink(), False, id="a-rule-file-gone"
        ),
        pytest.param(
            lambda root: (root / "labels.py").rename(root / "labels2.py"), False, id="a-rename"
        ),
    ],
)
def test_source_digest_changes_with_the_code(tmp_path: Path, change, same: bool) -> None:
    copy = tmp_path / "timeline"
    shutil.copytree(ROOT / "timeline", copy, ignore=shutil.ignore_patterns("__pycache__"))
    change(copy)
    assert (source_digest(copy) == source_digest(ROOT / "timeline")) is same


@pytest.mark.parametrize(
    ("sizes", "tasks"),
    [
        pytest.param([1, 1, 1, 1, 1], ["ab", "cd", "e"], id="three-files-at-most"),
        pytest.param([4, 4, 1, 1], ["a", "bc", "d"], id="five-bytes-at-most"),
        pytest.param([9, 1, 1], ["a", "bc"], id="a-big-file-alone"),
        pytest.param([1, None, 1, 1], ["a", "!b", "cd"], id="unreadable-in-its-place"),
        pytest.param([None, None], ["!a", "!b"], id="only-unreadable"),
        pytest.param([], [], id="nothing"),
    ],
)
def test_tasks_group_files_in_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sizes: list[int | None], tasks: list[str]
) -> None:
    """Files of the given sizes (None: a folder, which the client cannot read) go in tasks of
    at most 2 files and 5 bytes; "!b": b extracted on the client, in its place."""
    monkeypatch.setattr(distributed, "FILES_PER_TASK", 2)
    monkeypatch.setattr(distributed, "TASK_BYTES", 5)
    jobs = []
    for name, size in zip("abcdefgh", sizes, strict=False):
        path = tmp_path / name
        if size is None:
            path.mkdir()
        else:
            path.write_bytes(b"x" * size)
        jobs.append(Job(str(path), -1, -1, None))

    def names(task: list[tuple[Job, bytes]] | FileExtract) -> str:
        if isinstance(task, FileExtract):
            return "!" + Path(task.path).name
        return "".join(Path(job.path).name for job, _ in task)

    assert [names(task) for task in _tasks(jobs)] == tasks
