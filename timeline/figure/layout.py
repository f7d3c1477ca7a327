"""The figure's layout: the time axis, the lane axis, lane shading, the vague band's divider,
the legend; and the days the selected event covers (the chart draws its band over them)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from timeline.figure.lanes import Lanes
from timeline.figure.marks import iso
from timeline.figure.window import Window

FONT = "Source Sans Pro, -apple-system, Segoe UI, Helvetica, Arial, sans-serif"
BAND_COLOR = "#ffd43b"
MAX_HEIGHT = 640  # pixels: the axis stays in view below the title, views and buttons


def timeline_layout(
    lanes: Lanes, has_vague: bool, view: Window | None, revision: str
) -> dict[str, Any]:
    """Axes, lane shading and the vague divider; shapes are set at once (add_hrect is slow).

    `view` is the time window shown, `revision` keeps the reader's zoom across redraws until
    it changes. No range slider: Plotly draws every mark in it again (SVG, so that doubles the
    time to draw), and the chart's range buttons and "all" do its job."""
    offset = lanes.offset
    lane_count = len(lanes.labels)
    shapes: list[dict[str, Any]] = []
    tickvals = [lanes.y[key] for key in lanes.labels]
    ticktext = list(lanes.labels.values())
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
    top = lanes.top
    return {
        "template": "plotly_white",
        "font": {"family": FONT, "size": 13, "color": "#31333F"},
        "height": int(min(MAX_HEIGHT, max(380, 170 + 70 * top))),
        # the tool bar stands upright in the right margin: across the top it hid the legend
        "margin": {"l": 10, "r": 40, "t": 10, "b": 10},
        "modebar": {"orientation": "v"},
        "barmode": "overlay",
        "bargap": 0,
        "hovermode": "closest",
        "hoverdistance": 12,
        "dragmode": "pan",
        "clickmode": "event",  # no selection: nothing fades, the chart marks the pick itself
        "uirevision": revision,
        "shapes": shapes,
        "showlegend": True,
        "legend": {  # above the lanes; the top margin grows to hold it
            "orientation": "h",
            "yref": "paper",
            "y": 1.01,
            "yanchor": "bottom",
            "xanchor": "left",
            "x": 0,
            "itemclick": "toggle",
            "font": {"size": 13},
        },
        "hoverlabel": {"bgcolor": "white", "bordercolor": "#c9ccd3", "font": {"size": 13}},
        "xaxis": {
            "type": "date",
            "automargin": True,  # room for two-line tick labels ("Feb 15" over "2017")
            "range": iso(pd.Series(view)) if view is not None else None,
            "showgrid": True,
            "gridcolor": "#e6e8ec",
            "rangeslider": {"visible": False},  # it would draw every mark a second time
            "hoverformat": "%a %d %b %Y",
        },
        "yaxis": {
            "tickvals": tickvals,
            "ticktext": ticktext,
            "range": [-0.5, top - 0.45],
            "fixedrange": True,
            "showgrid": False,
            "zeroline": False,
            "automargin": True,
            "ticks": "",
            "tickfont": {"size": 13, "color": "#31333F"},
        },
    }


def selection_band(events: pd.DataFrame, selected: str | None) -> list[str] | None:
    """The days the selected event covers, [first day, day after the last] as ISO text, or
    None when it is not among `events` or has no date.

    >>> frame = pd.DataFrame({"event_id": ["a:1"], "date_start": [pd.Timestamp("2017-03-01")],
    ...                       "date_end": [pd.Timestamp("2017-03-31")]})
    >>> selection_band(frame, "a:1"), selection_band(frame, "b:2")
    (['2017-03-01T00:00:00', '2017-04-01T00:00:00'], None)
    """
    if selected is None:
        return None
    row = events[events["event_id"] == selected]
    if row.empty or pd.isna(row["date_start"].iloc[0]):
        return None
    first, last = row["date_start"].iloc[0], row["date_end"].iloc[0]
    last = first if pd.isna(last) else last
    return iso(pd.Series([first, last + pd.Timedelta(days=1)]))


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
