"""Cross-article merging: the same happening told by several articles becomes one group.

Two rows can merge when they come from different articles, their calendar spans overlap, and
the words around their date expressions say the same thing. A row's words are weighted by
whether they lie in the clause that holds the date (a sentence may carry two dates for two
events: "X vowed Wednesday that ..., when they meet Thursday"), by closeness to the date, by
being a name (capitalized: actors, places, products) (`terms.word_weights`), and by rarity
among the events (smoothed inverse document frequency). The score is the cosine of those
vectors. Pairs scoring at least `threshold` (`coarse_threshold` when one side is wider than a
week or told at another precision) must also agree on what they are about, as news does
(`TermMatrix.agree`): they share two distinctive words (held by few events, so a market
report's stock phrases cannot carry a merge), and do not each name participants, none in
common ("Aetna closed" and "BellSouth shares fell"), nor each quote figures, none in common.
They are joined best first (union-find) under three rules: a group holds at most one row per
article, the spans of all its rows share a day, so a coarse "in 2017" cannot chain two
different days together, and two groups naming different participants or quoting different
figures stay apart. Vague, undated, wider-than-a-year and comparison-baseline rows ("from $163
million a year earlier") never merge.

Merging is incremental: rows already in groups keep them, and new ("pending") rows are compared
with every row whose span they overlap, joining or bridging groups best pair first. Merging a
whole frame is the case where every row is pending. The store keeps each event's words and
group (`stored_merge`), so a file added later joins groups without the corpus being compared
again; word rarities then come from the store as it is when the pair is scored (incremental
IDF, as on-line news clustering does). The defaults were measured on MEANTIME cross-document
gold and the sample articles (`python -m timeline evaluate-merge`, `timeline/scoring/merging.py`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from timeline.events import EVENT_COLUMNS
from timeline.terms import (
    DEFAULT_MAX_SPAN_DAYS,
    DEFAULT_WEIGHTING,
    FIGURE,
    PARTICIPANT,
    PackedTerms,
    Weighting,
    event_terms,
    is_mergeable,
    pack_terms,
)

if TYPE_CHECKING:
    from scipy import sparse

# Measured on MEANTIME cross-document gold and on the two sample articles (see module doc).
DEFAULT_THRESHOLD = 0.4
DEFAULT_COARSE_THRESHOLD = 0.45  # one side wider than a week: it shares its span with more
# A word held by at most this share of the events is distinctive: two rows merge only when they
# share `RARE_IN_COMMON` of them, so that words many stories use ("shares", "net income",
# "composite trading") cannot carry a merge.
DEFAULT_RARE_SHARE = 0.05
DEFAULT_RARE_LEAST = 3
RARE_IN_COMMON = 2  # distinctive words two rows share, at least: one ("expire") is chance
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
# What merging knows of a mergeable row: its words, its span in days since 1970-01-01, its
# group (None while pending: not merged yet) and its centrality (summed accepted pair scores).
MERGE_ROW_COLUMNS: tuple[str, ...] = (
    "event_id",
    "article",
    "first_day",
    "last_day",
    "terms",
    "weights",
    "group",
    "weight",
)


@dataclass(frozen=True)
class Thresholds:
    """The least cosine for two rows to merge, and the least when one is wider than a week;
    what makes a word distinctive: held by at most `rare_share` of the events (or by at
    most `rare_least`, in a small corpus)."""

    narrow: float = DEFAULT_THRESHOLD
    coarse: float = DEFAULT_COARSE_THRESHOLD
    rare_share: float = DEFAULT_RARE_SHARE
    rare_least: int = DEFAULT_RARE_LEAST

    def rare(self, documents: int) -> float:
        """The most events a distinctive word is held by, among `documents`."""
        return max(float(self.rare_least), self.rare_share * documents)


DEFAULT_THRESHOLDS = Thresholds()


@dataclass(frozen=True)
class Frequencies:
    """How many events hold each word (`terms` sorted, `events` aligned), out of `documents`."""

    terms: np.ndarray
    events: np.ndarray
    documents: int

    @classmethod
    def of(cls, packed_terms: Iterable[bytes]) -> Frequencies:
        """Count the words of these rows (each row holds a word at most once)."""
        chunks = list(packed_terms)
        numbers = np.frombuffer(b"".join(chunks), "<u4")
        terms, counts = np.unique(numbers, return_counts=True)
        return cls(terms.astype(np.int64), counts.astype(np.int64), len(chunks))

    def counts(self, terms: np.ndarray) -> np.ndarray:
        """How many events hold each of these words (0 for a word not counted)."""
        counts = np.zeros(len(terms), dtype=np.int64)
        if len(self.terms):
            where = np.minimum(np.searchsorted(self.terms, terms), len(self.terms) - 1)
            found = self.terms[where] == terms
            counts[found] = self.events[where[found]]
        return counts

    def idf(self, terms: np.ndarray) -> np.ndarray:
        """Smoothed inverse document frequency: ln((1 + n) / (1 + df)) + 1."""
        return np.log((1.0 + self.documents) / (1.0 + self.counts(terms))) + 1.0


def merge_events(
    events: pd.DataFrame,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    coarse_threshold: float = DEFAULT_COARSE_THRESHOLD,
    weighting: Weighting = DEFAULT_WEIGHTING,
    max_span_days: int = DEFAULT_MAX_SPAN_DAYS,
) -> pd.DataFrame:
    """Group rows of different articles that tell the same happening; one row per group.

    Each output row carries the plain columns of its most precise mention (a day beats the year
    that contains it), the label of its most central mention as `event`, and `sources` (article
    ids), `mentions` (one dict per merged row, keys `MENTION_KEYS`) and `count`. Rows that merge
    with nothing come out as groups of one, in input order of their representative.

    `threshold` is the least similarity (`pair_scores`) for two rows to merge, and
    `coarse_threshold` the least when one of them is wider than a week; `weighting` says how
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
    rows = merge_rows(events, weighting, max_span_days)
    grouped = assign_groups(
        rows, Frequencies.of(rows["terms"]), Thresholds(threshold, coarse_threshold)
    )
    return merged_frame(events, grouped)


