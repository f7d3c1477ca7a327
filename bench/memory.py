"""Peak resident memory (and CPU time) of a process and all its descendants, from /proc (Linux).

`getrusage(RUSAGE_CHILDREN).ru_maxrss` only gives the largest single process; a parent with two
workers holds all three at once, so the benchmarks sum the tree's RSS a few times a second.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from types import TracebackType

PAGE_BYTES = os.sysconf("SC_PAGE_SIZE")
TICKS_PER_SECOND = os.sysconf("SC_CLK_TCK")


def tree_pids(pid: int) -> list[int]:
    """`pid` and every descendant now alive (none when it is gone)."""
    found, stack = [], [pid]
    while stack:
        current = stack.pop()
        try:
            for task in Path(f"/proc/{current}/task").iterdir():
                stack.extend(int(child) for child in (task / "children").read_text().split())
        except (OSError, ValueError):  # the process ended between two reads
            continue
        found.append(current)
    return found


def tree_rss_bytes(pid: int) -> int:
    """RSS of `pid` plus every descendant now alive (0 when it is gone)."""
    return sum(_rss_bytes(process) for process in tree_pids(pid))


def tree_cpu_seconds(pid: int) -> float:
    """User + system CPU seconds so far of `pid` and every descendant now alive.

    >>> tree_cpu_seconds(os.getpid()) > 0
    True
    """
    return sum(_cpu_seconds(process) for process in tree_pids(pid))


def _rss_bytes(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE_BYTES
    except (OSError, ValueError):  # it ended since it was listed
        return 0


def _cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:  # it ended since it was listed
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICKS_PER_SECOND  # utime, stime


class PeakTreeRss:
    """Sample the tree under `pid` in a thread until the block ends; `.peak_mb` is the maximum.

    >>> import time
    >>> with PeakTreeRss(os.getpid()) as memory:
    ...     time.sleep(0.05)
    >>> memory.peak_mb > 0
    True
    """

    def __init__(self, pid: int, interval: float = 0.05) -> None:
        self.pid = pid
        self.interval = interval
        self.peak_bytes = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    @property
    def peak_mb(self) -> float:
        return self.peak_bytes / 1e6

    def __enter__(self) -> PeakTreeRss:
        self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        while True:
            self.peak_bytes = max(self.peak_bytes, tree_rss_bytes(self.pid))
            if self._stop.wait(self.interval):
                return
