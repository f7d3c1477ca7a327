"""Follow a name through the story: its mentions in each article, how each sentence that names
it is anchored in time, the corpus's index of names, and the events of one name.

Per article (at ingest): every mention of a name (`names.find_names`), plus the words that stand
for it at the start of the next sentence ("he", "the company") when only one name of their kind
is in play in the sentence before; each with its sentence and its anchor:
- "in sentence": the sentence has a date word; its dated events are the name's events;
- "earlier in article": told in the past tense without a date: the day the article last told of;
- "publication": told in the present or the recent past: the day the article was published;
- "unanchored": a future or hypothetical clause without a date.
The tense is read with the tagger's cue words (`rules/en.yaml`) and the reporting, hypothetical
and present-tense tables of `rules/names-en.yaml`.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from difflib import get_close_matches
from typing import Any

import pandas as pd

from timeline.articles import Article
from timeline.events import EVENT_COLUMNS, VAGUE, article_event_rows, events_frame
from timeline.labels import label_event
from timeline.names import (
    FIRST_WORD,
    PART,
    STAND_IN,
    SURNAME,
    NameMention,
    NameRules,
    best_kind,
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
# What `events --entity` prints: the events columns, then how each row's date was found.
ENTITY_EVENT_COLUMNS: tuple[str, ...] = (*EVENT_COLUMNS, "anchor")
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
ARTICLE_FIELDS = ("title", "source", "published", "published_from")
# How far from a name its tense cues are read, in characters each side (the nearest decides).
TENSE_REACH = 80
# The dates a past-tense sentence without a date word continues: a day the article told of.
EARLIER_GRANULARITIES = frozenset({"day"})


# --- one article ------------------------------------------------------------------------------


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


# --- a corpus: frames, the index, one name's events ------------------------------------------


def mentions_frame(
    rows: Iterable[Mapping[str, Any]], articles: Sequence[Article] = ()
) -> pd.DataFrame:
    """Mention rows as a typed frame, with each article's title, source and publication, and
    each mention's sentence (as `Store.mentions` gives them)."""
    frame = pd.DataFrame(list(rows), columns=list(MENTION_COLUMNS))
    meta = {a.id: a for a in articles}
    for field in ARTICLE_FIELDS:
        frame[field] = [getattr(meta[i], field) if i in meta else None for i in frame["article"]]
    frame["sentence"] = [
        meta[i].text[s:e] if i in meta else ""
        for i, s, e in zip(
            frame["article"], frame["sentence_start"], frame["sentence_end"], strict=True
        )
    ]
    return typed_mentions(frame)


def typed_mentions(frame: pd.DataFrame) -> pd.DataFrame:
    """Give a mentions frame the column types of the events frame."""
    for column in ("date_start", "date_end", "published"):
        if column in frame:
            frame[column] = pd.to_datetime(frame[column], errors="coerce").astype("datetime64[s]")
    for column in ("start", "end", "sentence_start", "sentence_end"):
        frame[column] = frame[column].astype("int64")
    return frame


@dataclass(frozen=True)
class FoundName:
    """What a name typed by a user was taken for."""

    name: str  # the index's name
    keys: tuple[str, ...]  # the keys whose mentions are its mentions
    how: str  # "exact" | "alias" | "part" | "close"
    own_names: frozenset[str] = frozenset()  # shorter forms that are names of their own


