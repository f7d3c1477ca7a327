"""What the words around a date say about its event: weighted content words, and marks of the
sentence's participants and figures, packed to store.

Merging compares events by these words. They are worked out once per event, where the event is
extracted (in the ingest workers), and kept in the store, so a file added later is compared with
the stored events without reading their sentences again. A word is kept as a stable 32-bit
number (CRC-32 of its lowercase form: the same in every process and every run, unlike `hash`);
two words sharing a number in a corpus's vocabulary is rare and costs one shared column.
"""

from __future__ import annotations

import re
import zlib
from bisect import bisect_left
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import numpy as np
import pandas as pd

from timeline.labels import clause_around
from timeline.participants import governed

DEFAULT_MAX_SPAN_DAYS = 366  # a year merges; a decade or "recent years" does not
UNMERGEABLE_GRANULARITIES = frozenset({"vague", "unknown", "duration", "set"})

TERM_TYPE = np.dtype("<u4")
WEIGHT_TYPE = np.dtype("<f4")


@dataclass(frozen=True)
class Weighting:
    """How much each word of a sentence says about the event at one date expression."""

    window: float = 50.0  # a word this many words away from the date expression counts half
    name_weight: float = 2.0  # capitalized words (actors, places, products) count this much more
    other_clause: float = 0.1  # words outside the date's clause count this much: in "X vowed
    # Wednesday that ... Y and Z when they meet Thursday", Y and Z belong to the Thursday event


DEFAULT_WEIGHTING = Weighting()


WORD = re.compile(r"\w+(?:['’]\w+)*")
POSSESSIVE_ENDINGS = ("'s", "’s")
# Words that name the time rather than the happening: they must not make two rows alike.
TIME_WORDS = frozenset(
    """
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    monday tuesday wednesday thursday friday saturday sunday
    mon tue tues wed thu thur thurs fri sat sun
    today yesterday tomorrow tonight morning afternoon evening night noon midnight
    day days week weeks month months year years decade quarter ago earlier later
    utc gmt est edt pst pdt cet am pm
    """.split()
)
# The Glasgow Information Retrieval Group's English stop list, as scikit-learn ships it
# (`ENGLISH_STOP_WORDS`, BSD licence): kept here so that extraction does not import sklearn.
ENGLISH_STOP_WORDS = frozenset(
    """
    a about above across after afterwards again against all almost alone along already also
    although always am among amongst amoungst amount an and another any anyhow anyone anything
    anyway anywhere are around as at back be became because become becomes becoming been before
    beforehand behind being below beside besides between beyond bill both bottom but by call can
    cannot cant co con could couldnt cry de describe detail do done down due during each eg eight
    either eleven else elsewhere empty enough etc even ever every everyone everything everywhere
    except few fifteen fifty fill find fire first five for former formerly forty found four from
    front full further get give go had has hasnt have he hence her here hereafter hereby herein
    hereupon hers herself him himself his how however hundred i ie if in inc indeed interest into
    is it its itself keep last latter latterly least less ltd made many may me meanwhile might
    mill mine more moreover most mostly move much must my myself name namely neither never
    nevertheless next nine no nobody none noone nor not nothing now nowhere of off often on once
    one only onto or other others otherwise our ours ourselves out over own part per perhaps
    please put rather re same see seem seemed seeming seems serious several she should show side
    since sincere six sixty so some somehow someone something sometime sometimes somewhere still
    such system take ten than that the their them themselves then thence there thereafter thereby
    therefore therein thereupon these they thick thin third this those though three through
    throughout thru thus to together too top toward towards twelve twenty two un under until up
    upon us very via was we well were what whatever when whence whenever where whereafter whereas
    whereby wherein whereupon wherever whether which while whither who whoever whole whom whose
    why will with within without would yet you your yours yourself yourselves
    """.split()
)
STOP_WORDS = ENGLISH_STOP_WORDS | TIME_WORDS | {"said", "says", "say", "told"}

# A participant: a name the sentence holds that no preposition governs (`participants`). Kept
# beside the weighted words under its own number (`PARTICIPANT_MARK` + the word) with weight
# `PARTICIPANT`: merging reads it to ask whether two sentences are about the same people and
# things (`merge.TermMatrix.agree`).
PARTICIPANT_MARK = "@"  # never in a word (`WORD`), so a mark never numbers like a word

