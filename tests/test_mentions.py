"""One article's name mentions: anchors of sentences without a date word, stand-ins,
sentences, tense."""

from __future__ import annotations

from datetime import date

import pytest

from timeline.articles import Article
from timeline.events import article_event_rows
from timeline.mentions import (
    EARLIER,
    IN_SENTENCE,
    PUBLICATION,
    UNANCHORED,
    article_mention_rows,
    mention_tense,
    sentences_of,
)

FRIDAY = date(2010, 7, 17)


def article(text: str, article_id: str = "a1", published: date | None = FRIDAY) -> Article:
    return Article(article_id, "Title", "wire", text, published, "header")


def anchors(text: str, published: date | None = FRIDAY) -> list[tuple[str, str, str | None]]:
    """(mention, anchor, value) of every mention of the text."""
    item = article(text, published=published)
    return [
        (row["text"], row["anchor"], row["value"])
        for row in article_mention_rows(item, article_event_rows(item))
    ]


# (id, text, (mention, anchor, value) of the first mention)
ANCHOR_CASES = [
    ("date-in-sentence", "Then Airbus cut jobs on Monday.", ("Airbus", IN_SENTENCE, None)),
    ("present-perfect", "So far Airbus has won an order.", ("Airbus", PUBLICATION, "2010-07-17")),
    ("present", "Meanwhile Ryanair flies to Rome.", ("Ryanair", PUBLICATION, "2010-07-17")),
    (
        "report-of-a-plan",
        "In Paris, Airbus says it will cut jobs.",
        ("Airbus", PUBLICATION, "2010-07-17"),
    ),
    ("future", "Later, Airbus will cut jobs.", ("Airbus", UNANCHORED, None)),
    ("state", "In Paris, Airbus is two years behind schedule.", ("Airbus", UNANCHORED, None)),
    ("state-passive", "In Paris, Airbus is owned by EADS.", ("Airbus", UNANCHORED, None)),
    ("going-on", "In Paris, Airbus is preparing a bid.", ("Airbus", UNANCHORED, None)),
    ("hypothetical", "Then Airbus could cut jobs.", ("Airbus", UNANCHORED, None)),
]


@pytest.mark.parametrize(
    ("text", "expected"), [c[1:] for c in ANCHOR_CASES], ids=[c[0] for c in ANCHOR_CASES]
)
def test_how_a_sentence_is_anchored(text: str, expected: tuple[str, str, str | None]) -> None:
    assert next(row for row in anchors(text) if row[0] == expected[0]) == expected


def test_past_tense_continues_the_day_the_article_last_told_of() -> None:
    text = "Jobs spoke yesterday in Cupertino. Steve Jobs said the phones work."
    assert anchors(text)[-1] == ("Steve Jobs", EARLIER, "2010-07-16")


def test_past_tense_continues_only_a_recent_day() -> None:
    text = "He was born on February 24, 1955. Steve Jobs said the phones work."
    assert anchors(text)[-1] == ("Steve Jobs", PUBLICATION, "2010-07-17")


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Airbus spokesman Jim Lee said so.", ["Jim Lee"]),
        ("Boeing officials met on Monday.", []),
        ("Aer Lingus bought Airbus jets.", ["Aer Lingus"]),
        ("Then Airbus said its A380 superjumbo flew.", ["Airbus", "A380"]),  # the A380 itself
        ("Shares fell as Airbus's profit fell.", ["Airbus"]),  # a possessive is no modifier
        ("Critics spoke of Airbus and against the Air Force.", []),  # governed by a preposition
        ("Then Qantas was hired by Boeing.", ["Qantas", "Boeing"]),  # "by": the agent of a passive
        ("Then talks were held in Mexico.", ["Mexico"]),  # a place takes part where it is
    ],
)
def test_a_name_that_takes_no_part_in_the_events_gives_no_row(text: str, named: list[str]) -> None:
    assert [mention for mention, _, _ in anchors(text)] == named


def test_past_tense_with_no_day_told_is_publication() -> None:
    text = "Back in 2004 it began. Steve Jobs said the phones work."
    assert anchors(text)[-1] == ("Steve Jobs", PUBLICATION, "2010-07-17")


def test_no_publication_date_leaves_the_day_unknown() -> None:
    item = article("So far Airbus has won an order.", published=None)
    (row,) = article_mention_rows(item, article_event_rows(item))
    assert (row["anchor"], row["value"], row["granularity"]) == (PUBLICATION, None, "unknown")


@pytest.mark.parametrize(
    ("text", "stand_in", "name"),
    [
        ("Steve Jobs spoke. He left the stage.", "He", "Steve Jobs"),
        ("Ryanair Holdings grew. But the company lost money.", "the company", "Ryanair"),
        ("Apple Inc. grew. It sold more phones.", "It", "Apple"),
    ],
)
def test_a_stand_in_at_the_next_sentence_start_is_the_name(
    text: str, stand_in: str, name: str
) -> None:
    item = article(text)
    rows = article_mention_rows(item, article_event_rows(item))
    assert [(r["text"], r["name"], r["via"]) for r in rows][-1] == (stand_in, name, "stand-in")


@pytest.mark.parametrize(
    ("text", "description", "name"),
    [
        (
            "The Airbus A380 landed. Crowds cheered as the new airliner taxied.",
            "the new airliner",
            "Airbus A380",
        ),
        ("Qantas said the aircraft was late.", None, None),  # no product in play
        ("Ryanair Holdings said the company grew.", "the company", "Ryanair"),
        # the last word of a name, as a noun: "the store" of the iTunes Music Store
        (
            "Apple opened the iTunes Music Store. Since then the store sold songs.",
            "the store",
            "iTunes Music Store",
        ),
        (
            "The Boeing 787 flew. The Airbus A380 landed. Then the plane left.",
            "the plane",
            "Airbus A380",
        ),
    ],
)
def test_a_definite_description_anywhere_is_the_one_name_of_its_kind_in_play(
    text: str, description: str | None, name: str | None
) -> None:
    item = article(text)
    rows = article_mention_rows(item, article_event_rows(item))
    found = [(r["text"], r["name"]) for r in rows if r["via"] == "stand-in"]
    assert found == ([(description, name)] if description else [])


@pytest.mark.parametrize(
    "text",
    [
        "Steve Jobs met Tim Cook. He left the stage.",  # two people in play
        "Apple Inc. grew. It is expected that sales rise.",  # an empty "it"
        "Apple Inc. grew.\n\nNothing else. He left.",  # nobody in the sentence before
    ],
)
def test_a_stand_in_with_no_single_name_in_play_stays_alone(text: str) -> None:
    item = article(text)
    rows = article_mention_rows(item, article_event_rows(item))
    assert all(r["via"] != "stand-in" for r in rows)


def test_a_headline_and_dateline_are_sentences_of_their_own() -> None:
    text = "Airbus wins order\nJune 13, 2005\nAirbus has won an order."
    assert [text[s:e] for s, e in sentences_of(text, [0, 20, 40])] == [
        "Airbus wins order",
        "June 13, 2005",
        "Airbus has won an order.",
    ]


def test_tense_reads_the_nearest_cue() -> None:
    text = "Officials have agreed to buy Boeing jets."
    start = text.index("Boeing")
    assert mention_tense(text, start, start + 6, 0, len(text)) == "present"
