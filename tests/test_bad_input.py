"""A dirty archive: every bad file is named once with its problem, every good one still loads."""

from __future__ import annotations

import csv
import io
import json
import os
import random
import resource
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline import events as events_module
from timeline.articles import load_articles, read_upload
from timeline.events import SENTENCE_REACH, extract_events
from timeline.export import to_csv, to_json
from timeline.ingest import ingest
from timeline.search import SEARCH_MAX_WORDS, fts_query, search_words
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


# -- a hostile or unlucky folder, generated: each case stands for the class of inputs ---------


def run_cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """The command line as a user runs it: its own process, real stdout and stderr."""
    return subprocess.run(
        [sys.executable, "-m", "timeline", *args],
        capture_output=True,
        text=True,  # strict UTF-8: output a terminal cannot take fails the test
        cwd=ROOT,
        timeout=timeout,
    )


# Pieces of file names: bytes that are not UTF-8, controls that break or forge a line (newline,
# carriage return, terminal escapes, bidi override), Markdown and formula starts.
NAME_PIECES = [
    b"\xff",
    b"\xc3(",
    b"\x80\x81",
    b"\nforged.txt: all good\n",
    b"\r",
    b"\x1b[2K",
    "\u202e".encode(),
    "é".encode(),
    b"=1+2",
    b"[click](javascript:alert(1))",
    b" ",
]


def hostile_names(rng: random.Random, count: int) -> list[bytes]:
    names: set[bytes] = set()
    while len(names) < count:
        pieces = rng.sample(NAME_PIECES, rng.randint(1, 3))
        names.add(b"n%d" % len(names) + b"".join(pieces))
    return sorted(names)


def surrogate_text(rng: random.Random, words: int) -> str:
    """News-like text with lone surrogates (as JSON "\\udXXX" escapes decode) among the words."""
    vocabulary = ["Talks", "resumed", "on", "Monday", "March 3, 2017", "officials", "said"]
    chosen = [rng.choice(vocabulary) for _ in range(words)]
    for _ in range(rng.randint(1, 4)):
        chosen.insert(rng.randrange(len(chosen) + 1), chr(rng.randint(0xD800, 0xDFFF)))
    return " ".join(chosen) + "."


def is_utf8(name: bytes) -> bool:
    try:
        name.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def write_bytes_name(folder: Path, name: bytes, data: bytes) -> None:
    with open(os.path.join(os.fsencode(folder), name), "wb") as handle:
        handle.write(data)


@pytest.fixture(scope="module")
def hostile_folder(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int, int]:
    """Good articles under hostile names, records with lone surrogates, and empty files under
    hostile names (each must be one problem line). Returns the folder, the number of files
    that load and the number that are refused."""
    rng = random.Random(14)
    folder = tmp_path_factory.mktemp("hostile-names")
    names = hostile_names(rng, 12)
    good, refused = names[:8], names[8:]
    for number, name in enumerate(good):
        if number % 2:
            records = [{"text": surrogate_text(rng, 12), "title": surrogate_text(rng, 3)}]
            lines = "\n".join(json.dumps(record) for record in records)  # "\udXXX" escapes
            write_bytes_name(folder, name + b".jsonl", lines.encode())
        else:
            write_bytes_name(folder, name + b".txt", b" date 2017-02-22 Talks on Monday.")
    for name in refused:
        write_bytes_name(folder, name + b".txt", b"")
    return folder, len(good), len(refused)


def test_events_survive_hostile_names_and_lone_surrogates(
    hostile_folder: tuple[Path, int, int],
) -> None:
    folder, good, refused = hostile_folder
    run = run_cli("events", str(folder))
    assert run.returncode == 1 and "Traceback" not in run.stderr
    rows = [json.loads(line) for line in run.stdout.splitlines()]
    assert len({row["article"] for row in rows}) == good
    for row in rows:
        assert row["sentence"].encode("utf-8") and row["article"].isprintable()
    lines = run.stderr.splitlines()
    assert len(lines) == refused  # one line a file: no name can forge a second
    assert all(line.startswith(f"{folder}/n") and line.endswith(": empty file") for line in lines)


