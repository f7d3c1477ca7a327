"""Following a name: anchors of sentences without a date word, stand-ins, the index, lookup."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from timeline.articles import Article
from timeline.events import article_event_rows
from timeline.follow import (
    EARLIER,
    ENTITY_EVENT_COLUMNS,
    IN_SENTENCE,
    PUBLICATION,
    UNANCHORED,
    article_mention_rows,
    find_name,
    mention_tense,
    name_index,
    read_names,
    sentences_of,
    suggest_names,
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


CORPUS = [
    article(
        "General Motors (GM) said on Monday that it cut jobs. GM shares fell.",
        "a",
        date(2010, 7, 12),
    ),
    article("GM recalled cars. GM has apologised.", "b", date(2010, 7, 14)),
    article("Steve Jobs unveiled a phone. Jobs smiled. He left.", "c", date(2010, 7, 15)),
]


@pytest.fixture(scope="module")
def corpus():  # type: ignore[no-untyped-def]
    return read_names(CORPUS)


def test_the_index_counts_aliases_with_their_name(corpus) -> None:  # type: ignore[no-untyped-def]
    rows = {row["name"]: row for row in corpus.index.to_dict("records")}
    gm = rows["General Motors"]
    assert (gm["kind"], gm["aliases"], gm["articles"], gm["mentions"]) == (
        "organisation",
        ["GM"],
        2,
        5,
    )
    assert rows["Steve Jobs"]["aliases"] == ["Jobs"]  # stand-ins ("He") are no aliases
    assert rows["Steve Jobs"]["mentions"] == 3


@pytest.mark.parametrize(
    ("typed", "name", "how"),
    [
        ("general motors", "General Motors", "exact"),
        ("gm", "General Motors", "alias"),
        ("JOBS", "Steve Jobs", "alias"),
        ("General Motrs", "General Motors", "close"),
        ("Chairman Steve Jobs", "Steve Jobs", "part"),
    ],
)
def test_a_name_is_found_by_any_alias(corpus, typed: str, name: str, how: str) -> None:  # type: ignore[no-untyped-def]
    found = find_name(corpus.index, typed)
    assert found is not None and (found.name, found.how) == (name, how)


def test_an_unknown_name_finds_nothing(corpus) -> None:  # type: ignore[no-untyped-def]
    assert find_name(corpus.index, "Qantas") is None
    found, events = corpus.events_of("Qantas")
    assert found is None and events.empty and list(events.columns) == list(ENTITY_EVENT_COLUMNS)


def test_entity_events_rows(corpus) -> None:  # type: ignore[no-untyped-def]
    _, events = corpus.events_of("GM")
    assert list(events.columns) == list(ENTITY_EVENT_COLUMNS)
    rows = events[["article", "text", "value", "anchor"]].values.tolist()
    assert rows == [
        ["a", "Monday", "2010-07-12", IN_SENTENCE],
        ["a", "GM", "2010-07-12", EARLIER],
        ["b", "GM", "2010-07-14", PUBLICATION],
        ["b", "GM", "2010-07-14", PUBLICATION],
    ]
    # a row anchored without a date word sits on the name in its sentence
    for row in events[events["anchor"] != IN_SENTENCE].itertuples():
        text = next(a.text for a in CORPUS if a.id == row.article)
        assert text[row.start : row.end] == row.text
        assert text[row.sentence_start : row.sentence_end] == row.sentence


def test_type_ahead_puts_names_starting_with_the_text_first(corpus) -> None:  # type: ignore[no-untyped-def]
    assert suggest_names(corpus.index, "jo")["name"].tolist() == ["Steve Jobs"]
    assert suggest_names(corpus.index, "m")["name"].tolist()[0] == "General Motors"


def test_an_empty_corpus_has_an_empty_index() -> None:
    assert name_index(pd.DataFrame(columns=["article", "text", "key", "name", "kind", "via"])).empty


def test_a_first_word_that_stands_alone_elsewhere_stays_its_own_name() -> None:
    articles = [
        article("Boeing Commercial Airplanes grew. Boeing hired staff.", "x"),
        article("In Seattle, Boeing hired staff.", "y"),
        article("Rivals watched as Boeing grew.", "z"),
    ]
    corpus = read_names(articles)
    found, events = corpus.events_of("Boeing")
    assert found is not None and found.name == "Boeing"
    assert sorted(set(events["article"])) == ["x", "y", "z"]
    _, division = corpus.events_of("Boeing Commercial Airplanes")
    assert division["text"].tolist() == ["Boeing Commercial Airplanes"]
