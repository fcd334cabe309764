"""Benchmarks, reported as ratios to a yardstick measured in the same run (never asserted).

    .venv/bin/python -m press.commands.bench          (or: make bench)

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
  into the private copy, never into source/), built at once (one run);
- the size of every PDF;
- the studio (in this process, as its server runs it, with its worker): a field's problems
  after typing stops (the draft checked), a saved edit's page image (saved, made, drawn),
  the home page with 30 documents, and its memory after 1 and after 20 edits in a row.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # the project: press/commands/bench.py
TARGETS = {"cold full build": 5.0, "rebuild, nothing changed": 1.0, "one handout edited": 3.0,
           "check after one edit": 2.0, "400 handouts, 50 places": 80.0,
           "studio: a field's problems": 0.3, "studio: a saved edit's page": 2.0,
           "studio: home, 30 documents": 2.0}
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


def _memory() -> float:
    """This process's memory and its workers', in MB."""
    return _tree_memory(os.getpid()) / 2**20


def studio_figures(root: Path) -> tuple[dict[str, float], list[float]]:
    """The studio's figures (see the module), and its memory after each of 20 edits."""
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
            started = time.perf_counter()
            assert "Saved" in post("/save", next(headlines))
            studio.builder.wait()
            answer = client.get("/page.png?doc=handouts/law-enforcement-judges.pdf&n=1&w=600")
            assert answer.status_code == 200
            return time.perf_counter() - started

        figures["studio: a saved edit's page"] = median(saved_page)
        memory = []
        for _ in range(20):
            saved_page()
            memory.append(_memory())
        figures["studio: home, 30 documents"] = _home(root, client)
    finally:
        pool.kill()
    return figures, memory


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

        def clean() -> None:
            shutil.rmtree(root / "out", ignore_errors=True)
            for cache in (root / ".press-cache").glob("*"):  # every cache but the word lists
                if cache.name != "words":
                    shutil.rmtree(cache) if cache.is_dir() else cache.unlink()

        def cold() -> float:
            clean()
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
        clean()
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
        for name in ("source", "layouts"):  # the studio edits a fresh copy
            shutil.rmtree(root / name)
            shutil.copytree(ROOT / name, root / name)
        shutil.rmtree(root / "out", ignore_errors=True)
        studio, memory = studio_figures(root)
        figures |= studio
    print(f"yardstick (one paragraph, WeasyPrint, fresh process): {yardstick:.2f} s")
    for name, seconds in figures.items():
        ratio = seconds / yardstick
        verdict = "within" if ratio <= TARGETS[name] else "OVER"
        print(f"{name + ':':28} {seconds:6.2f} s  {ratio:5.2f}x  (target {TARGETS[name]:g}x, "
              f"{verdict})")
    print(f"{'peak memory, cold build:':28} {peak:6.0f} MB (target 300 MB, "
          f"{'within' if peak <= 300 else 'OVER'}) on {os.cpu_count()} cores")
    grown = memory[-1] / memory[0] - 1
    print(f"{'studio memory, 20 edits:':28} {memory[0]:6.0f} MB after the first, "
          f"{memory[-1]:.0f} MB after the 20th ({grown:+.1%}; target flat, within "
          f"{FLAT:.0%}, {'within' if grown <= FLAT else 'OVER'})")
    for name, size in sizes.items():
        print(f"  {name}: {size / 1024:.0f} KB")


if __name__ == "__main__":
    main()
