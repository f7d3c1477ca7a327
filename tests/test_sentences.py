"""Sentence spans: offsets that point back into the text, even where syntok rewrites tokens."""

from __future__ import annotations

import random

import pytest

from timeline.sentences import (
    locate_sentences,
    paragraph_spans,
    sentences_around,
    sentences_at,
    split_sentences,
)

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


# Each text has places where the local shortcut must agree with syntok: sure breaks next to the
# words syntok keeps a sentence going after, brackets it skips, quotes and paragraph breaks.
AGREEMENT_CASES = [
    ("sure breaks", "He left Monday. The talks failed. NATO met. Iraq? Yes! Then 1998. More."),
    ("abbreviations", "Mr. Smith met Gen. Jones in St. Albans. Dr. The end. Corp. In May."),
    ("first token", "It ended. Mr. InBev said. It ended. Mr. McCain said. Gen. Se\u00f1or went."),
    (
        "months and days",
        "On Aug. 7 they met. In 1998. Mar. 5 came. In 1998. May 5 came. On Aug. 7,000.",
    ),
    (
        "dotted and initials",
        "The U.S. Deputy met U.S. The John F. Kennedy. The A. It. II. The XXL. It.",
    ),
    (
        "quotes",
        "He said.'' And then ``We won.'' she said. \"Why?\" he asked. It's ok.\u201d The end.",
    ),
    ("brackets", "UNITED NATIONS (AP) _ The vote (held Friday. It ended) passed. Then [x. y] it."),
    ("far bracket", "A (b) " + "word " * 60 + "end. The next one. (Open " + "w " * 10 + "x. The"),
    (
        "skipped brackets",
        "He said ( aa bb cc dd ee ff gg hh. The ii ) went. The end. ( xx ( yy ) zz ww vv uu tt. "
        "The qq ) ok. Then (a) it. Then (x). And ). Then a)b. ( The ) No. ( aa bb ). cc dd ee. "
        "The ff ) gg. It.",
    ),
    (
        "parentheses read over",
        "It was (The end. It " + "a " * 60 + "x) and so. The end. Then [The end. It] was. Then "
        "(The end. It) was. It ended. (Ab cd), the. Then (x. Y z), the. It rose (450 miles) from."
        "\n\n(Ab cd) The x.\n\n(Ab cd), the x. It ended. It (Ab) The x. It ended. It was (ab) "
        "(Cd) The end. It ended. It was (ab) The x. It was ($1.64), so.\n\n"
        "It was (Ab cd .) the end",
    ),
    ("no and numbers", "It was No. A1 player. He was no. A1 player. It rose 5.5 percent. It fell."),
    ("case changes", "It ended.The next. GmbH. Then McD.C. It. p.M. Now. end.'s Then InBev. In."),
    ("semicolons", "One; two; Three a;b c. Done."),
    ("syntok paragraphs", "Foo bar\n \nBaz qux. Next one.\r\n\r\nLast\u200b one. Here"),
    ("trailing junk", "It ended. . The next?! Then x.'' ''. Done. ''"),
]


@pytest.mark.parametrize(
    "text", [c[1] for c in AGREEMENT_CASES], ids=[c[0] for c in AGREEMENT_CASES]
)
def test_sentences_at_agrees_with_syntok_everywhere(text: str) -> None:
    offsets = range(-1, len(text) + 1)
    expected = locate_sentences(sentences_around(text, offsets), offsets)
    assert sentences_at(text, offsets) == expected


def test_sentences_at_agrees_with_syntok_on_shuffled_pieces() -> None:
    pieces = [c[1] for c in AGREEMENT_CASES] + ["(", ")", "\n\n", "Mr.", "the", "A.", "7", "``"]
    rng = random.Random(6)
    for _ in range(200):
        text = " ".join(rng.choice(pieces) for _ in range(rng.randint(1, 12)))
        offsets = range(len(text))
        expected = locate_sentences(sentences_around(text, offsets), offsets)
        assert sentences_at(text, offsets) == expected, text