def test_ingest_and_search_survive_hostile_names_and_lone_surrogates(
    hostile_folder: tuple[Path, int, int], tmp_path: Path
) -> None:
    folder, good, refused = hostile_folder
    db = str(tmp_path / "store.sqlite")
    first = run_cli("ingest", str(folder), "--db", db)
    assert first.returncode == 1 and "Traceback" not in first.stderr
    assert (
        f"{good + refused} extracted" in first.stdout and f"holds {good} articles" in first.stdout
    )
    assert len(first.stderr.splitlines()) == refused
    again = run_cli("ingest", str(folder), "--db", db)
    assert f"{good + refused} unchanged" in again.stdout  # the names round-trip through the store
    found = run_cli("search", "monday", "--db", db)
    assert found.returncode == 0 and len(found.stdout.splitlines()) >= good
    weird = [name for name in os.listdir(os.fsencode(folder)) if not is_utf8(name)]
    os.unlink(os.path.join(os.fsencode(folder), weird[0]))
    pruned = run_cli("ingest", str(folder), "--db", db, "--prune")
    assert "1 removed" in pruned.stdout


surrogate = st.integers(0xD800, 0xDFFF).map(chr)
with_surrogates = st.lists(st.one_of(surrogate, st.text(max_size=8)), min_size=1, max_size=12).map(
    "".join
)


@settings(max_examples=60, deadline=None)
@given(text=with_surrogates, title=with_surrogates, source=with_surrogates)
def test_lone_surrogates_in_a_record_load_as_valid_unicode_of_the_same_length(
    text: str, title: str, source: str
) -> None:
    record = {"text": f"Talks on Monday, March 3, 2017 {text}", "title": title, "source": source}
    data = json.dumps(record)  # "\udXXX" escapes; JSON joins a high and a low one into a pair
    result = read_upload("probe.json", data.encode())
    [article] = result.articles
    assert [problem for problem in result.problems if problem.skipped] == []
    for value in (article.text, article.title, article.source, article.id):
        value.encode("utf-8")
    decoded = json.loads(data)["text"]
    assert len(article.text) == len(decoded.replace("\r\n", "\n").replace("\r", "\n"))
    frame = extract_events(result.articles)  # Arrow-backed strings: fails on a surrogate
    assert len(frame) >= 1
    to_csv(frame).encode("utf-8")
    to_json(frame).encode("utf-8")


def alias_bomb(levels: int, width: int, field: str) -> str:
    """Front matter whose every anchor lists the previous one `width` times: a few hundred
    bytes that expand to width ** levels items."""
    lines = ["---", f"a0: &a0 [{', '.join(['lol'] * width)}]"]
    for level in range(1, levels):
        lines.append(f"a{level}: &a{level} [{', '.join([f'*a{level - 1}'] * width)}]")
    lines += [f"{field}: *a{levels - 1}", "---", "Talks resumed on Monday, March 6, 2017."]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("seed", range(4))
def test_yaml_aliases_in_front_matter_are_refused_not_expanded(seed: int) -> None:
    rng = random.Random(seed)
    levels, width = rng.randint(9, 14), rng.randint(8, 12)  # 8**9 at least: gigabytes expanded
    field = rng.choice(["date", "title", "source", "tags"])
    result = read_upload("bomb.md", alias_bomb(levels, width, field).encode())
    [article] = result.articles
    assert article.text.startswith("---")  # the block is kept as text, never expanded
    [notice] = result.problems
    assert "YAML alias" in notice.message and not notice.skipped and len(notice.message) < 200


