"""Extraction speed: our `tag_text` beside dateparser's `search_dates` and a one-regex floor.

    python bench/extraction.py [--articles N] [--seed S] [--dateparser-sample K]

The corpus comes from `bench/corpus.py` (in memory, deterministic). `search_dates` is slow, so it
runs on an evenly spread sample of K articles and its rates are per sample (they are rates, so
they compare directly; the projected time for the whole corpus is printed beside them). The regex
floor is one compiled alternation of month names, weekdays, relative words and digits, scanned
once over every text (case-sensitive): about the least any scanner must do. Rates are per CPU
second of this process (each method is single-threaded and CPU-bound), so other work on a shared
machine does not skew them; wall-clock seconds are printed beside. Numbers are printed, never
asserted.
"""

from __future__ import annotations

import argparse
import re
import resource
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

_ROOT = Path(__file__).resolve().parents[1]
if str(_ROOT) not in sys.path:  # run as `python bench/extraction.py`: make packages importable
    sys.path.insert(0, str(_ROOT))

from bench.corpus import article_pairs  # noqa: E402

Pairs = Sequence[tuple[str, date]]

FLOOR = re.compile(  # case-sensitive on purpose: re.IGNORECASE makes the same scan ~3x slower
    r"\b(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?"
    r"|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
    r"|[Tt]oday|[Tt]omorrow|[Yy]esterday|ago|[Ll]ast|[Nn]ext|[Tt]his|week|month|year"
    r"|\d+)\b"
)


@dataclass(frozen=True)
class Run:
    """One method's timing on a set of articles."""

    method: str
    articles: int
    megabytes: float
    seconds: float  # wall clock
    cpu_seconds: float  # this process's CPU time: shows when other work shared the machine
    found: int
    note: str = ""

    @property
    def articles_per_second(self) -> float:
        """Per CPU second: every method is single-threaded and CPU-bound (see the module doc)."""
        return self.articles / self.cpu_seconds if self.cpu_seconds else float("inf")

    @property
    def megabytes_per_second(self) -> float:
        """Per CPU second, like `articles_per_second`."""
        return self.megabytes / self.cpu_seconds if self.cpu_seconds else float("inf")


def _megabytes(pairs: Pairs) -> float:
    return sum(len(text.encode("utf-8")) for text, _ in pairs) / 1e6


def _time(method: str, pairs: Pairs, count: Callable[[str, date], int], note: str = "") -> Run:
    found = 0
    start, cpu_start = time.perf_counter(), time.process_time()
    for text, published in pairs:
        found += count(text, published)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    return Run(method, len(pairs), _megabytes(pairs), seconds, cpu, found, note)


def run_tag_text(pairs: Pairs) -> Run:
    """Time `timeline.anchor.tag_text` over every article (rules loaded before the clock)."""
    from timeline.anchor import tag_text

    tag_text("warm up on Monday, February 20, 2017", date(2017, 2, 22))
    return _time("timeline tag_text", pairs, lambda text, day: len(tag_text(text, day)))


def run_regex_floor(pairs: Pairs) -> Run:
    """Time one compiled-regex pass (finditer) over every article."""
    return _time(
        "single regex pass (floor)",
        pairs,
        lambda text, day: sum(1 for _ in FLOOR.finditer(text)),
        "tokens, not expressions",
    )


def run_search_dates(pairs: Pairs, sample: int) -> Run:
    """Time `dateparser.search.search_dates` on an evenly spread sample of the articles."""
    from dateparser.search import search_dates

    step = max(1, len(pairs) // max(1, sample))
    chosen = list(pairs[::step])[:sample]

    def count(text: str, published: date) -> int:
        base = datetime(published.year, published.month, published.day)
        found = search_dates(text, languages=["en"], settings={"RELATIVE_BASE": base})
        return len(found or [])

    search_dates("warm up on Monday", languages=["en"])
    run = _time("dateparser search_dates", chosen, count)
    projected = run.cpu_seconds * len(pairs) / max(1, len(chosen))
    note = f"sample of {len(chosen)}; all {len(pairs):,} would take ~{projected:,.0f} CPU s"
    return replace(run, note=note)


def format_table(runs: Sequence[Run]) -> str:
    """The runs as a fixed-width table; rates are per CPU second."""
    header = (
        f"{'method':28}{'articles':>10}{'MB':>8}{'wall s':>10}{'cpu s':>9}{'articles/s':>12}"
        f"{'MB/s':>9}{'found':>9}  note"
    )
    lines = [header, "-" * len(header)]
    for r in runs:
        lines.append(
            f"{r.method:28}{r.articles:>10,}{r.megabytes:>8.2f}{r.seconds:>10.2f}{r.cpu_seconds:>9.2f}"
            f"{r.articles_per_second:>12,.1f}{r.megabytes_per_second:>9.2f}{r.found:>9,}  {r.note}"
        )
    return "\n".join(lines)


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    """Generate the corpus, time the three methods, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000, metavar="N")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--dateparser-sample", type=int, default=50, metavar="K")
    args = parser.parse_args(argv)

    start = time.perf_counter()
    pairs = article_pairs(args.articles, args.seed)
    generated = time.perf_counter() - start
    print(
        f"corpus: {len(pairs):,} articles, {_megabytes(pairs):.2f} MB "
        f"(bench/corpus.py, seed {args.seed}, generated in {generated:.1f} s)"
    )
    runs = []
    rss_after_tagging = None
    try:
        runs.append(run_tag_text(pairs))
        rss_after_tagging = peak_rss_mb()
    except ImportError as error:
        print(f"timeline tag_text: not available ({error})")
    runs.append(run_regex_floor(pairs))
    if args.dateparser_sample > 0:
        runs.append(run_search_dates(pairs, args.dateparser_sample))
    print(format_table(runs))
    ours = next((r for r in runs if r.method == "timeline tag_text"), None)
    floor = next(r for r in runs if r.method.startswith("single regex"))
    slow = next((r for r in runs if r.method.startswith("dateparser")), None)
    if ours is not None:
        summary = f"tag_text: {floor.megabytes_per_second / ours.megabytes_per_second:.1f}x "
        summary += "slower than the regex floor"
        if slow is not None:
            summary += f", {ours.megabytes_per_second / slow.megabytes_per_second:.0f}x faster "
            summary += "than search_dates"
        print(summary + " (MB per CPU second)")
    if rss_after_tagging is not None:
        print(f"peak RSS after tag_text (corpus in memory + tagger): {rss_after_tagging:.0f} MB")
    print(f"peak RSS of the whole run (+ regex, dateparser): {peak_rss_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
