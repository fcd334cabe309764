"""Chapters own their audiences: a second chapter, built end to end and for a place."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from press.content.rule_files import unused
from press.core.target import Target
from press.make.build import build
from press.make.check import run_check
from press.source.load import load_project

from .conftest import at, errors_from
from .projects import BRIEF, JUDGES, replaced, write_project
from .second_chapter import add_second_chapter
from .test_build import text_of

JUDGES_FILE = "source/handouts/sample/judges.yaml"
# A training's print run for the sample's chapter, counting the judges among its audiences.
TRAINING = """title: In-service training
date: 2027-03-04
chapter: sample
attendees:
  victim-advocates: 12
  judges: 3
briefs: 6
imposition: 2-up
color: color
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The small sample project (tests/projects.py), its chapter "sample" with the judges'
    and the victim advocates' handouts."""
    return write_project(tmp_path / "project")


@pytest.mark.slow
def test_a_second_chapter_builds_end_to_end(project: Path) -> None:
    add_second_chapter(project)
    result = build(project)
    out = project / "out"
    assert (out / "housing-brief.pdf").is_file()
    assert sorted(p.name for p in (out / "handouts").glob("housing-*.pdf")) == [
        "housing-advocates.pdf", "housing-landlords.pdf"]  # never housing-housing-advocates
    packet = PdfReader(out / "housing-packet.pdf")
    assert [item.title for item in packet.outline if not isinstance(item, list)] == [
        "Housing (test chapter): The Life Story, Moments of Change",
        "Housing (Test): for landlords", "Housing (Test): for housing advocates"]
    text = text_of(out / "handouts" / "housing-landlords.pdf")
    assert "Women headed 62% of the households facing eviction filings in Riverton (fictional)." in text
    assert not [w for w in result.problems.warnings if "housing" in w.file
                and "printed twice" not in w.message]
    # the chapter's 62% stands beside a chart of the same place and year: said, not hidden
    assert sorted(w.file for w in result.problems.warnings if "62% (test-evictions-women-share) "
                  "is printed twice" in w.message) == ["source/briefs/housing.yaml",
                                                "source/handouts/housing/housing-advocates.yaml",
                                                "source/handouts/housing/landlords.yaml"]
    # The first chapter is untouched by the second one.
    assert sorted(p.name for p in (out / "handouts").glob("sample-*.pdf")) == [
        "sample-judges.pdf", "sample-victim-advocates.pdf"]


@pytest.mark.slow
def test_a_second_chapter_builds_for_its_own_place(project: Path) -> None:
    add_second_chapter(project)
    result = build(project, Target(places=("Riverton (fictional)",)))
    folder = project / "out" / "riverton-fictional" / "handouts"
    assert sorted(p.name for p in folder.glob("*.pdf")) == [
        "housing-advocates.pdf", "housing-landlords.pdf"]
    text = text_of(folder / "housing-advocates.pdf")
    assert "RIVERTON (FICTIONAL)" in text and "Riverton (fictional), 2019-2023" in text
    assert "Lakeside" not in text
    assert (f"{at(project, 'source/briefs/sample.yaml', 'slug:')}"
            ": warning: no handout of this chapter has a "
            "statistic or chart of Riverton (fictional)'s data, so none is built for this place "
            "Fix: add Riverton (fictional)'s rows to the data the chapter's statistics and charts "
            "use") in [w.format() for w in result.problems.warnings]
    lakeside = build(project, Target(places=("Lakeside (fictional)",)))
    assert "has no rows for Lakeside" not in " ".join(w.message for w in lakeside.problems.items)
    trend = [w.format() for w in lakeside.problems.warnings if "test-evictions-trend" in w.message]
    assert trend == [
        'source/handouts/housing/housing-advocates.yaml:13:8: warning: the chart '
        '"test-evictions-trend" cannot be drawn truthfully for Lakeside (fictional) (a trend '
        'needs two years, and the eviction filings of Lakeside (fictional) in "test-evictions" '
        'cover only 2023); the chart "test-evictions-split" stands in Fix: add more of Lakeside '
        "(fictional)'s data, or choose another chart for this handout"]


