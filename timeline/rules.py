"""Load, validate and compile a language's rule file (`timeline/rules/<language>.yaml`) once.

A rule file holds data only: normalization `tables`, `pieces` (named regex fragments, most of them
built from the keys of a table so that pattern and normalization never drift), tense `cues`, the
`vague_spans` table and the `rules`. A rule pattern such as `{month} {day}, {year}` compiles to a
regex with named groups; a literal space matches any run of whitespace (" ?": any or none).
`{name:piece}` uses a piece under another group name so that one pattern can hold the same
piece twice; `{3}` stays a regex quantifier.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from timeline.patterns import (
    COMMON_WORDS,
    after_look_behind,
    first_chars,
    first_words,
    mandatory_spans,
    required_text,
    table_regex,
    texts_before,
    trie_regex,
)

__all__ = [
    "FIELD_KEYS",
    "KINDS",
    "TYPES",
    "Example",
    "Piece",
    "Rule",
    "RuleError",
    "RuleSet",
    "load_rules",
]

RULES_DIR = Path(__file__).with_name("rules")
# libyaml's safe loader reads the rule file 9x faster; same result, and every worker loads it
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

TYPES = frozenset({"DATE", "TIME", "DURATION", "SET"})
# The closed key set of an underspecified value (a rule's `value:` template, `Mention.fields`).
FIELD_KEYS = frozenset(
    {
        "kind",  # which resolver of resolvers.py handles the value
        "year",
        "month",
        "day",
        "weekday",  # 1 = Monday ... 7 = Sunday
        "week",  # the week of a month: 1 first ... 4 fourth, -1 last
        "unit",  # S MIN H D W WE M Q Y DE CE
        "amount",  # int, or "X" for several/a few
        "offset",  # -1 last, 0 this, +1 next; for shifts the signed direction
        # dct: counted from the time of writing; previous: from a date told before; told: the
        # time told just before, at its precision ("that same day" after "last October")
        "anchor",
        "season",  # SP SU FA WI
        "quarter",
        "half",
        "decade",  # e.g. 199
        "century",  # e.g. 19 for the 1900s (TIMEX3 value "19")
        "range_from",  # the year a range starts from ("1915" of "1915-17")
        "year_digits",  # a year's last two digits, in the century of range_from ("17")
        "part_of_day",  # MO AF EV NI
        "hour",
        "minute",
        "ampm",  # AM PM
        "ref",  # PAST_REF PRESENT_REF FUTURE_REF
        "mod",  # START MID END (TIMEX3 mod): narrows the calendar span
        "tense",  # past | future: a tense forced by the words of the expression itself
        "window",  # rolling: the days are the unit counted from the reference, not the calendar's
        "holiday",  # "MM-DD" (fixed date) or "MM-N-W" (N-th weekday W of the month, N=L: last)
    }
)
KINDS = frozenset(
    {
        "date",
        "weekday",
        "relative_day",
        "this_unit",
        "shift",
        "ref",
        "duration",
        "set",
        "season",
        "quarter",
        "half",
        "decade",
        "century",
        "time",
        "period",
        "holiday",
    }
)
RULE_KEYS = frozenset(
    {
        "name",
        "type",
        "pattern",
        "value",
        "examples",
        "require_before",
        "reject_before",
        "reject_after",
        "anchor",
        "note",
    }
)
PIECE_KEYS = frozenset({"table", "tables", "regex", "normalize", "case", "exclude", "lookup"})
EXAMPLE_KEYS = frozenset({"text", "span", "fields", "value", "reference", "type", "none"})
NORMALIZERS = frozenset(
    {
        "table",
        "int",
        "year2",
        "decade",
        "decade2",
        "amount",
        "text",
        "spoken_year",
        "year",
        "bc_year",
    }
)
TOP_KEYS = frozenset(
    {
        "language",
        "example_reference",
        "tables",
        "pieces",
        "cues",
        "vague_spans",
        "rules",
    }
)
MAX_WORDS_BEFORE = 6
_PLACEHOLDER = re.compile(r"\{([A-Za-z_]\w*)(?::(\w+))?\}")  # {3} is a regex quantifier
# How detect.py cuts lowered text into words to look anchors up: at whitespace and at every
# punctuation mark ("sept.," -> "sept", "third-quarter" -> "third", "quarter").
WORD_SEPARATORS = str.maketrans(
    {c: " " for c in "-/.,;:!?\"'()[]{}\u2013\u2014\u201c\u201d\u2018\u2019"}
)


def lowercase(text: str) -> str:
    """`text.lower()` with the same length (a few characters lowercase to two): what rule
    patterns and tense cues are matched against, with offsets that stay the text's."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def split_words(lowered: str) -> list[str]:
    """The words of lowered text, the way anchors are looked up.

    >>> split_words("on sept. 30, at 5 a.m.; third-quarter, monday's")
    ['on', 'sept', '30', 'at', '5', 'a', 'm', 'third', 'quarter', 'monday', 's']
    """
    return lowered.translate(WORD_SEPARATORS).split()


