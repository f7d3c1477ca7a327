"""Counts instead of single marks, for a window with too many events to draw one by one: one
mark per lane and period (day, week, month...: the finest that keeps a few dozen periods
across the view), sized by how many events it holds. A click on one zooms into its period."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from timeline.figure.hover import count_hover
from timeline.figure.lanes import Lanes, legend_name
from timeline.figure.marks import Trace, iso
from timeline.figure.window import DAY_SECONDS

# (pandas period code, name, days it lasts at most), finest first.
PERIODS: tuple[tuple[str, str, int], ...] = (
    ("D", "day", 1),
    ("W", "week", 7),
    ("M", "month", 31),
    ("Q", "quarter", 92),
    ("Y", "year", 366),
)
MAX_PERIODS = 100  # count marks across the view at most (the view is about 1,000 px wide)


PERIOD_NAMES = {code: name for code, name, _ in PERIODS}


def period_for(width_seconds: float) -> tuple[str, str]:
    """The finest period that puts at most MAX_PERIODS marks across a view this wide.

    >>> period_for(30 * 86_400), period_for(366 * 86_400), period_for(40 * 366 * 86_400)
    (('D', 'day'), ('W', 'week'), ('Y', 'year'))
    """
    for code, name, days in PERIODS:
        if width_seconds / (days * DAY_SECONDS) <= MAX_PERIODS:
            return code, name
    return PERIODS[-1][0], PERIODS[-1][1]


@dataclass(frozen=True)
class Counted:
    """Per event, what counting needs, as arrays: its middle (epoch seconds), its lane's y and
    code (the vague band: 0 and -1) and its colour's code; the names behind the codes."""

    middles: np.ndarray
    lane_y: np.ndarray
    lane_codes: np.ndarray
    lane_keys: list[str]
    color_codes: np.ndarray
    color_names: list[str]


def period_starts(middles: np.ndarray, code: str) -> tuple[np.ndarray, np.ndarray]:
    """The first and the next period's first second of the period (of `code`) each middle
    falls in (weeks start on Monday).

    >>> first, after = period_starts(np.array([1487764800]), "W")  # Wed 22 Feb 2017, noon
    >>> iso(first), iso(after)
    (['2017-02-20T00:00:00'], ['2017-02-27T00:00:00'])
    """
    days = middles // DAY_SECONDS
    if code in ("D", "W"):
        step = 1 if code == "D" else 7
        first = days - (days + 3) % 7 if code == "W" else days  # 1 Jan 1970 was a Thursday
        return first * DAY_SECONDS, (first + step) * DAY_SECONDS
    months = days.astype("datetime64[D]").astype("datetime64[M]").astype("int64")
    step = {"M": 1, "Q": 3, "Y": 12}[code]
    months = months - months % step  # quarters and years start in January, April...

    def to_seconds(month: np.ndarray) -> np.ndarray:
        return month.astype("datetime64[M]").astype("datetime64[s]").astype("int64")

    return to_seconds(months), to_seconds(months + step)


def count_traces(
    counted: Counted, rows: np.ndarray, lanes: Lanes, colors: Mapping[str, str], code: str
) -> list[Trace]:
    """A mark per lane, period (of `code`) and colour for the events in `rows`, sized by its
    count; vague events count in the vague band at their publication date, spans at their
    middle."""
    name = PERIOD_NAMES[code]
    first, after = period_starts(counted.middles[rows], code)
    bins = (
        pd.DataFrame(
            {
                "lane": counted.lane_codes[rows],
                "lane_y": counted.lane_y[rows],
                "color": counted.color_codes[rows],
                "first": first,
                "after": after,
            }
        )
        .groupby(["lane", "lane_y", "color", "first", "after"], sort=False)
        .size()
        .rename("count")
        .reset_index()
    )
    if bins.empty:
        return []
    labels = [*(lanes.labels.get(k, k) for k in counted.lane_keys), "vague expressions"]
    biggest = max(int(bins["count"].max()), 1)
    traces = []
    for number, part in bins.groupby("color", sort=False):
        key = counted.color_names[int(number)]
        counts = part["count"].to_numpy()
        starts = part["first"].to_numpy()
        ends = part["after"].to_numpy()
        lane_names = [labels[i] for i in part["lane"]]
        traces.append(
            {
                "type": "scatter",
                "x": iso((starts + (ends - starts) // 2).astype("datetime64[s]")),
                "y": part["lane_y"].round(4).tolist(),
                "mode": "markers",
                "name": legend_name(key),
                "legendgroup": key,
                "marker": {
                    "color": colors[key],
                    "size": np.round(4 + 14 * np.sqrt(counts / biggest), 2).tolist(),
                    "opacity": 0.75,
                },
                # no event id: a click zooms into the period instead
                "customdata": [
                    ["", a, b]
                    for a, b in zip(
                        iso(starts.astype("datetime64[s]")),
                        iso(ends.astype("datetime64[s]")),
                        strict=True,
                    )
                ],
                "hovertext": count_hover(counts, name, starts.astype("datetime64[s]"), lane_names),
                "hovertemplate": "%{hovertext}<extra></extra>",
            }
        )
    return sorted(traces, key=lambda trace: str(trace["legendgroup"]))