# The date of a comparison's baseline ("up 56% from $163 million a year earlier", "compared
# with a year-earlier loss"): the figure of an earlier period that a report compares with, not a
# happening the report tells. Earnings reports of different companies all carry one, on the
# same quarter; it never merges. Rules whose expression is always a baseline, and rules of past
# offsets that are one after a comparison word and a figure (or right after the word).
BASELINE_RULES = frozenset(
    {
        "year_earlier_adjective",  # "year-earlier", "year-ago"
        "year_earlier_period",  # "the year-ago quarter"
        "period_year_earlier",  # "the same period a year earlier"
        "same_period_year_earlier",  # "the same month a year ago"
        "offset_year_period",  # "last year's quarter"
    }
)
PAST_OFFSET_RULES = frozenset(
    {
        "n_units_ago",  # "a year ago"
        "n_units_earlier",  # "a year earlier"
        "offset_unit",  # "last year"
        "the_offset_unit",  # "the previous year"
        "unit_previous",  # "the year previous"
        "quarter_of_offset_year",  # "the first quarter of last year"
    }
)
COMPARISON_WORD = re.compile(r"\b(?:from|compared (?:with|to)|versus|vs\.?|than)\s", re.IGNORECASE)
COMPARISON_REACH = 80  # characters from the comparison word to the date, at most
NAME_JOINERS = frozenset({" ", ". ", "-", " & "})  # between two words of one name
LIST_JOINERS = frozenset({"and", "or"})  # between names a preposition governs together

# A figure: an amount of money or a percentage, kept beside the words under its own number
# (`FIGURE_MARK` + the amount, 3 significant digits) with weight `FIGURE`: reports of one
# happening quote its figures, so two sentences quoting figures, none in common, tell two
# ("the company earned $480.4 million" and "the company earned $822.8 million").
FIGURE_MARK = "#"
MONEY = re.compile(
    r"(?P<currency>[$€£¥])\s?(?P<number>\d[\d,]*(?:\.\d+)?)"
    r"(?:\s?(?P<scale>million|billion|trillion|bn|m)\b)?",
    re.IGNORECASE,
)
PERCENT = re.compile(r"(?P<number>\d+(?:\.\d+)?)\s?(?:%|percent\b|per cent\b)", re.IGNORECASE)
SCALES = {"million": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12}
# The weights of marks: they add nothing to a cosine (`merge.TermMatrix` reads them apart).
PARTICIPANT = -1.0
FIGURE = -2.0


def word_weights(
    sentence: str,
    start: int,
    end: int,
    weighting: Weighting = DEFAULT_WEIGHTING,
) -> dict[str, float]:
    """Weight the content words of a sentence by nearness to the date expression at [start, end).

    A word `d` words away weighs `1 / (1 + d / window)`, times `name_weight` when capitalized,
    times `other_clause` when outside the clause around the date (`labels` finds the clause).

    >>> s = "Videgaray vowed Wednesday to resist, and Kelly will visit Mexico on Thursday."
    >>> weights = word_weights(s, s.index("Thursday"), s.index("Thursday") + 8)
    >>> {word: round(weight, 2) for word, weight in weights.items()}
    {'videgaray': 0.17, 'vowed': 0.08, 'resist': 0.09, 'kelly': 1.85, 'visit': 0.96, 'mexico': 1.96}
    """
    clause_start, clause_end = clause_around(sentence, start, end)
    words = [(m.start(), m.group()) for m in WORD.finditer(sentence)]
    before = bisect_left(words, (start, ""))  # words from here on start inside or after it
    after = before  # words before `after` end inside the expression or before it
    while after < len(words) and words[after][0] + len(words[after][1]) <= end:
        after += 1
    window, name_weight, other_clause = (
        weighting.window,
        weighting.name_weight,
        weighting.other_clause,
    )
    weights: dict[str, float] = {}
    for index, (offset, word) in enumerate(words):
        if before <= index < after:
            continue  # the date expression itself
        key = word.lower()
        if key.endswith(POSSESSIVE_ENDINGS):
            key = key[:-2]
        if key in STOP_WORDS or len(key) < 2 or key.isdigit():
            continue
        distance = before - index - 1 if index < before else index - after
        weight = 1.0 / (1.0 + distance / window)
        if word[0].isupper():
            weight *= name_weight
        if not clause_start <= offset < clause_end:
            weight *= other_clause
        if weight > weights.get(key, 0.0):
            weights[key] = weight
    return weights


