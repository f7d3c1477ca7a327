"""Resolvers: one per kind of underspecified value (`Mention.fields["kind"]`), each turning a
mention into a TIMEX3 value and its calendar span against the reference date.

Read as news, relative expressions use the tense of the clause around them (`timeline.tense`)
the way news is written: a bare weekday is the reference day itself when it is the same weekday,
the coming one in a future context, else the most recent past one. Read as a narrative, they
count from the story's last date precise enough (`Context.story`); words of the time of writing
("today", "two years ago") still count from the reference date. Without a reference date,
absolute dates still resolve and relative ones keep an underspecified value (`XXXX-WXX-3`) and
no span.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import NamedTuple

from timeline.detect import Mention
from timeline.periods import (
    SEASON_MONTHS,
    SEASON_ORDER,
    Resolved,
    add_months,
    before_era,
    century_of,
    day_of,
    decade_of,
    duration_value,
    half_of,
    holiday_date,
    month_of,
    narrow,
    quarter_of,
    season_of,
    unknown,
    week_of,
    weekend_of,
    with_part,
    year_of,
    year_text,
)
from timeline.reading import NARRATIVE, NEWS, written_year
from timeline.rules import RuleSet
from timeline.tense import FUTURE, mention_tense

__all__ = ["RESOLVERS", "Context", "Told", "is_story_date"]

NEAR_DAYS = 62
SINCE_WORDS = frozenset({"since", "ago"})


class Told(NamedTuple):  # a tuple: one is made per expression, and tuples are cheap to make
    """An expression resolved earlier in the same text, as later ones may refer back to it."""

    end: int
    rule: str
    value: str
    date_start: date | None
    date_end: date | None
    granularity: str
    story: bool = False  # a date of the story: a narrative counts its relative dates from it


# The granularities of a previous date precise enough to count a unit from it.
NARRATIVE_GRAINS = {
    "D": frozenset({"day"}),
    "W": frozenset({"day", "week"}),
    "WE": frozenset({"day", "week"}),
    "M": frozenset({"day", "week", "month"}),
    "Q": frozenset({"day", "week", "month", "quarter"}),
    "Y": frozenset({"day", "week", "month", "quarter", "season", "year"}),
    "DE": frozenset({"day", "week", "month", "quarter", "season", "year"}),
    "CE": frozenset({"day", "week", "month", "quarter", "season", "year", "decade"}),
}
# Kinds whose value is a date of the story; "today", "now", "three years ago" count from the
# time of writing, and a shift is one only when it counts from a date told before ("earlier").
STORY_KINDS = frozenset(
    {"date", "weekday", "this_unit", "season", "quarter", "half", "period", "holiday", "time"}
)


def is_story_date(mention: Mention) -> bool:
    """Whether the mention, once resolved, dates the story (a narrative counts from it)."""
    kind, anchor = mention.fields.get("kind"), mention.fields.get("anchor")
    if anchor == "dct":  # "last April", "next year": of the time of writing, not the story
        return False
    return kind in STORY_KINDS or (kind == "shift" and anchor == "previous")


@dataclass
class Context:
    """What a resolver may look at besides the mention's fields."""

    text: str
    mention: Mention
    reference: date | None
    rules: RuleSet
    previous: list[Told]
    reading: str = NEWS
    # the story's last date of each granularity (kept by `tell`): a long narrative is not
    # searched back from every expression
    story_dates: dict[str, Told] = field(default_factory=dict)

    def tell(self, told: Told) -> None:
        """Record an expression resolved, for the ones after it to refer back to."""
        self.previous.append(told)
        if told.story and (told.date_start is not None or told.value.startswith("BC")):
            self.story_dates[told.granularity] = told

    def story(self, unit: str) -> Told | None:
        """In a narrative, the story's last date at least as precise as `unit` (None in news,
        or before the story gives a date)."""
        if self.reading != NARRATIVE or self.mention.fields.get("anchor") == "dct":
            return None  # "today", "two years ago", "last week": from the time of writing
        found = [self.story_dates[g] for g in NARRATIVE_GRAINS[unit] if g in self.story_dates]
        return max(found, key=lambda told: told.end) if found else None

    def story_day(self, unit: str) -> date | None:
        """The day a narrative counts `unit`s from: its story's last date (None: none, or news)."""
        told = self.story(unit)
        return told.date_start if told else None

    def tense(self) -> str | None:
        """The tense of the clause around the mention (None: no cue); a tense forced by the
        words of the expression itself ("Monday's ruling") comes first."""
        forced = self.mention.fields.get("tense")
        if forced:
            return str(forced)
        return mention_tense(self.text, self.mention.start, self.mention.end, self.rules)