def test_a_handout_outside_a_chapter_folder_is_a_warning_and_not_built(project: Path) -> None:
    (project / "source/trainings").mkdir()
    (project / "source/trainings/in-service.yaml").write_text(TRAINING)
    handouts = project / "source/handouts"
    (handouts / "sample/judges.yaml").rename(handouts / "judges.yaml")
    deeper = handouts / "sample" / "drafts"
    deeper.mkdir()
    (deeper / "probation-officers.yaml").write_text("audience: Probation officers\n")
    loaded, problems = load_project(project)
    assert [p.format() for p in unused(loaded)] == [  # what a build says of the training
        f'{at(project, "source/trainings/in-service.yaml", "  judges:", "3")}'
        ': warning: the chapter sample '
        'has no handout "judges" (source/handouts/sample/judges.yaml). (this command '
        "does not use the file; the command that does stops here) Fix: write one of "
        '"victim-advocates"']
    assert [p.format() for p in problems.warnings if "trainings/" not in p.file] == [
        "source/handouts/judges.yaml: warning: the press does not read this file; handouts live "
        "in a folder per chapter Fix: move it to source/handouts/<chapter>/judges.yaml",
        "source/handouts/sample/drafts/probation-officers.yaml: warning: the press does "
        "not read this file; a handout must sit directly in its chapter's folder Fix: move it "
        "to source/handouts/sample/probation-officers.yaml"]


def test_a_folder_that_is_no_chapter_is_an_error(project: Path) -> None:
    (project / "source/handouts/sampel").mkdir()
    assert errors_from(lambda: load_project(project)) == [
        'source/handouts/sampel: error: the folder "sampel" is not a chapter: '
        'there is no source/briefs/sampel.yaml. Did you mean "sample"? Fix: '
        'name the folder after a chapter\'s brief ("sample"), or add the chapter\'s '
        "brief"]


def test_the_roster_and_the_handouts_agree_or_the_build_says_so(tmp_path: Path) -> None:
    project = write_project(tmp_path, {
        "source/briefs/sample.yaml": replaced(
            BRIEF, "about:", "other_audiences: [probation-officers]\nabout:"),
        JUDGES_FILE: None,
        "source/handouts/sample/police-officers.yaml": JUDGES.replace(
            "audience: Judges", "audience: Police officers")})
    problems = run_check(project).problems
    roster = sorted(p.format() for p in problems.warnings if "roster" in p.message
                    or "other_audiences" in p.message)
    assert roster == [
        f'{at(project, "source/briefs/sample.yaml", "{ id: judges", "judges")}'
        ': warning: the roster names "judges" but there '
        "is no handout source/handouts/sample/judges.yaml Fix: add the handout (start "
        "from another audience's file), or ignore this while it is being written",
        f'{at(project, "source/briefs/sample.yaml", "other_audiences:", "probation-officers")}'
        ': warning: other_audiences names '
        '"probation-officers" but there is no handout source/handouts/sample/'
        "probation-officers.yaml Fix: add the handout, or remove the name",
        f'{at(project, "source/handouts/sample/police-officers.yaml", "audience:", "Police")}'
        ': warning: the audience '
        '"police-officers" has a handout but is not in the roster of source/briefs/'
        "sample.yaml Fix: add it to the roster (the roles block), or list it under "
        "other_audiences: in the brief"]


def test_a_stray_file_in_source_is_a_warning(project: Path) -> None:
    (project / "source/notes.txt").write_text("to do")
    (project / "source/.DS_Store").write_bytes(b"\0")
    _, problems = load_project(project)
    assert [p.format() for p in problems.warnings] == [
        "source/notes.txt: warning: the press does not read this file Fix: move it out of "
        "source/, or delete it"]