def participants(sentence: str, start: int, end: int) -> set[str]:
    """Who or what a sentence tells of besides the date expression at [start, end): the words
    of its names (runs of capitalized words) that no preposition governs (`governed`: "in
    composite trading on the New York Stock Exchange" says where, "Aetna closed" says who). The
    sentence's first word is a name only when a run of names goes on after it (any sentence
    capitalizes its first word).

    >>> s = "In New York Stock Exchange composite trading Friday, Aetna Life closed at $60."
    >>> sorted(participants(s, s.index("Friday"), s.index("Friday") + 6))
    ['aetna', 'life']
    """
    runs: list[tuple[int, int, list[str]]] = []  # start, end, words of each name
    for match in WORD.finditer(sentence):
        word, key = match.group(), match.group().lower()
        if key.endswith(POSSESSIVE_ENDINGS):
            key = key[:-2]
        if not word[0].isupper() or key in STOP_WORDS or start <= match.start() < end:
            continue
        if runs and sentence[runs[-1][1] : match.start()] in NAME_JOINERS:
            runs[-1] = (runs[-1][0], match.end(), [*runs[-1][2], key])
        else:
            runs.append((match.start(), match.end(), [key]))
    found: set[str] = set()
    governed_before, previous_end = False, -1
    for run_start, run_end, keys in runs:
        joined = sentence[previous_end:run_start].strip(" ,") in LIST_JOINERS
        governed_before = (governed_before and joined) or governed(sentence, run_start)
        previous_end = run_end
        if governed_before or (run_start == 0 and len(keys) == 1):
            continue
        found.update(key for key in keys if len(key) > 1 and not key.isdigit())
    return found


def figures(sentence: str, start: int, end: int) -> set[str]:
    """The amounts of money and percentages a sentence quotes outside [start, end), normalized.

    >>> sorted(figures("Net rose 8% to $1.27 billion from $1,270 million.", 0, 0))
    ['$1.27e+09', '%8']
    """
    found = set()
    for match in MONEY.finditer(sentence):
        if start <= match.start() < end:
            continue
        scale = SCALES.get((match.group("scale") or "").lower(), 1.0)
        value = float(match.group("number").replace(",", "")) * scale
        found.add(f"{match.group('currency')}{value:.3g}")
    for match in PERCENT.finditer(sentence):
        if not start <= match.start() < end:
            found.add(f"%{float(match.group('number')):.3g}")
    return found


def event_terms(
    sentence: str, start: int, end: int, weighting: Weighting = DEFAULT_WEIGHTING
) -> dict[str, float]:
    """The weighted words of the date expression at [start, end) (`word_weights`), and the
    sentence's participants (`participants`) and figures (`figures`), marked. Nothing when the
    sentence tells no happening, only names around the date (a dateline: "WASHINGTON, August 8
    (Xinhua) --").

    >>> terms = event_terms("Kelly meets Pena Nieto Thursday for $2 million.", 23, 31)
    >>> terms["@nieto"], terms["#$2e+06"], event_terms("NICOSIA, August 8 (Xinhua) --", 9, 17)
    (-1.0, -2.0, {})
    """
    terms = word_weights(sentence, start, end, weighting)
    if not any(
        word[0].islower() and word.lower() in terms
        for word in WORD.findall(sentence[:start] + " " + sentence[end:])
    ):
        return {}
    for name in participants(sentence, start, end):
        terms[PARTICIPANT_MARK + name] = PARTICIPANT
    for figure in figures(sentence, start, end):
        terms[FIGURE_MARK + figure] = FIGURE
    return terms


def is_baseline(sentence: str, start: int, rule: Any) -> bool:
    """Whether the date expression starting at `start` of `sentence`, found by `rule`, dates a
    comparison's baseline (see `BASELINE_RULES`).

    >>> s = "Net rose 56% from $163 million, or $4.06 a share, a year earlier."
    >>> is_baseline(s, s.index("a year earlier"), "n_units_earlier")
    True
    >>> s = "Kopp fled from the police a year earlier."
    >>> is_baseline(s, s.index("a year earlier"), "n_units_earlier")
    False
    """
    if rule in BASELINE_RULES:
        return True
    if rule not in PAST_OFFSET_RULES:
        return False
    before = sentence[max(0, start - COMPARISON_REACH) : start]
    cues = list(COMPARISON_WORD.finditer(before))
    if not cues:
        return False
    gap = before[cues[-1].end() :]
    return ";" not in gap and (gap.strip() == "" or any(ch.isdigit() for ch in gap))


PackedTerms = tuple[bytes, bytes]  # the words' numbers, their weights


