"""Calendar periods as TIMEX3 values with their day spans: a day, week, month, quarter, season,
year, decade, century; durations as TIMEX3 values. Pure date arithmetic, no text."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = [
    "TIMEX3_VALUE",
    "Resolved",
    "add_months",
    "before_era",
    "century_of",
    "day_of",
    "decade_of",
    "duration_value",
    "half_of",
    "holiday_date",
    "month_of",
    "narrow",
    "quarter_of",
    "season_of",
    "unknown",
    "week_of",
    "weekend_of",
    "with_part",
    "year_of",
    "year_text",
]

# The TIMEX3 value grammar this tagger produces (a subset of TimeML 1.2's; years before the
# common era as TIMEX2 and the TimeML corpora write them: BC0490).
TIMEX3_VALUE = re.compile(
    r"(?:PAST_REF|PRESENT_REF|FUTURE_REF)"
    r"|P(?:[0-9]+(?:\.[0-9]+)?|X)(?:Y|M|W|D|Q|DE|CE|L)"
    r"|PT(?:[0-9]+|X)(?:H|M|S)"
    r"|P(?=[0-9T])(?:[0-9]+Y)?(?:[0-9]+M)?(?:[0-9]+D)?(?:T(?:[0-9]+H)?(?:[0-9]+M)?(?:[0-9]+S)?)?"
    r"|(?:BC)?(?:[0-9]{1,2}|[0-9]{3})"
    r"|(?:BC[0-9]{4}|[0-9]{4}|XXXX)(?:-(?:Q[1-4X]|H[12]|SP|SU|FA|WI"
    r"|W(?:[0-9]{2}|XX)(?:-(?:[1-7]|WE))?"
    r"|(?:[0-9]{2}|XX)(?:-(?:[0-9]{2}|XX))?))?"
    r"(?:T(?:MO|AF|EV|NI|[0-9]{2}:[0-9]{2}Z?))?"
)

SEASON_ORDER = {"WI": 0, "SP": 1, "SU": 2, "FA": 3}
SEASON_MONTHS = {"WI": (12, 2), "SP": (3, 5), "SU": (6, 8), "FA": (9, 11)}


@dataclass(frozen=True)
class Resolved:
    """A TIMEX3 value and the days it covers (None: not on a calendar)."""

    value: str
    date_start: date | None
    date_end: date | None
    granularity: str


def year_text(year: int) -> str:
    """A year as TIMEX values write it: four digits, "BC" before those of years before the
    common era (-490 is 490 BC, as the rule file's `year` normalizer gives it).

    >>> year_text(776), year_text(-490)
    ('0776', 'BC0490')
    """
    if not -9999 <= year <= 9999 or year == 0:
        raise ValueError(f"year {year} out of range")
    return f"{year:04d}" if year > 0 else f"BC{-year:04d}"


def before_era(value: str, granularity: str) -> Resolved:
    """A period before the common era: its value, no span (Python's calendar starts at 1 AD)."""
    return Resolved(value, None, None, granularity)


def day_of(day: date) -> Resolved:
    return Resolved(day.isoformat(), day, day, "day")


def month_of(year: int, month: int) -> Resolved:
    if year < 1:
        return before_era(f"{year_text(year)}-{month:02d}", "month")
    last = calendar.monthrange(year, month)[1]
    return Resolved(
        f"{year_text(year)}-{month:02d}", date(year, month, 1), date(year, month, last), "month"
    )


def year_of(year: int) -> Resolved:
    if year < 1:
        return before_era(year_text(year), "year")
    return Resolved(year_text(year), date(year, 1, 1), date(year, 12, 31), "year")


def week_of(day: date) -> Resolved:
    """The ISO week holding `day`.

    >>> week_of(date(2017, 2, 22)).value
    '2017-W08'
    """
    iso_year, week, weekday = day.isocalendar()
    monday = day - timedelta(days=weekday - 1)
    return Resolved(
        f"{year_text(iso_year)}-W{week:02d}", monday, monday + timedelta(days=6), "week"
    )


def weekend_of(day: date) -> Resolved:
    week = week_of(day)
    saturday = week.date_start + timedelta(days=5) if week.date_start else day
    return Resolved(f"{week.value}-WE", saturday, saturday + timedelta(days=1), "week")


def quarter_of(year: int, quarter: int) -> Resolved:
    if not 1 <= quarter <= 4:
        raise ValueError(f"quarter {quarter}")
    first = 3 * quarter - 2
    last = month_of(year, first + 2).date_end
    return Resolved(f"{year_text(year)}-Q{quarter}", date(year, first, 1), last, "quarter")


def half_of(year: int, half: int) -> Resolved:
    if half not in (1, 2):
        raise ValueError(f"half {half}")
    first = 1 if half == 1 else 7
    last = month_of(year, first + 5).date_end
    return Resolved(f"{year_text(year)}-H{half}", date(year, first, 1), last, "quarter")


def season_of(year: int, season: str) -> Resolved:
    if year < 1:
        return before_era(f"{year_text(year)}-{season}", "season")
    first, last = SEASON_MONTHS[season]
    start = date(year - 1, 12, 1) if season == "WI" else date(year, first, 1)
    end = month_of(year, last).date_end
    return Resolved(f"{year_text(year)}-{season}", start, end, "season")


def decade_of(decade: int) -> Resolved:
    if decade < 0:  # "the 490s BC": BC049
        return before_era(f"BC{-decade:03d}", "decade")
    year = decade * 10
    return Resolved(f"{decade:03d}", date(max(1, year), 1, 1), date(year + 9, 12, 31), "decade")


def century_of(century: int) -> Resolved:
    """`century` as in the TIMEX3 value: 19 is 1900-1999."""
    year = century * 100
    if not 0 <= century <= 99:
        raise ValueError(f"century {century}")
    return Resolved(f"{century:02d}", date(max(1, year), 1, 1), date(year + 99, 12, 31), "century")


def add_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def narrow(resolved: Resolved, mod: object) -> Resolved:
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


def unknown(value: str) -> Resolved:
    """An underspecified value with no span (no reference date to resolve it against)."""
    return Resolved(value, None, None, "unknown")


def with_part(resolved: Resolved, part: object) -> Resolved:
    """A day with a part of the day ("TMO"), when there is one."""
    if not part:
        return resolved
    return Resolved(f"{resolved.value}T{part}", resolved.date_start, resolved.date_end, "day")


def holiday_date(code: str, year: int) -> date:
    """The day of a holiday code in `year`: "12-25", or "11-4-4" (4th Thursday), "05-L-1".

    >>> holiday_date("11-4-4", 2016), holiday_date("05-L-1", 2016)
    (datetime.date(2016, 11, 24), datetime.date(2016, 5, 30))
    """
    parts = code.split("-")
    month = int(parts[0])
    if len(parts) == 2:
        return date(year, month, int(parts[1]))
    nth, weekday = parts[1], int(parts[2])
    if nth == "L":
        last = month_of(year, month).date_end or date(year, month, 28)
        return last - timedelta(days=(last.isoweekday() - weekday) % 7)
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (int(nth) - 1))


DURATION_UNITS = {"S": "TS", "MIN": "TM", "H": "TH", "D": "D", "W": "W", "M": "M", "Q": "Q"}
DURATION_UNITS.update({"Y": "Y", "DE": "DE", "CE": "CE"})


def duration_value(amount: object, unit: str) -> str:
    """A TIMEX3 duration: an amount ("X": unspecified) of a unit of the rule file's table.

    >>> duration_value(2, "DE"), duration_value("X", "H"), duration_value(1, "WE")
    ('P20Y', 'PTXH', 'P2D')
    """
    if unit == "WE":
        unit, amount = "D", (2 * int(str(amount)) if amount != "X" else "X")
    if unit in ("DE", "CE") and amount != "X":
        amount, unit = int(str(amount)) * (10 if unit == "DE" else 100), "Y"
    if unit == "DE" and amount == "X":
        unit = "Y"
    code = DURATION_UNITS[unit]
    number = "X" if amount == "X" else str(int(str(amount)))
    if code.startswith("T"):
        return f"PT{number}{code[1:]}"
    return f"P{number}{code}"
