"""Merge words: what the words around a date say, packed the same in every process."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from timeline.rules import load_rules
from timeline.terms import (
    BASELINE_RULES,
    PAST_OFFSET_RULES,
    event_terms,
    figures,
    is_baseline,
    mergeable,
    pack_terms,
    participants,
    row_terms,
    term_number,
    unpack_terms,
    word_weights,
)

TWO_DATES = (
    "Videgaray vowed Wednesday that Mexico will not accept the directives, and that Pena Nieto "
    "will tell Tillerson and Kelly so when they meet Thursday."
)


def test_words_near_the_date_weigh_more() -> None:
    weights = word_weights(TWO_DATES, TWO_DATES.index("Wednesday"), TWO_DATES.index("that") - 1)
    assert weights["videgaray"] > weights["tillerson"]
    weights = word_weights(TWO_DATES, TWO_DATES.index("Thursday"), len(TWO_DATES) - 1)
    assert weights["tillerson"] > weights["videgaray"]
    assert "thursday" not in weights and "wednesday" not in weights


def test_possessives_and_stop_words_are_not_words_of_the_event() -> None:
    sentence = "Mexico's minister said the wall's cost was rejected on Monday."
    weights = word_weights(sentence, sentence.index("Monday"), len(sentence) - 1)
    assert set(weights) == {"mexico", "minister", "wall", "cost", "rejected"}


def test_words_are_numbered_the_same_in_every_process() -> None:
    assert term_number("kelly") == 2237950215  # CRC-32: no per-process salt, unlike hash()
    terms, weights = unpack_terms(pack_terms({"kelly": 1.5, "visit": 0.25}))
    assert terms.tolist() == [term_number("kelly"), term_number("visit")]
    assert weights.tolist() == [1.5, 0.25]


DAY = (date(2017, 2, 23), date(2017, 2, 23))
MERGEABLE = [
    ("a day", "day", *DAY, True),
    ("a year", "year", date(2017, 1, 1), date(2017, 12, 31), True),
    ("a decade", "decade", date(2010, 1, 1), date(2019, 12, 31), False),
    ("vague", "vague", None, None, False),
    ("no date", "unknown", None, None, False),
]


@pytest.mark.parametrize(
    ("granularity", "first", "last", "expected"),
    [c[1:] for c in MERGEABLE],
    ids=[c[0] for c in MERGEABLE],
)
def test_mergeable(granularity: str, first: Any, last: Any, expected: bool) -> None:
    assert mergeable(granularity, first, last) is expected
    span = {"granularity": granularity, "date_start": first, "date_end": last}
    row = {**span, "sentence": "Kelly meets.", "sentence_start": 0, "start": 0, "end": 5}
    assert (row_terms(row) is not None) is expected


# (id, sentence, date expression, participants)
PARTICIPANT_CASES = [
    ("the company, not the exchange a preposition governs",
     "In New York Stock Exchange composite trading Friday, Aetna closed at $60.", "Friday",
     {"aetna"}),
    ("names a preposition governs together",
     "Bombs exploded at embassies in Kenya and Tanzania on Friday.", "Friday", set()),
    ("a run of names at the start is a name", "Doris Meissner ruled Wednesday.", "Wednesday",
     {"doris", "meissner"}),
    ("a capitalized first word alone is not", "Sales rose Friday.", "Friday", set()),
]  # fmt: skip


@pytest.mark.parametrize(
    ("sentence", "expression", "expected"),
    [c[1:] for c in PARTICIPANT_CASES],
    ids=[c[0] for c in PARTICIPANT_CASES],
)
def test_participants(sentence: str, expression: str, expected: set[str]) -> None:
    start = sentence.index(expression)
    assert participants(sentence, start, start + len(expression)) == expected


FIGURE_CASES = [
    ("money with its scale", "Sales were $6.6 billion.", {"$6.6e+09"}),
    ("one amount written two ways", "It paid $1,270 million, or $1.27 billion.", {"$1.27e+09"}),
    ("percentages", "Net rose 8% and sales 9.4 percent.", {"%8", "%9.4"}),
    ("counts are not figures", "The bombs killed 258 people.", set()),
]


@pytest.mark.parametrize(
    ("sentence", "expected"), [c[1:] for c in FIGURE_CASES], ids=[c[0] for c in FIGURE_CASES]
)
def test_figures(sentence: str, expected: set[str]) -> None:
    assert figures(sentence, 0, 0) == expected


# (id, sentence, expression, rule, is it a comparison's baseline)
BASELINE_CASES = [
    ("after 'from' and a figure", "Net rose to $254 million from $163 million a year earlier.",
     "a year earlier", "n_units_earlier", True),
    ("right after 'compared with'", "Profit fell compared with a year ago.", "a year ago",
     "n_units_ago", True),
    ("'up from last year's'", "Sales were $2.49 billion, up from last year's $2.34 billion.",
     "last year", "offset_unit", True),
    ("a year-earlier period, always", "In the year-ago quarter, it earned $1.9 million.",
     "the year-ago quarter", "year_earlier_period", True),
    ("'from' with no figure: a happening", "Kopp fled from the police a year ago.",
     "a year ago", "n_units_ago", False),
    ("a day is never a baseline", "Sales rose from $5 million on Friday.", "Friday",
     "weekday_bare", False),
]  # fmt: skip


@pytest.mark.parametrize(
    ("sentence", "expression", "rule", "expected"),
    [c[1:] for c in BASELINE_CASES],
    ids=[c[0] for c in BASELINE_CASES],
)
def test_is_baseline(sentence: str, expression: str, rule: str, expected: bool) -> None:
    assert is_baseline(sentence, sentence.index(expression), rule) is expected


def test_a_dateline_tells_no_happening() -> None:
    sentence = "WASHINGTON, August 8 (Xinhua) --"
    start = sentence.index("August 8")
    assert event_terms(sentence, start, start + len("August 8")) == {}


def test_comparison_rules_are_rules_of_the_rule_file() -> None:
    names = {rule.name for rule in load_rules("en").rules}
    assert (BASELINE_RULES | PAST_OFFSET_RULES) <= names
