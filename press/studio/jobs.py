"""The studio's builds asked for on its Builds page, one at a time, each in a child process.

    turns = Turns()                          # one build of the project at a time
    jobs = Jobs(root, turns)                 # the Builds page's queue
    job = jobs.start(Asked(places=("Brook County",)), "Brook County")
    jobs.cancel(job.id)                      # stopped within 2 s, out/ as it was

A job runs `python -m press.studio.jobrun` (press/studio/jobrun.py) in a new process group
(its typesetting workers are forked into the same group), and reads its events line by
line: the page polls the job and shows them. Cancel sends the group Ctrl-C, then kills what
is left of it a second later: out/ is published whole (press/output/publish.py), so it is
either as it was or, if the build had published, the new build. `Turns` is shared with the
studio's rebuild after a save (press/studio/preview.py), so the two never build at once and
each says what it waits for."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from press.core.manifest import LeftOut
from press.core.problems import Problem, Ruled

KEPT = 20  # the jobs the page lists (the oldest finished ones are let go)
GRACE = 1.0  # seconds a cancelled build has to stop by itself before its group is killed
REBUILD = "the studio's own rebuild"  # at its start, and after each save
STOP_AT = "PRESS_JOBS_STOP_AT"  # PRESS_STOP_AT for the Builds page's builds alone (tests)


class Turns:
    """Whose turn it is to build the project: one build at a time, in the studio's own
    process (the build lock of press/output/publish.py is the same between processes)."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self.holder = ""  # what is building now ("" when nothing is)

    @contextlib.contextmanager
    def hold(self, label: str, waiting: Callable[[str], None] = lambda holder: None
             ) -> Iterator[None]:
        """Build `label` when the turn is free; `waiting(holder)` hears each build it waits for."""
        with self._changed:
            heard = ""
            while self.holder:
                if self.holder != heard:
                    heard = self.holder
                    waiting(heard)
                self._changed.wait()
            self.holder = label
        try:
            yield
        finally:
            with self._changed:
                self.holder = ""
                self._changed.notify_all()


@dataclass(frozen=True)
class Asked:
    """What a job builds, as press/studio/jobrun.py reads it."""

    profile: str = "screen"
    places: tuple[str, ...] = ()
    edition: str = ""
    grayscale: bool = False
    funder: str = ""  # a funder's rules measured on the grant PDFs (source/funders/<funder>.yaml)


@dataclass(frozen=True)
class PlaceDone:
    """One place of a job that built places: what it left out (by handout) and its own
    warnings."""

    place: str
    folder: str  # from the project's folder: out/brook-county
    handouts: int
    failed: bool
    left_out: dict[str, list[LeftOut]]
    own: list[Problem]


@dataclass
class Job:
    """One build asked for on the Builds page, as the page shows it."""

    id: int
    asked: Asked
    label: str  # "Brook County", "the main build"
    total: int  # places it will make, or documents it typesets (0 until the build says)
    state: str = "queued"  # queued, running, done, failed, cancelled, broken
    message: str = ""  # what it waits for, or what it just did
    done: int = 0
    asked_at: float = field(default_factory=time.monotonic)
    started: float = 0.0
    ended: float = 0.0
    pid: int = 0  # its child process (the leader of its process group)
    problems: list[Problem] = field(default_factory=list)
    places: list[PlaceDone] = field(default_factory=list)
    folder: str = ""  # where it published (from the project's folder)
    ruled: list[Ruled] = field(default_factory=list)  # a funder's checklist, line by line
    words: str = ""  # a build that could not run at all, in plain words
    said: list[str] = field(default_factory=list)  # each message it has had, in order
    reached: set[str] = field(default_factory=set)  # stop points it said (PRESS_STOP_AT)
    cancelling: bool = False

    @property
    def active(self) -> bool:
        return self.state in ("queued", "running")

    def elapsed(self, now: float | None = None) -> float:
        if not self.started:
            return 0.0
        return (self.ended or (now if now is not None else time.monotonic())) - self.started


def _problems(data: list[dict[str, Any]]) -> list[Problem]:
    return [Problem(**item) for item in data]


def _place(data: dict[str, Any]) -> PlaceDone:
    return PlaceDone(data["place"], data["folder"], data["handouts"], data["failed"],
                     {file: [LeftOut(**item) for item in items]
                      for file, items in data["left_out"].items()}, _problems(data["own"]))


