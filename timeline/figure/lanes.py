"""Lanes and colours: one horizontal lane per value of any column (article, source, or what a
caller adds: a followed name, say), the commonest values kept and the rest grouped; a colour
per source (or per value of any column) from a palette colour-blind readers can tell apart.

Lanes of a column other than `article` run top to bottom in the order of their values; a
column `<lane column>_label`, when the events have one, names them (so a caller orders lanes
by a key of its own: "0", "1", ... and labels them "Airbus", "Boeing")."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from timeline.figure.hover import shorten

OTHER = "~other"  # the group of values beyond the lane and colour limits
OTHER_COLOR = "#9AA0AB"
LABEL_CHARS = 34
VAGUE_GAP = 1.2  # the vague band sits at y=0, the lanes start this far above it
AUTO_ARTICLE_LANES = 24  # "auto": a lane per article up to this many articles, else per source
# Lane column -> how many lanes before the rest are grouped.
LANE_LIMITS: Mapping[str, int] = {"article": 24}
DEFAULT_LANE_LIMIT = 30
# Lane column -> the column its lanes are labelled with (articles by their titles).
LANE_LABEL_COLUMNS: Mapping[str, str] = {"article": "title"}
LABEL_SUFFIX = "_label"  # a column "<lane column>_label" names that column's lanes
# Lane column -> what its grouped lanes are called ("312 other articles").
LANE_NOUNS: Mapping[str, str] = {"article": "article", "source": "source"}
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


@dataclass(frozen=True)
class Lanes:
    """Which lane each event sits in, and where lanes are drawn (top to bottom)."""

    column: str  # the events column the lanes come from
    keys: pd.Series  # per event: its lane's key (a value of `column`, or OTHER)
    labels: dict[str, str]  # lane key -> axis label, top to bottom
    y: dict[str, float]  # lane key -> y of the lane's centre line
    offset: float  # the lanes start this far above the vague band at y=0 (0: no band)

    @property
    def top(self) -> float:
        return len(self.labels) + self.offset


def lane_column(events: pd.DataFrame, lanes: str) -> str:
    """The column the lanes come from: "auto" is a lane per article while there are few.

    >>> frame = pd.DataFrame({"article": ["a", "b"], "source": ["AP", "AP"]})
    >>> lane_column(frame, "auto"), lane_column(frame, "source")
    ('article', 'source')
    """
    if lanes == "auto":
        return "article" if events["article"].nunique() <= AUTO_ARTICLE_LANES else "source"
    if lanes not in events.columns:
        raise ValueError(f"lanes must be 'auto' or a column of the events, not {lanes!r}")
    return lanes


def assign_lanes(events: pd.DataFrame, column: str, has_vague: bool) -> Lanes:
    """The lanes of `column`'s values: the commonest kept, the rest one "other" lane at the
    bottom; article lanes ordered by source then first publication, others by name."""
    limit = LANE_LIMITS.get(column, DEFAULT_LANE_LIMIT)
    keys = top_or_other(events[column].astype(str), limit)
    labels = _lane_labels(events, keys, column)
    offset = VAGUE_GAP if has_vague else 0.0
    count = len(labels)
    y = {key: count - 1 - index + offset for index, key in enumerate(labels)}
    return Lanes(column, keys, labels, y, offset)


def top_or_other(values: pd.Series, limit: int) -> pd.Series:
    """Keep the `limit - 1` commonest values; the rest become one OTHER group.

    >>> top_or_other(pd.Series(list("aaabbc")), 2).tolist()
    ['a', 'a', 'a', '~other', '~other', '~other']
    """
    counts = values.value_counts(sort=True)
    if len(counts) <= limit:
        return values
    keep = counts.index[: limit - 1]
    return values.where(values.isin(keep), OTHER)


def _lane_labels(events: pd.DataFrame, keys: pd.Series, column: str) -> dict[str, str]:
    """Lane key -> axis label, top to bottom, the OTHER lane last."""
    if events.empty:
        return {}
    frame = pd.DataFrame({"key": keys, "source": events["source"]})
    label_column = LANE_LABEL_COLUMNS.get(column)
    if label_column is None and f"{column}{LABEL_SUFFIX}" in events:
        label_column = f"{column}{LABEL_SUFFIX}"
    if label_column is not None:
        frame["label"] = events[label_column]
    if column == "article":  # an article's rows share its source and date: one row each
        frame["published"] = events["published"]
        firsts = frame.drop_duplicates("key").sort_values(
            ["source", "published", "key"], na_position="last"
        )
    else:
        firsts = frame.drop_duplicates("key").sort_values("key")
    firsts = firsts[firsts["key"] != OTHER]
    texts = firsts["label"] if label_column is not None else firsts["key"]
    labels = {
        str(key): shorten(str(text) or str(key), LABEL_CHARS)
        for key, text in zip(firsts["key"], texts, strict=True)
    }
    if (keys == OTHER).any():
        others = events.loc[keys == OTHER, column].nunique()
        noun = LANE_NOUNS.get(column, "value")
        labels[OTHER] = f"{others:,} other {noun}s"
    return labels


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


def color_keys(
    events: pd.DataFrame, column: str = "source", palette: Mapping[str, str] | None = None
) -> pd.Series:
    """Per event, the value of `column` its colour stands for: the commonest values, or those
    `palette` colours; OTHER for the rest."""
    values = events[column].astype(str)
    if palette is None:
        return top_or_other(values, len(PALETTE))
    return values.where(values.isin([name for name in palette if name != OTHER]), OTHER)


def timeline_palette(events: pd.DataFrame, column: str = "source") -> dict[str, str]:
    """The colours of a whole timeline's sources, to keep while filters narrow it.

    >>> timeline_palette(pd.DataFrame({"source": ["AP", "AP", "Xinhua"]}))
    {'AP': '#0072B2', 'Xinhua': '#D55E00'}
    """
    return source_colors(color_keys(events, column).unique().tolist())


def legend_name(source: str) -> str:
    return "other sources" if source == OTHER else shorten(source, LABEL_CHARS)
