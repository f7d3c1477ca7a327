"""One article's names: what ingest stores of them (each name's forms, counts and offsets), and,
when a name is followed, its mentions with their sentence and how that sentence is anchored in
time (`follow.py` reads both across articles).

Ingest keeps only what the index of names needs (`article_name_rows`: one row per name and form
written in an article, with its count and offsets); the rest is worked out for the articles of
the one name followed (`article_mention_rows`): every mention of it (`names.find_names`), plus
the words that stand for it ("he", "the company") when only one name of their kind is in play
just before; each with its sentence and its anchor:
- "in sentence": the clause around the name has a date word; its dated events are the name's;
- "earlier in article": told in the past tense without a date: the day the article last told of;
- "publication": told in the present or the recent past: the day the article was published;
- "unanchored": a future or hypothetical clause without a date.
The tense is read with the tagger's past-tense cue words (`rules/en.yaml`) and the reporting,
future, hypothetical and present-tense tables of `rules/names-en.yaml`.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pandas as pd

from timeline.articles import Article
from timeline.events import VAGUE
from timeline.name_rules import PERSON, PLACE, PRODUCT, NameRules, load_name_rules, name_key
from timeline.names import STAND_IN, NameMention, find_names
from timeline.rules import RuleSet, load_rules, lowercase
from timeline.sentences import sentences_at

IN_SENTENCE, EARLIER, PUBLICATION, UNANCHORED = (
    "in sentence",
    "earlier in article",
    "publication",
    "unanchored",
)
ANCHORS = (IN_SENTENCE, EARLIER, PUBLICATION, UNANCHORED)
# What ingest stores of an article's names: one row per name and form written (`written` is the
# key of the text as written: "jobs" for "Jobs" standing for Steve Jobs), how many times it is
# written, and where (`starts`: the offsets, space-separated; each mention ends len(text) later).
NAME_COLUMNS: tuple[str, ...] = (
    "article",
    "key",
    "written",
    "text",
    "name",
    "kind",
    "via",
    "count",
    "starts",
)
# One row per mention of a followed name, with its sentence and anchor.
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
# How many sentences a definite description ("the plane") may be from the name it stands for,
# in one paragraph, with no other name of its kind in between.
DEFINITE_REACH = 2
# How far from a name its tense cues are read, in characters each side (the nearest decides).
TENSE_REACH = 80
# The dates a past-tense sentence without a date word continues: a day the article told of.
EARLIER_GRANULARITIES = frozenset({"day"})
# Only a day this close before publication is continued: the news the article tells; the days
# of its background ("born on February 24, 1955") are told with their own dates.
RECENT = timedelta(days=31)


def article_names(article: Article, event_rows: Sequence[Mapping[str, Any]]) -> list[NameMention]:
    """The names of one article (`names.find_names`); its date expressions are never names."""
    return find_names(article.text, [(int(r["start"]), int(r["end"])) for r in event_rows])


def article_name_rows(
    article: Article, event_rows: Sequence[Mapping[str, Any]]
) -> list[dict[str, Any]]:
    """What ingest stores of one article's names (`NAME_COLUMNS`): one row per name and form.

    >>> article = Article("a1", "", "wire", "Steve Jobs spoke. Jobs left.", None, "")
    >>> [(r["text"], r["key"], r["written"], r["count"], r["starts"])
    ...  for r in article_name_rows(article, [])]
    [('Steve Jobs', 'steve jobs', 'steve jobs', 1, '0'), ('Jobs', 'steve jobs', 'jobs', 1, '18')]
    """
    groups: dict[tuple[str, str, str, str, str, str], list[int]] = {}
    for mention in article_names(article, event_rows):
        form = (
            mention.key,
            name_key(mention.text),
            mention.text,
            mention.name,
            mention.kind,
            mention.via,
        )
        groups.setdefault(form, []).append(mention.start)
    return [
        {
            "article": article.id,
            "key": key,
            "written": written,
            "text": text,
            "name": name,
            "kind": kind,
            "via": via,
            "count": len(starts),
            "starts": " ".join(map(str, starts)),
        }
        for (key, written, text, name, kind, via), starts in groups.items()
    ]


def stored_names(rows: Iterable[Mapping[str, Any]]) -> list[NameMention]:
    """The mentions of names that stored rows (`NAME_COLUMNS`) hold, in text order."""
    mentions = [
        NameMention(
            int(start),
            int(start) + len(row["text"]),
            row["text"],
            row["name"],
            row["key"],
            row["kind"],
            row["via"],
        )
        for row in rows
        for start in str(row["starts"]).split()
    ]
    return sorted(mentions, key=lambda m: m.start)


def article_mention_rows(
    article: Article,
    event_rows: Sequence[Mapping[str, Any]],
    names: Sequence[NameMention] | None = None,
    wanted: Callable[[NameMention], bool] | None = None,
) -> list[dict[str, Any]]:
    """The mentions of names in one article, each with its sentence and its anchor.

    `event_rows` are the article's dated events (`events.article_event_rows`): their
    expressions are never names, and they anchor the sentences that hold them. `names` are the
    article's names when already found (`article_names`, or `stored_names` of stored rows);
    with `wanted`, only the mentions it accepts (and the words standing for them) are worked
    out: all a followed name needs.

    >>> from timeline.events import article_event_rows
    >>> text = ("Airbus said on Monday it would cut jobs. Airbus chief executive Tom Enders "
    ...         "wants more orders. The company will add a plant.")
    >>> article = Article("a1", "Cuts", "wire", text, date(2017, 2, 22), "header")
    >>> rows = article_mention_rows(article, article_event_rows(article))
    >>> [(r["text"], r["name"], r["anchor"], r["value"]) for r in rows]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('Airbus', 'Airbus', 'in sentence', None),
     ('Tom Enders', 'Tom Enders', 'publication', '2017-02-22'),
     ('The company', 'Airbus', 'unanchored', None)]

    ("Airbus chief executive" gives no row: there Airbus only modifies "chief executive", see
    `not_a_participant`.)
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
    if names is None:
        names = article_names(article, event_rows)
    mentions = list(names)
    if wanted is None:
        stand_ins = _stand_in_candidates(text, rules, mentions)
    else:
        chosen = {id(m) for m in mentions if wanted(m)}  # asked once per mention
        followed = [m for m in mentions if id(m) in chosen]
        kinds = {m.kind for m in followed}
        stand_ins = _stand_in_candidates(
            text,
            rules,
            followed,
            [m.start for m in followed],
            opening="" in kinds or not kinds.isdisjoint(rules.opening_kinds),
            definite=not kinds.isdisjoint(rules.definite_kinds),
        )
        mentions, stand_ins = _near_followed(mentions, stand_ins, _chosen(chosen))
    located = sentences_of(text, [m.start for m in mentions] + [s.at for s in stand_ins])
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
        if (wanted is not None and not wanted(mention)) or not_a_participant(text, mention, rules):
            continue
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


