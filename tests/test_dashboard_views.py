"""The dashboard's views under streamlit's AppTest: key events that follow the chart's window,
the chronology a page at a time, and following names in lanes of their own. The real clicks
are in test_browser_views.py."""

from __future__ import annotations

import time
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.test_dashboard import (
    DASHBOARD,
    big_folder,
    figure_spec,
    html_bodies,
    list_sent,
    listed_rows,
    pick_row,
    run_app,
    select_point,
)


def lanes(at: AppTest) -> list[str]:
    return list(figure_spec(at)["layout"]["yaxis"]["ticktext"])


def captions(at: AppTest) -> str:
    return " ".join(caption.value for caption in at.caption)


@pytest.fixture
def app() -> AppTest:
    """The bundled articles."""
    return run_app()


@pytest.fixture
def big_key_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    """4,800 events over 13 years, as a first start opens them."""
    big_folder(tmp_path)
    monkeypatch.setenv("TIMELINE_DATA", str(tmp_path))
    return run_app()


def test_a_small_timeline_opens_on_all_its_events_in_date_order(app: AppTest) -> None:
    assert app.session_state["view_mode"] == "all"
    rows = listed_rows(app)
    assert len(rows) == 7 and "of 7, in date order" in captions(app)
    headings = [heading for heading, _ in rows]
    vague = headings.index("Vague: no calendar date")  # "recently", "now": no calendar date
    assert set(headings[vague:]) == {"Vague: no calendar date"}
    days = [pd.Timestamp(heading.split(" ", 1)[1]) for heading in headings[:vague]]
    assert days and days == sorted(days)


def test_a_big_timeline_opens_on_its_key_events(big_key_app: AppTest) -> None:
    at = big_key_app
    assert at.session_state["view_mode"] == "key"
    assert all(lane.startswith("told by") for lane in lanes(at))
    assert "events told by the most articles in each year" in captions(at)
    rows = listed_rows(at)
    per_year = pd.Series([heading for heading, _ in rows]).value_counts()
    assert len(per_year) > 10 and per_year.max() == 5  # the top 5 of each year shown
    assert all(row["label"].endswith(".") and row["note"] for _, row in rows)


def test_key_events_follow_the_window_the_chart_shows(big_key_app: AppTest) -> None:
    at = big_key_app
    revision = figure_spec(at)["layout"]["uirevision"]
    at.session_state["chart_view"] = {"range": ["1995-03-01", "1995-04-01"], "revision": revision}
    at = run_app(at)
    assert "in each day of this window" in captions(at)
    days = [pd.Timestamp(row["when"]) for _, row in listed_rows(at)]
    assert days and all(
        pd.Timestamp("1995-03-01") <= day <= pd.Timestamp("1995-04-01") for day in days
    )
    spec = figure_spec(at)
    assert spec["layout"]["uirevision"] == revision  # the reader's zoom is kept


def test_a_key_event_opens_with_every_source_quoted(app: AppTest) -> None:
    app.session_state["view_mode"] = "key"
    at = run_app(app)
    (top,) = [row for _, row in listed_rows(at) if row["note"].startswith("2 articles")]
    assert top["when"] == "Thu 23 Feb 2017"  # the meeting on Thursday, told by both
    at = pick_row(at, top["id"])
    body = html_bodies(at)
    assert "Told by 2 sources" in body and body.count("<mark>Thursday</mark>") == 2


def test_the_chronology_pages_through_every_event_in_date_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big_folder(tmp_path)
    monkeypatch.setenv("TIMELINE_DATA", str(tmp_path))
    at = AppTest.from_file(DASHBOARD, default_timeout=120)
    at.session_state["view_mode"] = "all"
    at = run_app(at)
    first = captions(at)
    assert "of 4,800, in date order" in first
    before = [pd.Timestamp(row["when"]) for _, row in listed_rows(at)]
    at.button(key="chronology_later").click()
    at = run_app(at)
    after = [pd.Timestamp(row["when"]) for _, row in listed_rows(at)]
    assert captions(at) != first and len(after) == 100
    assert before == sorted(before) and after == sorted(after) and before[-1] <= after[0]
    at.button(key="chronology_earlier").click()
    assert [pd.Timestamp(row["when"]) for _, row in listed_rows(run_app(at))] == before


