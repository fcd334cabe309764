"""Data intake: a table in someone else's layout, mapped by a descriptor, no code."""

from __future__ import annotations

from pathlib import Path

import pytest

from press.content.compute import compute_stats
from press.content.describe import describe, request_for
from press.core.target import Target
from press.make.build import build
from press.make.check import run_check
from press.source.load import load_project

from .conftest import at, errors_from
from .projects import (
    CHARTS,
    CSV,
    DATASET,
    NATIONAL_EXPORT,
    RELATED_ARRESTS,
    STATS,
    replaced,
    write_project,
)

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
EXPORT_CSV = NATIONAL_EXPORT["source/data/cde-national-prostitution.csv"]
EXPORT_DESCRIPTOR = NATIONAL_EXPORT["source/data/cde-national-prostitution.yaml"]


def bring_in(root: Path, files: dict[str, str] | None = None) -> Path:
    """The sample with the FBI's national export and a chart of it, and `files`."""
    return write_project(root, {**NATIONAL_EXPORT, "source/charts.yaml": CHARTS + NEW_CHART,
                                **(files or {})})


def test_a_wide_export_is_read_through_its_descriptor(tmp_path: Path) -> None:
    loaded, _ = load_project(bring_in(tmp_path))
    table = loaded.tables["cde-national-prostitution"]
    assert [(r.year, r.group, r.count) for r in table.rows] == [
        (2014, "female", 25037), (2014, "male", 12777), (2015, "female", 21202),
        (2015, "male", 11788), (2016, "female", 19048), (2016, "male", 11896)]
    assert {r.jurisdiction for r in table.rows} == {"United States"}
    assert {r.source for r in table.rows} == {"fbi-ucr-asr"}


@pytest.mark.slow
def test_the_new_table_is_charted_with_words_that_match_its_numbers(tmp_path: Path) -> None:
    project = bring_in(tmp_path)
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


def test_a_bad_cell_in_the_export_is_named_by_line(tmp_path: Path) -> None:
    project = bring_in(tmp_path, {"source/data/cde-national-prostitution.csv": replaced(
        EXPORT_CSV, "2015,ASR_PRS,Prostitution and Commercialized Vice,11788,21202",
        "2015,ASR_PRS,Prostitution and Commercialized Vice,11788,n/a")})
    assert errors_from(lambda: run_check(project)) == [
        'source/data/cde-national-prostitution.csv:4:57: error: column "total_female": expected '
        'a count of reported prostitution arrests (a whole number of 0 or more), found "n/a" '
        'Fix: write the count in digits, e.g. 642 or 1,234']