def name_index(mentions: pd.DataFrame) -> pd.DataFrame:
    """The names of a corpus, most mentioned first: `name`, `kind` (when known), `aliases`
    (the other ways the articles write it), `articles`, `mentions`, and `keys`.

    `mentions` has one row per mention (`article`, `text`, `key`, `name`, `kind`, `via`), or
    one per group of them with their number in a `count` column (as `Store.name_counts`
    gives). A shorter name used elsewhere as the alias of exactly one longer name ("GM" for
    "General Motors", "Jobs" for "Steve Jobs") is counted with it.

    >>> rows = [
    ...     {"article": "a", "text": "General Motors", "key": "general motors",
    ...      "name": "General Motors", "kind": "organisation", "via": "name"},
    ...     {"article": "a", "text": "GM", "key": "general motors",
    ...      "name": "General Motors", "kind": "organisation", "via": "acronym"},
    ...     {"article": "b", "text": "GM", "key": "gm", "name": "GM", "kind": "", "via": "name"},
    ... ]
    >>> index = name_index(pd.DataFrame(rows))
    >>> index[["name", "kind", "aliases", "articles", "mentions"]].values.tolist()
    [['General Motors', 'organisation', ['GM'], 2, 3]]
    """
    columns = ["name", "kind", "aliases", "articles", "mentions", "keys"]
    if mentions.empty:
        return pd.DataFrame(columns=columns)
    frame = mentions[["article", "text", "key", "name", "kind", "via"]].copy()
    frame["count"] = mentions["count"] if "count" in mentions else 1
    frame["written"] = mentions["written"] if "written" in mentions else frame["text"].map(name_key)
    root = _key_roots(frame)
    own_names = _own_names(frame, root)
    frame["key"] = effective_keys(frame, own_names)
    frame["root"] = frame["key"].map(lambda key: root.get(key, key))
    named = frame[frame["via"] != STAND_IN]
    records = []
    for group_root, group in frame.groupby("root", sort=False):
        own = named[named["root"] == group_root] if len(named) else named
        if own.empty:
            continue
        full = own[own["key"] == group_root]
        display = (full if len(full) else own).groupby("name")["count"].sum().idxmax()
        kinds = group[group["kind"] != ""].groupby("kind")["count"].sum().to_dict()
        written = own.groupby("text")["count"].sum().sort_values(ascending=False)
        seen = {str(display).casefold()}
        aliases = []
        for alias in written.index:
            folded = str(alias).casefold()
            if folded not in seen:
                seen.add(folded)
                aliases.append(str(alias))
        records.append(
            {
                "name": str(display),
                "kind": best_kind(kinds),
                "aliases": aliases,
                "articles": int(group["article"].nunique()),
                "mentions": int(group["count"].sum()),
                "keys": sorted(set(group["key"])),
            }
        )
    index = pd.DataFrame(records, columns=columns)
    index = index.sort_values(
        ["mentions", "articles", "name"], ascending=[False, False, True]
    ).reset_index(drop=True)
    index.attrs["own_names"] = own_names
    return index


# Shorter forms tied to a longer name within an article that may be a name of their own in the
# corpus: "Boeing" after "Boeing Commercial Airplanes" is still Boeing when Boeing stands alone
# in more articles.
_REASSIGNABLE = frozenset({FIRST_WORD, SURNAME, PART})


def _own_names(frame: pd.DataFrame, root: Mapping[str, str]) -> frozenset[str]:
    """Written keys of shorter forms that are names of their own: standing alone in some
    article and not counted with the longer name (see `_key_roots`)."""
    alone = set(frame.loc[frame["via"] == "name", "key"])
    shorter = frame.loc[frame["via"].isin(_REASSIGNABLE), "written"]
    return frozenset(w for w in shorter if w in alone and w not in root)


def effective_keys(mentions: pd.DataFrame, own_names: frozenset[str]) -> pd.Series:
    """The key each mention counts under: its key, or, for a shorter form that is a name of
    its own (`_own_names`), the key of what it writes."""
    moved = mentions["via"].isin(_REASSIGNABLE) & mentions["written"].isin(own_names)
    return mentions["written"].where(moved, mentions["key"])


def _key_roots(frame: pd.DataFrame) -> dict[str, str]:
    """Keys to count with a longer one: a key written in some articles as the shorter form of
    exactly one longer key (an acronym, a surname, a first word, a short form), in at least
    as many articles as it stands alone ("GM" defined as "General Motors" in one article and
    alone in another is General Motors; "Boeing", alone in most articles, stays itself)."""
    shorter = frame[(frame["via"] != "name") & (frame["via"] != STAND_IN)]
    claims: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for alias, key, article in zip(
        shorter["written"], shorter["key"], shorter["article"], strict=True
    ):
        if alias != key:
            claims[alias][key].add(article)
    alone = frame[frame["via"] == "name"].groupby("key")["article"].nunique().to_dict()
    root: dict[str, str] = {}
    for alias, by_key in claims.items():
        if alias in alone and len(by_key) == 1:
            ((longer, articles),) = by_key.items()
            if len(articles) >= alone[alias]:
                root[alias] = longer
    for key, family_root in _product_families(alone).items():
        root.setdefault(key, family_root)
    for key in list(root):  # follow chains to their end
        seen = {key}
        target = root[key]
        while target in root and root[target] not in seen:
            seen.add(target)
            target = root[target]
        root[key] = target
    return root


