"""The worked examples of the README and the user guide (docs/), run exactly as written.

The examples that bring in a table of arrests for a place of its own (an agency's export, an
incident-level export) are followed in the sample project (tests/projects.py), its data
counted in the same words; the others change the real chapter's charts, references and
training as the guide tells staff to, and are among its end-to-end tests (tests/conftest.py).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from press.core.target import Target
from press.make.build import build
from press.make.check import run_check
from press.source.load import load_project

from . import guide
from .conftest import edit
from .guide import follow
from .projects import RELATED_ARRESTS, write_project
from .test_build import text_of

pytestmark = pytest.mark.slow  # every test here builds, renders or starts processes


def test_example_1_cde_export_is_charted_as_the_guide_says(project: Path) -> None:
    follow(project, "cde")
    result = run_check(project)
    assert not [w for w in result.problems.warnings if "cde-national" in w.file]
    build(project)
    svg = (project / "out" / "charts" / "cde-trend.svg").read_text()
    assert "Women were 62% to 66% of reported arrests" in svg
    edit(project, "source/data/cde-national-prostitution.csv", "11788,21202", "11788,n/a")
    with pytest.raises(Exception) as caught:
        run_check(project)
    assert ('source/data/cde-national-prostitution.csv:4:57: error: column "total_female": '
            'expected a count of reported prostitution arrests (a whole number of 0 or more), '
            'found "n/a"') in "\n".join(p.format() for p in caught.value.problems)  # type: ignore[attr-defined]


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """The sample project, its arrests counted in the words of the guide's exports."""
    return write_project(tmp_path / "sample", RELATED_ARRESTS)


def test_example_2_agency_export_sums_ages_and_renames_the_place(sample: Path) -> None:
    project = sample
    follow(project, "agency")
    loaded, problems = load_project(project)
    assert [p.message for p in problems.items] == [
        "3 rows read, 2 counted, 1 left out (Offense not Prostitution)"]  # a note, said
    rows = {(r.jurisdiction, r.year, r.group): r.count
            for r in loaded.tables["worcester-arrests"].rows}
    assert rows == {("Worcester, MA", 2017, "female"): 43, ("Worcester, MA", 2017, "male"): 23,
                    ("Worcester, MA", 2018, "female"): 36, ("Worcester, MA", 2018, "male"): 25}
    build(project, Target(places=("Worcester, MA",)))
    handouts = project / "out/worcester-ma/handouts"
    text = text_of(handouts / "sample-victim-advocates.pdf")
    text = " ".join(text.replace("prostitutionrelated", "prostitution-related").split())
    assert "Women made up 59% of prostitution-related arrests in Worcester, MA." in text
    assert "Worcester, MA, 2018; share of 61 arrests" in text_of(handouts / "sample-judges.pdf")
    for handout in handouts.glob("*.pdf"):
        assert "ORI" not in text_of(handout) and "MA01460" not in text_of(handout)


def test_example_2_mapping_only_adult_columns_warns(sample: Path) -> None:
    project = sample
    follow(project, "agency")
    edit(project, "source/data/worcester-arrests.yaml",
         "  female: [Adult Female, Juvenile Female]", "  female: Adult Female")
    _, problems = load_project(project)
    assert [p.format() for p in problems.warnings] == [
        'source/data/worcester-police-department-arrests-export-2017-2018.csv:1:1: warning: the '
        'column "Juvenile Female" holds counts that look like the group "female", but the '
        "descriptor does not use them Fix: to count it, write `female: [Adult Female, Juvenile "
        "Female]` under wide_columns; if it should not be counted, list it under "
        "`ignore_columns:`"]
    edit(project, "source/data/worcester-arrests.yaml", "filters:",
         "ignore_columns: [Juvenile Female]\nfilters:")
    assert not load_project(project)[1].warnings


def test_example_3_two_files_make_one_dataset(project: Path) -> None:
    follow(project, "two-files")
    loaded, problems = load_project(project)
    assert not problems.items
    assert {(r.group, r.count) for r in loaded.tables["state-arrests"].rows} == {
        ("female", 75), ("male", 61)}
    assert loaded.tables["state-arrests"].files == (
        "source/data/state-adult-arrests.csv", "source/data/state-juvenile-arrests.csv")


def test_the_training_example_prints_as_the_guide_says(project: Path) -> None:
    from press.make.printrun import print_training

    follow(project, "training")
    run = print_training(project, "ma-police-in-service")
    names = sorted(p.name for p in run.folder.iterdir())
    assert {"ma-police-in-service-handouts.pdf", "ma-police-in-service-brief-booklet.pdf",
            "ma-police-in-service-order.pdf", "ma-police-in-service-order.txt"} <= set(names)
    order = (run.folder / "ma-police-in-service-order.txt").read_text(encoding="utf-8")
    assert re.search(r"Handout for police officers\s+40\s+44", order)


def test_example_4_an_incident_level_export_is_counted_as_the_guide_says(sample: Path) -> None:
    project = sample
    follow(project, "nibrs")
    result = run_check(project)
    notes = [p.format() for p in result.problems.notes]
    assert notes == [line for line in guide.text().splitlines()
                     if line.startswith("source/data/millbrook-nibrs-arrestees")]
    build(project, Target(places=("Millbrook, Ohio",)))
    text = text_of(project / "out/millbrook-ohio/handouts/sample-victim-advocates.pdf")
    text = " ".join(text.replace("prostitutionrelated", "prostitution-related").split())
    assert "Women made up 58% of prostitution-related arrests in Millbrook, Ohio." in text
    assert "Millbrook, Ohio, 2022; of 109 arrests, 4 with sex not recorded" in text


def test_example_5_a_published_table_is_read_as_the_guide_says(project: Path) -> None:
    follow(project, "table")
    result = run_check(project)
    assert [p.message for p in result.problems.notes] == [
        '1 title line above the header skipped (line 1: "Table 4. Prostitution-related arrests '
        'by sex, Mil\u2026")',
        '2 note lines below the data skipped (lines 6-7: "Note: Counts are arrests, not people."); '
        "to print a note under the charts, write it under `notes:` in the descriptor"]
    assert not [w for w in result.problems.warnings if "millbrook" in w.file]
    build(project, Target(places=("Millbrook County, Ohio",)))
    folder = project / "out/millbrook-county-ohio/handouts"
    text = text_of(folder / "law-enforcement-police-officers.pdf")
    text = " ".join(text.replace("prostitutionrelated", "prostitution-related").split())
    assert "Women made up 63% of prostitution-related arrests in Millbrook County, Ohio." in text
    trend = " ".join(text_of(folder / "law-enforcement-task-force-members.pdf").split())
    assert "Women were 60% to 63%" in trend
