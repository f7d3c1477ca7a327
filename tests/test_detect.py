"""Detection: spans, longest match, ambiguous words, robustness."""

from __future__ import annotations

import pytest

from timeline.detect import Mention, find_mentions


def spans(text: str) -> list[tuple[str, str]]:
    return [(m.text, m.rule) for m in find_mentions(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Videgaray vowed Wednesday that", [("Wednesday", "weekday_bare")]),
        ("on February 22, 2017.", [("February 22, 2017", "month_day_year")]),
        ("Friday, Oct. 13", [("Friday, Oct. 13", "weekday_month_day")]),
        ("in the third quarter", [("the third quarter", "quarter")]),
        ("third-quarter profit", [("third-quarter", "quarter_adjective")]),
        ("the past two months", [("the past two months", "duration")]),
        ("earlier this month", [("earlier this month", "mod_offset_unit")]),
        ("early next year", [("early next year", "mod_offset_unit")]),
        ("a year earlier", [("a year earlier", "n_units_earlier")]),
        ("in recent years", [("recent years", "vague_ref")]),
        ("the mid-1990s", [("the mid-1990s", "decade")]),
        ("Tuesday nights", [("Tuesday nights", "set_weekday_part_plural")]),
        ("late November", [("late November", "mod_month")]),
        ("last week", [("last week", "offset_unit")]),
        ("yesterday afternoon", [("yesterday afternoon", "relative_day_part")]),
        # no expression starts inside a number ("2.5 years" is not "5 years")
        ("1,000 days in 1,990 towns by 2019", [("1,000 days", "duration"), ("2019", "year_bare")]),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_extent_and_rule(text, expected):
    assert spans(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "we will go",
        "We said so.",
        "you may go",
        "they march on the capital",
        "the sun will rise",
        "she sat down",
        "prices fall",
        "$1990",
        "1,990 people and 3.1990 percent",
        "for 2.5 years",
        "the current account",
        "",
    ],
)
def test_ordinary_words_are_not_dates(text):
    assert find_mentions(text) == []


def test_longest_match_wins_and_spans_do_not_overlap():
    text = "He came on Wednesday, February 22, 2017 and left Feb. 23 at 2 p.m. Thursday."
    found = find_mentions(text)
    assert [m.text for m in found] == ["Wednesday, February 22, 2017", "Feb. 23", "2 p.m. Thursday"]
    for a, b in zip(found, found[1:], strict=False):
        assert a.end <= b.start


def test_mention_text_is_the_source_slice():
    text = "In  March\n1997, \u201cnow\u201d — the 1990s.\u00a0Friday"
    for m in find_mentions(text):
        assert isinstance(m, Mention)
        assert text[m.start : m.end] == m.text


@pytest.mark.parametrize(
    "text",
    [
        "\x00\x01\x02",
        "9999",
        "year 0",
        "10" * 5000,
        "Feb. 31, 2017",
        "May 99",
        "\ud800 Friday",
        "🙂 2017-13-45",
    ],
    ids=["control", "9999", "year-0", "huge-number", "feb-31", "may-99", "surrogate", "bad-iso"],
)
def test_never_raises(text):
    for m in find_mentions(text):
        assert text[m.start : m.end] == m.text


def test_offsets_survive_characters_that_lowercase_to_two():
    text = "İİİ on Monday İİ Feb. 22, 2017"
    assert [m.text for m in find_mentions(text)] == ["Monday", "Feb. 22, 2017"]
    for m in find_mentions(text):
        assert text[m.start : m.end] == m.text
