"""Merge words: what the words around a date say, packed the same in every process."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from timeline.terms import mergeable, pack_terms, row_terms, term_number, unpack_terms, word_weights

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
