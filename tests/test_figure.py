"""The timeline figure: lanes, marks per granularity, ids in customdata, fitted window."""

from __future__ import annotations

import json

import pandas as pd
import plotly.graph_objects as go
import pytest

from tests.fixtures import EVENT_COLUMNS, many_events, sample_events
from timeline.figure import (
    build_timeline_figure,
    count_unplaced,
    date_extent,
    fit_x_range,
    point_event_id,
    selected_event_id,
)


def clickable_ids(fig: go.Figure) -> dict[str, str]:
    """event id -> trace type, for every trace that carries ids."""
    ids = {}
    for trace in fig.data:
        for row in trace.customdata if trace.customdata is not None else []:
            if row[0]:
                ids[row[0]] = trace.type
    return ids


def test_fixture_columns_match_the_events_module() -> None:
    from timeline.events import EVENT_COLUMNS as REAL

    assert REAL == EVENT_COLUMNS


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
    vague_trace = next(t for t in fig.data if t.legendgroup == "vague")
    lanes = [t for t in fig.data if t.legendgroup not in ("vague", None)]
    assert max(vague_trace.y) < min(min(t.y) for t in lanes)
    assert "vague" in " ".join(fig.layout.yaxis.ticktext)


def test_bar_spans_the_whole_month() -> None:
    fig = build_timeline_figure(sample_events())
    bar = next(t for t in fig.data if t.type == "bar")
    assert pd.Timestamp(bar.base[0]) == pd.Timestamp("2017-03-01")
    assert bar.x[0] == pytest.approx(31 * 86_400_000)


def test_publication_dates_are_marked_and_not_clickable() -> None:
    fig = build_timeline_figure(sample_events())
    published = next(t for t in fig.data if t.name == "publication date")
    assert len(published.x) == 2
    assert published.marker.symbol == "triangle-down"
    assert all(row[0] == "" for row in published.customdata)


def test_one_lane_per_article_coloured_by_source() -> None:
    fig = build_timeline_figure(sample_events())
    assert [t for t in fig.layout.yaxis.ticktext if "Story" in t] == ["Story b2", "Story a1"]
    colors = {t.name: t.marker.color for t in fig.data if t.type == "scatter" and t.showlegend}
    assert colors["Daily &lt;Planet&gt;"] != colors["Wire"]


def test_lanes_by_source_on_request() -> None:
    fig = build_timeline_figure(sample_events(), lanes="source")
    assert "Wire" in fig.layout.yaxis.ticktext
    with pytest.raises(ValueError):
        build_timeline_figure(sample_events(), lanes="planet")


def test_hover_shows_label_expression_and_normalized_date() -> None:
    fig = build_timeline_figure(sample_events())
    trace = next(t for t in fig.data if t.name == "Wire" and t.type == "scatter")
    hover = trace.hovertext[0]
    assert "<b>label for Wednesday</b>" in hover
    assert "“Wednesday” → 2017-02-22 (Wed 22 Feb 2017)" in hover
    assert "%{hovertext}" in trace.hovertemplate


def test_dense_hover_keeps_label_expression_and_value() -> None:
    fig = build_timeline_figure(many_events(1_200))
    trace = next(t for t in fig.data if t.name == "Source 0" and t.showlegend)
    assert trace.hovertext[0].startswith("<b>it rained</b><br>“Monday” → 2017-")


def test_many_sources_and_articles_are_grouped() -> None:
    events = many_events(600, articles=300, sources=300)
    fig = build_timeline_figure(events)
    assert len(fig.layout.yaxis.ticktext) <= 30
    assert fig.layout.yaxis.ticktext[-1].endswith("other sources")
    legend = {t.name for t in fig.data if t.showlegend is not False}
    assert "other sources" in legend and len(legend) <= 12
    assert set(clickable_ids(fig)) == set(events["event_id"])


def test_article_text_in_hover_is_escaped() -> None:
    events = sample_events()
    events.loc[0, "event"] = "<img src=x onerror=alert(1)>"
    events.loc[1, "title"] = "<script>alert(1)</script>"
    fig = build_timeline_figure(events)
    text = json.dumps(fig.to_plotly_json(), default=str)
    assert "<img" not in text and "&lt;img" in text
    assert "<script" not in text


def test_window_ignores_an_outlier_in_1990() -> None:
    events = many_events(60)
    events.loc[0, ["date_start", "date_end"]] = pd.Timestamp("1990-06-01")
    window = fit_x_range(events)
    assert window is not None
    low, high = window
    assert low.year >= 2016 and high.year <= 2018
    fig = build_timeline_figure(events)
    assert pd.Timestamp(fig.layout.xaxis.range[0]).year >= 2016
    assert fig.layout.xaxis.rangeslider.visible


