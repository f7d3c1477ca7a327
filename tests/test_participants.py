"""Which mentions of a name take part in their sentence's events."""

from __future__ import annotations

from datetime import date

import pytest

from timeline.articles import Article
from timeline.events import article_event_rows
from timeline.mentions import article_names
from timeline.participants import not_a_participant


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Airbus spokesman Jim Lee said so.", ["Jim Lee"]),
        ("Boeing officials met on Monday.", []),
        ("Aer Lingus bought Airbus jets.", ["Aer Lingus"]),
        ("Then Airbus said its A380 superjumbo flew.", ["Airbus", "A380"]),  # the A380 itself
        ("Shares fell as Airbus's protest failed.", ["Airbus"]),  # the agent of an event noun
        ("Then Boeing's newest aircraft flew.", []),  # whose the thing is, no part in its flight
        ("Critics spoke of Airbus and against the Air Force.", []),  # governed by a preposition
        ("Then Qantas was hired by Boeing.", ["Qantas", "Boeing"]),  # "by": the agent of a passive
        ("Then talks were held in Mexico.", ["Mexico"]),  # a place takes part where it is
        ("Then Qantas signed with aircraft maker Boeing.", ["Qantas"]),  # two words between
        ("It was sold alongside the iTunes Music Store.", []),
        ("Then the first flight of the Boeing 777 was late.", ["Boeing 777"]),  # what it is of
        ("Then the first of the Boeing 787 left.", ["Boeing 787"]),  # a part of it
        ("It was for what Steve Jobs called a fee.", ["Steve Jobs"]),  # a clause, no phrase
        ("Then it went to Singapore Airlines (SIA).", []),  # in parentheses: as the name before
        ("Critics were biased against its main rival, Airbus, then.", []),  # apposition
        ("In 2004, Airbus sold more planes.", ["Airbus"]),  # an opening phrase is no apposition
        ("Claims of hearing loss from iPod use grew.", ["iPod"]),  # before an event noun
        ("It ended with Airbus orders.", ["Airbus"]),  # what the event is of
        ("It ended with Airbus jets.", []),  # before a thing: still governed
    ],
)
def test_a_name_that_takes_no_part_in_the_events_is_left_out(text: str, named: list[str]) -> None:
    item = Article("a1", "Title", "wire", text, date(2010, 7, 17), "header")
    mentions = article_names(item, article_event_rows(item))
    assert [m.text for m in mentions if not not_a_participant(text, m)] == named
