"""Exports: CSV and JSON round-trip the rows; TimelineJS follows Knight Lab's format."""

from __future__ import annotations

import io
import json

import pandas as pd

from tests.fixtures import EVENT_COLUMNS, sample_events
from timeline.export import to_csv, to_json, to_timelinejs


def test_csv_has_every_column_and_iso_dates() -> None:
    frame = pd.read_csv(io.StringIO(to_csv(sample_events())))
    assert tuple(frame.columns) == EVENT_COLUMNS
    assert frame["date_start"].tolist()[:3] == ["2017-02-22", "2017-02-22", "2017-03-01"]
    assert sorted(frame["event_id"]) == sorted(sample_events()["event_id"])


def test_exports_come_in_date_order_unless_asked_to_keep_it() -> None:
    backwards = sample_events().iloc[::-1]
    in_date_order = ["b2:34", "a1:34", "a1:119", "a1:159"]  # days, the month, then vague
    frame = pd.read_csv(io.StringIO(to_csv(backwards)))
    assert frame["event_id"].tolist() == in_date_order
    assert [record["event_id"] for record in json.loads(to_json(backwards))] == in_date_order
    slides = json.loads(to_timelinejs(backwards))["events"]
    assert [slide["unique_id"] for slide in slides] == in_date_order[:3]
    kept = pd.read_csv(io.StringIO(to_csv(backwards, chronological=False)))
    assert kept["event_id"].tolist() == backwards["event_id"].tolist()


def test_csv_defuses_spreadsheet_formulas() -> None:
    events = sample_events()
    events.loc[0, "event"] = "=cmd|' /C calc'!A0"
    frame = pd.read_csv(io.StringIO(to_csv(events)))
    assert frame.loc[0, "event"].startswith("'=")


def test_json_round_trips_rows_with_nulls() -> None:
    events = sample_events()
    events.loc[0, ["date_start", "date_end"]] = pd.NaT
    records = {record["event_id"]: record for record in json.loads(to_json(events))}
    assert len(records) == len(events)
    first, second = events["event_id"].iloc[0], events["event_id"].iloc[1]
    assert records[first]["date_start"] is None
    assert records[second]["date_end"] == "2017-03-31"
    assert records[second]["start"] == events.loc[1, "start"]
    assert list(records[first]) == list(EVENT_COLUMNS)


def test_json_of_no_events_is_an_empty_list() -> None:
    assert json.loads(to_json(sample_events().head(0))) == []


def test_timelinejs_document_shape() -> None:
    document = json.loads(to_timelinejs(sample_events(), title="Mexico <talks>"))
    assert document["title"]["text"]["headline"] == "Mexico &lt;talks&gt;"
    slides = document["events"]
    assert len(slides) == 3  # the vague "recently" has no date to stand on
    day, other, month = slides  # in date order
    assert day["start_date"] == {"year": 2017, "month": 2, "day": 22}
    assert "end_date" not in day
    assert month["start_date"] == {"year": 2017, "month": 3}
    assert "end_date" not in month  # one month: start and end are the same month
    assert other["group"] == "Daily <Planet>"
    assert day["unique_id"] == sample_events()["event_id"].iloc[0]


def test_timelinejs_text_is_escaped_and_marked() -> None:
    slide = json.loads(to_timelinejs(sample_events()))["events"][0]
    assert "<mark>Wednesday</mark>" in slide["text"]["text"]
    assert "&lt;b&gt;unilateral" in slide["text"]["text"]
    assert slide["text"]["headline"] == "label for Wednesday"


def test_timelinejs_year_and_range_precision() -> None:
    events = sample_events().head(2).copy()
    events.loc[0, ["granularity", "date_start", "date_end"]] = [
        "year",
        pd.Timestamp("2016-01-01"),
        pd.Timestamp("2016-12-31"),
    ]
    events.loc[1, ["granularity", "date_start", "date_end"]] = [
        "quarter",
        pd.Timestamp("2017-01-01"),
        pd.Timestamp("2017-03-31"),
    ]
    year, quarter = json.loads(to_timelinejs(events))["events"]
    assert year["start_date"] == {"year": 2016} and "end_date" not in year
    assert quarter["start_date"] == {"year": 2017, "month": 1}
    assert quarter["end_date"] == {"year": 2017, "month": 3}


def merged_events() -> pd.DataFrame:
    from pathlib import Path

    from timeline.articles import load_articles
    from timeline.events import extract_events
    from timeline.merge import merge_events

    data = Path(__file__).parents[1] / "data"
    articles = load_articles(sorted(p for p in data.iterdir() if p.is_file())).articles
    return merge_events(extract_events(articles))


def test_csv_writes_merged_list_cells_as_json() -> None:
    merged = merged_events()
    back = pd.read_csv(io.StringIO(to_csv(merged)))
    told = back[back["count"] > 1].iloc[0]
    assert len(json.loads(told["sources"])) == 2
    mentions = json.loads(told["mentions"])
    assert {m["text"] for m in mentions} == {"Thursday"}


def test_json_and_timelinejs_of_merged_events() -> None:
    merged = merged_events()
    records = json.loads(to_json(merged))
    assert any(len(r["mentions"]) == 2 for r in records)
    slides = json.loads(to_timelinejs(merged))["events"]
    thursday = [s for s in slides if s["start_date"] == {"year": 2017, "month": 2, "day": 23}]
    assert len(thursday) == 1
    assert thursday[0]["text"]["text"].count("<mark>Thursday</mark>") == 2


def test_csv_of_no_events_is_the_header_alone() -> None:
    from timeline.events import EVENT_COLUMNS, events_frame

    assert to_csv(events_frame([])) == ",".join(EVENT_COLUMNS) + "\n"
