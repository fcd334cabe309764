"""The studio's builds and checks, off the page's way: a build runs in a worker thread (a
save never waits for it), the last check is kept until a file in source/ changes, and each
document's pages are listed with the blocks a click on them opens."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from press import api
from press.core.problems import BuildError, Problem
from press.core.target import Target

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


class Builder:
    """Builds in one worker thread, one at a time; asked again while it builds, it builds
    once more after (so the last save is always built)."""

    def __init__(self, root: Path, pool: Workers | None = None,
                 heard: Callable[[BuildState], None] = lambda state: None,
                 enabled: bool = True) -> None:
        self.root = root
        self.pool = pool
        self.enabled = enabled  # False: builds are asked for but not made (a test's studio)
        self.asked: list[Target] = []  # every build asked for, in order
        self.heard = heard
        self.state = BuildState()
        self.lock = threading.Lock()
        self.wanted: list[Target] = []
        self.thread: threading.Thread | None = None

    def request(self, target: Target = api.MAIN) -> None:
        self.asked.append(target)
        if not self.enabled:
            return
        with self.lock:
            if target not in self.wanted:
                self.wanted.append(target)
            if self.thread is None or not self.thread.is_alive():
                self.state = _replace(self.state, running=True)
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
                if not self.wanted:
                    self.state = _replace(self.state, running=False)
                    return
                target = self.wanted.pop(0)
            state = self._build(target)
            with self.lock:
                self.state = _replace(state, running=bool(self.wanted),
                                      generation=self.state.generation + 1)
            self.heard(self.state)

    def _build(self, target: Target) -> BuildState:
        try:
            made = api.build(self.root, target, pool=self.pool)
        except BuildError as error:
            return BuildState(finished=_now(), ok=False, problems=tuple(error.problems))
        except Exception as error:  # a bug of the press: said plainly, the studio goes on
            return BuildState(finished=_now(), ok=False, failure=(
                f"The press stopped with an internal error ({type(error).__name__}); out/ keeps "
                "the last good build. This is a bug in the press, not in your words."))
        return BuildState(finished=_now(), ok=True, problems=tuple(made.problems))


def _now() -> dt.datetime:
    """When a build ended, as its status line says it (the time out/ was written, as the
    home page's "PDFs last made" says it too)."""
    return dt.datetime.now().replace(microsecond=0)


def _replace(state: BuildState, **changes: object) -> BuildState:
    from dataclasses import replace

    return replace(state, **changes)  # type: ignore[arg-type]


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
    import yaml

    try:
        data = yaml.safe_load((root / "source" / "settings.yaml").read_text(encoding="utf-8"))
        paper = data.get("paper", "letter") if isinstance(data, dict) else "letter"
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        paper = "letter"
    return paper if paper in ("letter", "a4") else "letter"
