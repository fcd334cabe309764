"""Worker processes forked as a build starts, warmed while the build checks and plans.

A build in a fresh process spends most of a second importing WeasyPrint and loading fonts
before it can lay out a page. Forked here, before the build reads a file, a worker does that
on a core the build leaves idle, so that when the plan is ready the worker typesets at once.
More workers, when a build has more documents (up to one per core), are forked from that
first one once it is warm: they start with WeasyPrint loaded, its pages shared, at no cost.

Why not the standard library's ProcessPoolExecutor (with an initializer that warms each
worker)? `make bench` times both in one process, in turn ("pool, cold build" and "pool,
edited build"): on this project's 2-core machine (busy), a cold build took 19.6 s with this
pool and 25.8 s with the standard one, a build after one handout's edit 4.3 s and 17.9 s.
A forked executor starts every worker at once, each importing WeasyPrint on a core the
check needs; it cannot grow; and its workers outlive a build killed with SIGKILL.

The pool knows nothing of documents: `map` runs a module-level function on each item with
one shared value (pickled once per call, unpickled once per worker), in the workers, and
returns the results in order. Workers ignore Ctrl-C: the build decides when they stop.
"""

from __future__ import annotations

import contextlib
import hashlib
import multiprocessing
import os
import pickle
import signal
import socket
import traceback
from collections.abc import Callable, Sequence
from multiprocessing import reduction
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import TypeVar

from press.core.files import MACHINE_ERRNOS

Item = TypeVar("Item")
Shared = TypeVar("Shared")
Result = TypeVar("Result")


class WorkerFailed(RuntimeError):
    """A worker raised (the message carries its traceback) or died."""


class Workers:
    """Forked worker processes, each warmed by `warm()` as it starts."""

    def __init__(self, warm: Callable[[], None], count: int, most: int | None = None) -> None:
        self.warm = warm
        self.most = max(1, most or len(os.sched_getaffinity(0)))
        self.processes: list[BaseProcess] = []  # the first worker (the build's own child)
        self.pids: list[int] = []  # every worker's process id, the first one's first
        self.connections: list[Connection] = []
        self.grow(count)

    def grow(self, count: int) -> None:
        """Fork workers until there are `count` (never more than one per core)."""
        target = min(count, self.most)
        if not self.connections and target > 0:
            context = multiprocessing.get_context("fork")
            parent, child = context.Pipe()
            # The child closes its copy of the build's end, so that it sees end-of-file
            # (and stops) when the build ends, however it ends.
            process = context.Process(target=_serve, daemon=True,
                                      args=(child, [parent], self.warm))
            process.start()
            child.close()
            self.processes.append(process)
            self.pids.append(int(process.pid or 0))
            self.connections.append(parent)
        while len(self.connections) < target:
            self._fork_from_first()

    def _fork_from_first(self) -> None:
        """A new worker forked by the first (waiting for it to be warm), talking to the
        build over a socket the build hands it."""
        ours, theirs = socket.socketpair()
        first = self.connections[0]
        first.send(("fork",))
        reduction.send_handle(first, theirs.fileno(), self.pids[0])
        theirs.close()
        try:
            _, pid = first.recv()
        except EOFError:
            raise WorkerFailed("the first worker stopped before it could fork") from None
        self.pids.append(int(pid))
        self.connections.append(Connection(ours.detach()))

    def map(self, function: Callable[[Shared, Item], Result], shared: Shared,
            items: Sequence[Item], each: Callable[[Result], None] | None = None
            ) -> list[Result]:
        """[function(shared, item) for item in items], run in the workers; `each` is called
        here with each result as it arrives."""
        self.grow(len(items))
        blob = pickle.dumps(shared, protocol=pickle.HIGHEST_PROTOCOL)
        digest = hashlib.sha256(blob).digest()
        results: dict[int, Result] = {}
        waiting = list(enumerate(items))
        idle = list(self.connections)
        busy: dict[Connection, int] = {}
        while waiting or busy:
            while idle and waiting:
                connection = idle.pop(0)
                index, item = waiting.pop(0)
                connection.send((function, digest, blob, item))
                busy[connection] = index
            for ready in wait(list(busy)):
                assert isinstance(ready, Connection)
                try:
                    status, value = ready.recv()
                except EOFError:
                    raise WorkerFailed("a worker process stopped unexpectedly") from None
                if status == "machine":
                    raise OSError(*value)  # as the worker met it
                if status != "ok":
                    raise WorkerFailed(value)
                results[busy.pop(ready)] = value
                idle.append(ready)
                if each is not None:
                    each(value)
        return [results[index] for index in range(len(items))]

    def close(self) -> None:
        """Ask each worker to stop, and wait for the first (it reaps the others)."""
        for connection in self.connections:
            with contextlib.suppress(OSError):
                connection.send(None)
        for process in self.processes:
            process.join(timeout=5)
            if process.is_alive():
                process.kill()
                process.join()
        self._forget()

    def kill(self) -> None:
        """Stop every worker at once (the build is done, failed or was interrupted)."""
        for pid in reversed(self.pids):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        for process in self.processes:
            process.join()
        self._forget()

    def _forget(self) -> None:
        for connection in self.connections:
            connection.close()
        self.processes, self.pids, self.connections = [], [], []


def _serve(connection: Connection, builds: list[Connection], warm: Callable[[], None]) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # the workers it forks are reaped by the system
    for end in builds:
        end.close()
    with contextlib.suppress(Exception):  # what fails here fails again, reported, in a task
        warm()
    _work(connection)


def _work(connection: Connection) -> None:
    shared: dict[bytes, object] = {}
    while True:
        try:
            message = connection.recv()
        except EOFError:
            return
        if message is None:
            return
        if len(message) == 1:  # ("fork",): start another worker, warm as this one
            handle = reduction.recv_handle(connection)
            pid = os.fork()
            if pid == 0:  # the new worker: it never returns into the first one's loop
                try:
                    connection.close()
                    _work(Connection(handle))
                finally:
                    os._exit(0)
            os.close(handle)
            connection.send(("forked", pid))
            continue
        function, digest, blob, item = message
        if digest not in shared:
            shared.clear()
            shared[digest] = pickle.loads(blob)
        try:
            connection.send(("ok", function(shared[digest], item)))
        except OSError as error:  # the disk full, say: the build says what to do, not a bug
            connection.send(("machine", (error.errno, error.strerror, error.filename))
                            if error.errno in MACHINE_ERRNOS else ("error", traceback.format_exc()))
        except Exception:
            connection.send(("error", traceback.format_exc()))
