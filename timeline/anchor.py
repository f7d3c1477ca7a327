"""Resolve mentions against a reference (publication) date: TIMEX3 value, span, granularity.

Each kind of underspecified value (`Mention.fields["kind"]`) has its resolver in `RESOLVERS`.
Relative expressions use the tense of the clause around them (cue words from the rule file) the
way news is written: a bare weekday is the reference day itself when it is the same weekday, the
coming one in a future context, else the most recent past one. Without a reference date, absolute
dates still resolve and relative ones keep an underspecified value (`XXXX-WXX-3`) and no span.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Protocol

from timeline.detect import Mention, find_mentions
from timeline.rules import RuleSet, load_rules, lowercase

__all__ = ["TIMEX3_VALUE", "Timex", "anchor_mentions", "tag_text"]

# The TIMEX3 value grammar this tagger produces (a subset of TimeML 1.2's).
TIMEX3_VALUE = re.compile(
    r"(?:PAST_REF|PRESENT_REF|FUTURE_REF)"
    r"|P(?:[0-9]+(?:\.[0-9]+)?|X)(?:Y|M|W|D|Q|DE|CE|L)"
    r"|PT(?:[0-9]+|X)(?:H|M|S)"
    r"|P(?=[0-9T])(?:[0-9]+Y)?(?:[0-9]+M)?(?:[0-9]+D)?(?:T(?:[0-9]+H)?(?:[0-9]+M)?(?:[0-9]+S)?)?"
    r"|[0-9]{1,2}|[0-9]{3}"
    r"|(?:[0-9]{4}|XXXX)(?:-(?:Q[1-4X]|H[12]|SP|SU|FA|WI"
    r"|W(?:[0-9]{2}|XX)(?:-(?:[1-7]|WE))?"
    r"|(?:[0-9]{2}|XX)(?:-(?:[0-9]{2}|XX))?))?"
    r"(?:T(?:MO|AF|EV|NI|[0-9]{2}:[0-9]{2}Z?))?"
)

PAST, FUTURE = "past", "future"
SEASON_ORDER = {"WI": 0, "SP": 1, "SU": 2, "FA": 3}
SEASON_MONTHS = {"WI": (12, 2), "SP": (3, 5), "SU": (6, 8), "FA": (9, 11)}
NEAR_DAYS = 62
UNIT_DAYS = {"D": 1, "W": 7}
SINCE_WORDS = frozenset({"since", "ago"})
DEADLINE_WORDS = frozenset({"by", "through", "until", "till", "effective"})
PERFECT_REACH = 40  # characters around a deadline in which "had" makes it one gone by


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


@dataclass(frozen=True)
class Resolved:
    """What a resolver returns: the value and the span it covers."""

    value: str
    date_start: date | None
    date_end: date | None
    granularity: str


@dataclass
class Context:
    """What a resolver may look at besides the mention's fields."""

    text: str
    mention: Mention
    reference: date | None
    rules: RuleSet
    previous: list[Timex]

    def tense(self) -> str | None:
        """The tense of the clause around the mention: the nearest cue decides (None: no cue)."""
        forced = self.mention.fields.get("tense")
        if forced:
            return str(forced)
        start, end, rules = self.mention.start, self.mention.end, self.rules
        before = self.text[max(0, start - 12) : start].lower().split()
        if before and before[-1] in DEADLINE_WORDS:
            # "by Friday" is a deadline to come, unless the clause tells it done ("had filed")
            left, right = _clause(self.text, start, end, rules)
            near = left[-PERFECT_REACH:] + " " + right[:PERFECT_REACH]
            return PAST if rules.perfect_cues.search(near) else FUTURE
        return clause_tense(self.text, start, end, rules)


