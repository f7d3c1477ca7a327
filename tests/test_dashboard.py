"""The dashboard script under streamlit's AppTest: it runs, draws the chart, and a simulated
selection (chart or table) opens the snippet panel. The real click is in test_browser.py."""

from __future__ import annotations

import json
import random
import re
import shutil
import sqlite3
from contextlib import closing
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from timeline.search import SEARCH_MAX_CHARS
from timeline.store import open_store

DASHBOARD = str(Path(__file__).parents[1] / "dashboard.py")


def run_app(at: AppTest | None = None) -> AppTest:
    if at is None:  # not `at or ...`: an AppTest that has not run yet is empty, so falsy
        at = AppTest.from_file(DASHBOARD, default_timeout=120)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def chart_data(at: AppTest) -> dict[str, Any]:
    """What the script sent the timeline chart component."""
    charts = [c for c in at.get("bidi_component") if c.proto.component_name == "timeline_chart"]
    assert len(charts) == 1
    return dict(json.loads(charts[0].proto.json))


def figure_spec(at: AppTest) -> dict[str, Any]:
    return dict(json.loads(chart_data(at)["figure"]))


def clickable_points(at: AppTest) -> list[list[str]]:
    """[event id, expression] of every clickable point in the drawn figure."""
    rows = []
    for trace in figure_spec(at)["data"]:
        hover = trace.get("hovertext") or []
        for row, text in zip(trace.get("customdata") or [], hover, strict=False):
            if isinstance(row, list) and row[0]:
                rows.append([row[0], text.split("</b><br>“", 1)[1].split("”", 1)[0]])
    return rows


def shown(markdown: str) -> str:
    """What Markdown escaped with backslashes shows."""
    return re.sub(r"\\(.)", r"\1", markdown)


def html_bodies(at: AppTest) -> str:
    return "\n".join(element.proto.body for element in at.get("html"))


def select_point(at: AppTest, row: list[str]) -> AppTest:
    """What a click on the chart does: the component's `pick`, kept by its callback."""
    at.session_state["chart_pick"] = row[0]
    return run_app(at)


@pytest.fixture
def app() -> AppTest:
    return run_app()


def test_runs_and_draws_the_bundled_articles(app: AppTest) -> None:
    data = chart_data(app)
    assert data["buttons"] == ["1w", "1m", "1y", "all"]
    assert clickable_points(app)
    assert any("events from 2 articles" in m.value for m in app.sidebar.markdown)
    assert not app.warning


def test_selected_point_opens_the_snippet(app: AppTest) -> None:
    row = clickable_points(app)[0]
    at = select_point(app, row)
    assert at.session_state["selected"] == row[0]
    body = html_bodies(at)
    assert f"<mark>{row[1]}</mark>" in body
    assert 'class="tl-card"' in body
    assert "Published" in body


def test_a_later_run_keeps_the_last_event(app: AppTest) -> None:
    row = clickable_points(app)[0]
    at = run_app(select_point(app, row))
    assert at.session_state["selected"] == row[0]
    assert f"<mark>{row[1]}</mark>" in html_bodies(at)


def list_sent(at: AppTest) -> dict[str, Any]:
    """What the script sent the event list component (key events or the chronology)."""
    lists = [c for c in at.get("bidi_component") if c.proto.component_name == "event_list"]
    assert len(lists) == 1
    return dict(json.loads(lists[0].proto.json))


def listed_rows(at: AppTest) -> list[tuple[str, dict[str, Any]]]:
    """(heading, row) of every row the list shows, in order."""
    return [(g["heading"], row) for g in list_sent(at)["groups"] for row in g["rows"]]


def pick_row(at: AppTest, event_id: str) -> AppTest:
    """What a click on a row of the list does: the component's `pick`, kept by its callback."""
    at.session_state["list_pick"] = event_id
    return run_app(at)


def test_a_list_row_selects_an_event(app: AppTest) -> None:
    _, row = listed_rows(app)[1]
    at = pick_row(app, row["id"])
    assert at.session_state["selected"] == row["id"]
    assert "<mark>" in html_bodies(at)
    assert list_sent(at)["selected"] == row["id"]  # the list marks it
    assert chart_data(at)["band"]  # the chart marks it too


