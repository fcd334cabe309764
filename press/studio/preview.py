"""The studio's builds and checks, off the page's way: a build runs in a worker thread (a
save never waits for it), asked for by a save in the studio or by the one watcher of
source/ and layouts/ (`watch`: edits made in a text editor); the last check is kept until
a file in source/ changes, and each document's pages are listed with the blocks a click on
them opens. `make_report.py watch` is this same Builder and watcher."""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from press import api
from press.core.files import machine_refused
from press.core.problems import BuildError, Problem
from press.core.target import Target
from press.studio.jobs import REBUILD, Turns

if TYPE_CHECKING:
    from press.layout.workers import Workers


@dataclass(frozen=True)
class BuildState:
    """What the studio knows of its builds: one running, and the last one's end."""

    running: bool = False
    finished: dt.datetime | None = None
    ok: bool = True
    problems: tuple[Problem, ...] = ()
    failure: str = ""  # a build that could not run at all, in plain words
    generation: int = 0  # builds finished so far: a page shows new images when it grows


def fingerprint(root: Path) -> tuple[tuple[str, int, int], ...]:
    """source/ as it is now: each file's name, size and time (a save changes one)."""
    found = []
    for path in sorted((root / "source").rglob("*")):
        try:
            stat = path.stat()
        except OSError:
            continue
        found.append((path.as_posix(), stat.st_size, stat.st_mtime_ns))
    return tuple(found)


