"""One article's mentions of names, each with its sentence and how that sentence is anchored
in time: what ingest stores for following a name (`follow.py` reads it across articles).

Every mention of a name (`names.find_names`), plus the words that stand for it at the start of
a sentence ("he", "the company") when only one name of their kind is in play just before; each
with its sentence and its anchor:
- "in sentence": the clause around the name has a date word; its dated events are the name's;
- "earlier in article": told in the past tense without a date: the day the article last told of;
- "publication": told in the present or the recent past: the day the article was published;
- "unanchored": a future or hypothetical clause without a date.
The tense is read with the tagger's past-tense cue words (`rules/en.yaml`) and the reporting,
future, hypothetical and present-tense tables of `rules/names-en.yaml`.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

import pandas as pd

from timeline.articles import Article
from timeline.events import VAGUE
from timeline.names import (
    STAND_IN,
    NameMention,
    NameRules,
    find_names,
    load_name_rules,
    name_key,
)
from timeline.rules import RuleSet, load_rules, lowercase
from timeline.sentences import sentences_at

IN_SENTENCE, EARLIER, PUBLICATION, UNANCHORED = (
    "in sentence",
    "earlier in article",
    "publication",
    "unanchored",
)
ANCHORS = (IN_SENTENCE, EARLIER, PUBLICATION, UNANCHORED)
# One row per mention, as the store keeps them (article metadata is joined from the articles).
MENTION_COLUMNS: tuple[str, ...] = (
    "article",
    "start",
    "end",
    "text",
    "name",
    "key",
    "written",
    "kind",
    "via",
    "sentence_start",
    "sentence_end",
    "anchor",
    "value",
    "date_start",
    "date_end",
    "granularity",
)
# How far from a name its tense cues are read, in characters each side (the nearest decides).
TENSE_REACH = 80
# The dates a past-tense sentence without a date word continues: a day the article told of.
EARLIER_GRANULARITIES = frozenset({"day"})


def article_mention_rows(
    article: Article, event_rows: Sequence[Mapping[str, Any]]
) -> list[dict[str, Any]]:
    """The mentions of names in one article, each with its sentence and its anchor.

    `event_rows` are the article's dated events (`events.article_event_rows`): their
    expressions are never names, and they anchor the sentences that hold them.

    >>> from timeline.events import article_event_rows
    >>> text = ("Airbus said on Monday it would cut jobs. Airbus chief executive Tom Enders "
    ...         "wants more orders. The company will add a plant.")
    >>> article = Article("a1", "Cuts", "wire", text, date(2017, 2, 22), "header")
    >>> rows = article_mention_rows(article, article_event_rows(article))
    >>> [(r["text"], r["name"], r["anchor"], r["value"]) for r in rows]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('Airbus', 'Airbus', 'in sentence', None),
     ('Airbus', 'Airbus', 'publication', '2017-02-22'),
     ('Tom Enders', 'Tom Enders', 'publication', '2017-02-22'),
     ('The company', 'Airbus', 'unanchored', None)]
    """
    text = article.text
    dated = sorted(
        (
            row
            for row in event_rows
            if row.get("granularity") != VAGUE
            and not attributive(text, int(row["start"]), int(row["end"]))
        ),
        key=lambda row: int(row["start"]),
    )
    rules = load_name_rules()
    mentions = find_names(text, [(int(r["start"]), int(r["end"])) for r in event_rows], rules)
    stand_ins = _stand_in_candidates(text, rules)
    located = sentences_of(text, [m.start for m in mentions] + [m.start("word") for m in stand_ins])
    spans = [
        s if s is not None else (m.start, m.end)
        for m, s in zip(mentions, located[: len(mentions)], strict=True)
    ]
    mentions, spans = _with_stand_ins(
        text, mentions, spans, stand_ins, located[len(mentions) :], rules
    )
    tagger = load_rules("en")
    dated_starts = [int(row["start"]) for row in dated]
    rows = []
    # only a name's first mention in a sentence gives its row (`entity_events`): the others
    # take its anchor rather than reading the tense again
    anchored: dict[tuple[str, str, int], tuple[str, _When]] = {}
    for mention, (sentence_start, sentence_end) in zip(mentions, spans, strict=True):
        written = "" if mention.via == STAND_IN else name_key(mention.text, rules)
        seen = (mention.key, written, sentence_start)
        if seen not in anchored:
            anchored[seen] = _anchor(
                text,
                mention,
                sentence_start,
                sentence_end,
                dated,
                dated_starts,
                article.published,
                tagger,
                rules,
            )
        anchor, when = anchored[seen]
        rows.append(
            {
                "article": article.id,
                "start": mention.start,
                "end": mention.end,
                "text": mention.text,
                "name": mention.name,
                "key": mention.key,
                "written": written,
                "kind": mention.kind,
                "via": mention.via,
                "sentence_start": sentence_start,
                "sentence_end": sentence_end,
                "anchor": anchor,
                "value": when[0],
                "date_start": when[1],
                "date_end": when[2],
                "granularity": when[3],
            }
        )
    return rows


_When = tuple[str | None, date | None, date | None, str | None]
_NO_DATE: _When = (None, None, None, None)


def _anchor(
    text: str,
    mention: NameMention,
    sentence_start: int,
    sentence_end: int,
    dated: Sequence[Mapping[str, Any]],
    dated_starts: Sequence[int],
    published: date | None,
    tagger: RuleSet,
    rules: NameRules,
) -> tuple[str, _When]:
    """How the sentence of a mention is anchored, and the date it is anchored to."""
    first = bisect_left(dated_starts, sentence_start)
    low, high = date_window(text, sentence_start, sentence_end, mention.start, mention.end, rules)
    inside = bisect_left(dated_starts, low)
    if inside < len(dated_starts) and dated_starts[inside] < high:
        return IN_SENTENCE, _NO_DATE
    tense = mention_tense(
        text, mention.start, mention.end, sentence_start, sentence_end, tagger, rules
    )
    if tense == "future":
        return UNANCHORED, _NO_DATE
    if tense == "past":
        for row in reversed(dated[:first]):
            day = _day(row.get("date_start"))
            if (
                row.get("granularity") in EARLIER_GRANULARITIES
                and day is not None
                and (published is None or day <= published)
            ):
                return EARLIER, (
                    str(row["value"]),
                    day,
                    _day(row.get("date_end")),
                    str(row["granularity"]),
                )
    if published is None:
        return PUBLICATION, (None, None, None, "unknown")
    return PUBLICATION, (published.isoformat(), published, published, "day")


_ATTRIBUTIVE_BEFORE = re.compile(r"(?:^|\s)(?:the|its|their|his|her|our|a|an)\s+$", re.I)
_ATTRIBUTIVE_AFTER = re.compile(r"^(?:['\u2019]s\b|\s+[\w\u2019'-]+(?<![.,;:!?]))")
_NOT_A_NOUN = re.compile(
    r"^\s+(?:and|or|to|in|on|at|by|for|from|of|with|as|is|was|were|are|will)\b"
)


def attributive(text: str, start: int, end: int) -> bool:
    """A date that names a thing rather than dates an event: "this year's conference",
    "the 1991 agreement", "its 2010 Worldwide Developers Conference".

    >>> text = "It broke the 1991 agreement in 2006 and this year's deal."
    >>> [attributive(text, *span) for span in ((13, 17), (31, 35), (40, 49))]
    [True, False, True]
    """
    after = text[end : end + 30]
    if re.match(r"['\u2019]s\b", after):
        return True
    return bool(
        _ATTRIBUTIVE_BEFORE.search(text[max(0, start - 8) : start])
        and _ATTRIBUTIVE_AFTER.match(after)
        and not _NOT_A_NOUN.match(after)
    )


def date_window(
    text: str,
    sentence_start: int,
    sentence_end: int,
    start: int,
    end: int,
    rules: NameRules | None = None,
) -> tuple[int, int]:
    """The part of a sentence whose date words date the mention at [start, end): the clause
    around it, from the last clause break before it to the first one after it. A break is a
    semicolon or a word opening another clause ("that" of a report, "but", "when"), so in
    "Jobs said that his company sold Macs last year" the year dates the sales, not the name.

    >>> text = "Jobs said that his company sold Macs last year."
    >>> date_window(text, 0, len(text), 0, 4)
    (0, 10)
    """
    rules = rules or load_name_rules()
    lowered = lowercase(text[sentence_start:sentence_end])
    at, to = start - sentence_start, end - sentence_start
    low = max((m.end() for m in rules.clause_breaks.finditer(lowered, 0, at)), default=0)
    following = rules.clause_breaks.search(lowered, to)
    high = following.start() if following else len(lowered)
    return sentence_start + low, sentence_start + high


def _day(value: object) -> date | None:
    if value is None or (not isinstance(value, date) and pd.isna(value)):  # type: ignore[call-overload]
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def mention_tense(
    text: str,
    start: int,
    end: int,
    sentence_start: int,
    sentence_end: int,
    tagger: RuleSet | None = None,
    rules: NameRules | None = None,
) -> str | None:
    """The tense of the clause of a mention: "past", "present", "future" (future or
    hypothetical) or None. The nearest cue decides, as the tagger reads tense; a report
    ("says", "said") is told in its own tense even when what it reports is to come.

    >>> text = "Airbus says it will cut jobs. Airbus would then close plants."
    >>> mention_tense(text, 0, 6, 0, 29), mention_tense(text, 30, 36, 30, len(text))
    ('present', 'future')
    """
    tagger = tagger or load_rules("en")
    rules = rules or load_name_rules()
    left = text[max(sentence_start, start - TENSE_REACH) : start]
    cut = [m.end() for m in tagger.clause_boundary.finditer(left)]
    left = lowercase(left[cut[-1] :] if cut else left)
    right = lowercase(text[end : min(sentence_end, end + TENSE_REACH)])
    best: tuple[int, int, str] | None = None
    for side, part in enumerate((left, right)):
        for pattern in (rules.tense_cues, tagger.tense_cues):
            for match in pattern.finditer(part):
                group = match.lastgroup or ""
                if pattern is tagger.tense_cues and group != "past":
                    continue  # the tagger's own future cues date an infinitive ("agreed to")
                if group not in _CUE_TENSE or (group == "past" and _not_past(match, part, tagger)):
                    continue
                tense = _CUE_TENSE[group]
                if group == "reporting":  # "said" tells the past, "says" the present
                    past = tagger.tense_cues.fullmatch(match.group())
                    tense = "past" if past and past.lastgroup == "past" else "present"
                distance = match.start() + 2 if side else len(part) - match.end()
                found = (distance, _CUE_PRIORITY[group], tense)
                if best is None or found < best:
                    best = found
                if side:
                    break  # after the mention, the first cue is the nearest
    return best[2] if best else None


# The tense each cue group tells, and which wins a tie: the groups of rules/names-en.yaml's
# `anchoring`, and the past-tense cues of the tagger's rules/en.yaml (its irregular verbs).
_CUE_TENSE = {
    "present": "present",
    "reporting": "present",
    "hypothetical": "future",
    "future": "future",
    "past": "past",
}
_CUE_PRIORITY = {group: rank for rank, group in enumerate(_CUE_TENSE)}
_PASSIVE = re.compile(r"\b(?:be|being|is|are|am|get|gets)\s+$")


def _not_past(match: re.Match[str], part: str, tagger: RuleSet) -> bool:
    return match.group() in tagger.past_exceptions or bool(
        _PASSIVE.search(part[max(0, match.start() - 12) : match.start()])
    )


def _stand_in_candidates(text: str, rules: NameRules) -> list[re.Match[str]]:
    """Words that may stand for a name: "He", "The company", "But it" opening a sentence."""
    return [m for m in _stand_in_finder(rules).finditer(text) if not _empty_it(text, m, rules)]


def _with_stand_ins(
    text: str,
    mentions: list[NameMention],
    spans: list[tuple[int, int]],
    found: list[re.Match[str]],
    found_spans: Sequence[tuple[int, int] | None],
    rules: NameRules,
) -> tuple[list[NameMention], list[tuple[int, int]]]:
    """Add the words that stand for a name at the start of a sentence ("He", "The company")
    when exactly one name of their kinds is in play in the sentence right before."""
    merged = sorted(zip(mentions, spans, strict=True), key=lambda pair: pair[0].start)
    for match, span in zip(found, found_spans, strict=True):
        if span is None or not match.start() <= span[0] <= match.start("word"):
            continue  # not at the start of its sentence
        kinds = rules.stand_ins[match.group("word").lower()]
        fits = [
            (m, sentence)
            for m, sentence in merged
            if sentence[1] <= span[0] and (m.kind in kinds or (m.kind == "" and m.via != STAND_IN))
        ]
        if not fits or not _close_before(text, fits[-1][1][1], span[0]):
            continue
        in_play = {m.key: m for m, sentence in fits if sentence == fits[-1][1]}
        if len(in_play) != 1:
            continue
        (named,) = in_play.values()
        stand_in = NameMention(
            match.start("word"),
            match.end("word"),
            match.group("word"),
            named.name,
            named.key,
            named.kind,
            STAND_IN,
        )
        merged.append((stand_in, span))
        merged.sort(key=lambda pair: pair[0].start)
    return [m for m, _ in merged], [s for _, s in merged]


# A line break ends a sentence before a line opening like one (a capital, a digit, a quote, an
# "iPhone"), after a line that ends one (a full stop, maybe quoted) or ends in no punctuation
# at all (a headline, a dateline); not after a comma or a dash, nor before a lowercase word
# (a line wrapped inside a sentence).
_SENTENCE_GAP = re.compile(r"[.!?][\"'\u201d\u2019)]*\s+\S")


def _close_before(text: str, end: int, start: int) -> bool:
    """Whether the sentence ending at `end` is right before the one at `start`, or one
    sentence before it in the same paragraph (the name stays in play through a sentence that
    names nobody else of its kind)."""
    between = text[end:start]
    return "\n\n" not in between and len(_SENTENCE_GAP.findall(between)) <= 1


_LINE_BREAKS_SENTENCE = re.compile(r"[ \t]*(?:[A-Z0-9\"'(\u201c\u2018]|[a-z]+[A-Z])")
_LINE_ENDS_SENTENCE = re.compile(r"[.!?][\"'\u201d\u2019)\]]*[ \t]*$")
_LINE_GOES_ON = re.compile(r"[^\w\s][ \t]*$")


def sentences_of(text: str, offsets: Sequence[int]) -> list[tuple[int, int] | None]:
    """The sentence holding each offset (`sentences.sentences_at`), where a line that ends
    without a full stop ends its sentence too: a headline or a dateline is no part of the
    sentence below it.

    >>> text = "Airbus wins order\\nJune 13, 2005\\nAirbus has won an order."
    >>> [text[s:e] for s, e in sentences_of(text, [0, 20, 40])]
    ['Airbus wins order', 'June 13, 2005', 'Airbus has won an order.']
    """
    spans: list[tuple[int, int] | None] = []
    for offset, span in zip(offsets, sentences_at(text, offsets), strict=True):
        if span is None:
            spans.append(None)
            continue
        start, end = span
        line_start = start
        while True:
            newline = text.find("\n", line_start, end)
            if newline == -1:
                break
            if _LINE_BREAKS_SENTENCE.match(text, newline + 1) and (
                _LINE_ENDS_SENTENCE.search(text, line_start, newline)
                or not _LINE_GOES_ON.search(text, line_start, newline)
            ):
                if offset < newline:
                    end = newline
                    break
                start = newline + 1
            line_start = newline + 1
        while end > start and text[end - 1].isspace():
            end -= 1
        spans.append((start, end))
    return spans


def _empty_it(text: str, match: re.Match[str], rules: NameRules) -> bool:
    word = match.group("word").lower()
    return word == "it" and bool(rules.empty_it.match(text[match.start("word") :].lower()))


_FINDERS: dict[int, re.Pattern[str]] = {}


def _stand_in_finder(rules: NameRules) -> re.Pattern[str]:
    finder = _FINDERS.get(id(rules))
    if finder is None:
        words = "|".join(
            re.escape(w).replace(r"\ ", r"\s+")
            for w in sorted(rules.stand_ins, key=len, reverse=True)
        )
        openers = "|".join(re.escape(w) for w in sorted(rules.openers, key=len, reverse=True))
        finder = re.compile(
            r"(?:(?<=[.!?][\s\"'\u201d\u2019])|(?<=[.!?][\"'\u201d\u2019]\s)|(?<=\n)|\A)\s*"
            rf"(?:(?i:{openers}),?\s+)?(?P<word>(?i:{words}))(?=[\s,']|\u2019)"
        )
        _FINDERS[id(rules)] = finder
    return finder