@pytest.mark.parametrize(
    ("count", "slider_holds_outlier"),
    [(60, True), (400, False)],  # one far-off date in 60 is more than 1%; in 400 it is not
)
def test_range_slider_spans_nearly_every_event(count: int, slider_holds_outlier: bool) -> None:
    events = many_events(count)
    events.loc[0, ["date_start", "date_end"]] = pd.Timestamp("1000-01-01")
    fig = build_timeline_figure(events)
    low, high = (pd.Timestamp(x) for x in fig.layout.xaxis.rangeslider.range)
    window = [pd.Timestamp(x) for x in fig.layout.xaxis.range]
    assert (low <= pd.Timestamp("1000-01-01")) == slider_holds_outlier
    assert low <= window[0] and window[1] <= high


def test_window_pads_a_single_day() -> None:
    window = fit_x_range(sample_events().head(1))
    assert window is not None
    low, high = window
    assert low < pd.Timestamp("2017-02-22") < high
    assert (high - low).days >= 10


def test_scroll_zoom_friendly_layout() -> None:
    fig = build_timeline_figure(sample_events())
    assert fig.layout.yaxis.fixedrange  # wheel zooms time only
    assert fig.layout.dragmode == "pan"
    assert fig.layout.uirevision == "timeline"


def test_selected_event_gets_a_highlight() -> None:
    events = sample_events()
    plain = build_timeline_figure(events)
    picked = build_timeline_figure(events, selected=events["event_id"].iloc[1])
    assert len(picked.layout.shapes) == len(plain.layout.shapes) + 1


def test_webgl_above_the_threshold_and_ids_survive() -> None:
    events = many_events(1_500)
    fig = build_timeline_figure(events)
    assert {t.type for t in fig.data} <= {"scattergl"}
    assert set(clickable_ids(fig)) == set(events["event_id"])
    assert "Source 0" in fig.layout.yaxis.ticktext  # 50 articles: one lane per source


def test_small_data_stays_svg() -> None:
    assert "scattergl" not in {t.type for t in build_timeline_figure(sample_events()).data}


def test_events_without_dates_are_counted_not_drawn() -> None:
    events = sample_events()
    events.loc[0, ["date_start", "date_end"]] = pd.NaT
    assert count_unplaced(events) == 1
    assert events["event_id"].iloc[0] not in clickable_ids(build_timeline_figure(events))


def test_empty_frame_gives_an_empty_figure() -> None:
    fig = build_timeline_figure(sample_events().head(0))
    assert clickable_ids(fig) == {}
    assert date_extent(sample_events().head(0)) is None


@pytest.mark.parametrize(
    "state",
    [
        {"selection": {"points": [{"customdata": ["a1:34", "x"]}]}},
        {"selection": {"points": [{"customdata": {"0": "a1:34", "1": "x"}}]}},
        {"selection": {"points": [{"customdata": [""]}, {"customdata": ["a1:34"]}]}},
    ],
    ids=["list", "typed-array-dict", "skips-publication-marker"],
)
def test_selected_event_id_reads_both_shapes(state: dict) -> None:
    assert selected_event_id(state) == "a1:34"


@pytest.mark.parametrize(
    "state", [None, {}, {"selection": {"points": []}}, {"selection": {}}], ids=str
)
def test_no_selection(state: dict | None) -> None:
    assert selected_event_id(state) is None


def test_point_event_id_with_int_key() -> None:
    assert point_event_id({"customdata": {0: "a:1"}}) == "a:1"


def test_merged_rows_grow_with_their_count() -> None:
    events = sample_events().assign(count=[3, 1, 1, 1])
    fig = build_timeline_figure(events)
    trace = next(t for t in fig.data if t.name == "Wire" and t.type == "scatter")
    assert list(trace.marker.size) == [18.0]
    assert "told by 3 articles" in trace.hovertext[0]


def test_density_view_above_the_threshold() -> None:
    events = many_events(3_000)
    fig = build_timeline_figure(events, density_threshold=2_000)
    assert fig.layout.meta["density"] in ("day", "week", "month", "quarter", "year")
    assert fig.layout.meta["events"] == 3_000
    marks = sum(len(t.x) for t in fig.data)
    assert marks <= 500  # limit / 4
    ids = clickable_ids(fig)
    assert ids and set(ids) <= set(events["event_id"])
    assert all(t.type == "scattergl" for t in fig.data)


def test_no_density_below_the_threshold() -> None:
    assert not build_timeline_figure(many_events(1_500)).layout.meta
