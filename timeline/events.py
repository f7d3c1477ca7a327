"""The events dataframe: one row per dated mention, traceable to its characters in the article."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date
from typing import Any

import pandas as pd

from timeline.anchor import Timex, tag_document
from timeline.articles import Article, requested_reading
from timeline.labels import label_event
from timeline.sentences import sentences_at

EVENT_COLUMNS: tuple[str, ...] = (
    "event_id",
    "article",
    "title",
    "source",
    "published",
    "published_from",
    "text",
    "start",
    "end",
    "type",
    "value",
    "date_start",
    "date_end",
    "granularity",
    "sentence",
    "sentence_start",
    "sentence_end",
    "event",
    "rule",
)
DATE_COLUMNS = ("published", "date_start", "date_end")
INT_COLUMNS = ("start", "end", "sentence_start", "sentence_end")
EVENT_TYPES = frozenset({"DATE", "TIME"})
VAGUE = "vague"
# A row's sentence keeps at most this many characters on each side of its expression: a
# "sentence" with no end (a table, a text without punctuation) would otherwise be copied into
# every row it holds and scanned again for each one's label: square cost in its length.
SENTENCE_REACH = 400
_SPACE = re.compile(r"\s+")


def extract_events(articles: Iterable[Article]) -> pd.DataFrame:
    """Tag every article and return its dated mentions as rows of `EVENT_COLUMNS`.

    >>> from timeline.articles import Article
    >>> text = "The minister resigned on Monday. Talks resume in March 2018."
    >>> article = Article("a1", "Talks", "wire", text, date(2017, 2, 22), "header")
    >>> frame = extract_events([article])
    >>> frame[["text", "value", "granularity"]].values.tolist()
    [['Monday', '2017-02-20', 'day'], ['March 2018', '2018-03', 'month']]
    """
    rows = [row for article in articles for row in article_event_rows(article)]
    return events_frame(rows)


def article_event_rows(article: Article) -> list[dict[str, Any]]:
    """Return one row dict per DATE or TIME expression of one article."""
    return read_article(article)[1]


def read_article(article: Article) -> tuple[Article, list[dict[str, Any]]]:
    """Tag one article with the reading it asks for ("auto": the one that suits it); return
    the article with the reading used recorded, and its event rows.

    >>> text = "The war began in 1914. 1915 and 1916 were worse; 1917 too. It ended in 1918."
    >>> war = Article("w", "War", "wiki", text, date(2009, 12, 19), "header")
    >>> article, rows = read_article(war)
    >>> article.reading, article.reading_from.split(":")[0], len(rows)
    ('narrative', 'auto', 5)
    """
    asked = requested_reading(article)
    tagged = tag_document(article.text, article.published, asked)
    how = "user" if article.reading_from == "user" and asked != "auto" else tagged.reading.why
    article = replace(article, reading=tagged.reading.name, reading_from=how)
    timexes = [t for t in tagged.timexes if t.type in EVENT_TYPES]
    # the sentences of each expression's first and last character: where the splitter cut
    # inside an expression ("Feb. | 30"), its sentence is both pieces
    located = sentences_at(article.text, [t.start for t in timexes] + [t.end - 1 for t in timexes])
    firsts, lasts = located[: len(timexes)], located[len(timexes) :]
    return article, [
        _event_row(article, timex, _joined(first, last, (timex.start, timex.end)))
        for timex, first, last in zip(timexes, firsts, lasts, strict=True)
    ]


def _joined(
    first: tuple[int, int] | None, last: tuple[int, int] | None, fallback: tuple[int, int]
) -> tuple[int, int]:
    spans = [span for span in (first, last, fallback) if span is not None]
    return min(start for start, _ in spans), max(end for _, end in spans)


def _within_reach(text: str, sentence: tuple[int, int], timex: Timex) -> tuple[int, int]:
    """The sentence cut to `SENTENCE_REACH` characters on each side of the expression, at
    white space where there is some."""
    left, right = sentence
    if timex.start - left > SENTENCE_REACH:
        cut = timex.start - SENTENCE_REACH
        space = _SPACE.search(text, cut, timex.start)
        left = cut if space is None else space.end()
    if right - timex.end > SENTENCE_REACH:
        cut = timex.end + SENTENCE_REACH
        last_space = max(text.rfind(" ", timex.end, cut), text.rfind("\n", timex.end, cut))
        right = cut if last_space < 0 else last_space
    while left < timex.start and text[left].isspace():
        left += 1
    while right > timex.end and text[right - 1].isspace():
        right -= 1
    return left, right


def _event_row(article: Article, timex: Timex, sentence: tuple[int, int]) -> dict[str, Any]:
    sentence_start, sentence_end = _within_reach(article.text, sentence, timex)
    sentence_text = article.text[sentence_start:sentence_end]
    # A vague expression ("recently", "in recent years") names no calendar date: its rough
    # reach is the tagger's guess, and written into a date column it would pose as a fact.
    honest = timex.granularity != VAGUE
    return {
        "event_id": f"{article.id}:{timex.start}",
        "article": article.id,
        "title": article.title,
        "source": article.source,
        "published": article.published,
        "published_from": article.published_from,
        "text": timex.text,
        "start": timex.start,
        "end": timex.end,
        "type": timex.type,
        "value": timex.value,
        "date_start": timex.date_start if honest else None,
        "date_end": timex.date_end if honest else None,
        "granularity": timex.granularity,
        "sentence": sentence_text,
        "sentence_start": sentence_start,
        "sentence_end": sentence_end,
        "event": label_event(
            sentence_text, timex.start - sentence_start, timex.end - sentence_start
        ),
        "rule": timex.rule,
    }


def events_frame(rows: Sequence[dict[str, Any]]) -> pd.DataFrame:
    """Build the typed events dataframe from row dicts (an empty list gives an empty frame)."""
    frame = pd.DataFrame(list(rows), columns=list(EVENT_COLUMNS))
    for column in DATE_COLUMNS:
        frame[column] = pd.Series(frame[column].tolist(), dtype="datetime64[s]", index=frame.index)
    for column in INT_COLUMNS:
        frame[column] = frame[column].astype("int64")
    return frame


def filter_events(
    events: pd.DataFrame,
    *,
    start: date | None = None,
    end: date | None = None,
    sources: Iterable[str] | None = None,
    granularities: Iterable[str] | None = None,
    query: str = "",
    include_vague: bool = True,
) -> pd.DataFrame:
    """Return the events inside the date window that match every given filter.

    An event is inside [start, end] when its span overlaps it; a vague one (no calendar span)
    when its article was published inside it; other undated events are kept only when no date
    window is asked for. `granularities` keeps only those precisions ("day" shows days only,
    vague rows only when "vague" is named). A merged event (with `mentions`) matches a source
    filter when any of its mentions comes from one of the sources. The query matches event labels,
    expressions and sentences, case-insensitively.

    >>> rows = [
    ...     {"event_id": "a:0", "source": "AP", "granularity": "day", "text": "Monday",
    ...      "event": "talks", "sentence": "Talks on Monday.",
    ...      "date_start": date(2017, 2, 20), "date_end": date(2017, 2, 20)},
    ...     {"event_id": "a:9", "source": "AP", "granularity": "vague", "text": "recently",
    ...      "event": "rise", "sentence": "Prices rose recently.", "published": date(2017, 2, 22)},
    ... ]
    >>> frame = events_frame([{**row, "start": 0, "end": 1, "sentence_start": 0,
    ...                        "sentence_end": 1} for row in rows])
    >>> filter_events(frame, include_vague=False)["event_id"].tolist()
    ['a:0']
    >>> filter_events(frame, query="ROSE")["event_id"].tolist()
    ['a:9']
    >>> filter_events(frame, start=date(2017, 2, 21))["event_id"].tolist()
    ['a:9']
    >>> filter_events(frame, granularities=["day"])["event_id"].tolist()
    ['a:0']
    """
    keep = pd.Series(True, index=events.index)
    vague = events["granularity"] == VAGUE
    if start is not None:
        keep &= (events["date_end"] >= pd.Timestamp(start)) | (
            vague & (events["published"] >= pd.Timestamp(start))
        )
    if end is not None:
        keep &= (events["date_start"] <= pd.Timestamp(end)) | (
            vague & (events["published"] <= pd.Timestamp(end))
        )
    if sources is not None:
        keep &= _told_by_any(events, set(sources))
    if granularities is not None:
        keep &= events["granularity"].isin(list(granularities))
    if not include_vague:
        keep &= events["granularity"] != VAGUE
    if query.strip():
        needle = query.strip()
        matches = pd.Series(False, index=events.index)
        for column in ("event", "text", "sentence"):
            matches |= events[column].str.contains(needle, case=False, regex=False, na=False)
        keep &= matches
    return events[keep]


def _told_by_any(events: pd.DataFrame, sources: set[str]) -> pd.Series:
    told = events["source"].isin(sources)
    if "mentions" in events:
        told |= events["mentions"].map(
            lambda mentions: any(mention["source"] in sources for mention in mentions)
        )
    return told
