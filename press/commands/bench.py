"""Benchmarks, reported as ratios to a yardstick measured in the same run (never asserted).

    .venv/bin/python -m press.commands.bench          (or: make bench)
    .venv/bin/python -m press.commands.bench studio   (the yardstick and the studio alone)

The yardstick is a one-paragraph WeasyPrint document rendered by a fresh Python process.
Each figure is the median of three runs of `make_report.py` in a fresh process on a
private copy of the project:

- a cold full build (brief, handouts, packet, charts, preview; no out/ and no cache but
  the word lists the checks prepare once per machine from the spelling, syllable and place
  dictionaries);
- a rebuild with nothing changed;
- a build after one handout's headline is edited;
- `check` after one edit;
- the peak memory of the cold build (the process and its workers together);
- 400 handouts: the 8 handouts for each of 50 fictional places (a made-up dataset written
  into the private copy, never into source/), built at once (one run), and the same 400
  handouts' HTML typeset alone by the same pool (no charts drawn, no judging, no fitting):
  the limit a many-places build is held within 1.5x of;
- the share of a cold build's time in each stage, and of typesetting's time in each step
  (from a profile of one more cold build in a fresh process: shares, not seconds);
- the size of every PDF;
- the studio (in this process, as its server runs it, with its worker): a field's problems
  after typing stops (the draft checked), a saved edit's page image (saved, made, drawn),
  the home page with 30 documents, and its memory after 1 and after 20 edits in a row;
- an upload of 100,000 rows (an incident-level export, made here) mapped and previewed:
  its descriptor proposed and its rows read, counted and shared as the studio's "Bring in a
  table" does before saving (`python -m press.commands.bench import` runs this part alone,
  with its own yardstick).
- the studio's Builds page (its jobs run in a child process, press/studio/jobs.py): the
  time from asking for a build to the first progress it shows (a stage named, or a count
  above 0), and a cold build of one place asked for there, beside the same cold build of
  the same place from the command line (a ratio of the two, not to the yardstick).
"""

from __future__ import annotations

import json
import os
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from press.studio.jobs import Jobs

ROOT = Path(__file__).resolve().parents[2]  # the project: press/commands/bench.py
TARGETS = {"cold full build": 4.0, "rebuild, nothing changed": 0.1, "one handout edited": 2.0,
           "check after one edit": 1.0, "400 handouts, 50 places": 60.0,
           "studio: a field's problems": 0.3, "studio: a saved edit's page": 2.0,
           "studio: home, 30 documents": 2.0, "upload of 100,000 rows mapped": 10.0,
           "studio: build's progress shown": 1.0}
PLACE_BUILD = 1.1  # a place built from the studio within 1.1x of the command line's (issue 26)
WAIT = 1800.0  # seconds a studio job may take here (a bound that stops a stuck bench)
ALONE = 1.5  # 400 handouts within 1.5x of typesetting the same 400 pages alone (issue 24)
# The stages of a cold build, each the cumulative time of one function of the build's own
# process (typesetting, with the judge of each page and its fitting, runs in the workers:
# here it is the time the build waits for them), and the steps of typesetting one document.
BUILD_STAGES = {"check": ("press/make/build.py", "_checked"),
                "plan": ("press/content/plan.py", "make_plan"),
                "charts": ("press/layout/draw.py", "draw"),
                "typeset, judge, fit (workers)": ("press/layout/typeset.py", "typeset_all"),
                "packet": ("press/make/build.py", "_packet"),
                "publish": ("press/make/build.py", "_published")}
TYPESET_STEPS = {"layout (every fit tried)": ("press/layout/render.py", "render"),
                 "PDF written": ("press/layout/render.py", "write"),
                 "pages judged": ("press/layout/page_problems.py", "judged"),
                 "thumbnail": ("press/pdf/pictures.py", "thumbnail")}
FLAT = 0.05  # "20 edits leave memory flat": the 20th edit's within 5% of the first's
YARDSTICK = ("from weasyprint import HTML; "
             "HTML(string='<p>Hello, this is one paragraph.</p>').write_pdf('{out}')")


