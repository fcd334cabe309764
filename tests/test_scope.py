"""Rules apply where they belong: a training's place to its own chapter, in `check` as in
`print`; a funder's rules to the chapter and documents its file names (issue 23)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from press.content.check import run_check
from press.content.rulefiles import funder_errors, funder_files
from press.source.load import load_project

from .conftest import errors_from
from .projects import ADVOCATES, BRIEF, write_project

TODAY = dt.date(2026, 11, 28)
# A second chapter whose handout names a place in its own words: right for the whole
# state's handouts, wrong for a place's.
SCHOOLS = {
    "source/briefs/schools.yaml": BRIEF.replace("slug: sample", "slug: schools").replace(
        "chapter: SAMPLE", "chapter: SCHOOLS").replace("Sample:", "Schools:").replace(
        "      - { id: judges, name: Judges }\n", ""),
    "source/handouts/schools/victim-advocates.yaml": ADVOCATES.replace(
        "Advocates meet women", "In Brook County, advocates meet women"),
}
TRAINING = """title: Alder County in-service
date: 2027-03-04
chapter: sample
jurisdiction: Alder County
attendees:
  judges: 10
"""


def test_a_trainings_place_applies_to_its_own_chapter_only(tmp_path: Path) -> None:
    root = write_project(tmp_path, {**SCHOOLS, "source/trainings/alder.yaml": TRAINING})
    checked = run_check(root, today=TODAY)
    assert checked.problems.errors == []
    assert not [p for p in checked.problems.items if "Brook County" in p.message]


def test_a_trainings_place_still_applies_to_its_own_chapter(tmp_path: Path) -> None:
    root = write_project(tmp_path, {**SCHOOLS, "source/trainings/alder.yaml": TRAINING.replace(
        "chapter: sample", "chapter: schools").replace("judges: 10", "victim-advocates: 10")})
    assert errors_from(lambda: run_check(root, today=TODAY)) == [
        'source/handouts/schools/victim-advocates.yaml:4:6: error: the handout names "Brook '
        'County", but this build is for Alder County: a reader would take the sentence as this '
        "place's Fix: leave the place out of the handout's own words (statistics and charts "
        "name their place), or build without --jurisdiction"]


FUNDER = """name: A schools grant
guide: made up for the tests
chapter: schools
documents: [brief, victim-advocates]
rules:
  page_limit: 4
"""


def test_a_funder_names_its_chapter_and_documents(tmp_path: Path) -> None:
    root = write_project(tmp_path, {**SCHOOLS, "source/funders/schools-grant.yaml": FUNDER})
    project, _ = load_project(root)
    assert funder_errors(project, "schools-grant") == []
    assert funder_files(project, project.funders["schools-grant"]) == {
        "schools-brief.pdf", "handouts/schools-victim-advocates.pdf"}
    everywhere = project.funders["schools-grant"].model_copy(update={"chapter": None})
    assert funder_files(project, everywhere) == {
        "schools-brief.pdf", "sample-brief.pdf", "handouts/schools-victim-advocates.pdf",
        "handouts/sample-victim-advocates.pdf"}


def test_a_funders_chapter_or_document_that_is_not_there_is_an_error_at_its_line(
        tmp_path: Path) -> None:
    root = write_project(tmp_path, {**SCHOOLS, "source/funders/schools-grant.yaml": FUNDER.replace(
        "chapter: schools", "chapter: school")})
    project, _ = load_project(root)
    assert [p.format() for p in funder_errors(project, "schools-grant")] == [
        'source/funders/schools-grant.yaml:3:10: error: there is no chapter "school". Did you '
        'mean "schools"? Fix: write one of "sample", "schools", or leave `chapter:` out for '
        "every chapter's PDFs"]
    write_project(root, {"source/funders/schools-grant.yaml": FUNDER.replace(
        "[brief, victim-advocates]", "[breif, judges]")})
    project, _ = load_project(root)
    assert [p.format() for p in funder_errors(project, "schools-grant")] == [
        'source/funders/schools-grant.yaml:4:13: error: "breif" is neither a kind of PDF nor a '
        'handout of the chapter schools. Did you mean "brief"? Fix: write "brief", "handouts", '
        '"packet", or an audience\'s file name: "victim-advocates"',
        'source/funders/schools-grant.yaml:4:20: error: "judges" is neither a kind of PDF nor a '
        'handout of the chapter schools. Fix: write "brief", "handouts", "packet", or an '
        'audience\'s file name: "victim-advocates"']


def test_a_training_saved_in_the_wrong_folder_is_told_where_it_goes(tmp_path: Path) -> None:
    from press.make.printrun import print_training

    root = write_project(tmp_path, {"source/training/alder.yaml": TRAINING})
    _, problems = load_project(root)
    assert [p.format() for p in problems.warnings if p.file.startswith("source/training/")] == [
        'source/training/alder.yaml: warning: the press does not read the folder '
        'source/training/. Did you mean "trainings"? Fix: move it to '
        "source/trainings/alder.yaml"]
    assert errors_from(lambda: print_training(root, "alder", TODAY)) == [
        'source/training/alder.yaml: error: there is no training "alder" in source/trainings/: '
        "this file is not there, so the press does not read it Fix: move it to "
        "source/trainings/alder.yaml"]


def test_a_misnamed_file_is_told_the_name_it_most_likely_means(tmp_path: Path) -> None:
    from .projects import QUOTES

    root = write_project(tmp_path, {"source/quote.yaml": QUOTES})
    _, problems = load_project(root)
    assert [p.format() for p in problems.warnings if p.file == "source/quote.yaml"] == [
        'source/quote.yaml: warning: the press does not read this file. Did you mean '
        '"quotes.yaml"? Fix: move what it holds into source/quotes.yaml, then delete it']


def test_a_file_of_its_own_is_not_taken_for_a_misnamed_one(tmp_path: Path) -> None:
    root = write_project(tmp_path, {"source/notes.txt": "to do", "source/drafts/judges.yaml":
                                    "audience: Judges\n"})
    _, problems = load_project(root)
    assert [p.format() for p in problems.warnings if "notes" in p.file or "drafts" in p.file] == [
        "source/drafts/judges.yaml: warning: the press does not read this file Fix: move it out "
        "of source/, or delete it",
        "source/notes.txt: warning: the press does not read this file Fix: move it out of "
        "source/, or delete it"]