def _clause(text: str, start: int, end: int, rules: RuleSet) -> tuple[str, str]:
    """The cue window's text left and right of text[start:end], cut at clause boundaries (found
    in the text as written: capitals tell them), lowercased as the tense cues are matched."""
    window = rules.cue_window
    left = text[max(0, start - window) : start]
    cut = [m.end() for m in rules.clause_boundary.finditer(left)]
    left = left[cut[-1] :] if cut else left
    right = text[end : end + window // 2]
    boundary = rules.clause_boundary.search(right)
    return lowercase(left), lowercase(right[: boundary.start()] if boundary else right)


def clause_tense(text: str, start: int, end: int, rules: RuleSet) -> str | None:
    """Past, future or None from cue words in a window around text[start:end] within its clause.

    >>> rules = load_rules("en")
    >>> text = "when they meet Thursday"
    >>> clause_tense(text, 15, 23, rules)
    'future'
    """
    left, right = _clause(text, start, end, rules)
    best: tuple[int, int, str] | None = None  # distance, cue priority, tense
    for side, part in enumerate((left, right)):
        for match in rules.tense_cues.finditer(part):
            group = match.lastgroup
            if group == "future_before" and side:
                continue
            if group == "past" and _not_past(match, part, rules):
                continue
            # a cue after the mention weighs a little less; on a tie future wins, then past
            distance = match.start() + 2 if side else len(part) - match.end()
            found = (distance, CUE_PRIORITY[group or ""], CUE_TENSE[group or ""])
            if best is None or found < best:
                best = found
    return best[2] if best else None


CUE_TENSE = {"future": FUTURE, "future_before": FUTURE, "past": PAST}
CUE_PRIORITY = {"future": 0, "future_before": 1, "past": 2}
_PASSIVE = re.compile(r"\b(?:be|being|is|are|am|get|gets)\s+$")


def _not_past(match: re.Match[str], part: str, rules: RuleSet) -> bool:
    """An -ed word that is no past tense: an exception word, or a participle after be/is/are."""
    return match.group() in rules.past_exceptions or bool(
        _PASSIVE.search(part[max(0, match.start() - 12) : match.start()])
    )


# --- calendar helpers -------------------------------------------------------------------------


def _year(year: int) -> str:
    if not 1 <= year <= 9999:
        raise ValueError(f"year {year} out of range")
    return f"{year:04d}"


def _day(day: date) -> Resolved:
    return Resolved(day.isoformat(), day, day, "day")


def _month(year: int, month: int) -> Resolved:
    last = calendar.monthrange(year, month)[1]
    return Resolved(
        f"{_year(year)}-{month:02d}", date(year, month, 1), date(year, month, last), "month"
    )


def _year_span(year: int) -> Resolved:
    return Resolved(_year(year), date(year, 1, 1), date(year, 12, 31), "year")


def _week(day: date) -> Resolved:
    iso_year, week, weekday = day.isocalendar()
    monday = day - timedelta(days=weekday - 1)
    return Resolved(f"{_year(iso_year)}-W{week:02d}", monday, monday + timedelta(days=6), "week")


def _weekend(day: date) -> Resolved:
    week = _week(day)
    saturday = week.date_start + timedelta(days=5) if week.date_start else day
    return Resolved(f"{week.value}-WE", saturday, saturday + timedelta(days=1), "week")


def _quarter(year: int, quarter: int) -> Resolved:
    if not 1 <= quarter <= 4:
        raise ValueError(f"quarter {quarter}")
    first = 3 * quarter - 2
    last = _month(year, first + 2).date_end
    return Resolved(f"{_year(year)}-Q{quarter}", date(year, first, 1), last, "quarter")


def _half(year: int, half: int) -> Resolved:
    if half not in (1, 2):
        raise ValueError(f"half {half}")
    first = 1 if half == 1 else 7
    return Resolved(
        f"{_year(year)}-H{half}", date(year, first, 1), _month(year, first + 5).date_end, "quarter"
    )


def _season(year: int, season: str) -> Resolved:
    first, last = SEASON_MONTHS[season]
    start = date(year - 1, 12, 1) if season == "WI" else date(year, first, 1)
    end = _month(year, last).date_end
    return Resolved(f"{_year(year)}-{season}", start, end, "season")


def _decade(decade: int) -> Resolved:
    year = decade * 10
    return Resolved(f"{decade:03d}", date(max(1, year), 1, 1), date(year + 9, 12, 31), "decade")


def _century(century: int) -> Resolved:
    """`century` as in the TIMEX3 value: 19 is 1900-1999."""
    year = century * 100
    if not 0 <= century <= 99:
        raise ValueError(f"century {century}")
    return Resolved(f"{century:02d}", date(max(1, year), 1, 1), date(year + 99, 12, 31), "century")


def _add_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def _narrow(resolved: Resolved, mod: object) -> Resolved:
    """Early/mid/late: keep the first, middle or last third of a span longer than a day."""
    start, end = resolved.date_start, resolved.date_end
    if mod not in ("START", "MID", "END") or start is None or end is None or start == end:
        return resolved
    third = (end - start).days // 3
    if mod == "START":
        end = start + timedelta(days=third)
    elif mod == "MID":
        start, end = start + timedelta(days=third), end - timedelta(days=third)
    else:
        start = end - timedelta(days=third)
    return Resolved(resolved.value, start, end, resolved.granularity)


def _unknown(value: str) -> Resolved:
    return Resolved(value, None, None, "unknown")


def _int(value: object) -> int:
    return int(str(value))


def _part(resolved: Resolved, part: object) -> Resolved:
    if not part:
        return resolved
    return Resolved(f"{resolved.value}T{part}", resolved.date_start, resolved.date_end, "day")


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


def _month_year(ctx: Context, month: int, day: int | None) -> int:
    """The year of a month (and day) written without one: by offset, else by tense."""
    assert ctx.reference is not None
    ref = ctx.reference
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


# --- resolvers, one per kind --------------------------------------------------------------------


def resolve_date(ctx: Context) -> Resolved | None:
    f = ctx.mention.fields
    month = _int(f["month"]) if "month" in f else None
    day = _int(f["day"]) if "day" in f else None
    if "year" in f:
        year = _int(f["year"])
    elif month is None:
        return None
    elif ctx.reference is None:
        return _unknown(f"XXXX-{month:02d}" + (f"-{day:02d}" if day else ""))
    elif f.get("unit") == "Y" and "offset" in f:  # "July last year": the offset counts years
        year = ctx.reference.year + _int(f["offset"])
    elif day is not None and "weekday" in f:  # "Monday, Oct. 26": the year that fits
        year = _weekday_year(ctx.reference, month, day, _int(f["weekday"]))
    else:
        year = _month_year(ctx, month, day)
        if day is not None and month == 2 and day == 29 and not calendar.isleap(year):
            return None
    if month is None:
        resolved = _year_span(year)
    elif day is None:
        resolved = _month(year, month)
    elif f.get("unit") == "W":  # "the week of March 6": the ISO week holding that day
        resolved = _week(date(year, month, day))
    else:
        resolved = _day(date(year, month, day))
    _year(year)
    return _narrow(resolved, f.get("mod"))


def resolve_weekday(ctx: Context) -> Resolved | None:
    f = ctx.mention.fields
    weekday = _int(f["weekday"])
    part = f.get("part_of_day")
    if ctx.reference is None:
        return _unknown(f"XXXX-WXX-{weekday}" + (f"T{part}" if part else ""))
    # "the previous Friday": the Friday before the date last told of
    ref = _narrative_day(ctx, "D") if f.get("anchor") == "previous" else None
    return _part(_day(_weekday_date(ctx, weekday, f.get("offset"), ref)), part)


def resolve_relative_day(ctx: Context) -> Resolved | None:
    f = ctx.mention.fields
    part = f.get("part_of_day")
    if ctx.reference is None:
        return _unknown("XXXX-XX-XX" + (f"T{part}" if part else ""))
    return _part(_day(ctx.reference + timedelta(days=_int(f["offset"]))), part)


def _unit_span(unit: str, ref: date, offset: int | None, ctx: Context) -> Resolved:
    if unit == "WE":
        if offset is None and ref.isoweekday() < 6 and ctx.tense() != FUTURE:
            offset = -1  # "the weekend" in a weekday article told in the past: the last one
        return _weekend(ref + timedelta(days=7 * (offset or 0)))
    offset = offset or 0
    if unit == "D":
        return _day(ref + timedelta(days=offset))
    if unit == "W":
        return _week(ref + timedelta(days=7 * offset))
    if unit == "M":
        return _month(*_add_months(ref.year, ref.month, offset))
    if unit == "Q":
        year, month = _add_months(ref.year, ref.month, 3 * offset)
        return _quarter(year, (month - 1) // 3 + 1)
    if unit == "Y":
        return _year_span(ref.year + offset)
    if unit == "DE":
        return _decade(ref.year // 10 + offset)
    if unit == "CE":
        return _century(ref.year // 100 + offset)
    raise ValueError(f"no calendar unit {unit}")


UNDERSPECIFIED = {"D": "XXXX-XX-XX", "W": "XXXX-WXX", "WE": "XXXX-WXX-WE", "M": "XXXX-XX"}


def resolve_this_unit(ctx: Context) -> Resolved | None:
    f = ctx.mention.fields
    unit = str(f["unit"])
    if ctx.reference is None:
        return _unknown(UNDERSPECIFIED.get(unit, "XXXX"))
    offset = _int(f["offset"]) if "offset" in f else None
    reference = ctx.reference
    if f.get("anchor") == "previous":  # "the following day": from the date last told of
        reference = _narrative_day(ctx, unit) or reference
    return _narrow(_unit_span(unit, reference, offset, ctx), f.get("mod"))


NARRATIVE_REACH = 1000  # characters back to look for the date a narrative reference counts from
# The granularities of a previous date precise enough to count a unit from it.
NARRATIVE_GRAINS = {
    "D": frozenset({"day"}),
    "W": frozenset({"day", "week"}),
    "M": frozenset({"day", "week", "month"}),
    "Y": frozenset({"day", "week", "month", "quarter", "season", "year"}),
}


def _narrative_day(ctx: Context, unit: str) -> date | None:
    """The first day of the date last mentioned that is at least as precise as `unit`."""
    grains = NARRATIVE_GRAINS.get(unit, frozenset())
    for timex in reversed(ctx.previous):
        if ctx.mention.start - timex.end > NARRATIVE_REACH:
            return None
        if timex.granularity in grains and timex.date_start is not None:
            return timex.date_start
    return None


def resolve_shift(ctx: Context) -> Resolved | None:
    f = ctx.mention.fields
    direction = _int(f.get("offset", -1))
    if f.get("amount") == "X":
        ref = "PAST_REF" if direction < 0 else "FUTURE_REF"
        return _vague(ctx, ref)
    if ctx.reference is None:
        return _unknown(UNDERSPECIFIED.get(str(f["unit"]), "XXXX"))
    amount, unit, ref_day = _int(f["amount"]), str(f["unit"]), ctx.reference
    step = amount * direction
    if unit == "Y":  # "a year earlier" after "the third quarter": that quarter, a year before
        found = _previous_quarter(ctx)
        if found is not None and ctx.mention.start - _last_end(ctx) < QUARTER_REACH:
            year, number = found.value.split("-Q")
            return _quarter(int(year) + step, int(number))
    if unit in ("H", "MIN", "S"):
        return _day(ref_day)
    if unit in UNIT_DAYS:  # "two days ago", "a week ago": that day
        return _day(ref_day + timedelta(days=step * UNIT_DAYS[unit]))
    if unit == "DE":
        return _year_span(ref_day.year + 10 * step)
    if unit == "CE":
        return _year_span(ref_day.year + 100 * step)
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


DURATION_UNITS = {"S": "TS", "MIN": "TM", "H": "TH", "D": "D", "W": "W", "M": "M", "Q": "Q"}
DURATION_UNITS.update({"Y": "Y", "DE": "DE", "CE": "CE"})


def _duration_value(amount: object, unit: str) -> str:
    if unit == "WE":
        unit, amount = "D", (2 * _int(amount) if amount != "X" else "X")
    if unit in ("DE", "CE") and amount != "X":
        amount, unit = _int(amount) * (10 if unit == "DE" else 100), "Y"
    if unit == "DE" and amount == "X":
        unit = "Y"
    if unit == "CE" and amount == "X":
        unit = "CE"
    code = DURATION_UNITS[unit]
    number = "X" if amount == "X" else str(_int(amount))
    if code.startswith("T"):
        return f"PT{number}{code[1:]}"
    return f"P{number}{code}"


# "and a half": the half unit, as the next smaller unit (TimeBank: "2 1/2 years" is P2Y6M).
HALF_UNITS = {"Y": "6M", "M": "15D", "D": "T12H", "H": "T30M", "MIN": "T30S"}


def resolve_duration(ctx: Context) -> Resolved | None:
    f = ctx.mention.fields
    value = _duration_value(f.get("amount", 1), str(f["unit"]))
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
    unit = str(f["unit"])
    amount: object = f.get("amount", 1)
    if unit[:1].isdigit():  # "2W" (biweekly)
        amount, unit = unit[:-1], unit[-1]
    return Resolved(_duration_value(amount, unit), None, None, "set")


def _future_or_past_pick(ctx: Context, candidates: list[int], current: int) -> int:
    if ctx.tense() == FUTURE:
        return min((c for c in candidates if c >= current), default=current)
    return max((c for c in candidates if c <= current), default=current)


def resolve_season(ctx: Context) -> Resolved | None:
    f = ctx.mention.fields
    season = str(f["season"])
    if "year" in f:
        return _narrow(_season(_int(f["year"]), season), f.get("mod"))
    if ctx.reference is None:
        return _unknown(f"XXXX-{season}")
    ref = ctx.reference
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
    return _narrow(_season(index // 4, season), f.get("mod"))


# Quarter mentions that set "the quarter under discussion" for later anaphora.
QUARTER_RULES = frozenset({"quarter", "quarter_adjective", "quarter_code", "current_unit"})
QUARTER_REACH = 1500  # characters back to look for the quarter under discussion


def _previous_quarter(ctx: Context) -> Resolved | None:
    for timex in reversed(ctx.previous):
        if ctx.mention.start - timex.end > QUARTER_REACH:
            return None
        if timex.rule in QUARTER_RULES and "-Q" in timex.value:
            year, quarter = timex.value.split("-Q")
            return _quarter(int(year), int(quarter))
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
            return _unknown("XXXX-QX")
        return _unit_span("Q", ctx.reference, -1, ctx)
    quarter = _int(f["quarter"])
    if "year" in f:
        return _quarter(_int(f["year"]), quarter)
    if ctx.reference is None:
        return _unknown(f"XXXX-Q{quarter}")
    ref = ctx.reference
    current = (ref.month - 1) // 3 + 1
    offset = f.get("offset")
    year = ref.year
    if offset is not None:
        year += _int(offset)
    elif quarter > current and ctx.tense() != FUTURE:
        year -= 1
    return _quarter(year, quarter)


def _quarter_ended(ref: date, month: int) -> Resolved:
    """The quarter that ended in `month` (up to `ref`): the calendar quarter of its middle month."""
    year = ref.year if month <= ref.month else ref.year - 1
    year, middle = _add_months(year, month, -1)
    return _quarter(year, (middle - 1) // 3 + 1)


def resolve_half(ctx: Context) -> Resolved | None:
    f = ctx.mention.fields
    half = _int(f["half"])
    if "year" in f:
        return _half(_int(f["year"]), half)
    if ctx.reference is None:
        return _unknown(f"XXXX-H{half}")
    ref = ctx.reference
    current = 1 if ref.month <= 6 else 2
    year = ref.year - 1 if half > current and ctx.tense() != FUTURE else ref.year
    return _half(year, half)


def resolve_period(ctx: Context) -> Resolved | None:
    """The period under discussion ('the year-earlier period', 'the 1988 period')."""
    f = ctx.mention.fields
    if ctx.reference is None and "year" not in f:
        return _unknown("XXXX")
    found = _previous_quarter(ctx)
    if "year" in f:  # "the 1988 period": the quarter under discussion, in 1988
        year = _int(f["year"])
        return _quarter(year, int(found.value[-1])) if found else _year_span(year)
    assert ctx.reference is not None
    if "quarter" in f:
        found = _quarter(ctx.reference.year, _int(f["quarter"]))
    elif found is None and "quarter" in ctx.mention.text.lower():
        found = _unit_span("Q", ctx.reference, -1, ctx)
    if found is None:
        return _year_span(ctx.reference.year - 1)
    year_text, number = found.value.split("-Q")
    return _quarter(int(year_text) - 1, int(number))


def _holiday_date(code: str, year: int) -> date:
    """The day of a holiday code in `year`: "12-25", or "11-4-4" (4th Thursday), "05-L-1"."""
    parts = code.split("-")
    month = int(parts[0])
    if len(parts) == 2:
        return date(year, month, int(parts[1]))
    nth, weekday = parts[1], int(parts[2])
    if nth == "L":
        last = _month(year, month).date_end or date(year, month, 28)
        return last - timedelta(days=(last.isoweekday() - weekday) % 7)
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (int(nth) - 1))


def resolve_holiday(ctx: Context) -> Resolved | None:
    f = ctx.mention.fields
    code = str(f["holiday"])
    if "year" in f:
        return _day(_holiday_date(code, _int(f["year"])))
    if ctx.reference is None:
        month, day = code.split("-")[:2]
        return _unknown(f"XXXX-{month}" + (f"-{day}" if day.isdigit() else ""))
    approximate = _holiday_date(code, ctx.reference.year)
    return _day(_holiday_date(code, _month_year(ctx, approximate.month, approximate.day)))


def resolve_decade(ctx: Context) -> Resolved | None:
    f = ctx.mention.fields
    return _narrow(_decade(_int(f["decade"])), f.get("mod"))


def resolve_century(ctx: Context) -> Resolved | None:
    f = ctx.mention.fields
    return _narrow(_century(_int(f["century"]) - 1), f.get("mod"))


DAY_REACH = 300  # characters back to look for the day a bare clock time belongs to


def _previous_day(ctx: Context) -> Resolved | None:
    for timex in reversed(ctx.previous):
        if ctx.mention.start - timex.end > DAY_REACH:
            return None
        if timex.granularity == "day" and timex.date_start is not None:
            return _day(timex.date_start)
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
        day = _unknown("XXXX-XX-XX")
    elif "weekday" in f:
        day = _day(_weekday_date(ctx, _int(f["weekday"])))
    elif "offset" in f:
        day = _day(ctx.reference + timedelta(days=_int(f["offset"])))
    else:  # a bare clock time: on the day last mentioned nearby, else the reference day
        day = _previous_day(ctx) or _day(ctx.reference)
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
    for mention in mentions:
        kind = str(mention.fields.get("kind", ""))
        resolver = RESOLVERS.get(kind)
        if resolver is None:
            continue
        ctx = Context(text, mention, reference, rules, timexes)
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
