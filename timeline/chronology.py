"""The chronology: every event in date order, grouped by day, month or year, a page at a time.

An event goes into the day, month or year that holds its whole span; a span that no such group
holds (the year 1987 in a chronology by month, a week across two months) is a group of its own,
named as the span it is ("1987", "week of 27 February 2017"), and comes before the narrower
groups that start with it. Vague expressions ("recently", "in recent years") have no calendar
date: they form one group after every dated one, ordered by publication; events that could not
be placed at all (a weekday in an undated article) come last.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import numpy as np
import pandas as pd

from timeline.calendar_words import MONTHS, as_date, format_day, format_span
from timeline.events import VAGUE

GROUPINGS = ("day", "month", "year")
VAGUE_GROUP = "vague: no calendar date"
UNPLACED_GROUP = "not placed on the calendar"
DEFAULT_PAGE_SIZE = 200
SEASONS = dict.fromkeys((12, 1, 2), "winter") | dict.fromkeys((3, 4, 5), "spring")
SEASONS |= dict.fromkeys((6, 7, 8), "summer") | dict.fromkeys((9, 10, 11), "autumn")
# A window this many days long or less is read by day, then by month; longer ones by year.
DAY_WINDOW_DAYS = 62
MONTH_WINDOW_DAYS = 3 * 366


@dataclass(frozen=True)
class ChronologyPage:
    """One page of a chronology: its rows (the events' columns plus `group` and `when`), in
    order, and where it stands among the pages."""

    rows: pd.DataFrame
    grouping: str  # day | month | year
    page: int  # 0-based
    pages: int
    total: int  # events in the whole chronology


def span_label(first: Any, last: Any, granularity: str) -> str:
    """Name a calendar span as what it is: a day, a week, a month, a season, a year, ...

    >>> span_label(date(1987, 1, 1), date(1987, 12, 31), "year")
    '1987'
    >>> span_label(date(2017, 3, 1), date(2017, 3, 31), "month")
    'March 2017'
    >>> span_label(date(2017, 3, 6), date(2017, 3, 12), "week")
    'week of 6 March 2017'
    >>> span_label(date(2017, 4, 1), date(2017, 6, 30), "quarter")
    'Q2 2017'
    >>> span_label(date(1990, 1, 1), date(1999, 12, 31), "decade"), span_label(None, None, "vague")
    ('the 1990s', 'vague: no calendar date')
    """
    start, end = as_date(first), as_date(last)
    if granularity == VAGUE:
        return VAGUE_GROUP
    if start is None:
        return UNPLACED_GROUP
    end = end or start
    if start == end:
        return format_day(start)
    if granularity == "week":
        return f"week of {start.day} {MONTHS[1][start.month - 1]} {start.year}"
    if granularity == "month" or _whole_month(start, end):
        return f"{MONTHS[1][start.month - 1]} {start.year}"
    if granularity == "quarter" and start.day == 1 and start.month % 3 == 1:
        return f"Q{start.month // 3 + 1} {start.year}"
    if granularity == "season":
        return f"{SEASONS[start.month]} {end.year if start.month == 12 else start.year}"
    if granularity == "decade" and start.year % 10 == 0:
        return f"the {start.year}s"
    return format_span(start, end, granularity)


def choose_grouping(first: date, last: date) -> str:
    """Day for a window up to two months, month up to three years, else year.

    >>> choose_grouping(date(2017, 2, 1), date(2017, 3, 15)), choose_grouping(date(2015, 1, 1),
    ...     date(2017, 1, 1)), choose_grouping(date(1990, 1, 1), date(2017, 1, 1))
    ('day', 'month', 'year')
    """
    days = (last - first).days + 1
    if days <= DAY_WINDOW_DAYS:
        return "day"
    return "month" if days <= MONTH_WINDOW_DAYS else "year"


def chronological(events: pd.DataFrame, grouping: str = "day") -> pd.DataFrame:
    """Every event in date order, with `group` (its heading) and `when` (its span, in words).

    Dated groups come by first day, a wider group before the narrower ones starting with it;
    within a group events come by first day, the narrower first; then vague expressions by
    publication; then events with no date. Ties keep the input order.

    >>> frame = pd.DataFrame({
    ...     "date_start": pd.to_datetime(["2017-03-08", None, "2017-01-01", "2017-03-06"]),
    ...     "date_end": pd.to_datetime(["2017-03-08", None, "2017-12-31", "2017-03-12"]),
    ...     "granularity": ["day", "vague", "year", "week"],
    ...     "published": pd.to_datetime(["2017-03-09"] * 4)})
    >>> for group, when in chronological(frame, "month")[["group", "when"]].values:
    ...     print(f"{group}: {when}")
    2017: 2017
    March 2017: week of 6 March 2017
    March 2017: Wed 8 Mar 2017
    vague: no calendar date: vague: no calendar date
    """
    if events.empty:
        return events.assign(group=pd.Series(dtype=str), when=pd.Series(dtype=str))
    keys = _Keys.of(events.reset_index(drop=True), grouping)
    return keys.labelled(keys.order)


def in_chronological_order(events: pd.DataFrame) -> pd.DataFrame:
    """The rows in the chronology's order (by day), with no column added: how exports come.

    >>> frame = pd.DataFrame({"event_id": ["vague", "late", "early"],
    ...     "date_start": pd.to_datetime([None, "2017-03-08", "2017-03-01"]),
    ...     "date_end": pd.to_datetime([None, "2017-03-08", "2017-03-01"]),
    ...     "granularity": ["vague", "day", "day"]})
    >>> in_chronological_order(frame)["event_id"].tolist()
    ['early', 'late', 'vague']
    """
    if events.empty or "date_start" not in events:
        return events
    return events.iloc[_Keys.of(events.reset_index(drop=True), "day").order]


@dataclass(frozen=True)
class _Keys:
    """What orders and groups the rows of a frame, worked out for all rows at once; the words
    (group headings, spans) only for the rows asked for."""

    frame: pd.DataFrame
    grouping: str
    kinds: pd.Series
    first: pd.Series  # NaT for vague and unplaced rows
    last: pd.Series
    own: np.ndarray  # the span fits no group of the grouping: a group of its own
    order: np.ndarray

    @classmethod
    def of(cls, frame: pd.DataFrame, grouping: str) -> _Keys:
        if grouping not in GROUPINGS:
            raise ValueError(f"grouping must be one of {GROUPINGS}, not {grouping!r}")
        index = frame.index
        kinds = frame["granularity"] if "granularity" in frame else pd.Series("", index=index)
        vague = (kinds == VAGUE).to_numpy()
        first = pd.to_datetime(frame["date_start"]).where(~vague)
        ends = frame["date_end"] if "date_end" in frame else frame["date_start"]
        last = pd.to_datetime(ends).where(~vague).fillna(first)
        placed = first.notna().to_numpy()
        unit = {"day": "D", "month": "M", "year": "Y"}[grouping]
        group_first = first.dt.to_period(unit).dt.start_time
        group_last = first.dt.to_period(unit).dt.end_time.dt.normalize()
        own = placed & (last > group_last).to_numpy()
        group_first = group_first.where(~own, first)
        group_last = group_last.where(~own, last)
        kind = np.where(placed, 0, np.where(vague, 1, 2))  # dated, vague, unplaced
        published = frame["published"] if "published" in frame else pd.Series(pd.NaT, index=index)
        order = np.lexsort(
            (
                np.arange(len(frame)),
                _ns(published),
                _ns(last),
                _ns(first),
                -_ns(group_last),
                _ns(group_first),
                kind,
            )
        )
        return cls(frame, grouping, kinds, first, last, own, order)

    def labelled(self, positions: np.ndarray) -> pd.DataFrame:
        """These rows, in this order, with `group` and `when`."""
        rows = self.frame.iloc[positions]
        groups = [
            span_label(start, end, kind) if alone else _unit_label(start, self.grouping)
            for start, end, kind, alone in zip(
                self.first.iloc[positions],
                self.last.iloc[positions],
                self.kinds.iloc[positions],
                self.own[positions],
                strict=True,
            )
        ]
        groups = [
            VAGUE_GROUP if kind == VAGUE else group
            for group, kind in zip(groups, self.kinds.iloc[positions], strict=True)
        ]
        when = [
            span_label(start, end, kind)
            for start, end, kind in zip(
                rows["date_start"], rows["date_end"], self.kinds.iloc[positions], strict=True
            )
        ]
        return rows.assign(group=groups, when=when).reset_index(drop=True)


def chronology(
    events: pd.DataFrame,
    *,
    grouping: str = "auto",
    page: int = 0,
    page_size: int = DEFAULT_PAGE_SIZE,
) -> ChronologyPage:
    """One page of the chronology of `events` (all of them, whatever their number).

    `grouping` is "day", "month", "year", or "auto": chosen from the dates the events cover
    (`choose_grouping`). A page past the last gives the last.
    """
    grouping = resolved_grouping(events, grouping)
    if events.empty:
        return ChronologyPage(chronological(events, grouping), grouping, 0, 1, 0)
    keys = _Keys.of(events.reset_index(drop=True), grouping)
    pages = max(1, -(-len(keys.order) // page_size))
    page = min(max(page, 0), pages - 1)
    shown = keys.order[page * page_size : (page + 1) * page_size]
    return ChronologyPage(keys.labelled(shown), grouping, page, pages, len(keys.order))


def resolved_grouping(events: pd.DataFrame, grouping: str = "auto") -> str:
    """`grouping`, or for "auto" the one the dates of `events` call for (`choose_grouping`)."""
    if grouping != "auto":
        return grouping
    dated = events[events["date_start"].notna() & (events["granularity"] != VAGUE)]
    if dated.empty:
        return "day"
    last = dated["date_end"].fillna(dated["date_start"]).max()  # a day's end may be missing
    return choose_grouping(dated["date_start"].min().date(), last.date())


def locate_day(
    events: pd.DataFrame,
    day: date,
    *,
    grouping: str = "auto",
    page_size: int = DEFAULT_PAGE_SIZE,
) -> tuple[int, int]:
    """Where the chronology reaches `day`: the page and the place on it of the first event
    that starts on or after it (the last dated event when none does; (0, 0) with none).

    >>> frame = pd.DataFrame({
    ...     "date_start": pd.to_datetime(["2017-03-08", "2017-01-02", "2017-02-01", None]),
    ...     "date_end": pd.to_datetime(["2017-03-08", "2017-01-02", "2017-02-01", None]),
    ...     "granularity": ["day", "day", "day", "vague"]})
    >>> locate_day(frame, date(2017, 2, 1), page_size=2), locate_day(frame, date(2018, 1, 1))
    ((0, 1), (0, 2))
    """
    if events.empty:
        return 0, 0
    keys = _Keys.of(events.reset_index(drop=True), resolved_grouping(events, grouping))
    firsts = keys.first.to_numpy(dtype="datetime64[ns]")[keys.order]
    dated = np.flatnonzero(~np.isnat(firsts))
    if not len(dated):
        return 0, 0
    reached = dated[firsts[dated] >= np.datetime64(day, "ns")]
    position = int(reached[0]) if len(reached) else int(dated[-1])
    return position // page_size, position % page_size


def _unit_label(start: Any, grouping: str) -> str:
    day = as_date(start)
    if day is None:
        return UNPLACED_GROUP
    if grouping == "day":
        return format_day(day)
    if grouping == "month":
        return f"{MONTHS[1][day.month - 1]} {day.year}"
    return str(day.year)


def _whole_month(start: date, end: date) -> bool:
    return start.day == 1 and start.month == end.month and (end + timedelta(days=1)).day == 1


def _ns(column: pd.Series) -> np.ndarray:
    """Datetimes as integers for sorting; missing ones last."""
    values = pd.to_datetime(column).to_numpy(dtype="datetime64[ns]").astype(np.int64)
    return np.where(pd.isna(column).to_numpy(), np.iinfo(np.int64).max, values)
