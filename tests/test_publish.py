"""out/ is always one whole build: interrupted, killed or run twice at once."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from press.core.files import write_file
from press.core.target import Target
from press.make.build import build
from press.output import publish
from press.output.publish import Interrupted

from .conftest import ROOT, alive
from .projects import BRAND, JUDGES, change, write_project

JUDGES_FILE = "source/handouts/sample/judges.yaml"
JUDGES_PDF = "out/handouts/sample-judges.pdf"
# the judges' handout, its headline changed: what a build after an edit must publish
CHANGED_JUDGES = JUDGES.replace("From the bench,", "At the bench,")


def consistent(folder: Path) -> dict[str, str]:
    """Assert that `folder` holds exactly the build its manifest describes; file -> sha256."""
    manifest = json.loads((folder / "manifest.json").read_text())
    listed = {r["file"]: r["sha256"] for r in manifest["outputs"]}
    for rel, digest in listed.items():
        assert hashlib.sha256((folder / rel).read_bytes()).hexdigest() == digest, rel
    nested = {p.parent for p in folder.rglob("manifest.json") if p.parent != folder}
    present = {p.relative_to(folder).as_posix() for p in folder.rglob("*.pdf")
               if not any(p.is_relative_to(n) for n in nested)}
    assert present == set(listed), present ^ set(listed)
    thumbnails = {p.stem for p in (folder / "preview").glob("*.png")}
    assert thumbnails == {Path(rel).stem for rel in listed}
    proofs = {p.relative_to(folder).as_posix() for p in (folder / "proof").glob("*.png")}
    assert proofs == {p for paths in manifest.get("proofs", {}).values() for p in paths}
    assert set(manifest.get("proofs", {})) <= set(listed)
    assert not list(folder.rglob(".*.pdf.*")), "a half-written file was left"
    return listed


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def project(sample_built: Path, tmp_path: Path) -> Path:
    """A copy of the built sample project (its out/ and caches too) that a test may change."""
    return Path(shutil.copytree(sample_built, tmp_path / "project"))


def change_judges(root: Path) -> None:
    change(root, {JUDGES_FILE: CHANGED_JUDGES})


@pytest.mark.slow
def test_a_build_is_published_whole_with_other_builds_carried(project: Path) -> None:
    build(project, Target(profile="print"))
    build(project, Target(places=("Alder County",)))
    before = consistent(project / "out" / "print")
    change_judges(project)
    build(project)
    consistent(project / "out")
    assert "At the bench," in _text(project / JUDGES_PDF)
    assert consistent(project / "out" / "print") == before  # carried along, untouched
    consistent(project / "out" / "alder-county")
    assert not list((project / ".press-cache" / "staging").glob("*"))


@pytest.mark.slow
def test_ctrl_c_before_publishing_leaves_the_previous_build(project: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    before = snapshot(project / "out")
    change_judges(project)

    def stop(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("press.make.build.write_index", stop)  # halfway through staging
    with pytest.raises(Interrupted) as caught:
        build(project)
    assert caught.value.published is False
    assert snapshot(project / "out") == before


@pytest.mark.slow
def test_ctrl_c_during_the_swap_lands_after_it(project: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    change_judges(project)
    swap = publish._exchange

    def interrupted_swap(first: Path, second: Path) -> bool:
        os.kill(os.getpid(), signal.SIGINT)  # held back until the swap is done
        return swap(first, second)

    monkeypatch.setattr(publish, "_exchange", interrupted_swap)
    with pytest.raises(Interrupted) as caught:
        build(project)
    assert caught.value.published is True
    consistent(project / "out")
    assert "At the bench," in _text(project / JUDGES_PDF)


def _text(path: Path) -> str:
    from .test_build import text_of

    return text_of(path)


def run_build(root: Path, *args: str, stop_at: str = "") -> subprocess.Popen[str]:
    """`make_report.py build` in its own process; with `stop_at`, it waits at that named
    point of the build (press/core/points.py) for the test's signal."""
    env = {**os.environ, "PRESS_STOP_AT": stop_at} if stop_at else None
    return subprocess.Popen([sys.executable, str(ROOT / "make_report.py"), "build", "--root",
                             str(root), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env)


def wait_for_lock(root: Path) -> None:
    """Until a build holds the project's lock (it writes its process id there)."""
    lock = root / publish.LOCK
    for _ in range(1200):
        if lock.exists() and lock.read_text().startswith("process"):
            return
        time.sleep(0.05)
    raise AssertionError("no build took the lock")


def reach(process: subprocess.Popen[str], point: str) -> list[str]:
    """Read the build's messages until it says it has reached `point` (it waits there)."""
    assert process.stderr is not None
    said: list[str] = []
    for line in process.stderr:
        said.append(line)
        if line.strip() == f"press: reached {point}":
            return said
    raise AssertionError(f"the build ended before {point}: {''.join(said)}")


def descendants(pid: int) -> list[int]:
    """Every process started by `pid`, and by those, from /proc."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(stat.parent.name)] = int(fields[1])
    found, frontier = [], [pid]
    while frontier:
        children = [child for child, parent in parents.items() if parent in frontier]
        found += children
        frontier = children
    return found


@pytest.mark.slow
@pytest.mark.parametrize("point", ["checked", "typeset", "staged", "published"])
def test_a_build_killed_at_any_moment_leaves_one_whole_build(project: Path, point: str) -> None:
    change_judges(project)
    process = run_build(project, stop_at=point)
    reach(process, point)
    process.send_signal(signal.SIGKILL)
    process.communicate()
    consistent(project / "out")
    changed = "At the bench," in _text(project / JUDGES_PDF)
    assert changed == (point == "published")


@pytest.mark.slow
@pytest.mark.parametrize(("point", "said"), [
    ("typeset", "Stopped before publishing: out/ still holds the previous build, whole."),
    ("staged", "Stopped before publishing: out/ still holds the previous build, whole."),
    ("published", "Stopped after publishing: out/ holds this new build, whole."),
])
def test_ctrl_c_exits_130_and_says_which_build_out_holds(project: Path, point: str,
                                                         said: str) -> None:
    before = snapshot(project / "out")
    change(project, {"source/brand.yaml": BRAND.replace("Sharing the voices",
                                                               "Sharing the words")})
    process = run_build(project, stop_at=point)
    reach(process, point)
    process.send_signal(signal.SIGINT)  # once: a build that ignored it would not stop
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 130, stderr
    assert stderr.strip().splitlines()[-1] == said
    if said.startswith("Stopped before"):
        assert snapshot(project / "out") == before
    consistent(project / "out")


@pytest.mark.slow
@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGKILL])
def test_a_many_places_build_stopped_leaves_whole_folders_and_no_workers(
        tmp_path: Path, how: signal.Signals) -> None:
    project = write_project(tmp_path)
    process = run_build(project, "--jurisdiction", "all", stop_at="place-published")
    reach(process, "place-published")
    workers = descendants(process.pid)
    assert workers, "the places are made in worker processes"
    process.send_signal(how)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == (130 if how == signal.SIGINT else -signal.SIGKILL), stderr
    if how == signal.SIGINT:
        assert stderr.strip().splitlines()[-1].startswith("Stopped after publishing 1 place(s)")
    for folder in (project / "out").iterdir():
        if (folder / "manifest.json").exists():
            consistent(folder)
    deadline = time.monotonic() + 30
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [pid for pid in workers if alive(pid)], "a worker outlived the build"



@pytest.mark.slow
def test_a_second_build_waits_for_the_first(tmp_path: Path) -> None:
    project = write_project(tmp_path)
    first = run_build(project)
    wait_for_lock(project)
    second = run_build(project)
    _, first_err = first.communicate()
    _, second_err = second.communicate()
    assert first.returncode == 0 and second.returncode == 0, (first_err, second_err)
    assert "Another build is running in this folder (process " in second_err
    assert "waiting for it to finish" in second_err
    consistent(project / "out")


def test_two_writers_never_tear_a_file(tmp_path: Path) -> None:
    target = tmp_path / "shared.pdf"
    writer = (f"import sys; sys.path.insert(0, {str(ROOT)!r})\n"
              "from pathlib import Path\nfrom press.core.files import write_file\n"
              f"for _ in range(300): write_file(Path({str(target)!r}), sys.argv[1].encode() * 200_000)")
    processes = [subprocess.Popen([sys.executable, "-c", writer, letter]) for letter in "ab"]
    seen = set()
    while any(p.poll() is None for p in processes):
        if target.exists():
            data = target.read_bytes()
            assert data in (b"a" * 200_000, b"b" * 200_000)
            seen.add(data[:1])
    assert all(p.returncode == 0 for p in processes)
    assert not [p for p in tmp_path.iterdir() if p.name != "shared.pdf"]
    write_file(target, b"x")
    assert target.read_bytes() == b"x"