class RuleError(ValueError):
    """A rule file is malformed (unknown key, unknown piece, bad regex, ...)."""


@dataclass(frozen=True)
class Piece:
    """A named regex fragment and how to normalize the text it matched."""

    name: str
    regex: str
    normalize: str
    table: Mapping[str, Any]
    cased: bool = False  # the match must start with a capital letter in the original text
    lookup: Mapping[str, Any] | None = None  # a table used to normalize only (not in the regex)


@dataclass(frozen=True)
class Example:
    """An example a test checks: the text, the span found, its fields and its resolved value."""

    text: str
    span: str
    fields: Mapping[str, Any]
    value: str | None
    type: str | None
    reference: date | None
    none: bool = False  # True: the rule must NOT fire on this text


@dataclass(frozen=True)
class Rule:
    """One compiled rule: named pattern, TIMEX3 type, value template, examples."""

    name: str
    index: int
    type: str
    pattern: str
    regex: re.Pattern[str]  # matched against the lowercased text
    groups: Mapping[str, str]  # group name -> piece name
    cased_groups: tuple[str, ...]  # groups whose match must be capitalized in the original
    anchor: re.Pattern[str] | None  # a word every match contains: the rule runs only near it
    anchor_keys: frozenset[str]  # the anchor's words and phrases (none when it is a number)
    words_before: int  # how many words a match may have before its anchor
    first_chars: frozenset[str] | None  # the characters a match can start with (None: any)
    texts_before: tuple[str, ...] | None  # what the text ends with before a match (None: any)
    first_words: frozenset[str] | None  # the words a match can start with, digits as "0"
    required_text: str  # every match contains it ("": none worth checking); required_text
    value: Mapping[str, Any]  # template: literal, or "{group}" filled from the match
    require_before: re.Pattern[str] | None
    reject_before: re.Pattern[str] | None
    reject_after: re.Pattern[str] | None
    examples: tuple[Example, ...]


@dataclass(frozen=True)
class RuleSet:
    """Everything compiled from one language file."""

    language: str
    tables: Mapping[str, Mapping[str, Any]]
    pieces: Mapping[str, Piece]
    rules: tuple[Rule, ...]
    # tense cue words, one scan of lowercased text (`lowercase`; IGNORECASE scans 3x slower):
    # groups `future`, `future_before` (counts only before the mention) and `past`; at one
    # position a future cue is tried first
    tense_cues: re.Pattern[str]
    past_exceptions: frozenset[str]
    perfect_cues: re.Pattern[str]  # a clause told as done (lowercased): a past deadline
    clause_boundary: re.Pattern[str]
    cue_window: int
    vague_spans: Mapping[str, tuple[int, int]]
    # first token of an anchor -> (anchor regex, the rules anchored on it), one entry per regex;
    # with each rule, whether a match may start at the anchor word itself (its first word)
    by_token: Mapping[str, tuple[tuple[re.Pattern[str], tuple[tuple[Rule, bool], ...]], ...]]
    unanchored: tuple[Rule, ...]  # rules run over the whole text
    anchor_words: Mapping[str, re.Pattern[str]]  # each anchor word and its finder
    # every word a match can start with before its anchor (rules with `first_words` set)
    start_words: frozenset[str]

    def normalize(self, group: str, text: str, rule: Rule) -> Any:
        """Normalize the text matched by a group of `rule` with its piece's normalizer."""
        return _normalize_cached(self.language, rule.groups[group], text)


