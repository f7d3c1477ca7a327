"""Event labels: the clause around the date, without the date, short enough to read on a chart."""

from __future__ import annotations

import pytest

from timeline.labels import MAX_WORDS, label_event

CASES = [
    (
        "date mid-sentence",
        "Videgaray vowed Wednesday that Mexico will not accept it.",
        "Wednesday",
        "Videgaray vowed that Mexico will not accept it",
    ),
    ("preposition dropped", "The talks collapsed on Monday.", "Monday", "The talks collapsed"),
    (
        "leading date",
        "On Feb. 22, 2017, Tillerson flew to Mexico.",
        "Feb. 22, 2017",
        "Tillerson flew to Mexico",
    ),
    (
        "short clause widened",
        "Kelly is headed to Mexico, where they meet Thursday.",
        "Thursday",
        "Kelly is headed to Mexico, where they meet",
    ),
    ("leading conjunction", "But in 2016 the wall was promised.", "2016", "the wall was promised"),
    ("only the date", "Thursday.", "Thursday", "Thursday"),
]


@pytest.mark.parametrize(
    ("sentence", "expression", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_label_event(sentence: str, expression: str, expected: str) -> None:
    start = sentence.index(expression)
    assert label_event(sentence, start, start + len(expression)) == expected


def test_long_sentence_is_shortened_around_the_date() -> None:
    sentence = (
        "President Enrique Peña Nieto will make that clear to Secretary of State Rex Tillerson "
        "and Homeland Security Secretary John Kelly when they meet Thursday."
    )
    start = sentence.index("Thursday")
    label = label_event(sentence, start, start + len("Thursday"))
    assert "…" in label
    assert label.startswith("President Enrique Peña Nieto")
    assert label.endswith("when they meet")
    assert len(label.replace(" … ", " ").split()) <= MAX_WORDS