def _int(value: object) -> int:
    return int(str(value))


def _weekday_date(
    ctx: Context, weekday: int, offset: object = None, ref: date | None = None
) -> date:
    ref = ref or ctx.reference
    assert ref is not None
    ahead = (weekday - ref.isoweekday()) % 7  # days to the next such weekday (0: today)
    behind = (ref.isoweekday() - weekday) % 7
    if offset is not None and _int(offset) < 0:
        return ref - timedelta(days=behind or 7)
    if offset is not None and _int(offset) > 0:
        return ref + timedelta(days=ahead or 7)
    if offset is not None:  # "this Friday": the one of the coming days
        return ref + timedelta(days=ahead)
    if ahead == 0:
        return ref
    tense = ctx.tense()
    if tense == FUTURE or (tense is None and ahead < behind):
        return ref + timedelta(days=ahead)
    return ref - timedelta(days=behind)


def _weekday_year(ref: date, month: int, day: int, weekday: int) -> int:
    """The year near `ref` in which month/day falls on `weekday` (else `ref`'s year)."""
    fits = []
    for year in range(ref.year - 6, ref.year + 7):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate.isoweekday() == weekday:
            fits.append((abs((candidate - ref).days), year))
    return min(fits)[1] if fits else ref.year


def _month_year(ctx: Context, month: int, day: int | None, ref: date | None = None) -> int:
    """The year of a month (and day) written without one: by offset, else by tense."""
    ref = ref or ctx.reference
    assert ref is not None
    here = (ref.month, ref.day if day is not None else 0)
    there = (month, day or 0)
    offset = ctx.mention.fields.get("offset")
    if offset is not None:
        step = _int(offset)
        if step < 0:
            return ref.year if there < here and there[0] != here[0] else ref.year - 1
        if step > 0:
            return ref.year if there > here and there[0] != here[0] else ref.year + 1
        return ref.year
    past = ref.year if there <= here else ref.year - 1
    future = ref.year if there >= here else ref.year + 1
    if (month, day) == (2, 29):  # only leap years have it
        while not calendar.isleap(past):
            past -= 1
        while not calendar.isleap(future):
            future += 1
        return future if ctx.tense() == FUTURE else past
    if past == future:
        return past
    # A date within NEAR_DAYS of the reference is that one, whatever the tense: news tells of
    # the coming weeks and the past weeks; further away the tense decides (past by default).
    first = 1 if day is None else day
    near_past = (ref - date(past, month, min(first, 28))).days <= NEAR_DAYS
    near_future = (date(future, month, min(first, 28)) - ref).days <= NEAR_DAYS
    before = ctx.text[max(0, ctx.mention.start - 12) : ctx.mention.start].lower().split()
    if before and before[-1] in SINCE_WORDS:
        return past
    if near_future != near_past:
        return future if near_future else past
    return future if ctx.tense() == FUTURE else past


RANGE_REACH = 8  # characters between the first day of a range and its last ("6-7", "4 and 5")


