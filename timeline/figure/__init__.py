"""The timeline figure (Plotly, as plain dicts ready for JSON; no UI calls here): lanes of any
column, single marks or counts for a window of time, and the windows the reader asks for.

Modules by job: `window` (which stretch of time), `lanes` (lanes and colours), `marks` (single
events), `density` (counts), `hover` (hover texts), `layout` (axes and bands), `build` (the
figure for a window).
"""

from timeline.figure.build import (
    DETAIL_MAX,
    Drawable,
    build_timeline_figure,
    count_unplaced,
    draw,
    next_view,
    prepare,
)
from timeline.figure.lanes import timeline_palette
from timeline.figure.layout import selection_band
from timeline.figure.marks import DENSE_THRESHOLD, MarkStyle
from timeline.figure.window import (
    RANGE_BUTTONS,
    DatedSpans,
    Window,
    bulk_extent,
    fit_x_range,
    format_days,
    parse_days,
    parse_window,
    range_button_window,
    typed_window,
)

__all__ = [
    "DETAIL_MAX",
    "RANGE_BUTTONS",
    "DENSE_THRESHOLD",
    "DatedSpans",
    "Drawable",
    "MarkStyle",
    "Window",
    "build_timeline_figure",
    "bulk_extent",
    "count_unplaced",
    "fit_x_range",
    "next_view",
    "format_days",
    "draw",
    "parse_days",
    "parse_window",
    "typed_window",
    "prepare",
    "range_button_window",
    "selection_band",
    "timeline_palette",
]
