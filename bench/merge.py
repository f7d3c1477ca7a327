"""Time cross-article merging on large event frames; print numbers, assert nothing.

`.venv/bin/python bench/merge.py [ROWS ...]` merges synthetic rows (default 10000 50000 100000,
about ten rows per article, so 100,000 rows is 10,000 articles' worth): happenings spread over
three years, each told by one to six articles, plus month/year/vague/undated rows. It prints
seconds, rows/s, and how many pairs the date blocking leaves next to all pairs.

`.venv/bin/python bench/merge.py --articles 10000` runs the real pipeline on the shared benchmark
corpus (`bench/corpus.py`): extraction is timed apart, then merging.
"""

from __future__ import annotations

import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from timeline.articles import Article  # noqa: E402
from timeline.events import events_frame, extract_events  # noqa: E402
from timeline.merge import merge_events  # noqa: E402
from timeline.terms import is_mergeable  # noqa: E402

ROWS_PER_ARTICLE = 10
FIRST_DAY = date(2015, 1, 1)
DAYS = 3 * 365
FIRST = [f"{a}{b}" for a in ("Al", "Be", "Ca", "Do", "El", "Fa", "Gi", "Ho", "Is", "Ju")
         for b in ("na", "ro", "vik", "len", "mar", "tos")]  # fmt: skip
LAST = [f"{a}{b}" for a in ("Ok", "Lind", "Nak", "Har", "Kow", "Bau", "Sil", "Mor", "Tan", "Rey")
        for b in ("afor", "qvist", "amura", "dad", "alski", "mann", "va", "eau")]  # fmt: skip
PLACES = [f"{a}{b}" for a in ("Li", "Os", "Ac", "Ha", "Qu", "Ri", "Pe", "Tu", "Co", "Da")
          for b in ("ma", "lo", "cra", "noi", "ito", "ga", "rth", "nis")]  # fmt: skip
VERBS = ["met", "signed", "vetoed", "announced", "rejected", "visited", "sued", "praised",
         "appointed", "fired", "opened", "closed", "launched", "delayed", "approved"]  # fmt: skip
OBJECTS = [f"the {a} {b}" for a in ("trade", "budget", "airport", "pipeline", "election",
                                      "vaccine", "strike", "tariff", "merger", "housing")
           for b in ("deal", "law", "plan", "inquiry", "report", "reform")]  # fmt: skip
# Zipf-distributed filler words: a few very common ("officials", "said"), a long tail.
FILLER = [f"word{i}" for i in range(3000)]
FILLER_WEIGHTS = [1 / (rank + 1) for rank in range(len(FILLER))]


def synthetic_events(rows: int, seed: int = 5) -> pd.DataFrame:
    """Return an events frame of about `rows` rows from `rows // 10` articles."""
    randomizer = random.Random(seed)
    articles = max(rows // ROWS_PER_ARTICLE, 1)
    records: list[dict[str, Any]] = []
    while len(records) < rows:
        day = FIRST_DAY + timedelta(days=randomizer.randrange(DAYS))
        who = [f"{randomizer.choice(FIRST)} {randomizer.choice(LAST)}" for _ in range(2)]
        what = (randomizer.choice(VERBS), randomizer.choice(OBJECTS), randomizer.choice(PLACES))
        for _ in range(randomizer.choice((1, 1, 2, 3, 4, 6))):
            records.append(_row(randomizer, len(records), articles, day, who, what))
    return events_frame(records[:rows])


def _row(
    randomizer: random.Random,
    index: int,
    articles: int,
    day: date,
    who: list[str],
    what: tuple[str, str, str],
) -> dict[str, Any]:
    kind = randomizer.random()
    if kind < 0.80:
        start, end, granularity, expression = day, day, "day", day.strftime("%B %d, %Y")
    elif kind < 0.88:
        start = day.replace(day=1)
        end = (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        granularity, expression = "month", day.strftime("%B %Y")
    elif kind < 0.93:
        start, end, granularity, expression = (
            date(day.year, 1, 1), date(day.year, 12, 31), "year", str(day.year))  # fmt: skip
    elif kind < 0.97:
        start, end, granularity, expression = day - timedelta(days=365), day, "vague", "recently"
    else:
        start, end, granularity, expression = None, None, "unknown", "on Monday"
    verb, thing, place = what
    filler = randomizer.choices(FILLER, FILLER_WEIGHTS, k=4)
    words = [*filler[:3], who[0], "and", who[1], verb, thing, "in", place, filler[3]]
    if randomizer.random() < 0.3:
        words[3:6] = [who[1], "and", who[0]]
    sentence = " ".join([*words, "on", expression]) + "."
    article = f"art{randomizer.randrange(articles)}"
    offset = 200 * index
    begin = offset + sentence.index(expression)
    return {
        "event_id": f"{article}:{begin}",
        "article": article,
        "title": article,
        "source": f"outlet{hash(article) % 50}",
        "published": day,
        "published_from": "header",
        "text": expression,
        "start": begin,
        "end": begin + len(expression),
        "type": "DATE",
        "value": start.isoformat() if start else "XXXX-WXX-1",
        "date_start": start,
        "date_end": end,
        "granularity": granularity,
        "sentence": sentence,
        "sentence_start": offset,
        "sentence_end": offset + len(sentence),
        "event": " ".join(words),
        "rule": "bench",
    }


def corpus_events(articles: int) -> tuple[pd.DataFrame, float]:
    """Extract the events of the first `articles` benchmark articles; return them and seconds."""
    from bench.corpus import iter_articles  # the shared generator (another engineer's module)

    began = time.perf_counter()
    events = extract_events(
        Article(item.name, item.name, "bench", item.text, item.published, "header")
        for item in iter_articles(articles, 0)
    )
    return events, time.perf_counter() - began


def overlapping_pairs(events: pd.DataFrame) -> int:
    """Count the row pairs whose spans overlap: what the date blocking leaves to compare."""
    rows = events[is_mergeable(events)].sort_values("date_start")
    starts = rows["date_start"].to_numpy(dtype="datetime64[D]")
    ends = rows["date_end"].to_numpy(dtype="datetime64[D]")
    order = np.argsort(starts, kind="stable")
    reach = np.searchsorted(starts[order], ends[order], side="right")
    return int((reach - np.arange(len(rows)) - 1).sum())


def main(sizes: list[int]) -> None:
    """Print seconds, rows/s, the pairs left by date blocking, and the groups at each size."""
    print(
        f"{'rows':>8} {'seconds':>8} {'rows/s':>8} {'all pairs':>14} {'date-overlap':>13} "
        f"{'groups':>8} {'multi':>7}"
    )
    for size in sizes:
        events = synthetic_events(size)
        report(events)


def report(events: pd.DataFrame) -> None:
    """Merge once and print one line of numbers."""
    began = time.perf_counter()
    merged = merge_events(events)
    seconds = time.perf_counter() - began
    print(
        f"{len(events):>8} {seconds:>8.2f} {len(events) / seconds:>8.0f} "
        f"{len(events) * (len(events) - 1) // 2:>14} {overlapping_pairs(events):>13} "
        f"{len(merged):>8} {(merged['count'] > 1).sum():>7}",
        flush=True,
    )


if __name__ == "__main__":
    if sys.argv[1:2] == ["--articles"]:
        count = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000
        frame, extraction = corpus_events(count)
        print(f"{count} benchmark articles: {len(frame)} rows extracted in {extraction:.1f} s")
        main([])
        report(frame)
    else:
        main([int(arg) for arg in sys.argv[1:]] or [10_000, 50_000, 100_000])