@functools.lru_cache(maxsize=1 << 16)
def _normalize_cached(language: str, piece_name: str, text: str) -> Any:
    piece = load_rules(language).pieces.get(piece_name)
    if piece is None:
        return int(text) if text.isdigit() else _key(text)
    return _normalize(piece, text)


def _key(text: str) -> str:
    return " ".join(text.lower().replace("\u2019", "'").split())


def _normalize(piece: Piece, text: str) -> Any:
    kind = piece.normalize
    key = _key(text)
    if piece.table and key in piece.table:
        return piece.table[key]
    if piece.table and key.rstrip(".") in piece.table:
        return piece.table[key.rstrip(".")]
    if piece.table and key.replace(" ", "-") in piece.table:
        return piece.table[key.replace(" ", "-")]
    digits = re.sub(r"\D", "", key)
    if kind in ("int", "amount"):
        return int(digits) if digits else key
    if kind == "year2":  # '98 -> 1998, '05 -> 2005
        number = int(digits)
        return number + (1900 if number >= 30 else 2000) if len(digits) <= 2 else number
    if kind == "spoken_year":  # "nineteen ninety-six" -> 1996, "two thousand one" -> 2001
        words = key.replace("-", " ").replace(" and ", " ").split()
        numbers = piece.lookup or {}
        if words[:2] == ["two", "thousand"]:
            rest = " ".join(words[2:])
            return 2000 + (
                int(numbers.get(rest.replace(" ", "-"), numbers.get(rest, 0))) if rest else 0
            )
        century = int(numbers[words[0]])
        rest = "-".join(w for w in words[1:] if w != "oh")
        return century * 100 + int(numbers.get(rest, 0))
    if kind == "bc_year":  # "490 BC" -> -490 (a year before the common era)
        return -int(digits)
    if kind == "year":  # "1990" -> 1990, "490 BC" -> -490
        return -int(digits) if "b" in key else int(digits)
    if kind == "decade":  # 1990s -> 199
        return int(digits[:3])
    if kind == "decade2":  # '90s -> 199
        return 190 + int(digits[0]) if int(digits[0]) >= 3 else 200 + int(digits[0])
    return key


def _build_pieces(raw: Mapping[str, Any], tables: Mapping[str, Mapping[str, Any]]) -> dict:
    pieces: dict[str, Piece] = {}
    for name, spec in raw.items():
        if isinstance(spec, str):
            spec = {"regex": spec}
        unknown = set(spec) - PIECE_KEYS
        if unknown:
            raise RuleError(f"piece {name!r}: unknown keys {sorted(unknown)}")
        table_names = list(spec.get("tables", [])) + ([spec["table"]] if "table" in spec else [])
        table: dict[str, Any] = {}
        for table_name in table_names:
            if table_name not in tables:
                raise RuleError(f"piece {name!r}: unknown table {table_name!r}")
            table.update(tables[table_name])
        for excluded in spec.get("exclude", []):
            table.pop(excluded, None)
        parts = []
        if table:
            parts.append(table_regex(list(table)))
        if "regex" in spec:
            parts.append(f"(?:{spec['regex']})")
        if not parts:
            raise RuleError(f"piece {name!r}: needs a table or a regex")
        normalize = spec.get("normalize", "table" if table else "text")
        if normalize not in NORMALIZERS:
            raise RuleError(f"piece {name!r}: unknown normalizer {normalize!r}")
        cased = spec.get("case", "any") == "title"
        lookup = tables.get(spec["lookup"]) if "lookup" in spec else None
        if "lookup" in spec and lookup is None:
            raise RuleError(f"piece {name!r}: unknown table {spec['lookup']!r}")
        pieces[name] = Piece(name, "|".join(parts), normalize, table, cased, lookup)
    return pieces


