"""Escaped HTML for the snippet panel: the sentence with its date expression marked.

Article text is untrusted. Every function here cuts the raw text at the dataframe's offsets and
passes each piece through `html.escape` before any markup is put between the pieces, so no
character of the article can open a tag or an attribute.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

import pandas as pd

from timeline.calendar_words import as_date, format_day, format_span
from timeline.labels import as_sentence
from timeline.mentions import EARLIER, IN_SENTENCE, PUBLICATION, UNANCHORED

PANEL_CSS = """
<style>
.tl-card {font-size: 0.95rem; line-height: 1.5;}
.tl-card h3 {margin: 0 0 0.35rem 0; font-size: 1.2rem; line-height: 1.35;}
.tl-meta {display: grid; grid-template-columns: max-content 1fr; gap: 0.15rem 0.9rem;
  margin: 0.4rem 0 0.8rem 0; color: #31333f;}
.tl-meta dt {color: #6b6f7b; font-weight: 400;}
.tl-meta dd {margin: 0;}
.tl-meta code {font-size: 0.85rem; background: #f0f2f6; padding: 0 0.25rem; border-radius: 3px;}
.tl-quote {border-left: 4px solid #ffbf00; background: #fffbea; padding: 0.6rem 0.9rem;
  margin: 0; border-radius: 0 4px 4px 0;}
.tl-quote mark, .tl-article mark {background: #ffd43b; color: inherit; padding: 0 0.15rem;
  border-radius: 2px; font-weight: 600;}
.tl-article {white-space: pre-wrap; max-height: 28rem; overflow-y: auto; font-size: 0.92rem;
  line-height: 1.55;}
.tl-article .tl-sentence {background: #fff3bf; border-bottom: 2px solid #ffbf00;}
.tl-note {color: #6b6f7b; font-size: 0.85rem;}
.tl-sources h4 {margin: 0.6rem 0 0.3rem 0; font-size: 1rem;}
.tl-mentions {padding-left: 1.2rem; margin: 0;}
.tl-mentions li {margin-bottom: 0.6rem;}
</style>
"""


def escape(text: Any) -> str:
    """Return text HTML-escaped (quotes included); None and NaN become an empty string.

    >>> escape('<img src=x onerror="alert(1)">')
    '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'
    """
    if text is None or (not isinstance(text, str) and pd.isna(text)):
        return ""
    return html.escape(str(text), quote=True)


def mark_span(text: str, start: int, end: int, tag: str = "mark", attrs: str = "") -> str:
    """Return the escaped text with text[start:end] wrapped in <tag>; bad offsets mark nothing.

    >>> mark_span("Talks <b>on</b> Monday.", 16, 22)
    'Talks &lt;b&gt;on&lt;/b&gt; <mark>Monday</mark>.'
    >>> mark_span("short", 3, 99)
    'short'
    """
    if not 0 <= start < end <= len(text):
        return escape(text)
    opening = f"<{tag}{' ' + attrs if attrs else ''}>"
    return f"{escape(text[:start])}{opening}{escape(text[start:end])}</{tag}>{escape(text[end:])}"


def sentence_html(sentence: str, sentence_start: int, start: int, end: int) -> str:
    """Return the escaped sentence with the date expression (article offsets) in <mark>.

    >>> sentence_html("He left on Monday.", 100, 111, 117)
    'He left on <mark>Monday</mark>.'
    """
    return mark_span(sentence, start - sentence_start, end - sentence_start)


def article_html(text: str, sentence_start: int, sentence_end: int, start: int, end: int) -> str:
    """Return the whole escaped article, the sentence in a highlight and the expression marked.

    >>> article_html("Intro. He left on Monday. Bye.", 7, 25, 18, 24)
    'Intro. <span class="tl-sentence">He left on <mark>Monday</mark>.</span> Bye.'
    """
    if not 0 <= sentence_start <= start < end <= sentence_end <= len(text):
        if 0 <= start < end <= len(text):
            return mark_span(text, start, end)
        return escape(text)
    inner = sentence_html(text[sentence_start:sentence_end], sentence_start, start, end)
    return (
        f'{escape(text[:sentence_start])}<span class="tl-sentence">{inner}</span>'
        f"{escape(text[sentence_end:])}"
    )


def describe_published(published: Any, published_from: Any) -> str:
    """Return the publication date and how it was found, in words.

    >>> from datetime import date
    >>> describe_published(date(2017, 2, 22), "inferred: caption 'February 22, 2017'")
    "Wed 22 Feb 2017 (inferred: caption 'February 22, 2017')"
    >>> describe_published(None, "unknown")
    'unknown: relative dates could not be placed'
    """
    how = "" if published_from is None or pd.isna(published_from) else str(published_from)
    if as_date(published) is None:
        return "unknown: relative dates could not be placed"
    labels = {"header": "from the article header", "user": "set by you"}
    return f"{format_day(published)} ({labels.get(how, how or 'unknown origin')})"


READING_WORDS = {
    "news": "as news: relative dates count from the publication date",
    "narrative": "as a narrative: relative dates count from the story's last date",
}


def describe_reading(reading: Any, reading_from: Any) -> str:
    """Return how an article's relative dates were read, and who chose it, in words.

    >>> describe_reading("narrative", "auto: 12 of 12 written years far from publication")
    ... # doctest: +NORMALIZE_WHITESPACE
    "Read as a narrative: relative dates count from the story's last date
    (chosen automatically: 12 of 12 written years far from publication)"
    >>> describe_reading("news", "user")
    'Read as news: relative dates count from the publication date (set by you)'
    """
    how = "" if reading_from is None or pd.isna(reading_from) else str(reading_from)
    words = READING_WORDS.get(str(reading), "as news or as a narrative, chosen when it is read")
    if how.startswith("auto:"):
        origin = f"chosen automatically: {how.removeprefix('auto:').strip()}"
    else:
        origin = {"user": "set by you", "asked": "asked for on the command line"}.get(how, "")
    return f"Read {words}" + (f" ({origin})" if origin else "")


def reading_note(reading: Any, reading_from: Any) -> str:
    """What the panel says of an article's reading: nothing for news read as news unasked
    (how nearly every article is read), else `describe_reading`.

    >>> reading_note("news", "auto: 0 of 0 written years far from publication")
    ''
    >>> reading_note("news", "user")
    'Read as news: relative dates count from the publication date (set by you)'
    """
    chosen = "" if reading_from is None or pd.isna(reading_from) else str(reading_from)
    if str(reading) == "news" and chosen.startswith("auto:"):
        return ""
    return describe_reading(reading, reading_from)


# How a followed name's row was dated (its `anchor`, see follow.py), in the panel's words.
ANCHOR_WORDS = {
    IN_SENTENCE: "by the date written in the sentence",
    EARLIER: "no date word in the sentence: told in the past tense, so the last "
    "day the article told of before it",
    PUBLICATION: "no date word in the sentence: told in the present or the recent past, so "
    "the day the article was published",
    UNANCHORED: "not dated: a future or hypothetical clause without a date word",
}


def describe_anchor(anchor: Any) -> str:
    """How a followed name's row got its date, in words ("" for a row of no name).

    >>> print(describe_anchor("publication"))  # doctest: +NORMALIZE_WHITESPACE
    no date word in the sentence: told in the present or the recent past, so the day the
    article was published
    >>> describe_anchor(None)
    ''
    """
    return ANCHOR_WORDS.get(str(anchor), "") if isinstance(anchor, str) else ""


def event_card_html(row: Mapping[str, Any]) -> str:
    """Return the panel for one event row: label, dates, source, and the marked sentence.

    >>> from datetime import date
    >>> row = {"event": "talks <resume>", "text": "Monday", "value": "2017-02-20",
    ...        "date_start": date(2017, 2, 20), "date_end": date(2017, 2, 20),
    ...        "granularity": "day", "source": "AP", "title": "T", "published": None,
    ...        "published_from": "unknown", "sentence": "Talks resume Monday.",
    ...        "sentence_start": 0, "start": 13, "end": 19}
    >>> "<mark>Monday</mark>" in event_card_html(row), "<resume>" in event_card_html(row)
    (True, False)
    """
    granularity = str(row.get("granularity", ""))
    span = format_span(row.get("date_start"), row.get("date_end"), granularity)
    if granularity == "vague":
        span = "vague: no calendar date"
    quote = sentence_html(
        str(row.get("sentence", "")),
        int(row.get("sentence_start", 0)),
        int(row.get("start", 0)),
        int(row.get("end", 0)),
    )
    anchored = describe_anchor(row.get("anchor"))
    written = "Written as"
    if anchored and row.get("anchor") != IN_SENTENCE:
        written = "Name written as"  # no date word: the mark is on the name
    meta = [
        (written, f"“{escape(row.get('text'))}”"),
        ("Normalized", f"<code>{escape(row.get('value'))}</code> · {escape(granularity)}"),
        ("Date span", escape(span)),
        ("Source", f"{escape(row.get('source'))} — {escape(row.get('title'))}"),
        ("Published", escape(describe_published(row.get("published"), row.get("published_from")))),
    ]
    if anchored:
        meta.insert(3, ("Dated", escape(anchored)))
    mentions = row.get("mentions")
    if isinstance(mentions, list | tuple) and len(mentions) > 1:  # mentions_html quotes each
        meta[-2] = ("Sources", f"{len(mentions)} articles, quoted below")
        quote_html = ""
    else:
        quote_html = f'<blockquote class="tl-quote">{quote}</blockquote>'
    items = "".join(f"<dt>{name}</dt><dd>{value}</dd>" for name, value in meta)
    return (
        f'<div class="tl-card"><h3>{escape(as_sentence(row.get("event")))}</h3>'
        f'<dl class="tl-meta">{items}</dl>{quote_html}</div>'
    )


def counts_label(events: pd.DataFrame, total: int | None = None) -> str:
    """Return "42 events from 2 articles" (plus "of N" when a filter hides some). A merged
    event counts every article that tells it.

    >>> frame = pd.DataFrame({"article": ["a", "a", "b"]})
    >>> counts_label(frame), counts_label(frame.head(1), total=3)
    ('3 events from 2 articles', '1 event from 1 article (of 3)')
    >>> told = [[{"article": "a"}, {"article": "b"}]]
    >>> counts_label(pd.DataFrame({"article": ["a"], "mentions": told}))
    '1 event from 2 articles'
    """
    events_n = len(events)
    if "mentions" in events.columns:
        told = {m["article"] for mentions in events["mentions"] for m in mentions or ()}
        articles_n = len(told | set(events["article"]))
    else:
        articles_n = int(events["article"].nunique())
    text = (
        f"{events_n:,} event{'s' * (events_n != 1)} from "
        f"{articles_n:,} article{'s' * (articles_n != 1)}"
    )
    if total is not None and total != events_n:
        text += f" (of {total:,})"
    return text


def mention_quote_html(mention: Mapping[str, Any]) -> str:
    """Return a mention's sentence, escaped, with its date expression in <mark>.

    >>> mention_quote_html({"sentence": "<b> Thursday.", "sentence_start": 5, "start": 9,
    ...                     "end": 17})
    '&lt;b&gt; <mark>Thursday</mark>.'
    """
    return sentence_html(
        str(mention.get("sentence", "")),
        int(mention.get("sentence_start", 0)),
        int(mention.get("start", 0)),
        int(mention.get("end", 0)),
    )


def mentions_html(mentions: Any) -> str:
    """Return one escaped, marked quote per source of a merged event told by several ("" for
    a plain row or an event only one source tells).

    >>> html_ = mentions_html([
    ...     {"source": "AP", "title": "<T>", "sentence": "They meet Thursday.",
    ...      "sentence_start": 10, "start": 20, "end": 28},
    ...     {"source": "Reuters", "title": "U", "sentence": "Talks <b> Thursday.",
    ...      "sentence_start": 0, "start": 10, "end": 18}])
    >>> html_.count("<mark>Thursday</mark>"), "<b>" in html_, "&lt;T&gt;" in html_
    (2, False, True)
    >>> mentions_html(None), mentions_html([{"source": "AP", "sentence": "Once."}])
    ('', '')
    """
    if not isinstance(mentions, list | tuple) or len(mentions) < 2:
        return ""  # one source: the card quotes it already
    items = []
    for mention in mentions:
        quote = mention_quote_html(mention)
        items.append(
            f'<li><div class="tl-note">{escape(mention.get("source"))} — '
            f"{escape(mention.get('title'))}</div>"
            f'<blockquote class="tl-quote">{quote}</blockquote></li>'
        )
    count = len(items)
    return (
        f'<div class="tl-card tl-sources"><h4>Told by {count} '
        f"source{'s' * (count != 1)}</h4>"
        f'<ol class="tl-mentions">{"".join(items)}</ol></div>'
    )