def pack_terms(weights: Mapping[str, float]) -> PackedTerms:
    """Pack word weights as the store keeps them: the words' numbers, and their weights.

    >>> terms, weights = unpack_terms(pack_terms({"kelly": 1.5, "visit": 0.5}))
    >>> terms.tolist() == [term_number("kelly"), term_number("visit")], weights.tolist()
    (True, [1.5, 0.5])
    """
    terms = np.fromiter((term_number(word) for word in weights), TERM_TYPE, len(weights))
    values = np.fromiter(weights.values(), WEIGHT_TYPE, len(weights))
    return terms.tobytes(), values.tobytes()


def unpack_terms(packed: PackedTerms) -> tuple[np.ndarray, np.ndarray]:
    """The word numbers and weights of `pack_terms` output."""
    return np.frombuffer(packed[0], TERM_TYPE), np.frombuffer(packed[1], WEIGHT_TYPE)


def term_number(word: str) -> int:
    """A word's stable number: CRC-32 of its UTF-8 bytes."""
    return zlib.crc32(word.encode())


def row_terms(
    row: Mapping[str, Any], weighting: Weighting = DEFAULT_WEIGHTING
) -> PackedTerms | None:
    """The packed words of an event row dict, or None when the row can never merge.

    >>> row = {"granularity": "day", "date_start": date(2017, 2, 23),
    ...        "date_end": date(2017, 2, 23), "sentence": "Kelly meets Pena Nieto Thursday.",
    ...        "sentence_start": 0, "start": 23, "end": 31}
    >>> len(unpack_terms(row_terms(row))[0]), row_terms({**row, "granularity": "vague"})
    (6, None)
    """
    first, last = row.get("date_start"), row.get("date_end")
    if not mergeable(row.get("granularity"), first, last):
        return None
    offset = int(row["sentence_start"])
    sentence = row.get("sentence")
    sentence = sentence if isinstance(sentence, str) else ""
    start, end = int(row["start"]) - offset, int(row["end"]) - offset
    if is_baseline(sentence, start, row.get("rule")):
        return None
    return pack_terms(event_terms(sentence, start, end, weighting))


def mergeable(
    granularity: Any, first: Any, last: Any, max_span_days: int = DEFAULT_MAX_SPAN_DAYS
) -> bool:
    """Whether a row of this granularity and span may merge (see `is_mergeable`)."""
    if granularity in UNMERGEABLE_GRANULARITIES or not isinstance(first, date):
        return False
    if not isinstance(last, date):
        return False
    return (_as_day(last) - _as_day(first)).days + 1 <= max_span_days


def _as_day(value: date) -> date:
    """A `date` from a date or a datetime (a pandas Timestamp included)."""
    return value.date() if isinstance(value, datetime) else value


def is_mergeable(events: pd.DataFrame, max_span_days: int = DEFAULT_MAX_SPAN_DAYS) -> np.ndarray:
    """Mark rows with a calendar span of at most `max_span_days` and a non-vague granularity
    that do not date a comparison's baseline (`is_baseline`).

    >>> from timeline.events import events_frame
    >>> day, years = (date(2017, 2, 22),) * 2, (date(2010, 1, 1), date(2017, 2, 22))
    >>> offsets = {"start": 0, "end": 1, "sentence_start": 0, "sentence_end": 1}
    >>> frame = events_frame([
    ...     {**offsets, "date_start": day[0], "date_end": day[1], "granularity": "day"},
    ...     {**offsets, "date_start": years[0], "date_end": years[1], "granularity": "year"},
    ...     {**offsets, "granularity": "unknown"},
    ... ])
    >>> is_mergeable(frame).tolist()
    [True, False, False]
    """
    spans = (events["date_end"] - events["date_start"]).dt.days + 1
    ok = events["date_start"].notna() & events["date_end"].notna() & (spans <= max_span_days)
    ok &= ~events["granularity"].isin(UNMERGEABLE_GRANULARITIES)
    if "rule" in events:  # only the rows of comparison rules are read
        maybe = ok & events["rule"].isin(BASELINE_RULES | PAST_OFFSET_RULES)
        for index, sentence, start, offset, rule in zip(
            events.index[maybe],
            events.loc[maybe, "sentence"],
            events.loc[maybe, "start"],
            events.loc[maybe, "sentence_start"],
            events.loc[maybe, "rule"],
            strict=True,
        ):
            text = sentence if isinstance(sentence, str) else ""
            if is_baseline(text, int(start) - int(offset), rule):
                ok[index] = False
    return ok.to_numpy(dtype=bool)