def test_a_click_sends_the_same_figure_and_a_band_over_the_days(app: AppTest) -> None:
    before = chart_data(app)
    assert before["band"] is None
    at = select_point(app, clickable_points(app)[0])
    after = chart_data(at)
    assert (after["key"], after["figure"]) == (before["key"], before["figure"])  # no redraw
    first, last = (pd.Timestamp(day) for day in after["band"])
    assert last - first == pd.Timedelta(days=1)


def test_the_full_article_is_sent_to_its_view_with_the_sentence_marked(app: AppTest) -> None:
    at = select_point(app, clickable_points(app)[0])
    (view,) = [c for c in at.get("bidi_component") if c.proto.component_name == "article_view"]
    html = json.loads(view.proto.json)["html"]
    assert html.count('class="tl-sentence"') == 1 and html.count("<mark>") == 1


def big_folder(folder: Path, articles: int = 120, dates_each: int = 40) -> None:
    """Articles with more dated events than `figure.DETAIL_MAX`, over 13 years of days (so
    that merging, on by default, keeps them all)."""
    for i in range(articles):
        days = [
            date(1990, 1, 1) + timedelta(days=4 * (i * dates_each + k)) for k in range(dates_each)
        ]
        text = " ".join(f"The council met on {day:%B} {day.day}, {day.year}." for day in days)
        (folder / f"article-{i:03}.txt").write_text(f" date 2017-02-22 {text}")


@pytest.fixture
def big_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    """The big folder on all its events (it opens on its key events)."""
    big_folder(tmp_path)
    monkeypatch.setenv("TIMELINE_DATA", str(tmp_path))
    at = AppTest.from_file(DASHBOARD, default_timeout=120)
    at.session_state["view_mode"] = "all"
    return run_app(at)


def test_a_big_timeline_opens_on_counts_and_a_range_button_shows_single_events(
    big_app: AppTest,
) -> None:
    at = big_app
    assert figure_spec(at)["layout"]["meta"]["period"]  # 4,800 events: counted
    assert not clickable_points(at)
    assert any("too many to draw one by one" in c.value for c in at.caption)
    revision = figure_spec(at)["layout"]["uirevision"]
    at.session_state["chart_zoom"] = {"button": "1m", "range": None}
    at = run_app(at)
    month = figure_spec(at)
    low, high = (pd.Timestamp(x) for x in month["layout"]["xaxis"]["range"])
    assert (high - low).days == 31
    assert month["layout"]["meta"]["period"] == "" and clickable_points(at)
    assert month["layout"]["uirevision"] != revision  # so the chart goes there
    at = select_point(at, clickable_points(at)[0])
    assert figure_spec(at) == month  # a click later: the month is still the window drawn


def test_a_reported_zoom_redraws_that_window_and_keeps_it(big_app: AppTest) -> None:
    at = big_app
    revision = figure_spec(at)["layout"]["uirevision"]
    at.session_state["chart_view"] = {"range": ["1995-03-01", "1995-04-01"], "revision": revision}
    at = run_app(at)
    fig = figure_spec(at)
    assert fig["layout"]["uirevision"] == revision  # the reader's zoom is kept
    assert fig["layout"]["xaxis"]["range"][0].startswith("1995-03-01")
    assert clickable_points(at)
    stale = {"range": ["1995-03-01", "1995-04-01"], "revision": "an older view"}
    at.session_state["chart_view"] = stale
    at = run_app(at)
    assert not figure_spec(at)["layout"]["xaxis"]["range"][0].startswith("1995-03-01")


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("Aug 1998", ["1998-08-01T00:00:00", "1998-09-01T00:00:00"]),
        ("1995", ["1995-01-01T00:00:00", "1996-01-01T00:00:00"]),
    ],
)
def test_the_dates_typed_are_the_window_shown(
    big_app: AppTest, typed: str, shown: list[str]
) -> None:
    next(box for box in big_app.sidebar.text_input if box.label == "Dates").input(typed)
    assert figure_spec(run_app(big_app))["layout"]["xaxis"]["range"] == shown


def test_an_emptied_dates_box_hides_no_date(app: AppTest) -> None:
    next(box for box in app.sidebar.text_input if box.label == "Dates").input("")
    at = run_app(app)
    assert not any("Type two dates" in c.value for c in at.sidebar.caption)
    assert any("events from 2 articles" in m.value for m in at.sidebar.markdown)


def test_search_filters_the_count(app: AppTest) -> None:
    app.sidebar.text_input(key="f_query").input("Tillerson")
    at = run_app(app)
    count = next(m.value for m in at.sidebar.markdown if "event" in m.value)
    assert "(of " in count


