"""Anchoring: values and calendar spans against a pinned reference date."""

from __future__ import annotations

from datetime import date

import pytest

from timeline.anchor import TIMEX3_VALUE, Timex, anchor_mentions, tag_text
from timeline.detect import find_mentions

WEDNESDAY = date(2017, 2, 22)  # the sample articles' publication date


def one(text: str, reference: date | None = WEDNESDAY) -> Timex:
    (timex,) = tag_text(text, reference)
    return timex


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Videgaray vowed Wednesday", "2017-02-22"),
        ("when they meet Thursday", "2017-02-23"),
        ("as they prepare to sit down with officials Thursday", "2017-02-23"),
        ("Kelly vowed to meet them Thursday", "2017-02-23"),
        ("On Thursday, he set aside plans for the planned trip to Kenya", "2017-02-16"),
        ("The administration Tuesday made public new rules", "2017-02-21"),
        ("He said Friday the plan failed", "2017-02-17"),
        ("The vote will be held Monday", "2017-02-27"),
        # no tense cue: the nearer of the two
        ("talks with the envoy Thursday", "2017-02-23"),
        ("talks with the envoy Monday", "2017-02-20"),
        ("The team planned to leave on Thursday", "2017-02-23"),
        ("shares they bought Thursday", "2017-02-16"),
        ("organized a protest ahead of the weekend", "2017-W08-WE"),
        # a deadline is to come unless the clause tells it done; a plan in the past perfect is over
        ("They must file the reports by Tuesday", "2017-02-28"),
        ("Members had filed the reports by Tuesday", "2017-02-21"),
        ("It had been due to expire Friday", "2017-02-17"),
        ("Before his Sunday address, he met the staff", "2017-02-19"),
        ("yesterday", "2017-02-21"),
        ("tonight", "2017-02-22TNI"),
        ("last week", "2017-W07"),
        ("next year", "2018"),
        ("this month", "2017-02"),
        ("two days ago", "2017-02-20"),
        ("three weeks ago", "2017-W05"),  # an approximate date keeps its precision
        ("earlier this year", "2017"),
        ("the third quarter", "2016-Q3"),
        ("will rise in the third quarter", "2017-Q3"),
        ("the 1990s", "199"),
        ("the '90s", "199"),
        ("the 19th century", "18"),
        ("this summer", "2017-SU"),
        ("last fall", "2016-FA"),
        ("recently", "PAST_REF"),
        ("now", "PRESENT_REF"),
        ("in the future", "FUTURE_REF"),
        ("for two weeks", "P2W"),
        ("24 hours", "PT24H"),
        ("the last twenty four hours", "PT24H"),
        ("the past several months", "PXM"),
        ("every Tuesday", "XXXX-WXX-2"),
        ("daily", "P1D"),
        ("at 2 p.m.", "2017-02-22T14:00"),
        ("12 a.m.", "2017-02-22T00:00"),
        ("the offer expired at midnight Friday", "2017-02-17T24:00"),
        ("due to expire at midnight", "2017-02-22T24:00"),
        ("Sept. 30", "2016-09-30"),
        ("Feb. 29", "2016-02-29"),
        ("July 1997", "1997-07"),
        ("19980108", "1998-01-08"),
        ("mid-1990s", "199"),
    ],
)
def test_value(text, value):
    assert one(text).value == value


@pytest.mark.parametrize(
    ("text", "start", "end", "granularity"),
    [
        ("Wednesday", date(2017, 2, 22), date(2017, 2, 22), "day"),
        ("last week", date(2017, 2, 13), date(2017, 2, 19), "week"),
        ("February 2017", date(2017, 2, 1), date(2017, 2, 28), "month"),
        ("the first quarter", date(2017, 1, 1), date(2017, 3, 31), "quarter"),
        ("this summer", date(2017, 6, 1), date(2017, 8, 31), "season"),
        ("this winter", date(2016, 12, 1), date(2017, 2, 28), "season"),
        ("2016", date(2016, 1, 1), date(2016, 12, 31), "year"),
        ("the 1990s", date(1990, 1, 1), date(1999, 12, 31), "decade"),
        ("the 20th century", date(1900, 1, 1), date(1999, 12, 31), "century"),
        ("early 2016", date(2016, 1, 1), date(2016, 5, 1), "year"),
        ("recently", date(2016, 2, 23), date(2017, 2, 22), "vague"),
        ("now", date(2017, 2, 22), date(2017, 2, 22), "vague"),
        ("two weeks", None, None, "duration"),
        ("weekly", None, None, "set"),
    ],
)
def test_span_and_granularity(text, start, end, granularity):
    timex = one(text)
    assert (timex.date_start, timex.date_end, timex.granularity) == (start, end, granularity)


