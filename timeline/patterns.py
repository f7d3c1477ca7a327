"""What a rule's compiled regex must start with or contain, read from its parse tree, and the
regex builders for word tables: the facts that let detection try a rule only where it can match.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

__all__ = [
    "COMMON_WORDS",
    "after_look_behind",
    "texts_before",
    "first_chars",
    "first_words",
    "mandatory_spans",
    "required_text",
    "table_regex",
    "trie_regex",
]

# Words too common to anchor a rule on (every sentence has them).
COMMON_WORDS = frozenset({"the", "a", "an", "in", "at", "as", "of", "on", "to", "for", "and", "or"})


def table_regex(keys: list[str]) -> str:
    """An alternation of lowercase keys, longest first (rules run on lowercased text).

    A hyphen in a key may also be written as a space ("twenty four hours" in transcripts).
    """
    ordered = sorted(keys, key=lambda k: (-len(k), k))
    return "|".join(
        re.escape(key)
        .replace(r"\ ", r"\s+")
        .replace(" ", r"\s+")
        .replace("'", "['\u2019]")
        .replace(r"\-", r"[-\s]")
        for key in ordered
    )


def texts_before(regex: re.Pattern[str]) -> tuple[str, ...] | None:
    """What the text must end with just before a match of `regex`, from a look-behind it starts
    with: one of a set of characters ("17" of "1915-17" follows "-", "\u2013" or "/"), or the
    literal text the look-behind ends with; None: anything.

    >>> sorted(texts_before(re.compile(r"(?<=[0-9][-/])[0-9]{2}")))
    ['-', '/']
    >>> texts_before(re.compile(r"(?<=[0-9] and )[0-9]{1,2}"))
    (' and ',)
    >>> texts_before(re.compile(r"[0-9]{2}")) is None
    True
    """
    from re import _constants as c  # type: ignore[attr-defined]
    from re import _parser  # type: ignore[attr-defined]

    items = list(_parser.parse(regex.pattern, regex.flags))
    while items and items[0][0] is c.SUBPATTERN:  # "(?:(?<=...)...)": look inside the group
        items = list(items[0][1][-1])
    if not items or items[0][0] is not c.ASSERT or items[0][1][0] != -1:
        return None
    behind = list(items[0][1][1])
    while behind and behind[-1][0] is c.SUBPATTERN:
        behind = list(behind[-1][1][-1])
    run = ""
    while behind and behind[-1][0] is c.LITERAL:
        run = chr(behind.pop()[1]) + run
    if run:
        return (run,)
    if behind and behind[-1][0] is c.IN and all(kind is c.LITERAL for kind, _ in behind[-1][1]):
        return tuple(sorted(chr(value) for _, value in behind[-1][1]))
    return None


def first_chars(regex: re.Pattern[str]) -> frozenset[str] | None:
    """The characters a match of `regex` can start with, from its parse tree (None: any)."""
    from re import _constants as c  # type: ignore[attr-defined]
    from re import _parser  # type: ignore[attr-defined]

    def first(items: Any) -> tuple[set[str] | None, bool]:
        found: set[str] = set()
        for op, arg in items:
            chars: set[str] | None
            nullable = False
            if op is c.LITERAL:
                chars = {chr(arg)}
            elif op is c.IN:
                chars = set()
                for kind, value in arg:
                    if kind is c.LITERAL:
                        chars.add(chr(value))
                    elif kind is c.RANGE:
                        chars.update(chr(x) for x in range(value[0], value[1] + 1))
                    elif kind is c.CATEGORY and value is c.CATEGORY_DIGIT:
                        chars.update("0123456789")
                    else:
                        chars = None
                        break
            elif op is c.BRANCH:
                chars, nullable = set(), False
                for branch in arg[1]:
                    sub, sub_nullable = first(branch)
                    if sub is None or chars is None:
                        chars = None
                    else:
                        chars |= sub
                    nullable = nullable or sub_nullable
            elif op is c.SUBPATTERN:
                chars, nullable = first(arg[-1])
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
                chars, nullable = first(arg[2])
                nullable = nullable or arg[0] == 0
            elif op in (c.AT, c.ASSERT, c.ASSERT_NOT):
                chars, nullable = set(), True
            else:
                return None, False
            if chars is None:
                return None, False
            found |= chars
            if not nullable:
                return found, False
        return found, True

    chars, nullable = first(_parser.parse(regex.pattern, regex.flags))
    return None if chars is None or nullable else frozenset(chars)


def required_text(regex: re.Pattern[str]) -> str:
    """The longest run of characters every match of `regex` contains, from its parse tree, when
    a text may well lack it ("later", "/"; not "the" or "s"); else "". A text without it
    cannot match, so the rule is never tried there.

    >>> required_text(re.compile(r"(?:about )?[0-9]+ (?:days|weeks) later(?= than)"))
    ' later'
    >>> required_text(re.compile(r"[0-9]+ (?:days|weeks) (?:the|a)"))
    ''
    """
    from re import _constants as c  # type: ignore[attr-defined]
    from re import _parser  # type: ignore[attr-defined]

    runs: list[str] = [""]

    def walk(items: Any) -> None:
        run: list[str] = []
        for op, arg in items:
            if op is c.LITERAL:
                run.append(chr(arg))
                continue
            runs.append("".join(run))
            run = []
            if op is c.SUBPATTERN:
                walk(arg[-1])
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and arg[0] >= 1:
                walk(arg[2])
            elif op is c.ASSERT and arg[0] == 1:  # a look-ahead: what it sees is in the text
                walk(arg[1])
        runs.append("".join(run))

    walk(_parser.parse(regex.pattern, regex.flags))
    longest = max(runs, key=len)
    core = longest.strip()
    common = not core or core in COMMON_WORDS or (core.isalnum() and len(core) < 3)
    return "" if common else longest


def first_words(regex: re.Pattern[str], limit: int = 2000) -> frozenset[str] | None:
    """The words (letters and apostrophes; "0" for a number) a match of `regex` starts with.

    None when the parse tree is too complex to tell: then no word filter is applied.
    """
    from re import _constants as c  # type: ignore[attr-defined]
    from re import _parser  # type: ignore[attr-defined]

    letters = set("abcdefghijklmnopqrstuvwxyz'\u2019")

    def walk(items: list[Any], partial: str) -> set[str] | None:
        if not items:
            return {partial} if partial else None
        op, arg = items[0]
        rest = items[1:]
        if op is c.LITERAL:
            char = chr(arg)
            if char in letters:
                return walk(rest, partial + char)
            if char.isdigit():
                return {partial or "0"}
            return {partial} if partial else None
        if op is c.SUBPATTERN:
            return walk(list(arg[-1]) + rest, partial)
        if op is c.BRANCH:
            found: set[str] = set()
            for branch in arg[1]:
                sub = walk(list(branch) + rest, partial)
                if sub is None or len(found) > limit:
                    return None
                found |= sub
            return found
        if op in (c.MAX_REPEAT, c.MIN_REPEAT):
            low, _, body = arg
            once = walk(list(body) + rest, partial)
            if low:
                return once
            skipped = walk(rest, partial)
            return None if once is None or skipped is None else once | skipped
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            return walk(rest, partial)
        if op is c.IN:
            kinds = {kind for kind, _ in arg}
            if kinds <= {c.CATEGORY, c.LITERAL, c.RANGE} and all(
                kind is not c.CATEGORY or value is c.CATEGORY_DIGIT for kind, value in arg
            ):
                chars = [chr(v) for k, v in arg if k is c.LITERAL]
                has_digit = any(k is not c.LITERAL for k, _ in arg) or any(
                    x.isdigit() for x in chars
                )
                if not partial and has_digit and not any(x in letters for x in chars):
                    return {"0"}
            if partial and all(_ends_word(kind, value) for kind, value in arg):
                return {partial}  # "[-\s]" after letters: the word ends here
            return None
        return None

    words = walk(list(_parser.parse(regex.pattern, regex.flags)), "")
    return None if words is None or len(words) > limit else frozenset(words)


def _ends_word(kind: Any, value: Any) -> bool:
    """Whether a character-set member of a parse tree can only be a non-word character."""
    from re import _constants as c  # type: ignore[attr-defined]

    if kind is c.CATEGORY:
        return value is c.CATEGORY_SPACE
    return kind is c.LITERAL and not chr(value).isalnum() and chr(value) not in "'\u2019_"


def _syntax(pattern: str) -> Iterator[tuple[int, str]]:
    """The characters of `pattern` that are regex syntax, with their index: escaped characters
    and character classes ("[-/]") are skipped."""
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if char == "[":
            index = pattern.index("]", index + 1) + 1
            continue
        yield index, char
        index += 1


def mandatory_spans(pattern: str) -> list[tuple[int, int]]:
    """Spans of `pattern` no match needs, or that lie before it: inside an optional group, an
    alternation, a negative look-ahead or a look-behind. (A look-ahead is needed: its words
    may anchor a rule, found after the match's start.)"""
    optional: list[tuple[int, int]] = []
    stack: list[tuple[int, bool]] = []  # (start, has an alternation)
    depth_bar = False
    for index, char in _syntax(pattern):
        if char == "(":
            stack.append((index, False))
        elif char == "|":
            if stack:
                stack[-1] = (stack[-1][0], True)
            else:
                depth_bar = True
        elif char == ")" and stack:
            start, has_bar = stack.pop()
            following = pattern[index + 1 : index + 2]
            around = pattern[start : start + 3]
            if has_bar or following in ("?", "*") or around in ("(?!", "(?<"):
                optional.append((start, index + 1))
    return [(0, len(pattern))] if depth_bar else optional


def after_look_behind(prefix: str) -> str:
    """`prefix` without the look-behind group it starts with, if any.

    >>> after_look_behind("(?<=[0-9](?:-|/)){day}"), after_look_behind("{day}")
    ('{day}', '{day}')
    """
    if not prefix.startswith("(?<"):
        return prefix
    depth = 0
    for index, char in _syntax(prefix):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0:
            return prefix[index + 1 :]
    return prefix


def trie_regex(words: list[str]) -> str:
    """A regex matching exactly `words`, shared prefixes factored out ("ab|ac" -> "a(?:b|c)").

    >>> trie_regex(["was", "were", "went", "we"])
    'w(?:as|e(?:nt|re)?)'
    """
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        branches = [re.escape(char) + emit(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        if "" not in node:
            return body
        grouped = len(branches) > 1 or len(body) == 1
        return f"{body}?" if grouped else f"(?:{body})?"

    return emit(trie)