def test_hiding_vague_removes_the_vague_band(app: AppTest) -> None:
    app.sidebar.toggle(key="f_vague").set_value(False)
    at = run_app(app)
    names = [trace.get("name") for trace in figure_spec(at)["data"]]
    assert not any("vague" in str(name) for name in names)


def test_pasted_article_joins_the_timeline(app: AppTest) -> None:
    before = len(clickable_points(app))
    app.sidebar.text_area(key="paste_text").input(
        "date 2018-03-05\n\nParliament met on Monday. It voted on Tuesday."
    )
    submit = next(b for b in app.sidebar.button if b.label == "Add to timeline")
    submit.click()
    at = run_app(app)
    assert len(clickable_points(at)) > before
    assert any("from 3 articles" in m.value for m in at.sidebar.markdown)


def test_user_publication_date_moves_relative_dates(app: AppTest) -> None:
    article_id = app.sidebar.selectbox(key="date_article").value
    assert article_id, "the bundled data has an article with an inferred date"
    before = {row[0]: row[1] for row in clickable_points(app) if row[0].startswith(article_id)}
    new_day = date(2018, 6, 14)
    app.sidebar.date_input(key=f"date_value_{article_id}").set_value(new_day)
    app.sidebar.button(key="date_apply").click()
    at = run_app(app)
    assert at.session_state["dates"] == {article_id: new_day}
    assert "2018-06" in json.dumps(figure_spec(at))  # its relative dates moved
    assert any("set by you" in caption.value for caption in at.sidebar.caption)
    after = {row[0] for row in clickable_points(at) if row[0].startswith(article_id)}
    assert set(before) <= after  # a moved date can unmerge an event: its rows stand alone


def test_an_article_read_as_a_narrative_can_be_read_as_news(app: AppTest) -> None:
    app.sidebar.text_area(key="paste_text").input(
        "date 2009-12-19\n\nThe war began in 1914; 1915, 1916 and 1917 were worse. It ended "
        "in 1918. In June the treaty was signed."
    )
    next(b for b in app.sidebar.button if b.label == "Add to timeline").click()
    at = run_app(app)
    choose = at.sidebar.selectbox(key="reading_article_None")
    assert choose.options[0].endswith("· narrative")  # narratives are listed first
    article_id = "pasted-1"
    choose.set_value(article_id)
    at = run_app(at)
    assert any("Read as a narrative" in c.value for c in at.sidebar.caption)
    assert "1918-06" in json.dumps(figure_spec(at))
    at.sidebar.radio(key=f"reading_value_{article_id}").set_value("news")
    at.sidebar.button(key="reading_apply").click()
    at = run_app(at)
    assert at.session_state["readings"] == {article_id: "news"}
    assert any("Read as news" in c.value and "set by you" in c.value for c in at.sidebar.caption)
    spec = json.dumps(figure_spec(at))
    assert "2009-06" in spec and "1918-06" not in spec


def test_bad_files_are_named_and_the_rest_loads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy_samples(tmp_path)
    (tmp_path / "broken.txt").write_bytes(b"\xff\xfe\x00\x00binary\x00\x01\x02" * 50)
    (tmp_path / "empty.txt").write_bytes(b"")
    monkeypatch.setenv("TIMELINE_DATA", str(tmp_path))
    at = run_app()
    warnings = " ".join(w.value for w in at.warning)
    assert "empty.txt" in warnings
    assert clickable_points(at)


def copy_samples(folder: Path) -> None:
    for path in (Path(__file__).parents[1] / "data").glob("*.txt"):
        (folder / path.name).write_bytes(path.read_bytes())


@pytest.fixture
def samples_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    """The app on a copy of the samples in `tmp_path`, where a test may add files."""
    copy_samples(tmp_path)
    monkeypatch.setenv("TIMELINE_DATA", str(tmp_path))
    return run_app()


def test_a_file_added_later_joins_after_the_stored_timeline_is_drawn(
    samples_app: AppTest, tmp_path: Path
) -> None:
    at = samples_app
    assert any("from 2 articles" in m.value for m in at.sidebar.markdown)
    (tmp_path / "later.txt").write_text(" date 2018-03-05 Parliament met on Monday.")
    at = run_app(at)
    assert any("from 3 articles" in m.value for m in at.sidebar.markdown)


