"""The timeline figure: lanes, marks per granularity, ids in customdata, single marks or counts
for a window, and marks that only decorate."""

from __future__ import annotations

import json
from typing import Any

import pandas as pd
import pytest

from tests.fixtures import EVENT_COLUMNS, many_events, sample_events
from timeline.figure import (
    MarkStyle,
    build_timeline_figure,
    count_unplaced,
    draw,
    prepare,
    timeline_palette,
)

Figure = dict[str, Any]


def clickable_ids(fig: Figure) -> dict[str, str]:
    """event id -> trace type, for every trace that carries ids."""
    ids = {}
    for trace in fig["data"]:
        for row in trace.get("customdata") or []:
            if row[0]:
                ids[row[0]] = trace["type"]
    return ids


def traces_named(fig: Figure, name: str) -> list[dict[str, Any]]:
    return [t for t in fig["data"] if t.get("name") == name]


def window(first: str, last: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    return pd.Timestamp(first), pd.Timestamp(last)


def test_fixture_columns_match_the_events_module() -> None:
    from timeline.events import EVENT_COLUMNS as REAL

    assert REAL == EVENT_COLUMNS


def test_the_figure_is_plain_json() -> None:
    fig = build_timeline_figure(sample_events())
    assert json.loads(json.dumps(fig)) == fig


def test_every_dated_event_is_clickable_with_a_string_id() -> None:
    events = sample_events()
    ids = clickable_ids(build_timeline_figure(events))
    assert set(ids) == set(events["event_id"])
    assert all(isinstance(i, str) for i in ids)


def test_days_are_markers_spans_are_bars_vague_is_apart() -> None:
    events = sample_events()
    fig = build_timeline_figure(events)
    ids = clickable_ids(fig)
    day, month, vague, _ = events["event_id"]
    assert ids[day] == "scatter" and ids[month] == "bar" and ids[vague] == "scatter"
    vague_trace = next(t for t in fig["data"] if t.get("legendgroup") == "vague")
    lanes = [t for t in fig["data"] if "customdata" in t and t.get("legendgroup") != "vague"]
    assert max(vague_trace["y"]) < min(min(t["y"]) for t in lanes)
    assert "vague" in " ".join(fig["layout"]["yaxis"]["ticktext"])


def test_bar_spans_the_whole_month() -> None:
    fig = build_timeline_figure(sample_events())
    bar = next(t for t in fig["data"] if t["type"] == "bar")
    assert pd.Timestamp(bar["base"][0]) == pd.Timestamp("2017-03-01")
    assert bar["x"][0] == pytest.approx(31 * 86_400_000)


def test_publication_dates_only_decorate_they_take_no_hover_or_click() -> None:
    fig = build_timeline_figure(sample_events())
    (published,) = traces_named(fig, "publication date")
    assert len(published["x"]) == 2
    assert published["marker"]["symbol"] == "triangle-down"
    assert published["hoverinfo"] == "skip" and "customdata" not in published


def test_one_lane_per_article_coloured_by_source() -> None:
    fig = build_timeline_figure(sample_events())
    assert [t for t in fig["layout"]["yaxis"]["ticktext"] if "Story" in t] == [
        "Story b2",
        "Story a1",
    ]
    colors = {t["name"]: t["marker"]["color"] for t in fig["data"] if t.get("showlegend")}
    assert colors["Daily &lt;Planet&gt;"] != colors["Wire"]


def test_a_filter_changes_no_colour_of_the_whole_timeline() -> None:
    events = sample_events()
    palette = timeline_palette(events)
    whole = {t["name"]: t["marker"]["color"] for t in draw(prepare(events, palette=palette))[
        "data"] if t.get("showlegend")}  # fmt: skip
    wire_only = events[events["source"] == "Wire"]
    narrowed = {t["name"]: t["marker"]["color"]
                for t in draw(prepare(wire_only, palette=palette))["data"]
                if t.get("showlegend")}  # fmt: skip
    assert narrowed["Wire"] == whole["Wire"]
    alone = {t["name"]: t["marker"]["color"] for t in draw(prepare(wire_only))["data"]
             if t.get("showlegend")}  # fmt: skip
    assert alone["Wire"] != whole["Wire"]  # what it fixes


@pytest.mark.parametrize(
    ("lanes", "labels"),
    [("source", ["Daily &lt;Planet&gt;", "Wire"]), ("granularity", ["day", "month"])],
)
def test_lanes_come_from_any_column(lanes: str, labels: list[str]) -> None:
    fig = build_timeline_figure(sample_events(), lanes=lanes)
    assert fig["layout"]["yaxis"]["ticktext"][: len(labels)] == labels


def test_lanes_named_by_a_label_column_keep_the_order_of_their_keys() -> None:
    events = sample_events().assign(
        told=["1", "0", "1", "0"], told_label=["told by 1", "told by 2", "told by 1", "told by 2"]
    )
    fig = build_timeline_figure(events, lanes="told")
    assert fig["layout"]["yaxis"]["ticktext"][:2] == ["told by 2", "told by 1"]  # "0" on top


def test_colours_and_legend_from_any_column_and_the_legend_can_go() -> None:
    drawable = prepare(sample_events(), "article", colors="granularity")
    names = {t["name"] for t in draw(drawable)["data"] if t.get("showlegend")}
    assert {"day", "month"} <= names and "Wire" not in names
    assert draw(drawable, legend=False)["layout"]["showlegend"] is False


def test_lanes_of_a_missing_column_are_refused() -> None:
    with pytest.raises(ValueError):
        build_timeline_figure(sample_events(), lanes="planet")


def test_marker_styles_come_from_data() -> None:
    events = sample_events().assign(anchored=[False, True, True, True])
    hollow = MarkStyle("anchored", False, {"symbol": "circle-open"}, "no date word")
    fig = build_timeline_figure(events, styles=[hollow])
    (styled,) = [t for t in fig["data"] if t.get("marker", {}).get("symbol") == "circle-open"]
    assert [row[0] for row in styled["customdata"]] == [events["event_id"].iloc[0]]
    assert styled["name"] == "Wire · no date word"


def test_a_styled_dot_never_hides_a_plain_one_on_the_same_day() -> None:
    day = sample_events().iloc[[0]]
    events = pd.concat([day] * 2, ignore_index=True).assign(
        event_id=["hollow", "filled"], anchored=[False, True]
    )
    hollow = MarkStyle("anchored", False, {"symbol": "circle-open"}, "no date word")
    fig = build_timeline_figure(events, lanes="source", styles=[hollow])
    dots = {
        row[0]: (trace["y"][i], n)
        for n, trace in enumerate(fig["data"])
        if trace["type"] == "scatter"
        for i, row in enumerate(trace.get("customdata") or [])
    }
    assert dots["hollow"][0] != dots["filled"][0]  # fanned out apart
    assert dots["filled"][1] > dots["hollow"][1]  # and drawn over it


def test_hover_shows_label_expression_and_normalized_date() -> None:
    fig = build_timeline_figure(sample_events())
    trace = next(t for t in fig["data"] if t.get("name") == "Wire" and t["type"] == "scatter")
    hover = trace["hovertext"][0]
    assert "<b>label for Wednesday</b>" in hover
    assert "“Wednesday” → 2017-02-22 (Wed 22 Feb 2017)" in hover
    assert "%{hovertext}" in trace["hovertemplate"]


def test_dense_hover_keeps_label_expression_and_value() -> None:
    fig = build_timeline_figure(many_events(1_200))
    trace = next(t for t in fig["data"] if t.get("name") == "Source 0" and t.get("showlegend"))
    assert trace["hovertext"][0].startswith("<b>it rained</b><br>“Monday” → 2017-")


def test_many_sources_and_articles_are_grouped() -> None:
    events = many_events(600, articles=300, sources=300)
    fig = build_timeline_figure(events, view=window("2016-12-01", "2018-01-31"))
    assert len(fig["layout"]["yaxis"]["ticktext"]) <= 30
    assert fig["layout"]["yaxis"]["ticktext"][-1].endswith("other sources")
    legend = {t["name"] for t in fig["data"] if t.get("showlegend") is not False and "name" in t}
    assert "other sources" in legend and len(legend) <= 12
    assert set(clickable_ids(fig)) == set(events["event_id"])


def test_article_text_in_hover_is_escaped() -> None:
    events = sample_events()
    events.loc[0, "event"] = "<img src=x onerror=alert(1)>"
    events.loc[1, "title"] = "<script>alert(1)</script>"
    text = json.dumps(build_timeline_figure(events))
    assert "<img" not in text and "&lt;img" in text
    assert "<script" not in text


def test_the_first_view_ignores_an_outlier_in_1990() -> None:
    events = many_events(60)
    events.loc[0, ["date_start", "date_end"]] = pd.Timestamp("1990-06-01")
    fig = build_timeline_figure(events)
    assert pd.Timestamp(fig["layout"]["xaxis"]["range"][0]).year >= 2016


def test_scroll_zoom_friendly_layout() -> None:
    layout = build_timeline_figure(sample_events())["layout"]
    assert layout["yaxis"]["fixedrange"]  # wheel zooms time only
    assert layout["dragmode"] == "pan"
    assert layout["uirevision"] == "timeline"
    assert layout["clickmode"] == "event"  # no selection: nothing fades after a click
    assert not layout["xaxis"]["rangeslider"]["visible"]  # it would draw every mark twice
    assert layout["modebar"]["orientation"] == "v"  # in the right margin, clear of the legend


def test_many_lanes_keep_the_date_axis_on_screen() -> None:
    events = many_events(40)
    layout = build_timeline_figure(events, lanes="article")["layout"]
    assert len(layout["yaxis"]["ticktext"]) >= 10
    assert layout["height"] <= 640  # under the page's head, a 1000-pixel screen shows the axis


def test_dense_windows_get_small_dots_and_ids_survive() -> None:
    events = many_events(1_500)
    fig = build_timeline_figure(events, view=window("2016-12-01", "2018-01-31"))
    dots = [t for t in fig["data"] if t["type"] == "scatter" and "customdata" in t]
    assert {t["marker"]["size"] for t in dots} == {7}
    assert set(clickable_ids(fig)) == set(events["event_id"])
    assert "Source 0" in fig["layout"]["yaxis"]["ticktext"]  # 50 articles: one lane per source


@pytest.mark.parametrize("count", [4, 1_500, 3_000])
def test_no_trace_needs_webgl(count: int) -> None:  # the chart's Plotly bundle has none
    events = sample_events() if count == 4 else many_events(count)
    assert {t["type"] for t in build_timeline_figure(events)["data"]} <= {"scatter", "bar"}


def test_events_without_dates_are_counted_not_drawn() -> None:
    events = sample_events()
    events.loc[0, ["date_start", "date_end"]] = pd.NaT
    assert count_unplaced(events) == 1
    assert events["event_id"].iloc[0] not in clickable_ids(build_timeline_figure(events))


def test_empty_frame_gives_an_empty_figure() -> None:
    fig = build_timeline_figure(sample_events().head(0))
    assert clickable_ids(fig) == {}


def test_merged_rows_grow_with_their_count() -> None:
    events = sample_events().assign(count=[3, 1, 1, 1])
    fig = build_timeline_figure(events)
    trace = next(t for t in fig["data"] if t.get("name") == "Wire" and t["type"] == "scatter")
    assert list(trace["marker"]["size"]) == [18.0]
    assert "told by 3 articles" in trace["hovertext"][0]


# -- a window of time: single marks or counts ------------------------------------------------


def test_a_wide_window_of_many_events_is_drawn_as_counts() -> None:
    events = many_events(3_000)
    fig = build_timeline_figure(events, detail_max=2_000)
    assert fig["layout"]["meta"]["period"] in ("day", "week", "month")
    assert fig["layout"]["meta"]["drawn"] == 3_000
    assert clickable_ids(fig) == {}  # a count mark has no id: a click zooms into its period
    counts = [t for t in fig["data"] if "customdata" in t]
    assert counts and all(t["type"] == "scatter" for t in counts)
    assert all(row[1] < row[2] for t in counts for row in t["customdata"])


def test_a_narrow_window_of_the_same_events_draws_them_one_by_one() -> None:
    events = many_events(3_000)
    drawable = prepare(events)
    month = draw(drawable, window("2017-03-01", "2017-04-01"), detail_max=2_000)
    ids = clickable_ids(month)
    assert month["layout"]["meta"]["period"] == ""
    assert ids and set(ids) <= set(events["event_id"])
    shown = events[events["event_id"].isin(ids)]  # in the window or half its width around
    assert (shown["date_end"] >= pd.Timestamp("2017-02-13")).all()
    assert (shown["date_start"] <= pd.Timestamp("2017-04-17")).all()


def test_lanes_stay_put_while_the_window_moves() -> None:
    drawable = prepare(many_events(3_000))
    first = draw(drawable, window("2017-03-01", "2017-04-01"))
    second = draw(drawable, window("2017-09-01", "2017-10-01"))
    assert first["layout"]["yaxis"]["ticktext"] == second["layout"]["yaxis"]["ticktext"]


@pytest.mark.parametrize(("detail_max", "backdrop"), [(1, True), (100, False)],
                         ids=["windowed", "every-event-drawn"])  # fmt: skip
def test_spans_much_longer_than_the_window_are_its_backdrop(
    detail_max: int, backdrop: bool
) -> None:
    events = sample_events()
    year = [pd.Timestamp("2017-01-01"), pd.Timestamp("2017-12-31")]
    events.loc[1, ["date_start", "date_end"]] = year
    events.loc[1, "granularity"] = "year"
    drawable = prepare(events)
    fig = draw(drawable, window("2017-02-21", "2017-02-23"), detail_max=detail_max)  # 2 days
    assert (events["event_id"].iloc[1] not in clickable_ids(fig)) == backdrop
    assert fig["layout"]["meta"]["backdrop"] == int(backdrop)
    lines = [t for t in fig["data"] if t.get("mode") == "lines"]
    assert bool(lines) == backdrop and all(t["hoverinfo"] == "skip" for t in lines)


# -- which window the chart shows next --------------------------------------------------------

MARCH = ["2017-03-01T00:00:00", "2017-04-01T00:00:00"]


@pytest.mark.parametrize(
    ("zoom", "reported", "expected", "moved"),
    [
        (None, None, None, False),  # nothing said yet: the first view
        (None, {"range": MARCH, "revision": "r#0"}, MARCH, False),  # the reader's zoom is kept
        (None, {"range": MARCH, "revision": "r#7"}, None, False),  # said before the filters
        (None, {"range": ["1990-01-01", "1990-02-01"], "revision": "r#0"}, None, True),  # empty
        (None, {"range": ["soon", "later"], "revision": "r#0"}, None, False),
        ({"button": "1w", "range": MARCH}, None, "a week in March", True),
        ({"button": "all", "range": MARCH}, "the bulk", "the bulk", True),
    ],
    ids=["first", "kept", "stale", "empty", "garbled", "button", "all"],
)
def test_next_view(zoom: object, reported: object, expected: object, moved: bool) -> None:
    from timeline.figure import next_view

    drawable = prepare(many_events(3_000))
    if reported == "the bulk":
        reported = None
    window, did_move = next_view(drawable, zoom, reported, "r#0")
    assert did_move == moved
    if expected == "a week in March":
        assert window is not None and (window[1] - window[0]).days == 7
        assert pd.Timestamp("2017-03-01") <= window[0] < window[1] <= pd.Timestamp("2017-04-01")
    elif expected == "the bulk":
        assert drawable.spans is not None and window == drawable.spans.bulk
    else:
        shown = None if window is None else [w.isoformat() for w in window]
        assert shown == expected
