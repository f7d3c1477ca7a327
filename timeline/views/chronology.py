"""The chronology as the dashboard lists it: one page of `chronology.chronology` as groups of
rows under their day, month or year, each row its span, a label written as a sentence and
where it was told; and the line above the list that says which page this is.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from timeline.calendar_words import format_day
from timeline.chronology import ChronologyPage
from timeline.events import VAGUE
from timeline.labels import headline, reads_as_sentence, text_or_empty
from timeline.mentions import EARLIER, PUBLICATION, UNANCHORED
from timeline.views.listing import ListGroup, ListRow, as_heading, group_rows, plural

PAGE_SIZE = 100  # rows a page lists: a few screens of the list's box
HINT_CHARS = 300  # the sentence shown when the pointer rests on a row
# `anchor` values (a followed name's rows) that found no date word in the sentence: the row
# says how it was dated instead.
ANCHOR_NOTES = {
    EARLIER: "no date word: the day the article last told of",
    PUBLICATION: "no date word: the day it was published",
    UNANCHORED: "no date: a future or hypothetical clause",
}


def chronology_groups(page: ChronologyPage) -> list[ListGroup]:
    """The rows of a chronology page as list groups, in order.

    >>> from timeline.chronology import chronology
    >>> frame = pd.DataFrame({"event_id": ["a:1", "a:9"], "text": ["Monday", "recently"],
    ...     "event": ["the talks resumed", "rose"], "source": ["AP", "AP"],
    ...     "sentence": ["The talks resumed Monday.", "Prices rose recently."],
    ...     "date_start": pd.to_datetime(["2017-02-20", None]),
    ...     "date_end": pd.to_datetime(["2017-02-20", None]), "granularity": ["day", "vague"],
    ...     "published": pd.to_datetime(["2017-02-22"] * 2)})
    >>> groups = chronology_groups(chronology(frame))
    >>> for group in groups:
    ...     print(f"{group.heading} | {group.rows[0].when} | {group.rows[0].label}")
    Mon 20 Feb 2017 | Mon 20 Feb 2017 | The talks resumed.
    Vague: no calendar date | “recently” | Prices rose recently.
    >>> groups[1].rows[0].note
    'AP · published Wed 22 Feb 2017'
    """
    listed = [(as_heading(row["group"]), _row(row)) for row in page.rows.to_dict("records")]
    return group_rows(listed)


def page_caption(page: ChronologyPage, page_size: int = PAGE_SIZE) -> str:
    """Which events the page lists, of how many, and how they are grouped.

    >>> from timeline.chronology import chronology
    >>> frame = pd.DataFrame({"date_start": pd.to_datetime(["2017-02-20"] * 3),
    ...     "date_end": pd.to_datetime(["2017-02-20"] * 3), "granularity": ["day"] * 3})
    >>> page_caption(chronology(frame, page=1, page_size=2), page_size=2)
    'Events 3 to 3 of 3, in date order, by day (page 2 of 2).'
    >>> page_caption(chronology(frame.iloc[0:0]))
    'No events to list.'
    """
    if not page.total:
        return "No events to list."
    first = page.page * page_size + 1
    last = first + len(page.rows) - 1
    where = f" (page {page.page + 1:,} of {page.pages:,})" if page.pages > 1 else ""
    return (
        f"Events {first:,} to {last:,} of {page.total:,}, in date order, by {page.grouping}{where}."
    )


def _row(row: dict[str, Any]) -> ListRow:
    vague = row.get("granularity") == VAGUE
    when = f"“{row.get('text', '')}”" if vague else str(row["when"])
    # a sentence naming two followed names is listed once for each: the note says which
    notes = [text_or_empty(row.get("followed_label")), text_or_empty(row.get("source"))]
    count = row.get("count")
    if isinstance(count, int | float) and not pd.isna(count) and count > 1:
        notes.append(f"told by {plural(int(count), 'article')}")
    if vague and not pd.isna(row.get("published")):
        notes.append(f"published {format_day(row['published'])}")
    anchor = ANCHOR_NOTES.get(str(row.get("anchor", "")))
    if anchor:
        notes.append(anchor)
    sentence = " ".join(text_or_empty(row.get("sentence")).split())
    hint = sentence if len(sentence) <= HINT_CHARS else sentence[: HINT_CHARS - 1] + "…"
    if not reads_as_sentence(row.get("event")):  # the row shows the sentence itself
        hint = text_or_empty(row.get("title"))
    return ListRow(
        id=str(row["event_id"]),
        when=when,
        label=headline(row.get("event"), sentence),
        note=" · ".join(note for note in notes if note),
        hint=hint,
    )
