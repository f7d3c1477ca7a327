"""Resolve mentions against a reference (publication) date: TIMEX3 value, span, granularity.

Each kind of underspecified value (`Mention.fields["kind"]`) has its resolver in
`timeline.resolvers.RESOLVERS`; the calendar arithmetic is `timeline.periods`, the tense of a
clause `timeline.tense`. This module runs them over a text's mentions in order, so that a
mention can refer back to the ones before it ("the following day").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from timeline.detect import Mention, find_mentions
from timeline.periods import TIMEX3_VALUE
from timeline.reading import AUTO, NEWS, READING_CHOICES, Reading, choose_reading
from timeline.resolvers import RESOLVERS, Context, Told, is_story_date
from timeline.rules import load_rules

__all__ = [
    "TIMEX3_VALUE",
    "Tagged",
    "Timex",
    "TimexLike",
    "anchor_mentions",
    "tag_document",
    "tag_text",
]


@dataclass(frozen=True)
class Timex:
    """A temporal expression resolved against a reference date (TIMEX3 value + calendar span)."""

    start: int
    end: int
    text: str
    type: str
    value: str
    rule: str
    date_start: date | None
    date_end: date | None
    granularity: str


@dataclass(frozen=True)
class Tagged:
    """A text's expressions and the reading they were resolved with."""

    timexes: list[Timex]
    reading: Reading


class TimexLike(Protocol):
    """What consumers of tagged expressions read (`Timex` has it; tests pass lighter fakes)."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def type(self) -> str: ...
    @property
    def value(self) -> str: ...


def _as_day(reference: date | None) -> date | None:
    if isinstance(reference, datetime):
        return reference.date()
    return reference if isinstance(reference, date) else None


def anchor_mentions(
    text: str,
    mentions: Sequence[Mention],
    reference: date | None,
    language: str = "en",
    reading: str = NEWS,
) -> list[Timex]:
    """Resolve mentions found in `text` against `reference`; unresolvable ones are dropped.

    >>> text = "Kelly said Tuesday that they will meet Thursday."
    >>> [(t.text, t.value) for t in anchor_mentions(text, find_mentions(text), date(2017, 2, 22))]
    [('Tuesday', '2017-02-21'), ('Thursday', '2017-02-23')]
    """
    rules = load_rules(language)
    reference = _as_day(reference)
    timexes: list[Timex] = []
    told: list[Told] = []
    ctx = Context(text, mentions[0], reference, rules, told, reading) if mentions else None
    for mention in mentions:
        kind = str(mention.fields.get("kind", ""))
        resolver = RESOLVERS.get(kind)
        if resolver is None or ctx is None:
            continue
        ctx.mention = mention  # one context for the text, pointed at each mention in turn
        try:
            resolved = resolver(ctx)
        except (ValueError, OverflowError, KeyError, TypeError, IndexError):
            resolved = None
        if resolved is None or not TIMEX3_VALUE.fullmatch(resolved.value):
            continue
        timexes.append(
            Timex(
                start=mention.start,
                end=mention.end,
                text=mention.text,
                type=mention.type,
                value=resolved.value,
                rule=mention.rule,
                date_start=resolved.date_start,
                date_end=resolved.date_end,
                granularity=resolved.granularity,
            )
        )
        ctx.tell(
            Told(
                mention.end,
                mention.rule,
                resolved.value,
                resolved.date_start,
                resolved.date_end,
                resolved.granularity,
                is_story_date(mention),
            )
        )
    return timexes


def tag_document(
    text: str, reference: date | None, reading: str = AUTO, language: str = "en"
) -> Tagged:
    """Find and resolve every temporal expression of `text`, read as news (relative dates
    count from `reference`), as a narrative (from the story's last date), or as `choose_reading`
    finds it suits the text ("auto").

    >>> story = "In June 1941 the army crossed the river. On 3 July it stopped."
    >>> tagged = tag_document(story, date(2009, 12, 19), reading="narrative")
    >>> [t.value for t in tagged.timexes], tagged.reading
    (['1941-06', '1941-07-03'], Reading(name='narrative', why='asked'))
    """
    if reading not in READING_CHOICES:
        raise ValueError(f"reading {reading!r}: choose one of {', '.join(READING_CHOICES)}")
    if not isinstance(text, str):
        return Tagged([], Reading(NEWS if reading == AUTO else reading, "no text"))
    mentions = find_mentions(text, language)
    chosen = Reading(reading, "asked") if reading != AUTO else choose_reading(mentions, reference)
    return Tagged(anchor_mentions(text, mentions, reference, language, chosen.name), chosen)


def tag_text(
    text: str, reference: date | None, language: str = "en", reading: str = AUTO
) -> list[Timex]:
    """Find and resolve every temporal expression of `text` against `reference`.

    >>> [(t.text, t.type, t.value) for t in tag_text("He left last week.", date(2017, 2, 22))]
    [('last week', 'DATE', '2017-W07')]
    >>> [(t.value, t.granularity) for t in tag_text("on Wednesday", None)]
    [('XXXX-WXX-3', 'unknown')]
    """
    return tag_document(text, reference, reading, language).timexes