def _compile_pattern(
    rule_name: str, pattern: str, pieces: Mapping[str, Piece]
) -> tuple[re.Pattern[str], dict[str, str]]:
    groups: dict[str, str] = {}

    def place(match: re.Match[str]) -> str:
        group, piece = match.group(1), match.group(2) or match.group(1)
        if piece not in pieces:
            raise RuleError(f"rule {rule_name!r}: unknown piece {piece!r}")
        if group in groups:
            raise RuleError(f"rule {rule_name!r}: group {group!r} used twice")
        groups[group] = piece
        return f"(?P<{group}>{pieces[piece].regex})"

    letters = re.sub(r"\(\?P|\\[A-Za-z]", "", pattern)
    if letters != letters.lower():
        raise RuleError(f"rule {rule_name!r}: patterns are lowercase (they run on lowered text)")
    # a space matches any run of whitespace, an optional one (" ?") none too
    body = _PLACEHOLDER.sub(place, pattern.replace(" ?", r"\s*").replace(" ", r"\s+"))
    try:
        # No leading look-behind (it would defeat the regex engine's prefix scan): the left word
        # boundary is checked by detect.py.
        regex = re.compile(rf"(?:{body})(?![\w])(?![.,]\d)")
    except re.error as error:
        raise RuleError(f"rule {rule_name!r}: bad pattern {pattern!r}: {error}") from error
    for group in regex.groupindex:  # raw (?P<name>...) groups: normalized by the piece `name`
        groups.setdefault(group, group if group in pieces else "")
    return regex, groups


def _start_words(rules: tuple[Rule, ...]) -> frozenset[str]:
    reaching_back = [rule for rule in rules if rule.anchor and rule.words_before]
    return frozenset().union(*(rule.first_words or () for rule in reaching_back))


def _anchor_tokens(rule: Rule) -> frozenset[str]:
    """The first tokens of the rule's anchor ("0": any number; none: the rule has no anchor)."""
    if rule.anchor is None:
        return frozenset()
    return frozenset(_first_token(key) for key in rule.anchor_keys) or frozenset("0")


def _may_start_with(rule: Rule, token: str) -> bool:
    return rule.first_words is None or token in rule.first_words


def _anchor_finders(rules: tuple[Rule, ...]) -> dict[str, re.Pattern[str]]:
    """For each first word of an anchor, a regex that finds where an anchor starting with it
    may be: the word itself when it is an anchor, else only the phrases it starts ("a" finds
    "a.m.", not every article "a"; "from" finds "from now")."""
    phrases: dict[str, set[str]] = {}
    for rule in rules:
        for key in rule.anchor_keys:
            phrases.setdefault(_first_token(key), set()).add(key)
    return {
        word: re.compile(
            rf"{re.escape(word)}(?![a-z])"
            if word in keys
            else rf"(?:{table_regex(sorted(keys))})(?![a-z])"
        )
        for word, keys in sorted(phrases.items())
        if word not in ("0", "")
    }


def _first_token(key: str) -> str:
    words = split_words(key)
    if not words:
        return ""
    return "0" if words[0][:1].isdigit() else words[0]