def not_a_participant(text: str, mention: NameMention, rules: NameRules | None = None) -> bool:
    """Whether a mention takes no part, as agent or patient, in its sentence's events: a name
    that only modifies the noun after it ("Airbus spokesman", "Boeing officials", "Airbus
    jets"), or one a preposition governs ("criticism of Airbus", "orders for the plane"), unless
    it is a place ("talks in Mexico").

    >>> text = "Airbus spokesman Jim Lee said the A380 superjumbo and Airbus jets fly to Qantas."
    >>> [not_a_participant(text, m) for m in find_names(text)]
    [True, False, False, True, True]
    """
    rules = rules or load_name_rules()
    if mention.kind != PLACE and rules.governed.search(
        text, max(0, mention.start - 20), mention.start
    ):
        return True  # (a place takes part in what happens in it, at it, from it ...)
    if mention.via == STAND_IN:
        return False
    return bool(
        rules.modified_noun.match(text, mention.end)
        or (mention.kind != PRODUCT and rules.product_noun.match(text, mention.end))
    )


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
    sentence = text[sentence_start:sentence_end]
    side = quoted(sentence, mention.start - sentence_start)
    for at in dated_starts[bisect_left(dated_starts, low) : bisect_left(dated_starts, high)]:
        if quoted(sentence, at - sentence_start) == side:  # (a quote's dates are the speaker's)
            return IN_SENTENCE, _NO_DATE
    tense = mention_tense(
        text, mention.start, mention.end, sentence_start, sentence_end, tagger, rules
    )
    if tense in ("future", "state"):
        return UNANCHORED, _NO_DATE
    if tense == "past":
        for row in reversed(dated[:first]):
            day = _day(row.get("date_start"))
            if (
                row.get("granularity") in EARLIER_GRANULARITIES
                and day is not None
                and (published is None or published - RECENT <= day <= published)
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


_QUOTES = re.compile('["\u201c\u201d]')


def quoted(sentence: str, at: int) -> bool:
    """Whether the offset `at` of a sentence lies inside a quotation (after an odd number of
    quotation marks).

    >>> text = 'Gallois said, "Today is a great day." on Sunday.'
    >>> quoted(text, text.index("Today")), quoted(text, text.index("Sunday"))
    (True, False)
    """
    return len(_QUOTES.findall(sentence, 0, at)) % 2 == 1


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
    "state": "state",
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


@dataclass(frozen=True)
class _StandIn:
    """Words that may stand for a name: where they start (an opener such as "But" included),
    the words themselves, and the noun of a definite description ("plane" of "the new plane";
    `own`: the last word of a name of the article, "store" of "the store")."""

    start: int
    at: int
    end: int
    words: str
    head: str = ""
    own: str = ""


def _stand_in_candidates(
    text: str,
    rules: NameRules,
    mentions: Sequence[NameMention] = (),
    after: Sequence[int] | None = None,
    opening: bool = True,
    definite: bool = True,
) -> list[_StandIn]:
    """Words that may stand for a name: "He", "The company", "But it" opening a sentence,
    and definite descriptions anywhere: "the plane", "the new airliner", and the last word of
    a name of the article ("the store" for the iTunes Music Store); in text order. With
    `after`, only those within `REACH` after one of these offsets; without `opening` or
    `definite`, none of those opening a sentence, or none of the definite descriptions of the
    tables (when none could stand for the names followed)."""
    opening_finder, definite_finder = _stand_in_finders(rules)
    windows = _windows(after, len(text)) if after is not None else [(0, len(text))]
    found = [
        _StandIn(m.start(), m.start("word"), m.end("word"), m.group("word"))
        for low, high in (windows if opening else ())
        for m in opening_finder.finditer(text, low, high)
        if not _empty_it(text, m, rules)
    ]
    found.extend(
        _StandIn(m.start(), m.start(), m.end(), m.group(), head=m.group("head"))
        for low, high in (windows if definite else ())
        for m in definite_finder.finditer(text, low, high)
    )
    heads = {_head_word(m) for m in mentions} - {""}
    if heads:
        for the in (t for low, high in windows for t in _THE.finditer(text, low, high)):
            nouns = _NOUNS.match(text, the.end())
            if nouns is None:
                continue
            for group in (1, 2, 3):  # the nearest of up to three words: "the online store"
                if nouns.group(group) in heads:
                    end = nouns.end(group)
                    found.append(
                        _StandIn(
                            the.start(),
                            the.start(),
                            end,
                            text[the.start() : end],
                            own=nouns.group(group),
                        )
                    )
                    break
    return sorted(found, key=lambda s: s.at)


_THE = re.compile(r"(?<![\w'\u2019-])[Tt]he\s+")
_NOUNS = re.compile(
    r"([a-z][a-z-]*)(?![\w-])(?:\s+([a-z][a-z-]*)(?![\w-]))?(?:\s+([a-z][a-z-]*)(?![\w-]))?"
)
# How far after a followed name (or a word that may stand for it) a word standing for it may
# be, in characters: generous for three long sentences (see `DEFINITE_REACH`).
REACH = 1500


def _chosen(ids: set[int]) -> Callable[[NameMention], bool]:
    return lambda mention: id(mention) in ids


def _windows(offsets: Sequence[int], size: int) -> list[tuple[int, int]]:
    """The stretches of text within `REACH` after the offsets, merged."""
    windows: list[tuple[int, int]] = []
    for offset in sorted(offsets):
        high = min(size, offset + REACH)
        if windows and offset <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(windows[-1][1], high))
        else:
            windows.append((offset, high))
    return windows


