"""A Dask scheduler and workers as separate processes, started as the README's cluster steps say:
the `dask` commands of this virtualenv, from a clean environment (nothing of the test process's
`sys.path`, so `timeline` imports only where PYTHONPATH names a checkout), on loopback, each in its
own process group so that a test can kill one "machine" and always ends every process it started.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent  # the virtualenv's bin: python and the `dask` command
START_SECONDS = 60  # a cold start on a loaded 2-core machine takes a few seconds


class LocalProcesses:
    """Dask processes started on this machine; `close` ends every one of them."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.processes: list[subprocess.Popen[bytes]] = []
        folder.mkdir(parents=True, exist_ok=True)

    def environment(self, pythonpath: Path | None) -> dict[str, str]:
        """A clean environment: no inherited variables, Dask's scratch space under `folder`."""
        env = {
            "PATH": f"{BIN}{os.pathsep}{os.defpath}",
            "HOME": str(self.folder),
            "DASK_TEMPORARY_DIRECTORY": str(self.folder / "scratch"),
        }
        if pythonpath is not None:
            env["PYTHONPATH"] = str(pythonpath)
        return env

    def start(
        self, command: Sequence[str], pythonpath: Path | None, cwd: Path | None = None
    ) -> subprocess.Popen[bytes]:
        """Start `command` in a new process group, its output in a log file under `folder`."""
        log = self.folder / f"{len(self.processes):02d}-{Path(command[0]).name}.log"
        with log.open("wb") as output:
            process = subprocess.Popen(
                command,
                cwd=cwd or self.folder,
                env=self.environment(pythonpath),
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.processes.append(process)
        return process

    def scheduler(self, pythonpath: Path | None) -> str:
        """Start `dask scheduler` on a free loopback port; return its address once it listens."""
        address_file = self.folder / f"scheduler-{len(self.processes)}.json"
        process = self.start(
            [
                str(BIN / "dask"),
                "scheduler",
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                "--no-dashboard",
                "--scheduler-file",
                str(address_file),
            ],
            pythonpath,
        )
        deadline = time.monotonic() + START_SECONDS
        while not address_file.exists():
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"dask scheduler did not start:\n{self.log(process)}")
            time.sleep(0.05)
        return str(json.loads(address_file.read_text())["address"])

    def workers(
        self, address: str, pythonpath: Path | None, count: int = 1
    ) -> subprocess.Popen[bytes]:
        """Start one `dask worker` command (one "machine") with `count` single-threaded workers."""
        return self.start(
            [
                str(BIN / "dask"),
                "worker",
                address,
                "--nworkers",
                str(count),
                "--nthreads",
                "1",
                "--host",
                "127.0.0.1",
                "--no-dashboard",
            ],
            pythonpath,
        )

    def log(self, process: subprocess.Popen[bytes]) -> str:
        index = self.processes.index(process)
        logs = sorted(self.folder.glob(f"{index:02d}-*.log"))
        return logs[0].read_text(errors="replace")[-3000:] if logs else ""

    def signal(self, process: subprocess.Popen[bytes], sig: int) -> None:
        """Signal the process's whole group: a `dask worker` command and the workers it spawned."""
        _signal_group(process, sig)

    def kill(self, process: subprocess.Popen[bytes]) -> None:
        """Kill the process's whole group at once, as when a machine is lost."""
        _signal_group(process, signal.SIGKILL)
        process.wait()

    def close(self) -> None:
        """End every process group started here, also those whose leader already exited."""
        for process in reversed(self.processes):
            _signal_group(process, signal.SIGTERM)  # a Dask process closes its children
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                pass
            _signal_group(process, signal.SIGKILL)  # whatever is left of the group
            process.wait()


@contextmanager
def local_processes(folder: Path) -> Iterator[LocalProcesses]:
    processes = LocalProcesses(folder)
    try:
        yield processes
    finally:
        processes.close()


def _signal_group(process: subprocess.Popen[bytes], sig: int) -> None:
    try:
        os.killpg(process.pid, sig)
    except ProcessLookupError:
        pass  # no process of the group is left


def wait_for_workers(address: str, count: int) -> list[str]:
    """Wait until the scheduler at `address` has `count` workers; return their addresses."""
    from distributed import Client

    with Client(address, timeout=START_SECONDS) as client:
        client.wait_for_workers(count, timeout=START_SECONDS)
        return sorted(client.scheduler_info()["workers"])