def _product_families(counts: Mapping[str, int]) -> dict[str, str]:
    """Names of one product written more or less fully: keys that share a model number
    ("787", "a380") and whose words are all words of the fullest of them ("Boeing 787",
    "787 Dreamliner", "Boeing 787 Dreamliners" are "Boeing 787 Dreamliner")."""
    families: dict[str, list[str]] = defaultdict(list)
    for key in counts:
        for word in key.split():
            if len(word) >= 3 and any(c.isdigit() for c in word) and not _YEARS.fullmatch(word):
                families[word].append(key)
    root: dict[str, str] = {}
    for keys in families.values():
        if len(keys) < 2:
            continue
        words = {key: {_singular(w) for w in key.split()} for key in keys}
        fullest = [k for k in keys if not any(words[k] < words[o] for o in keys if o != k)]
        top = max(fullest, key=lambda k: (counts.get(k, 0), len(words[k]), k))
        for key in keys:
            if key != top and words[key] <= words[top]:
                root[key] = top
    return root


_YEARS = re.compile(r"(?:1[89]|20)\d\ds?")


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def find_name(index: pd.DataFrame, query: str) -> FoundName | None:
    """The indexed name a user means: its name or any alias (case-insensitive), else a part
    of what was typed that is a name ("Beatles Apple Corps" finds "Apple Corps"), else a
    close spelling ("Air Froce").

    >>> index = pd.DataFrame([{"name": "General Motors", "aliases": ["GM"], "mentions": 3,
    ...                        "keys": ["general motors"], "articles": 2, "kind": ""}])
    >>> [find_name(index, q).how for q in ("general motors", "gm", "General Motrs")]
    ['exact', 'alias', 'close']
    """
    if index.empty or not query.strip():
        return None
    wanted = query.strip().casefold()
    by_name: dict[str, int] = {}
    by_alias: dict[str, int] = {}
    for position, (name, aliases) in enumerate(zip(index["name"], index["aliases"], strict=True)):
        by_name.setdefault(str(name).casefold(), position)
        for alias in aliases:
            by_alias.setdefault(str(alias).casefold(), position)
        for key in index["keys"].iloc[position]:
            by_alias.setdefault(str(key), position)
    key = name_key(query)
    for table, how in ((by_name, "exact"), (by_alias, "alias")):
        for form in (wanted, key):
            if form in table:
                return _found(index, table[form], how)
    close = get_close_matches(wanted, list(by_name) + list(by_alias), n=1, cutoff=0.85)
    if close:
        return _found(index, by_name.get(close[0], by_alias.get(close[0], 0)), "close")
    words = query.split()
    for size in range(len(words) - 1, 0, -1):  # the longest part that is a name
        for begin in range(0, len(words) - size + 1):
            part = " ".join(words[begin : begin + size]).casefold()
            for table in (by_name, by_alias):
                if part in table and (size > 1 or len(part) > 3):
                    return _found(index, table[part], "part")
    return None


def _found(index: pd.DataFrame, position: int, how: str) -> FoundName:
    row = index.iloc[position]
    own_names = index.attrs.get("own_names", frozenset())
    return FoundName(str(row["name"]), tuple(row["keys"]), how, frozenset(own_names))


def suggest_names(index: pd.DataFrame, typed: str, limit: int = 10) -> pd.DataFrame:
    """Type-ahead over the index: names or aliases that contain what was typed, those that
    start with it first, each with its counts (most mentioned first within each group).

    >>> index = pd.DataFrame([
    ...     {"name": "Boeing", "aliases": [], "kind": "organisation", "articles": 9, "mentions": 40,
    ...      "keys": ["boeing"]},
    ...     {"name": "Air Boeing", "aliases": [], "kind": "", "articles": 1, "mentions": 1,
    ...      "keys": ["air boeing"]}])
    >>> suggest_names(index, "boe")["name"].tolist()
    ['Boeing', 'Air Boeing']
    """
    wanted = typed.strip().casefold()
    if not wanted:
        return index.head(limit)
    forms = (
        index["name"].str.casefold()
        + "\n"
        + index["aliases"].map(lambda aliases: "\n".join(a.casefold() for a in aliases))
    )
    contains = forms.str.contains(wanted, regex=False)
    starts = forms.map(lambda f: any(line.startswith(wanted) for line in f.split("\n")))
    chosen = index[contains].assign(_starts=starts[contains])
    return (
        chosen.sort_values("_starts", ascending=False, kind="stable")
        .drop(columns="_starts")
        .head(limit)
    )


