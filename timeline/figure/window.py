"""Windows of time over the events: the first view (where most events are), the whole bulk
(what "all" shows; a far-off "11th century" does not stretch it), the busiest stretch of a
given length (what the range buttons show), and the rows a window holds.

Times are epoch seconds in numpy arrays inside, `pd.Timestamp` pairs outside.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

from timeline.events import VAGUE

Window = tuple[pd.Timestamp, pd.Timestamp]
DAY_SECONDS = 86_400
FIRST_VIEW_SHARE = 0.8  # the first view holds this share of the events (the "shortest half" idea)
# "all" and the Dates box hold this share: a far-off "11th century" stays out (at 10,000 news
# articles, 3% of the events are references to earlier decades; 0.5% before 1950).
BULK_SHARE = 0.98
SPAN_SHARE = 0.25  # a window stretches to hold the whole span of events at most this long
LONG_SPAN_SHARE = 2.0  # spans longer than this many views are the view's backdrop, not in it
# Range buttons: how long a stretch each shows (None: the bulk).
RANGE_BUTTONS: Mapping[str, int | None] = {
    "1w": 7 * DAY_SECONDS,
    "1m": 31 * DAY_SECONDS,
    "1y": 366 * DAY_SECONDS,
    "all": None,
}


@dataclass(frozen=True)
class DatedSpans:
    """The events' date spans in epoch seconds, vague ones left out unless all are vague; the
    midpoints sorted once for every window asked of them."""

    starts: np.ndarray
    ends: np.ndarray  # the last day's start: a one-day event has ends == starts
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
        starts = seconds(first)
        ends = seconds(last)
        middles = (starts + ends) // 2
        return cls(starts, ends, middles, np.sort(middles))

    def window(
        self, share: float = FIRST_VIEW_SHARE, pad: float = 0.12, min_days: int = 10
    ) -> Window:
        """The shortest stretch that holds `share` of the events, padded on both sides."""
        middles = self.sorted_middles
        count = len(middles)
        keep = max(1, int(np.ceil(share * count)))
        widths = middles[keep - 1 :] - middles[: count - keep + 1]
        first = int(np.argmin(widths))
        low, high = int(middles[first]), int(middles[first + keep - 1])
        # Whole spans of the events in the window stay visible, and a little air around them;
        # not "this century" from the middle of it, which would stretch the window to 2100.
        inside = (self.middles >= low) & (self.middles <= high)
        inside &= self.ends - self.starts <= SPAN_SHARE * (high - low)
        if inside.any():
            low = min(low, int(self.starts[inside].min()))
            high = max(high, int(self.ends[inside].max()) + DAY_SECONDS)
        return _padded(low, high, pad, min_days * DAY_SECONDS)

    @cached_property
    def first_view(self) -> Window:
        """Where the chart opens: around most events."""
        return self.window()

    @cached_property
    def bulk(self) -> Window:
        """What "all" shows: nearly every event, not the rare far-off one."""
        return self.window(share=BULK_SHARE, pad=0.02)

    def busiest(self, length: int, within: Window | None = None) -> Window:
        """The stretch of `length` seconds holding the most events inside `within` (the
        whole bulk when None or empty); a stretch longer than `within` is centred on it."""
        low, high = seconds_of(within) if within is not None else seconds_of(self.bulk)
        if length >= high - low:
            middle = (low + high) // 2
            return _window(middle - length // 2, middle + length // 2)
        # Only events drawn one by one at that length count: "2021" is in no week.
        short = self.ends - self.starts <= LONG_SPAN_SHARE * length
        middles = np.sort(self.middles[short]) if not short.all() else self.sorted_middles
        first, last = np.searchsorted(middles, [low, high - length], side="left")
        if first >= np.searchsorted(middles, high, side="right"):  # nothing in view
            return self.busiest(length) if within is not None else _window(low, low + length)
        starts = middles[first : max(last, first) + 1]
        counts = np.searchsorted(middles, starts + length, side="right") - np.arange(
            first, first + len(starts)
        )
        best = int(np.argmax(counts))
        group_low = int(starts[best])
        group_high = int(middles[first + best + counts[best] - 1])
        start = (group_low + group_high) // 2 - length // 2  # the events in the middle
        start = min(max(start, low), high - length)
        return _window(start, start + length)


def seconds(values: pd.Series | pd.Index) -> np.ndarray:
    """Datetimes as int64 epoch seconds."""
    return pd.to_datetime(values).to_numpy(dtype="datetime64[s]").astype("int64")


def seconds_of(window: Window) -> tuple[int, int]:
    """A window as epoch seconds (any year: `.value` is nanoseconds and overflows before 1677)."""
    return int(np.floor(window[0].timestamp())), int(np.floor(window[1].timestamp()))


def _window(low: int, high: int) -> Window:
    return pd.Timestamp(low, unit="s"), pd.Timestamp(high, unit="s")


def _padded(low: int, high: int, pad: float, min_width: int) -> Window:
    width = max(high - low, min_width)
    middle = (low + high) // 2
    half = int(width * (0.5 + pad))
    return (
        pd.Timestamp(middle - half, unit="s").floor("D"),
        pd.Timestamp(middle + half, unit="s").ceil("D"),
    )


def fit_x_range(events: pd.DataFrame, share: float = FIRST_VIEW_SHARE) -> Window | None:
    """Return a first view around the bulk of the events, robust to a few outliers.

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
    return spans.window(share) if spans is not None else None


