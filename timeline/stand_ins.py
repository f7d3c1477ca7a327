"""The words that stand for a followed name in an article: "he", "the company", "But it" opening
a sentence when one name of their kind is in play in the sentence before, and definite
descriptions anywhere ("the plane", "the new airliner", "the store" for the iTunes Music Store)
when one name of their kind is in play within `DEFINITE_REACH` sentences before them.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections.abc import Callable, Collection, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from timeline.name_rules import PERSON, NameRules, load_name_rules
from timeline.names import STAND_IN, NameMention
from timeline.sentences import sentence_ends

# How many sentences a definite description ("the plane") may be from the name it stands for,
# in one paragraph, with no other name of its kind in between.
DEFINITE_REACH = 2


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


def stand_in_candidates(
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


def near_followed(
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


def with_stand_ins(
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


def _close_before(text: str, end: int, start: int, between_sentences: int = 1) -> bool:
    """Whether the sentence ending at `end` is right before the one at `start`, or at most
    `between_sentences` sentences before it in the same paragraph (the name stays in play
    through sentences that name nobody else of its kind)."""
    between = text[end:start]
    return "\n\n" not in between and sentence_ends(between) <= between_sentences


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
        times = "|".join(map(re.escape, sorted(rules.time_phrase_openers, key=len, reverse=True)))
        heads = "|".join(
            re.escape(w[4:])
            for w in sorted(rules.stand_ins, key=len, reverse=True)
            if w.startswith("the ")
        )
        finders = (
            re.compile(
                r"(?:(?<=[.!?][\s\"'\u201d\u2019])|(?<=[.!?][\"'\u201d\u2019]\s)|(?<=\n)|\A)\s*"
                rf"(?:(?i:{openers}),?\s+|(?:{times})\b[^,.;:!?\"\n]{{0,40}}?,?\s+)?"
                rf"(?P<word>(?i:{words}))(?P<head>)(?=[\s,']|\u2019)"
            ),
            re.compile(
                r"(?<![\w'\u2019-])(?P<word>(?i:the)\s+(?:[a-z][a-z-]*\s+){0,2}?"
                rf"(?P<head>(?i:{heads})))(?![\w-])"
            ),
        )
        _FINDERS[id(rules)] = finders
    return finders