@pytest.mark.parametrize(
    "value",
    [
        [[[["x"] * 30] * 30] * 30] * 30,  # 810,000 strings if written out
        "\x1b[2J" + "9" * 1_000_000,
        {"nested": {"deeper": list(range(100_000))}},
    ],
    ids=["wide-nest", "long-string", "mapping"],
)
def test_a_problem_quotes_a_bounded_piece_of_any_declared_value(value: object) -> None:
    record = json.dumps({"text": "Talks on Monday.", "published": value})
    [problem] = read_upload("probe.json", record.encode()).problems
    assert "malformed date" in problem.message and len(problem.message) < 120
    assert problem.message.isprintable()


@pytest.mark.parametrize("seed", range(3))
def test_a_jsonl_line_nested_too_deep_is_skipped_alone(seed: int) -> None:
    rng = random.Random(seed)
    lines, bad = [], []
    for number in range(1, 9):
        if rng.random() < 0.4:
            depth = rng.randint(5_000, 200_000)
            opening, closing = rng.choice([("[", "]"), ('{"a":', "}")])
            lines.append(opening * depth + "1" + closing * depth)
            bad.append(number)
        else:
            lines.append(json.dumps({"text": f"Talks {number} resumed on Monday."}))
    result = read_upload("deep.jsonl", "\n".join(lines).encode())
    assert len(result.articles) == 8 - len(bad)
    assert [p.message for p in result.problems] == [
        f"line {number}: invalid JSON (nested too deeply)" for number in bad
    ]


def endless_sentence(rng: random.Random, words: int) -> str:
    """A text with no sentence end: words and dates, no terminal (a table, a transcript)."""
    vocabulary = "the council met and said that talks would resume with officials".split()
    dates = ["on Monday", "March 3, 2017", "last week", "in 2016"]
    return " ".join(
        rng.choice(dates) if rng.random() < 0.05 else rng.choice(vocabulary) for _ in range(words)
    )


