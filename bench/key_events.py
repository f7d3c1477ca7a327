"""Merging at ingest, key events and the chronology at scale (issue 15); prints, asserts nothing.

Run: `.venv/bin/python bench/key_events.py [ARTICLES] [--folder DIR] [--runs N]` (default
10,000 articles of `bench/corpus.py`, cached in /tmp/timeline-bench/corpus-N; `--folder` reads
an existing folder instead, never writing into it). Stores go to a temporary folder. Reports:

1. ingest (2 workers, new store) with merging and without (`ingest(merge=False)`: no merge
   words, no groups), in turn A B A B ... `--runs` times after one uncounted pair: wall and
   CPU seconds (this process and its workers) of every run, the medians, and the median of
   the pairwise ratios (target: merging costs at most 1.3x);
2. the merge step alone: every stored event merged again from pending (the groups emptied);
3. a later ingest that brings one new article: the folder checked, one file extracted, its
   events compared with the stored ones their spans overlap;
4. the key-events view: the merged events read from the store (the first time in a process,
   then again), their ranking (once per store state), and the top events per period of the
   whole corpus and of its last year on the ranking (target: ready in 1 s warm);
5. the chronology: the first page and the last page of every event in date order.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.corpus import BENCH_DIR, cached_corpus  # noqa: E402
from timeline.chronology import chronology  # noqa: E402
from timeline.ingest import ingest  # noqa: E402
from timeline.key_events import key_events, rank_events, top_events  # noqa: E402
from timeline.store import open_store  # noqa: E402

WORKERS = 2
NEW_ARTICLE = (
    " date 2021-06-03 Ministers met on Thursday to sign the border treaty. Talks resume in "
    "March 2022, officials said, after the vote last week.\n"
)


def timed(work: Callable[[], Any]) -> tuple[float, float, Any]:
    """Wall and CPU seconds (this process and the children it waited for) of `work()`."""
    before, began = os.times(), time.perf_counter()
    result = work()
    after, wall = os.times(), time.perf_counter() - began
    cpu = sum(after[:4]) - sum(before[:4])
    return wall, cpu, result


def fresh_ingest(folder: Path, db: Path, **options: Any) -> tuple[float, float, Any]:
    """`timed` ingest of `folder` into a new store at `db` (`options` go to `ingest`)."""
    for stale in db.parent.glob(db.name + "*"):
        stale.unlink()
    return timed(lambda: ingest([folder], db, workers=WORKERS, **options))


def show(label: str, samples: list[float], digits: int = 2) -> str:
    listed = ", ".join(f"{sample:.{digits}f}" for sample in samples)
    return f"{label} median {statistics.median(samples):.{digits}f} s ({listed})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", nargs="?", type=int, default=10_000)
    parser.add_argument("--folder", type=Path, help="an existing folder of articles (read only)")
    parser.add_argument("--runs", type=int, default=3, help="ingest pairs (with, without)")
    args = parser.parse_args()
    folder = args.folder or BENCH_DIR / f"corpus-{args.articles}"
    if args.folder is None:
        cached_corpus(folder, args.articles)
    files = sum(1 for _ in folder.glob("*.txt"))
    work = Path(tempfile.mkdtemp(prefix="timeline-key-events-"))
    try:
        run(folder, files, work, args.runs)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(folder: Path, files: int, work: Path, runs: int) -> None:
    print(f"{files:,} articles in {folder}; {WORKERS} workers; stores in {work}", flush=True)
    merged_db, plain_db = work / "merged.sqlite", work / "plain.sqlite"
    for merge in (True, False) if runs else (True,):  # warm-up, not counted (imports, rules,
        # the file cache); with no runs, it builds the store the rest reads
        fresh_ingest(folder, merged_db if merge else plain_db, merge=merge)
    walls: dict[bool, list[float]] = {True: [], False: []}
    cpus: dict[bool, list[float]] = {True: [], False: []}
    for _ in range(runs):
        for merge in (True, False):
            wall, cpu, report = fresh_ingest(folder, merged_db if merge else plain_db, merge=merge)
            walls[merge].append(wall)
            cpus[merge].append(cpu)
            print(
                f"  ingest {'with' if merge else 'without'} merging: {wall:.2f} s wall, "
                f"{cpu:.2f} s CPU ({report.events:,} events, {report.merged:,} merged)",
                flush=True,
            )
    if runs:
        for merge in (True, False):
            name = "with merging:   " if merge else "without merging:"
            print(f"1. ingest {name} {show('wall', walls[merge])}; {show('CPU', cpus[merge])}")
        wall = statistics.median(a / b for a, b in zip(walls[True], walls[False], strict=True))
        cpu = statistics.median(a / b for a, b in zip(cpus[True], cpus[False], strict=True))
        print(f"   ratio (median of pairs): wall {wall:.2f}x, CPU {cpu:.2f}x; target 1.3x")

    store = open_store(merged_db)
    try:
        with store.connection:
            store.connection.execute("UPDATE event_groups SET grp = NULL, weight = 0")
        wall, cpu, merged = timed(store.merge_pending)
        print(
            f"2. merge step, every event pending: {wall:.2f} s ({cpu:.2f} s CPU), {merged:,} events"
        )
    finally:
        store.close()

    extra = work / "later"
    extra.mkdir()
    (extra / "2021-06-03_new.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    wall, cpu, report = timed(lambda: ingest([folder, extra], merged_db, workers=WORKERS))
    print(
        f"3. a later ingest bringing one new article: {wall:.2f} s ({cpu:.2f} s CPU) "
        f"({report.extracted} extracted, {report.merged} merged, {report.unchanged:,} unchanged)"
    )

    store = open_store(merged_db)
    try:
        first, first_cpu, merged_events = timed(store.merged_events)
        again, again_cpu, _ = timed(store.merged_events)
        print(
            f"4. key events: merged events read from the store {first:.2f} s ({first_cpu:.2f} s "
            f"CPU; the first in this process), {again:.2f} s ({again_cpu:.2f} s CPU) again "
            f"({len(merged_events):,} merged events)"
        )
        ranking = [timed(lambda: rank_events(merged_events))[0] for _ in range(3)]
        ranked = rank_events(merged_events)
        print(f"   ranked once per store state: {show('', ranking).strip()}")
        last_year = ranked["date_start"].max() - pd.Timedelta(days=365)
        for name, window in (
            ("the whole corpus", {}),
            ("its last year", {"start": last_year.date(), "end": ranked["date_start"].max()}),
        ):
            samples = [
                timed(lambda window=window: top_events(ranked, period="auto", **window))[0]
                for _ in range(5)
            ]
            shown = top_events(ranked, period="auto", **window)
            print(
                f"   the view of {name}, top 10 per period (warm: on the ranking): "
                f"{show('', samples).strip()} ({len(shown):,} rows); target 1 s warm"
            )
        cold = timed(lambda: key_events(merged_events, period="auto"))[0]
        print(f"   the same from the merged frame, ranking included: {cold:.2f} s")
        events = store.events()
    finally:
        store.close()
    for name, frame in (("events", events), ("merged events", merged_events)):
        first_page = [timed(lambda frame=frame: chronology(frame))[0] for _ in range(3)]
        page = chronology(frame)
        last = page.pages - 1
        last_page = timed(lambda frame=frame, last=last: chronology(frame, page=last))[0]
        print(
            f"5. chronology of {len(frame):,} {name} by {page.grouping}: first page "
            f"{show('', first_page).strip()}, last page {last_page:.2f} s ({page.pages} pages)"
        )


if __name__ == "__main__":
    main()