def range_button_window(
    spans: DatedSpans | None, button: str, view: Window | None
) -> Window | None:
    """The window a range button shows: for "1w", "1m", "1y" the busiest stretch of that length
    in the current view (so it never lands on an empty end of the axis), for "all" the bulk.

    >>> days = pd.to_datetime(["2017-01-03", "2017-02-10", "2017-02-11", "2017-02-12",
    ...                        "2017-07-01"])
    >>> frame = pd.DataFrame({"date_start": days, "date_end": days, "granularity": "day"})
    >>> low, high = range_button_window(DatedSpans.of(frame), "1w", None)
    >>> low <= pd.Timestamp("2017-02-10") and pd.Timestamp("2017-02-13") <= high
    True
    """
    if spans is None or button not in RANGE_BUTTONS:
        return None
    length = RANGE_BUTTONS[button]
    if length is None:
        return spans.bulk
    return spans.busiest(length, view)


def bulk_extent(events: pd.DataFrame) -> tuple[date, date] | None:
    """The days the bulk of the events covers (what the Dates box starts with).

    >>> days = pd.to_datetime(["1000-01-01"] + ["2017-02-22"] * 200)
    >>> frame = pd.DataFrame({"date_start": days, "date_end": days, "granularity": "day"})
    >>> bulk_extent(frame)
    (datetime.date(2017, 2, 22), datetime.date(2017, 2, 22))
    """
    spans = DatedSpans.of(events)
    if spans is None:
        return None
    low, high = spans.window(share=BULK_SHARE, pad=0, min_days=0)  # the days, no air
    return low.date(), (high - pd.Timedelta(seconds=1)).date()


DAYS_SEPARATOR = " – "
_DAY_TEXT = re.compile(r"\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?\s*")
_SEPARATORS = re.compile(r"\s+(?:–|—|-|to|until)\s+|\s*(?:–|—|\.\.)\s*|/")


def format_days(days: tuple[date, date]) -> str:
    """Two days as the Dates box shows them.

    >>> format_days((date(2017, 2, 1), date(2017, 3, 31)))
    '2017-02-01 – 2017-03-31'
    """
    return f"{days[0].isoformat()}{DAYS_SEPARATOR}{days[1].isoformat()}"


