"""Ingest extracts only what changed, in parallel or not, and survives being killed."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pandas as pd
import pytest

from timeline import ingest as ingest_module
from timeline.articles import load_articles
from timeline.events import extract_events
from timeline.ingest import ingest
from timeline.store import open_store

ROOT = Path(__file__).resolve().parents[1]
WEEKDAYS = ("Monday", "Tuesday", "Thursday", "Friday")


def write_corpus(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        day = 1 + number % 28
        (folder / f"story-{number:04d}.txt").write_text(
            f"date: 2017-02-{day:02d}\n\nStory no. {number}. Ministers met on "
            f"{WEEKDAYS[number % 4]}. In March 2016 the first talks failed. "
            "They will meet again next week, two days after the vote.\n"
        )
    return folder


def stored(db: Path) -> tuple[list[str], pd.DataFrame]:
    store = open_store(db)
    try:
        return [a.id for a in store.articles()], store.events().reset_index(drop=True)
    finally:
        store.close()


def expected_events(folder: Path) -> pd.DataFrame:
    frame = extract_events(load_articles([folder]).articles)
    return frame.sort_values(["article", "start"]).reset_index(drop=True)


def test_ingest_stores_what_extract_events_gives(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", 6)
    report = ingest([corpus], tmp_path / "db.sqlite")
    assert (report.files, report.extracted, report.articles) == (6, 6, 6)
    pd.testing.assert_frame_equal(stored(tmp_path / "db.sqlite")[1], expected_events(corpus))


@pytest.mark.parametrize(
    ("change", "extracted", "unchanged", "retouched"),
    [
        (lambda folder: None, 0, 6, 0),
        (
            lambda folder: (folder / "story-0001.txt").write_text(
                "date: 2017-02-22\n\nNew Monday."
            ),
            1,
            5,
            0,
        ),
        (lambda folder: os.utime(folder / "story-0002.txt", (1, 1)), 0, 5, 1),
        (lambda folder: write_corpus(folder / "more", 2), 2, 6, 0),
    ],
    ids=["nothing", "edited", "touched-same-bytes", "added"],
)
def test_a_second_ingest_reads_only_what_changed(
    tmp_path: Path, change: object, extracted: int, unchanged: int, retouched: int
) -> None:
    corpus = write_corpus(tmp_path / "corpus", 6)
    db = tmp_path / "db.sqlite"
    ingest([corpus], db)
    change(corpus)  # type: ignore[operator]
    report = ingest([corpus], db)
    assert (report.extracted, report.unchanged, report.retouched) == (
        extracted,
        unchanged,
        retouched,
    )
    pd.testing.assert_frame_equal(stored(db)[1], expected_events(corpus))


def test_a_new_extractor_version_extracts_everything_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = write_corpus(tmp_path / "corpus", 4)
    db = tmp_path / "db.sqlite"
    ingest([corpus], db)
    monkeypatch.setattr("timeline.store.EXTRACTOR_VERSION", "rules-changed")
    report = ingest([corpus], db)
    assert (report.extracted, report.unchanged, report.retouched) == (4, 0, 0)
    assert ingest([corpus], db).unchanged == 4


def test_a_reading_asked_for_reads_the_files_again_and_is_kept(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", 3)
    db = tmp_path / "db.sqlite"
    ingest([corpus], db)
    asked = ingest([corpus], db, reading="narrative")
    assert (asked.extracted, asked.unchanged) == (3, 0)
    assert ingest([corpus], db).unchanged == 3  # a later run (the dashboard's) keeps it
    store = open_store(db)
    readings = {(a.reading, a.reading_from) for a in store.articles()}
    store.close()
    assert readings == {("narrative", "asked")}
    assert ingest([corpus], db, reading="auto").extracted == 3


def test_a_limit_postpones_the_rest_to_the_next_run(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", 6)
    db = tmp_path / "db.sqlite"
    first = ingest([corpus], db, limit=4)
    assert (first.extracted, first.postponed, first.articles) == (4, 2, 4)
    assert stored(db)[0] == [f"story-{n:04d}" for n in range(4)]  # the first found
    assert not names_indexed(db)  # a first look does not wait for the index of names
    rest = ingest([corpus], db)
    assert (rest.extracted, rest.unchanged, rest.postponed) == (2, 4, 0)
    pd.testing.assert_frame_equal(stored(db)[1], expected_events(corpus))
    assert names_indexed(db)


def names_indexed(db: Path) -> bool:
    """Whether the store held an index of its names as they are now (it does afterwards)."""
    with closing(open_store(db)) as store:
        return not store.refresh_name_index()


def test_files_read_without_their_names_are_read_again_for_them(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for number in range(3):
        (corpus / f"story-{number}.txt").write_text(
            f"date: 2017-02-2{number}\n\nAngela Merkel met Emmanuel Macron in Berlin on Monday.\n"
        )
    db = tmp_path / "db.sqlite"
    assert ingest([corpus], db, names=False).extracted == 3
    assert name_rows(db) == 0
    assert ingest([corpus], db, names=False).unchanged == 3  # as they were read
    assert ingest([corpus], db).extracted == 3  # a first look is read again, with names
    found = name_rows(db)
    assert found > 0
    assert ingest([corpus], db, names=False).unchanged == 3  # names found are kept
    assert name_rows(db) == found


def name_rows(db: Path) -> int:
    with closing(open_store(db)) as store:
        return store.count("names")


def test_prune_forgets_deleted_files_and_keeps_others(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", 4)
    other = write_corpus(tmp_path / "other", 1)
    db = tmp_path / "db.sqlite"
    ingest([corpus, other], db)
    (corpus / "story-0003.txt").unlink()
    assert ingest([corpus], db).removed == 0  # without prune nothing is forgotten
    report = ingest([corpus], db, prune=True)
    assert report.removed == 1
    assert stored(db)[0] == ["story-0000", "story-0000-2", "story-0001", "story-0002"]


def test_bad_files_are_reported_every_time_and_good_ones_stored(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", 2)
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "broken.jsonl").write_text('{"text": "Talks on Monday."}\n{not json\n')
    db = tmp_path / "db.sqlite"
    for _ in range(2):
        report = ingest([corpus, tmp_path / "missing.txt"], db)
        named = sorted(Path(p.path).name for p in report.problems)
        assert named == ["broken.jsonl", "empty.txt", "missing.txt"]
        assert report.articles == 3


def test_two_workers_store_the_same_as_one(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", 12)
    ingest([corpus], tmp_path / "one.sqlite", workers=1)
    ingest([corpus], tmp_path / "two.sqlite", workers=2)
    one, two = stored(tmp_path / "one.sqlite"), stored(tmp_path / "two.sqlite")
    assert one[0] == two[0]
    pd.testing.assert_frame_equal(one[1], two[1])


def test_results_are_consumed_with_a_bounded_window(monkeypatch: pytest.MonkeyPatch) -> None:
    submitted: list[int] = []
    consumed: list[int] = []

    class Done:
        def __init__(self, value: int) -> None:
            self.value = value

        def result(self) -> int:
            consumed.append(self.value)
            assert len(submitted) - len(consumed) < 2 * ingest_module.IN_FLIGHT_PER_WORKER
            return self.value

    def submit(job: int) -> Done:
        submitted.append(job)
        return Done(job)

    results = list(ingest_module._bounded(list(range(50)), submit, 2))  # type: ignore[arg-type]
    assert results == list(range(50))


def test_cli_ingest_then_search(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", 3)
    db = tmp_path / "db.sqlite"
    run = [sys.executable, "-m", "timeline"]
    first = subprocess.run(
        [*run, "ingest", str(corpus), "--db", str(db)], capture_output=True, text=True, cwd=ROOT
    )
    assert first.returncode == 0, first.stderr
    assert "3 extracted" in first.stdout and "3 articles" in first.stdout
    found = subprocess.run(
        [*run, "search", "tuesday", "--db", str(db)], capture_output=True, text=True, cwd=ROOT
    )
    assert found.returncode == 0 and '"article": "story-0001"' in found.stdout
    assert '"article": "story-0002"' not in found.stdout


def committed_files(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=1) as connection:
            return int(connection.execute("SELECT count(*) FROM files").fetchone()[0])
    except sqlite3.Error:
        return 0


def ingest_under_way(corpus: Path, db: Path) -> subprocess.Popen[bytes]:
    """`ingest` with two workers in a process of its own, once it has committed 20 files."""
    command = [sys.executable, "-m", "timeline", "ingest", str(corpus), "--db", str(db)]
    process = subprocess.Popen(
        [*command, "--workers", "2"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 60
    while committed_files(db) < 20 and time.monotonic() < deadline:
        time.sleep(0.05)
    return process


def test_killed_ingest_resumes_to_the_same_store(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", 400)
    clean, resumed = tmp_path / "clean.sqlite", tmp_path / "resumed.sqlite"
    ingest([corpus], clean)
    process = ingest_under_way(corpus, resumed)
    process.send_signal(signal.SIGKILL)
    process.wait()
    killed_at = committed_files(resumed)
    assert 0 < killed_at < 400, "the kill must land mid-run for this test to mean anything"

    report = ingest([corpus], resumed)
    assert report.unchanged == killed_at and report.extracted == 400 - killed_at
    clean_ids, clean_events = stored(clean)
    resumed_ids, resumed_events = stored(resumed)
    assert resumed_ids == clean_ids
    pd.testing.assert_frame_equal(resumed_events, clean_events)
    assert not resumed_events["event_id"].duplicated().any()


def pool_workers(pid: int) -> list[int]:
    """The child processes of `pid` (Linux /proc)."""
    children = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        children += [int(child) for child in (task / "children").read_text().split()]
    return children


def running(pid: int) -> bool:
    """Whether the process exists and has not exited (a zombie waits only to be reaped)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "State:\tZ" not in status


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
def test_pool_workers_exit_when_the_ingest_is_killed(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", 2_000)
    db = tmp_path / "store.sqlite"
    process = ingest_under_way(corpus, db)
    workers = pool_workers(process.pid)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert len(workers) == 2 and committed_files(db) < 2_000
    deadline = time.monotonic() + 20
    while any(running(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = [pid for pid in workers if running(pid)]
    for pid in left:  # never leave them behind, even when the test fails
        os.kill(pid, signal.SIGKILL)
    assert left == []