class Jobs:
    """The Builds page's queue: jobs build one after another, each in a child process."""

    def __init__(self, root: Path, turns: Turns) -> None:
        self.root = root
        self.turns = turns
        self.jobs: list[Job] = []
        self.lock = threading.Condition()
        self.children: dict[int, subprocess.Popen[str]] = {}
        self.runner: threading.Thread | None = None
        self.count = 0  # jobs asked for so far (each job's number)

    def start(self, asked: Asked, label: str, total: int) -> Job:
        """Queue a build of `asked`; it starts when the builds before it are done."""
        with self.lock:
            self.count += 1
            job = Job(self.count, asked, label, total)
            self.jobs.append(job)
            finished = [j for j in self.jobs if not j.active]
            for old in finished[:max(0, len(self.jobs) - KEPT)]:
                self.jobs.remove(old)
            if self.runner is None or not self.runner.is_alive():
                self.runner = threading.Thread(target=self._run, daemon=True)
                self.runner.start()
            self.lock.notify_all()
        return job

    def get(self, number: int) -> Job | None:
        with self.lock:
            return next((job for job in self.jobs if job.id == number), None)

    def seen(self, job: Job) -> Job:
        """`job` as it is at this moment, a copy: the runner changes the job itself while a
        page is drawn from it, and a page must show one state, not half of two (a job shown
        ended, so no longer polled, but without the files it made)."""
        with self.lock:
            return replace(job, problems=list(job.problems), places=list(job.places),
                           said=list(job.said), reached=set(job.reached), ruled=list(job.ruled))

    def waiting_for(self, job: Job) -> str:
        """What a queued job waits for: the build ahead of it, in words."""
        with self.lock:
            ahead = [j for j in self.jobs if j.active and j.id < job.id]
        if ahead:
            return ahead[-1].label
        return self.turns.holder or ""

    def cancel(self, number: int) -> Job | None:
        """Stop job `number`: a queued one never starts; a running one is sent Ctrl-C, and
        its process group is killed if it has not stopped a second later. Returns when the
        child and its workers are gone."""
        with self.lock:
            job = next((j for j in self.jobs if j.id == number), None)
            if job is None or not job.active:
                return job
            job.cancelling = True
            if job.state == "queued":
                job.state, job.message = "cancelled", "Cancelled before it started."
                self.lock.notify_all()
                return job
            child = self.children.get(job.id)
        if child is not None:
            _stop_group(child)
        with self.lock:
            while job.active:
                self.lock.wait()
        return job

    def wait(self, number: int, until: Callable[[Job], bool], timeout: float) -> bool:
        """Whether job `number` came to `until` within `timeout` seconds (tests wait here
        for a stop point or an end, never with a sleep)."""
        deadline = time.monotonic() + timeout
        with self.lock:
            while True:
                job = next((j for j in self.jobs if j.id == number), None)
                if job is not None and until(job):
                    return True
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self.lock.wait(left)

    # --- the runner ----------------------------------------------------------------------

    def _next(self) -> Job | None:
        with self.lock:
            return next((j for j in self.jobs if j.state == "queued"), None)

    def _run(self) -> None:
        while True:
            job = self._next()
            if job is None:
                return
            with self.turns.hold(job.label):
                if job.state != "queued":  # cancelled while it waited
                    continue
                self._build(job)

    def _update(self, job: Job, **values: Any) -> None:
        with self.lock:
            for name, value in values.items():
                setattr(job, name, value)
            job.said.append(job.message)
            self.lock.notify_all()

    def _build(self, job: Job) -> None:
        import press

        code = Path(press.__file__).resolve().parent.parent
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(
            [str(code), *filter(None, [os.environ.get("PYTHONPATH", "")])])}
        if os.environ.get(STOP_AT):  # a test's stop point for these builds alone
            env["PRESS_STOP_AT"] = os.environ[STOP_AT]
        with self.lock:
            child = subprocess.Popen(
                [sys.executable, "-m", "press.studio.jobrun", str(self.root),
                 json.dumps(asdict(job.asked))],
                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                text=True, encoding="utf-8", errors="replace", env=env,
                start_new_session=True)  # its own process group: Cancel stops it whole
            self.children[job.id] = child
            job.state, job.pid, job.started = "running", child.pid, time.monotonic()
            job.message = "Starting."
            job.said.append(job.message)
            self.lock.notify_all()
        said = threading.Thread(target=self._errors, args=(job, child), daemon=True)
        said.start()
        reaper = threading.Thread(target=_reap, args=(child,), daemon=True)
        reaper.start()
        assert child.stdout is not None
        ended: dict[str, Any] = {}
        for line in child.stdout:
            event = _event(line)
            if event.get("event") in ("done", "failed", "cancelled", "broken"):
                ended = event
            else:
                self._heard(job, event)
        reaper.join()
        said.join()
        with self.lock:
            self.children.pop(job.id, None)
            _end(job, ended, child.returncode)
            job.ended = time.monotonic()
            self.lock.notify_all()

    def close(self) -> None:
        """Stop every job (the studio is stopping: a child in its own session would not
        hear the terminal's Ctrl-C)."""
        with self.lock:
            queued = [job.id for job in self.jobs if job.active]
        for number in reversed(queued):
            self.cancel(number)

    def _heard(self, job: Job, event: dict[str, Any]) -> None:
        kind = event.get("event")
        if kind == "started":
            self._update(job, message="Checking the sources and making the PDFs.")
        elif kind == "waiting":
            self._update(job, message="Waiting for another build of this project (from the "
                         "command line or another studio) to finish.")
        elif kind == "progress":
            done, total = int(event["done"]), int(event["total"])
            last = done == total and not _places(job)
            self._update(job, done=done, total=total,
                         message=f"Made {event['what']} ({done} of {total})." +
                         (" Joining the packets and publishing." if last else ""))

    def _errors(self, job: Job, child: subprocess.Popen[str]) -> None:
        """The child's standard error: kept out of the page, but a stop point it says is
        noted (press/core/points.py)."""
        assert child.stderr is not None
        for line in child.stderr:
            if line.startswith("press: reached "):
                with self.lock:
                    job.reached.add(line.removeprefix("press: reached ").strip())
                    self.lock.notify_all()