def entity_events(
    mentions: pd.DataFrame,
    events: pd.DataFrame,
    keys: Iterable[str],
    own_names: frozenset[str] = frozenset(),
) -> pd.DataFrame:
    """The events of one name (the mentions with these keys) as rows of `ENTITY_EVENT_COLUMNS`.

    One sentence that names it gives its dated events ("in sentence"), or, without a date word,
    one row on the first mention of the name in it, dated by its anchor. `mentions` is a
    `mentions_frame` (or `Store.mentions`); `events` holds at least the events of its articles.
    """
    wanted = set(keys)
    own = mentions[effective_keys(mentions, own_names).isin(wanted)]
    own = own.sort_values(["article", "start"])
    own = own.drop_duplicates(["article", "sentence_start"])
    rows: list[dict[str, Any]] = []
    dated_parts = []
    by_article = (
        {article: group for article, group in events.groupby("article", sort=False)}
        if len(own)
        else {}
    )
    for mention in own.itertuples(index=False):
        if mention.anchor == IN_SENTENCE:
            article_events = by_article.get(mention.article)
            if article_events is None:
                continue
            low, high = date_window(
                mention.sentence,
                0,
                len(mention.sentence),
                mention.start - mention.sentence_start,
                mention.end - mention.sentence_start,
            )
            inside = article_events[
                (article_events["start"] >= mention.sentence_start + low)
                & (article_events["start"] < mention.sentence_start + high)
                & (article_events["granularity"] != VAGUE)
            ]
            inside = inside[
                [
                    not attributive(
                        mention.sentence,
                        start - mention.sentence_start,
                        end - mention.sentence_start,
                    )
                    for start, end in zip(inside["start"], inside["end"], strict=True)
                ]
            ]
            dated_parts.append(inside)
            continue
        sentence = mention.sentence
        at = mention.start - mention.sentence_start
        rows.append(
            {
                "event_id": f"{mention.article}:{mention.start}",
                "article": mention.article,
                "title": mention.title,
                "source": mention.source,
                "published": mention.published,
                "published_from": mention.published_from,
                "text": mention.text,
                "start": mention.start,
                "end": mention.end,
                "type": "DATE",
                "value": mention.value if isinstance(mention.value, str) else "",
                "date_start": mention.date_start,
                "date_end": mention.date_end,
                "granularity": mention.granularity
                if isinstance(mention.granularity, str)
                else "unknown",
                "sentence": sentence,
                "sentence_start": mention.sentence_start,
                "sentence_end": mention.sentence_end,
                "event": label_event(sentence, at, at) if sentence else "",
                "rule": "",
                "anchor": mention.anchor,
            }
        )
    anchored = events_frame([{k: v for k, v in row.items() if k != "anchor"} for row in rows])
    anchored["anchor"] = [row["anchor"] for row in rows]
    frames = [frame.assign(anchor=IN_SENTENCE) for frame in dated_parts if len(frame)]
    result = pd.concat([*frames, anchored], ignore_index=True) if frames else anchored
    result = result[list(ENTITY_EVENT_COLUMNS)]
    return result.sort_values(["article", "start"], kind="stable").reset_index(drop=True)


@dataclass(frozen=True)
class NamedCorpus:
    """Articles read for following names: their events, mentions, texts and name index."""

    events: pd.DataFrame
    mentions: pd.DataFrame
    index: pd.DataFrame

    def events_of(self, query: str) -> tuple[FoundName | None, pd.DataFrame]:
        """The name `query` is taken for, and its events (empty when no name matches)."""
        found = find_name(self.index, query)
        if found is None:
            return None, entity_events(self.mentions, self.events, ())
        return found, entity_events(self.mentions, self.events, found.keys, found.own_names)


def read_names(articles: Sequence[Article]) -> NamedCorpus:
    """Extract events and name mentions from articles in this process."""
    event_rows: list[dict[str, Any]] = []
    mention_rows: list[dict[str, Any]] = []
    for article in articles:
        rows = article_event_rows(article)
        event_rows.extend(rows)
        mention_rows.extend(article_mention_rows(article, rows))
    mentions = mentions_frame(mention_rows, articles)
    return NamedCorpus(events_frame(event_rows), mentions, name_index(mentions))
