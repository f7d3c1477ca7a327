"""Properties of tagging that hold for any text and any publication date (hypothesis)."""

from __future__ import annotations

import re
from datetime import date

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from timeline.anchor import tag_text
from timeline.articles import Article
from timeline.events import extract_events

# TIMEX3 values (TimeML 1.2.1 guidelines), one named part per kind of value.
_YEAR = r"(?:\d{4}|XXXX|BC\d{4})"
_MONTH = r"(?:0[1-9]|1[0-2]|XX)"
_DAY = r"(?:0[1-9]|[12]\d|3[01]|XX)"
_WEEK = r"(?:0[1-9]|[1-4]\d|5[0-3]|XX)"
_DATE = (
    rf"{_YEAR}(?:-{_MONTH}(?:-{_DAY})?"
    rf"|-W{_WEEK}(?:-(?:[1-7]|WE))?|-Q[1-4X]|-H[12X]|-(?:SP|SU|FA|WI))?"
)
_CLOCK = r"(?:[01]\d|2[0-4])(?::[0-5]\d(?::[0-5]\d)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?"
_UNIT = r"(?:DE|CE|ML|[YQMWD])"
TIMEX3_VALUE = re.compile(
    rf"(?P<date>{_DATE})"
    rf"|(?P<time>{_DATE}T(?:{_CLOCK}|MO|MI|AF|EV|NI|DT))"
    r"|(?P<decade_or_century>\d{2,3})"
    rf"|(?P<duration>P(?=[\dX.T])(?:(?:\d+(?:\.\d+)?|X){_UNIT})*(?:T(?:(?:\d+(?:\.\d+)?|X)[HMS])+)?)"
    r"|(?P<reference>PRESENT_REF|PAST_REF|FUTURE_REF)"
)

DATE_LIKE = [
    "Thursday",
    "last week",
    "two days ago",
    "in recent years",
    "February 22, 2017",
    "Feb. 30, 2017",
    "the 1990s",
    "Q3",
    "the third quarter of 1989",
    "2017-13-45",
    "year 0",
    "9999",
    "-44",
    "44 BC",
    "next month",
    "that year",
    "the following day",
    "Wednesday night",
    "this spring",
    "in 2090s",
    "every Monday",
    "now",
    "12:30 p.m.",
    "early 2018",
    "the past three years",
    "1 January 0001",
    "December 31, 9999",
]
pieces = st.one_of(
    st.sampled_from(DATE_LIKE),
    st.text(max_size=12),
    st.sampled_from([" ", ", ", ". ", "\n\n", " on ", " in ", " said ", "'s "]),
    st.integers(min_value=-10_000, max_value=100_000).map(str),
)
texts = st.lists(pieces, max_size=25).map("".join)
references = st.one_of(st.none(), st.dates(min_value=date.min, max_value=date.max))
FAST = settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(text=texts, reference=references)
def test_tagging_never_fails_and_spans_point_into_the_text(
    text: str, reference: date | None
) -> None:
    timexes = tag_text(text, reference)
    previous_end = 0
    for timex in sorted(timexes, key=lambda t: t.start):
        assert 0 <= timex.start < timex.end <= len(text)
        assert text[timex.start : timex.end] == timex.text
        assert timex.start >= previous_end, "spans overlap"
        previous_end = timex.end


@FAST
@given(text=texts, reference=references)
def test_every_value_follows_the_timex3_grammar(text: str, reference: date | None) -> None:
    for timex in tag_text(text, reference):
        assert TIMEX3_VALUE.fullmatch(timex.value), (timex.text, timex.value)
        if timex.date_start is not None or timex.date_end is not None:
            assert timex.date_start is not None and timex.date_end is not None
            assert timex.date_start <= timex.date_end


@FAST
@given(text=texts, reference=references)
@example(text="0/Feb. 30, 2017Thursday", reference=None)  # the splitter cut "Feb. | 30"
def test_event_rows_point_into_the_article(text: str, reference: date | None) -> None:
    article = Article("a", "T", "s", text, reference, "header" if reference else "unknown")
    for row in extract_events([article]).itertuples():
        assert text[row.start : row.end] == row.text
        assert 0 <= row.sentence_start <= row.start < row.end <= row.sentence_end <= len(text)
        assert text[row.sentence_start : row.sentence_end] == row.sentence


def test_the_grammar_rejects_what_is_not_a_value() -> None:
    bad = ["", "2017-13", "2017-02-32", "2017-W54", "P", "PT", "20170222", "T25:00", "yesterday"]
    assert [value for value in bad if TIMEX3_VALUE.fullmatch(value)] == []
    good = ["2017-02-22T14:30", "XXXX-WXX-4TNI", "199", "P2DE", "PT1H30M", "BC0044", "2017-H2"]
    assert [value for value in good if not TIMEX3_VALUE.fullmatch(value)] == []
