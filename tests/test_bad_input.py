"""A dirty archive: every bad file is named once with its problem, every good one still loads."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from timeline.articles import load_articles
from timeline.events import extract_events
from timeline.ingest import ingest
from timeline.store import open_store

ROOT = Path(__file__).resolve().parents[1]
SMART = "“Talks resume on Monday,” the minister’s aide said — February 22, 2017."
MANY_DATES = " ".join(f"On March {1 + i % 28}, {1900 + i % 200} it rained." for i in range(10_000))
HUGE_BYTES = 50 * 1024 * 1024

# file name, bytes, loaded?, the problem line it must get (None: no problem)
CASES: list[tuple[str, bytes, bool, str | None]] = [
    ("good-1.txt", b" date 2017-02-22 Ministers met on Monday.", True, None),
    ("good-2.md", b"---\ndate: 2017-02-22\n---\n# Talks\n\nThey meet Thursday.", True, None),
    ("binary.txt", random.Random(7).randbytes(4096) + b"\x00", False, "not a text file"),
    ("empty.txt", b"", False, "empty file"),
    ("latin1.txt", "Café talks in Zürich on March 3, 2017.".encode("latin-1"), True, "decoded as"),
    ("cp1252.txt", SMART.encode("cp1252"), True, "decoded as cp1252"),
    ("utf16-bom.txt", SMART.encode("utf-16"), True, None),
    ("crlf.txt", b" date 2017-02-22 Talks resume.\r\nThey met on Monday.\r\n", True, None),
    (
        "controls.txt",
        "Talks\u200b resume\x07 on Monday,\u202e February 20, 2017.".encode(),
        True,
        None,
    ),
    (
        "hostile.html",
        b"<html><head><title>Evil</title><script>alert(1)</script></head><body><p>He said "
        b"<img src=x onerror=alert(1)> the talks on Thursday, February 23, 2017 would be "
        b"hard.</p></body></html>",
        True,
        None,
    ),
    (
        "broken.jsonl",
        b'{"text": "Talks on Monday, February 20, 2017.", "published": "2017-02-22"}\n{not json\n',
        True,
        "line 2: invalid JSON",
    ),
    ("missing.json", json.dumps({"title": "No text"}).encode(), False, "missing field 'text'"),
    ("bad-header.txt", b" date 2017-13-45 Talks on Monday.", True, "malformed header date"),
    ("basic-header.txt", b" date 20170222 Talks resume on Monday.", True, None),
    ("years.txt", b" date 2017-02-22 In year 0, in 9999, in -44 and in 44 BC.", True, None),
    ("no-dates.txt", b"Nothing here is dated at all.", True, None),
    ("many-dates.txt", f" date 2017-02-22 {MANY_DATES}".encode(), True, None),
]


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("archive")
    for name, data, _, _ in CASES:
        (folder / name).write_bytes(data)
    with (folder / "huge.txt").open("wb") as huge:
        huge.truncate(HUGE_BYTES)  # sparse: costs no disk, and must never be read whole
    return folder


def expected_problems() -> dict[str, str]:
    problems = {name: problem for name, _, _, problem in CASES if problem}
    return {**problems, "huge.txt": "too large (50 MB; the limit is 20 MB)"}


def test_each_bad_file_gets_one_problem_and_every_good_one_loads(archive: Path) -> None:
    loaded = load_articles([archive])
    named = [Path(problem.path).name for problem in loaded.problems]
    assert sorted(named) == sorted(expected_problems())
    for problem in loaded.problems:
        assert expected_problems()[Path(problem.path).name] in problem.message
    stems = {Path(article.path).name for article in loaded.articles}
    assert stems == {name for name, _, ok, _ in CASES if ok}


def test_offsets_of_every_event_are_valid(archive: Path) -> None:
    articles = load_articles([archive]).articles
    events = extract_events(articles)
    texts = {article.id: article.text for article in articles}
    for row in events.itertuples():
        text = texts[row.article]
        assert text[row.start : row.end] == row.text
        assert text[row.sentence_start : row.sentence_end] == row.sentence
    assert (events["article"] == "many-dates").sum() >= 10_000
    hostile = next(a for a in articles if a.id == "hostile")
    assert "alert" not in hostile.text and "onerror" not in hostile.text


def test_the_cli_names_each_bad_file_once_on_stderr(archive: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "timeline", "events", str(archive)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert run.returncode == 1 and "Traceback" not in run.stderr
    lines = run.stderr.splitlines()
    for name, problem in expected_problems().items():
        [line] = [line for line in lines if Path(line.split(": ", 1)[0]).name == name]
        assert problem in line
    articles = {json.loads(line)["article"] for line in run.stdout.splitlines()}
    assert {"good-1", "good-2", "cp1252", "hostile", "many-dates"} <= articles


def test_ingest_stores_the_good_files_and_remembers_the_bad(archive: Path, tmp_path: Path) -> None:
    report = ingest([archive], tmp_path / "store.sqlite")
    assert sorted(Path(p.path).name for p in report.problems) == sorted(expected_problems())
    store = open_store(tmp_path / "store.sqlite")
    try:
        stored = {Path(article.path).name for article in store.articles()}
    finally:
        store.close()
    assert stored == {name for name, _, ok, _ in CASES if ok}
