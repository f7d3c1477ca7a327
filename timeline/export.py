"""Export events: CSV, JSON records, and Knight Lab TimelineJS JSON."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pandas as pd

from timeline.calendar_words import as_date
from timeline.chronology import in_chronological_order
from timeline.events import DATE_COLUMNS, VAGUE
from timeline.snippets import escape, mention_quote_html

# Cells a spreadsheet would run as a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# TimelineJS date parts per granularity: which of year/month/day to write.
PRECISION = {
    "day": 3,
    "week": 3,
    "month": 2,
    "quarter": 2,
    "season": 2,
    "year": 1,
    "decade": 1,
    "century": 1,
}


def to_csv(events: pd.DataFrame, *, chronological: bool = True) -> str:
    """Return the events as CSV text: ISO dates, every text cell guarded against spreadsheet
    formulas (ids and names come from file names, which can start with "=" too).

    Rows come in the chronology's order (`chronology.in_chronological_order`) unless
    `chronological` is False (a ranking keeps its own order).

    >>> frame = pd.DataFrame({"event": ["=HYPERLINK(1)"],
    ...                       "date_start": pd.to_datetime(["2017-02-22"])})
    >>> print(to_csv(frame).strip())
    event,date_start
    '=HYPERLINK(1),2017-02-22

    List and dict cells (a merged event's `sources` and `mentions`) are written as JSON:

    >>> print(to_csv(pd.DataFrame({"sources": [["a", "b"]], "count": [2]})).strip())
    sources,count
    "[""a"", ""b""]",2
    """
    frame = (in_chronological_order(events) if chronological else events).copy()
    for column in frame.columns:
        if any(isinstance(value, list | dict | tuple) for value in frame[column]):
            frame[column] = frame[column].map(_json_cell)
    for column in frame.columns:
        if pd.api.types.is_string_dtype(frame[column]) or frame[column].dtype == object:
            frame[column] = frame[column].map(_defuse_formula)
    return frame.to_csv(index=False, date_format="%Y-%m-%d", lineterminator="\n")


def _json_cell(value: Any) -> Any:
    if isinstance(value, list | dict | tuple):
        return json.dumps(event_dicts_value(value), ensure_ascii=False)
    return value


def event_dicts_value(value: Any) -> Any:
    """Return a cell value made JSON-ready: dates as ISO text, numpy scalars as Python ones.

    >>> event_dicts_value({"start": pd.Timestamp("2017-02-23"), "n": [1]})
    {'start': '2017-02-23', 'n': [1]}
    """
    if isinstance(value, dict):
        return {str(key): event_dicts_value(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [event_dicts_value(item) for item in value]
    if isinstance(value, date):  # datetime and Timestamp included
        day = as_date(value)
        return day.isoformat() if day else None
    if hasattr(value, "item"):
        return value.item()
    return value


def _defuse_formula(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def event_dicts(events: pd.DataFrame) -> list[dict[str, Any]]:
    """Return the rows as JSON-ready dicts: ISO dates, None for missing values.

    >>> frame = pd.DataFrame({"event_id": ["a:0"], "start": [4],
    ...     "date_start": pd.to_datetime(["2017-02-22"]), "date_end": pd.to_datetime([None])})
    >>> event_dicts(frame)
    [{'event_id': 'a:0', 'start': 4, 'date_start': '2017-02-22', 'date_end': None}]
    """
    records = []
    for row in events.to_dict(orient="records"):
        record: dict[str, Any] = {}
        for column, value in row.items():
            if column in DATE_COLUMNS:
                day = as_date(value)
                record[str(column)] = day.isoformat() if day else None
            elif isinstance(value, list | dict | tuple):  # a merged row's sources, mentions
                record[str(column)] = event_dicts_value(value)
            elif hasattr(value, "item"):  # numpy scalars
                record[str(column)] = value.item()
            elif not isinstance(value, str | list | dict) and pd.isna(value):
                record[str(column)] = None
            else:
                record[str(column)] = value
        records.append(record)
    return records


def to_json(events: pd.DataFrame, *, chronological: bool = True) -> str:
    """Return the events as a JSON array of objects (UTF-8 text, dates as ISO strings), in the
    chronology's order unless `chronological` is False.

    >>> frame = pd.DataFrame({"event_id": ["a:0"], "date_start": pd.to_datetime(["2017-02-22"])})
    >>> json.loads(to_json(frame))
    [{'event_id': 'a:0', 'date_start': '2017-02-22'}]
    """
    ordered = in_chronological_order(events) if chronological else events
    return json.dumps(event_dicts(ordered), ensure_ascii=False, indent=2)


def timelinejs_date(day: Any, granularity: str) -> dict[str, int] | None:
    """Return a TimelineJS date object, month/day left out when coarser than the granularity.

    >>> from datetime import date
    >>> timelinejs_date(date(2017, 2, 22), "day"), timelinejs_date(date(2017, 2, 1), "month")
    ({'year': 2017, 'month': 2, 'day': 22}, {'year': 2017, 'month': 2})
    >>> timelinejs_date(date(2017, 1, 1), "year")
    {'year': 2017}
    """
    value = as_date(day)
    if value is None:
        return None
    parts = PRECISION.get(granularity, 3)
    result = {"year": value.year}
    if parts >= 2:
        result["month"] = value.month
    if parts >= 3:
        result["day"] = value.day
    return result


def timelinejs_events(events: pd.DataFrame) -> list[dict[str, Any]]:
    """Return TimelineJS slides for the dated, non-vague events (vague ones have no date), in
    date order."""
    slides = []
    for row in in_chronological_order(events).to_dict(orient="records"):
        granularity = str(row.get("granularity", ""))
        start = timelinejs_date(row.get("date_start"), granularity)
        if start is None or granularity == VAGUE:
            continue
        slide: dict[str, Any] = {
            "unique_id": str(row.get("event_id", "")),
            "start_date": start,
            "text": {
                "headline": escape(row.get("event")),
                "text": _slide_text(row),
            },
            "group": str(row.get("source", "")),
        }
        end = timelinejs_date(row.get("date_end"), granularity)
        if end is not None and end != start:
            slide["end_date"] = end
        slides.append(slide)
    return slides


def _slide_text(row: dict[str, Any]) -> str:
    """One quote per source: a merged row lists its mentions, a plain row is its own mention."""
    mentions = row.get("mentions")
    if not isinstance(mentions, list | tuple) or not mentions:
        mentions = [row]
    parts = []
    for mention in mentions:
        quote = mention_quote_html(mention)
        parts.append(
            f"<p>{quote}</p><p><em>{escape(mention.get('source'))}: "
            f"{escape(mention.get('title'))}</em></p>"
        )
    return "".join(parts)


def to_timelinejs(events: pd.DataFrame, title: str | None = None) -> str:
    """Return a Knight Lab TimelineJS document (JSON text) for the events.

    >>> frame = pd.DataFrame([{"event_id": "a:0", "event": "Talks", "source": "AP",
    ...     "title": "T", "sentence": "Talks in March 2018.", "sentence_start": 0, "start": 9,
    ...     "end": 19, "granularity": "month", "date_start": pd.Timestamp("2018-03-01"),
    ...     "date_end": pd.Timestamp("2018-03-31")}])
    >>> slide = json.loads(to_timelinejs(frame))["events"][0]
    >>> slide["start_date"], "end_date" in slide, slide["group"]
    ({'year': 2018, 'month': 3}, False, 'AP')
    """
    document: dict[str, Any] = {"events": timelinejs_events(events)}
    if title:
        document["title"] = {"text": {"headline": escape(title), "text": ""}}
    return json.dumps(document, ensure_ascii=False, indent=2)
