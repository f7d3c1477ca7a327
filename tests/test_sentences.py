"""Sentence spans: offsets that point back into the text, even where syntok rewrites tokens."""

from __future__ import annotations

import pytest

from timeline.sentences import locate_sentences, paragraph_spans, sentences_around, split_sentences

SPLIT_CASES = [
    ("two sentences", "He left. She stayed.", ["He left.", "She stayed."]),
    (
        "abbreviations",
        "Dr. Smith met U.S. officials. Then left.",
        ["Dr. Smith met U.S. officials.", "Then left."],
    ),
    (
        "headline without period",
        "Mexico Angry\n\nThe talks failed.",
        ["Mexico Angry", "The talks failed."],
    ),
    (
        "hyphen across lines",
        "It was ex-\nample text. Next one.",
        ["It was ex-\nample text.", "Next one."],
    ),
    ("leading space", " date line. Body.", ["date line.", "Body."]),
    ("empty", "", []),
    ("only spaces", "   \n\n  ", []),
]


@pytest.mark.parametrize(
    ("text", "expected"), [case[1:] for case in SPLIT_CASES], ids=[c[0] for c in SPLIT_CASES]
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert [text[start:end] for start, end in split_sentences(text)] == expected


def test_sentences_around_splits_only_paragraphs_with_offsets() -> None:
    text = "First para. Still first.\n\nSecond para here.\n\nThird para."
    spans = sentences_around(text, [text.index("Third")])
    assert [text[start:end] for start, end in spans] == ["Third para."]


def test_sentences_around_matches_full_split() -> None:
    text = "A one. A two.\n\nB one. B two.\n\n\n\nC one."
    offsets = [0, text.index("B two"), text.index("C one")]
    assert sentences_around(text, offsets) == split_sentences(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("one\n\ntwo", [(0, 3), (5, 8)]), ("\n\n\n\nx", [(4, 5)]), ("", []), ("a\nb", [(0, 3)])],
    ids=["two", "leading blank lines", "empty", "single newline is no break"],
)
def test_paragraph_spans(text: str, expected: list[tuple[int, int]]) -> None:
    assert paragraph_spans(text) == expected


def test_locate_sentences_gap_and_edges() -> None:
    spans = [(0, 5), (7, 12)]
    assert locate_sentences(spans, [0, 4, 5, 6, 7, 11, 12]) == [
        (0, 5),
        (0, 5),
        None,
        None,
        (7, 12),
        (7, 12),
        None,
    ]
