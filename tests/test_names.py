"""Names found in text by their structure: a table of sentences and what each name is."""

from __future__ import annotations

import pytest

from timeline.names import (
    ACRONYM,
    FIRST_WORD,
    GIVEN_NAME,
    NAME,
    PART,
    SHORT_FORM,
    SURNAME,
    find_names,
)

# (id, text, expected (text as written, full name, kind, via) of every mention, in order)
CASES = [
    (
        "title-before-person-and-role-after-company",
        "Apple CEO Steve Jobs spoke. Jobs left.",
        [
            ("Apple", "Apple", "organisation", NAME),
            ("Steve Jobs", "Steve Jobs", "person", NAME),
            ("Jobs", "Steve Jobs", "person", SURNAME),
        ],
    ),
    (
        "company-suffix-dropped-and-first-word",
        "Lockheed Martin Corp. won a contract, and Lockheed hired staff.",
        [
            ("Lockheed Martin", "Lockheed Martin", "organisation", NAME),
            ("Lockheed", "Lockheed Martin", "organisation", FIRST_WORD),
        ],
    ),
    (
        "acronym-defined-in-brackets",
        "The United States Air Force (USAF) signed it; the USAF said so.",
        [
            ("United States Air Force", "United States Air Force", "organisation", NAME),
            ("USAF", "United States Air Force", "organisation", ACRONYM),
            ("USAF", "United States Air Force", "organisation", ACRONYM),
        ],
    ),
    (
        "tail-of-an-organisation",
        "The United States Air Force signed it, and the Air Force paid.",
        [
            ("United States Air Force", "United States Air Force", "organisation", NAME),
            ("Air Force", "United States Air Force", "organisation", PART),
        ],
    ),
    (
        "product-model-and-brand",
        "Boeing flew the Boeing 787 Dreamliner. The 787 landed and the Dreamliner parked.",
        [
            ("Boeing", "Boeing", "", NAME),
            ("Boeing 787 Dreamliner", "Boeing 787 Dreamliner", "product", NAME),
            ("787", "Boeing 787 Dreamliner", "product", PART),
            ("Dreamliner", "Boeing 787 Dreamliner", "product", PART),
        ],
    ),
    (
        "sentence-openers-are-not-names",
        "Delays hurt. However, Ryanair grew. Ryanair flies.",
        [
            ("Ryanair", "Ryanair", "", NAME),
            ("Ryanair", "Ryanair", "", NAME),
        ],
    ),
    (
        "peoples-are-not-names",
        "American workers and French unions met Airbus managers.",
        [("Airbus", "Airbus", "", NAME)],
    ),
    (
        "short-form-of-common-use",
        "The Fed raised rates while the Dow fell.",
        [
            ("Fed", "Federal Reserve", "", SHORT_FORM),
            ("Dow", "Dow Jones Industrial Average", "", SHORT_FORM),
        ],
    ),
    (
        "title-with-office-then-person",
        "He met Secretary of State Rex Tillerson in Mexico.",
        [
            ("Rex Tillerson", "Rex Tillerson", "person", NAME),
            ("Mexico", "Mexico", "place", NAME),
        ],
    ),
    (
        "general-motors-is-no-general",
        "General Motors cut jobs, said General Duncan McNab.",
        [
            ("General Motors", "General Motors", "organisation", NAME),
            ("Duncan McNab", "Duncan McNab", "person", NAME),
        ],
    ),
    (
        "possessive-and-initial",
        "Boeing's executive Michael M. Sears quit. Sears was fired.",
        [
            ("Boeing", "Boeing", "organisation", NAME),
            ("Michael M. Sears", "Michael M. Sears", "person", NAME),
            ("Sears", "Michael M. Sears", "person", SURNAME),
        ],
    ),
    (
        "a-product-noun-makes-a-product-after-a-determiner-or-a-model-number",
        "So Qantas bought Airbus jets, the iPod music player and two Boeing 777 aircraft.",
        [
            ("Qantas", "Qantas", "", NAME),
            ("Airbus", "Airbus", "", NAME),  # "Airbus jets": their maker, no product
            ("iPod", "iPod", "product", NAME),
            ("Boeing 777", "Boeing 777", "product", NAME),
        ],
    ),
    (
        "a-given-name-after-the-full-name",
        "Steve Jobs spoke first. Later Steve showed a phone.",
        [
            ("Steve Jobs", "Steve Jobs", "person", NAME),
            ("Steve", "Steve Jobs", "person", GIVEN_NAME),
        ],
    ),
    (
        "a-model-alone-with-a-product-noun-and-an-airline-plane",
        "So Boeing showed its 777 airliner, and an American Airlines 777 landed.",
        [
            ("Boeing", "Boeing", "", NAME),
            ("777", "777", "product", NAME),
            ("American Airlines", "American Airlines", "organisation", NAME),
        ],
    ),
    (
        "united-states-is-no-part-of-its-government",
        "The White House and the United States disagree.",
        [
            ("White House", "United States government", "", SHORT_FORM),
            ("United States", "United States", "place", NAME),
        ],
    ),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_names_and_what_they_stand_for(
    text: str, expected: list[tuple[str, str, str, str]]
) -> None:
    mentions = find_names(text)
    assert [(m.text, m.name, m.kind, m.via) for m in mentions] == expected
    assert all(text[m.start : m.end] == m.text for m in mentions)


def test_dates_are_never_names() -> None:
    text = "Airbus said on Monday that Airbus will grow."
    monday = text.index("Monday")
    mentions = find_names(text, [(monday, monday + len("Monday"))])
    assert [m.text for m in mentions] == ["Airbus", "Airbus"]


def test_the_dateline_names_no_actor() -> None:
    text = "NAIROBI, Kenya (AP) _ Two bombs exploded outside the embassy, Kenya's police said."
    named = [(m.start, m.text) for m in find_names(text)]
    assert ("NAIROBI" not in dict(named).values()) and "AP" not in dict(named).values()
    assert (text.rindex("Kenya"), "Kenya") in named  # the body's Kenya is a name still


def test_a_title_case_headline_names_only_what_the_body_names() -> None:
    text = "Airbus Wins Huge New Order From Qatar\n\nThe deal lifts Airbus shares."
    assert [m.text for m in find_names(text)] == ["Airbus", "Airbus"]
