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


SUBJECT_CASES = [
    (
        "a subject cut off by an apposition",
        "Kopp, who is from Vermont, was indicted in the October 1998 shooting.",
        "October 1998",
        "Kopp was indicted in the shooting",
    ),
    (
        "an opening phrase is no subject",
        "In another mediation effort, the Soviet Union said today it had sent an envoy.",
        "today",
        "the Soviet Union said it had sent an envoy",
    ),
    (
        "a subject cut off by an abbreviation",
        "Dan Burton, R-Ind., said the committee met on Feb. 10 in secret.",
        "Feb. 10",
        "Dan Burton said the committee met in secret",
    ),
    (
        "a clause with its own subject",
        "Once in Rome, the talks failed on Monday after a long night.",
        "Monday",
        "the talks failed after a long night",
    ),
    (
        "the possessive of a date goes with it",
        "NATO decided at last year's Madrid summit to invite three countries.",
        "last year",
        "NATO decided Madrid summit to invite three countries",
    ),
]


@pytest.mark.parametrize(
    ("sentence", "expression", "expected"),
    [c[1:] for c in SUBJECT_CASES],
    ids=[c[0] for c in SUBJECT_CASES],
)
def test_label_keeps_its_subject(sentence: str, expression: str, expected: str) -> None:
    start = sentence.index(expression)
    assert label_event(sentence, start, start + len(expression)) == expected
