"""Event labels: the clause around the date, without the date, short enough to read on a chart."""

from __future__ import annotations

import pytest

from timeline.labels import MAX_WORDS, headline, label_event, reads_as_sentence

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


SENTENCE_CASES = [
    ("a name opens it", "Kopp was indicted in the shooting", True),
    ("an article opens it", "the company earned $480.4 million", True),
    ("a pronoun opens it", "he bought Pixar", True),
    ("a number opens it", "12 people died in the fire", True),
    ("a quote opens it", "``We are back,'' Adams said", True),
    ("a verb without its subject", "announced a special dividend", False),
    ("a preposition", "In composite trading on the New York Stock Exchange", False),
    ("a conjunction", "or 86 cents a share", False),
    ("a relative clause", "who arrived in Miami", False),
    ("words cut out", "Tillerson exits his limousine prior … Mexico", False),
    ("too short to say anything", "Thursday", False),
    ("nothing", None, False),
]


@pytest.mark.parametrize(
    ("label", "expected"), [c[1:] for c in SENTENCE_CASES], ids=[c[0] for c in SENTENCE_CASES]
)
def test_reads_as_sentence(label: str | None, expected: bool) -> None:
    assert reads_as_sentence(label) is expected


HEADLINE_CASES = [
    ("the label, as a sentence", "the talks collapsed", "On Monday the talks collapsed.",
     "The talks collapsed."),
    ("the sentence, when the label is a fragment", "or 86 cents a share",
     "Net was $4 million,\n or 86 cents a share.", "Net was $4 million, or 86 cents a share."),
    ("the label, when there is no sentence", "or 86 cents a share", "", "Or 86 cents a share."),
    ("a sentence without its full stop gets one", "collapsed", "The talks collapsed",
     "The talks collapsed."),
    ("a name written in lower case first keeps its case", "sales rose 20%",
     "iPhone sales rose 20% in 2009.", "iPhone sales rose 20% in 2009."),
    ("a missing sentence is no text", "or 86 cents a share", float("nan"), "Or 86 cents a share."),
    ("a missing label and sentence give nothing", float("nan"), float("nan"), ""),
    ("a colon at the end gives way to the full stop", "he said:", "", "He said."),
    ("the sentence without the dateline it opens with", "killed",
     "NAIROBI, Kenya (AP) _ Two bombs killed 80 people.", "Two bombs killed 80 people."),
]  # fmt: skip


@pytest.mark.parametrize(
    ("label", "sentence", "expected"),
    [c[1:] for c in HEADLINE_CASES],
    ids=[c[0] for c in HEADLINE_CASES],
)
def test_headline(label: str, sentence: str, expected: str) -> None:
    assert headline(label, sentence) == expected
