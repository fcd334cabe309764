"""Data intake: a table in someone else's layout, mapped by a descriptor, no code."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from press.build import build, run_check
from press.chart import describe, request_for
from press.compute import compute_stats
from press.load import load_project
from press.problems import BuildError

from .conftest import ROOT, edit

FIXTURES = ROOT / "tests" / "fixtures"

NEW_CHART = """
- id: cde-trend
  kind: share-over-time
  dataset: cde-national-prostitution
  jurisdictions: [United States]
  years: [2014, 2016]
  group: female
  title: Women were {min_share} to {max_share} of reported arrests
  subtitle: "{jurisdiction}, {first_year}-{last_year}"
  annotate: [first, last]
"""


def bring_in(root: Path) -> None:
    for name in ("cde-national-prostitution.csv", "cde-national-prostitution.yaml"):
        shutil.copy(FIXTURES / name, root / "source" / "data" / name)
    charts = root / "source" / "charts.yaml"
    charts.write_text(charts.read_text() + NEW_CHART)


def test_a_wide_export_is_read_through_its_descriptor(project: Path) -> None:
    bring_in(project)
    loaded, _ = load_project(project)
    table = loaded.tables["cde-national-prostitution"]
    assert [(r.year, r.group, r.count) for r in table.rows] == [
        (2014, "female", 25037), (2014, "male", 12777), (2015, "female", 21202),
        (2015, "male", 11788), (2016, "female", 19048), (2016, "male", 11896)]
    assert {r.jurisdiction for r in table.rows} == {"United States"}
    assert {r.source for r in table.rows} == {"fbi-ucr-asr"}


def test_the_new_table_is_charted_with_words_that_match_its_numbers(project: Path) -> None:
    bring_in(project)
    loaded, _ = load_project(project)
    stats, _ = compute_stats(loaded)
    description = describe(request_for(loaded, loaded.charts["cde-trend"], "brief", stats)[0])
    # 25037 / 37814 = 66.2%, 21202 / 32990 = 64.3%, 19048 / 30944 = 61.6%
    assert description.title == "Women were 62% to 66% of reported arrests"
    assert description.alt == (
        "Line chart of women's share of reported prostitution arrests, 2014 to 2016. "
        "United States: 66% in 2014 and 62% in 2016; the high was 66% in 2014 and the low 62% "
        "in 2016.")
    build(project)
    assert (project / "out" / "charts" / "cde-trend.svg").is_file()


def test_a_bad_cell_in_the_export_is_named_by_line(project: Path) -> None:
    bring_in(project)
    edit(project, "source/data/cde-national-prostitution.csv", "2015,ASR_PRS,Prostitution "
         "and Commercialized Vice,11788,21202", "2015,ASR_PRS,Prostitution and Commercialized "
         "Vice,11788,n/a")
    with pytest.raises(BuildError) as caught:
        run_check(project)
    assert [p.format() for p in caught.value.problems if p.severity == "error"] == [
        'source/data/cde-national-prostitution.csv:4:57: error: column "total_female": expected '
        'a count of reported prostitution arrests (a whole number of 0 or more), found "n/a" '
        'Fix: write the count in digits, e.g. 642 or 1,234']


def test_a_column_the_export_lacks_is_named(project: Path) -> None:
    bring_in(project)
    edit(project, "source/data/cde-national-prostitution.yaml", "female: total_female",
         "female: female_total")
    with pytest.raises(BuildError) as caught:
        run_check(project)
    assert [p.format() for p in caught.value.problems if p.severity == "error"] == [
        'source/data/cde-national-prostitution.csv:1:1: error: the header row has no column '
        '"female_total"; found "data_year", "offense_code", "offense_name", "total_male", '
        '"total_female" Fix: rename the column, or change `columns:` in the descriptor to '
        "match the file"]


STATE_TABLE = """State,Year,Sex,Age group,Arrests
Rhode Island,2015,F,Adult,80
Rhode Island,2015,F,Juvenile,4
Rhode Island,2015,M,Adult,50
Rhode Island,2016,Female,Adult,70
Rhode Island,2016,Male,Adult,60
"""

STATE_DESCRIPTOR = """title: Test state table (made-up figures for the test)
path: state.csv
description: A long table with one row per age group, as a state agency might export it.
layout: long
measure: prostitution-related arrests
columns: { jurisdiction: State, year: Year, group: Sex, count: Arrests }
constants: { source: ma-state-police-2013 }
value_map: { F: female, M: male }
combine: sum
groups: { female: { label: Women }, male: { label: Men } }
"""


def add_state_table(root: Path) -> None:
    (root / "source/data/state.csv").write_text(STATE_TABLE)
    (root / "source/data/state.yaml").write_text(STATE_DESCRIPTOR)


def test_a_long_table_maps_codes_labels_and_sums_age_groups(project: Path) -> None:
    add_state_table(project)
    loaded, _ = load_project(project)
    rows = [(r.year, r.group, r.count) for r in loaded.tables["state"].rows]
    assert rows == [(2015, "female", 84), (2015, "male", 50), (2016, "female", 70),
                    (2016, "male", 60)]


def test_handouts_for_a_place_only_the_new_table_has(project: Path) -> None:
    from .test_build import text_of

    add_state_table(project)
    build(project, jurisdiction="Rhode Island")
    text = text_of(project / "out/rhode-island/handouts/law-enforcement-police-officers.pdf")
    # 70 / (70 + 60) = 53.8%
    assert "Women made up 54% of prostitution-related arrests in Rhode Island." in (
        text.replace("prostitutionrelated", "prostitution-related"))
    assert "Rhode Island, 2016; of 130 prostitution-related arrests" in (
        text.replace("prostitutionrelated", "prostitution-related"))