def _may_stand_for(
    stand_in: _StandIn, kinds: AbstractSet[str], heads: AbstractSet[str], rules: NameRules
) -> bool:
    """Whether a stand-in may stand for a name of one of these kinds, or ending in one of
    these words ("He" for a person, "the plane" for a product, "the store" for a store)."""
    if stand_in.own:
        return stand_in.own in heads
    if stand_in.head:
        return not kinds.isdisjoint(rules.stand_ins["the " + stand_in.head.lower()])
    fitting = rules.stand_ins[re.sub(r"\s+", " ", stand_in.words.lower())]
    return "" in kinds or not kinds.isdisjoint(fitting)


def _near_followed(
    mentions: list[NameMention],
    stand_ins: list[_StandIn],
    wanted: Callable[[NameMention], bool],
) -> tuple[list[NameMention], list[_StandIn]]:
    """What following some names of an article needs: their mentions, the words that may stand
    for them (within `REACH` after one of their mentions, or after such a word), and the other
    names that may be in play before those words."""
    followed = [m.start for m in mentions if wanted(m)]
    if not followed:
        return [], []
    kinds = {m.kind for m in mentions if wanted(m)}
    heads = {_head_word(m) for m in mentions if wanted(m)} - {""}
    rules = load_name_rules()
    kept: list[_StandIn] = []
    last = -REACH - 1
    position = 0
    for stand_in in stand_ins:
        if not _may_stand_for(stand_in, kinds, heads, rules):
            continue
        while position < len(followed) and followed[position] < stand_in.at:
            last = max(last, followed[position])
            position += 1
        if stand_in.at - last <= REACH:
            kept.append(stand_in)
            last = stand_in.at
    starts = [s.at for s in kept]
    near = [
        m
        for m in mentions
        if wanted(m)
        or (
            (index := bisect_right(starts, m.start)) < len(starts)
            and starts[index] - m.start <= REACH
        )
    ]
    return near, kept