def test_a_click_does_not_look_at_the_folder_again(samples_app: AppTest, tmp_path: Path) -> None:
    at = samples_app
    (tmp_path / "later.txt").write_text(" date 2018-03-05 Parliament met on Monday.")
    at.session_state["chart_event"] = True  # what the chart's callbacks say
    at = select_point(at, clickable_points(at)[0])
    assert any("from 2 articles" in m.value for m in at.sidebar.markdown)
    at = run_app(at)  # the next run that is not the chart's reads the new file
    assert any("from 3 articles" in m.value for m in at.sidebar.markdown)


def test_a_deleted_store_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder, elsewhere = tmp_path / "articles", tmp_path / "stores"
    folder.mkdir()
    copy_samples(folder)
    monkeypatch.setenv("TIMELINE_DATA", str(folder))
    monkeypatch.setenv("TIMELINE_DB", str(elsewhere / "store.sqlite"))
    at = run_app()
    shutil.rmtree(elsewhere)
    at = run_app(at)
    with closing(open_store(elsewhere / "store.sqlite")) as store:
        assert store.count("articles") == 2
    assert any("from 2 articles" in m.value for m in at.sidebar.markdown)
    assert clickable_points(at)


def test_a_big_first_start_ends_with_every_file_and_a_source_text_box(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # more files than a first look reads before drawing, and than the sources list offers
    for number in range(410):  # no outlet given, no shared name prefix: each file a source
        # a council of its own each: no two of these events merge
        text = f" date 2017-03-{number % 28 + 1:02} Council{number} met on Monday."
        prefix = "".join(chr(ord("a") + int(digit)) for digit in f"{number:03}")
        (tmp_path / f"{prefix}-note-{number:03}.txt").write_text(text)
    monkeypatch.setenv("TIMELINE_DATA", str(tmp_path))
    at = run_app()
    assert "f_sources" not in [w.key for w in at.sidebar.multiselect]  # a text box instead
    assert any("from 410 articles" in m.value for m in at.sidebar.markdown)
    assert "410 sources" in at.sidebar.text_input(key="f_source_part").proto.help
    at.sidebar.text_input(key="f_source_part").input(" NOTE-01")
    at = run_app(at)
    assert any("10 events from 10 articles (of 410)" in m.value for m in at.sidebar.markdown)
    at.sidebar.text_input(key="f_source_part").input("no such source")
    at = run_app(at)
    assert any("0 events from 0 articles" in m.value for m in at.sidebar.markdown)


def test_sources_are_outlets_from_the_text_or_a_shared_name_prefix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for number in range(3):  # a council of its own each: no two of these events merge
        text = f" date 2017-03-01 WASHINGTON _ Council{number} met on Monday."
        (tmp_path / f"nyt1998{number}.txt").write_text(text)
    (tmp_path / "wire.txt").write_text(" date 2017-03-01 HAVANA (AP) -- Talks on Monday.")
    monkeypatch.setenv("TIMELINE_DATA", str(tmp_path))
    at = run_app()
    assert at.sidebar.multiselect(key="f_sources").options == ["AP", "The New York Times"]
    at.sidebar.multiselect(key="f_sources").set_value(["The New York Times"])
    at = run_app(at)
    assert any("3 events from 3 articles (of 4)" in m.value for m in at.sidebar.markdown)


def test_a_damaged_store_is_named_not_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = tmp_path / "store.sqlite"
    store.write_bytes(b"not a database " * 500)
    monkeypatch.setenv("TIMELINE_DB", str(store))
    at = run_app()
    assert not at.exception
    assert any("store.sqlite" in shown(error.value) for error in at.error)


def test_notices_are_not_called_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "quotes.txt").write_bytes(" date 2017-02-22 “Talks” on Monday.".encode("cp1252"))
    monkeypatch.setenv("TIMELINE_DATA", str(tmp_path))
    at = run_app()
    assert not at.warning
    assert clickable_points(at)
    assert any("1 loaded with a caveat" in expander.label for expander in at.expander)


def test_merged_view_is_the_only_one_and_quotes_every_source(app: AppTest) -> None:
    assert not [toggle for toggle in app.sidebar.toggle if "merge" in toggle.key]
    rows = [row for row in clickable_points(app) if row[1] == "Thursday"]
    assert len(rows) == 1, rows  # drawn once
    at = select_point(app, rows[0])
    body = html_bodies(at)
    sources = body.split('class="tl-card tl-sources"', 1)[1].split("</ol>", 1)[0]
    assert sources.count("<mark>Thursday</mark>") == 2  # each source's sentence, marked
    assert sources.count('class="tl-quote"') == 2
    assert "Told by 2 sources" in body
    assert "told by 2 articles" in json.dumps(figure_spec(at))