@pytest.mark.parametrize(
    ("text", "value", "granularity"),
    [
        ("on February 22, 2017", "2017-02-22", "day"),
        ("Wednesday", "XXXX-WXX-3", "unknown"),
        ("Feb. 22", "XXXX-02-22", "unknown"),
        ("last week", "XXXX-WXX", "unknown"),
        ("the 1990s", "199", "decade"),
    ],
)
def test_without_reference(text, value, granularity):
    timex = one(text, None)
    assert (timex.value, timex.granularity) == (value, granularity)
    if granularity == "unknown":
        assert timex.date_start is None and timex.date_end is None


def test_the_quarter_is_the_one_under_discussion():
    text = "Profit rose in the 1989 third quarter. In the quarter, sales fell; "
    text += "the year-earlier quarter"
    values = [t.value for t in tag_text(text, date(1989, 11, 2))]
    assert values == ["1989-Q3", "1989-Q3", "1988-Q3"]


@pytest.mark.parametrize(
    ("text", "reference", "values"),
    [
        # narrative reference: counted from the date last told of, not the DCT
        (
            "He arrived on March 3, 2016. The following day he left.",
            WEDNESDAY,
            ["2016-03-03", "2016-03-04"],
        ),
        ("In 1995 he moved. Later that year he left.", WEDNESDAY, ["1995", "1995"]),
        (
            "They met in March 1995. The following month they split.",
            WEDNESDAY,
            ["1995-03", "1995-04"],
        ),
        (
            "The talks began on Monday, and the next day they stalled.",
            WEDNESDAY,
            ["2017-02-20", "2017-02-21"],
        ),
        ("That year, sales rose.", WEDNESDAY, ["2017"]),
        # a day may part the intent from its infinitive
        (
            "Videgaray vowed Wednesday to meet them Thursday.",
            WEDNESDAY,
            ["2017-02-22", "2017-02-23"],
        ),  # nothing told before: the DCT
        # a quarter named by the month it ends in
        ("in the quarter ended July 31", date(1989, 10, 30), ["1989-Q2", "1989-07-31"]),
        ("for the quarter ended Sept. 30", date(1989, 10, 26), ["1989-Q3", "1989-09-30"]),
        ("Sales in the latest period rose.", date(1989, 11, 2), ["1989-Q3"]),
        # tense: a possessive weekday is a day gone by; "as soon as" looks ahead
        (
            "they would look for ways to get around Wednesday's ruling",
            date(2000, 1, 15),
            ["2000-01-12"],
        ),
        ("The group might come as soon as Tuesday.", date(2000, 4, 3), ["2000-04-04"]),
        ("Protesters planned a large demonstration on Saturday.", date(2000, 1, 7), ["2000-01-08"]),
        ("they also can participate in the summit in April.", date(1998, 12, 5), ["1999-04"]),
        # "January last year" counts years, "three days later" is a duration
        ("in January last year", date(1998, 2, 19), ["1997-01"]),
        ("Three days later, he left.", WEDNESDAY, ["P3D"]),
        # the period under discussion, a year before
        (
            "Profit rose in the third quarter. For the quarter a year ago, it fell.",
            WEDNESDAY,
            ["2016-Q3", "2015-Q3"],
        ),
        # a deadline word of any length; a title's period does not end the clause
        ("a new labor pact effective June 1.", date(1989, 10, 26), ["1990-06-01"]),
        ("Mr. Schwarz will succeed Daniel P. Davison Feb. 1.", date(1989, 10, 26), ["1990-02-01"]),
    ],
)
def test_anchoring_in_context(text, reference, values):
    assert [t.value for t in tag_text(text, reference)] == values


def test_anchor_mentions_takes_found_mentions():
    text = "He left Friday."
    assert [t.value for t in anchor_mentions(text, find_mentions(text), WEDNESDAY)] == [
        "2017-02-17"
    ]


def test_datetime_reference_is_taken_as_its_day():
    from datetime import datetime

    assert one("today", datetime(2017, 2, 22, 23, 0)).date_start == WEDNESDAY


@pytest.mark.parametrize(
    "text",
    ["", "\x00", "9999", "year 0", "Feb. 30, 2017", "9" * 10000, "in 1900s and 2090s", "Q9 2017"],
)
def test_never_raises_and_values_are_valid(text):
    for reference in (WEDNESDAY, None, date(1, 1, 1), date(9999, 12, 31)):
        for timex in tag_text(text, reference):
            assert TIMEX3_VALUE.fullmatch(timex.value)
            assert text[timex.start : timex.end] == timex.text


def test_no_invalid_calendar_date():
    assert tag_text("on Feb. 30, 2017 and April 31", WEDNESDAY) == []