def test_the_chronology_moves_to_where_the_chart_s_window_starts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big_folder(tmp_path)
    monkeypatch.setenv("TIMELINE_DATA", str(tmp_path))
    at = AppTest.from_file(DASHBOARD, default_timeout=120)
    at.session_state["view_mode"] = "all"
    at = run_app(at)
    revision = figure_spec(at)["layout"]["uirevision"]
    at.session_state["chart_view"] = {"range": ["1998-06-10", "1998-07-10"], "revision": revision}
    at = run_app(at)
    sent = list_sent(at)
    days = {row["id"]: pd.Timestamp(row["when"]) for _, row in listed_rows(at)}
    ids = list(days)
    focus = ids.index(sent["focus"])
    assert days[ids[focus]] >= pd.Timestamp("1998-06-10")  # the list opens there
    assert focus == 0 or days[ids[focus - 1]] < pd.Timestamp("1998-06-10")


def with_names(at: AppTest) -> AppTest:
    """Run again until the Follow picker is there (the names are read in the background)."""
    for _ in range(100):
        if any(widget.key == "follow" for widget in at.sidebar.multiselect):
            return at
        time.sleep(0.1)
        at = run_app(at)
    raise AssertionError("the Follow picker never showed")


def follow(at: AppTest, *names: str) -> AppTest:
    at = with_names(at)
    at.sidebar.multiselect(key="follow").set_value(list(names))
    return run_app(at)


def test_the_picker_offers_the_names_with_their_counts(app: AppTest) -> None:
    picker = with_names(app).sidebar.multiselect(key="follow")
    assert picker.options[:3] == [
        "Mexico · 2 articles · place",
        "United States · 2 articles · U.S. · place",
        "Luis Videgaray · 2 articles · Videgaray · person",
    ]


def test_following_a_name_gives_it_a_lane_with_hollow_marks_and_says_how_they_are_dated(
    app: AppTest,
) -> None:
    at = follow(app, "Luis Videgaray")
    assert at.session_state["view_mode"] == "follow"
    assert "Luis Videgaray" in lanes(at)
    traces = figure_spec(at)["data"]
    hollow = [t for t in traces if str(t.get("name", "")).endswith("· no date word")]
    assert hollow and all(t["marker"]["color"] == "white" for t in hollow)
    at = select_point(at, [hollow[0]["customdata"][0][0]])
    body = html_bodies(at)
    assert "<dt>Dated</dt>" in body and "the last day the article told of before it" in body
    assert "<dt>Name written as</dt>" in body and "<mark>Videgaray</mark>" in body


def test_the_count_is_of_the_followed_names_events(app: AppTest) -> None:
    at = follow(app, "Luis Videgaray")
    rows = sum(len(trace.get("customdata") or []) for trace in figure_spec(at)["data"])
    count = next(m.value for m in at.sidebar.markdown if " event" in m.value)
    assert count.startswith(f"**{rows} event")  # not the 7 events of the whole timeline


def test_two_names_are_two_lanes_and_an_alias_is_said_to_be_one(app: AppTest) -> None:
    at = follow(app, "videgaray", "Rex Tillerson")
    assert [lane for lane in lanes(at) if lane in ("Luis Videgaray", "Rex Tillerson")] == [
        "Luis Videgaray",
        "Rex Tillerson",
    ]
    notes = " ".join(c.value for c in at.sidebar.caption)
    assert "another name of Luis Videgaray" in notes.replace("\\", "")
    assert {row["id"] for _, row in listed_rows(at)}  # their chronology is listed


def test_a_name_of_a_pasted_article_can_be_followed(app: AppTest) -> None:
    app.sidebar.text_area(key="paste_text").input(
        "date 2018-03-05\n\nZorblax Industries said on Monday it will close two plants. "
        "Zorblax Industries has confirmed the plan."
    )
    next(b for b in app.sidebar.button if b.label == "Add to timeline").click()
    at = follow(run_app(app), "Zorblax Industries")
    assert "Zorblax Industries" in lanes(at)
    assert any("Zorblax" in row["label"] for _, row in listed_rows(at))


def test_following_no_name_any_more_goes_back_to_the_view_it_opened_on(app: AppTest) -> None:
    at = follow(app, "Luis Videgaray")
    at.sidebar.multiselect(key="follow").set_value([])
    at = run_app(at)
    assert at.session_state["view_mode"] == "all" and "Luis Videgaray" not in lanes(at)
