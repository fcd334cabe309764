"""Starting points: new files that build as they are, where the press reads them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from press.make.build import build

from .conftest import ROOT, at
from .projects import JUDGES, write_project

pytestmark = pytest.mark.slow  # every test here builds, renders or starts processes


def new(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "make_report.py"), "new", *args, "--root",
                           str(root)], capture_output=True, text=True, check=False)


def test_a_new_handout_and_a_new_chapter_build_unedited(tmp_path: Path) -> None:
    project = write_project(tmp_path)
    made = new(project, "handout", "Probation officers")
    assert made.returncode == 0, made.stderr
    assert made.stdout.splitlines()[0] == (
        "wrote source/handouts/sample/probation-officers.yaml")
    made = new(project, "chapter", "Housing")
    assert made.returncode == 0, made.stderr
    assert made.stdout.splitlines()[:2] == ["wrote source/briefs/housing.yaml",
                                            "wrote source/handouts/housing/community-partners.yaml"]
    result = build(project)
    files = {o.rel for o in result.outputs}
    assert {"handouts/sample-probation-officers.pdf", "housing-brief.pdf",
            "handouts/housing-community-partners.pdf", "housing-packet.pdf"} <= files
    new_warnings = [p.format() for p in result.problems.warnings
                    if "housing" in p.file or "probation" in p.file]
    where = at(project, "source/handouts/sample/probation-officers.yaml", "audience:",
               after="audience: ")
    assert new_warnings == [  # the one thing left to decide: where the new audience belongs
        f'{where}: warning: the audience '
        '"probation-officers" has a handout but is not in the roster of source/briefs/'
        "sample.yaml Fix: add it to the roster (the roles block), or list it under "
        "other_audiences: in the brief"]


def test_new_refuses_to_overwrite(tmp_path: Path) -> None:
    made = new(write_project(tmp_path), "handout", "Judges")
    assert made.returncode == 2
    assert "source/handouts/sample/judges.yaml already exists" in made.stderr
    assert (tmp_path / "source/handouts/sample/judges.yaml").read_text(encoding="utf-8") == (
        JUDGES)  # left as it was


def test_a_name_with_colons_quotes_or_hashes_is_written_as_valid_yaml(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from press.commands.cli import main
    from press.source.load import load_project

    root = write_project(tmp_path)
    audience = 'Judges: family court #2, "yes"'
    assert main(["new", "handout", audience, "--root", str(root)]) == 0
    assert main(["new", "chapter", "Housing: a \"first\" step\nfor all", "--root",
                 str(root)]) == 0
    assert main(["new", "handout", "no", "--root", str(root), "--chapter", "sample"]) == 0
    project, problems = load_project(root)
    assert [p.format() for p in problems.errors] == []
    assert project.handouts["sample/judges-family-court-2-yes"].audience == audience
    assert project.handouts["sample/no"].audience == "No"  # not false
    brief = project.briefs["housing-a-first-step-for-all"]
    assert brief.chapter == 'HOUSING: A "FIRST" STEP FOR ALL'
    assert brief.title == 'Housing: a "first" step for all: The Life Story, Moments of Change'
    capsys.readouterr()
    assert main(["new", "handout", "Judges\x1b]0;x\x07", "--root", str(root)]) == 2
    said = capsys.readouterr().err
    assert "the audience's name has a character that is not text in it (U+001B (ESCAPE))" in said
    assert "\x1b" not in said and not (root / "source/handouts/sample/judges-0-x.yaml").exists()
    assert main(["new", "handout", "Nurses\u202e", "--root", str(root)]) == 2
    assert "(U+202E (RIGHT-TO-LEFT OVERRIDE))" in capsys.readouterr().err
    for marked in ("<b>Nurses</b>", "Nurses <script>x</script>"):
        assert main(["new", "handout", marked, "--root", str(root)]) == 2
        said = capsys.readouterr().err
        assert "the audience's name has HTML markup in it" in said, said
        assert "Fix: write the name alone, without tags" in said
    assert main(["new", "chapter", "<i>Housing</i>", "--root", str(root)]) == 2
    assert "the chapter's name has HTML markup in it" in capsys.readouterr().err
    assert not list((root / "source/handouts/sample").glob("*nurses*"))
    assert main(["new", "handout", "Nurses < doctors", "--root", str(root), "--chapter",
                 "sample"]) == 0  # text, not a tag