def _anchor(
    pattern: str, pieces: Mapping[str, Piece], words: list[str] | None
) -> tuple[re.Pattern[str] | None, frozenset[str], int]:
    """A word every match of `pattern` contains: as a regex, its words and phrases (none when
    it is a number), and how many words a match may have before it.

    The anchor is a mandatory table piece (fewest keys) or a mandatory `(?P<name>a|b)` group, else
    a mandatory regex piece (its first token is then any number: "0"). No anchor: scan everything.
    """
    if words:
        return (
            re.compile(rf"(?:{table_regex(words)})(?![a-z])"),
            frozenset(words),
            _words_before(pattern, len(pattern), pieces),
        )
    optional = mandatory_spans(pattern)
    best: tuple[int, list[str] | None, str, int] | None = None
    for match in _PLACEHOLDER.finditer(pattern):
        if any(a <= match.start() < b for a, b in optional):
            continue
        piece = pieces[match.group(2) or match.group(1)]
        if piece.table and "(?:" not in piece.regex:
            keys = list(piece.table)
            common = any(_first_token(k) in COMMON_WORDS for k in keys)
            rank = len(keys) + (20_000 if common else 0)  # "the end of": "the" is everywhere
            candidate: tuple[int, list[str] | None, str, int] = (
                rank,
                keys,
                table_regex(keys),
                match.start(),
            )
        else:
            candidate = (10_000, None, piece.regex, match.start())
        if best is None or candidate[0] < best[0]:
            best = candidate
    for match in re.finditer(r"\(\?P<\w+>([a-z|]+)\)", pattern):
        if not any(a < match.start() < b for a, b in optional):
            best = (0, match.group(1).split("|"), match.group(1), match.start())
    if best is None:
        return None, frozenset(), 0
    before = _words_before(pattern, best[3], pieces)
    return re.compile(rf"(?:{best[2]})(?![a-z])"), frozenset(best[1] or ()), before


def _words_before(pattern: str, end: int, pieces: Mapping[str, Piece]) -> int:
    """At most how many words the part of `pattern` before `end` can match (a generous count);
    a leading look-behind matches none (it lies before the match)."""
    prefix = after_look_behind(pattern[:end])
    count = len(re.findall(r"[ \-/]|\\s|\\.", _PLACEHOLDER.sub("", prefix)))
    for match in _PLACEHOLDER.finditer(prefix):
        piece = pieces[match.group(2) or match.group(1)]
        longest = max((len(re.findall(r"[ \-.]", k)) for k in piece.table), default=0)
        count += 1 + longest
    return min(count + 1, MAX_WORDS_BEFORE) if prefix else 0


def _parse_day(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def _build_rule(
    index: int, spec: Mapping[str, Any], pieces: Mapping[str, Piece], default_ref: date | None
) -> Rule:
    name = spec.get("name", f"#{index}")
    unknown = set(spec) - RULE_KEYS
    if unknown:
        raise RuleError(f"rule {name!r}: unknown keys {sorted(unknown)}")
    for required in ("name", "type", "pattern", "value"):
        if required not in spec:
            raise RuleError(f"rule {name!r}: missing {required!r}")
    if spec["type"] not in TYPES:
        raise RuleError(f"rule {name!r}: unknown type {spec['type']!r}")
    regex, groups = _compile_pattern(name, spec["pattern"], pieces)
    anchor, anchor_keys, words_before = _anchor(spec["pattern"], pieces, spec.get("anchor"))
    value = dict(spec["value"])
    bad = set(value) - FIELD_KEYS
    if bad:
        raise RuleError(f"rule {name!r}: unknown value keys {sorted(bad)}")
    if value.get("kind") not in KINDS:
        raise RuleError(f"rule {name!r}: unknown kind {value.get('kind')!r}")
    for key, template in value.items():
        if isinstance(template, str) and template.startswith("{"):
            if template.strip("{}") not in groups:
                raise RuleError(f"rule {name!r}: value {key} uses unknown group {template}")
    examples = []
    for example in spec.get("examples", []):
        if isinstance(example, str):
            example = {"text": example}
        bad = set(example) - EXAMPLE_KEYS
        if bad:
            raise RuleError(f"rule {name!r}: unknown example keys {sorted(bad)}")
        examples.append(
            Example(
                text=example["text"],
                span=example.get("span", example["text"]),
                fields=dict(example.get("fields", {})),
                value=None if example.get("value") is None else str(example["value"]),
                type=example.get("type"),
                reference=_parse_day(example.get("reference", default_ref)),
                none=bool(example.get("none", False)),
            )
        )

    def optional(key: str) -> re.Pattern[str] | None:
        return re.compile(spec[key], re.IGNORECASE) if key in spec else None

    return Rule(
        name=name,
        index=index,
        type=spec["type"],
        pattern=spec["pattern"],
        regex=regex,
        groups=groups,
        anchor=anchor,
        anchor_keys=anchor_keys,
        words_before=words_before,
        first_chars=first_chars(regex),
        texts_before=texts_before(regex),
        first_words=first_words(regex),
        required_text=required_text(regex),
        cased_groups=tuple(
            g for g, piece in groups.items() if piece in pieces and pieces[piece].cased
        ),
        value=value,
        require_before=optional("require_before"),
        reject_before=optional("reject_before"),
        reject_after=optional("reject_after"),
        examples=tuple(examples),
    )


_LITERAL_CUE = re.compile(r"[a-z' ]+")


def _cue_body(alternatives: list[str]) -> str:
    """Cue words as one alternation; the plain words go into a trie, which `re` scans faster."""
    words = [cue for cue in alternatives if _LITERAL_CUE.fullmatch(cue)]
    patterns = [cue for cue in alternatives if not _LITERAL_CUE.fullmatch(cue)]
    return "|".join(patterns + ([trie_regex(words)] if words else [])) or "(?!)"


def _cue_regex(alternatives: list[str]) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{_cue_body(alternatives)})(?!\w)")


