"""Marks of single events, as Plotly trace dicts: a dot per day-level event, a bar over each
longer span, an open ring in the vague band for vague expressions, and a ▼ for each article's
publication date that only decorates (it never takes a hover or a click from an event under it).
Everything is SVG: a window holds a few thousand marks at most, and the chart's Plotly bundle
has no WebGL traces (no WebGL context to create: 0.2 s of a page load).

Every clickable mark carries its `event_id` as the first `customdata` column, a string (see
the typed-array trap in BROWSER_TESTING.md). Marker styles come from data: `MarkStyle` rules
pick events by a column's value and change how their dots are drawn.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from timeline.events import VAGUE
from timeline.figure.hover import TEMPLATE, event_hover
from timeline.figure.lanes import legend_name

DAY = "day"
NOON = pd.Timedelta(hours=12)  # a day's marker sits in the middle of its day
PUBLISHED_COLOR = "#31333F"
DENSE_THRESHOLD = 1_000  # more events than this get smaller, jittered dots and shorter hovers
Trace = dict[str, Any]


@dataclass(frozen=True)
class MarkStyle:
    """Events whose `column` equals `value` get these marker settings and their own legend
    entry (say, hollow dots for events anchored without a date word)."""

    column: str
    value: Any
    marker: Mapping[str, Any] = field(default_factory=dict)
    legend: str = ""


def iso(values: pd.Series | np.ndarray) -> list[str]:
    """Datetimes as ISO text for the figure's JSON.

    >>> iso(pd.Series(pd.to_datetime(["2017-02-22 12:00"])))
    ['2017-02-22T12:00:00']
    """
    array = np.asarray(values, dtype="datetime64[s]")
    return [str(v) for v in np.datetime_as_string(array, unit="s")]


def ids(part: pd.DataFrame) -> list[list[str]]:
    """The event ids as a one-column string customdata: a click reads `customdata[0]`."""
    return [[str(i)] for i in part["event_id"]]


def event_traces(
    frame: pd.DataFrame,
    colors: Mapping[str, str],
    dense: bool,
    styles: Sequence[MarkStyle] = (),
) -> list[Trace]:
    """Every mark of the events in `frame` (with its `lane_y` and `color_key` columns)."""
    traces = published_traces(frame)  # first: events draw on top of them
    vague_rows = (frame["granularity"] == VAGUE).to_numpy()
    point = (frame["date_end"].isna() | (frame["date_end"] <= frame["date_start"])).to_numpy()
    days = frame[((frame["granularity"] == DAY).to_numpy() | point) & ~vague_rows]
    spans = frame.drop(days.index)[lambda f: f["granularity"] != VAGUE]
    style = _style_numbers(days, styles)
    if dense:  # a strip of jittered points reads as density
        offsets = _jitter(days, -0.05, 0.25)
    else:  # a few points: those sharing a lane and a day fan out across styles (a hollow dot
        # never hides a filled one), plain dots first and drawn last: on top
        plain_first = (style >= 0).sort_values(kind="stable").index
        offsets = _stack(days.loc[plain_first], ["lane_key", "date_start"], 0.2)
    shown_legend: set[str] = set()
    groups = sorted(days.groupby([days["color_key"], style], sort=True), key=lambda g: g[0][1] < 0)
    for (source, number), part in groups:
        extra = styles[number] if number >= 0 else None
        traces.append(
            _days(part, colors[str(source)], str(source), dense, offsets, shown_legend, extra)
        )
    for source, part in spans.groupby("color_key", sort=True):
        traces.append(_spans(part, colors[str(source)], str(source), dense, shown_legend))
    vague = frame[vague_rows]
    if len(vague):
        traces.extend(_vague(vague, colors, dense))
    return traces


def _style_numbers(part: pd.DataFrame, styles: Sequence[MarkStyle]) -> pd.Series:
    """Per event, the index of the first style rule it matches (-1: the plain dot)."""
    numbers = pd.Series(-1, index=part.index)
    for number, style in reversed(list(enumerate(styles))):
        if style.column in part:
            numbers = numbers.mask(part[style.column] == style.value, number)
    return numbers


def _days(
    part: pd.DataFrame,
    color: str,
    source: str,
    dense: bool,
    offsets: pd.Series,
    shown_legend: set[str],
    style: MarkStyle | None,
) -> Trace:
    """A dot per day-level event, `offsets` (by row) up or down from its lane."""
    y = part["lane_y"] + offsets[part.index]
    marker: dict[str, Any] = {
        "color": color,
        "size": _marker_sizes(part, 7 if dense else 12),
        "line": {"color": "white", "width": 0 if dense else 1.5},  # no stroke: faster
    }
    name = legend_name(source)
    if style is not None:
        marker = {**marker, **style.marker}
        marker["line"] = {"color": color, "width": 1.5, **dict(style.marker.get("line", {}))}
        name = f"{name} · {style.legend}" if style.legend else name
    legend_key = f"{source}|{style.legend if style else ''}"
    trace = {
        "type": "scatter",
        "x": iso(part["date_start"] + NOON),
        "y": y.round(4).tolist(),
        "mode": "markers",
        "name": name,
        "legendgroup": source,
        "showlegend": legend_key not in shown_legend,
        "marker": marker,
        "customdata": ids(part),
        "hovertext": event_hover(part, dense),
        "hovertemplate": TEMPLATE,
    }
    shown_legend.add(legend_key)
    return trace


def _spans(
    part: pd.DataFrame, color: str, source: str, dense: bool, shown_legend: set[str]
) -> Trace:
    """A thin bar over each span, in up to two rows under its lane's dots."""
    ends = part["date_end"] + pd.Timedelta(days=1)
    y = part["lane_y"] - 0.3 - 0.12 * _pack_rows(part, rows=2)
    milliseconds = (ends - part["date_start"]).dt.total_seconds() * 1000
    trace = {
        "type": "bar",
        "base": iso(part["date_start"]),
        "x": milliseconds.tolist(),
        "y": y.round(4).tolist(),
        "orientation": "h",
        "width": 0.1,
        "name": legend_name(source),
        "legendgroup": source,
        "showlegend": f"{source}|" not in shown_legend,
        "marker": {"color": color, "opacity": 0.5 if dense else 0.7, "line": {"width": 0}},
        "customdata": ids(part),
        "hovertext": event_hover(part, dense),
        "hovertemplate": TEMPLATE,
    }
    shown_legend.add(f"{source}|")
    return trace


