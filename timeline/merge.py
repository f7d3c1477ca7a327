"""Cross-article merging: the same happening told by several articles becomes one row.

Two rows can merge when they come from different articles, their calendar spans overlap, and
the words around their date expressions say the same thing. A row's words are weighted by
whether they lie in the clause that holds the date (a sentence may carry two dates for two
events: "X vowed Wednesday that ..., when they meet Thursday"), by closeness to the date, by
being a name (capitalized: actors, places, products), and by rarity across the rows (TF-IDF,
scikit-learn). The score is the cosine of those vectors. Pairs scoring at least `threshold`
(`coarse_threshold` when one side spans a month or more) are joined best first (union-find)
under two rules: a group holds at most one row per article, and the spans of all its rows share
a day, so a coarse "in 2017" cannot chain two different days together. Vague, undated and
wider-than-a-year rows never merge. The defaults were measured on MEANTIME cross-document gold
and the sample articles (`python -m timeline.scoring.merging`, see `timeline/scoring/merging.py`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfTransformer

from timeline.events import EVENT_COLUMNS
from timeline.labels import clause_around

# Measured on MEANTIME cross-document gold and on the two sample articles (see module doc).
DEFAULT_THRESHOLD = 0.4
DEFAULT_COARSE_THRESHOLD = 0.45  # when one side is a month or wider: it shares its span with more
DEFAULT_MAX_SPAN_DAYS = 366  # a year merges; a decade or "recent years" does not
CHUNK_ROWS = 1024
NARROW_DAYS = 8  # spans shorter than this (a day, a week) are swept; wider ones scanned

MERGED_COLUMNS: tuple[str, ...] = (*EVENT_COLUMNS, "sources", "mentions", "count")
MENTION_KEYS: tuple[str, ...] = (
    "event_id",
    "article",
    "source",
    "title",
    "text",
    "start",
    "end",
    "sentence",
    "sentence_start",
    "sentence_end",
    "value",
)


@dataclass(frozen=True)
class Weighting:
    """How much each word of a sentence says about the event at one date expression."""

    window: float = 50.0  # a word this many words away from the date expression counts half
    name_weight: float = 2.0  # capitalized words (actors, places, products) count this much more
    other_clause: float = 0.1  # words outside the date's clause count this much: in "X vowed
    # Wednesday that ... Y and Z when they meet Thursday", Y and Z belong to the Thursday event


UNMERGEABLE_GRANULARITIES = frozenset({"vague", "unknown", "duration", "set"})

WORD = re.compile(r"\w+(?:['’]\w+)*")
POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)
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
STOP_WORDS = frozenset(ENGLISH_STOP_WORDS) | TIME_WORDS | {"said", "says", "say", "told"}


def merge_events(
    events: pd.DataFrame,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    coarse_threshold: float = DEFAULT_COARSE_THRESHOLD,
    weighting: Weighting = Weighting(),
    max_span_days: int = DEFAULT_MAX_SPAN_DAYS,
) -> pd.DataFrame:
    """Group rows of different articles that tell the same happening; one row per group.

    Each output row carries the plain columns of its most precise mention (a day beats the year
    that contains it), the label of its most central mention as `event`, and `sources` (article
    ids), `mentions` (one dict per merged row, keys `MENTION_KEYS`) and `count`. Rows that merge
    with nothing come out as groups of one, in input order of their representative.

    `threshold` is the least similarity (`pair_scores`) for two rows to merge, and
    `coarse_threshold` the least when one of them spans a month or more; `weighting` says how
    words count; rows spanning more than `max_span_days` never merge.

    >>> from datetime import date
    >>> from timeline.events import events_frame
    >>> def row(article, sentence, expression, day, granularity="day"):
    ...     start = sentence.index(expression)
    ...     return {"event_id": f"{article}:{start}", "article": article, "source": article,
    ...             "text": expression, "start": start, "end": start + len(expression),
    ...             "sentence": sentence, "sentence_start": 0, "sentence_end": len(sentence),
    ...             "date_start": day[0], "date_end": day[1], "granularity": granularity,
    ...             "event": sentence}
    >>> d = (date(2017, 2, 23), date(2017, 2, 23))
    >>> y = (date(2017, 1, 1), date(2017, 12, 31))
    >>> frame = events_frame([
    ...     row("ap", "Tillerson and Kelly meet Pena Nieto on Thursday.", "Thursday", d),
    ...     row("nyt", "Tillerson and Kelly sit down with Pena Nieto Thursday.", "Thursday", d),
    ...     row("bbc", "Pena Nieto visits Tillerson and Kelly in 2017.", "2017", y, "year"),
    ...     row("ap", "Floods hit Peru on Thursday.", "Thursday", d),
    ... ])
    >>> merged = merge_events(frame)
    >>> merged[["event_id", "count", "sources"]].values.tolist()
    [['ap:39', 3, ['ap', 'nyt', 'bbc']], ['ap:19', 1, ['ap']]]
    >>> str(merged["date_start"].iloc[0].date()), merged["granularity"].iloc[0]
    ('2017-02-23', 'day')
    """
    if events.empty:
        return pd.DataFrame(columns=list(MERGED_COLUMNS))
    events = events.reset_index(drop=True)
    pairs = pair_scores(
        events,
        min_score=threshold,
        weighting=weighting,
        max_span_days=max_span_days,
    )
    if coarse_threshold > threshold:
        spans = (events["date_end"] - events["date_start"]).dt.days.to_numpy()
        coarse = (spans[pairs["left"]] >= NARROW_DAYS) | (spans[pairs["right"]] >= NARROW_DAYS)
        pairs = pairs[~coarse | (pairs["score"] >= coarse_threshold)]
    groups, edge_weight = _group_rows(events, pairs)
    return _merged_frame(events, groups, edge_weight)


def pair_scores(
    events: pd.DataFrame,
    *,
    min_score: float = 0.0,
    weighting: Weighting = Weighting(),
    max_span_days: int = DEFAULT_MAX_SPAN_DAYS,
) -> pd.DataFrame:
    """Return the similarity of every pair of rows that could merge, as `left, right, score`.

    Candidates are rows of different articles whose spans overlap (rows sorted by `date_start`
    and compared only within their span, so the cost follows the overlaps, not the square of
    the corpus) and that share at least one weighted word (a sparse product yields only those).
    `left` and `right` are row positions in `events`; pairs scoring below `min_score` are left out.

    >>> from datetime import date
    >>> from timeline.events import events_frame
    >>> day = date(2017, 2, 22)
    >>> frame = events_frame([
    ...     {"event_id": f"a{i}:0", "article": f"a{i}", "text": "Wednesday", "start": 0,
    ...      "end": 9, "sentence": s, "sentence_start": 0, "sentence_end": len(s),
    ...      "date_start": day, "date_end": day, "granularity": "day"}
    ...     for i, s in enumerate(["Wednesday Videgaray vowed to resist.",
    ...                            "Wednesday Videgaray vowed to fight back.",
    ...                            "Wednesday Kelly flew to Mexico."])])
    >>> [(int(a), int(b), round(s, 2)) for a, b, s in pair_scores(frame).itertuples(index=False)]
    [(0, 1, 0.76)]
    """
    empty = pd.DataFrame({"left": [], "right": [], "score": []}).astype(
        {"left": "int64", "right": "int64", "score": "float64"}
    )
    events = events.reset_index(drop=True)
    positions = np.flatnonzero(is_mergeable(events, max_span_days))
    if len(positions) < 2:
        return empty
    starts = _days(events["date_start"].iloc[positions])
    ends = _days(events["date_end"].iloc[positions])
    order = np.lexsort((ends, starts))
    positions, starts, ends = positions[order], starts[order], ends[order]
    # Word rarity is learned from every row, mergeable or not: more text, steadier weights.
    vectors = content_vectors(events, weighting)[positions]
    articles = pd.factorize(events["article"].iloc[positions])[0]
    found = _overlapping_pairs(vectors, starts, ends, articles, min_score)
    if not found:
        return empty
    left = np.concatenate([f[0] for f in found])
    right = np.concatenate([f[1] for f in found])
    score = np.concatenate([f[2] for f in found])
    left, right = positions[left], positions[right]
    frame = pd.DataFrame(
        {"left": np.minimum(left, right), "right": np.maximum(left, right), "score": score}
    )
    return frame.sort_values(["left", "right"], ignore_index=True)


Found = list[tuple[np.ndarray, np.ndarray, np.ndarray]]


def _overlapping_pairs(
    vectors: sparse.csr_matrix,
    starts: np.ndarray,
    ends: np.ndarray,
    articles: np.ndarray,
    min_score: float,
) -> Found:
    """Score the pairs of rows (sorted by start) of different articles whose spans overlap.

    Narrow rows (a day, a week) meet only the narrow rows starting within their span: a sweep
    in chunks. Wide rows (a month to a year) meet every row in their span, narrow or wide; there
    are few of them, and the sparse product only produces pairs that share a word.
    """
    narrow = ends - starts < NARROW_DAYS
    found: Found = []

    def keep(left: np.ndarray, right: np.ndarray, score: np.ndarray, ok: np.ndarray) -> None:
        ok &= (articles[left] != articles[right]) & (score >= min_score) & (score > 0)
        found.append((left[ok], right[ok], score[ok]))

    index = np.flatnonzero(narrow)
    reach = np.searchsorted(starts[index], ends[index], side="right")
    for first in range(0, len(index), CHUNK_ROWS):
        last = min(first + CHUNK_ROWS, len(index))
        upto = int(reach[first:last].max())
        if upto <= first + 1:
            continue
        product = (vectors[index[first:last]] @ vectors[index[first:upto]].T).tocoo()
        left, right = product.row + first, product.col + first
        ok = (right > left) & (right < reach[left])
        keep(index[left], index[right], product.data, ok)

    wide = np.flatnonzero(~narrow)
    for first in range(0, len(wide), CHUNK_ROWS):
        rows = wide[first : first + CHUNK_ROWS]
        low = np.searchsorted(starts, starts[rows].min() - NARROW_DAYS + 1, side="left")
        high = np.searchsorted(starts, ends[rows].max(), side="right")
        product = (vectors[rows] @ vectors[low:high].T).tocoo()
        left, right = rows[product.row], product.col.astype(np.int64) + low
        ok = (starts[right] <= ends[left]) & (ends[right] >= starts[left])
        ok &= narrow[right] | (right > left)  # a wide pair is scored once, from its first row
        keep(left, right, product.data, ok)
    return found


def content_vectors(events: pd.DataFrame, weighting: Weighting = Weighting()) -> sparse.csr_matrix:
    """Return one L2-normalized TF-IDF row per event, words weighted by nearness to the date.

    >>> from timeline.events import events_frame
    >>> s = "Videgaray vowed Wednesday that Kelly will visit on Thursday."
    >>> frame = events_frame([{"event_id": "a:16", "text": "Wednesday", "start": 16, "end": 25,
    ...     "sentence": s, "sentence_start": 0, "sentence_end": len(s)}])
    >>> vectors = content_vectors(frame)
    >>> vectors.shape, round(float(vectors.multiply(vectors).sum()), 6)
    ((1, 4), 1.0)
    """
    weights = [
        word_weights(sentence, start - sentence_start, end - sentence_start, weighting)
        for sentence, start, end, sentence_start in zip(
            events["sentence"].fillna("").astype(str),
            events["start"],
            events["end"],
            events["sentence_start"],
            strict=True,
        )
    ]
    counts = DictVectorizer().fit_transform(weights)
    if counts.shape[1] == 0:
        return sparse.csr_matrix((len(weights), 0))
    return sparse.csr_matrix(TfidfTransformer(norm="l2").fit_transform(counts))


def word_weights(
    sentence: str,
    start: int,
    end: int,
    weighting: Weighting = Weighting(),
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
    before = sum(1 for offset, _ in words if offset < start)
    after = sum(1 for offset, word in words if offset + len(word) <= end)
    weights: dict[str, float] = {}
    for index, (offset, word) in enumerate(words):
        if before <= index < after:
            continue  # the date expression itself
        key = POSSESSIVE.sub("", word).lower()
        if key in STOP_WORDS or key.isdigit() or len(key) < 2:
            continue
        distance = before - index - 1 if index < before else index - after
        weight = 1.0 / (1.0 + distance / weighting.window)
        if word[0].isupper():
            weight *= weighting.name_weight
        if not clause_start <= offset < clause_end:
            weight *= weighting.other_clause
        weights[key] = max(weight, weights.get(key, 0.0))
    return weights


def is_mergeable(events: pd.DataFrame, max_span_days: int = DEFAULT_MAX_SPAN_DAYS) -> np.ndarray:
    """Mark rows with a calendar span of at most `max_span_days` and a non-vague granularity.

    >>> from datetime import date
    >>> from timeline.events import events_frame
    >>> day, years = (date(2017, 2, 22),) * 2, (date(2010, 1, 1), date(2017, 2, 22))
    >>> offsets = {"start": 0, "end": 1, "sentence_start": 0, "sentence_end": 1}
    >>> frame = events_frame([
    ...     {**offsets, "date_start": day[0], "date_end": day[1], "granularity": "day"},
    ...     {**offsets, "date_start": years[0], "date_end": years[1], "granularity": "vague"},
    ...     {**offsets, "granularity": "unknown"},
    ... ])
    >>> is_mergeable(frame).tolist()
    [True, False, False]
    """
    spans = (events["date_end"] - events["date_start"]).dt.days + 1
    ok = events["date_start"].notna() & events["date_end"].notna() & (spans <= max_span_days)
    ok &= ~events["granularity"].isin(UNMERGEABLE_GRANULARITIES)
    return ok.to_numpy(dtype=bool)


def _days(column: pd.Series) -> np.ndarray:
    return column.to_numpy(dtype="datetime64[D]").astype(np.int64)


def _group_rows(
    events: pd.DataFrame, pairs: pd.DataFrame
) -> tuple[list[list[int]], dict[int, float]]:
    """Join rows best pair first; never two rows of one article, never spans with no common day.

    Returns the groups (row positions, in input order) and each row's summed accepted edge score.
    """
    count = len(events)
    parent = list(range(count))
    articles: list[set[str]] = [{str(article)} for article in events["article"]]
    lows = _days(events["date_start"]) if count else np.array([], dtype=np.int64)
    highs = _days(events["date_end"]) if count else np.array([], dtype=np.int64)
    low, high = lows.tolist(), highs.tolist()
    edge_weight = dict.fromkeys(range(count), 0.0)

    def find(node: int) -> int:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    ranked = pairs.sort_values(["score", "left", "right"], ascending=[False, True, True])
    for left, right, score in zip(
        ranked["left"].tolist(), ranked["right"].tolist(), ranked["score"].tolist(), strict=True
    ):
        a, b = find(left), find(right)
        if a == b or articles[a] & articles[b]:
            continue
        common_low, common_high = max(low[a], low[b]), min(high[a], high[b])
        if common_low > common_high:
            continue
        parent[b] = a
        articles[a] |= articles[b]
        low[a], high[a] = common_low, common_high
        edge_weight[left] += score
        edge_weight[right] += score
    members: dict[int, list[int]] = {}
    for node in range(count):
        members.setdefault(find(node), []).append(node)
    return list(members.values()), edge_weight


def _merged_frame(
    events: pd.DataFrame, groups: Sequence[list[int]], edge_weight: dict[int, float]
) -> pd.DataFrame:
    spans = ((events["date_end"] - events["date_start"]).dt.days + 1).fillna(np.inf).tolist()
    published = np.where(
        events["published"].isna(), np.iinfo(np.int64).max, _days(events["published"])
    ).tolist()
    articles = events["article"].astype(str).tolist()
    labels = events["event"].tolist()
    columns = {key: _plain(events[key]) for key in MENTION_KEYS}
    chosen = []
    for group in groups:
        # The most precise date speaks for the group; ties go to the earliest row.
        best = min(group, key=lambda position: (spans[position], position))
        central = max(group, key=lambda position: (edge_weight[position], -position))
        members = sorted(group, key=lambda position: (published[position], position))
        mentions = [{key: columns[key][p] for key in MENTION_KEYS} for p in members]
        sources = list(dict.fromkeys(articles[p] for p in members))
        chosen.append((best, labels[central], sources, mentions))
    chosen.sort(key=lambda item: item[0])
    merged = events.iloc[[best for best, *_ in chosen]].reset_index(drop=True)
    merged["event"] = [label for _, label, _, _ in chosen]
    merged["sources"] = [sources for _, _, sources, _ in chosen]
    merged["mentions"] = [mentions for *_, mentions in chosen]
    merged["count"] = merged["mentions"].map(len).astype("int64")
    return merged[list(MERGED_COLUMNS)]


def _plain(column: pd.Series) -> list[Any]:
    """Column values as plain Python (int, str, None), ready for JSON."""
    return [None if not isinstance(v, str) and pd.isna(v) else v for v in column.tolist()]
