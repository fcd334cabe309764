"""out/ is always one whole build: interrupted, killed or run twice at once."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from press.commands.build import build
from press.core.files import write_file
from press.output import publish
from press.output.publish import Interrupted

from .conftest import ROOT, edit


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


def test_a_build_is_published_whole_with_other_builds_carried(project: Path) -> None:
    build(project, profile="print")
    build(project)
    build(project, jurisdiction="Massachusetts")
    before = consistent(project / "out" / "print")
    edit(project, "source/handouts/law-enforcement/judges.yaml", "From the bench,", "At the bench,")
    build(project)
    consistent(project / "out")
    assert consistent(project / "out" / "print") == before  # carried along, untouched
    consistent(project / "out" / "massachusetts")
    assert not list((project / ".press-cache" / "staging").glob("*"))


def test_ctrl_c_before_publishing_leaves_the_previous_build(project: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    build(project)
    before = snapshot(project / "out")
    edit(project, "source/handouts/law-enforcement/judges.yaml", "From the bench,", "At the bench,")

    def stop(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("press.commands.build.write_index", stop)  # halfway through staging
    with pytest.raises(Interrupted) as caught:
        build(project)
    assert caught.value.published is False
    assert snapshot(project / "out") == before


def test_ctrl_c_during_the_swap_lands_after_it(project: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    build(project)
    edit(project, "source/handouts/law-enforcement/judges.yaml", "From the bench,", "At the bench,")
    swap = publish._exchange

    def interrupted_swap(first: Path, second: Path) -> bool:
        os.kill(os.getpid(), signal.SIGINT)  # held back until the swap is done
        return swap(first, second)

    monkeypatch.setattr(publish, "_exchange", interrupted_swap)
    with pytest.raises(Interrupted) as caught:
        build(project)
    assert caught.value.published is True
    consistent(project / "out")
    assert b"At the bench" in (project / "out/handouts/law-enforcement-judges.pdf").read_bytes() \
        or "At the bench" in _text(project / "out/handouts/law-enforcement-judges.pdf")


def _text(path: Path) -> str:
    from .test_build import text_of

    return text_of(path)


def run_build(root: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, str(ROOT / "make_report.py"), "build", "--root",
                             str(root), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def wait_for_lock(root: Path) -> None:
    """Until a build holds the project's lock (it writes its process id there)."""
    lock = root / publish.LOCK
    for _ in range(600):
        if lock.exists() and lock.read_text().startswith("process"):
            return
        time.sleep(0.05)
    raise AssertionError("no build took the lock")


def test_a_build_killed_at_any_moment_leaves_one_whole_build(project: Path) -> None:
    build(project)
    edit(project, "source/handouts/law-enforcement/judges.yaml", "From the bench,", "At the bench,")
    for delay in (0.8, 2.5, 4.0, 5.5, 7.0):
        process = run_build(project)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.communicate()
        consistent(project / "out")


def test_ctrl_c_exits_130_and_says_which_build_out_holds(project: Path) -> None:
    build(project)
    before = snapshot(project / "out")
    # an edit every document carries: the build typesets all ten (seconds, not a moment)
    edit(project, "source/brand.yaml", "Sharing the voices", "Sharing the words")
    process = run_build(project)
    wait_for_lock(project)  # the build has started
    time.sleep(0.5)
    for _ in range(20):  # Ctrl-C, pressed again while the build has not stopped
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=0.3)
            break
        except subprocess.TimeoutExpired:
            continue
    _, stderr = process.communicate()
    assert process.returncode == 130, stderr
    last = stderr.strip().splitlines()[-1]
    if last.startswith("Stopped before publishing"):
        assert last == "Stopped before publishing: out/ still holds the previous build, whole."
        assert snapshot(project / "out") == before
    else:
        assert last == "Stopped after publishing: out/ holds this new build, whole."
        consistent(project / "out")


def test_a_second_build_waits_for_the_first(project: Path) -> None:
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
