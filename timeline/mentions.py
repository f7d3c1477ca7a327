"""One article's names: what ingest stores of them (each name's forms, counts and offsets), and,
when a name is followed, its mentions with their sentence and how that sentence is anchored in
time (`follow.py` reads both across articles).

Ingest keeps only what the index of names needs (`article_name_rows`: one row per name and form
written in an article, with its count and offsets); the rest is worked out for the articles of
the one name followed (`article_mention_rows`): every mention of it (`names.find_names`), plus
the words that stand for it ("he", "the company") when only one name of their kind is in play
just before; each with its sentence and its anchor:
- "in sentence": the clause around the name has a date word; its dated events are the name's;
- "earlier in article": told in the past tense without a date: the day told in its sentence or
  the two before, else the article's news day (the first day it tells past its dateline);
- "publication": told in the present of a report, or in the present perfect in the article's
  lead (the news of the day): the day the article was published;
- "unanchored": a future or hypothetical clause, a state, a past perfect ("had already
  recommended": before a past the text tells) or a present perfect past the lead ("has also
  inked deals": an indefinite past) without a date.
The tense is read with the tagger's past-tense cue words (`rules/en.yaml`) and the reporting,
future, hypothetical and present-tense tables of `rules/names-en.yaml`.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, timedelta
from typing import Any

import pandas as pd

from timeline.articles import Article
from timeline.events import VAGUE
from timeline.name_rules import NameRules, load_name_rules, name_key
from timeline.names import STAND_IN, NameMention, find_names
from timeline.participants import apposed_start, not_a_participant
from timeline.rules import RuleSet, load_rules, lowercase
from timeline.sentences import sentence_ends, sentences_at
from timeline.stand_ins import near_followed, stand_in_candidates, with_stand_ins

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
# How far from a name its tense cues are read, in characters each side (the nearest decides).
TENSE_REACH = 80
# The dates a past-tense sentence without a date word continues: a day the article told of.
EARLIER_GRANULARITIES = frozenset({"day"})
# How many sentences back a day told is continued by a past-tense sentence without a date word;
# further on, the article's news day is.
CONTINUED_SENTENCES = 2
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
    ...         "says orders rose. The company will add a plant.")
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
        stand_ins = stand_in_candidates(text, rules, mentions)
    else:
        chosen = {id(m) for m in mentions if wanted(m)}  # asked once per mention
        followed = [m for m in mentions if id(m) in chosen]
        kinds = {m.kind for m in followed}
        stand_ins = stand_in_candidates(
            text,
            rules,
            followed,
            [m.start for m in followed],
            opening="" in kinds or not kinds.isdisjoint(rules.opening_kinds),
            definite=not kinds.isdisjoint(rules.definite_kinds),
        )
        mentions, stand_ins = near_followed(mentions, stand_ins, _chosen(chosen))
    located = sentences_of(text, [m.start for m in mentions] + [s.at for s in stand_ins])
    spans = [
        s if s is not None else (m.start, m.end)
        for m, s in zip(mentions, located[: len(mentions)], strict=True)
    ]
    mentions, spans = with_stand_ins(
        text, mentions, spans, stand_ins, located[len(mentions) :], rules
    )
    tagger = load_rules("en")
    dated_starts = [int(row["start"]) for row in dated]
    lead = lead_sentence(text) if mentions else None
    lead_start = lead[0] if lead else len(text)
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
                lead_start,
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
    lead_start: int,
    tagger: RuleSet,
    rules: NameRules,
) -> tuple[str, _When]:
    """How the sentence of a mention is anchored, and the date it is anchored to (`lead_start`:
    where the article's first full sentence starts)."""
    first = bisect_left(dated_starts, sentence_start)
    low, high = date_window(text, sentence_start, sentence_end, mention.start, mention.end, rules)
    sentence = text[sentence_start:sentence_end]
    side = quoted(sentence, mention.start - sentence_start)
    for at in dated_starts[bisect_left(dated_starts, low) : bisect_left(dated_starts, high)]:
        if quoted(sentence, at - sentence_start) == side:  # (a quote's dates are the speaker's)
            return IN_SENTENCE, _NO_DATE
    tense = mention_tense(
        text,
        max(sentence_start, apposed_start(text, mention.start)),
        mention.end,
        sentence_start,
        sentence_end,
        tagger,
        rules,
    )
    if tense == "state" and sentence_start < lead_start:
        tense = None  # a headline tells the news of the day in the present ("Airbus offers aid")
    if tense in ("future", "state", "before") or (
        tense == "perfect" and sentence_start > lead_start
    ):
        return UNANCHORED, _NO_DATE
    if tense == "past":
        row = _continued_day(text, dated[:first], sentence_start, published)
        if row is not None:
            return EARLIER, (
                str(row["value"]),
                _day(row.get("date_start")),
                _day(row.get("date_end")),
                str(row["granularity"]),
            )
    if published is None:
        return PUBLICATION, (None, None, None, "unknown")
    return PUBLICATION, (published.isoformat(), published, published, "day")


def _continued_day(
    text: str, before: Sequence[Mapping[str, Any]], sentence_start: int, published: date | None
) -> Mapping[str, Any] | None:
    """The dated event whose day a past-tense sentence without a date word continues, of those
    `before` it: the last day told in it or in the `CONTINUED_SENTENCES` before it ("On
    Saturday, Boeing announced orders. They were worth $5.6 billion."); else the article's news
    day, the first day it tells past its dateline: further on, an article goes on telling the
    news of that day. Only a day of the month before publication (`RECENT`); None when there is
    none.
    """
    days = [
        row
        for row in before
        if row.get("granularity") in EARLIER_GRANULARITIES
        and (day := _day(row.get("date_start"))) is not None
        and (published is None or published - RECENT <= day <= published)
        and not _alone_on_its_line(text, int(row["start"]), int(row["end"]))
    ]
    for row in reversed(days):
        # the sentences ending between the day and this sentence, but the one right before it
        between = sentence_ends(text, int(row["end"]), sentence_start)
        if between < CONTINUED_SENTENCES:
            return row
    return days[0] if days else None


def _alone_on_its_line(text: str, start: int, end: int) -> bool:
    """Whether a date is all its line holds (a dateline: the day of publication, not of news)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return (
        not text[line_start:start].strip()
        and not text[end : len(text) if line_end == -1 else line_end].strip()
    )


_ATTRIBUTIVE_BEFORE = re.compile(r"(?:^|\s)(?:the|its|their|his|her|our|a|an)\s+$", re.I)
_ATTRIBUTIVE_AFTER = re.compile(r"^(?:['\u2019]s\b|\s+[\w\u2019'-]+(?<![.,;:!?]))")
# "In a July 16 press conference, Jobs said": the day of the noun is the time of the clause.
_TIME_OF_CLAUSE = re.compile(r"(?:^|\s)(?:in|at)\s+(?:the|its|their|his|her|our|a|an)\s+$", re.I)
_NOT_A_NOUN = re.compile(
    r"^\s+(?:and|or|to|in|on|at|by|for|from|of|with|as|is|was|were|are|will)\b"
)


def attributive(text: str, start: int, end: int) -> bool:
    """A date that names a thing rather than dates an event: "this year's conference",
    "the 1991 agreement", "its 2010 Worldwide Developers Conference"; but not in a phrase of
    time or place, which dates its clause ("In a July 16 press conference, Jobs said").

    >>> text = "It broke the 1991 agreement in 2006 and this year's deal in a June 2 talk."
    >>> [attributive(text, *span) for span in ((13, 17), (31, 35), (40, 49), (62, 68))]
    [True, False, True, False]
    """
    after = text[end : end + 30]
    if re.match(r"['\u2019]s\b", after):
        return True
    return bool(
        _ATTRIBUTIVE_BEFORE.search(text[max(0, start - 8) : start])
        and _ATTRIBUTIVE_AFTER.match(after)
        and not _NOT_A_NOUN.match(after)
        and not _TIME_OF_CLAUSE.search(text[max(0, start - 20) : start])
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
    hypothetical), "state", "before" (the past perfect) or None. The nearest cue decides, as
    the tagger reads tense; a report ("says", "said") is told in its own tense even when what it
    reports is to come.

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
                if group == "state_after" and not side:
                    continue
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
    "perfect": "perfect",
    "state": "state",
    "state_after": "state",
    "reporting": "present",
    "hypothetical": "future",
    "future": "future",
    "past_perfect": "before",  # before a past the text tells: no day of its own
    "past": "past",
}
_CUE_PRIORITY = {group: rank for rank, group in enumerate(_CUE_TENSE)}
_PASSIVE = re.compile(r"\b(?:be|being|is|are|am|get|gets)\s+$")


def _not_past(match: re.Match[str], part: str, tagger: RuleSet) -> bool:
    return match.group() in tagger.past_exceptions or bool(
        _PASSIVE.search(part[max(0, match.start() - 12) : match.start()])
    )


# A line break ends a sentence before a line opening like one (a capital, a digit, a quote, an
# "iPhone"), after a line that ends one (a full stop, maybe quoted) or ends in no punctuation
# at all (a headline, a dateline); not after a comma or a dash, nor before a lowercase word
# (a line wrapped inside a sentence).
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


def _chosen(ids: set[int]) -> Callable[[NameMention], bool]:
    return lambda mention: id(mention) in ids


def lead_sentence(text: str) -> tuple[int, int] | None:
    """The article's lead: its first sentence that ends with a full stop (`sentences_of`), past
    the headline, dateline and caption lines above it; None when there is none.

    >>> text = "Boeing unveils 777\\nJune 13, 2005\\nBoeing has unveiled a jet. It flew."
    >>> start, end = lead_sentence(text)
    >>> text[start:end]
    'Boeing has unveiled a jet.'
    """
    at = 0
    for _ in range(LEAD_SEARCH):
        while at < len(text) and text[at].isspace():
            at += 1
        (span,) = sentences_of(text, [at]) if at < len(text) else [None]
        if span is None:
            return None
        if _FULL_STOP.search(text, span[0], span[1]):
            return span
        at = span[1]
    return None


# How many sentences (lines of a headline, a dateline, captions) are looked at for the lead.
LEAD_SEARCH = 6
_FULL_STOP = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\Z")