def test_a_column_the_export_lacks_is_named(tmp_path: Path) -> None:
    project = bring_in(tmp_path, {"source/data/cde-national-prostitution.yaml": replaced(
        EXPORT_DESCRIPTOR, "female: total_female", "female: female_total")})
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
constants: { source: county-records }
value_map: { F: female, M: male }
combine: sum
groups: { female: { label: Women }, male: { label: Men } }
"""
STATE = {"source/data/state.csv": STATE_TABLE, "source/data/state.yaml": STATE_DESCRIPTOR}


def test_a_long_table_maps_codes_labels_and_sums_age_groups(tmp_path: Path) -> None:
    loaded, _ = load_project(write_project(tmp_path, STATE))
    rows = [(r.year, r.group, r.count) for r in loaded.tables["state"].rows]
    assert rows == [(2015, "female", 84), (2015, "male", 50), (2016, "female", 70),
                    (2016, "male", 60)]


@pytest.mark.slow
def test_handouts_for_a_place_only_the_new_table_has(tmp_path: Path) -> None:
    from .test_build import text_of

    project = write_project(tmp_path, {**RELATED_ARRESTS, **STATE})
    build(project, Target(places=("Rhode Island",)))
    handouts = project / "out/rhode-island/handouts"
    # PDFium drops the hyphen where a line breaks after "prostitution-"
    advocates = text_of(handouts / "sample-victim-advocates.pdf").replace(
        "prostitutionrelated", "prostitution-related")
    # 70 / (70 + 60) = 53.8%
    assert "Women made up 54% of prostitution-related arrests in Rhode Island." in advocates
    assert "Rhode Island, 2016; share of 130 arrests" in text_of(handouts / "sample-judges.pdf")


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
def test_a_count_is_read_strictly_and_the_cell_named(tmp_path: Path, cell: str, found: str,
                                                     fix: str) -> None:
    written = f'Alder County,2021,female,"{cell}",' if "," in cell else \
        f"Alder County,2021,female,{cell},"
    project = write_project(tmp_path, {"source/data/arrests.csv": replaced(
        CSV, "Alder County,2021,female,120,", written)})
    assert errors_from(lambda: load_project(project)) == [
        f'{at(project, "source/data/arrests.csv", "Alder County,2021,female,", after="female,")}'
        ': error: column "arrests": expected a count of '
        f"arrests (a whole number of 0 or more), {found} Fix: {fix}"]


def test_thousands_separators_in_groups_of_three_are_read(tmp_path: Path) -> None:
    project = write_project(tmp_path, {"source/data/arrests.csv": replaced(
        CSV, "Brook County,2022,female,55,", 'Brook County,2022,female,"55,320",')})
    loaded, _ = load_project(project)
    assert any(r.count == 55320 and r.year == 2022 for r in loaded.tables["arrests"].rows)


def test_a_year_after_the_edition_date_is_refused_at_its_row(tmp_path: Path) -> None:
    project = write_project(tmp_path, {"source/data/arrests.csv": replaced(
        CSV, "Brook County,2023,female", "Brook County,2031,female")})
    assert errors_from(lambda: load_project(project)) == [
        f'{at(project, "source/data/arrests.csv", "Brook County,2031,", "2031")}'
        ': error: column "year": the year 2031 is after the '
        "edition date (2026-11-01 in settings.yaml), so it cannot be data yet Fix: correct the "
        "year; if this edition is later, change edition_date in source/settings.yaml"]


def test_two_columns_counting_one_group_under_two_keys_are_explained(tmp_path: Path) -> None:
    project = write_project(tmp_path, {
        "source/data/agency.csv": "year,adult_female,juvenile_female,adult_male\n2015,10,2,5\n",
        "source/data/agency.yaml":
        "title: T\npath: agency.csv\ndescription: D.\nlayout: wide\nmeasure: arrests\n"
        "columns: { year: year }\nwide_columns: { female: adult_female, juvenile: "
        "juvenile_female, male: adult_male }\nvalue_map: { juvenile: female }\n"
        "constants: { jurisdiction: Texas, source: county-records }\n"
        "groups: { female: { label: Women }, male: { label: Men } }\n"})
    assert errors_from(lambda: load_project(project)) == [
        'source/data/agency.csv:2:9: error: the columns "adult_female" and "juvenile_female" of '
        'this row both count the group "female" Fix: to add them together, write `female: '
        "[adult_female, juvenile_female]` under wide_columns, in place of the two entries"]


def test_a_list_where_one_column_is_wanted_gets_the_right_hint(tmp_path: Path) -> None:
    project = write_project(tmp_path, {"source/data/arrests.yaml": replaced(
        DATASET, "  count: arrests", "  count: [arrests, more]")})
    assert errors_from(lambda: load_project(project)) == [
        f"{at(project, 'source/data/arrests.yaml', 'count: [arrests')}"
        ": error: expected text, found a list Fix: write "
        "one value here, not a list"]


def test_a_renamed_place_name_that_the_file_lacks_is_a_warning(tmp_path: Path) -> None:
    project = write_project(tmp_path, {"source/data/arrests.yaml": replaced(
        DATASET, "groups:", "place_names: { Alder Conty: Alder County }\ngroups:")})
    _, problems = load_project(project)
    assert [p.format() for p in problems.warnings] == [
        f'{at(project, "source/data/arrests.csv", "place,year")}: warning: the place '
        'name "Alder Conty" under '
        "place_names in the descriptor is not in the file Fix: correct it to the name exactly "
        "as the file writes it, or remove it"]


def test_digits_in_a_place_name_are_not_taken_for_figures(tmp_path: Path) -> None:
    district = '"District 9 (ORI MA01460)"'
    project = write_project(tmp_path, {
        "source/data/arrests.csv": CSV.replace("Brook County,", f"{district},"),
        "source/stats.yaml": replaced(STATS, "jurisdiction: Brook County",
                                      f"jurisdiction: {district}")})
    result = run_check(project)
    assert not result.problems.errors