def test_a_stored_article_without_a_date_opens_and_can_be_dated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy_samples(tmp_path)
    rng = random.Random(1)
    for number in range(3):  # no header, dateline or full date: the day is unknown
        weekday = rng.choice(["Monday", "Tuesday", "Friday"])
        (tmp_path / f"undated-{number}.txt").write_text(f"Talks {number} resumed on {weekday}.")
    monkeypatch.setenv("TIMELINE_DATA", str(tmp_path))
    run_app()  # the first start stores them
    at = run_app()  # a new session reads them back from the store
    choices = at.sidebar.selectbox(key="date_article").options
    assert sum("· ?" in choice for choice in choices) == 3
    at.sidebar.selectbox(key="date_article").select("undated-0")
    at = run_app(at)
    at.sidebar.date_input(key="date_value_undated-0").set_value(date(2018, 6, 14))
    at.sidebar.button(key="date_apply").click()
    at = run_app(at)
    assert "2018-06" in json.dumps(figure_spec(at))


# Markdown that would run or fetch something if rendered: an image (the browser requests it),
# links (one to javascript:), raw HTML, Streamlit's colour directive, LaTeX, a code span breaker.
MARKDOWN_PAYLOADS = [
    "![y](http://127.0.0.1:9/fm.png)",
    "[click](javascript:alert(1))",
    "<img src=x onerror=alert(1)>",
    ":red[alarm] $x^2$ **bold**",
    "`tick` ``x``",
]
UNESCAPED_MARKUP = re.compile(r"(?<!\\)[\[\]()!<>*_$]")
CODE_SPAN = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)")


def test_file_names_and_header_values_show_literally(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy_samples(tmp_path)
    rng = random.Random(5)
    for number, payload in enumerate(MARKDOWN_PAYLOADS):
        name = payload.replace("/", "")  # a file name cannot hold a slash
        (tmp_path / f"{name} {number}.txt").write_bytes(b"")  # skipped: a warning
        written = rng.choice([f"'{payload}'", json.dumps(payload)])
        (tmp_path / f"front-{number}.md").write_text(f"---\ndate: {written}\n---\nTalks on Monday.")
        record = {"text": "Talks on Monday.", "published": payload}
        (tmp_path / f"record-{number}.json").write_text(json.dumps(record))
    monkeypatch.setenv("TIMELINE_DATA", str(tmp_path))
    at = run_app()
    bodies = [w.value for w in at.warning] + [m.value for m in at.markdown]
    hostile = [body for body in bodies if any(p[:6] in shown(body) for p in MARKDOWN_PAYLOADS)]
    assert len(hostile) == 3 * len(MARKDOWN_PAYLOADS)  # names, front matter, JSON records
    for body in hostile:
        outside_code = CODE_SPAN.sub("", body)
        assert not UNESCAPED_MARKUP.search(outside_code), body
    names = " ".join(shown(w.value) for w in at.warning)
    assert all(payload.replace("/", "") in names for payload in MARKDOWN_PAYLOADS)


def test_a_store_damaged_inside_is_named_not_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, store = tmp_path / "articles", tmp_path / "store.sqlite"
    folder.mkdir()
    copy_samples(folder)
    for number in range(60):
        (folder / f"note-{number}.txt").write_text(f" date 2017-03-01 Council {number} met Monday.")
    monkeypatch.setenv("TIMELINE_DATA", str(folder))
    monkeypatch.setenv("TIMELINE_DB", str(store))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    run_app()
    with closing(sqlite3.connect(store)) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        pages, size = (
            connection.execute(f"PRAGMA {p}").fetchone()[0] for p in ("page_count", "page_size")
        )
    with store.open("r+b") as handle:
        handle.seek(2 * size)
        handle.write(random.Random(8).randbytes((pages - 2) * size))
    at = AppTest.from_file(DASHBOARD, default_timeout=120)
    at.run()
    assert not at.exception
    assert any(f"{store}: the store is damaged" in shown(error.value) for error in at.error)


def test_the_search_box_holds_what_a_search_uses(app: AppTest) -> None:
    assert app.sidebar.text_input(key="f_query").proto.max_chars == SEARCH_MAX_CHARS