def merge_with_groups(
    events: pd.DataFrame,
    groups: pd.DataFrame,
    changed: Iterable[str] = (),
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> pd.DataFrame:
    """The merged frame of `events` given stored `groups` (merge rows, as `Store.groups()`
    returns them) of most of them: rows of other events, and of the `changed` articles
    (re-dated, re-read), leave their groups, whose other members are merged again with the
    events that have no merge row yet. A session's articles join the stored groups this way.
    """
    changed = set(changed)
    kept = groups[groups["event_id"].isin(events["event_id"]) & ~groups["article"].isin(changed)]
    broken = set(groups.loc[~groups.index.isin(kept.index), "group"].dropna())
    dissolved = kept["group"].isin(broken).to_numpy()
    kept = kept.assign(
        group=kept["group"].where(~dissolved, None),
        weight=np.where(dissolved, 0.0, kept["weight"].to_numpy(dtype=float)),
    )
    fresh = merge_rows(events[~events["event_id"].isin(kept["event_id"])])
    rows = pd.concat([kept, fresh], ignore_index=True)
    grouped = assign_groups(rows, Frequencies.of(rows["terms"]), thresholds)
    return merged_frame(events, grouped)


def merge_rows(
    events: pd.DataFrame,
    weighting: Weighting = DEFAULT_WEIGHTING,
    max_span_days: int = DEFAULT_MAX_SPAN_DAYS,
) -> pd.DataFrame:
    """The mergeable rows of an events frame as `MERGE_ROW_COLUMNS`, all pending."""
    rows = events.loc[is_mergeable(events, max_span_days)]
    packed: list[PackedTerms] = [
        pack_terms(event_terms(sentence, start - sentence_start, end - sentence_start, weighting))
        for sentence, start, end, sentence_start in zip(
            rows["sentence"].map(lambda text: text if isinstance(text, str) else ""),
            rows["start"].tolist(),
            rows["end"].tolist(),
            rows["sentence_start"].tolist(),
            strict=True,
        )
    ]
    return pd.DataFrame(
        {
            "event_id": rows["event_id"].astype(str).to_numpy(),
            "article": rows["article"].astype(str).to_numpy(),
            "first_day": epoch_days(rows["date_start"]),
            "last_day": epoch_days(rows["date_end"]),
            "terms": [terms for terms, _ in packed],
            "weights": [weights for _, weights in packed],
            "group": pd.Series([None] * len(rows), dtype=object),
            "weight": np.zeros(len(rows)),
        },
        columns=list(MERGE_ROW_COLUMNS),
    )


def epoch_days(column: pd.Series) -> np.ndarray:
    """Days since 1970-01-01 of a datetime column (no missing values)."""
    return column.to_numpy(dtype="datetime64[D]").astype(np.int64)


@dataclass(frozen=True)
class TermMatrix:
    """The rows' words: `vectors` (one L2-normalized row each: word weight times word rarity),
    `rare` (1 where a row holds a distinctive word), `names` (1 where it names a
    participant, `terms.participants`) and `figures` (1 where it quotes a figure,
    `terms.figures`), columns alike."""

    vectors: sparse.csr_matrix
    rare: sparse.csr_matrix
    names: sparse.csr_matrix
    figures: sparse.csr_matrix

    @classmethod
    def of(cls, rows: pd.DataFrame, frequencies: Frequencies, thresholds: Thresholds) -> TermMatrix:
        from scipy import sparse  # only when merging: a new app process draws without it

        terms = np.frombuffer(b"".join(rows["terms"]), "<u4").astype(np.int64)
        weights = np.frombuffer(b"".join(rows["weights"]), "<f4").astype(np.float64)
        lengths = np.fromiter((len(t) // 4 for t in rows["terms"]), np.int64, len(rows))
        columns, inverse = np.unique(terms, return_inverse=True)
        inverse = inverse.ravel()
        pointers = np.concatenate([[0], np.cumsum(lengths)])
        shape = (len(rows), len(columns))

        def matrix(values: np.ndarray) -> sparse.csr_matrix:
            built = sparse.csr_matrix((values, inverse, pointers), shape=shape)
            built.eliminate_zeros()
            return built

        vectors = matrix(np.maximum(weights, 0.0) * frequencies.idf(columns)[inverse])
        norms = np.sqrt(np.asarray(vectors.multiply(vectors).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        rare = (frequencies.counts(columns) <= thresholds.rare(frequencies.documents))[inverse]
        figure = weights == FIGURE
        return cls(
            sparse.csr_matrix(sparse.diags(1.0 / norms) @ vectors),
            matrix((rare & (weights > 0)).astype(np.float64)),
            matrix((weights == PARTICIPANT).astype(np.float64)),
            matrix(figure.astype(np.float64)),
        )

    def agree(self, left: np.ndarray, right: np.ndarray) -> np.ndarray:
        """For pairs of rows: whether they share `RARE_IN_COMMON` distinctive words, and neither
        name different participants nor quote different figures (each some, none in common)."""
        if not len(left):
            return np.zeros(0, dtype=bool)
        ok = _row_sums(self.rare[left].multiply(self.rare[right])) >= RARE_IN_COMMON
        for marks in (self.names, self.figures):
            ok &= ~_both(marks, left, right) | _share(marks, left, right)
        return ok

    def marks_of(self, row: int) -> tuple[frozenset[int], frozenset[int]]:
        """The participants and the figures of a row, as column numbers."""
        return (_columns(self.names, row), _columns(self.figures, row))


def _both(marks: sparse.csr_matrix, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    counts = np.diff(marks.indptr)
    return (counts[left] > 0) & (counts[right] > 0)


def _share(marks: sparse.csr_matrix, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    if not len(left):
        return np.zeros(0, dtype=bool)
    return _row_sums(marks[left].multiply(marks[right])) > 0


def _columns(matrix: sparse.csr_matrix, row: int) -> frozenset[int]:
    return frozenset(matrix.indices[matrix.indptr[row] : matrix.indptr[row + 1]].tolist())


def _row_sums(matrix: Any) -> np.ndarray:
    return np.asarray(matrix.sum(axis=1)).ravel()


def term_vectors(rows: pd.DataFrame, frequencies: Frequencies) -> sparse.csr_matrix:
    """One L2-normalized row per merge row: word weight times word rarity.

    >>> from timeline.terms import pack_terms
    >>> packed = [pack_terms({"kelly": 1.0, "visit": 1.0}), pack_terms({"kelly": 1.0})]
    >>> rows = pd.DataFrame({"terms": [t for t, _ in packed], "weights": [w for _, w in packed]})
    >>> vectors = term_vectors(rows, Frequencies.of(rows["terms"]))
    >>> vectors.shape, round(float((vectors[0] @ vectors[1].T).toarray()[0, 0]), 3)
    ((2, 2), 0.58)
    """
    return TermMatrix.of(rows, frequencies, DEFAULT_THRESHOLDS).vectors


def pair_scores(
    events: pd.DataFrame,
    *,
    min_score: float = 0.0,
    weighting: Weighting = DEFAULT_WEIGHTING,
    max_span_days: int = DEFAULT_MAX_SPAN_DAYS,
) -> pd.DataFrame:
    """Return the similarity of every pair of rows that could merge, as `left, right, score`.

    Candidates are rows of different articles whose spans overlap (rows sorted by start and
    compared only within their span, so the cost follows the overlaps, not the square of the
    corpus) and that share at least one weighted word (a sparse product yields only those).
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
    events = events.reset_index(drop=True)
    positions = np.flatnonzero(is_mergeable(events, max_span_days))
    rows = merge_rows(events, weighting, max_span_days)
    left, right, score = candidate_pairs(
        rows, Frequencies.of(rows["terms"]), Thresholds(min_score, min_score)
    )
    left, right = positions[left], positions[right]
    frame = pd.DataFrame(
        {"left": np.minimum(left, right), "right": np.maximum(left, right), "score": score}
    )
    return frame.sort_values(["left", "right"], ignore_index=True)


def candidate_pairs(
    rows: pd.DataFrame,
    frequencies: Frequencies,
    thresholds: Thresholds,
    matrix: TermMatrix | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The pairs of merge rows, at least one of them pending, that score at least the threshold
    and agree on what they are about (`TermMatrix.agree`).

    Returns row positions `left`, `right` and the scores. Narrow rows (a day, a week) meet the
    narrow rows starting within a week before their end; wide rows (a month to a year) meet
    every row in their span. A pair of pending rows is scored once, from its earlier row (from
    its wide row when one is narrow); a pending row meets the grouped rows on both sides.
    """
    empty = (np.array([], dtype=np.int64),) * 2 + (np.array([], dtype=np.float64),)
    if len(rows) < 2:
        return empty
    if matrix is None:
        matrix = TermMatrix.of(rows, frequencies, thresholds)
    vectors = matrix.vectors
    starts = rows["first_day"].to_numpy(dtype=np.int64)
    ends = rows["last_day"].to_numpy(dtype=np.int64)
    articles = pd.factorize(rows["article"])[0]
    pending = rows["group"].isna().to_numpy()
    narrow = ends - starts < NARROW_DAYS
    found: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    lowest = min(thresholds.narrow, thresholds.coarse)
    narrow_rows = _Sorted(np.flatnonzero(narrow), starts, ends, pending)
    wide_rows = _Sorted(np.flatnonzero(~narrow), starts, ends, pending)

    def score(left: np.ndarray, right: _Sorted, forward: bool) -> None:
        """Score `left` (pending, sorted) against the rows of `right` (sorted) they reach."""
        for first in range(0, len(left), CHUNK_ROWS):
            chunk = left[first : first + CHUNK_ROWS]
            low = right.first_at(starts[chunk].min() - right.longest)
            if forward:  # pending rows before the chunk were scored from their own side
                low = right.skip_pending(low, right.position(chunk[0]))
            high = right.first_at(ends[chunk].max() + 1)
            if high <= low:
                continue
            candidates = right.rows[low:high]
            product = (vectors[chunk] @ vectors[candidates].T).tocoo()
            scores = product.data
            similar = (scores >= lowest) & (scores > 0)  # most products are far below: cut first
            a, b, scores = (
                chunk[product.row[similar]],
                candidates[product.col[similar]],
                scores[similar],
            )
            keep = (starts[b] <= ends[a]) & (ends[b] >= starts[a]) & (articles[a] != articles[b])
            if forward:
                keep &= ~pending[b] | (right.order[b] > right.order[a])
            # one side wider than a week, or a span told at another precision ("last week"
            # and a day): it shares its days with more events, so it needs more evidence
            coarse = ~narrow[a] | ~narrow[b] | ((ends[a] - starts[a]) != (ends[b] - starts[b]))
            keep &= scores >= np.where(coarse, thresholds.coarse, thresholds.narrow)
            a, b, scores = a[keep], b[keep], scores[keep]
            keep = matrix.agree(a, b)
            found.append((a[keep], b[keep], scores[keep]))

    pending_narrow = narrow_rows.rows[pending[narrow_rows.rows]]
    pending_wide = wide_rows.rows[pending[wide_rows.rows]]
    score(pending_narrow, narrow_rows, forward=True)
    score(pending_narrow, wide_rows.grouped(), forward=False)  # pending wide: scored below
    score(pending_wide, narrow_rows, forward=False)
    score(pending_wide, wide_rows, forward=True)
    if not found:
        return empty
    return (
        np.concatenate([part[0] for part in found]),
        np.concatenate([part[1] for part in found]),
        np.concatenate([part[2] for part in found]),
    )


class _Sorted:
    """Some rows sorted by start day, with lookups by day and by position."""

    def __init__(
        self, rows: np.ndarray, starts: np.ndarray, ends: np.ndarray, pending: np.ndarray
    ) -> None:
        self.rows = rows[np.argsort(starts[rows], kind="stable")]
        self.starts = starts[self.rows]
        # a row overlapping one that starts on day d starts on d - longest or later
        self.longest = int((ends[self.rows] - self.starts).max()) if len(rows) else 0
        self.pending = pending
        self.order = np.full(len(starts), -1, dtype=np.int64)
        self.order[self.rows] = np.arange(len(self.rows))
        grouped = ~pending[self.rows]
        self.grouped_before = np.concatenate([[0], np.cumsum(grouped)])
        self._all = (starts, ends)

    def first_at(self, day: int) -> int:
        """The position of the first row starting on or after `day`."""
        return int(np.searchsorted(self.starts, day, side="left"))

    def position(self, row: int) -> int:
        return int(self.order[row])

    def skip_pending(self, low: int, upto: int) -> int:
        """`low`, or `upto` when every row in between is pending (nothing there to score)."""
        if upto > low and self.grouped_before[upto] == self.grouped_before[low]:
            return upto
        return low

    def grouped(self) -> _Sorted:
        """Only the rows already in groups."""
        keep = self.rows[~self.pending[self.rows]]
        return _Sorted(keep, *self._all, self.pending)


def assign_groups(
    rows: pd.DataFrame, frequencies: Frequencies, thresholds: Thresholds = DEFAULT_THRESHOLDS
) -> pd.DataFrame:
    """Merge the pending rows (no `group`) into the groups of the others; return all the rows
    with `group` and `weight` set. Every group is named by one of its rows' `event_id`: an old
    group keeps its name (two old groups bridged by a new row take the smaller), a new one takes
    its smallest member's."""
    rows = rows.reset_index(drop=True)
    if rows.empty:
        return rows
    matrix = TermMatrix.of(rows, frequencies, thresholds)
    left, right, score = candidate_pairs(rows, frequencies, thresholds, matrix)
    roots, weights = _join(rows, left, right, score, matrix)
    old_names: dict[int, str] = {}  # root -> its smallest old group name
    new_names: dict[int, str] = {}  # root -> its smallest member id
    for root, old, event_id in zip(roots, rows["group"], rows["event_id"], strict=True):
        if old is not None:
            old_names[root] = min(old_names.get(root, old), old)
        new_names[root] = min(new_names.get(root, event_id), event_id)
    return rows.assign(
        group=[old_names.get(root, new_names[root]) for root in roots], weight=weights
    )


def _join(
    rows: pd.DataFrame,
    left: np.ndarray,
    right: np.ndarray,
    score: np.ndarray,
    matrix: TermMatrix,
) -> tuple[list[int], list[float]]:
    """Union-find: the old groups as they are, then the pairs best first; never two rows of one
    article in a group, never a group whose spans share no day, never two groups naming
    different participants or quoting different figures (a row naming none cannot bridge
    "Compaq shares fell" and "Oneida shares closed"). Returns each row's root and its summed
    accepted pair scores."""
    count = len(rows)
    parent = list(range(count))
    articles: list[set[str]] = [{article} for article in rows["article"].tolist()]
    marks: dict[int, tuple[frozenset[int], frozenset[int]]] = {}  # root -> its marks, once asked

    def marks_of(root: int) -> tuple[frozenset[int], frozenset[int]]:
        if root not in marks:
            marks[root] = matrix.marks_of(root)
        return marks[root]

    def differ(a: int, b: int) -> bool:
        """Whether two groups name different participants or quote different figures."""
        return any(
            ours and theirs and ours.isdisjoint(theirs)
            for ours, theirs in zip(marks_of(a), marks_of(b), strict=True)
        )

    low = rows["first_day"].tolist()
    high = rows["last_day"].tolist()
    weights = rows["weight"].astype(float).tolist()

    def find(node: int) -> int:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    def unite(a: int, b: int) -> None:
        ours, theirs = marks_of(a), marks_of(b)
        marks[a] = (ours[0] | theirs[0], ours[1] | theirs[1])
        parent[b] = a
        articles[a] |= articles[b]
        low[a], high[a] = max(low[a], low[b]), min(high[a], high[b])

    first_of: dict[str, int] = {}
    for position, group in enumerate(rows["group"].tolist()):
        if group is None:
            continue
        if group in first_of:
            unite(find(first_of[group]), position)
        else:
            first_of[group] = position
    order = np.lexsort((right, left, -score))
    for a_row, b_row, value in zip(
        left[order].tolist(), right[order].tolist(), score[order].tolist(), strict=True
    ):
        a, b = find(a_row), find(b_row)
        if a == b or not articles[a].isdisjoint(articles[b]):
            continue
        if low[a] > high[b] or low[b] > high[a]:  # no day in common
            continue
        if differ(a, b):
            continue
        unite(a, b)
        weights[a_row] += value
        weights[b_row] += value
    return [find(node) for node in range(count)], weights


def merged_frame(events: pd.DataFrame, grouped: pd.DataFrame) -> pd.DataFrame:
    """One row per group of `grouped` (merge rows with `group` and `weight`); rows of `events`
    in no group stand alone. See `merge_events` for the columns."""
    events = events.reset_index(drop=True)
    if events.empty:
        return pd.DataFrame(columns=list(MERGED_COLUMNS))
    ids = events["event_id"].astype(str)
    group_of = pd.Series(grouped["group"].to_numpy(), index=grouped["event_id"].to_numpy())
    weight_of = pd.Series(grouped["weight"].to_numpy(), index=grouped["event_id"].to_numpy())
    mapped = ids.map(group_of)
    labels = np.where(mapped.notna(), mapped.to_numpy(dtype=object), ids.to_numpy(dtype=object))
    codes = pd.factorize(labels)[0]
    position = np.arange(len(events))
    spans = ((events["date_end"] - events["date_start"]).dt.days + 1).to_numpy(dtype=float)
    spans = np.where(np.isnan(spans), np.inf, spans)
    published = events["published"].to_numpy(dtype="datetime64[D]").astype(np.int64)
    published = np.where(events["published"].isna(), np.iinfo(np.int64).max, published)
    weight = ids.map(weight_of).fillna(0.0).to_numpy(dtype=float)

    # The most precise date speaks for the group (ties: the earliest row); the most central
    # mention whose label starts with its subject (a capital: "Kopp was indicted") names it;
    # mentions are listed by publication.
    best = _first_per_group(codes, np.lexsort((position, spans, codes)))
    headless = ~events["event"].astype(str).str[:1].str.isupper().to_numpy(dtype=bool)
    central = _first_per_group(codes, np.lexsort((position, -weight, headless, codes)))
    members = np.lexsort((position, published, codes))
    edges = [0, *(np.flatnonzero(np.diff(codes[members])) + 1).tolist(), len(members)]
    columns = {key: _plain(events[key].iloc[members]) for key in MENTION_KEYS}
    mentions = [  # in member order: a group's mentions are one slice of it
        dict(zip(MENTION_KEYS, values, strict=True))
        for values in zip(*columns.values(), strict=True)
    ]
    articles = columns["article"]
    labels_text = events["event"].tolist()

    chosen = np.argsort(best, kind="stable").tolist()  # groups in input order of their best row
    merged = events.iloc[best[chosen]].reset_index(drop=True)
    merged["event"] = [labels_text[central[g]] for g in chosen]
    # a group holds one row per article: its articles are its sources, each once
    merged["sources"] = [articles[edges[g] : edges[g + 1]] for g in chosen]
    merged["mentions"] = [mentions[edges[g] : edges[g + 1]] for g in chosen]
    merged["count"] = merged["mentions"].map(len).astype("int64")
    return merged[list(MERGED_COLUMNS)]


def _first_per_group(codes: np.ndarray, order: np.ndarray) -> np.ndarray:
    """For rows sorted by `order` (codes first), the first row of each code, by code."""
    sorted_codes = codes[order]
    starts = np.flatnonzero(np.concatenate([[True], sorted_codes[1:] != sorted_codes[:-1]]))
    return order[starts]


def _plain(column: pd.Series) -> list[Any]:
    """Column values as plain Python (int, str, None), ready for JSON."""
    values = column.tolist()
    if not column.hasnans:  # the usual case: no check per value
        return values
    return [None if not isinstance(v, str) and pd.isna(v) else v for v in values]
