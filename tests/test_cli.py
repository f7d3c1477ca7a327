"""The command line as other tools use it: `tag` and `events`, their output and exit codes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from timeline.__main__ import main
from timeline.store import open_store

DATA = Path(__file__).parents[1] / "data"


def run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_tag_prints_offsets_into_the_file_as_is(tmp_path: Path) -> None:
    text = " date 2017-02-22 Videgaray vowed Wednesday to meet them Thursday.\n"
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    code, out, err = run(["tag", "--dct", "2017-02-22", str(path)])
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and err == ""
    for record in records:
        assert set(record) == {"start", "end", "text", "type", "value"}
        assert text[record["start"] : record["end"]] == record["text"]
    values = {record["text"]: record["value"] for record in records}
    assert values["Wednesday"] == "2017-02-22"
    assert values["Thursday"] == "2017-02-23"


def test_tag_unreadable_file_is_one_line_on_stderr(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(b"\xff\xfe\x00\x00\xc3")
    code, out, err = run(["tag", "--dct", "2017-02-22", str(path)])
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and str(path) in err


def test_tag_missing_dct_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exit_info:
        run(["tag", str(tmp_path / "a.txt")])
    assert exit_info.value.code == 2


def test_events_jsonl_on_the_samples() -> None:
    code, out, err = run(["events", str(DATA)])
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and err == ""
    assert {"article", "published", "published_from", "date_start", "event", "sentence"} <= set(
        records[0]
    )
    assert {record["published"] for record in records} == {"2017-02-22"}
    assert all(
        record["date_start"] is None or len(record["date_start"]) == 10 for record in records
    )


def test_events_csv_has_iso_dates() -> None:
    code, out, _ = run(["events", str(DATA), "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and rows
    assert {row["published"] for row in rows} == {"2017-02-22"}


def test_events_partial_run_names_the_bad_file_and_keeps_the_rest(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(" date 2017-02-22 They met on Monday.", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    code, out, err = run(["events", str(tmp_path)])
    assert code == 1
    assert [json.loads(line)["text"] for line in out.splitlines()] == ["Monday"]
    assert "empty.txt" in err and "binary.txt" in err
    assert "Traceback" not in err


def test_events_merge_joins_the_shared_thursday_meeting() -> None:
    code, out, _ = run(["events", str(DATA), "--merge"])
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    (meeting,) = [record for record in records if record["value"] == "2017-02-23"]
    assert meeting["count"] == 2 and len(meeting["sources"]) == 2
    assert {mention["text"] for mention in meeting["mentions"]} == {"Thursday"}
    wednesdays = [
        record
        for record in records
        if record["value"] == "2017-02-22" and record["text"] == "Wednesday"
    ]
    assert [record["count"] for record in wednesdays] == [1, 1]


@pytest.mark.parametrize(
    ("data", "code", "note"),
    [
        ("“Talks” resume on Monday.".encode("cp1252"), 0, "decoded as cp1252"),
        (b" date 2017-13-45 Talks resume on Monday.", 0, "malformed header date"),
        (b"", 1, "empty file"),
    ],
    ids=["decoding-notice", "header-date-notice", "refused"],
)
def test_events_exits_1_only_when_something_was_left_out(
    tmp_path: Path, data: bytes, code: int, note: str
) -> None:
    (tmp_path / "a.txt").write_bytes(data)
    exit_code, _, err = run(["events", str(tmp_path)])
    assert (exit_code, err.count("\n")) == (code, 1) and note in err


KEY_EVENT_FIELDS = {
    "date_start",
    "date_end",
    "granularity",
    "value",
    "label",
    "articles",
    "sources",
    "event_ids",
}


def test_key_events_jsonl_most_told_first() -> None:
    code, out, err = run(["key-events", str(DATA), "--top", "3"])
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and err == "" and len(records) == 3
    assert all(KEY_EVENT_FIELDS <= set(record) for record in records)
    first = records[0]
    assert (first["date_start"], first["articles"], len(first["sources"])) == ("2017-02-23", 2, 2)
    assert len(first["event_ids"]) == 2 and first["label"]
    assert [record["articles"] for record in records] == sorted(
        (record["articles"] for record in records), reverse=True
    )


def test_key_events_csv_and_store_agree_with_memory(tmp_path: Path) -> None:
    code, in_memory, _ = run(["key-events", str(DATA), "--format", "csv"])
    assert code == 0
    db = tmp_path / "store.sqlite"
    code, from_store, _ = run(["key-events", str(DATA), "--format", "csv", "--db", str(db)])
    assert code == 0 and db.exists()
    rows = list(csv.DictReader(io.StringIO(from_store)))
    assert KEY_EVENT_FIELDS <= set(rows[0]) and rows[0]["articles"] == "2"
    assert from_store == in_memory


def test_events_merge_reads_the_stored_groups(tmp_path: Path) -> None:
    db = tmp_path / "store.sqlite"
    code, out, _ = run(["events", str(DATA), "--merge", "--db", str(db)])
    assert code == 0
    with_store = [json.loads(line) for line in out.splitlines()]
    _, out, _ = run(["events", str(DATA), "--merge"])
    assert with_store == [json.loads(line) for line in out.splitlines()]
    other = tmp_path / "other"
    other.mkdir()
    (other / "a.txt").write_text(" date 2017-02-22 Parliament met on Monday.", encoding="utf-8")
    code, out, _ = run(["events", str(other), "--db", str(db)])  # the same store, other files
    assert code == 0 and [json.loads(line)["text"] for line in out.splitlines()] == ["Monday"]


def test_evaluate_key_events_scores_each_set(tmp_path: Path) -> None:
    sets = Path(__file__).parents[1].parent / "shared" / "corpora" / "semeval2015-timeline"
    if not sets.is_dir():
        pytest.skip("../shared/corpora/semeval2015-timeline is not beside the repo")
    code, out, _ = run(["evaluate-key-events", str(sets / "apple")])
    assert code == 0 and out.splitlines()[1].startswith("apple")
    code, out, _ = run(["evaluate-key-events", str(tmp_path)])
    assert code == 1 and "no texts" in out


@pytest.mark.parametrize("top", ["0", "-3", "many"])
def test_key_events_top_must_be_a_positive_number(top: str) -> None:
    with pytest.raises(SystemExit) as exit_info:
        run(["key-events", str(DATA), "--top", top])
    assert exit_info.value.code == 2


# --- names (issue 17) ---------------------------------------------------------------------------


def test_names_lists_the_most_mentioned_first_with_aliases() -> None:
    code, out, err = run(["names", str(DATA), "--top", "5"])
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and err == "" and len(records) == 5
    assert set(records[0]) == {"name", "kind", "aliases", "articles", "mentions"}
    mentions = [record["mentions"] for record in records]
    assert mentions == sorted(mentions, reverse=True)
    kelly = run(["names", str(DATA)])[1]
    assert any(
        json.loads(line)["aliases"] == ["Kelly"] and json.loads(line)["kind"] == "person"
        for line in kelly.splitlines()
        if json.loads(line)["name"] == "John Kelly"
    )


def test_names_csv_and_the_store_agree(tmp_path: Path) -> None:
    code, plain, _ = run(["names", str(DATA), "--format", "csv"])
    code_db, stored, _ = run(
        ["names", str(DATA), "--format", "csv", "--db", str(tmp_path / "s.sqlite")]
    )
    assert code == code_db == 0
    assert plain == stored and plain.startswith("name,kind,aliases,articles,mentions\n")


def test_events_of_a_name_by_any_alias_and_case() -> None:
    code, out, err = run(["events", str(DATA), "--entity", "KELLY"])
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and err == "" and records
    assert {"anchor", "event_id", "sentence", "date_start"} <= set(records[0])
    assert {r["anchor"] for r in records} <= {
        "in sentence",
        "earlier in article",
        "publication",
        "unanchored",
    }
    for record in records:
        if record["anchor"] != "in sentence":  # the row sits on the name in its sentence
            assert "Kelly" in record["text"] and "Kelly" in record["sentence"]


def test_events_of_an_unknown_name_is_empty_with_a_note() -> None:
    code, out, err = run(["events", str(DATA), "--entity", "Qantas", "--format", "csv"])
    assert code == 0 and out.startswith("event_id,") and out.count("\n") == 1
    assert "Qantas" in err


def test_evaluate_entities_prints_the_table(tmp_path: Path) -> None:
    from tests.test_scoring_entities import write_set

    gold, texts = write_set(tmp_path)
    code, out, err = run(["evaluate-entities", str(gold), str(texts)])
    assert code == 0 and err == ""
    assert out.splitlines()[1].startswith("Ryanair") and "all (micro)" in out


def test_evaluate_entities_lists_date_errors_before_the_table(tmp_path: Path) -> None:
    from tests.test_scoring_entities import write_set

    gold, texts = write_set(tmp_path)
    code, out, err = run(["evaluate-entities", str(gold), str(texts), "--date-errors"])
    assert code == 0 and err == ""
    assert out.startswith("== Ryanair: gold dates 2, ours ") and "all (micro)" in out


def test_events_of_a_name_do_not_merge() -> None:
    code, out, err = run(["events", str(DATA), "--entity", "Kelly", "--merge"])
    assert code == 2 and out == "" and "--merge" in err


HISTORY = (
    " date 2009-12-19 The war began in 1914; 1915, 1916 and 1917 were worse. It ended in 1918. "
    "In June the treaty was signed.\n"
)


@pytest.mark.parametrize(
    ("reading", "june"),
    [("auto", "1918-06"), ("narrative", "1918-06"), ("news", "2009-06")],
)
def test_tag_and_events_read_as_asked(tmp_path: Path, reading: str, june: str) -> None:
    path = tmp_path / "war.txt"
    path.write_text(HISTORY, encoding="utf-8")
    tagged = run(["tag", "--dct", "2009-12-19", "--reading", reading, str(path)])[1]
    listed = run(["events", "--reading", reading, str(path)])[1]
    for out in (tagged, listed):
        values = {r["text"]: r["value"] for r in map(json.loads, out.splitlines())}
        assert values["June"] == june


def test_ingest_records_the_reading_asked_for(tmp_path: Path) -> None:
    (tmp_path / "war.txt").write_text(HISTORY, encoding="utf-8")
    db = tmp_path / "store.sqlite"
    assert run(["ingest", str(tmp_path), "--db", str(db), "--reading", "news"])[0] == 0
    store = open_store(db)
    [article] = store.articles()
    june = store.events(query="June")["value"].tolist()
    store.close()
    assert (article.reading, article.reading_from, june) == ("news", "asked", ["2009-06"])


def test_an_unknown_reading_is_a_usage_error() -> None:
    with pytest.raises(SystemExit) as exit_info:
        run(["evaluate", "x", "--reading", "poetry"])
    assert exit_info.value.code == 2