def _head_word(mention: NameMention) -> str:
    return _head_of(mention.name, mention.kind)


@functools.lru_cache(maxsize=1 << 14)
def _head_of(name: str, kind: str) -> str:
    """The last word of the name of a mention, as a lowercase noun in the singular ("store"
    for "iTunes Music Store", "airline" for "Singapore Airlines"), for names of two words or
    more that are no person; "" for others."""
    words = name.split()
    rules = load_name_rules()
    if len(words) < 2 or kind == PERSON or words[0] in rules.given_names or not words[-1].isalpha():
        return ""
    last = words[-1].lower()
    return last[:-1] if last.endswith("s") and not last.endswith("ss") else last


def _with_stand_ins(
    text: str,
    mentions: list[NameMention],
    spans: list[tuple[int, int]],
    found: list[_StandIn],
    found_spans: Sequence[tuple[int, int] | None],
    rules: NameRules,
) -> tuple[list[NameMention], list[tuple[int, int]]]:
    """Add the words that stand for a name: at the start of a sentence ("He", "The company")
    when exactly one name of their kinds is in play in the sentence right before; anywhere in a
    sentence, a definite description ("the plane", "the new airliner", "the company") when
    exactly one name of its kinds is in play before it, in its sentence or a sentence close
    before it."""
    merged = sorted(zip(mentions, spans, strict=True), key=lambda pair: pair[0].start)
    taken: set[int] = set()
    for stand_in, span in zip(found, found_spans, strict=True):
        if span is None or stand_in.at in taken:
            continue
        at_start = stand_in.start <= span[0] <= stand_in.at and not stand_in.head
        kinds: Collection[str]
        if stand_in.own:
            kinds = {m.kind for m in mentions if _head_word(m) == stand_in.own}
        elif stand_in.head:
            kinds = rules.stand_ins["the " + stand_in.head.lower()]
        elif at_start:
            kinds = rules.stand_ins[re.sub(r"\s+", " ", stand_in.words.lower())]
        else:
            continue  # a pronoun inside a sentence: too often someone else
        fits = [
            (m, sentence)
            for m, sentence in merged
            if (sentence[1] <= span[0] or (not at_start and m.end <= stand_in.at))
            and (m.kind in kinds or (m.kind == "" and m.via != STAND_IN and at_start))
            and (not stand_in.own or _head_word(m) == stand_in.own)
        ]
        if not fits:
            continue
        last = fits[-1][1]
        if last != span and not _close_before(
            text, last[1], span[0], 1 if at_start else DEFINITE_REACH
        ):
            continue
        in_play = {m.key: m for m, sentence in fits if sentence == last}
        if len(in_play) != 1:
            continue
        (named,) = in_play.values()
        taken.add(stand_in.at)
        mention = NameMention(
            stand_in.at, stand_in.end, stand_in.words, named.name, named.key, named.kind, STAND_IN
        )
        merged.append((mention, span))
        merged.sort(key=lambda pair: pair[0].start)
    return [m for m, _ in merged], [s for _, s in merged]


