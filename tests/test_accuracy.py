"""Accuracy floors on public gold: a regression in extraction or normalization fails here.

The floors sit just under the figures measured with `python -m timeline evaluate` (see the
README's Accuracy table); raise them when the tagger improves. WikiWars types every expression
DATE (its TimeML comes from TIMEX2), so its type accuracy has no floor.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline.scoring.gold import read_corpus
from timeline.scoring.tempeval import score_corpus

CORPORA = Path(__file__).parents[1].parent / "shared" / "corpora"

# corpus folder -> (strict F1, relaxed F1, value F1, type accuracy or None) floors
FLOORS: dict[str, tuple[float, float, float, float | None]] = {
    "tbaq-cleaned": (0.883, 0.939, 0.819, 0.953),
    "meantime-en/intra-doc_annotation": (0.876, 0.913, 0.822, 0.948),
    "wikiwars-tml": (0.865, 0.930, 0.814, None),
}


@pytest.mark.parametrize("corpus", list(FLOORS), ids=list(FLOORS))
def test_scores_stay_above_the_floor(corpus: str) -> None:
    folder = CORPORA / corpus
    if not folder.is_dir():
        pytest.skip(f"gold corpus not found at {folder} (../shared/corpora beside the repo)")
    scores = score_corpus(read_corpus(folder))
    strict, relaxed, value, type_accuracy = FLOORS[corpus]
    assert scores.strict.f1 >= strict
    assert scores.relaxed.f1 >= relaxed
    assert scores.value.f1 >= value
    assert type_accuracy is None or scores.type_accuracy >= type_accuracy
