"""Builds redo only what changed: reuse by key, say so when nothing changed, every core."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from press.make.build import build

from .conftest import ROOT
from .projects import JUDGES, change, write_project

pytestmark = pytest.mark.slow  # every test builds


@pytest.fixture
def project(sample_built: Path, tmp_path: Path) -> Path:
    """A copy of the small sample project (tests/projects.py: a brief, two handouts, their
    packet) and of its build, out/ and caches: a test's own first build finds it whole."""
    import shutil

    return Path(shutil.copytree(sample_built, tmp_path / "project"))


def digests(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in folder.rglob("*") if p.is_file()}


def test_a_rebuild_with_no_change_renders_and_writes_nothing(project: Path) -> None:
    build(project)
    before = {p: p.stat().st_ino for p in (project / "out").rglob("*")}
    again = build(project)
    assert again.unchanged and again.rendered == []
    assert {p: p.stat().st_ino for p in (project / "out").rglob("*")} == before


def test_the_command_says_nothing_changed_without_starting_the_renderer(project: Path) -> None:
    build(project)
    code = ("import sys; from pathlib import Path; from press.commands.cli import main; "
            f"code = main(['build'], root=Path({str(project)!r})); "
            "print([m for m in ('weasyprint', 'matplotlib', 'pydantic') if m in sys.modules]); "
            "sys.exit(code)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, check=False)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    warnings = sum(1 for line in lines if ": warning: " in line)
    assert lines[-2] == ("Nothing changed since the last build: out/ already holds it "
                         f"(4 PDFs, {warnings} warning(s)).")
    assert lines[-1] == "[]"


def test_one_handout_edited_renders_that_handout_and_its_packet_only(project: Path) -> None:
    build(project)
    before = digests(project / "out")
    change(project, {"source/handouts/sample/judges.yaml": JUDGES.replace(
        "From the bench,", "At the bench,")})
    result = build(project)
    assert result.rendered == ["handouts/sample-judges.pdf"]
    after = digests(project / "out")
    changed = {k for k in after if after[k] != before.get(k)}
    assert {"handouts/sample-judges.pdf", "sample-packet.pdf", "manifest.json"} <= changed <= {
        "handouts/sample-judges.pdf", "sample-packet.pdf", "manifest.json",
        "index.html", "preview/sample-judges.png", "preview/sample-packet.png"}


def test_a_shared_input_renders_every_document_that_uses_it(project: Path) -> None:
    build(project)
    (project / "layouts/css/handout.css").write_text(
        (project / "layouts/css/handout.css").read_text() + "\n/* a comment */\n")
    result = build(project)
    assert sorted(result.rendered) == sorted(
        p.rel for p in result.outputs if p.rel.startswith("handouts/"))


def test_documents_typeset_on_several_cores_are_the_same_bytes(tmp_path: Path) -> None:
    project, twin = write_project(tmp_path / "one"), write_project(tmp_path / "two")
    one = build(project, workers=1)
    two = build(twin, workers=2)
    assert {o.rel: o.data for o in one.outputs} == {o.rel: o.data for o in two.outputs}
