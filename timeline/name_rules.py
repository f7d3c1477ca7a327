"""The tables names are found and followed with (`timeline/rules/names-en.yaml`), loaded once,
and the key a name is known by across articles.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import yaml

from timeline.rules import RULES_DIR

PERSON, ORGANISATION, PLACE, PRODUCT = "person", "organisation", "place", "product"
KINDS = (PERSON, ORGANISATION, PLACE, PRODUCT)


@dataclass(frozen=True)
class NameRules:
    """The tables of `names-en.yaml`, ready to look words up in."""

    not_names: frozenset[str]
    demonyms: frozenset[str]
    connectors: frozenset[str]
    person_titles: tuple[tuple[str, ...], ...]  # lowercased word tuples, longest first
    titles_by_first: Mapping[str, tuple[tuple[str, ...], ...]]  # the same, by first word
    title_set: frozenset[tuple[str, ...]]
    title_last_words: frozenset[str]
    ambiguous_titles: frozenset[str]
    role_of: Mapping[tuple[str, ...], str]  # lowercased role words -> kind of the name before
    role_after: re.Pattern[str]  # one of them right after a name (maybe possessive), longest
    company_suffixes: frozenset[str]
    kind_heads: Mapping[str, str]
    product_nouns: frozenset[str]
    modified_noun: re.Pattern[str]  # right after a name: it modifies the noun (any name)
    product_noun: re.Pattern[str]  # the same, for a name that is no product
    governed: re.Pattern[str]  # a preposition right before a name (searched up to its start)
    argument_of: re.Pattern[str]  # an event noun's preposition right before a name (group noun)
    governed_apposition: re.Pattern[str]  # "against Boeing's main competitor, " before a name
    partitives: frozenset[str]
    possessive: re.Pattern[str]  # "'s" right after a name, and the lowercase words after it
    noun_phrase_ends: frozenset[str]
    event_nouns: frozenset[str]
    event_noun_endings: tuple[str, ...]
    given_names: frozenset[str]
    places: frozenset[str]  # lowercased
    same_words: Mapping[str, str]
    same_phrases: re.Pattern[str] | None  # the multiword ones of `same_words`
    short_forms: Mapping[str, str]
    stand_ins: Mapping[str, tuple[str, ...]]
    opening_kinds: frozenset[str]  # the kinds a stand-in may stand for ("he": person, ...)
    definite_kinds: frozenset[str]  # the same, for the definite descriptions ("the plane")
    openers: frozenset[str]
    time_phrase_openers: tuple[str, ...]
    model_determiner: re.Pattern[str]  # one of them right before, in lowercased text
    name_words: re.Pattern[str]  # what `_words` reads: capitalized words, numbers, joiners
    empty_it: re.Pattern[str]
    tense_cues: re.Pattern[str]  # the `anchoring` tables, one named group each (lowercased)
    clause_breaks: re.Pattern[str]  # where the dates of a clause stop (lowercased)
    max_title_words: int


@functools.cache
def load_name_rules() -> NameRules:
    """Load `timeline/rules/names-en.yaml` once.

    >>> rules = load_name_rules()
    >>> ("ceo",) in rules.person_titles, rules.company_suffixes >= {"Inc.", "AG"}
    (True, True)
    """
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when there: 9x faster
    raw = yaml.load((RULES_DIR / "names-en.yaml").read_text(encoding="utf-8"), Loader=loader)
    titles = {tuple(title.lower().split()) for title in raw["person_titles"]}
    same_words = {str(k).lower(): str(v).lower() for k, v in raw["same_words"].items()}
    roles = {
        tuple(role.lower().split()): kind
        for kind, words in raw["role_of"].items()
        for role in words
    }
    return NameRules(
        not_names=frozenset(w.lower() for w in raw["not_names"]),
        demonyms=frozenset(raw["demonyms"]),
        connectors=frozenset(raw["connectors"]),
        person_titles=tuple(sorted(titles, key=len, reverse=True)),
        title_set=frozenset(titles),
        title_last_words=frozenset(t[-1] for t in titles),
        titles_by_first={
            first: tuple(sorted((t for t in titles if t[0] == first), key=len, reverse=True))
            for first in {t[0] for t in titles}
        },
        ambiguous_titles=frozenset(t.lower() for t in raw.get("ambiguous_titles", [])),
        role_of=roles,
        role_after=re.compile(
            r"(?P<possessive>['\u2019]s|['\u2019])?\s*(?P<role>(?i:"
            + "|".join(
                r"\s+".join(map(re.escape, words))
                for words in sorted(roles, key=lambda w: (-len(w), -len(" ".join(w))))
            )
            + r"))(?=\s|\Z)"
        ),
        company_suffixes=frozenset(raw["company_suffixes"]),
        kind_heads={word: kind for kind, words in raw["kind_heads"].items() for word in words},
        product_nouns=frozenset(raw["product_nouns"]),
        modified_noun=_next_word(
            [*raw["modified_nouns"], *(role for roles in raw["role_of"].values() for role in roles)]
        ),
        product_noun=_next_word(raw["product_nouns"]),
        governed=_governed(
            raw["governing_prepositions"],
            raw["governed_determiners"],
            raw["noun_phrase_ends"],
        ),
        argument_of=re.compile(
            r"(?<![\w'\u2019-])(?P<noun>[a-z][a-z-]*)[ \t]+(?i:"
            + "|".join(map(re.escape, raw["argument_prepositions"]))
            + r")[ \t]+(?:the[ \t]+)?\Z"
        ),
        partitives=frozenset(raw["partitives"]),
        governed_apposition=re.compile(
            # a phrase a preposition governs, inside a sentence (after a word), up to a comma
            r"(?<=[a-z] )(?i:"
            + "|".join(map(re.escape, sorted(raw["governing_prepositions"], key=len, reverse=True)))
            + r") [^,;.()\"\n]{1,60}, (?:the )?\Z"
        ),
        possessive=re.compile(
            r"(?:['\u2019]s|(?<=s)['\u2019])[ \t]+"
            r"(?P<words>(?:[a-z][a-z-]*[ \t]+){0,3}[a-z][a-z-]*(?![\w'\u2019-]))?"
        ),
        noun_phrase_ends=frozenset(raw["noun_phrase_ends"]),
        event_nouns=frozenset(raw["event_nouns"]),
        event_noun_endings=tuple(raw["event_noun_endings"]),
        given_names=frozenset(raw["given_names"]),
        places=frozenset(p.lower() for p in raw["places"]),
        same_words=same_words,
        same_phrases=re.compile(
            r"\b(?:" + "|".join(re.escape(w) for w in same_words if " " in w) + r")\b"
        )
        if any(" " in w for w in same_words)
        else None,
        short_forms={str(k): str(v) for k, v in raw["short_forms"].items()},
        stand_ins={k.lower(): tuple(v) for k, v in raw["stand_ins"].items()},
        opening_kinds=frozenset(kind for kinds in raw["stand_ins"].values() for kind in kinds),
        definite_kinds=frozenset(
            kind
            for word, kinds in raw["stand_ins"].items()
            if word.lower().startswith("the ")
            for kind in kinds
        ),
        openers=frozenset(w.lower() for w in raw["openers"]),
        time_phrase_openers=tuple(raw["time_phrase_openers"]),
        model_determiner=re.compile(
            rf"(?<!\w)(?:{'|'.join(map(re.escape, raw['model_determiners']))}) \Z"
        ),
        name_words=re.compile(
            r"(?<![\w&'\u2019.\-])(?:[A-Z\u00c0-\u00d6\u00d8-\u00de]|[a-z]+[A-Z]|[0-9])"
            r"[\w&'\u2019.\-]*"
            # a joining word only between two words of a name ("Bank of America"): after
            # one space, before one space and a word that can go on a name
            rf"|(?<=[^\s] )(?:{'|'.join(map(re.escape, raw['connectors']))})"
            r"(?= (?:[A-Z\u00c0-\u00d6\u00d8-\u00de0-9]|[a-z]+[A-Z]))"
        ),
        empty_it=re.compile(raw["empty_it"]),
        clause_breaks=re.compile("|".join(raw["clause_breaks"])),
        tense_cues=re.compile(
            "|".join(
                rf"(?<![\w'])(?P<{group}>{'|'.join(alternatives)})(?!\w)"
                for group, alternatives in raw["anchoring"].items()
            )
        ),
        max_title_words=max(len(t) for t in titles),
    )


def _governed(
    prepositions: Iterable[str], determiners: Iterable[str], ends: Iterable[str]
) -> re.Pattern[str]:
    """A preposition right before a name: "of" only with "the" between them, the others with a
    determiner and up to two lowercase words that end no noun phrase ("with aircraft
    manufacturer Boeing", "alongside the iTunes Music Store"; not "for what Jobs said")."""

    def alternatives(words: Iterable[str]) -> str:
        return "|".join(map(re.escape, sorted(set(words), key=len, reverse=True)))

    others = set(prepositions) - {"of"}
    return re.compile(
        r"(?<![\w'\u2019-])(?:(?i:of)[ \t]+(?:the[ \t]+)?"
        rf"|(?i:{alternatives(others)})[ \t]+(?:(?:{alternatives(determiners)})[ \t]+)?"
        rf"(?:(?!(?:{alternatives(ends)})[ \t])[a-z][a-z-]*[ \t]+){{0,2}})\Z"
    )


def _next_word(words: Iterable[str]) -> re.Pattern[str]:
    """A pattern matching one of `words` (any case) as the next word, longest first."""
    alternatives = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
    return re.compile(rf"[ \t]+(?i:{alternatives})(?![\w'\u2019-])")


def event_noun(word: str, rules: NameRules | None = None) -> bool:
    """Whether a lowercase noun tells an event (`event_nouns`, `event_noun_endings`; plurals
    too).

    >>> [event_noun(w) for w in ("protests", "departure", "settlement", "aircraft", "health")]
    [True, True, True, False, False]
    """
    rules = rules or load_name_rules()
    singular = word[:-1] if word.endswith("s") and not word.endswith("ss") else word
    return (
        word in rules.event_nouns
        or singular in rules.event_nouns
        or singular.endswith(rules.event_noun_endings)
    )


def best_kind(votes: Mapping[str, int]) -> str:
    """The kind with most votes; "" when none has any (ties go to the order of `KINDS`).

    >>> best_kind({"person": 2, "organisation": 1}), best_kind({})
    ('person', '')
    """
    scored = [(votes.get(kind, 0), -i, kind) for i, kind in enumerate(KINDS)]
    count, _, kind = max(scored)
    return kind if count > 0 else ""


def name_key(text: str, rules: NameRules | None = None) -> str:
    """The key a name is known by across articles: lowercase, same words spelled one way,
    no leading "the", no company suffix, no dots.

    >>> name_key("the U.S. Air Force"), name_key("Apple Inc."), name_key("AT&T")
    ('united states air force', 'apple', 'at&t')
    """
    if rules is None or rules is load_name_rules():
        return _default_key(text)
    return _key(text, rules)


@functools.lru_cache(maxsize=1 << 16)
def _default_key(text: str) -> str:
    return _key(text, load_name_rules())


def _key(text: str, rules: NameRules) -> str:
    words = text.split()
    if words and words[0].lower() == "the":
        words = words[1:]
    while len(words) > 1 and words[-1] in rules.company_suffixes:
        words = words[:-1]
    joined = " ".join(w.lower() for w in words)
    if rules.same_phrases is not None:  # multiword spellings ("great britain")
        joined = rules.same_phrases.sub(lambda m: rules.same_words[m.group()], joined)
    return " ".join(model_singular(rules.same_words.get(w, w)) for w in joined.split()).replace(
        ".", ""
    )


def model_singular(word: str) -> str:
    """A model number without the plural "s" of several of them ("A380s", "737s").

    >>> model_singular("A380s"), model_singular("737s"), model_singular("Airlines")
    ('A380', '737', 'Airlines')
    """
    return word[:-1] if len(word) > 2 and word[-1] in "sS" and word[-2].isdigit() else word