def _day_of_month_told(ctx: Context, day: int, year: int | None) -> Resolved | None:
    """'7' of 'April 6-7': the day of the month of the date told just before."""
    told = ctx.previous[-1] if ctx.previous else None
    if told is None or ctx.mention.start - told.end > RANGE_REACH or told.granularity != "day":
        return None
    if told.value.startswith("BC"):
        return None
    month = int(told.value[5:7])
    first = int(told.value[:4])
    return day_of(date(year or first, month, day))


def _week_of_month(year: int, month: int, nth: int) -> date:
    """A day in the n-th (-1: last) week of a month, placed so that its ISO week holds at least
    four days of that month."""
    if nth < 0:
        return date(year, month, calendar.monthrange(year, month)[1] - 3)
    return date(year, month, 4) + timedelta(days=7 * (nth - 1))


def _story_year(told: Told) -> int:
    """The year a story date is in ("1941-WI" is the winter of 1941, though it starts in 1940)."""
    if told.value.startswith("BC"):
        return -int(told.value[2:6])
    head = told.value[:4]
    return int(head) if head.isdigit() else told.date_start.year if told.date_start else 0


def _story_month_year(ctx: Context, story: Told, month: int, day: int | None) -> int:
    """In a narrative, the year of a month (and day) written without one: the story's year,
    or the one its offset or weekday points to from the story's last date."""
    f = ctx.mention.fields
    year = _story_year(story)
    if f.get("unit") == "Y" and "offset" in f:  # "July of the following year"
        return year + _int(f["offset"])
    if story.date_start is None:
        return year
    if day is not None and "weekday" in f:
        return _weekday_year(story.date_start, month, day, _int(f["weekday"]))
    if "offset" in f:  # "the previous April", "next March": from the story's date
        return _month_year(ctx, month, day, story.date_start)
    return year


# --- resolvers, one per kind --------------------------------------------------------------------


def resolve_date(ctx: Context) -> Resolved | None:
    f = ctx.mention.fields
    month = _int(f["month"]) if "month" in f else None
    day = _int(f["day"]) if "day" in f else None
    if month is None and day is not None and f.get("anchor") == "told":
        return _day_of_month_told(ctx, day, written_year(f))
    written = written_year(f)
    story = ctx.story("Y") if written is None else None
    if written is not None:
        year = written
    elif month is None:
        return None
    elif story is not None:
        year = _story_month_year(ctx, story, month, day)
    elif f.get("anchor") == "previous" and (told := _narrative_day(ctx, "Y")) is not None:
        if f.get("unit") == "Y" and "offset" in f:  # "August of that year"
            year = told.year + _int(f["offset"])
        else:  # "the following June": from the date told
            year = _month_year(ctx, month, day, told)
    elif ctx.reference is None:
        return unknown(f"XXXX-{month:02d}" + (f"-{day:02d}" if day else ""))
    elif f.get("unit") == "Y" and "offset" in f:  # "July last year": the offset counts years
        year = ctx.reference.year + _int(f["offset"])
    elif day is not None and "weekday" in f:  # "Monday, Oct. 26": the year that fits
        year = _weekday_year(ctx.reference, month, day, _int(f["weekday"]))
    else:
        year = _month_year(ctx, month, day)
        if day is not None and month == 2 and day == 29 and not calendar.isleap(year):
            return None
    if year < 1 and day is not None and month is not None:
        resolved = before_era(f"{year_text(year)}-{month:02d}-{day:02d}", "day")
    elif month is None:
        resolved = year_of(year)
    elif day is None and "week" in f:  # "the last week of March": the week mostly in it
        resolved = week_of(_week_of_month(year, month, _int(f["week"])))
    elif day is None:
        resolved = month_of(year, month)
    elif f.get("unit") == "W":  # "the week of March 6": the ISO week holding that day
        resolved = week_of(date(year, month, day))
    else:
        resolved = day_of(date(year, month, day))
    year_text(year)
    return narrow(resolved, f.get("mod"))


