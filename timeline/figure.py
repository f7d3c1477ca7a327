"""The Plotly timeline figure, built from the events dataframe (no UI calls here).

Layout: one lane per article (per source when there are many articles), coloured by source.
Day-level events are markers; longer spans (week, month, quarter, season, year, decade...) are
bars over the whole span; vague expressions sit in their own band below a divider, drawn as open
rings at the publication date, so they never pose as exact dates. Publication dates are dark
diamonds. Every clickable point carries its `event_id` as the first `customdata` column (a
string, see the typed-array trap in BROWSER_TESTING.md); `selected_event_id` reads it back.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from timeline.events import VAGUE
from timeline.snippets import as_date, describe_published, format_span

DAY = "day"
WEBGL_THRESHOLD = 1_000
DENSITY_THRESHOLD = 25_000  # above this many events, draw counts per lane and period
NOON = pd.Timedelta(hours=12)  # a day's marker sits in the middle of its day
VAGUE_GAP = 1.2  # the vague band sits at y=0, the lanes start this far above it
MAX_ARTICLE_LANES = 24
MAX_SOURCE_LANES = 30
OTHER = "~other"  # the group of sources/articles beyond the lane and colour limits
OTHER_COLOR = "#9AA0AB"
LABEL_CHARS = 34
HOVER_WIDTH = 60
# Okabe-Ito-like palette: distinguishable for colour-blind readers, dark enough on white.
PALETTE = (
    "#0072B2",
    "#D55E00",
    "#009E73",
    "#CC79A7",
    "#E69F00",
    "#56B4E9",
    "#8C564B",
    "#6A3D9A",
    "#B8860B",
    "#17BECF",
)
PUBLISHED_COLOR = "#31333F"
FONT = "Source Sans Pro, -apple-system, Segoe UI, Helvetica, Arial, sans-serif"
# Events columns a figure never reads, left out before its rows are picked: copying long
# sentences (and a merged row's mentions) for every row cost 0.15 s at 95,000 events.
UNDRAWN_COLUMNS = frozenset(
    {"start", "end", "type", "sentence", "sentence_start", "sentence_end", "rule", "mentions"}
)


def selected_event_id(selection: Any) -> str | None:
    """Return the event id of the first selected point of a plotly_chart selection, if any.

    Accepts the chart's state (a dict or Streamlit's attribute dict) and both shapes of a
    point's `customdata`: a list, or the dict a typed array turns into.

    >>> selected_event_id({"selection": {"points": [{"customdata": ["a:1", "x"]}]}})
    'a:1'
    >>> selected_event_id({"selection": {"points": [{"customdata": {"0": "a:1"}}]}})
    'a:1'
    >>> selected_event_id({"selection": {"points": []}}) is None
    True
    """
    for point in selection_points(selection):
        event_id = point_event_id(point)
        if event_id:
            return event_id
    return None


def selection_points(selection: Any) -> list[Mapping[str, Any]]:
    """Return the list of selected points from a chart state (empty when nothing is selected)."""
    if not selection:
        return []
    inner = selection.get("selection") if isinstance(selection, Mapping) else None
    if inner is None:
        inner = getattr(selection, "selection", None)
    if not inner:
        return []
    points = inner.get("points") if isinstance(inner, Mapping) else getattr(inner, "points", None)
    return [p for p in points or [] if isinstance(p, Mapping)]


def point_event_id(point: Mapping[str, Any]) -> str | None:
    """Return the event id held in a point's customdata, list- or dict-shaped.

    >>> point_event_id({"customdata": ["a:3"]}), point_event_id({"customdata": {"0": "a:3"}})
    ('a:3', 'a:3')
    >>> point_event_id({"customdata": "a:3"}), point_event_id({})
    ('a:3', None)
    """
    data = point.get("customdata")
    if isinstance(data, Mapping):
        data = data.get("0", data.get(0))  # type: ignore[call-overload]
    elif isinstance(data, list | tuple):
        data = data[0] if data else None
    if data is None or data == "":
        return None
    return str(data)


# The range slider's overview holds this share of the events: a rare far-off date (a
# century, a typo) would otherwise squeeze the rest of the corpus into a sliver of it.
SLIDER_SHARE = 0.99


def fit_x_range(
    events: pd.DataFrame, share: float = 0.8, pad: float = 0.12, min_days: int = 10
) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """Return an initial x window around the bulk of the events, robust to a few outliers.

    The window is the shortest interval that holds `share` of the event dates (the idea of the
    "shortest half" estimator), padded on both sides; an event in 1990 among a hundred in 2017
    does not stretch it. None when no event has a date.

    >>> frame = pd.DataFrame({"date_start": pd.to_datetime(
    ...     ["1990-06-01"] + [f"2017-02-{d:02}" for d in range(10, 25)]), "granularity": "day"})
    >>> frame["date_end"] = frame["date_start"]
    >>> low, high = fit_x_range(frame)
    >>> low.year, high.year
    (2017, 2017)
    """
    spans = DatedSpans.of(events)
    return spans.window(share, pad, min_days) if spans is not None else None


@dataclass(frozen=True)
class DatedSpans:
    """The events' date spans in epoch seconds, vague ones left out unless all are vague; the
    midpoints sorted once for every window asked of them."""

    starts: np.ndarray
    ends: np.ndarray
    middles: np.ndarray  # (start + end) // 2, in the order of `starts`
    sorted_middles: np.ndarray

    @classmethod
    def of(cls, events: pd.DataFrame) -> DatedSpans | None:
        """The spans of `events`, or None when no event has a date."""
        first = events["date_start"]
        dated = first.notna().to_numpy()
        exact = dated & (events["granularity"] != VAGUE).to_numpy()
        rows = exact if exact.any() else dated
        if not rows.any():
            return None
        first = first[rows]
        last = events["date_end"][rows].fillna(first)
        starts = pd.to_datetime(first).to_numpy(dtype="datetime64[s]").astype("int64")
        ends = pd.to_datetime(last).to_numpy(dtype="datetime64[s]").astype("int64")
        middles = (starts + ends) // 2
        return cls(starts, ends, middles, np.sort(middles))

    def window(
        self, share: float = 0.8, pad: float = 0.12, min_days: int = 10
    ) -> tuple[pd.Timestamp, pd.Timestamp]:
        """See `fit_x_range`."""
        middles = self.sorted_middles
        count = len(middles)
        keep = max(1, int(np.ceil(share * count)))
        widths = middles[keep - 1 :] - middles[: count - keep + 1]
        first = int(np.argmin(widths))
        low, high = middles[first], middles[first + keep - 1]
        # Whole spans of the events in the window stay visible, and a little air around them.
        inside = (self.middles >= low) & (self.middles <= high)
        low = min(low, int(self.starts[inside].min()))
        high = max(high, int(self.ends[inside].max()) + 86_400)
        width = max(high - low, min_days * 86_400)
        middle = (low + high) // 2
        half = int(width * (0.5 + pad))
        return (
            pd.Timestamp(middle - half, unit="s").floor("D"),
            pd.Timestamp(middle + half, unit="s").ceil("D"),
        )


def date_extent(events: pd.DataFrame) -> tuple[date, date] | None:
    """Return the first and last day any event covers (None when none is dated).

    >>> frame = pd.DataFrame({"date_start": pd.to_datetime(["2017-02-20", None]),
    ...                       "date_end": pd.to_datetime(["2017-02-28", None])})
    >>> date_extent(frame)
    (datetime.date(2017, 2, 20), datetime.date(2017, 2, 28))
    """
    first, last = as_date(events["date_start"].min()), as_date(events["date_end"].max())
    if first is None:
        return None
    return first, last or first


def count_unplaced(events: pd.DataFrame) -> int:
    """Return how many events have no calendar date (e.g. a weekday with no publication date);
    vague ones count only when their article has no publication date to draw them at."""
    placed = events["date_start"].notna()
    if "published" in events:
        placed |= (events["granularity"] == VAGUE) & events["published"].notna()
    return int((~placed).sum())


def source_colors(sources: Sequence[str]) -> dict[str, str]:
    """Return a stable colour per source (sorted order, palette cycled).

    >>> source_colors(["b", "a"])
    {'a': '#0072B2', 'b': '#D55E00'}
    """
    named = sorted(set(sources) - {OTHER})
    colors = {s: PALETTE[i % len(PALETTE)] for i, s in enumerate(named)}
    if OTHER in sources:
        colors[OTHER] = OTHER_COLOR
    return colors


def draws_in_webgl(events: pd.DataFrame, webgl_threshold: int = WEBGL_THRESHOLD) -> bool:
    """Whether `build_timeline_figure` draws these events with WebGL: a figure the browser
    takes about a second to draw again at 10,000 articles, so a click should not change it.

    >>> draws_in_webgl(pd.DataFrame({"date_start": pd.to_datetime(["2017-02-22", None])}), 1)
    False
    """
    return int(events["date_start"].notna().sum()) > webgl_threshold


def build_timeline_figure(
    events: pd.DataFrame,
    *,
    lanes: str = "auto",
    selected: str | None = None,
    webgl_threshold: int = WEBGL_THRESHOLD,
    density_threshold: int = DENSITY_THRESHOLD,
    x_range: tuple[Any, Any] | None = None,
    revision: str = "timeline",
) -> go.Figure:
    """Return the interactive timeline for an events dataframe (`events.EVENT_COLUMNS`).

    `lanes` is "article", "source" or "auto" (articles while there are few). `selected` rings one
    event. Above `webgl_threshold` points the traces are WebGL (`scattergl`) and spans become thin
    lines with a clickable midpoint; above `density_threshold` the events are counted per lane
    and day (or week, month... whichever keeps the marks few), and `layout.meta["density"]`
    names that period. `revision` keeps the user's zoom across reruns until it
    changes.

    >>> frame = pd.DataFrame([{"event_id": "a:0", "article": "a", "title": "T", "source": "AP",
    ...     "published": pd.Timestamp("2017-02-22"), "published_from": "header",
    ...     "text": "Monday", "value": "2017-02-20", "date_start": pd.Timestamp("2017-02-20"),
    ...     "date_end": pd.Timestamp("2017-02-20"), "granularity": "day", "event": "talks"}])
    >>> fig = build_timeline_figure(frame)
    >>> [trace.customdata[0][0] for trace in fig.data if trace.name == "AP"]
    ['a:0']
    """
    frame = _vague_at_published(
        events[[column for column in events.columns if column not in UNDRAWN_COLUMNS]]
    )
    frame = frame[frame["date_start"].notna()].copy()
    lane_kind = _lane_kind(frame, lanes)
    limit = MAX_ARTICLE_LANES if lane_kind == "article" else MAX_SOURCE_LANES
    frame["lane_key"] = _top_or_other(frame[lane_kind].astype(str), limit)
    frame["color_key"] = _top_or_other(frame["source"].astype(str), len(PALETTE))
    lane_labels = _lane_labels(frame, lane_kind)
    lane_index = {key: i for i, key in enumerate(lane_labels)}
    vague_rows = frame["granularity"] == VAGUE
    has_vague = bool(vague_rows.any())
    # Lanes top to bottom; the vague band sits under a divider at the bottom.
    lane_count = len(lane_labels)
    offset = VAGUE_GAP if has_vague else 0.0
    lane_y = {key: lane_count - 1 - index + offset for key, index in lane_index.items()}
    frame["lane_y"] = frame["lane_key"].map(lane_y).astype(float)
    colors = source_colors(frame["color_key"].tolist())
    webgl = draws_in_webgl(frame, webgl_threshold)
    scatter = go.Scattergl if webgl else go.Scatter

    fig = go.Figure()
    if len(frame) > density_threshold:
        period = _add_density(fig, frame, colors, density_threshold)
        fig.layout.meta = {"density": period, "events": len(frame)}
        _layout(fig, lane_labels, lane_count, offset, has_vague, frame, x_range, revision)
        fig.layout.shapes = (*fig.layout.shapes, *_selection_band(frame, selected))
        return fig
    _add_published(fig, frame, scatter)  # first, so events draw on top of it
    days = frame[((frame["granularity"] == DAY) | _is_point(frame)) & ~vague_rows]
    spans = frame[~frame.index.isin(days.index) & ~vague_rows]
    vague = frame[vague_rows]
    shown_legend: set[str] = set()
    for source in sorted(colors):  # days first: the legend shows their round marker
        part = days[days["color_key"] == source]
        if len(part):
            _add_days(fig, part, colors[source], source, scatter, webgl, shown_legend)
    for source in sorted(colors):
        part = spans[spans["color_key"] == source]
        if len(part):
            _add_spans(fig, part, colors[source], source, webgl, shown_legend)
    if has_vague:
        _add_vague(fig, vague, colors, scatter, webgl)
    _layout(fig, lane_labels, lane_count, offset, has_vague, frame, x_range, revision)
    fig.layout.shapes = (*fig.layout.shapes, *_selection_band(frame, selected))  # on top
    return fig


def _vague_at_published(frame: pd.DataFrame) -> pd.DataFrame:
    """Vague rows have no calendar date; the chart draws them in their band at publication."""
    vague = frame["granularity"] == VAGUE
    if not vague.any() or "published" not in frame:
        return frame
    placed = frame["published"].where(vague, frame["date_start"])
    return frame.assign(
        date_start=placed, date_end=frame["date_end"].where(~vague, frame["published"])
    )


HOVER_TEMPLATE = "%{hovertext}<extra></extra>"
DENSE_TEMPLATE = "%{hovertext}<extra>%{fullData.name}</extra>"


def _lane_kind(frame: pd.DataFrame, lanes: str) -> str:
    if lanes == "auto":
        return "article" if frame["article"].nunique() <= MAX_ARTICLE_LANES else "source"
    if lanes not in ("article", "source"):
        raise ValueError(f"lanes must be 'article', 'source' or 'auto', not {lanes!r}")
    return lanes


def _top_or_other(values: pd.Series, limit: int) -> pd.Series:
    """Keep the `limit - 1` commonest values; the rest become one OTHER group.

    >>> _top_or_other(pd.Series(list("aaabbc")), 2).tolist()
    ['a', 'a', 'a', '~other', '~other', '~other']
    """
    counts = values.value_counts(sort=True)
    if len(counts) <= limit:
        return values
    keep = counts.index[: limit - 1]
    return values.where(values.isin(keep), OTHER)


def _lane_labels(frame: pd.DataFrame, lane_kind: str) -> dict[str, str]:
    """Return lane key -> axis label, lanes ordered by source then first publication."""
    if frame.empty:
        return {}
    firsts = frame.sort_values(["source", "published", "lane_key"], na_position="last")
    keys = [k for k in firsts["lane_key"].drop_duplicates().tolist() if k != OTHER]
    if lane_kind == "source":
        labels = {k: _shorten(k, LABEL_CHARS) for k in keys}
    else:
        titles = firsts.drop_duplicates("lane_key").set_index("lane_key")["title"]
        labels = {k: _shorten(str(titles.get(k) or k), LABEL_CHARS) for k in keys}
    if (frame["lane_key"] == OTHER).any():
        others = frame.loc[frame["lane_key"] == OTHER, lane_kind].nunique()
        labels[OTHER] = f"{others:,} other {lane_kind}s"
    return labels


def _legend_name(source: str) -> str:
    return "other sources" if source == OTHER else _shorten(source, LABEL_CHARS)


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return _escape(text if len(text) <= limit else text[: limit - 1].rstrip() + "…")


def _escape(text: Any) -> str:
    """Escape text for plotly's pseudo-HTML labels (article text must not become markup)."""
    if text is None or (not isinstance(text, str) and pd.isna(text)):
        return ""
    return html.escape(str(text), quote=False)