def _tree_memory(pid: int) -> int:
    """Memory (bytes) of a process and all its descendants, from /proc: proportional set
    sizes, so pages forked workers share with the build are counted once."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        stack += children.get(current, [])
        try:
            for line in Path(f"/proc/{current}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            continue
    return total


def run(args: list[str], cwd: Path) -> float:
    """Seconds a command takes (nothing else runs beside it, so nothing takes a core)."""
    started = time.perf_counter()
    process = subprocess.run(args, cwd=cwd, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, check=False)
    seconds = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed with exit code {process.returncode}")
    return seconds


def peak_memory(args: list[str], cwd: Path) -> int:
    """The peak memory of a command's process tree, sampled every 20 ms (in a run of its
    own: reading /proc that often would take a core from a timed run)."""
    process = subprocess.Popen(args, cwd=cwd, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    peak = 0
    while process.poll() is None:
        peak = max(peak, _tree_memory(process.pid))
        time.sleep(0.02)
    return peak


FICTIONAL = """# FICTIONAL PLACES FOR THE BENCHMARK: made-up figures, never real data.
title: Fictional places for the benchmark (made-up figures)
path: bench-fictional-places.csv
description: Made-up arrests by sex for fictional places, to time a build of many places.
measure: prostitution-related arrests
columns: { jurisdiction: place, year: year, group: sex, count: arrests }
constants: { source: bench-fictional }
groups: { female: { label: Women }, male: { label: Men } }
"""
FICTIONAL_REFERENCE = """
- id: bench-fictional
  type: dataset
  author:
    - { literal: Benchmark Fixture }
  title: Made-up arrests for fictional places, to time the press
