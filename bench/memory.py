"""Peak resident memory of a process and all its descendants, sampled from /proc (Linux).

`getrusage(RUSAGE_CHILDREN).ru_maxrss` only gives the largest single process; a parent with two
workers holds all three at once, so the benchmarks sum the tree's RSS a few times a second.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from types import TracebackType

PAGE_BYTES = os.sysconf("SC_PAGE_SIZE")


def tree_rss_bytes(pid: int) -> int:
    """RSS of `pid` plus every descendant now alive (0 when it is gone)."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            total += int(Path(f"/proc/{current}/statm").read_text().split()[1]) * PAGE_BYTES
            for task in Path(f"/proc/{current}/task").iterdir():
                stack.extend(int(child) for child in (task / "children").read_text().split())
        except (OSError, ValueError):  # the process ended between two reads
            continue
    return total


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