@pytest.mark.parametrize("words", [2_000, 20_000])
def test_a_row_carries_a_bounded_piece_of_an_endless_sentence(
    words: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = random.Random(words)
    text = endless_sentence(rng, words)
    cells = "".join(f"<td>{rng.choice(['Monday', 'Tuesday', 'x'])}</td>" for _ in range(900))
    labelled: list[int] = []
    real_label = events_module.label_event

    def measured(sentence: str, start: int, end: int) -> str:
        labelled.append(len(sentence))
        return real_label(sentence, start, end)

    monkeypatch.setattr(events_module, "label_event", measured)
    articles = [
        *read_upload("endless.txt", f" date 2017-02-22 {text}".encode()).articles,
        *read_upload(
            "table.html", f"<html><body><table><tr>{cells}</tr></table>".encode()
        ).articles,
    ]
    frame = extract_events(articles)
    assert len(frame) > words // 40
    texts = {article.id: article.text for article in articles}
    bound = 2 * SENTENCE_REACH + frame["text"].str.len().max()
    for row in frame.itertuples():
        assert texts[row.article][row.sentence_start : row.sentence_end] == row.sentence
        assert row.sentence_start <= row.start < row.end <= row.sentence_end
        assert len(row.sentence) <= bound
    assert max(labelled) <= bound  # the work per event does not grow with the sentence


def test_csv_defuses_formulas_in_every_text_cell() -> None:
    rng = random.Random(6)
    starts = ["=", "+", "-", "@", "\t", "\r"]
    articles = [
        *read_upload(f"{rng.choice(starts)}1+2.txt", b" date 2017-02-22 Talks on Monday.").articles,
        *read_upload(
            "x.json",
            json.dumps(
                {"text": "Talks on Monday.", "title": "=HYPERLINK(1)", "source": "@SUM(1)"}
            ).encode(),
        ).articles,
    ]
    frame = extract_events(articles)
    frame["extra"] = [rng.choice(starts) + "cmd" for _ in range(len(frame))]
    cells = [cell for row in csv.reader(io.StringIO(to_csv(frame))) for cell in row]
    assert cells and not [cell for cell in cells if cell.startswith(tuple(starts))]


def news_corpus(folder: Path, count: int, rng: random.Random) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        day = rng.randint(1, 28)
        weekday = rng.choice(["Monday", "Tuesday", "Friday"])
        (folder / f"story-{number:03d}.txt").write_text(
            f"date: 2017-02-{day:02d}\n\nStory {number}: ministers met on {weekday}. "
            "Talks began in March 2016 and resume next week.\n"
        )
    return folder


def test_a_file_unreadable_at_its_first_ingest_is_read_once_it_can_be(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = random.Random(7)
    corpus = news_corpus(tmp_path / "corpus", 12, rng)
    denied = {str(path) for path in rng.sample(sorted(corpus.iterdir()), 5)}
    real_open = os.open

    def open_denied(path: Any, *args: Any, **kwargs: Any) -> int:
        if os.fspath(path) in denied:  # as a file with mode 000 to a user who is not root
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_open(path, *args, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(os, "open", open_denied)
        first = ingest([corpus], tmp_path / "store.sqlite")
    assert sorted(p.path for p in first.problems) == sorted(denied)
    assert all("Permission denied" in p.message for p in first.problems)
    assert first.articles == 12 - len(denied)
    again = ingest([corpus], tmp_path / "store.sqlite")  # same size and mtime: readable now
    assert (again.extracted, again.unchanged, again.articles) == (len(denied), 12 - 5, 12)
    assert again.problems == []


@pytest.mark.parametrize("kind", ["fifo", "device", "sparse-25MB", "folder"])
def test_tag_reads_under_the_loaders_limits(kind: str, tmp_path: Path) -> None:
    path = tmp_path / "input.txt"
    if kind == "fifo":
        os.mkfifo(path)  # a reader of a FIFO waits for a writer forever
    elif kind == "device":
        path = Path("/dev/zero")  # never ends
    elif kind == "sparse-25MB":
        with path.open("wb") as handle:
            handle.truncate(25 * 1024 * 1024)
    else:
        path.mkdir()
    run = run_cli("tag", "--dct", "2017-02-22", str(path), timeout=60)
    assert run.returncode == 1 and run.stdout == ""
    [line] = run.stderr.splitlines()
    assert line.startswith(f"{path}: ")
    assert ("too large" if kind == "sparse-25MB" else "not a regular file") in line


def damage(store: Path, rng: random.Random) -> None:
    """Overwrite pages inside the file with random bytes, the header page left intact."""
    with sqlite3.connect(store) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
        size = connection.execute("PRAGMA page_size").fetchone()[0]
    connection.close()
    first = rng.randint(2, pages // 2)
    with store.open("r+b") as handle:
        for page in range(first, pages):
            handle.seek(page * size)
            handle.write(rng.randbytes(size))


@pytest.mark.parametrize("seed", range(3))
def test_a_store_damaged_inside_is_named_by_every_command(seed: int, tmp_path: Path) -> None:
    rng = random.Random(seed)
    db = tmp_path / "store.sqlite"
    corpus = news_corpus(tmp_path / "corpus", 80, rng)
    assert run_cli("ingest", str(corpus), "--db", str(db)).returncode == 0
    damage(db, rng)
    for command in (
        ("ingest", str(corpus), "--db", str(db)),
        ("search", "ministers", "--db", str(db)),
        ("search", "", "--db", str(db)),
    ):
        run = run_cli(*command)
        assert "Traceback" not in run.stderr, command
        if command[0] == "ingest" or run.returncode:
            assert run.returncode == 1
            [line] = run.stderr.splitlines()
            assert line.startswith(f"{db}: ") and ("damaged" in line or "not a timeline" in line)


@pytest.mark.parametrize("where", ["folder", "under-a-file", "another-app", "empty-db"])
def test_db_that_is_not_a_store_is_refused_and_left_as_it_is(where: str, tmp_path: Path) -> None:
    corpus = news_corpus(tmp_path / "corpus", 2, random.Random(1))
    db = tmp_path / "db"
    if where == "folder":
        db.mkdir()
    elif where == "under-a-file":
        db.write_text("a file")
        db = db / "store.sqlite"
    else:
        with closing(sqlite3.connect(db)) as other:
            if where == "another-app":
                other.execute("CREATE TABLE notes (body TEXT)")
                other.execute("INSERT INTO notes VALUES ('keep me')")
            other.commit()
    before = sorted(os.listdir(tmp_path)), _bytes(db)
    commands = [("search", "x", "--db", str(db))]
    if where != "empty-db":  # ingest makes a store of an empty database, which is no loss
        commands.append(("ingest", str(corpus), "--db", str(db)))
    for command in commands:
        run = run_cli(*command)
        assert run.returncode == 1 and "Traceback" not in run.stderr, command
        [line] = run.stderr.splitlines()
        assert line.startswith(f"{db}: ")
        assert (sorted(os.listdir(tmp_path)), _bytes(db)) == before  # no table, no WAL, no file


def _bytes(path: Path) -> bytes | None:
    return path.read_bytes() if path.is_file() else None


def test_search_makes_no_file_or_folder(tmp_path: Path) -> None:
    db = tmp_path / "missing" / "deeper" / "store.sqlite"
    run = run_cli("search", "talks", "--db", str(db))
    assert run.returncode == 1 and run.stderr == f"{db}: no store there\n"
    assert list(tmp_path.iterdir()) == []


def full_disk(limit: int) -> Callable[[], None]:
    def apply() -> None:  # in the child: writes past `limit` bytes fail as on a full disk
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def test_a_full_disk_during_ingest_is_named_not_a_traceback(tmp_path: Path) -> None:
    corpus = news_corpus(tmp_path / "corpus", 300, random.Random(2))
    db = tmp_path / "store.sqlite"
    run = subprocess.run(
        [sys.executable, "-m", "timeline", "ingest", str(corpus), "--db", str(db)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        preexec_fn=full_disk(200_000),
        timeout=120,
    )
    assert run.returncode == 1 and "Traceback" not in run.stderr
    [line] = run.stderr.splitlines()
    assert line.startswith(f"{db}: ")
    report = ingest([corpus], db)  # room again: the run resumes
    assert report.articles == 300


def test_a_long_query_searches_for_its_first_words(tmp_path: Path) -> None:
    rng = random.Random(10)
    corpus = news_corpus(tmp_path / "corpus", 20, rng)
    db = tmp_path / "store.sqlite"
    ingest([corpus], db)
    vocabulary = "talks began in march and resume next week".split()  # one sentence's words
    query = " ".join(rng.choice(vocabulary) for _ in range(5_000))
    assert len(search_words(query)) <= SEARCH_MAX_WORDS
    assert len(fts_query(query).split()) <= SEARCH_MAX_WORDS
    with closing(open_store(db)) as store:
        found = store.events(query=query)
        assert found.equals(store.events(query=" ".join(search_words(query))))
        assert len(found)
    run = run_cli("search", query, "--db", str(db))
    assert run.returncode == 0 and run.stdout.count("\n") == len(found)
    assert run.stderr.startswith("searching for these words only")


def test_events_into_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    corpus = news_corpus(tmp_path / "corpus", 200, random.Random(3))
    process = subprocess.Popen(
        [sys.executable, "-m", "timeline", "events", str(corpus)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    assert process.stdout is not None and process.stderr is not None
    assert json.loads(process.stdout.readline())  # `| head -1`
    process.stdout.close()
    errors = process.stderr.read()
    assert process.wait(timeout=120) == 141  # 128 + SIGPIPE, as a shell reports a cut pipe
    assert errors == b""