"""


def add_fictional_places(root: Path, count: int = 50) -> list[str]:
    """Write a dataset of `count` fictional places (2010-2016) into root/source/data."""
    import random

    chance = random.Random(1)
    places = [f"Fictional Place {number:02d}" for number in range(1, count + 1)]
    rows = ["place,year,sex,arrests"]
    for place in places:
        for year in range(2010, 2017):
            rows += [f"{place},{year},female,{chance.randint(40, 400)}",
                     f"{place},{year},male,{chance.randint(20, 300)}"]
    data = root / "source" / "data"
    (data / "bench-fictional-places.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (data / "bench-fictional-places.yaml").write_text(FICTIONAL, encoding="utf-8")
    references = root / "source" / "references.yaml"
    references.write_text(references.read_text(encoding="utf-8") + FICTIONAL_REFERENCE,
                          encoding="utf-8")
    return places


def _shares(stats: pstats.Stats, stages: dict[str, tuple[str, str]],
            whole: tuple[str, str]) -> dict[str, float]:
    """Each stage's share of `whole`'s cumulative time in a profile."""
    found = {label: 0.0 for label in stages}
    total = 0.0
    for (path, _, name), row in stats.stats.items():  # type: ignore[attr-defined]
        cumulative = row[3]
        if (path.endswith(whole[0]), name) == (True, whole[1]):
            total += cumulative
        for label, (ending, function) in stages.items():
            if path.endswith(ending) and name == function:
                found[label] += cumulative
    return {label: seconds / total for label, seconds in found.items()} if total else found


def stages(root: Path) -> dict[str, dict[str, float]]:
    """Shares of a cold build by stage (profiled in this process, which must be fresh),
    then of typesetting every document of the main build here, one after the other."""
    import cProfile

    from press import api
    from press.content.compute import compute_stats
    from press.content.plan import created_date, make_plan
    from press.core import clock
    from press.layout.typeset import Job
    from press.source.load import load_project

    build = cProfile.Profile()
    build.runcall(api.build, root, api.MAIN)
    project, _ = load_project(root)
    statistics_, _ = compute_stats(project)
    today, created = clock.today(), created_date(project)
    plan = make_plan(project, statistics_, "screen", today, created)
    job = Job(project, statistics_, "screen", today, None, created)
    typeset = cProfile.Profile()
    typeset.runcall(lambda: [job.run(document.view) for document in plan.documents])
    return {"cold build": _shares(pstats.Stats(build), BUILD_STAGES, ("press/api.py", "build")),
            "typesetting": _shares(pstats.Stats(typeset), TYPESET_STEPS,
                                   ("press/commands/bench.py", "<listcomp>"))}


def typeset_alone(root: Path, places: list[str]) -> float:
    """Seconds to lay out and write the same handouts for `places` as the many-places build
    made, by the same kind of pool, with no charts drawn, no judging and no fitting: each
    handout's HTML at its own layout, typeset once (its charts drawn before the clock starts,
    or found drawn by the build)."""
    from press.content.compute import compute_stats
    from press.content.place import for_place
    from press.content.plan import created_date, make_plan
    from press.core import clock
    from press.layout.draw import draw
    from press.layout.render import environment, html_for
    from press.layout.warm import typesetter
    from press.layout.workers import Workers
    from press.source.load import load_project

    project, _ = load_project(root)
    today, created = clock.today(), created_date(project)
    env = environment(root)
    pages: list[str] = []
    for place in places:
        local, _, _ = for_place(project, place)
        numbers, _ = compute_stats(local)
        plan = make_plan(local, numbers, "screen", today, created, place)
        for chart in plan.charts:
            draw(chart)
        pages += [html_for(env, local, d.view, "screen", created) for d in plan.documents
                  if d.view.kind == "handout"]
    pool = Workers(typesetter, 0)
    try:
        started = time.perf_counter()
        pool.map(_typeset_html, str(root / "layouts"), pages)
        return time.perf_counter() - started
    finally:
        pool.kill()


def _typeset_html(layouts: str, html: str) -> int:
    from weasyprint import HTML

    from press.layout.render import font_configuration, make_fetcher

    base = Path(layouts).as_uri() + "/"
    data = HTML(string=html, base_url=base, url_fetcher=make_fetcher(Path(layouts).parent)
                ).write_pdf(font_config=font_configuration(), pdf_tags=True)
    return len(data)


class StdlibPool:
    """The standard library's process pool (forked, each worker warmed by an initializer),
    with the two calls a build makes of press/layout/workers.py's pool, to compare the two
    in the same run: `make bench` prints which is faster."""

    def __init__(self, warm: Callable[[], None]) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        self.executor = ProcessPoolExecutor(len(os.sched_getaffinity(0)),
                                            multiprocessing.get_context("fork"), warm)
        self.executor.submit(int)  # forked now (all at once, as a forked pool starts), to warm

    def map(self, function: Callable[[object, object], object], shared: object,
            items: list[object], each: Callable[[object], None] | None = None) -> list[object]:
        from concurrent.futures import as_completed

        futures = [self.executor.submit(function, shared, item) for item in items]
        for future in as_completed(futures):
            if each is not None:
                each(future.result())
        return [future.result() for future in futures]

    def kill(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


def pools(root: Path, runs: int = 3) -> dict[str, float]:
    """Seconds (median of `runs`) of a cold build and of a build after one edit, in this
    process, with the press's pool and with the standard library's, taken in turn."""
    from press import api
    from press.layout.warm import typesetter
    from press.layout.workers import Workers

    handout = root / "source" / "handouts" / "law-enforcement" / "judges.yaml"
    original = handout.read_text(encoding="utf-8")
    kinds: dict[str, Callable[[], Any]] = {"press": lambda: Workers(typesetter, 1),
                                           "stdlib": lambda: StdlibPool(typesetter)}
    times: dict[str, list[float]] = {}
    api.build(root, api.MAIN)  # imports and word lists, once, before the clock
    for turn in range(runs):
        for name, pool_of in kinds.items():
            for what in ("cold", "edited"):
                if what == "cold":
                    _clean(root)
                else:
                    handout.write_text(original.replace(
                        "From the bench", f"Seen {('first', 'second', 'third')[turn % 3]} {name}"),
                                       encoding="utf-8")
                started = time.perf_counter()
                pool = pool_of()
                try:
                    api.build(root, api.MAIN, pool=pool)
                finally:
                    pool.kill()
                times.setdefault(f"{what}, {name} pool", []).append(
                    time.perf_counter() - started)
    handout.write_text(original, encoding="utf-8")
    return {name: statistics.median(found) for name, found in times.items()}


def export_rows(rows: int = 100_000) -> bytes:
    """A made-up incident-level export of `rows` arrestees: dates, offenses (some not
    prostitution), sex (some not recorded), age and a name column (personal)."""
    offenses = [("40A", "Prostitution"), ("40B", "Assisting or Promoting Prostitution"),
                ("40C", "Purchasing Prostitution"), ("35A", "Drug/Narcotic Violations"),
                ("13B", "Simple Assault")]
    lines = ["ORI,AgencyName,ArrestDate,OffenseCode,OffenseName,ArresteeName,ArresteeSex,"
             "ArresteeAge"]
    for n in range(rows):
        code, name = offenses[n * 7 % 5]
        sex = "FMU"[0 if n % 3 == 0 else 2 if n % 41 == 0 else 1]
        lines.append(f"OH{n % 4:07d},Agency {n % 4},{n % 12 + 1}/{n % 28 + 1}/{2019 + n % 4} "
                     f"{n % 24}:{n % 60:02d},{code},{name},Person {n},{sex},{18 + n % 50}")
    return ("\n".join(lines) + "\n").encode()


def upload_mapped(data: bytes) -> float:
    """Seconds to propose a descriptor for `data` and read it with that descriptor (rows
    counted, left out, each place's shares): what the studio does before saving."""
    from press.source.intake import preview
    from press.source.propose import descriptor_of, propose

    started = time.perf_counter()
    proposal = propose("export.csv", data)
    seen = preview("export.csv", data, descriptor_of(proposal.choice, ["export.csv"], True),
                   None)
    elapsed = time.perf_counter() - started
    assert seen.table is not None and seen.counted and seen.places, "the upload did not read"
    return elapsed


def import_figure() -> tuple[float, float]:
    """The yardstick and the upload's figure, measured in one run (median of 3 each)."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "hello.pdf"
        yardstick = median(lambda: run([sys.executable, "-c", YARDSTICK.format(out=out)],
                                       Path(folder)))
    data = export_rows()
    return yardstick, median(lambda: upload_mapped(data))


def _clean(root: Path) -> None:
    """No out/ and no cache but the word lists the checks prepare once per machine."""
    shutil.rmtree(root / "out", ignore_errors=True)
    for cache in (root / ".press-cache").glob("*"):
        if cache.name != "words":
            shutil.rmtree(cache) if cache.is_dir() else cache.unlink()


def _memory() -> float:
    """This process's memory and its workers', in MB."""
    return _tree_memory(os.getpid()) / 2**20


def studio_figures(root: Path) -> tuple[dict[str, float], list[float], tuple[float, float]]:
    """The studio's figures (see the module), its memory after each of 20 edits, and one
    place's cold build from the Builds page and from the command line, in seconds."""
    from starlette.testclient import TestClient

    from press.layout.warm import typesetter
    from press.layout.workers import Workers
    from press.studio.app import assemble
    from press.studio.formdata import form_fields
    from press.studio.guard import Guard, Keys

    pool = Workers(typesetter, 1)
    keys = Keys(8800)
    app, studio = assemble(root, keys, pool)
    client = TestClient(Guard(app, keys), base_url="http://127.0.0.1:8800")
    client.cookies.set(keys.cookie, keys.token)
    headers = {"Origin": "http://127.0.0.1:8800", "X-CSRF-Token": keys.csrf,
               "Content-Type": "application/x-www-form-urlencoded"}
    rel = "source/handouts/law-enforcement/judges.yaml"
    figures: dict[str, float] = {}
    try:
        studio.builder.request()
        studio.builder.wait()

        def post(url: str, headline: str) -> str:
            from urllib.parse import urlencode

            fields = [(k, headline if k == "headline" else v) for k, v in
                      form_fields(client.get(f"/edit?file={rel}").text)]
            return str(client.post(url, content=urlencode(fields).encode(), headers=headers).text)

        def checked() -> float:
            started = time.perf_counter()
            answer = post("/check", "Judges see 12 women a week.")
            assert "typed into the text" in answer, "the check did not find the figure"
            return time.perf_counter() - started

        figures["studio: a field's problems"] = median(checked)
        headlines = iter(f"From the bench, a sentence can open door {n}." for n in
                         ("one", "two", "three", "four", "five", "six", "seven", "eight",
                          "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen",
                          "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
                          "twenty-one", "twenty-two", "twenty-three", "twenty-four"))

        def saved_page() -> float:
            """From Save to the page image the studio then shows: drawn once the edited
            documents are published (the packets are joined after, as the page is shown)."""
            studio.builder.wait()  # the last edit's packets
            before = studio.builder.state.generation
            started = time.perf_counter()
            assert "Saved" in post("/save", next(headlines))
            while studio.builder.state.generation == before:
                time.sleep(0.005)
            answer = client.get("/page.png?doc=handouts/law-enforcement-judges.pdf&n=1&w=600")
            assert answer.status_code == 200
            return time.perf_counter() - started

        figures["studio: a saved edit's page"] = median(saved_page)
        memory = []
        for _ in range(20):
            saved_page()
            memory.append(_memory())
        asked = Asked(client, headers, app.state.jobs)
        figures["studio: build's progress shown"] = median(asked.progress_shown)
        place = asked.first_place()
        both = _place_both_ways(root, place, asked)
        figures["studio: home, 30 documents"] = _home(root, client)
    finally:
        app.state.jobs.close()
        pool.kill()
    return figures, memory, both


@dataclass
class Asked:
    """Builds asked for on the studio's Builds page, as a browser asks (its form posted)."""

    client: Any  # starlette's TestClient
    headers: dict[str, str]
    jobs: Jobs

    def start(self, **fields: str) -> int:
        from urllib.parse import urlencode

        answer = self.client.post("/builds", content=urlencode(fields).encode(),
                                  headers=self.headers)
        assert answer.status_code == 200, "the Builds page refused the build"
        with self.jobs.lock:
            return self.jobs.jobs[-1].id

    def ended(self, number: int) -> None:
        assert self.jobs.wait(number, lambda job: not job.active, WAIT), "a job did not end"
        job = self.jobs.get(number)
        assert job is not None and job.state == "done", f"a job ended {job and job.state}"

    def progress_shown(self) -> float:
        """From asking for the main build to the first progress it shows (a stage named,
        or a count above 0; "Starting." is the page's own word, not the build's)."""
        started = time.perf_counter()
        number = self.start(what="main")
        assert self.jobs.wait(number, lambda job: job.done > 0 or (
            job.state == "running" and job.message != "Starting.") or not job.active, WAIT)
        shown = time.perf_counter() - started
        self.ended(number)
        return shown

    def first_place(self) -> str:
        """The first place the Builds page offers."""
        import html
        import re

        found = re.search(r'<select id="build-place".*?<option>([^<]+)</option>',
                          self.client.get("/builds").text, re.S)
        assert found, "the Builds page offers no place"
        return html.unescape(found.group(1))

    def place_built(self, root: Path, place: str) -> float:
        """A cold build of `place` asked for on the page, until the page has it done."""
        _clean(root)
        started = time.perf_counter()
        self.ended(self.start(what="one", place=place))
        return time.perf_counter() - started


def _place_both_ways(root: Path, place: str, asked: Asked, runs: int = 3
                     ) -> tuple[float, float]:
    """The median of `runs` cold builds of `place` from the studio and from the command
    line, taken in turns (a machine busier for a while weighs on both alike)."""
    pairs = [(asked.place_built(root, place), _cold_place(root, place)) for _ in range(runs)]
    return (statistics.median(studio for studio, _ in pairs),
            statistics.median(command for _, command in pairs))


def _cold_place(root: Path, place: str) -> float:
    """The same cold build of `place` from the command line, in a fresh process."""
    _clean(root)
    return run([sys.executable, str(ROOT / "make_report.py"), "build", "--root", str(root),
                "--jurisdiction", place], root)


def _home(root: Path, client: object) -> float:
    """The home page, once its check is made, with the chapter at 30 documents (22
    handouts more, each a copy of the judges' one)."""
    folder = root / "source" / "handouts" / "law-enforcement"
    judges = (folder / "judges.yaml").read_text(encoding="utf-8")
    for number in range(22):
        (folder / f"bench-audience-{number:02d}.yaml").write_text(
            judges.replace("audience: Judges", f"audience: Bench audience {number:02d}"),
            encoding="utf-8")
    get = client.get  # type: ignore[attr-defined]
    first = get("/")  # the check of the new sources, once
    assert first.status_code == 200 and first.text.count('<li class="document ') >= 30, \
        "the home page does not show the 30 documents"
    return median(lambda: _timed(lambda: get("/")))


def _timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def median(action: Callable[[], float], runs: int = 3) -> float:
    return statistics.median(action() for _ in range(runs))


def main() -> None:
    python = sys.executable
    press = [python, str(ROOT / "make_report.py")]
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "project"
        for name in ("source", "layouts"):
            shutil.copytree(ROOT / name, root / name)
        out = Path(folder) / "hello.pdf"
        yardstick = median(lambda: run([python, "-c", YARDSTICK.format(out=out)], root))

        run([*press, "check", "--root", str(root)], root)  # word lists, once per machine

        def cold() -> float:
            _clean(root)
            return run([*press, "build", "--root", str(root)], root)

        handout = root / "source" / "handouts" / "law-enforcement" / "judges.yaml"
        original = handout.read_text(encoding="utf-8")
        words = iter(["At the bench", "In the courtroom", "From the court"] * 4)

        def edited(command: str) -> float:
            """Edit the judges' handout headline, then run `command`."""
            handout.write_text(original.replace("From the bench", next(words)), encoding="utf-8")
            return run([*press, command, "--root", str(root)], root)

        figures = {
            "cold full build": median(cold),
            "rebuild, nothing changed": median(
                lambda: run([*press, "build", "--root", str(root)], root)),
            "one handout edited": median(lambda: edited("build")),
            "check after one edit": median(lambda: edited("check")),
        }
        _clean(root)
        peak = peak_memory([*press, "build", "--root", str(root)], root) / 2**20
        sizes = {path.relative_to(root / "out").as_posix(): path.stat().st_size
                 for path in sorted((root / "out").rglob("*.pdf"))}
        handout.write_text(original, encoding="utf-8")
        places = add_fictional_places(root)  # once: it takes a while
        shutil.rmtree(root / "out", ignore_errors=True)
        args = [*press, "build", "--root", str(root)]
        for place in places:
            args += ["--jurisdiction", place]
        figures["400 handouts, 50 places"] = run(args, root)
        alone = float(subprocess.run(
            [python, "-m", "press.commands.bench", "alone", str(root), *places],
            check=True, capture_output=True, text=True).stdout)
        shutil.rmtree(root / "out", ignore_errors=True)
        for name in ("source", "layouts"):  # the stages of the seed's own cold build
            shutil.rmtree(root / name)
            shutil.copytree(ROOT / name, root / name)
        _clean(root)
        shares = json.loads(subprocess.run(
            [python, "-m", "press.commands.bench", "stages", str(root)],
            check=True, capture_output=True, text=True).stdout)
        pooled = json.loads(subprocess.run(
            [python, "-m", "press.commands.bench", "pools", str(root)],
            check=True, capture_output=True, text=True).stdout)
        shutil.rmtree(root / "out", ignore_errors=True)  # the studio edits a fresh copy
        studio, memory, (studio_place, command_place) = studio_figures(root)
        figures |= studio
        figures["upload of 100,000 rows mapped"] = median(lambda: upload_mapped(export_rows()))
    said(yardstick, figures)
    said_place(studio_place, command_place)
    many = figures["400 handouts, 50 places"]
    print(f"{'400 handouts typeset alone:':28} {alone:6.2f} s  the build takes {many / alone:.2f}x "
          f"that (target {ALONE:g}x, {'within' if many / alone <= ALONE else 'OVER'})")
    for what in ("cold", "edited"):
        ours, theirs = pooled[f"{what}, press pool"], pooled[f"{what}, stdlib pool"]
        print(f"{'pool, ' + what + ' build:':28} press's {ours:.2f} s, the standard library's "
              f"{theirs:.2f} s ({theirs / ours:.2f}x; in one process, median of 3)")
    for what, found in shares.items():
        print(f"share of time in each stage ({what}, profiled): " + ", ".join(
            f"{label} {share:.0%}" for label, share in found.items()))
    print(f"{'peak memory, cold build:':28} {peak:6.0f} MB (target 300 MB, "
          f"{'within' if peak <= 300 else 'OVER'}) on {os.cpu_count()} cores")
    said_memory(memory)
    for name, size in sizes.items():
        print(f"  {name}: {size / 1024:.0f} KB")


def said(yardstick: float, figures: dict[str, float]) -> None:
    """The yardstick, then each figure with its ratio to it and its target."""
    print(f"yardstick (one paragraph, WeasyPrint, fresh process): {yardstick:.2f} s")
    for name, seconds in figures.items():
        ratio = seconds / yardstick
        verdict = "within" if ratio <= TARGETS[name] else "OVER"
        print(f"{name + ':':28} {seconds:6.2f} s  {ratio:5.2f}x  (target {TARGETS[name]:g}x, "
              f"{verdict})")


def said_place(studio_place: float, command_place: float) -> None:
    """One place's cold build from the Builds page against the command line's (issue 26)."""
    ratio = studio_place / command_place
    print(f"{'studio: one place built:':28} {studio_place:6.2f} s, the command line "
          f"{command_place:.2f} s: {ratio:.2f}x (target {PLACE_BUILD:g}x, "
          f"{'within' if ratio <= PLACE_BUILD else 'OVER'})")


def said_memory(memory: list[float]) -> None:
    grown = memory[-1] / memory[0] - 1
    print(f"{'studio memory, 20 edits:':28} {memory[0]:6.0f} MB after the first, "
          f"{memory[-1]:.0f} MB after the 20th ({grown:+.1%}; target flat, within "
          f"{FLAT:.0%}, {'within' if grown <= FLAT else 'OVER'})")


def studio_only() -> None:
    """`bench studio`: the yardstick and the studio's figures alone (two minutes, not ten)."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "project"
        for name in ("source", "layouts"):
            shutil.copytree(ROOT / name, root / name)
        out = Path(folder) / "hello.pdf"
        yardstick = median(lambda: run([sys.executable, "-c", YARDSTICK.format(out=out)], root))
        figures, memory, (studio_place, command_place) = studio_figures(root)
    said(yardstick, figures)
    said_place(studio_place, command_place)
    said_memory(memory)


if __name__ == "__main__":
    if sys.argv[1:2] == ["stages"]:  # in a fresh process of its own (see main)
        print(json.dumps(stages(Path(sys.argv[2]))))
    elif sys.argv[1:2] == ["pools"]:
        print(json.dumps(pools(Path(sys.argv[2]))))
    elif sys.argv[1:2] == ["alone"]:
        print(typeset_alone(Path(sys.argv[2]), sys.argv[3:]))
    elif sys.argv[1:2] == ["studio"]:
        studio_only()
    elif sys.argv[1:2] == ["import"]:  # this figure alone, with its own yardstick
        stick, seconds = import_figure()
        said(stick, {"upload of 100,000 rows mapped": seconds})
    else:
        main()