def _wrap(text: str, width: int = HOVER_WIDTH) -> str:
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + len(word) < width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(_escape(line) for line in lines[:4]) + ("…" if len(lines) > 4 else "")


def _is_point(frame: pd.DataFrame) -> pd.Series:
    return frame["date_end"].isna() | (frame["date_end"] <= frame["date_start"])


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
    return base + 3 * (counts - 1)


def _jitter(part: pd.DataFrame, low: float, high: float) -> pd.Series:
    """Deterministic offsets in [low, high), from a hash of the event id."""
    hashed = pd.util.hash_pandas_object(part["event_id"], index=False).to_numpy()
    return pd.Series(low + (hashed % 1024) / 1024 * (high - low), index=part.index)


def _customdata(part: pd.DataFrame) -> np.ndarray:
    """The event ids as a one-column string array: a click reads `customdata[0]`.

    Strings, never numbers (a numeric column becomes a typed array and comes back from a click
    as a dict); one column, because plotly copies wider string arrays element by element.
    """
    return part["event_id"].astype(str).to_numpy(dtype=str).reshape(-1, 1)


def _hover_text(part: pd.DataFrame, dense: bool) -> np.ndarray:
    """Escaped hover text: label, expression as written -> normalized value (and date span).

    Dense (WebGL) figures get a shorter text built without a Python loop.
    """
    if dense:
        label = _escape_series(part["event"].fillna("").astype(str).str.slice(0, 60))
        text = (
            "<b>" + label + "</b><br>“" + _escape_series(part["text"]) + "” → "
            + _escape_series(part["value"])
        )  # fmt: skip
        return text.to_numpy(dtype=str)
    label = pd.Series([_wrap(str(e)) for e in part["event"]], index=part.index, dtype=str)
    spans = zip(part["date_start"], part["date_end"], part["granularity"], strict=True)
    span = pd.Series(
        [_escape(format_span(a, b, str(g))) for a, b, g in spans], index=part.index, dtype=str
    )
    text = (
        "<b>" + label + "</b><br>“" + _escape_series(part["text"]) + "” → "
        + _escape_series(part["value"]) + " (" + span + ")<br><span style='color:#6b6f7b'>"
        + _escape_series(part["source"]) + " · " + _escape_series(part["granularity"])
        + "</span>"
    )  # fmt: skip
    if "count" in part:  # merged rows (issue 5)
        told = part["count"].fillna(1).astype(int)
        text = text.where(told <= 1, text + "<br><b>told by " + told.astype(str) + " articles</b>")
    return text.fillna("").to_numpy(dtype=str)


