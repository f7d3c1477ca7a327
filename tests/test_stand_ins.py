"""The words that stand for a followed name: "he", "the company" opening a sentence, and
definite descriptions ("the plane") anywhere, when one name of their kind is in play."""

from __future__ import annotations

import pytest

from tests.test_mentions import article
from timeline.events import article_event_rows
from timeline.mentions import article_mention_rows


@pytest.mark.parametrize(
    ("text", "stand_in", "name"),
    [
        ("Steve Jobs spoke. He left the stage.", "He", "Steve Jobs"),
        ("Ryanair Holdings grew. But the company lost money.", "the company", "Ryanair"),
        ("Apple Inc. grew. It sold more phones.", "It", "Apple"),
        ("Steve Jobs spoke. In 1986 he left.", "he", "Steve Jobs"),  # after a time
        ("Steve Jobs spoke. One year later, he was fired.", "he", "Steve Jobs"),
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
