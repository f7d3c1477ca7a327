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
from timeline.resolvers import RESOLVERS, Context, Told
from timeline.rules import load_rules

__all__ = ["TIMEX3_VALUE", "Timex", "TimexLike", "anchor_mentions", "tag_text"]


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
    text: str, mentions: Sequence[Mention], reference: date | None, language: str = "en"
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
    for mention in mentions:
        kind = str(mention.fields.get("kind", ""))
        resolver = RESOLVERS.get(kind)
        if resolver is None:
            continue
        ctx = Context(text, mention, reference, rules, told)
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
        told.append(
            Told(
                mention.end,
                mention.rule,
                resolved.value,
                resolved.date_start,
                resolved.date_end,
                resolved.granularity,
            )
        )
    return timexes


def tag_text(text: str, reference: date | None, language: str = "en") -> list[Timex]:
    """Find and resolve every temporal expression of `text` against `reference`.

    >>> [(t.text, t.type, t.value) for t in tag_text("He left last week.", date(2017, 2, 22))]
    [('last week', 'DATE', '2017-W07')]
    >>> [(t.value, t.granularity) for t in tag_text("on Wednesday", None)]
    [('XXXX-WXX-3', 'unknown')]
    """
    if not isinstance(text, str):
        return []
    return anchor_mentions(text, find_mentions(text, language), reference, language)
