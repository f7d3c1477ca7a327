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
    ("state-of-the-name", "Meanwhile Ryanair owns a stake.", ("Ryanair", UNANCHORED, None)),
    (
        "habit-of-the-name",
        "Then Airbus, in particular, charge a fee.",
        ("Airbus", UNANCHORED, None),
    ),
    ("state-of-another", "So far he owns an iPod.", ("iPod", PUBLICATION, "2010-07-17")),
    ("description", "Meanwhile the A380 features two decks.", ("A380", UNANCHORED, None)),
    (
        "headline-present",  # a headline tells the news of the day in the present
        "Airbus offers aid to airlines\nAirbus said so.",
        ("Airbus", PUBLICATION, "2010-07-17"),
    ),
    (
        "headline-state",
        "Airbus is behind schedule\nAirbus said so.",
        ("Airbus", PUBLICATION, "2010-07-17"),
    ),
    (
        "perfect-past-the-lead",  # an indefinite past, with adverbs between its verbs too
        "Boeing won an order. Then Airbus has twice before sued Boeing.",
        ("Airbus", UNANCHORED, None),
    ),
    ("hypothetical", "Then Airbus could cut jobs.", ("Airbus", UNANCHORED, None)),
    ("past-perfect", "Then Airbus had already recommended a fix.", ("Airbus", UNANCHORED, None)),
    ("past-perfect-irregular", "Then Boeing had won a bid.", ("Boeing", UNANCHORED, None)),
    ("past-possession", "Back then Airbus had a good year.", ("Airbus", PUBLICATION, "2010-07-17")),
    (
        "in-parentheses",  # told in the tense of the name it stands beside
        "Then Airbus is owned by European Aeronautic Defence (EADS).",
        ("EADS", UNANCHORED, None),
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"), [c[1:] for c in ANCHOR_CASES], ids=[c[0] for c in ANCHOR_CASES]
)
def test_how_a_sentence_is_anchored(text: str, expected: tuple[str, str, str | None]) -> None:
    assert next(row for row in anchors(text) if row[0] == expected[0]) == expected


def test_past_tense_continues_the_day_the_article_last_told_of() -> None:
    text = "Jobs spoke yesterday in Cupertino. Steve Jobs said the phones work."
    assert anchors(text)[-1] == ("Steve Jobs", EARLIER, "2010-07-16")


def test_past_tense_further_on_continues_the_news_day() -> None:
    text = (
        "Jobs spoke on Thursday in Cupertino. The crowd cheered. Apple sold phones on Friday. "
        "The shop was full. The staff smiled. Steve Jobs said they work."
    )
    assert anchors(text)[-1] == ("Steve Jobs", EARLIER, "2010-07-15")


def test_past_tense_does_not_continue_a_dateline() -> None:
    text = "GM recalls cars\nJuly 16, 2010\nThen GM recalled cars."
    assert anchors(text)[-1] == ("GM", PUBLICATION, "2010-07-17")


def test_past_tense_continues_only_a_recent_day() -> None:
    text = "He was born on February 24, 1955. Steve Jobs said the phones work."
    assert anchors(text)[-1] == ("Steve Jobs", PUBLICATION, "2010-07-17")


def test_past_tense_with_no_day_told_is_publication() -> None:
    text = "Back in 2004 it began. Steve Jobs said the phones work."
    assert anchors(text)[-1] == ("Steve Jobs", PUBLICATION, "2010-07-17")


def test_no_publication_date_leaves_the_day_unknown() -> None:
    item = article("So far Airbus has won an order.", published=None)
    (row,) = article_mention_rows(item, article_event_rows(item))
    assert (row["anchor"], row["value"], row["granularity"]) == (PUBLICATION, None, "unknown")


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
    assert mention_tense(text, start, start + 6, 0, len(text)) == "perfect"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("So far Airbus has won an order. Then Boeing has also inked deals.", UNANCHORED),
        ("So far Airbus has won an order. Then Boeing has said it grew.", PUBLICATION),
        ("Boeing gains\nJuly 17, 2010\nSo far Boeing has also inked deals.", PUBLICATION),
    ],
    ids=["past-the-lead", "a-report", "in-the-lead-under-a-headline"],
)
def test_the_present_perfect_dates_the_news_only_in_the_lead(text: str, expected: str) -> None:
    assert anchors(text)[-1][:2] == ("Boeing", expected)
