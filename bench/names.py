"""Following a name at scale (issue 17): what names cost at ingest, and how fast a Follow picker
gets the index and a name's events from a built store; prints, asserts nothing.

Run: `.venv/bin/python bench/names.py [ARTICLES] [--folder DIR] [--runs N] [--db STORE]`
(default 10,000 articles of `bench/corpus.py`, cached in /tmp/timeline-bench/corpus-N;
`--folder` reads an existing folder instead, never writing into it; `--db` skips step 1 and
reads that built store instead). Stores go to a temporary folder. Reports:

1. ingest (2 workers, new store) with names and without (`ingest(names=False)`), in turn
   A B A B ... `--runs` times after one uncounted pair: wall and CPU seconds (this process and
   its workers) of every run, the medians, the median of the pairwise ratios (target: names
   cost at most 1.5x), and the store's size;
2. the index of names: made from the stored names (what the end of an ingest does when names
   changed), then read back from the store's snapshot (what a Follow picker does on every
   keystroke, with a cache or without), type-ahead (`suggest_names`) and lookup (`find_name`);
3. a name's events (`Store.name_events`): the most mentioned name, and the names at ranks 10,
   100 and 1,000 of the index: seconds (median of three) and rows.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.corpus import BENCH_DIR, cached_corpus  # noqa: E402
from bench.key_events import WORKERS, fresh_ingest, show, timed  # noqa: E402
from timeline.follow import find_name, name_index, suggest_names  # noqa: E402
from timeline.store import open_store  # noqa: E402

RANKS = (0, 9, 99, 999)  # the names whose events are read: the most mentioned, 10th, ...


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", nargs="?", type=int, default=10_000)
    parser.add_argument("--folder", type=Path, help="an existing folder of articles (read only)")
    parser.add_argument("--runs", type=int, default=3, help="ingest pairs (with, without)")
    parser.add_argument("--db", type=Path, help="a built store to read (skips the ingest)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="timeline-names-"))
    try:
        if args.db is None:
            folder = args.folder or BENCH_DIR / f"corpus-{args.articles}"
            if args.folder is None:
                cached_corpus(folder, args.articles)
            db = ingest_costs(folder, work, args.runs)
        else:
            db = args.db
        read_costs(db)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def ingest_costs(folder: Path, work: Path, runs: int) -> Path:
    """Step 1; returns the store built with names."""
    files = sum(1 for _ in folder.glob("*.txt"))
    print(f"{files:,} articles in {folder}; {WORKERS} workers; stores in {work}", flush=True)
    dbs = {True: work / "names.sqlite", False: work / "plain.sqlite"}
    for names in (True, False):  # warm-up, not counted (imports, rules, the file cache)
        fresh_ingest(folder, dbs[names], names=names)
    walls: dict[bool, list[float]] = {True: [], False: []}
    cpus: dict[bool, list[float]] = {True: [], False: []}
    for _ in range(runs):
        for names in (True, False):
            wall, cpu, report = fresh_ingest(folder, dbs[names], names=names)
            walls[names].append(wall)
            cpus[names].append(cpu)
            print(
                f"  ingest {'with' if names else 'without'} names: {wall:.2f} s wall, "
                f"{cpu:.2f} s CPU ({report.articles:,} articles)",
                flush=True,
            )
    if runs:
        for names in (True, False):
            label = "with names:   " if names else "without names:"
            walled, spent = show("wall", walls[names], 3), show("CPU", cpus[names], 3)
            print(f"1. ingest {label} {walled}; {spent}")
        wall = statistics.median(a / b for a, b in zip(walls[True], walls[False], strict=True))
        cpu = statistics.median(a / b for a, b in zip(cpus[True], cpus[False], strict=True))
        print(f"   ratio (median of pairs): wall {wall:.2f}x, CPU {cpu:.2f}x; target 1.5x")
    sizes = {
        names: sum(f.stat().st_size for f in work.glob(db.name + "*")) for names, db in dbs.items()
    }
    store = open_store(dbs[True])
    try:
        rows = store.count("names")
    finally:
        store.close()
    print(
        f"   store: {sizes[True] / 1e6:.0f} MB with names ({rows:,} name rows), "
        f"{sizes[False] / 1e6:.0f} MB without"
    )
    return dbs[True]


def read_costs(db: Path) -> None:
    """Steps 2 and 3 on a built store."""
    store = open_store(db)
    try:
        made = [timed(lambda: name_index(store.name_counts()))[0] for _ in range(3)]
        store.refresh_name_index()
        read = [timed(store.name_index)[0] for _ in range(5)]
        index = store.name_index()
        print(
            f"2. the index of {len(index):,} names: made from the stored names "
            f"{show('', made, 3).strip()}; read from the store's snapshot "
            f"{show('', read, 3).strip()}"
        )
        for typed in ("a", "uni", "gonz"):
            samples = [timed(lambda t=typed: suggest_names(index, t))[0] for _ in range(5)]
            print(f"   type-ahead {typed!r}: {show('', samples, 3).strip()}")
        for typed in (str(index["name"].iloc[0]).lower(), "Untied Stats"):
            samples = [timed(lambda t=typed: find_name(index, t))[0] for _ in range(3)]
            print(f"   lookup {typed!r}: {show('', samples, 3).strip()}")
        for rank in RANKS:
            if rank >= len(index):
                break
            found = find_name(index, str(index["name"].iloc[rank]))
            assert found is not None
            samples = []
            for _ in range(3):
                wall, _, events = timed(lambda f=found: store.name_events(f.keys, f.own_names))
                samples.append(wall)
            print(
                f"3. events of {found.name!r} (rank {rank + 1}, "
                f"{int(index['articles'].iloc[rank]):,} articles): "
                f"{show('', samples, 3).strip()}, {len(events):,} rows"
            )
    finally:
        store.close()


if __name__ == "__main__":
    main()