def parse_days(text: str) -> tuple[date, date] | None:
    """The days a reader typed in the Dates box: two days, months or years (a month or year
    from its first to its last day), or one of them alone; None when it is not that.

    >>> parse_days("2017-02-01 – 2017-03-31") == parse_days("2017-02 to 2017-03")
    True
    >>> parse_days("2017-02 to 2017-03")
    (datetime.date(2017, 2, 1), datetime.date(2017, 3, 31))
    >>> parse_days("1998"), parse_days("2017-02-30 – 2017-03-01"), parse_days("soon")
    ((datetime.date(1998, 1, 1), datetime.date(1998, 12, 31)), None, None)
    >>> parse_days("2017-03-01 - 2017-02-01")
    (datetime.date(2017, 2, 1), datetime.date(2017, 3, 1))
    >>> parse_days("Aug 1998") == parse_days("1998-08"), parse_days("Aug")
    (True, None)
    """
    parts = _SEPARATORS.split(text.strip(), maxsplit=1)
    if len(parts) == 1:
        parts = parts * 2
    first, last = _day_span(parts[0]), _day_span(parts[1])
    if first is None or last is None:
        return None
    return min(first[0], last[0]), max(first[1], last[1])


def _day_span(text: str) -> tuple[date, date] | None:
    """The first and last day of a written year, month or day."""
    found = _DAY_TEXT.fullmatch(text)
    if found is None:
        return _words_span(text)
    year, month, day = (int(g) if g else None for g in found.groups())
    assert year is not None
    try:
        if month is None:
            return date(year, 1, 1), date(year, 12, 31)
        if day is None:
            first = date(year, month, 1)
            return first, (pd.Timestamp(first) + pd.offsets.MonthEnd(0)).date()
        return date(year, month, day), date(year, month, day)
    except ValueError:
        return None


def _words_span(text: str) -> tuple[date, date] | None:
    """The first and last day of a year, month or day written in words ("Aug 1998", "5 March
    2017"), read by dateparser; None without a year ("Aug" names no one month)."""
    found = _date_words().get_date_data(text)
    if found.date_obj is None:
        return None
    day = found.date_obj.date()
    if found.period == "year":
        return date(day.year, 1, 1), date(day.year, 12, 31)
    if found.period == "month":
        return _day_span(f"{day.year}-{day.month}")
    return day, day


@functools.cache
def _date_words() -> Any:
    from dateparser.date import DateDataParser  # slow to import; only words need it

    settings = {
        "PREFER_DAY_OF_MONTH": "first",
        "REQUIRE_PARTS": ["year"],
        "PARSERS": ["absolute-time"],
    }
    return DateDataParser(languages=["en"], settings=settings)


def typed_window(start: date | None, end: date | None) -> Window | None:
    """The window of the days typed in the Dates box, the last one whole (None: none typed).

    >>> typed_window(date(1998, 1, 1), date(1998, 12, 31))
    (Timestamp('1998-01-01 00:00:00'), Timestamp('1999-01-01 00:00:00'))
    """
    if start is None or end is None:
        return None
    return pd.Timestamp(start), pd.Timestamp(end) + pd.Timedelta(days=1)


def parse_window(value: Any) -> Window | None:
    """A window from what the chart reports (two dates as text), or None when it is not one.

    >>> parse_window(["2017-02-01 06:00:00.5", "2017-03-01"])
    (Timestamp('2017-02-01 06:00:00.500000'), Timestamp('2017-03-01 00:00:00'))
    >>> parse_window(["2017-03-01", "2017-02-01"]), parse_window("soon"), parse_window(None)
    (None, None, None)
    """
    if not isinstance(value, list | tuple) or len(value) != 2:
        return None
    try:
        low, high = pd.Timestamp(value[0]), pd.Timestamp(value[1])
    except (TypeError, ValueError, OverflowError):
        return None
    if low is pd.NaT or high is pd.NaT or not low < high:
        return None
    return low, high


def widened(window: Window, share: float) -> Window:
    """The window with `share` of its width added on each side."""
    low, high = window
    margin = (high - low) * share
    return low - margin, high + margin