def resolve_weekday(ctx: Context) -> Resolved | None:
    f = ctx.mention.fields
    weekday = _int(f["weekday"])
    part = f.get("part_of_day")
    # "the previous Friday": the Friday before the date last told of
    ref = _narrative_day(ctx, "D") if f.get("anchor") == "previous" else None
    ref = ref or ctx.story_day("D")
    if ctx.reference is None and ref is None:
        return unknown(f"XXXX-WXX-{weekday}" + (f"T{part}" if part else ""))
    return with_part(day_of(_weekday_date(ctx, weekday, f.get("offset"), ref)), part)


def resolve_relative_day(ctx: Context) -> Resolved | None:
    f = ctx.mention.fields
    part = f.get("part_of_day")
    reference = ctx.reference
    if f.get("anchor") == "previous":  # "that evening": of the day told before
        reference = ctx.story_day("D") or _narrative_day(ctx, "D") or reference
    if reference is None:
        return unknown("XXXX-XX-XX" + (f"T{part}" if part else ""))
    return with_part(day_of(reference + timedelta(days=_int(f["offset"]))), part)


def _unit_span(unit: str, ref: date, offset: int | None, ctx: Context) -> Resolved:
    if unit == "WE":
        if offset is None and ref.isoweekday() < 6 and ctx.tense() != FUTURE:
            offset = -1  # "the weekend" in a weekday article told in the past: the last one
        return weekend_of(ref + timedelta(days=7 * (offset or 0)))
    offset = offset or 0
    if unit == "D":
        return day_of(ref + timedelta(days=offset))
    if unit == "W":
        return week_of(ref + timedelta(days=7 * offset))
    if unit == "M":
        return month_of(*add_months(ref.year, ref.month, offset))
    if unit == "Q":
        year, month = add_months(ref.year, ref.month, 3 * offset)
        return quarter_of(year, (month - 1) // 3 + 1)
    if unit == "Y":
        return year_of(ref.year + offset)
    if unit == "DE":
        return decade_of(ref.year // 10 + offset)
    if unit == "CE":
        return century_of(ref.year // 100 + offset)
    raise ValueError(f"no calendar unit {unit}")


UNDERSPECIFIED = {"D": "XXXX-XX-XX", "W": "XXXX-WXX", "WE": "XXXX-WXX-WE", "M": "XXXX-XX"}


def resolve_this_unit(ctx: Context) -> Resolved | None:
    f = ctx.mention.fields
    unit = str(f["unit"])
    # a narrative counts from the story's last date; "the following day" from the date last
    # told of, in news too
    story = ctx.story(unit) if unit in NARRATIVE_GRAINS else None
    if story is not None and story.date_start is None and unit in ("Y", "DE", "CE"):
        # a story before the common era: "the following year" of 490 BC is 489 BC
        step = _int(f.get("offset", 0)) * {"Y": 1, "DE": 10, "CE": 100}[unit]
        return year_of(_story_year(story) + step) if unit == "Y" else None
    reference = story.date_start if story else None
    if reference is None and f.get("anchor") in ("previous", "told"):
        same_month = (
            _same_day_of_month(ctx)
            if f.get("anchor") == "told" and unit == "D" and not f.get("offset")
            else None
        )
        if same_month is not None:
            return same_month
        reference = _narrative_day(ctx, unit)
    reference = reference or ctx.reference
    if reference is None:
        return unknown(UNDERSPECIFIED.get(unit, "XXXX"))
    offset = _int(f["offset"]) if "offset" in f else None
    resolved = _unit_span(unit, reference, offset, ctx)
    if f.get("window") == "rolling" and offset:
        resolved = _rolling(resolved, unit, reference, offset)
    return narrow(resolved, f.get("mod"))


ROLLING_MONTHS = {"M": 1, "Q": 3, "Y": 12, "DE": 120, "CE": 1200}


def _rolling(resolved: Resolved, unit: str, reference: date, offset: int) -> Resolved:
    """The same value over the days 'the past year' says: the unit up to the reference date
    (from it, for 'the next year'), not the calendar unit.

    >>> past = _rolling(year_of(2016), "Y", date(2017, 2, 22), -1)
    >>> past.value, past.date_start, past.date_end
    ('2016', datetime.date(2016, 2, 23), datetime.date(2017, 2, 22))
    """
    if unit == "W":
        far = reference + timedelta(days=7 * offset)
    else:
        year, month = add_months(reference.year, reference.month, ROLLING_MONTHS[unit] * offset)
        far = date(year, month, min(reference.day, calendar.monthrange(year, month)[1]))
    if offset < 0:
        start, end = far + timedelta(days=1), reference
    else:
        start, end = reference, far - timedelta(days=1)
    return Resolved(resolved.value, start, end, resolved.granularity)


NARRATIVE_REACH = 1000  # characters back to look for the date a narrative reference counts from


def _same_day_of_month(ctx: Context) -> Resolved | None:
    """'that same day' right after a month ('last October ... that same day'): a day of that
    month, which one unsaid (1998-10-XX)."""
    for told in reversed(ctx.previous):
        if ctx.mention.start - told.end > NARRATIVE_REACH or told.date_start is None:
            return None
        if told.granularity == "month":
            return Resolved(f"{told.value}-XX", told.date_start, told.date_end, "month")
        if told.granularity in ("day", "week"):
            return None
    return None


def _narrative_day(ctx: Context, unit: str) -> date | None:
    """The first day of the date last mentioned that is at least as precise as `unit`."""
    told = _narrative_told(ctx, unit)
    return told.date_start if told else None


def _narrative_told(ctx: Context, unit: str) -> Told | None:
    """The date last mentioned nearby that is at least as precise as `unit`."""
    grains = NARRATIVE_GRAINS.get(unit, frozenset())
    for told in reversed(ctx.previous):
        if ctx.mention.start - told.end > NARRATIVE_REACH:
            return None
        if told.granularity in grains and told.date_start is not None:
            return told
    return None


def resolve_shift(ctx: Context) -> Resolved | None:
    f = ctx.mention.fields
    direction = _int(f.get("offset", -1))
    if f.get("amount") == "X":
        ref = "PAST_REF" if direction < 0 else "FUTURE_REF"
        return _vague(ctx, ref)
    amount, unit = _int(f["amount"]), str(f["unit"])
    # "three years earlier" in a narrative: from the story's last date
    story = ctx.story_day(unit if unit in NARRATIVE_GRAINS else "D")
    ref_day = story if story and f.get("anchor") == "previous" else ctx.reference
    if ref_day is None:
        return unknown(UNDERSPECIFIED.get(unit, "XXXX"))
    step = amount * direction
    if unit == "Y":  # "a year earlier" after "the third quarter": that quarter, a year before
        found = _previous_quarter(ctx)
        if found is not None and ctx.mention.start - _last_end(ctx) < QUARTER_REACH:
            year, number = found.value.split("-Q")
            return quarter_of(int(year) + step, int(number))
    if unit in ("H", "MIN", "S"):
        return day_of(ref_day)
    if unit == "D":  # "two days ago": that day
        return day_of(ref_day + timedelta(days=step))
    if unit == "W":  # "six weeks ago": that week (an approximate date keeps its precision)
        return week_of(ref_day + timedelta(days=7 * step))
    if unit == "DE":
        return year_of(ref_day.year + 10 * step)
    if unit == "CE":
        return year_of(ref_day.year + 100 * step)
    return _unit_span(unit, ref_day, step, ctx)


def _vague(ctx: Context, ref: str) -> Resolved:
    if ctx.reference is None or ref not in ctx.rules.vague_spans:
        return Resolved(ref, None, None, "vague" if ctx.reference else "unknown")
    before, after = ctx.rules.vague_spans[ref]
    return Resolved(
        ref,
        ctx.reference - timedelta(days=before),
        ctx.reference + timedelta(days=after),
        "vague",
    )


def resolve_ref(ctx: Context) -> Resolved | None:
    return _vague(ctx, str(ctx.mention.fields["ref"]))


# "and a half": the half unit, as the next smaller unit (TimeBank: "2 1/2 years" is P2Y6M).
HALF_UNITS = {"Y": "6M", "M": "15D", "D": "T12H", "H": "T30M", "MIN": "T30S"}


def resolve_duration(ctx: Context) -> Resolved | None:
    f = ctx.mention.fields
    value = duration_value(f.get("amount", 1), str(f["unit"]))
    if f.get("half") and str(f["unit"]) in HALF_UNITS and not value.startswith("PX"):
        half = HALF_UNITS[str(f["unit"])]
        value += half[1:] if value.startswith("PT") and half.startswith("T") else half
    return Resolved(value, None, None, "duration")


def resolve_set(ctx: Context) -> Resolved | None:
    f = ctx.mention.fields
    part = f.get("part_of_day")
    suffix = f"T{part}" if part else ""
    if "weekday" in f:
        return Resolved(f"XXXX-WXX-{_int(f['weekday'])}{suffix}", None, None, "set")
    if "month" in f:
        return Resolved(f"XXXX-{_int(f['month']):02d}", None, None, "set")
    if "season" in f:  # "each winter"
        return Resolved(f"XXXX-{f['season']}", None, None, "set")
    if part:  # "every evening"
        return Resolved(f"XXXX-XX-XX{suffix}", None, None, "set")
    unit = str(f["unit"])
    amount: object = f.get("amount", 1)
    if unit[:1].isdigit():  # "2W" (biweekly)
        amount, unit = unit[:-1], unit[-1]
    return Resolved(duration_value(amount, unit), None, None, "set")


def _future_or_past_pick(ctx: Context, candidates: list[int], current: int) -> int:
    if ctx.tense() == FUTURE:
        return min((c for c in candidates if c >= current), default=current)
    return max((c for c in candidates if c <= current), default=current)


def resolve_season(ctx: Context) -> Resolved | None:
    f = ctx.mention.fields
    season = str(f["season"])
    if "year" in f:
        return narrow(season_of(_int(f["year"]), season), f.get("mod"))
    story = ctx.story("Y")
    if story is None and f.get("anchor") == "previous":  # "the following spring", in news
        story = _narrative_told(ctx, "Y")
    if story is not None and f.get("offset") is None:  # a narrative: the story's year
        return narrow(season_of(_story_year(story), season), f.get("mod"))
    if story is not None and story.granularity == "year":  # "In 1863 ... the next spring"
        return narrow(season_of(_story_year(story) + _int(f["offset"]), season), f.get("mod"))
    ref = story.date_start if story else ctx.reference
    if ref is None:
        return unknown(f"XXXX-{season}")
    season_year = ref.year + 1 if ref.month == 12 else ref.year
    current_season = next(
        s
        for s, (a, b) in SEASON_MONTHS.items()
        if a <= ref.month <= b or (s == "WI" and ref.month in (12, 1, 2))
    )
    current = season_year * 4 + SEASON_ORDER[current_season]
    candidates = [y * 4 + SEASON_ORDER[season] for y in range(ref.year - 1, ref.year + 3)]
    offset = f.get("offset")
    if offset is not None and _int(offset) < 0:
        index = max(c for c in candidates if c < current)
    elif offset is not None and _int(offset) > 0:
        index = min(c for c in candidates if c > current)
    elif offset is not None:
        index = season_year * 4 + SEASON_ORDER[season]
    else:
        index = _future_or_past_pick(ctx, candidates, current)
    return narrow(season_of(index // 4, season), f.get("mod"))


# Quarter mentions that set "the quarter under discussion" for later anaphora.
QUARTER_RULES = frozenset({"quarter", "quarter_adjective", "quarter_code", "current_unit"})
QUARTER_REACH = 1500  # characters back to look for the quarter under discussion


def _previous_quarter(ctx: Context) -> Resolved | None:
    for timex in reversed(ctx.previous):
        if ctx.mention.start - timex.end > QUARTER_REACH:
            return None
        if timex.rule in QUARTER_RULES and "-Q" in timex.value:
            year, quarter = timex.value.split("-Q")
            return quarter_of(int(year), int(quarter))
    return None


def _previous_month(ctx: Context) -> date | None:
    """The first day of the month last told of, nearby (None: none)."""
    for told in reversed(ctx.previous):
        if ctx.mention.start - told.end > QUARTER_REACH:
            return None
        if told.granularity == "month" and told.date_start is not None:
            return told.date_start
    return None


def _last_end(ctx: Context) -> int:
    return ctx.previous[-1].end if ctx.previous else -QUARTER_REACH


def resolve_quarter(ctx: Context) -> Resolved | None:
    f = ctx.mention.fields
    if "quarter" not in f and "month" in f and ctx.reference is not None:
        return _quarter_ended(ctx.reference, _int(f["month"]))
    if "quarter" not in f:  # "the quarter": the one under discussion, else the last completed
        found = _previous_quarter(ctx)
        if found is not None:
            return found
        if ctx.reference is None:
            return unknown("XXXX-QX")
        return _unit_span("Q", ctx.reference, -1, ctx)
    quarter = _int(f["quarter"])
    if "year" in f:
        return quarter_of(_int(f["year"]), quarter)
    story = ctx.story("Y")
    if story is not None:
        return quarter_of(_story_year(story) + _int(f.get("offset", 0)), quarter)
    if ctx.reference is None:
        return unknown(f"XXXX-Q{quarter}")
    ref = ctx.reference
    current = (ref.month - 1) // 3 + 1
    offset = f.get("offset")
    year = ref.year
    starts_soon = (date(ref.year, 3 * quarter - 2, 1) - ref).days <= NEAR_DAYS
    if offset is not None:
        year += _int(offset)
    elif quarter > current and ctx.tense() != FUTURE and not starts_soon:
        year -= 1  # a quarter to come is last year's, unless it is about to begin
    return quarter_of(year, quarter)


def _quarter_ended(ref: date, month: int) -> Resolved:
    """The quarter that ended in `month` (up to `ref`): the calendar quarter of its middle month."""
    year = ref.year if month <= ref.month else ref.year - 1
    year, middle = add_months(year, month, -1)
    return quarter_of(year, (middle - 1) // 3 + 1)


def resolve_half(ctx: Context) -> Resolved | None:
    f = ctx.mention.fields
    half = _int(f["half"])
    if "year" in f:
        return half_of(_int(f["year"]), half)
    story = ctx.story("Y")
    if story is not None:
        return half_of(_story_year(story), half)
    if ctx.reference is None:
        return unknown(f"XXXX-H{half}")
    ref = ctx.reference
    current = 1 if ref.month <= 6 else 2
    year = ref.year - 1 if half > current and ctx.tense() != FUTURE else ref.year
    return half_of(year, half)


def resolve_period(ctx: Context) -> Resolved | None:
    """The period under discussion ('the year-earlier period', 'the 1988 period'), a year
    before when the words say so ('the same month a year ago')."""
    f = ctx.mention.fields
    if ctx.reference is None and "year" not in f:
        return unknown("XXXX")
    unit = f.get("unit")
    if unit in (None, "M") and "year" not in f and "quarter" not in f:
        month = _previous_month(ctx)  # "in January, ... the same month a year ago"
        if month is not None and (unit == "M" or _previous_quarter(ctx) is None):
            return month_of(month.year - 1, month.month)
    found = _previous_quarter(ctx)
    if "year" in f:  # "the 1988 period": the quarter under discussion, in 1988
        year = _int(f["year"])
        return quarter_of(year, int(found.value[-1])) if found else year_of(year)
    assert ctx.reference is not None
    if "quarter" in f:
        found = quarter_of(ctx.reference.year, _int(f["quarter"]))
    elif found is None and "quarter" in ctx.mention.text.lower():
        found = _unit_span("Q", ctx.reference, -1, ctx)
    if found is None:
        return year_of(ctx.reference.year - 1)
    found_year, number = found.value.split("-Q")
    return quarter_of(int(found_year) - 1, int(number))


def resolve_holiday(ctx: Context) -> Resolved | None:
    f = ctx.mention.fields
    code = str(f["holiday"])
    if "year" in f:
        return day_of(holiday_date(code, _int(f["year"])))
    story = ctx.story("Y")
    if story is not None and "offset" not in f:
        return day_of(holiday_date(code, _story_year(story)))
    if ctx.reference is None:
        month, day = code.split("-")[:2]
        return unknown(f"XXXX-{month}" + (f"-{day}" if day.isdigit() else ""))
    approximate = holiday_date(code, ctx.reference.year)
    return day_of(holiday_date(code, _month_year(ctx, approximate.month, approximate.day)))


def resolve_decade(ctx: Context) -> Resolved | None:
    f = ctx.mention.fields
    return narrow(decade_of(_int(f["decade"])), f.get("mod"))


def resolve_century(ctx: Context) -> Resolved | None:
    f = ctx.mention.fields
    return narrow(century_of(_int(f["century"]) - 1), f.get("mod"))


DAY_REACH = 300  # characters back to look for the day a bare clock time belongs to


def _previous_day(ctx: Context) -> Resolved | None:
    for timex in reversed(ctx.previous):
        if ctx.mention.start - timex.end > DAY_REACH:
            return None
        if timex.granularity == "day" and timex.date_start is not None:
            return day_of(timex.date_start)
    return None


def resolve_time(ctx: Context) -> Resolved | None:
    f = ctx.mention.fields
    hour = _int(f["hour"])
    minute = _int(f.get("minute", 0))
    ampm = f.get("ampm")
    if ampm == "PM" and hour < 12:
        hour += 12
    elif ampm == "AM" and hour == 12:
        hour = 0
    if not (0 <= hour <= 23 and 0 <= minute <= 59 or hour == 24 and minute == 0):
        return None
    clock = f"T{hour:02d}:{minute:02d}" + ("Z" if ampm == "Z" else "")
    if "month" in f:
        day = resolve_date(ctx)
    elif ctx.reference is None:
        day = unknown("XXXX-XX-XX")
    elif "weekday" in f:
        day = day_of(_weekday_date(ctx, _int(f["weekday"])))
    elif "offset" in f:
        day = day_of(ctx.reference + timedelta(days=_int(f["offset"])))
    else:  # a bare clock time: on the day last mentioned nearby, else the reference day
        day = _previous_day(ctx) or day_of(ctx.reference)
    if day is None:
        return None
    return Resolved(day.value + clock, day.date_start, day.date_end, day.granularity)


Resolver = Callable[[Context], Resolved | None]
RESOLVERS: dict[str, Resolver] = {
    "date": resolve_date,
    "weekday": resolve_weekday,
    "relative_day": resolve_relative_day,
    "this_unit": resolve_this_unit,
    "shift": resolve_shift,
    "ref": resolve_ref,
    "duration": resolve_duration,
    "set": resolve_set,
    "season": resolve_season,
    "quarter": resolve_quarter,
    "half": resolve_half,
    "period": resolve_period,
    "holiday": resolve_holiday,
    "decade": resolve_decade,
    "century": resolve_century,
    "time": resolve_time,
}
