"""Ingest through a local Dask cluster beside the local process pool, on the same articles.

    .venv/bin/python bench/dask_ingest.py [--articles 10000 | --corpus DIR] [--workers 2]
        [--repeats 1]

Starts `dask scheduler` and one `dask worker --nworkers W --nthreads 1` the README's way
(separate processes from a clean environment, PYTHONPATH the checkout, loopback), then times
`python -m timeline ingest DIR --db NEW --workers W` and `... --dask ADDRESS` into fresh stores,
alternating (pool, cluster, pool, cluster, ...) so that drift on a shared machine hits both.
Prints every run's wall seconds and CPU seconds of every process involved (the client and its
pool; the scheduler and the workers), then the overhead of the cluster per article: the
difference of the medians, wall and CPU. The cluster is started once and warmed up with a few
files, as a cluster that serves many ingests would be. Asserts nothing.

The corpus is `bench/corpus.py`'s (cached under /tmp/timeline-bench), or the .txt files of
--corpus DIR, which is only read: stores always go to a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

_ROOT = Path(__file__).resolve().parents[1]
if str(_ROOT) not in sys.path:  # run as `python bench/dask_ingest.py`: make packages importable
    sys.path.insert(0, str(_ROOT))

from bench.corpus import BENCH_DIR, cached_corpus  # noqa: E402
from bench.memory import tree_cpu_seconds  # noqa: E402
from tests.cluster import LocalProcesses, local_processes, wait_for_workers  # noqa: E402

WARM_UP_FILES = 20


@dataclass(frozen=True)
class Run:
    """One ingest into a fresh store."""

    how: str  # "pool" or "dask"
    seconds: float  # wall clock
    client_cpu: float  # the ingest process and its pool
    cluster_cpu: float  # the scheduler and the workers (0 for the pool)
    summary: str  # the command's last line

    @property
    def cpu(self) -> float:
        return self.client_cpu + self.cluster_cpu


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_ingest(
    how: str, folder: Path, store: Path, workers: int, cluster: tuple[LocalProcesses, str]
) -> Run:
    processes, address = cluster
    command = [sys.executable, "-m", "timeline", "ingest", str(folder), "--db", str(store)]
    command += ["--dask", address] if how == "dask" else ["--workers", str(workers)]
    cluster_before = sum(tree_cpu_seconds(p.pid) for p in processes.processes)
    client_before, start = _children_cpu(), time.perf_counter()
    done = subprocess.run(command, cwd=_ROOT, capture_output=True, text=True)
    seconds, client_cpu = time.perf_counter() - start, _children_cpu() - client_before
    cluster_cpu = sum(tree_cpu_seconds(p.pid) for p in processes.processes) - cluster_before
    summary = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""
    if done.returncode not in (0, 1) or " files: " not in summary:  # 1: a file was left out
        raise RuntimeError(f"{' '.join(command)} exited with {done.returncode}:\n{done.stderr}")
    return Run(how, seconds, client_cpu, cluster_cpu if how == "dask" else 0.0, summary)


def report(runs: Sequence[Run], articles: int) -> str:
    lines = ["| run | wall s | articles/s | CPU s: client | CPU s: cluster | CPU s: all |"]
    lines.append("|---|---|---|---|---|---|")
    for run in runs:
        lines.append(
            f"| {run.how} | {run.seconds:.1f} | {articles / run.seconds:.0f} | "
            f"{run.client_cpu:.1f} | {run.cluster_cpu:.1f} | {run.cpu:.1f} |"
        )
    medians = {}
    for how in ("pool", "dask"):
        chosen = [run for run in runs if run.how == how]
        medians[how] = (
            statistics.median(run.seconds for run in chosen),
            statistics.median(run.cpu for run in chosen),
        )
    wall = (medians["dask"][0] - medians["pool"][0]) / articles * 1000
    cpu = (medians["dask"][1] - medians["pool"][1]) / articles * 1000
    lines.append("")
    lines.append(
        f"cluster overhead per article (medians, dask - pool): {wall:+.2f} ms wall, "
        f"{cpu:+.2f} ms CPU (all processes); pool {medians['pool'][0]:.1f} s, "
        f"dask {medians['dask'][0]:.1f} s wall"
    )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000, metavar="N")
    parser.add_argument("--corpus", type=Path, default=None, metavar="DIR", help="read only")
    parser.add_argument("--workers", type=int, default=2, metavar="W")
    parser.add_argument("--repeats", type=int, default=1, metavar="R", help="runs of each")
    args = parser.parse_args(argv)
    if args.corpus:
        paths = sorted(args.corpus.glob("*.txt"))
        folder = args.corpus
    else:
        folder = BENCH_DIR / f"corpus-{args.articles}"
        paths, _ = cached_corpus(folder, args.articles)
    size = sum(path.stat().st_size for path in paths) / 1e6
    print(f"corpus: {len(paths):,} articles, {size:.1f} MB in {folder}", flush=True)
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}", flush=True)

    with tempfile.TemporaryDirectory(prefix="timeline-bench-dask-") as scratch:
        work = Path(scratch)
        with local_processes(work / "cluster") as processes:
            address = processes.scheduler(pythonpath=_ROOT)
            processes.workers(address, pythonpath=_ROOT, count=args.workers)
            wait_for_workers(address, args.workers)
            cluster = (processes, address)
            warm_up = work / "warm-up"
            warm_up.mkdir()
            for path in paths[:WARM_UP_FILES]:
                (warm_up / path.name).write_bytes(path.read_bytes())
            run_ingest("dask", warm_up, work / "warm-up.sqlite", args.workers, cluster)

            runs = []
            for number in range(args.repeats):
                for how in ("pool", "dask"):
                    store = work / f"{how}-{number}.sqlite"
                    runs.append(run_ingest(how, folder, store, args.workers, cluster))
                    print(f"{how}: {runs[-1].seconds:.1f} s; {runs[-1].summary}", flush=True)
    print()
    print(report(runs, len(paths)))
    print(f"\nload average at the end: {os.getloadavg()[0]:.1f} (1 min)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
