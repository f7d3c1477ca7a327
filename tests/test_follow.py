"""Following a name across articles: the index, lookup by any alias, type-ahead, a name's
events."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from timeline.articles import Article
from timeline.follow import (
    ENTITY_EVENT_COLUMNS,
    find_name,
    name_index,
    read_names,
    suggest_names,
)
from timeline.mentions import IN_SENTENCE, PUBLICATION, UNANCHORED

FRIDAY = date(2010, 7, 17)


def article(text: str, article_id: str = "a1", published: date | None = FRIDAY) -> Article:
    return Article(article_id, "Title", "wire", text, published, "header")


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
    # a word standing for a name ("He") is worked out when the name is followed: it is
    # neither an alias nor a mention of the index
    assert rows["Steve Jobs"]["aliases"] == ["Jobs"]
    assert rows["Steve Jobs"]["mentions"] == 2


def test_the_index_of_some_articles_counts_only_theirs(corpus) -> None:  # type: ignore[no-untyped-def]
    rows = {row["name"]: row for row in corpus.index_of(["a"]).to_dict("records")}
    assert (rows["General Motors"]["articles"], rows["General Motors"]["mentions"]) == (1, 3)
    assert "Steve Jobs" not in rows
    assert corpus.index_of([]).empty


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
    assert rows == [  # "GM shares fell" gives no row: there GM only modifies "shares"
        ["a", "Monday", "2010-07-12", IN_SENTENCE],
        ["b", "GM", "2010-07-14", PUBLICATION],
        ["b", "GM", "", UNANCHORED],  # "GM has apologised" past the lead: no day told
    ]
    # a row anchored without a date word sits on the name in its sentence
    for row in events[events["anchor"] != IN_SENTENCE].itertuples():
        text = next(a.text for a in CORPUS if a.id == row.article)
        assert text[row.start : row.end] == row.text
        assert text[row.sentence_start : row.sentence_end] == row.sentence


def test_of_several_dates_in_the_clause_the_one_nearest_the_name_dates_it() -> None:
    text = "In 1998 Apple Computer introduced the iMac, in 2001 the iPod and in 2002 OS X."
    _, events = read_names([article(text)]).events_of("iPod")
    assert events["value"].tolist() == ["2001"]


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("Then Steve Jobs spoke in March and June.", ["2010-03", "2010-06"]),
        ("Then Steve Jobs spoke between 2008 and 2009.", ["2008"]),  # one span, its start
    ],
)
def test_dates_joined_to_the_nearest_date_it_too(text: str, values: list[str]) -> None:
    events = read_names([article(text)]).events_of("Steve Jobs")[1]
    assert sorted(events["value"]) == values


def test_a_date_in_a_whose_clause_dates_what_is_the_names_not_the_name() -> None:
    text = "It shows the ways of Boeing Co. and Airbus, whose Airbus A380 first flew in April 2005."
    corpus = read_names([article(text)])
    assert corpus.events_of("Airbus A380")[1]["value"].tolist() == ["2005-04"]
    assert corpus.events_of("Airbus")[1]["anchor"].tolist() == [PUBLICATION]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("In a July 16 press conference, Steve Jobs said the phones work.", "2010-07-16"),
        ("Then Steve Jobs broke the 2009 agreement.", "2010-07-17"),  # it names the agreement
    ],
)
def test_a_date_before_a_noun_dates_the_clause_only_in_a_phrase_of_time(
    text: str, value: str
) -> None:
    assert read_names([article(text)]).events_of("Steve Jobs")[1]["value"].tolist() == [value]


def test_a_date_inside_a_quote_dates_no_name_outside_it() -> None:
    text = 'Then Tom Enders said, "Tomorrow we fly." Boeing Co. flew on Monday.'
    corpus = read_names([article(text)])
    assert corpus.events_of("Tom Enders")[1]["anchor"].tolist() == [PUBLICATION]
    assert corpus.events_of("Boeing")[1]["anchor"].tolist() == [IN_SENTENCE]


def test_type_ahead_puts_names_starting_with_the_text_first(corpus) -> None:  # type: ignore[no-untyped-def]
    assert suggest_names(corpus.index, "jo")["name"].tolist() == ["Steve Jobs"]
    assert suggest_names(corpus.index, "m")["name"].tolist()[0] == "General Motors"


def test_a_name_written_with_a_word_left_out_counts_with_the_fuller_one() -> None:
    articles = [
        article("Songs sold well at the iTunes Music Store on Monday.", "x"),
        article("Later the iTunes Music Store sold films.", "y"),
        article("Sales at the iTunes Store doubled.", "z"),
    ]
    found = find_name(read_names(articles).index, "iTunes Store")
    assert found is not None and found.name == "iTunes Music Store"
    assert sorted(found.keys) == ["itunes music store", "itunes store"]


def test_a_model_joins_the_one_product_name_that_holds_it() -> None:
    articles = [
        article("So Boeing showed its 777 airliner and its A380s flew.", "x"),
        article("Later the Boeing 777 flew, as the Airbus A380 did.", "y"),
        article("Then an American Airlines 777 jet flew.", "z"),  # the airline's plane
    ]
    index = read_names(articles).index
    for typed, keys in (
        ("Boeing 777", ["777", "boeing 777"]),
        ("Airbus A380", ["a380", "airbus a380"]),  # "A380s": one model, written plural
    ):
        found = find_name(index, typed)
        assert found is not None and sorted(found.keys) == keys


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