# A line break ends a sentence before a line opening like one (a capital, a digit, a quote, an
# "iPhone"), after a line that ends one (a full stop, maybe quoted) or ends in no punctuation
# at all (a headline, a dateline); not after a comma or a dash, nor before a lowercase word
# (a line wrapped inside a sentence).
_SENTENCE_GAP = re.compile(r"[.!?][\"'\u201d\u2019)]*\s+\S")


def _close_before(text: str, end: int, start: int, between_sentences: int = 1) -> bool:
    """Whether the sentence ending at `end` is right before the one at `start`, or at most
    `between_sentences` sentences before it in the same paragraph (the name stays in play
    through sentences that name nobody else of its kind)."""
    between = text[end:start]
    return "\n\n" not in between and len(_SENTENCE_GAP.findall(between)) <= between_sentences


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
    if match.group("word").lower() != "it":
        return False
    at = match.start("word")
    return bool(rules.empty_it.match(text[at : at + 100].lower()))


_FINDERS: dict[int, tuple[re.Pattern[str], re.Pattern[str]]] = {}


def _stand_in_finders(rules: NameRules) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The patterns of stand-ins opening a sentence, and of definite descriptions anywhere
    (group `head`: the noun of "the ... plane"; up to two lowercase words before it)."""
    finders = _FINDERS.get(id(rules))
    if finders is None:
        words = "|".join(
            re.escape(w).replace(r"\ ", r"\s+")
            for w in sorted(rules.stand_ins, key=len, reverse=True)
        )
        openers = "|".join(re.escape(w) for w in sorted(rules.openers, key=len, reverse=True))
        heads = "|".join(
            re.escape(w[4:])
            for w in sorted(rules.stand_ins, key=len, reverse=True)
            if w.startswith("the ")
        )
        finders = (
            re.compile(
                r"(?:(?<=[.!?][\s\"'\u201d\u2019])|(?<=[.!?][\"'\u201d\u2019]\s)|(?<=\n)|\A)\s*"
                rf"(?:(?i:{openers}),?\s+)?(?P<word>(?i:{words}))(?P<head>)(?=[\s,']|\u2019)"
            ),
            re.compile(
                r"(?<![\w'\u2019-])(?P<word>(?i:the)\s+(?:[a-z][a-z-]*\s+){0,2}?"
                rf"(?P<head>(?i:{heads})))(?![\w-])"
            ),
        )
        _FINDERS[id(rules)] = finders
    return finders