def _tense_cue_regex(by_tense: Mapping[str, list[str]]) -> re.Pattern[str]:
    """One regex for all tense cues, a named group per tense: a clause is scanned once a side."""
    body = "|".join(f"(?P<{tense}>{_cue_body(cues)})" for tense, cues in by_tense.items())
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)")


@functools.cache
def load_rules(language: str = "en") -> RuleSet:
    """Load, validate and compile `timeline/rules/<language>.yaml` (cached).

    >>> rules = load_rules("en")
    >>> rules.rules[0].name != "" and len(rules.rules) > 50
    True
    """
    path = RULES_DIR / f"{language}.yaml"
    if not re.fullmatch(r"[a-z]{2,3}", language) or not path.is_file():
        raise RuleError(f"no rule file for language {language!r}")
    raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_SAFE_LOADER)
    unknown = set(raw) - TOP_KEYS
    if unknown:
        raise RuleError(f"{path.name}: unknown top-level keys {sorted(unknown)}")
    tables = {name: {_key(str(k)): v for k, v in t.items()} for name, t in raw["tables"].items()}
    pieces = _build_pieces(raw["pieces"], tables)
    default_ref = _parse_day(raw.get("example_reference"))
    rules = tuple(_build_rule(i, spec, pieces, default_ref) for i, spec in enumerate(raw["rules"]))
    names = [rule.name for rule in rules]
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        raise RuleError(f"{path.name}: duplicate rule names {duplicates}")
    by_token: dict[str, dict[str, list[Rule]]] = {}  # first token -> anchor regex -> rules
    anchors: dict[str, re.Pattern[str]] = {}
    for rule in rules:
        if rule.anchor is None:
            continue
        anchors[rule.anchor.pattern] = rule.anchor
        for token in _anchor_tokens(rule):
            by_token.setdefault(token, {}).setdefault(rule.anchor.pattern, []).append(rule)
    cues = raw["cues"]
    spans = {
        ref: (int(v["days_before"]), int(v["days_after"])) for ref, v in raw["vague_spans"].items()
    }
    return RuleSet(
        language=language,
        tables=tables,
        pieces=pieces,
        rules=rules,
        tense_cues=_tense_cue_regex(
            {
                "future": cues["future"],
                "future_before": cues.get("future_before", []),
                "past": cues["past"],
            }
        ),
        past_exceptions=frozenset(w.lower() for w in cues.get("past_exceptions", [])),
        perfect_cues=_cue_regex(cues.get("perfect", [])),
        clause_boundary=re.compile(cues["clause_boundary"]),
        cue_window=int(cues.get("window", 60)),
        vague_spans=spans,
        by_token={
            token: tuple(
                (anchors[key], tuple((rule, _may_start_with(rule, token)) for rule in found))
                for key, found in groups.items()
            )
            for token, groups in by_token.items()
        },
        unanchored=tuple(rule for rule in rules if rule.anchor is None),
        start_words=_start_words(rules),
        anchor_words=_anchor_finders(rules),
    )