def _vague(vague: pd.DataFrame, colors: Mapping[str, str], dense: bool) -> list[Trace]:
    """Vague mentions: open rings in the band under the divider, at the publication date.

    One trace per colour (a per-point colour list is validated point by point: slow).
    """
    anchor = vague["published"].fillna(vague["date_end"]).fillna(vague["date_start"])
    y = _stack(vague.assign(anchor=anchor), ["anchor"], 0.25)
    template = TEMPLATE.replace("<extra>", "<br><i>vague: drawn at the publication date</i><extra>")
    traces = []
    for number, (key, part) in enumerate(vague.groupby("color_key", sort=True)):
        traces.append(
            {
                "type": "scatter",
                "x": iso(anchor[part.index] + NOON),
                "y": y[part.index].round(4).tolist(),
                "mode": "markers",
                "name": "vague (“recently”, “now”)",
                "legendrank": 2001,
                "legendgroup": "vague",
                "showlegend": number == 0,
                "marker": {
                    "color": "white",
                    "size": 7 if dense else 11,
                    "line": {"color": colors[str(key)], "width": 2 if dense else 2.5},
                },
                "customdata": ids(part),
                "hovertext": event_hover(part, dense),
                "hovertemplate": template,
            }
        )
    return traces


def backdrop_traces(part: pd.DataFrame, colors: Mapping[str, str]) -> list[Trace]:
    """Spans much longer than the view as faint lines at the foot of their lanes (one trace per
    colour; they take no hover or click: zoom out to click them)."""
    traces = []
    for key, rows in part.groupby("color_key", sort=True):
        starts = iso(rows["date_start"])
        stops = iso(rows["date_end"] + pd.Timedelta(days=1))
        y = (rows["lane_y"] - 0.44 + _jitter(rows, 0, 0.06)).round(4).tolist()
        xs: list[str | None] = []
        ys: list[float | None] = []
        for first, last, height in zip(starts, stops, y, strict=True):
            xs += [first, last, None]
            ys += [height, height, None]
        traces.append(
            {
                "type": "scatter",
                "x": xs,
                "y": ys,
                "mode": "lines",
                "line": {"color": colors[str(key)], "width": 1.5},
                "opacity": 0.35,
                "hoverinfo": "skip",
                "legendgroup": str(key),
                "showlegend": False,
            }
        )
    return traces


def published_traces(frame: pd.DataFrame) -> list[Trace]:
    """A dark ▼ above each article's lane at its publication date. It only decorates: it
    takes no hover and no click, so an event under it stays clickable."""
    articles = frame[frame["published"].notna()].drop_duplicates(["article", "lane_key"])
    if articles.empty:
        return []
    return [
        {
            "type": "scatter",
            "x": iso(articles["published"] + NOON),
            "y": (articles["lane_y"] + 0.36).round(4).tolist(),
            "mode": "markers",
            "name": "publication date",
            "legendrank": 2002,
            "marker": {
                "color": PUBLISHED_COLOR,
                "symbol": "triangle-down",
                "size": 7 if len(articles) > 200 else 11,
                "line": {"color": "white", "width": 1},
            },
            "hoverinfo": "skip",
        }
    ]


def _stack(part: pd.DataFrame, keys: list[str], step: float) -> pd.Series:
    """Offsets (0, -step, +step, then again) that fan out points sharing a lane and a date."""
    rank = part.groupby(keys, sort=False).cumcount() % 3
    offsets = np.select([rank == 1, rank == 2], [-step, step], 0.0)
    return pd.Series(offsets, index=part.index)


def _pack_rows(part: pd.DataFrame, rows: int = 3) -> pd.Series:
    """Sub-row per span so overlapping spans in a lane sit under each other (greedy packing)."""
    result = pd.Series(0, index=part.index)
    for _, lane in part.sort_values("date_start").groupby("lane_key", sort=False):
        row_ends: list[pd.Timestamp] = []
        for index, first, last in zip(
            lane.index, lane["date_start"], lane["date_end"], strict=True
        ):
            free = [i for i, end in enumerate(row_ends) if end < first]
            if free:
                row = free[0]
            elif len(row_ends) < rows:
                row = len(row_ends)
                row_ends.append(last)
            else:
                row = int(np.argmin(row_ends))
            row_ends[row] = max(row_ends[row], last)
            result[index] = row
    return result


def _marker_sizes(part: pd.DataFrame, base: int) -> Any:
    """Merged rows (issue 5: a `count` column) grow with the number of articles telling them."""
    if "count" not in part:
        return base
    counts = part["count"].fillna(1).clip(1, 6).to_numpy(dtype=float)
    return (base + 3 * (counts - 1)).tolist()


def _jitter(part: pd.DataFrame, low: float, high: float) -> pd.Series:
    """Deterministic offsets in [low, high), from a hash of the event id."""
    hashed = pd.util.hash_pandas_object(part["event_id"], index=False).to_numpy()
    return pd.Series(low + (hashed % 1024) / 1024 * (high - low), index=part.index)
