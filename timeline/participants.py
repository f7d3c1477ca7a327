"""Which mentions of a name take part in their sentence's events, as agent or patient: an
entity timeline keeps only those ("Airbus won an order", not "an Airbus spokesman said" nor "a
deal with Airbus"). `mentions.article_mention_rows` gives no row for the others.
"""

from __future__ import annotations

import re

from timeline.name_rules import PLACE, PRODUCT, NameRules, event_noun, load_name_rules
from timeline.names import STAND_IN, NameMention


def not_a_participant(text: str, mention: NameMention, rules: NameRules | None = None) -> bool:
    """Whether a mention takes no part, as agent or patient, in its sentence's events: a name
    that only modifies the noun after it ("Airbus spokesman", "Boeing officials", "Airbus
    jets"), or only says whose a thing is ("Boeing's newest aircraft", `possessor_only`), or one
    a preposition governs ("criticism of Airbus", "orders for the plane"), unless it is a place
    ("talks in Mexico").

    >>> from timeline.names import find_names
    >>> text = "Airbus spokesman Jim Lee said the A380 superjumbo and Airbus jets fly to Qantas."
    >>> [not_a_participant(text, m) for m in find_names(text)]
    [True, False, False, True, True]
    """
    rules = rules or load_name_rules()
    start = apposed_start(text, mention.start)
    if (
        mention.kind != PLACE
        and not modifies_event_noun(text, mention.end, rules)
        and (governed(text, start, rules) or governed_apposition(text, start, mention.end, rules))
    ):
        return True  # (a place takes part in what happens in it, at it, from it ...)
    if mention.via == STAND_IN:
        return False
    return bool(
        rules.modified_noun.match(text, mention.end)
        or (mention.kind != PRODUCT and rules.product_noun.match(text, mention.end))
        or possessor_only(text, mention.end, rules)
    )


def governed(text: str, start: int, rules: NameRules | None = None) -> bool:
    """Whether a preposition governs the name at `start` (`governing_prepositions`), unless it
    names what an event is of or for ("the first flight of the 777", "plans for the A380") or
    what a part is taken from ("the first of the new airliner").

    >>> text = "A deal with aircraft maker Boeing and the first flight of the 777."
    >>> governed(text, text.index("Boeing")), governed(text, text.index("777"))
    (True, False)
    """
    rules = rules or load_name_rules()
    if not rules.governed.search(text, max(0, start - GOVERNED_REACH), start):
        return False
    argument = rules.argument_of.search(text, max(0, start - GOVERNED_REACH), start)
    if argument is None:
        return True
    noun = argument.group("noun")
    return not (noun in rules.partitives or event_noun(noun, rules))


def modifies_event_noun(text: str, end: int, rules: NameRules | None = None) -> bool:
    """Whether the name ending at `end` stands right before a noun that tells an event, which
    it then takes part in, whatever governs the phrase ("hearing loss from iPod use", "the
    timing of A380 deliveries").

    >>> text = "Claims of hearing loss from iPod use and of Airbus jets."
    >>> [modifies_event_noun(text, text.index(w) + len(w)) for w in ("iPod", "Airbus")]
    [True, False]
    """
    rules = rules or load_name_rules()
    word = _NEXT_WORD.match(text, end)
    return word is not None and event_noun(word.group(1), rules)


_NEXT_WORD = re.compile(r"[ \t]+([a-z]+)\b")


# How far before a name its governing preposition is looked for, in characters.
GOVERNED_REACH = 45


def governed_apposition(text: str, start: int, end: int, rules: NameRules | None = None) -> bool:
    """Whether the name at [start, end) stands beside a noun phrase a preposition governs, as the
    whole of a phrase of its own ("biased against Boeing's main competitor, Airbus and its
    CEO"): it takes no more part than that phrase does. A phrase opening the sentence ("In
    2004, Airbus sold") is none, nor is one the name is the subject after ("In addition to its
    features, Jobs showed").

    >>> text = "Officials were biased against its main rival, Airbus, in 2004. In 2004, Airbus won."
    >>> [governed_apposition(text, i, i + 6) for i in (46, 72)]
    [True, False]
    """
    rules = rules or load_name_rules()
    return bool(
        rules.governed_apposition.search(text, max(0, start - APPOSITION_REACH), start)
        and _APPOSITION_END.match(text, end)
    )


# How far before a name the phrase it stands beside may start, in characters.
APPOSITION_REACH = 80
# The end of a phrase: punctuation, a conjunction or the end of the text.
_APPOSITION_END = re.compile(r"\s*(?:[,.;:)]|(?:and|or)\b|\Z)")


def apposed_start(text: str, start: int) -> int:
    """Where the name a name in parentheses stands beside starts ("delivered to Singapore
    Airlines (SIA)": SIA is governed, and told in the tense, as Singapore Airlines is); `start`
    for a name in no parentheses.

    >>> text = "It went to Singapore Airlines (SIA)."
    >>> text[apposed_start(text, text.index("SIA")) :]
    'Singapore Airlines (SIA).'
    """
    apposed = _IN_PARENTHESES.search(text, max(0, start - APPOSITION_REACH), start)
    return apposed.start() if apposed else start


# Capitalized words and an opening parenthesis right before a name.
_IN_PARENTHESES = re.compile(r"(?:[A-Z][\w&.'-]*[ \t]+){0,6}[A-Z][\w&.'-]*[ \t]*\([ \t]*\Z")


def possessor_only(text: str, end: int, rules: NameRules | None = None) -> bool:
    """Whether the name ending at `end` is a possessive that only says whose a thing is
    ("Boeing's newest aircraft", "Jobs's health has"), not the agent of an event noun
    ("Boeing's protest", "Apple Corps' latest suit"): no word of the noun phrase after it (up to
    four lowercase words, up to a `noun_phrase_ends` word) tells an event (`event_noun`).

    >>> text = "Boeing's newest aircraft flew after Boeing's protest and Jobs' medical leave."
    >>> [possessor_only(text, text.index(w) + len(w)) for w in ("Boeing", "r Boeing", "Jobs")]
    [True, False, False]
    """
    rules = rules or load_name_rules()
    possessive = rules.possessive.match(text, end)
    if possessive is None:
        return False
    for word in (possessive.group("words") or "").split():
        if word in rules.noun_phrase_ends:
            break
        if event_noun(word, rules):
            return False
    return True
