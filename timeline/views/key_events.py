"""The key-events view: the events most articles tell in each period of the window the reader
looks at, as rows to draw (one lane per band of "told by N articles") and as a list grouped by
period, each with its span, a label written as a sentence and how many articles tell it.

The ranking is made once per corpus (`key_events.rank_events`); a window costs a cut of it
(`key_events.top_events`) and this module's reshaping of a few hundred rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from timeline.chronology import span_label
from timeline.key_events import PERIODS, choose_period, period_kind, top_events
from timeline.labels import headline
from timeline.views.listing import (
    ListGroup,
    ListRow,
    as_heading,
    group_rows,
    outlet_names,
    plural,
)

TOP_PER_PERIOD = 5
# A timeline of more events than this opens on its key events (fewer: on all of them, which a
# reader takes in at a glance).
KEY_EVENTS_FROM = 500
# Lanes of the key-events chart, top to bottom: the least number of articles of each band.
TOLD_BANDS: tuple[tuple[int, str], ...] = (
    (10, "told by 10 or more articles"),
    (5, "told by 5 to 9 articles"),
    (2, "told by 2 to 4 articles"),
    (1, "told by 1 article"),
)


@dataclass(frozen=True)
class KeyEventsView:
    """The key events of one window: `events` to draw (merged rows, lanes `told`), `groups`
    to list, the `period` they are ranked in ("day", "week", "month", "year"; "" with none)."""

    events: pd.DataFrame
    groups: list[ListGroup]
    period: str

    @property
    def count(self) -> int:
        return len(self.events)


def opens_on_key_events(events: int) -> bool:
    """Whether a timeline of this many (merged) events opens on its key events.

    >>> opens_on_key_events(40), opens_on_key_events(39_000)
    (False, True)
    """
    return events > KEY_EVENTS_FROM


def ranked_among(ranked: pd.DataFrame, event_ids: Iterable[str]) -> pd.DataFrame:
    """The ranked events whose merged row is among `event_ids` (what the filters kept), in
    rank order.

    >>> ranked = pd.DataFrame({"event_id": ["a:1", "b:2", "c:3"]})
    >>> ranked_among(ranked, ["c:3", "a:1", "z:9"])["event_id"].tolist()
    ['a:1', 'c:3']
    """
    wanted = pd.Index(list(event_ids))
    return ranked[wanted.get_indexer(ranked["event_id"]) >= 0]


def key_events_view(
    ranked: pd.DataFrame,
    merged: pd.DataFrame,
    window: tuple[date, date] | None,
    top: int = TOP_PER_PERIOD,
) -> KeyEventsView:
    """The `top` events of each period of `window` (None: of the whole ranking), as merged rows
    ready to draw and as list groups under their period's name, in date order."""
    if ranked.empty:
        return KeyEventsView(merged.iloc[0:0].assign(told="", told_label=""), [], "")
    start, end = window if window is not None else (None, None)
    kind = choose_period(
        start or ranked["date_start"].min().date(), end or ranked["date_end"].max().date()
    )
    chosen = top_events(ranked, top=top, start=start, end=end, period=kind)
    if chosen.empty:
        return KeyEventsView(merged.iloc[0:0].assign(told="", told_label=""), [], kind)
    # chosen by rank, listed by date: under its heading the list reads as a timeline
    group_order = pd.Index(chosen["period"].unique()).get_indexer(chosen["period"])
    order = np.lexsort((np.arange(len(chosen)), chosen["date_start"].to_numpy(), group_order))
    chosen = chosen.iloc[order].reset_index(drop=True)
    positions = pd.Index(merged["event_id"]).get_indexer(chosen["event_id"])
    rows = merged.iloc[positions].reset_index(drop=True)
    articles = chosen["articles"].to_numpy()
    headlines = [
        headline(label, sentence)
        for label, sentence in zip(chosen["label"], rows["sentence"], strict=True)
    ]
    band = np.searchsorted(-np.array([least for least, _ in TOLD_BANDS]), -articles)
    events = rows.assign(
        event=headlines,
        source=[outlet_names(names) for names in chosen["sources"]],
        count=articles,
        published=pd.NaT,  # told by many articles: no one publication mark
        told=[str(number) for number in band],
        told_label=[TOLD_BANDS[number][1] for number in band],
    )
    headings = {period: group_heading(period) for period in chosen["period"].unique()}
    listed = [
        (
            headings[period],
            ListRow(
                id=str(event_id),
                when=str(when),
                label=label,
                note=_told_note(int(count), sources),
                hint=", ".join(map(str, sources)),
            ),
        )
        for period, event_id, when, label, count, sources in zip(
            chosen["period"],
            chosen["event_id"],
            chosen["when"],
            headlines,
            chosen["articles"],
            chosen["sources"],
            strict=True,
        )
    ]
    return KeyEventsView(events.astype({"published": "datetime64[s]"}), group_rows(listed), kind)


def group_heading(period: str) -> str:
    """The heading of a group of `top_events`: the name of its period, of whichever kind.

    >>> group_heading("2017-03"), group_heading("2017-03-06/2017-03-12")
    ('March 2017', 'Week of 6 March 2017')
    """
    return period_heading(period, period_kind(period))


def period_heading(period: str, kind: str) -> str:
    """The name of a period of `top_events` ("2017-02", "2017-02-20/2017-02-26", ...).

    >>> period_heading("2017-02-20/2017-02-26", "week"), period_heading("2017-02", "month")
    ('Week of 20 February 2017', 'February 2017')
    >>> period_heading("2017-02-23", "day"), period_heading("1998", "year")
    ('Thu 23 Feb 2017', '1998')
    """
    code = dict(PERIODS)[kind]
    stamp = pd.Period(period.split("/")[0], freq=code)
    return as_heading(span_label(stamp.start_time.date(), stamp.end_time.date(), kind))


def caption(view: KeyEventsView, top: int = TOP_PER_PERIOD) -> str:
    """What the chart of key events shows, in one line.

    >>> view = KeyEventsView(pd.DataFrame({"event_id": ["a"]}), [], "month")
    >>> print(caption(view))  # doctest: +NORMALIZE_WHITESPACE
    The 5 events told by the most articles in each month of this window (1 shown). Zoom or
    pan: the key events follow the window.
    """
    if not view.count:
        return "No dated event lies within this window. Zoom out, or widen the filters."
    return (
        f"The {top} events told by the most articles in each {view.period} of "
        f"this window ({view.count:,} shown). Zoom or pan: the key events follow the window."
    )


def _told_note(articles: int, sources: Iterable[str]) -> str:
    names = list(sources)
    return f"{plural(articles, 'article')} · {outlet_names(names)}" if names else ""
