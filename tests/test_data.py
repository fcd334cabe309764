"""Data intake: a table in someone else's layout, mapped by a descriptor, no code."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from press.content.compute import compute_stats
from press.content.describe import describe, request_for
from press.core.target import Target
from press.make.build import build
from press.make.check import run_check
from press.source.load import load_project

from .conftest import ROOT, at, edit, errors_from

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
        "The United States: 66% in 2014 and 62% in 2016; the high was 66% in 2014 and the low "
        "62% in 2016.")
    build(project)
    assert (project / "out" / "charts" / "cde-trend.svg").is_file()


def test_a_bad_cell_in_the_export_is_named_by_line(project: Path) -> None:
    bring_in(project)
    edit(project, "source/data/cde-national-prostitution.csv", "2015,ASR_PRS,Prostitution "
         "and Commercialized Vice,11788,21202", "2015,ASR_PRS,Prostitution and Commercialized "
         "Vice,11788,n/a")
    assert errors_from(lambda: run_check(project)) == [
        'source/data/cde-national-prostitution.csv:4:57: error: column "total_female": expected '
        'a count of reported prostitution arrests (a whole number of 0 or more), found "n/a" '
        'Fix: write the count in digits, e.g. 642 or 1,234']


def test_a_column_the_export_lacks_is_named(project: Path) -> None:
    bring_in(project)
    edit(project, "source/data/cde-national-prostitution.yaml", "female: total_female",
         "female: female_total")
    assert errors_from(lambda: run_check(project)) == [
        'source/data/cde-national-prostitution.csv:1:1: error: the header row has no column '
        '"female_total"; found "data_year", "offense_code", "offense_name", "total_male", '
        '"total_female" Fix: rename the column, or change `columns:` in the descriptor to '
        "match the file; if title lines come above the header, they are skipped once the header "
        "has the columns named (or set `header_row:`)"]


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
    build(project, Target(places=("Rhode Island",)))
    text = text_of(project / "out/rhode-island/handouts/law-enforcement-police-officers.pdf")
    # 70 / (70 + 60) = 53.8%
    assert "Women made up 54% of prostitution-related arrests in Rhode Island." in (
        text.replace("prostitutionrelated", "prostitution-related"))
    assert "Rhode Island, 2016; of 130 prostitution-related arrests" in (
        text.replace("prostitutionrelated", "prostitution-related"))


@pytest.mark.parametrize(("cell", "found", "fix"), [
    ("642,5", 'found "642,5", which is not a whole number: commas may only separate thousands '
     "(6,425)", "write the number as the source gives it, e.g. 642 or 6,425"),
    ("642\u00b9", 'found "642\u00b9"', "write the count in digits, e.g. 642 or 1,234"),
    ("6.4e2", 'found "6.4e2", which is not written as a whole number',
     "write the count in full, digits only, e.g. 642 or 1,234"),
    ("\u2014", 'found "\u2014"', "write the count in digits, e.g. 642 or 1,234"),
    ("1,2345", 'found "1,2345", which is not a whole number: commas may only separate thousands '
     "(6,425)", "write the number as the source gives it, e.g. 642 or 6,425"),
    ('""', "found an empty cell", "write 0 if there were none; if the figure is unknown, remove "
     "the row or leave the place and year out of the documents"),
])
def test_a_count_is_read_strictly_and_the_cell_named(project: Path, cell: str, found: str,
                                                     fix: str) -> None:
    edit(project, "source/data/arrests-by-sex.csv", "Massachusetts,2013,female,642,",
         f'Massachusetts,2013,female,"{cell}",' if "," in cell else
         f"Massachusetts,2013,female,{cell},")
    assert errors_from(lambda: load_project(project)) == [
        f'{at(project, "source/data/arrests-by-sex.csv", "Massachusetts,2013,female,", after="female,")}'
        ': error: column "arrests": expected a count of '
        f"prostitution-related arrests (a whole number of 0 or more), {found} Fix: {fix}"]


def test_thousands_separators_in_groups_of_three_are_read(project: Path) -> None:
    edit(project, "source/data/arrests-by-sex.csv", "United States,1994,female,53320,",
         'United States,1994,female,"53,320",')
    loaded, _ = load_project(project)
    assert any(r.count == 53320 and r.year == 1994 for r in loaded.tables["arrests-by-sex"].rows)


def test_a_year_after_the_edition_date_is_refused_at_its_row(project: Path) -> None:
    edit(project, "source/data/arrests-by-sex.csv", "United States,2016,female",
         "United States,2031,female")
    assert errors_from(lambda: load_project(project)) == [
        f'{at(project, "source/data/arrests-by-sex.csv", "United States,2031,", "2031")}'
        ': error: column "year": the year 2031 is after the '
        "edition date (2026-11-01 in settings.yaml), so it cannot be data yet Fix: correct the "
        "year; if this edition is later, change edition_date in source/settings.yaml"]


def test_two_columns_counting_one_group_under_two_keys_are_explained(project: Path) -> None:
    (project / "source/data/agency.csv").write_text(
        "year,adult_female,juvenile_female,adult_male\n2015,10,2,5\n")
    (project / "source/data/agency.yaml").write_text(
        "title: T\npath: agency.csv\ndescription: D.\nlayout: wide\nmeasure: arrests\n"
        "columns: { year: year }\nwide_columns: { female: adult_female, juvenile: "
        "juvenile_female, male: adult_male }\nvalue_map: { juvenile: female }\n"
        "constants: { jurisdiction: Texas, source: fbi-ucr-asr }\n"
        "groups: { female: { label: Women }, male: { label: Men } }\n")
    assert errors_from(lambda: load_project(project)) == [
        'source/data/agency.csv:2:9: error: the columns "adult_female" and "juvenile_female" of '
        'this row both count the group "female" Fix: to add them together, write `female: '
        "[adult_female, juvenile_female]` under wide_columns, in place of the two entries"]


def test_a_list_where_one_column_is_wanted_gets_the_right_hint(project: Path) -> None:
    edit(project, "source/data/arrests-by-sex.yaml", "  count: arrests",
         "  count: [arrests, more]")
    assert errors_from(lambda: load_project(project)) == [
        f"{at(project, 'source/data/arrests-by-sex.yaml', 'count: [arrests')}"
        ": error: expected text, found a list Fix: write "
        "one value here, not a list"]


def test_a_renamed_place_name_that_the_file_lacks_is_a_warning(project: Path) -> None:
    edit(project, "source/data/arrests-by-sex.yaml", "groups:",
         "place_names: { Masachusetts: Massachusetts }\ngroups:")
    _, problems = load_project(project)
    assert [p.format() for p in problems.warnings] == [
        f'{at(project, "source/data/arrests-by-sex.csv", "jurisdiction,year")}: warning: the place '
        'name "Masachusetts" under '
        "place_names in the descriptor is not in the file Fix: correct it to the name exactly "
        "as the file writes it, or remove it"]


def test_digits_in_a_place_name_are_not_taken_for_figures(project: Path) -> None:
    text = (project / "source/data/arrests-by-sex.csv").read_text()
    (project / "source/data/arrests-by-sex.csv").write_text(
        text.replace("Massachusetts,", '"District 9 (ORI MA01460)",'))
    for rel in ("source/stats.yaml", "source/charts.yaml", "source/trainings/ma-police-in-service.yaml"):
        edit(project, rel, "jurisdiction: Massachusetts", 'jurisdiction: "District 9 (ORI MA01460)"')
    result = run_check(project)
    assert not result.problems.errors
