"""Find temporal expressions in a text: every rule of the language file, longest match wins.

Detection does no date arithmetic: a `Mention` carries the underspecified value (`fields`) that
`timeline.anchor` resolves against a reference date.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from timeline.rules import MAX_WORDS_BEFORE, Rule, RuleSet, load_rules, lowercase, split_words

__all__ = ["Mention", "find_mentions"]

# How far before its anchor word a match may start (characters); see `Rule.words_before`.
WINDOW = 48
_BEFORE = 40  # characters of left context given to `require_before` and `reject_before`
_AFTER = 40  # characters of right context given to `reject_after`


@dataclass(frozen=True)
class Mention:
    """A temporal expression found in a text, not yet resolved."""

    start: int
    end: int
    text: str
    rule: str
    type: str
    fields: Mapping[str, str | int] = field(default_factory=dict)


def _fields(rule: Rule, rules: RuleSet, match_groups: dict[str, str | None]) -> dict[str, object]:
    fields: dict[str, object] = {}
    for key, template in rule.value.items():
        if isinstance(template, str) and template.startswith("{") and template.endswith("}"):
            matched = match_groups.get(template[1:-1])
            if matched is None:
                continue
            fields[key] = rules.normalize(template[1:-1], matched, rule)
        else:
            fields[key] = template
    return fields


_DIGITS = re.compile(r"[0-9]+")
_WORD = re.compile(r"[a-z0-9'\u2019]+")
_QUOTES = "'\u2019"


def _continues(text: str, start: int) -> bool:
    """Whether text[start] continues a word, an amount ("$5") or a number ("2.5", "1,000")."""
    before = text[start - 1]
    return (
        before.isalnum()
        or before in "_$£€"
        or (before in ",." and start > 1 and text[start - 2].isdigit() and text[start].isdigit())
    )


def _anchor_hits(lowered: str, rules: RuleSet) -> list[tuple[int, str]]:
    """Positions and first words of possible anchors ("0" for a number)."""
    found: list[tuple[int, str]] = []
    finders = rules.anchor_words
    for word in finders.keys() & split_words(lowered):
        found.extend(
            (hit.start(), word)
            for hit in finders[word].finditer(lowered)
            if not hit.start() or not lowered[hit.start() - 1].isalnum()
        )
    if "0" in rules.by_token:
        for hit in _DIGITS.finditer(lowered):
            start = hit.start()
            if start and _continues(lowered, start):
                continue  # inside "1,000", "2.5" or "h1n1": no expression starts or anchors there
            if start and lowered[start - 1] in _QUOTES:
                start -= 1  # '90s
            found.append((start, "0"))
    return found


def _words_before(
    lowered: str, position: int, starters: frozenset[str] | None
) -> list[tuple[int, str, int]]:
    """The words a match may start with in the window before `position`, nearest first: where
    each starts, the word ("0" for a number) and how many words back it is (at most
    `MAX_WORDS_BEFORE`). Only `starters` are kept (None: all).
    """
    found = _WORD.findall(lowered, max(0, position - WINDOW), position)
    words: list[tuple[int, str, int]] = []
    end = position
    for back, word in enumerate(reversed(found[-MAX_WORDS_BEFORE:]), 1):
        start = lowered.rindex(word, 0, end)
        end = start
        if word[0].isdigit():
            word = "0"
        if starters is None or word in starters:
            words.append((start, word, back))
    return words


def _candidates(
    text: str, lowered: str, rules: RuleSet
) -> list[tuple[int, int, Rule, re.Match[str]]]:
    """Every match of every rule, tried only where it can start.

    A match contains its rule's anchor word: it starts at the anchor or at one of the few word
    starts before it (`Rule.words_before`); a start must also be a word boundary, begin with a
    character the rule can start with, and cased pieces must be capitalized in `text`.
    """
    found: list[tuple[int, int, Rule, re.Match[str]]] = []
    tried: set[tuple[int, int]] = set()
    contains: dict[str, bool] = {}  # `Rule.required_text` -> whether the text has it

    def attempt(rule: Rule, start: int) -> None:
        first = rule.first_chars
        if first is not None and lowered[start] not in first:
            return
        after = rule.texts_before  # a match comes after one of these texts
        if after is not None and not lowered.endswith(after, 0, start):
            return
        key = (rule.index, start)
        if key in tried:
            return
        tried.add(key)
        if start and _continues(text, start):
            return
        match = rule.regex.match(lowered, start)
        if match is None:
            return
        for group in rule.cased_groups:
            at = match.start(group)
            if at >= 0 and not text[at].isupper():
                return
        end = match.end()
        before = text[max(0, start - _BEFORE) : start]
        if rule.require_before is not None and not rule.require_before.search(before):
            return
        if rule.reject_before is not None and rule.reject_before.search(before):
            return
        if rule.reject_after is not None and rule.reject_after.search(text[end : end + _AFTER]):
            return
        found.append((start, end, rule, match))

    for position, word in _anchor_hits(lowered, rules):
        # the words before the anchor that some rule can start with; all of them, when needed
        starting: list[tuple[int, str, int]] | None = None
        every: list[tuple[int, str, int]] | None = None
        for anchor, anchored in rules.by_token[word]:
            if anchor.match(lowered, position) is None:
                continue
            for rule, at_anchor in anchored:
                needed = rule.required_text
                if needed:
                    present = contains.get(needed)
                    if present is None:
                        present = contains[needed] = needed in lowered
                    if not present:
                        continue
                if at_anchor:
                    attempt(rule, position)
                reach = rule.words_before
                if not reach:
                    continue
                first = rule.first_words
                if first is None:
                    if every is None:
                        every = _words_before(lowered, position, None)
                    for start, _, back in every:
                        if back > reach:
                            break
                        attempt(rule, start)
                    continue
                if starting is None:
                    starting = _words_before(lowered, position, rules.start_words)
                for start, before_word, back in starting:
                    if back > reach:
                        break
                    if before_word in first:
                        attempt(rule, start)
    for rule in rules.unanchored:
        for match in rule.regex.finditer(lowered):
            attempt(rule, match.start())
    return found


def find_mentions(text: str, language: str = "en") -> list[Mention]:
    """All temporal expressions in `text`, in text order, without overlaps.

    On overlap the longest match wins, then the earlier start, then the earlier rule.

    >>> [(m.text, m.rule, m.fields["day"]) for m in find_mentions("He left Friday, Feb. 17.")]
    [('Friday, Feb. 17', 'weekday_month_day', 17)]
    >>> [m.text for m in find_mentions("we may march on; the 1990s were good")]
    ['the 1990s']
    """
    if not isinstance(text, str) or not text:
        return []
    rules = load_rules(language)
    lowered = lowercase(text)
    candidates = _candidates(text, lowered, rules)
    candidates.sort(key=lambda c: (c[0] - c[1], c[0], c[2].index))
    taken = bytearray(len(text))  # 1 where a longer mention already lies
    mentions: list[Mention] = []
    for start, end, rule, match in candidates:
        if end <= start or taken.find(1, start, end) != -1:
            continue
        taken[start:end] = b"\x01" * (end - start)
        groups = {
            name: text[match.start(name) : match.end(name)] if value is not None else None
            for name, value in match.groupdict().items()
        }
        mentions.append(
            Mention(
                start=start,
                end=end,
                text=text[start:end],
                rule=rule.name,
                type=rule.type,
                fields=MappingProxyType(_fields(rule, rules, groups)),  # type: ignore[arg-type]
            )
        )
    mentions.sort(key=lambda m: m.start)
    return mentions
