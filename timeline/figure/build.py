"""The timeline figure for a window of time: one mark per event while the window holds few
enough to draw one by one, counts per lane and period when it holds more.

Two steps, so that a zoom redraws only the second: `prepare` gives every event its lane and
colour (from all the events, so lanes stay put while the reader zooms and pans); `draw` picks
the events in and around a window and draws them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from timeline.events import VAGUE
from timeline.figure.density import Counted, count_traces, period_for
from timeline.figure.lanes import (
    OTHER_COLOR,
    Lanes,
    assign_lanes,
    color_keys,
    lane_column,
    source_colors,
)
from timeline.figure.layout import timeline_layout
from timeline.figure.marks import (
    DENSE_THRESHOLD,
    MarkStyle,
    backdrop_traces,
    event_traces,
)
from timeline.figure.window import (
    DAY_SECONDS,
    LONG_SPAN_SHARE,
    DatedSpans,
    Window,
    parse_window,
    range_button_window,
    seconds,
    seconds_of,
    widened,
)

DETAIL_MAX = 2_500  # events drawn one by one at most; more in the drawn window are counted
DETAIL_WIDTH_DAYS = 3  # a view this narrow draws single events however many there are
MARGIN = 0.5  # beyond the view, this share of its width is drawn on each side: a pan finds marks
# Events columns a figure never reads, left out before its rows are picked: copying long
# sentences (and a merged row's mentions) for every row cost 0.15 s at 95,000 events.
UNDRAWN_COLUMNS = frozenset(
    {"start", "end", "type", "sentence", "sentence_start", "sentence_end", "rule", "mentions"}
)


@dataclass(frozen=True)
class Drawable:
    """Dated events with their lane (`lane_key`, `lane_y`) and colour (`color_key`), and what
    every window of them shares: lanes, colours, date spans, and per event as arrays (so that
    a window is picked without touching the frame's text columns): its first and last second
    on the axis (a vague one sits at its publication date), its middle, its lane's y (0 in
    the vague band) and its colour."""

    frame: pd.DataFrame
    lanes: Lanes
    colors: dict[str, str]
    spans: DatedSpans | None
    has_vague: bool
    firsts: np.ndarray
    lasts: np.ndarray
    counted: Counted

    def meeting(self, window: Window) -> np.ndarray:
        """Which events' days meet the window (a boolean per row of `frame`)."""
        low, high = seconds_of(window)
        return (self.lasts >= low) & (self.firsts <= high)


def prepare(
    events: pd.DataFrame,
    lanes: str = "auto",
    colors: str = "source",
    palette: Mapping[str, str] | None = None,
) -> Drawable:
    """The dated events of `events` ready to draw in lanes of `lanes` ("auto": a lane per
    article while there are few, else per source; or any column of the events), coloured by
    the values of `colors` (the legend names them): by `palette` when given (the colours of
    the whole timeline, so that a filter changes no colour; other values are grey), else
    by their own commonest values."""
    frame = _vague_at_published(events[[c for c in events.columns if c not in UNDRAWN_COLUMNS]])
    frame = frame[frame["date_start"].notna()]
    vague = (frame["granularity"] == VAGUE).to_numpy()
    has_vague = bool(vague.any())
    lane_set = assign_lanes(frame, lane_column(frame, lanes), has_vague)
    lane_codes, lane_keys = pd.factorize(lane_set.keys)
    lane_y = np.array([lane_set.y[str(k)] for k in lane_keys], dtype=float)[lane_codes]
    colored = color_keys(frame, colors, palette)
    color_codes, color_names = pd.factorize(colored)
    frame = frame.assign(lane_key=lane_set.keys, lane_y=lane_y, color_key=colored)
    firsts = seconds(frame["date_start"])
    lasts = seconds(frame["date_end"].fillna(frame["date_start"])) + DAY_SECONDS - 1
    if has_vague:
        anchors = seconds(frame["published"].where(vague).fillna(frame["date_start"]))
        firsts = np.where(vague, anchors, firsts)
        lasts = np.where(vague, anchors + DAY_SECONDS - 1, lasts)
    counted = Counted(
        middles=firsts + (lasts - firsts) // 2,
        lane_y=np.where(vague, 0.0, lane_y),
        lane_codes=np.where(vague, -1, lane_codes),
        lane_keys=[str(k) for k in lane_keys],
        color_codes=color_codes,
        color_names=[str(c) for c in color_names],
    )
    if palette is None:
        palette = source_colors(counted.color_names)
    else:
        palette = {name: palette.get(name, OTHER_COLOR) for name in counted.color_names}
    spans = DatedSpans.of(frame)
    return Drawable(frame, lane_set, dict(palette), spans, has_vague, firsts, lasts, counted)