def _escape_series(values: pd.Series) -> pd.Series:
    text = values.fillna("").astype(str)
    return text.str.replace("&", "&amp;").str.replace("<", "&lt;").str.replace(">", "&gt;")


PERIODS = (("D", "day"), ("W", "week"), ("M", "month"), ("Q", "quarter"), ("Y", "year"))


def _add_density(fig: go.Figure, frame: pd.DataFrame, colors: Mapping[str, str], limit: int) -> str:
    """Too many events to draw one by one: one mark per lane and period, sized by its count.

    The period is the finest (day, week, month...) that keeps the marks under `limit / 4`.
    A click on a mark selects the first event in it. Returns the period's name.
    """
    vague = frame["granularity"] == VAGUE
    middle = (
        frame["date_start"]
        + (frame["date_end"].fillna(frame["date_start"]) - frame["date_start"]) / 2
    )
    middle = middle.where(~vague, frame["published"].fillna(middle))
    lane_y = frame["lane_y"].where(~vague, 0.0)

    def marks(code: str) -> int:
        return int(pd.MultiIndex.from_arrays([lane_y, middle.dt.to_period(code)]).nunique())

    code, name = next(((c, n) for c, n in PERIODS if marks(c) <= limit // 4), PERIODS[-1])
    periods = middle.dt.to_period(code)
    bins = (
        pd.DataFrame(
            {"lane_y": lane_y, "period": periods, "color_key": frame["color_key"],
             "event_id": frame["event_id"], "text": frame["text"], "value": frame["value"]}
        )
        .groupby(["lane_y", "period", "color_key"], sort=False)
        .agg(count=("event_id", "size"), event_id=("event_id", "first"), text=("text", "first"),
             value=("value", "first"))
        .reset_index()
    )  # fmt: skip
    start = bins["period"].dt.start_time
    bins["x"] = start + (bins["period"].dt.end_time - start) / 2
    biggest = max(int(bins["count"].max()), 1)
    for key, part in bins.groupby("color_key", sort=True):
        hover = (
            "<b>" + part["count"].astype(str) + " events</b> · " + name + " of "
            + part["period"].dt.start_time.dt.strftime("%Y-%m-%d") + "<br>click: the first, “"
            + _escape_series(part["text"]) + "” → " + _escape_series(part["value"])
        )  # fmt: skip
        fig.add_trace(
            go.Scattergl(
                x=part["x"].to_numpy(),
                y=part["lane_y"].to_numpy(),
                mode="markers",
                name=_legend_name(str(key)),
                legendgroup=str(key),
                marker={
                    "color": colors[str(key)],
                    "size": (4 + 14 * np.sqrt(part["count"] / biggest)).to_numpy(),
                    "opacity": 0.75,
                },
                customdata=part["event_id"].astype(str).to_numpy(dtype=str).reshape(-1, 1),
                hovertext=hover.to_numpy(dtype=str),
                hovertemplate=DENSE_TEMPLATE,
            )
        )
    return name


def _add_days(
    fig: go.Figure,
    part: pd.DataFrame,
    color: str,
    source: str,
    scatter: Any,
    webgl: bool,
    shown_legend: set[str],
) -> None:
    """A marker per day-level event."""
    if webgl:  # a strip of jittered points reads as density
        y = part["lane_y"] + _jitter(part, -0.05, 0.25)
    else:  # a few points: fan out those sharing a day so each stays clickable
        y = part["lane_y"] + _stack(part, ["lane_key", "date_start"], 0.2)
    fig.add_trace(
        scatter(
            x=(part["date_start"] + NOON).to_numpy(),
            y=y.to_numpy(),
            mode="markers",
            name=_legend_name(source),
            legendgroup=source,
            showlegend=source not in shown_legend,
            marker={
                "color": color,
                "size": _marker_sizes(part, 6 if webgl else 12),
                "line": {"color": "white", "width": 0 if webgl else 1.5},
            },
            customdata=_customdata(part),
            hovertext=_hover_text(part, webgl),
            hovertemplate=DENSE_TEMPLATE if webgl else HOVER_TEMPLATE,
            selected={"marker": {"opacity": 1}},
            unselected={"marker": {"opacity": 0.55}},
        )
    )
    shown_legend.add(source)


def _add_spans(
    fig: go.Figure,
    part: pd.DataFrame,
    color: str,
    source: str,
    webgl: bool,
    shown_legend: set[str],
) -> None:
    """Bars over each span; in WebGL mode, thin lines plus a clickable midpoint marker."""
    ends = part["date_end"] + pd.Timedelta(days=1)
    if webgl:
        y = part["lane_y"] + _jitter(part, -0.4, -0.12)
    else:
        y = part["lane_y"] - 0.3 - 0.12 * _pack_rows(part, rows=2)
    if not webgl:
        fig.add_trace(
            go.Bar(
                base=part["date_start"].to_numpy(),
                x=((ends - part["date_start"]).dt.total_seconds() * 1000).to_numpy(),
                y=y.to_numpy(),
                orientation="h",
                width=0.1,
                name=_legend_name(source),
                legendgroup=source,
                showlegend=source not in shown_legend,
                marker={"color": color, "opacity": 0.7, "line": {"width": 0}},
                customdata=_customdata(part),
                hovertext=_hover_text(part, webgl),
                hovertemplate=HOVER_TEMPLATE,
                selected={"marker": {"opacity": 0.9}},
                unselected={"marker": {"opacity": 0.4}},
            )
        )
        shown_legend.add(source)
        return
    count = len(part)
    xs = np.empty(3 * count, dtype="datetime64[s]")
    xs[0::3] = part["date_start"].to_numpy(dtype="datetime64[s]")
    xs[1::3] = xs[2::3] = ends.to_numpy(dtype="datetime64[s]")
    ys = np.full(3 * count, np.nan)  # NaN after each segment: the line breaks there
    ys[0::3] = ys[1::3] = y.to_numpy(dtype=float)
    fig.add_trace(
        go.Scattergl(
            x=xs,
            y=ys,
            mode="lines",
            line={"color": color, "width": 4},
            opacity=0.6,
            hoverinfo="skip",
            legendgroup=source,
            showlegend=False,
        )
    )
    fig.add_trace(
        go.Scattergl(
            x=(part["date_start"] + (ends - part["date_start"]) / 2).to_numpy(),
            y=y.to_numpy(),
            mode="markers",
            name=_legend_name(source),
            legendgroup=source,
            showlegend=source not in shown_legend,
            marker={"color": color, "size": 5, "symbol": "line-ns-open", "line": {"width": 2}},
            customdata=_customdata(part),
            hovertext=_hover_text(part, webgl),
            hovertemplate=DENSE_TEMPLATE if webgl else HOVER_TEMPLATE,
        )
    )
    shown_legend.add(source)


def _add_vague(
    fig: go.Figure,
    vague: pd.DataFrame,
    colors: Mapping[str, str],
    scatter: Any,
    webgl: bool,
) -> None:
    """Vague mentions: open rings in the band under the divider, at the publication date.

    One trace per colour (a per-point colour list is validated point by point: slow).
    """
    anchor = vague["published"].fillna(vague["date_end"]).fillna(vague["date_start"])
    y = _stack(vague.assign(anchor=anchor), ["anchor"], 0.25)
    template = (DENSE_TEMPLATE if webgl else HOVER_TEMPLATE).replace(
        "<extra>", "<br><i>vague: drawn at the publication date</i><extra>"
    )
    for number, (key, part) in enumerate(vague.groupby("color_key", sort=True)):
        fig.add_trace(
            scatter(
                x=(anchor[part.index] + NOON).to_numpy(),
                y=y[part.index].to_numpy(),
                mode="markers",
                name="vague (“recently”, “now”)",
                legendrank=2001,
                legendgroup="vague",
                showlegend=number == 0,
                marker={
                    "color": "white",
                    "size": 6 if webgl else 11,
                    "symbol": "circle-open" if webgl else "circle",
                    "line": {"color": colors[str(key)], "width": 2.5},
                },
                customdata=_customdata(part),
                hovertext=_hover_text(part, webgl),
                hovertemplate=template,
                selected={"marker": {"opacity": 1}},
                unselected={"marker": {"opacity": 0.55}},
            )
        )


def _add_published(fig: go.Figure, frame: pd.DataFrame, scatter: Any) -> None:
    """A dark pin above each article's lane at its publication date (events stay visible)."""
    articles = frame[frame["published"].notna()].drop_duplicates(["article", "lane_key"])
    if articles.empty:
        return
    if len(articles) > WEBGL_THRESHOLD:  # vectorized, no wrapping
        hover = (
            "<b>Published " + articles["published"].dt.strftime("%Y-%m-%d") + "</b><br>"
            + _escape_series(articles["title"].astype(str).str.slice(0, 80)) + "<br>"
            + _escape_series(articles["source"]) + " · date "
            + _escape_series(articles["published_from"])
        ).to_numpy(dtype=str)  # fmt: skip
    else:
        hover = np.array(
            [
                f"<b>Published</b> {_escape(describe_published(day, how))}<br>"
                f"{_wrap(str(title))}<br><span style='color:#6b6f7b'>{_escape(source)}</span>"
                for day, title, source, how in zip(
                    articles["published"],
                    articles["title"],
                    articles["source"],
                    articles["published_from"],
                    strict=True,
                )
            ],
            dtype=str,
        )
    fig.add_trace(
        scatter(
            x=(articles["published"] + NOON).to_numpy(),
            y=(articles["lane_y"] + 0.36).to_numpy(),
            mode="markers",
            name="publication date",
            legendrank=2002,
            marker={
                "color": PUBLISHED_COLOR,
                "symbol": "triangle-down",
                "size": 7 if len(articles) > 200 else 11,
                "line": {"color": "white", "width": 1},
            },
            customdata=np.full((len(articles), 1), "", dtype=str),
            hovertext=hover,
            hovertemplate="%{hovertext}<extra></extra>",
        )
    )


def _selection_band(frame: pd.DataFrame, selected: str | None) -> list[dict[str, Any]]:
    """A yellow band over the selected event's days, across all lanes."""
    row = frame[frame["event_id"] == selected] if selected is not None else frame.head(0)
    if row.empty:
        return []
    first, last = row["date_start"].iloc[0], row["date_end"].iloc[0]
    last = first if pd.isna(last) else last
    return [_band(first, last + pd.Timedelta(days=1), "#ffd43b", opacity=0.28, vertical=True)]


def _band(
    low: Any, high: Any, color: str, opacity: float = 1.0, vertical: bool = False
) -> dict[str, Any]:
    """A filled rectangle under the data: across the plot's height (vertical) or width."""
    span = {"x0": low, "x1": high, "xref": "x", "y0": 0, "y1": 1, "yref": "paper"}
    if not vertical:
        span = {"y0": low, "y1": high, "yref": "y", "x0": 0, "x1": 1, "xref": "paper"}
    return {
        "type": "rect",
        **span,
        "fillcolor": color,
        "opacity": opacity,
        "line": {"width": 0},
        "layer": "below",
    }


def _layout(
    fig: go.Figure,
    lane_labels: Mapping[str, str],
    lane_count: int,
    offset: float,
    has_vague: bool,
    frame: pd.DataFrame,
    x_range: tuple[Any, Any] | None,
    revision: str,
) -> None:
    """Axes, lane shading and the vague divider; shapes are set at once (add_hrect is slow)."""
    shapes: list[dict[str, Any]] = []
    tickvals = [lane_count - 1 - i + offset for i in range(lane_count)]
    ticktext = list(lane_labels.values())
    if has_vague:
        tickvals.append(0)
        ticktext.append("<i>vague: no exact date</i>")
        shapes.append(_band(-0.5, offset - 0.6, "#f3f4f7"))
        line = {"color": "#9aa0ab", "width": 1, "dash": "dot"}
        divider = {"type": "line", "xref": "paper", "x0": 0, "x1": 1, "yref": "y", "line": line}
        shapes.append(divider | {"y0": offset - 0.6, "y1": offset - 0.6})
    for i in range(0, lane_count, 2):
        y = lane_count - 1 - i + offset
        shapes.append(_band(y - 0.5, y + 0.5, "#fafbfc"))
    spans = DatedSpans.of(frame)
    window = x_range or (spans.window() if spans is not None else None)
    slider: dict[str, Any] = {"visible": True, "thickness": 0.07, "bgcolor": "#f3f4f7"}
    overview = spans.window(share=SLIDER_SHARE, pad=0.02) if spans is not None else None
    if overview is not None:  # the slider spans nearly every event, not one "11th century"
        if window is not None:
            overview = (min(overview[0], window[0]), max(overview[1], window[1]))
        slider["range"] = list(overview)
    lanes_total = lane_count + offset
    fig.update_layout(
        template="plotly_white",
        font={"family": FONT, "size": 13, "color": "#31333F"},
        height=int(min(800, max(380, 170 + 70 * lanes_total))),
        margin={"l": 10, "r": 20, "t": 44, "b": 10},
        barmode="overlay",
        bargap=0,
        hovermode="closest",
        hoverdistance=12,
        dragmode="pan",
        clickmode="event+select",
        uirevision=revision,
        shapes=shapes,
        legend={  # under the range slider, so it never collides with the buttons on top
            "orientation": "h",
            "yref": "container",
            "y": 0,
            "yanchor": "bottom",
            "xanchor": "left",
            "x": 0,
            "itemclick": "toggle",
            "font": {"size": 13},
        },
        hoverlabel={"bgcolor": "white", "bordercolor": "#c9ccd3", "font": {"size": 13}},
        xaxis={
            "type": "date",
            "range": list(window) if window else None,
            "showgrid": True,
            "gridcolor": "#e6e8ec",
            "rangeslider": slider,
            "rangeselector": {
                "buttons": [
                    {"count": 7, "label": "1w", "step": "day", "stepmode": "backward"},
                    {"count": 1, "label": "1m", "step": "month", "stepmode": "backward"},
                    {"count": 1, "label": "1y", "step": "year", "stepmode": "backward"},
                    {"step": "all", "label": "all"},
                ],
                "x": 0,
                "xanchor": "left",
                "y": 1.01,
                "yanchor": "bottom",
                "font": {"size": 12},
            },
            "hoverformat": "%a %d %b %Y",
        },
        yaxis={
            "tickvals": tickvals,
            "ticktext": ticktext,
            "range": [-0.5, lanes_total - 0.45],
            "fixedrange": True,
            "showgrid": False,
            "zeroline": False,
            "automargin": True,
            "ticks": "",
            "tickfont": {"size": 13, "color": "#31333F"},
        },
    )