def _places(job: Job) -> bool:
    """Whether `job` builds several places (its progress counts places, not documents)."""
    return len(job.asked.places) > 1 or job.asked.places == ("all",)


def named(holder: str) -> str:
    """A build waited for, in words: "the build of Brook County"."""
    return holder if holder == REBUILD else f"the build of {holder}"


def _event(line: str) -> dict[str, Any]:
    try:
        event = json.loads(line)
    except ValueError:
        return {}
    return event if isinstance(event, dict) else {}


def _end(job: Job, ended: dict[str, Any], code: int | None) -> None:
    kind = ended.get("event")
    job.ruled = [Ruled(**line) for line in ended.get("ruled") or []]
    if job.cancelling:
        job.state = "cancelled"
        if ended.get("published"):
            job.message = "Cancelled after it had published: out/ holds this new build."
        elif job.done and _places(job):
            job.message = (f"Cancelled after {job.done} of {job.total} places: each of those "
                           "is published whole; the rest of out/ is as it was before.")
        else:
            job.message = "Cancelled: out/ is as it was before."
    elif kind == "done":
        job.state, job.done = "done", job.total
        job.problems = _problems(ended["problems"])
        job.places = [_place(place) for place in ended["places"]]
        job.folder = ended["folder"]
        job.message = "Done."
    elif kind == "failed":
        job.state, job.problems = "failed", _problems(ended["problems"])
        job.message = ("Not made: a rule of the funder's is not met (the checklist below), so "
                       "nothing was published. Fix what it links to, then build again."
                       if any(not line.passed for line in job.ruled) else
                       "Not made: fix the errors below, then build again. out/ is as it was.")
    else:
        job.state = "broken"
        job.words = str(ended.get("words") or f"The build stopped unexpectedly (exit status "
                                                 f"{code}); out/ keeps the last good build.")
        job.message = "Not made."


def _reap(child: subprocess.Popen[str]) -> None:
    """Once the child has ended, however it ended, end what is left of its group: a worker
    it forked, orphaned, would hold the pipes open and the page would wait on them."""
    child.wait()
    _kill_group(child.pid)


def _stop_group(child: subprocess.Popen[str]) -> None:
    """Ctrl-C to the child's group, then a kill of the group once the child has stopped, or
    when it has not within GRACE."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(child.pid, signal.SIGINT)
    with contextlib.suppress(subprocess.TimeoutExpired):
        child.wait(GRACE)
    _kill_group(child.pid)


def _kill_group(group: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(group, signal.SIGKILL)