def draw(
    drawable: Drawable,
    view: Window | None = None,
    *,
    revision: str = "timeline",
    styles: Sequence[MarkStyle] = (),
    detail_max: int = DETAIL_MAX,
    dense_threshold: int = DENSE_THRESHOLD,
    legend: bool = True,
) -> dict[str, Any]:
    """The figure of the events in and around `view` (None: the first view, around most
    events): single marks when at most `detail_max` are there, else counts per period.
    `legend` False leaves the legend out (when the lanes already say what the colours do)."""
    spans = drawable.spans
    view = view or (spans.first_view if spans is not None else None)
    width = (view[1] - view[0]).total_seconds() if view is not None else 0
    near = np.ones(len(drawable.frame), bool)  # few events: all of them, pans need no redraw
    long = np.zeros(len(drawable.frame), bool)
    if view is not None and len(drawable.frame) > detail_max:
        near = drawable.meeting(widened(view, MARGIN))
        # Spans much longer than the view ("2021" in a view of a week) are its backdrop, not
        # events in it: faint lines (zoom out to click them).
        long = near & (drawable.lasts - drawable.firsts > LONG_SPAN_SHARE * width)
    local = near & ~long
    drawn = int(local.sum())
    period = ""
    if drawn <= detail_max or width <= DETAIL_WIDTH_DAYS * DAY_SECONDS:
        shown = drawable.frame[local]  # only now the frame: a few thousand rows at most
        dense = drawn > dense_threshold
        traces = event_traces(shown, drawable.colors, dense, styles)
        traces.extend(backdrop_traces(drawable.frame[long], drawable.colors))
    else:
        code, period = period_for(width)
        traces = count_traces(drawable.counted, near, drawable.lanes, drawable.colors, code)
        drawn = int(near.sum())
    layout = timeline_layout(drawable.lanes, drawable.has_vague, view, revision)
    layout["showlegend"] = legend
    layout["meta"] = {"drawn": drawn, "period": period, "backdrop": int(long.sum())}
    return {"data": traces, "layout": layout}


def build_timeline_figure(
    events: pd.DataFrame,
    *,
    lanes: str = "auto",
    view: Window | None = None,
    revision: str = "timeline",
    styles: Sequence[MarkStyle] = (),
    detail_max: int = DETAIL_MAX,
    dense_threshold: int = DENSE_THRESHOLD,
) -> dict[str, Any]:
    """Return the Plotly figure (plain dicts and lists, ready for JSON) of the events in and
    around the time window `view` (None: the first view, around most events).

    `lanes` is "auto" (a lane per article while there are few, else per source) or any column
    of `events`; `styles` change how matching events' dots look. `revision` keeps the reader's
    zoom across redraws until it changes. `layout.meta` says how many events were drawn and,
    when they were counted, per which period ("day", "week", ...).

    >>> frame = pd.DataFrame([{"event_id": "a:0", "article": "a", "title": "T", "source": "AP",
    ...     "published": pd.Timestamp("2017-02-22"), "published_from": "header",
    ...     "text": "Monday", "value": "2017-02-20", "date_start": pd.Timestamp("2017-02-20"),
    ...     "date_end": pd.Timestamp("2017-02-20"), "granularity": "day", "event": "talks"}])
    >>> fig = build_timeline_figure(frame)
    >>> [trace["customdata"] for trace in fig["data"] if trace.get("name") == "AP"]
    [[['a:0']]]
    """
    return draw(
        prepare(events, lanes),
        view,
        revision=revision,
        styles=styles,
        detail_max=detail_max,
        dense_threshold=dense_threshold,
    )


def next_view(
    drawable: Drawable, zoom: Any, reported: Any, revision: str
) -> tuple[Window | None, bool]:
    """The window the chart should show, and whether the app moves it there (the chart's
    revision must then change; otherwise the reader's own zoom is kept).

    `zoom` is a range button pressed ({"button", "range"}: the window shown then), `reported`
    the window the chart last said it shows ({"range", "revision"}), `revision` the chart's
    current one. A report under another revision is stale (the filters changed since): the
    first view (None). A window where no event is left goes back to the first view too.
    """
    if isinstance(zoom, Mapping):
        shown = parse_window(zoom.get("range"))
        return range_button_window(drawable.spans, str(zoom.get("button")), shown), True
    if not isinstance(reported, Mapping) or reported.get("revision") != revision:
        return None, False
    window = parse_window(reported.get("range"))
    if window is not None and not drawable.meeting(window).any():
        return None, True  # a search or filter left nothing here: back to the first view
    return window, False


def count_unplaced(events: pd.DataFrame) -> int:
    """Return how many events have no calendar date (e.g. a weekday with no publication date);
    vague ones count only when their article has no publication date to draw them at."""
    placed = events["date_start"].notna()
    if "published" in events:
        placed |= (events["granularity"] == VAGUE) & events["published"].notna()
    return int((~placed).sum())


def _vague_at_published(frame: pd.DataFrame) -> pd.DataFrame:
    """Vague rows have no calendar date; the chart draws them in their band at publication."""
    vague = frame["granularity"] == VAGUE
    if not vague.any() or "published" not in frame:
        return frame
    placed = frame["published"].where(vague, frame["date_start"])
    return frame.assign(
        date_start=placed, date_end=frame["date_end"].where(~vague, frame["published"])
    )
