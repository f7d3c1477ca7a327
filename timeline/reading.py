"""Which reading suits a text: news, whose relative dates count from the publication date, or a
narrative (a history, a biography), whose relative dates count from the story's last date.

A narrative's dates are its own time, far from when it was published, and it hardly speaks of
the time of writing; a news story, even one with a paragraph of history, keeps coming back to
it ("today", "on Tuesday", "last week", "two years ago"). So a text reads as a narrative when

- at least `MIN_FAR_YEARS` of its written years lie `FAR_YEARS` or more from the publication
  year, and they are at least `FAR_SHARE` of all the years it writes, and
- it has at most one expression of the time of writing (a rule marked `anchor: dct`, or a bare
  weekday) for every `FAR_YEARS_PER_DEICTIC` of those far years.

Without a publication date, a text that writes at least `MIN_FAR_YEARS` years and passes the
second test reads as a narrative: its own dates are then all there is to count from (HeidelTime
falls back to its narrative type for documents without a date the same way).

On the development corpora, no TimeBank/AQUAINT or MEANTIME news article reads as a narrative
(the nearest, a 2000 feature with six years of the 1960s to 1990, has one expression of its
time for every 3 far years); 21 of the 22 WikiWars histories do (the Iraq war article, written
while the war went on, writes years near its date and reads as news).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from timeline.detect import Mention

__all__ = [
    "AUTO",
    "NARRATIVE",
    "NEWS",
    "READINGS",
    "READING_CHOICES",
    "Reading",
    "choose_reading",
    "written_year",
]

NEWS, NARRATIVE = "news", "narrative"
READINGS = (NEWS, NARRATIVE)
AUTO = "auto"
READING_CHOICES = (AUTO, *READINGS)  # what a user may ask for
FAR_YEARS = 10
MIN_FAR_YEARS = 5
FAR_SHARE = 2 / 3
FAR_YEARS_PER_DEICTIC = 4


@dataclass(frozen=True)
class Reading:
    """The reading a text is tagged with, and why ("asked", or the evidence of the choice)."""

    name: str  # news | narrative
    why: str


def written_year(fields: Mapping[str, object]) -> int | None:
    """The year an expression writes out: in full, or its last two digits after a range's first
    year ("17" of "1915-17"); None when it writes none.

    >>> written_year({"year": 1915}), written_year({"range_from": 1915, "year_digits": 17})
    (1915, 1917)
    """
    if "year" in fields:
        return int(str(fields["year"]))
    if "year_digits" in fields and "range_from" in fields:
        start = int(str(fields["range_from"]))
        year = start // 100 * 100 + int(str(fields["year_digits"]))
        return year if year > start else year + 100
    return None


def _speaks_of_writing_time(mention: Mention) -> bool:
    fields = mention.fields
    return fields.get("anchor") == "dct" or (
        fields.get("kind") == "weekday" and "anchor" not in fields
    )


def choose_reading(mentions: Iterable[Mention], reference: date | None) -> Reading:
    """News or narrative for a text with these mentions, published on `reference`.

    >>> from timeline.detect import find_mentions
    >>> story = "In 1914 war broke out; 1915, 1916 and 1917 were worse; in 1918 it ended."
    >>> choose_reading(find_mentions(story), date(2009, 12, 19)).name
    'narrative'
    >>> choose_reading(find_mentions(story + " Today, on Monday, and last week."),
    ...                date(2009, 12, 19)).name
    'news'
    """
    years: list[int] = []
    deictic = 0
    for mention in mentions:
        year = written_year(mention.fields)
        if year is not None:
            years.append(year)
        deictic += _speaks_of_writing_time(mention)
    if reference is None:
        far = len(years)
        what = f"{far} written years, no publication date"
    else:
        far = sum(abs(year - reference.year) >= FAR_YEARS for year in years)
        what = f"{far} of {len(years)} written years {FAR_YEARS}+ years from publication"
    evidence = f"{what}, {deictic} expressions of the time of writing"
    if (
        far >= MIN_FAR_YEARS
        and far >= FAR_SHARE * len(years)
        and far >= FAR_YEARS_PER_DEICTIC * deictic
    ):
        return Reading(NARRATIVE, f"auto: {evidence}")
    return Reading(NEWS, f"auto: {evidence}")