@dataclass
class Checks:
    """The last check of each target, kept while source/ is unchanged."""

    root: Path
    kept: dict[Target, tuple[tuple[tuple[str, int, int], ...], api.Report]] = field(
        default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def report(self, target: Target) -> api.Report:
        now = fingerprint(self.root)
        with self.lock:
            held = self.kept.get(target)
            if held and held[0] == now:
                return held[1]
        report = api.check(self.root, target)
        with self.lock:
            self.kept[target] = (now, report)
        return report


@dataclass(frozen=True)
class Asked:
    """Why a build was asked for: the files saved since the last one (none: the start, or a
    save made in the studio) and when the first of them was heard (time.perf_counter())."""

    changed: frozenset[Path] = frozenset()
    at: float = 0.0

    def joined(self, other: Asked) -> Asked:
        return Asked(self.changed | other.changed, min(self.at, other.at))


@dataclass(frozen=True)
class Heard:
    """One build's end, for whoever listens (`make_report.py watch` says it in the
    terminal): what asked for it, the studio's state after it, what it made (None when it
    stopped), what stopped it, and whether it was the packets' join that follows a build
    of changed documents (`more`: that join comes next)."""

    target: Target
    asked: Asked
    state: BuildState
    built: api.Built | None = None
    error: Exception | None = None
    packets: bool = False
    more: bool = False


class Builder:
    """Builds in one worker thread, one at a time; asked again while it builds, it builds
    once more after (so the last save is always built). Each build publishes the changed
    documents first and joins the packets right after (packets="later"), so an edited
    document's pages are shown as soon as they can be; `heard` hears each of the two."""

    def __init__(self, root: Path, pool: Workers | None = None,
                 heard: Callable[[Heard], None] = lambda heard: None,
                 enabled: bool = True, turns: Turns | None = None) -> None:
        self.root = root
        self.turns = turns or Turns()  # shared with the Builds page: one build at a time
        self.pool = pool
        self.enabled = enabled  # False: builds are asked for but not made (a test's studio)
        self.asked: list[Target] = []  # every build asked for, in order
        self.heard = heard
        self.state = BuildState()
        self.lock = threading.Lock()
        self.wanted: dict[Target, Asked] = {}
        self.busy = False  # the worker thread is building, or about to
        self.thread: threading.Thread | None = None

    def request(self, target: Target = api.MAIN, changed: frozenset[Path] = frozenset()
                ) -> None:
        """Build `target` (again), for the saves `changed` (none: the start, a studio save)."""
        self.asked.append(target)
        if not self.enabled:
            return
        asked = Asked(changed, time.perf_counter())
        with self.lock:
            held = self.wanted.get(target)
            self.wanted[target] = held.joined(asked) if held else asked
            if not self.busy:
                self.busy = True
                self.state = replace(self.state, running=True)
                self.thread = threading.Thread(target=self._run, daemon=True)
                self.thread.start()

    def wait(self, timeout: float | None = None) -> BuildState:
        """The state once the builds asked for are done (tests and the bench wait here)."""
        thread = self.thread
        if thread is not None:
            thread.join(timeout)
        return self.state

    def _run(self) -> None:
        while True:
            with self.lock:
                if not self.wanted:  # (under the lock: a request now starts a new thread)
                    self.state = replace(self.state, running=False)
                    self.busy = False
                    return
                target = next(iter(self.wanted))
                asked = self.wanted.pop(target)
            try:
                self._build(target, asked)
            except BaseException:  # a listener's bug: the next request builds again
                with self.lock:
                    self.state = replace(self.state, running=False)
                    self.busy = False
                raise

    def _build(self, target: Target, asked: Asked) -> None:
        first = self._made(target, asked, joining=False)
        self._finished(first)
        if first.more:  # the packets whose parts changed, joined right after
            self._finished(self._made(target, asked, joining=True))

    def _made(self, target: Target, asked: Asked, joining: bool) -> Heard:
        """One build (the changed documents, or with `joining` the packets too), as heard."""
        try:
            with self.turns.hold(REBUILD):
                made = api.build(self.root, target, pool=self.pool,
                                 packets="now" if joining else "later")
        except BuildError as error:
            return Heard(target, asked, BuildState(finished=_now(), ok=False,
                                                   problems=tuple(error.problems)), error=error)
        except Exception as error:  # the machine's (a full disk), or a bug of the press
            return Heard(target, asked, BuildState(finished=_now(), ok=False,
                                                   failure=self.failure(error)), error=error)
        return Heard(target, asked, BuildState(finished=_now(), ok=True,
                                               problems=tuple(made.problems)),
                     made, packets=joining, more=not joining and bool(made.pending))

    def failure(self, error: Exception) -> str:
        """A build that could not run at all, in plain words: what the machine refused and
        what to do, or a bug of the press (said plainly; the studio goes on)."""
        refused = machine_refused(self.root, error) if isinstance(error, OSError) else None
        if refused is not None:
            return refused.format()
        return (f"The press stopped with an internal error ({type(error).__name__}); out/ keeps "
                "the last good build. This is a bug in the press, not in your words.")

    def _finished(self, heard: Heard) -> None:
        with self.lock:
            self.state = replace(heard.state, running=heard.more or bool(self.wanted),
                                 generation=self.state.generation + 1)
            heard = replace(heard, state=self.state)
        self.heard(heard)


def watch(root: Path, builder: Builder, stop: threading.Event) -> None:
    """Ask `builder` for a build after every save under source/ and layouts/ (an editor's
    hidden or backup file alone is not a save), from a thread that starts watching at once,
    until `stop` is set: edits made outside the studio (a text editor, a git pull) are made
    into PDFs too. Where neither folder is there yet, the project folder is watched for
    them to appear."""
    from watchfiles import DefaultFilter
    from watchfiles import watch as watch_files

    wanted = (root / "source", root / "layouts")
    folders = [folder for folder in wanted if folder.is_dir()] or [root]
    editors = DefaultFilter()

    def kept(change: Any, path: str) -> bool:
        return editors(change, path) and any(Path(path).is_relative_to(f) for f in wanted)

    def watching() -> None:
        for changes in watch_files(*folders, watch_filter=kept, debounce=30, step=10,
                                   stop_event=stop, rust_timeout=500, yield_on_timeout=False):
            saved = frozenset(Path(path) for _, path in changes
                              if not Path(path).name.startswith(".")
                              and not path.endswith("~"))
            if saved:
                builder.request(api.MAIN, saved)

    threading.Thread(target=watching, daemon=True).start()


def _now() -> dt.datetime:
    """When a build ended, as its status line says it (the time out/ was written, as the
    home page's "PDFs last made" says it too)."""
    return dt.datetime.now().replace(microsecond=0)


@dataclass(frozen=True)
class Spot:
    """A block on a page image, in percent of the page (for a link laid over it)."""

    left: float
    top: float
    width: float
    height: float
    block: str
    field: str


@dataclass(frozen=True)
class PageView:
    number: int  # from 1
    spots: list[Spot]


def pages(root: Path, file: str, target: Target = api.MAIN) -> tuple[list[PageView], str]:
    """The pages out/ holds of the document `file`, each with its blocks, and the digest
    of the PDF (so a page's image address changes when the document does)."""
    manifest = api.built(root, target)
    record = manifest.record(file) if manifest else None
    if record is None:
        return [], ""
    from press.core.sizes import BLEED_IN, INCH, PAPER

    width, height = PAPER[_paper(root)]
    bleed = BLEED_IN * INCH if target.settings.bleed else 0.0
    full_w, full_h = width * INCH + 2 * bleed, height * INCH + 2 * bleed
    views = []
    for number in range(record.pages):
        spots = [Spot(round((b.left + bleed) / full_w * 100, 2),
                      round((b.top + bleed) / full_h * 100, 2),
                      round((b.right - b.left) / full_w * 100, 2),
                      round((b.bottom - b.top) / full_h * 100, 2), b.block, b.field)
                 for b in record.facts.blocks if b.page == number]
        views.append(PageView(number + 1, spots))
    return views, record.sha256[:12]


def _paper(root: Path) -> str:
    """The paper source/settings.yaml names, read as the build reads it (letter where the
    settings do not read: the checks say why)."""
    from press.source.load import read_settings

    settings = read_settings(root)
    return settings.paper if settings else "letter"
