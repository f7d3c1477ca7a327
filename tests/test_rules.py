"""Every rule's examples, checked automatically; the integrity of the English rule file."""

from __future__ import annotations

import re

import pytest

from timeline.anchor import TIMEX3_VALUE, tag_text
from timeline.detect import find_mentions
from timeline.rules import FIELD_KEYS, KINDS, RuleError, _build_rule, _compile_pattern, load_rules

RULES = load_rules("en")
EXAMPLES = [
    pytest.param(rule, example, id=f"{rule.name}:{example.text}")
    for rule in RULES.rules
    for example in rule.examples
]


@pytest.mark.parametrize(("rule", "example"), EXAMPLES)
def test_rule_example(rule, example):
    if example.none:  # the rule must not produce a timex here
        timexes = tag_text(example.text, example.reference)
        assert not [t for t in timexes if t.rule == rule.name and t.text == example.span]
        return
    mentions = [m for m in find_mentions(example.text) if m.text == example.span]
    assert mentions, f"{example.span!r} not found in {example.text!r}"
    (mention,) = mentions
    assert mention.rule == rule.name
    for key, expected in example.fields.items():
        assert mention.fields.get(key) == expected, key
    if example.value is not None:
        timexes = [t for t in tag_text(example.text, example.reference) if t.text == example.span]
        assert [t.value for t in timexes] == [example.value]
        assert TIMEX3_VALUE.fullmatch(example.value)


@pytest.mark.parametrize(
    ("pattern", "matches", "misses"),
    [
        ("a b", ["a b", "a \n  b"], ["ab"]),  # a space: any run of whitespace
        ("a ?b", ["ab", "a b", "a  b"], ["a-b"]),  # an optional space: any or none
        ("[0-9]{2}", ["17"], ["1"]),  # {2} is a quantifier, not a piece
    ],
)
def test_pattern_spaces_and_quantifiers(pattern: str, matches: list[str], misses: list[str]):
    regex, _ = _compile_pattern("t", pattern, RULES.pieces)
    assert all(regex.fullmatch(text) for text in matches)
    assert not any(regex.fullmatch(text) for text in misses)


def test_every_rule_has_an_example():
    without = [r.name for r in RULES.rules if not any(not e.none for e in r.examples)]
    assert without == []


def test_rule_names_are_unique_and_descriptive():
    names = [r.name for r in RULES.rules]
    assert len(names) == len(set(names))
    assert all(re.fullmatch(r"[a-z][a-z0-9_]+", n) and not re.search(r"_r\d", n) for n in names)


@pytest.mark.parametrize(
    ("rule", "starts", "never"),
    [
        # a hyphen or space after a number word ends the word ("twenty-four hours")
        ("duration", {"two", "twenty", "a", "0", "about", "the"}, {"hours", "said"}),
        ("n_units_ago", {"two", "a", "0", "nearly"}, {"ago"}),
        ("month_day", {"february", "feb"}, {"the"}),
    ],
)
def test_rules_know_the_words_they_start_with(rule, starts, never):
    # detection tries a rule only at words it can start with: a missing word loses matches,
    # an unknown set (None) makes the rule slow
    (found,) = [r for r in RULES.rules if r.name == rule]
    assert found.first_words is not None
    assert starts <= found.first_words and not never & found.first_words


@pytest.mark.parametrize(
    ("rule", "required"),
    [
        ("n_units_later", "later"),  # "three weeks later"
        ("us_numeric_date", "/"),  # "2/22/2017"
        ("half_year", "half"),
        ("duration_and_a_half", ""),  # "1/2", "½" or "and a half": no one text
        ("weekday_bare", ""),  # its anchor is all it needs
        ("decade_word", ""),  # "the": in every article, no use to look for
    ],
)
def test_rules_know_the_text_every_match_contains(rule, required):
    # an article without that text never tries the rule: a wrong text would lose matches
    (found,) = [r for r in RULES.rules if r.name == rule]
    assert found.required_text == required
    for example in found.examples:
        if not example.none:
            assert required in example.text.lower()


@pytest.mark.parametrize(
    ("word", "finds", "misses"),
    [
        ("a", "at 5 a.m. sharp", "a man"),  # only "a.m." is an anchor that starts with "a"
        ("two", "two days", "twofold"),
        ("year", "last year", "yearly"),
    ],
)
def test_anchor_words_find_only_their_phrases(word, finds, misses):
    finder = RULES.anchor_words[word]
    assert finder.search(finds) and not finder.search(misses)


def test_every_table_is_reachable_from_a_piece():
    used = {key for piece in RULES.pieces.values() for key in piece.table}
    for name, table in RULES.tables.items():
        assert set(table) <= used or name in ("month_abbr",), name


def test_every_piece_is_used_by_a_rule():
    used = {piece for rule in RULES.rules for piece in rule.groups.values()}
    assert set(RULES.pieces) - used == set()


def test_every_table_key_is_normalized_through_its_piece():
    for piece in RULES.pieces.values():
        regex = re.compile(piece.regex, re.IGNORECASE)
        for key in piece.table:
            surface = key.title() if "(?-i:" in piece.regex else key
            assert regex.fullmatch(surface), (piece.name, key)


def test_value_templates_use_the_closed_key_set():
    for rule in RULES.rules:
        assert set(rule.value) <= FIELD_KEYS
        assert rule.value["kind"] in KINDS


def test_every_example_span_is_followed_by_its_rules_anchor():
    # detection tries a rule at its anchor word or a few words before it: the anchor is in the
    # match, or in the text a look-ahead of the rule requires after it ("499" of "499-493 BC")
    for rule in RULES.rules:
        for example in rule.examples:
            if not example.none and rule.anchor is not None:
                lowered = example.text.lower()
                after = lowered[lowered.index(example.span.lower()) :]
                assert rule.anchor.search(after), (rule.name, example.span)


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        (
            {
                "name": "x",
                "type": "DATE",
                "pattern": "{year}",
                "value": {"kind": "date"},
                "colour": 1,
            },
            "unknown keys",
        ),
        (
            {"name": "x", "type": "DATE", "pattern": "{nope}", "value": {"kind": "date"}},
            "unknown piece",
        ),
        (
            {"name": "x", "type": "DAY", "pattern": "{year}", "value": {"kind": "date"}},
            "unknown type",
        ),
        (
            {"name": "x", "type": "DATE", "pattern": "{year}", "value": {"kind": "date", "yr": 1}},
            "unknown value keys",
        ),
        (
            {"name": "x", "type": "DATE", "pattern": "{year}", "value": {"kind": "dates"}},
            "unknown kind",
        ),
    ],
    ids=["unknown-rule-key", "unknown-piece", "unknown-type", "unknown-value-key", "unknown-kind"],
)
def test_malformed_rules_fail_at_load_time(spec, message):
    with pytest.raises(RuleError, match=message):
        _build_rule(0, spec, RULES.pieces, None)


def test_unknown_language_is_an_error():
    with pytest.raises(RuleError):
        load_rules("xx")
