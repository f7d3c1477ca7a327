"""Key events: the happenings that many articles tell, the top ones per period of a window.

An event is a merged group (`merge`): the same happening told by several articles. Its weight
is how many distinct articles tell it, then how many distinct outlets; among equals a precise
date beats a coarse one (a day says more than the year around it). A window of dates is cut
into periods (days, weeks, months or years, whichever gives a readable number of them) and
each period shows its top events.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from timeline.chronology import span_label
from timeline.events import VAGUE

KEY_EVENT_COLUMNS: tuple[str, ...] = (
    "date_start",
    "date_end",
    "granularity",
    "value",
    "label",
    "articles",
    "sources",
    "event_ids",
    "when",
    "outlets",
    "period",
    "event_id",
)
DATE_COLUMNS = ("date_start", "date_end")
# A window's periods: the first whose count of periods in the window is at most this.
MAX_PERIODS = 40
PERIODS: tuple[tuple[str, str], ...] = (("day", "D"), ("week", "W"), ("month", "M"), ("year", "Y"))
# A merged event is placed in the period of its midpoint; these never rank (no calendar day).
UNRANKED_GRANULARITIES = frozenset({VAGUE, "unknown", "duration", "set"})


def rank_events(merged: pd.DataFrame) -> pd.DataFrame:
    """The dated events of a merged frame (`merge.MERGED_COLUMNS`), most important first, as
    `KEY_EVENT_COLUMNS` (`period` empty).

    >>> from timeline.merge import merge_events
    >>> from timeline.events import events_frame
    >>> def row(article, source, sentence, day):
    ...     start = sentence.index("Thursday")
    ...     return {"event_id": f"{article}:{start}", "article": article, "source": source,
    ...             "text": "Thursday", "start": start, "end": start + 8, "sentence": sentence,
    ...             "sentence_start": 0, "sentence_end": len(sentence), "date_start": day,
    ...             "date_end": day, "granularity": "day", "value": str(day), "event": sentence}
    >>> meet = "Tillerson and Kelly meet Pena Nieto on Thursday."
    >>> frame = events_frame([row("a", "AP", meet, date(2017, 2, 23)),
    ...     row("b", "Reuters", meet.replace("meet", "will meet"), date(2017, 2, 23)),
    ...     row("c", "AP", "Floods hit Peru on Thursday.", date(2017, 2, 16))])
    >>> ranked = rank_events(merge_events(frame))
    >>> ranked[["when", "articles", "sources"]].values.tolist()
    [['Thu 23 Feb 2017', 2, ['AP', 'Reuters']], ['Thu 16 Feb 2017', 1, ['AP']]]
    """
    if merged.empty:
        return pd.DataFrame(columns=list(KEY_EVENT_COLUMNS))
    dated = merged[
        merged["date_start"].notna() & ~merged["granularity"].isin(UNRANKED_GRANULARITIES)
    ].reset_index(drop=True)
    mentions = dated["mentions"] if "mentions" in dated else _own_mentions(dated)
    articles, sources, event_ids = [], [], []
    for told in mentions:  # one pass: this is most of the work
        articles.append(len({mention["article"] for mention in told}))
        sources.append(list(dict.fromkeys(str(mention["source"]) for mention in told)))
        event_ids.append([str(mention["event_id"]) for mention in told])
    days = (dated["date_end"] - dated["date_start"]).dt.days + 1
    ranked = pd.DataFrame(
        {
            "date_start": dated["date_start"],
            "date_end": dated["date_end"],
            "granularity": dated["granularity"],
            "value": dated["value"],
            "label": dated["event"],
            "articles": np.array(articles, dtype=np.int64),
            "sources": sources,
            "event_ids": event_ids,
            "when": [
                span_label(first, last, granularity)
                for first, last, granularity in zip(
                    dated["date_start"], dated["date_end"], dated["granularity"], strict=True
                )
            ],
            "outlets": np.fromiter(map(len, sources), np.int64, len(sources)),
            "period": "",
            "event_id": dated["event_id"],
        },
        columns=list(KEY_EVENT_COLUMNS),
    )
    order = np.lexsort(
        (
            np.arange(len(ranked)),
            ranked["date_start"].to_numpy(),
            days.to_numpy(),
            -ranked["outlets"].to_numpy(),
            -ranked["articles"].to_numpy(),
        )
    )
    return ranked.iloc[order].reset_index(drop=True)


def choose_period(start: date, end: date, max_periods: int = MAX_PERIODS) -> str:
    """The finest period (day, week, month, year) that cuts [start, end] into at most
    `max_periods` pieces.

    >>> choose_period(date(2017, 2, 1), date(2017, 2, 28)), choose_period(date(2017, 1, 1),
    ...     date(2017, 6, 30)), choose_period(date(2015, 1, 1), date(2017, 12, 31))
    ('day', 'week', 'month')
    >>> choose_period(date(1990, 1, 1), date(2017, 12, 31))
    'year'
    """
    for name, code in PERIODS:
        count = len(pd.period_range(start, end, freq=code))
        if count <= max_periods:
            return name
    return PERIODS[-1][0]


def key_events(
    merged: pd.DataFrame,
    *,
    top: int = 10,
    start: date | None = None,
    end: date | None = None,
    period: str | None = None,
) -> pd.DataFrame:
    """The `top` key events of the window [start, end] (each end optional), most important
    first; with a `period` ("day", "week", "month", "year", or "auto" to choose it from the
    window), the `top` of each period, periods in date order.

    An event belongs to the window when its span overlaps it, and to a period when its whole
    span lies inside it (the year 2017 is no key event of its January). An event wider than
    the periods but inside the window (the month of March in a window of March by day) goes
    into the finest coarser period that holds it (a week, a month, a year), listed before the
    narrower ones it starts with; wider still, it is none. `period` names the period (e.g.
    "2017-02", "2017-02-20/2017-02-26", "2017-02-23"; `period_kind` says which).
    """
    return top_events(rank_events(merged), top=top, start=start, end=end, period=period)


def top_events(
    ranked: pd.DataFrame,
    *,
    top: int = 10,
    start: date | None = None,
    end: date | None = None,
    period: str | None = None,
) -> pd.DataFrame:
    """`key_events` on events already ranked (`rank_events`): a view that keeps the ranking
    of its corpus pays only this for each window (a few hundredths of a second)."""
    if start is not None:
        ranked = ranked[ranked["date_end"] >= pd.Timestamp(start)]
    if end is not None:
        ranked = ranked[ranked["date_start"] <= pd.Timestamp(end)]
    if period is None or ranked.empty:
        return ranked.head(top).reset_index(drop=True)
    if period == "auto":
        first = start or ranked["date_start"].min().date()
        last = end or ranked["date_end"].max().date()
        period = choose_period(first, last)
    within = np.ones(len(ranked), dtype=bool)
    if start is not None:
        within &= (ranked["date_start"] >= pd.Timestamp(start)).to_numpy()
    if end is not None:
        within &= (ranked["date_end"] <= pd.Timestamp(end)).to_numpy()
    names = pd.Series("", index=ranked.index)
    firsts = pd.Series(pd.NaT, index=ranked.index, dtype="datetime64[ns]")
    lasts = firsts.copy()
    levels = [name for name, _ in PERIODS]
    for level in levels[levels.index(period) :]:  # the period, then the coarser ones
        code = dict(PERIODS)[level]
        open_rows = names == ""
        if level != period:  # a coarser period holds only events inside the window
            open_rows &= within
        first, last = (ranked[column][open_rows].dt.to_period(code) for column in DATE_COLUMNS)
        held = first[first == last]
        names[held.index] = held.astype(str)
        firsts[held.index] = held.dt.start_time
        lasts[held.index] = held.dt.end_time.dt.normalize()
    held = names != ""
    ranked = ranked[held].assign(period=names[held])
    tops = ranked.groupby("period", sort=False).head(top)
    # groups by first day, a wider one before the narrower ones that start with it
    order = np.lexsort((np.arange(len(tops)), -lasts[tops.index].to_numpy().astype(np.int64),
                        firsts[tops.index].to_numpy().astype(np.int64)))  # fmt: skip
    return tops.iloc[order].reset_index(drop=True)


def period_kind(period: str) -> str:
    """Which kind of period a `period` of `top_events` names.

    >>> [period_kind(p) for p in ("2017", "2017-02", "2017-02-20/2017-02-26", "2017-02-23")]
    ['year', 'month', 'week', 'day']
    """
    if "/" in period:
        return "week"
    return {1: "year", 2: "month", 3: "day"}[len(period.split("-"))]


def _own_mentions(events: pd.DataFrame) -> pd.Series:
    """An unmerged frame: each row is its own only mention."""
    records: list[dict[str, Any]] = events[["event_id", "article", "source"]].to_dict("records")
    return pd.Series([[record] for record in records], index=events.index)
