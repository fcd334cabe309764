"""The early-forked worker pool: results in order, failures reported, no orphan left."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import time

import pytest

from press.layout.workers import WorkerFailed, Workers

from .conftest import alive

pytestmark = pytest.mark.slow  # every test here builds, renders or starts processes


def _square(offset: int, item: int) -> int:
    return item * item + offset


def _fail(_: None, item: int) -> int:
    raise ValueError(f"item {item} is wrong")


def _nothing() -> None:
    return None


def test_map_returns_results_in_order_and_hears_each() -> None:
    workers = Workers(_nothing, 1, most=2)
    heard: list[int] = []
    try:
        assert workers.map(_square, 10, list(range(7)), heard.append) == [
            i * i + 10 for i in range(7)]
        assert sorted(heard) == [i * i + 10 for i in range(7)]
        assert len(workers.pids) == 2  # grown to the most asked for, the second from the first
    finally:
        workers.close()
    assert workers.processes == [] and workers.pids == []


def test_a_failing_task_is_reported_with_its_traceback() -> None:
    workers = Workers(_nothing, 1)
    try:
        with pytest.raises(WorkerFailed, match="item 3 is wrong"):
            workers.map(_fail, None, [3])
    finally:
        workers.kill()


def _full(_: None, item: int) -> int:
    raise OSError(errno.ENOSPC, "No space left on device", f"/tmp/font-{item}")


def test_a_task_that_meets_a_full_disk_raises_it_as_the_worker_met_it() -> None:
    """Not a defect of the press (a WorkerFailed traceback) but the machine's: the command
    says what to do (press/core/files.machine_refused)."""
    workers = Workers(_nothing, 1)
    try:
        with pytest.raises(OSError) as raised:
            workers.map(_full, None, [3])
        assert (raised.value.errno, raised.value.filename) == (errno.ENOSPC, "/tmp/font-3")
        assert not isinstance(raised.value, WorkerFailed)
    finally:
        workers.kill()


SCRIPT = """
import os, sys
sys.path.insert(0, {root!r})
from press.layout.workers import Workers
def nothing(): return None
workers = Workers(nothing, 2)
print(" ".join(str(p) for p in workers.pids), flush=True)
os.kill(os.getpid(), 9)  # the build dies without a word
"""


def test_workers_stop_when_the_build_is_killed() -> None:
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    run = subprocess.run([sys.executable, "-c", SCRIPT.format(root=root)], capture_output=True,
                         text=True, check=False)
    pids = [int(p) for p in run.stdout.split()]
    assert len(pids) == 2
    deadline = time.monotonic() + 10
    living = pids
    while living and time.monotonic() < deadline:
        living = [p for p in pids if alive(p)]
        time.sleep(0.05)
    assert not living, f"workers {living} outlived the build"

