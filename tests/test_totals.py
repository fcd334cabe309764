"""Totals anywhere in an export: a total row or column, first, last or per group, is known by
its label or by its sum, never counted as arrests, and never left out unsaid (issue 23)."""

from __future__ import annotations

from pathlib import Path

from press.core.problems import Problems
from press.source.load import Project, load_project

from .conftest import errors_from
from .projects import CSV, DATASET, write_project

ALDER_2021 = 120 + 80
EVERY_ROW = 900  # the sample's twelve rows
FEMALE = 120 + 110 + 90 + 60 + 55 + 50


def loaded(tmp_path: Path, csv: str, descriptor: str = DATASET) -> tuple[Project, Problems]:
    root = write_project(tmp_path, {"source/data/arrests.csv": csv,
                                    "source/data/arrests.yaml": descriptor})
    return load_project(root)


def said(problems: Problems) -> list[str]:
    return [p.format() for p in problems.items if p.file.startswith("source/data/")]


def test_a_grand_total_at_the_end_is_a_total_not_three_errors(tmp_path: Path) -> None:
    project, problems = loaded(tmp_path, CSV + f"Total,,,{EVERY_ROW},\n")
    assert said(problems) == [
        f'source/data/arrests.csv:14:1: warning: this row is a total ("Total": {EVERY_ROW}, every '
        "row of this file): it is never counted as arrests, and it equals the sum of the rows it "
        "totals (lines 2-13) Fix: write `total: Total` in the descriptor to say so (it is then "
        "checked without a warning)"]
    assert project.tables["arrests"].base("Alder County", 2021).total == ALDER_2021
    declared = DATASET.replace("groups:", "total: Total\ngroups:")
    assert said(loaded(tmp_path, CSV + f"Total,,,{EVERY_ROW},\n", declared)[1]) == []
    assert said(loaded(tmp_path, CSV + f"Total,,,{EVERY_ROW + 1},\n", declared)[1]) == [
        f"source/data/arrests.csv:14:1: warning: the total for every row of this file is "
        f"{EVERY_ROW + 1:,}, but its groups add up to {EVERY_ROW} (lines 2-13); shares are "
        "computed from the groups, never from the total Fix: correct the counts; if a group is "
        "missing from the descriptor (sex not recorded, say), declare it under groups"]


FILTERED = DATASET.replace("source: source\n", "source: source\nfilters: { offense: prostitution }\n")


def with_offense(csv: str) -> str:
    lines = csv.splitlines()
    rows = [lines[0] + ",offense", *(line + ",prostitution" for line in lines[1:])]
    return "\n".join([*rows, "Alder County,2021,female,7,county-records,drugs",
                      "Total,,,1000,,"]) + "\n"


def test_a_total_the_filters_would_drop_is_said_not_dropped_in_silence(tmp_path: Path) -> None:
    project, problems = loaded(tmp_path, with_offense(CSV), FILTERED)
    assert said(problems) == [
        'source/data/arrests.csv:15:1: warning: this row is a total ("Total": 1,000, every row of '
        "this file): it is never counted as arrests, and it is not checked: it may count rows the "
        "filters leave out (offense: prostitution) Fix: write `total: Total` in the descriptor to "
        "say so",
        "source/data/arrests.csv: note: 14 rows read, 12 counted, 1 left out (offense not "
        "prostitution), 1 a total (not counted)"]
    assert project.tables["arrests"].base("Alder County", 2021).total == ALDER_2021
    declared = FILTERED.replace("groups:", "total: Total\ngroups:")
    assert said(loaded(tmp_path, with_offense(CSV), declared)[1])[:1] == [
        "source/data/arrests.csv:15:1: note: the total for every row of this file (1,000) is not "
        "checked: it may count rows the filters leave out (offense: prostitution); it is never "
        "counted as arrests"]


def test_a_total_first_in_its_place_and_year_is_known_by_its_label(tmp_path: Path) -> None:
    first = CSV.replace("Alder County,2021,female", f"Alder County,2021,All persons,{ALDER_2021},"
                        "county-records\nAlder County,2021,female", 1)
    project, problems = loaded(tmp_path, first)
    assert said(problems) == [
        f'source/data/arrests.csv:2:1: warning: this row is a total ("All persons": {ALDER_2021}, '
        "Alder County, 2021): it is never counted as arrests, and it equals the sum of the rows "
        "it totals (lines 3-4) Fix: write `total: All persons` in the descriptor to say so (it is "
        "then checked without a warning)"]
    assert project.tables["arrests"].base("Alder County", 2021).total == ALDER_2021


def test_a_row_that_is_the_sum_of_its_place_and_year_is_taken_for_a_total(tmp_path: Path) -> None:
    first = CSV.replace("Alder County,2021,female", f"Alder County,2021,Everyone,{ALDER_2021},"
                        "county-records\nAlder County,2021,female", 1)
    project, problems = loaded(tmp_path, first)
    assert said(problems) == [
        f'source/data/arrests.csv:2:1: warning: "Everyone" is not a group, and its {ALDER_2021} is '
        "the sum of the other rows of Alder County, 2021 (lines 3-4), so it is taken for their "
        "total: it is never counted as arrests Fix: if it is their total, write `total: "
        "Everyone` in the descriptor to say so (it is then checked without a warning); if it is "
        "a group, declare it under `groups`"]
    assert project.tables["arrests"].base("Alder County", 2021).total == ALDER_2021
    other = first.replace(f"Everyone,{ALDER_2021}", f"Everyone,{ALDER_2021 + 1}")
    root = write_project(tmp_path, {"source/data/arrests.csv": other})
    assert errors_from(lambda: load_project(root)) == [
        'source/data/arrests.csv:2:19: error: unknown group "Everyone"; expected one of "female", '
        '"male" Fix: correct the value, map it to a group under `value_map:` in the descriptor, '
        "or leave such rows out with `exclude: { sex: [Everyone] }`"]


def test_an_empty_group_cell_that_sums_its_place_and_year_is_a_total(tmp_path: Path) -> None:
    csv = CSV + f"Alder County,2021,,{ALDER_2021},county-records\n"
    _, problems = loaded(tmp_path, csv)
    assert said(problems) == [
        f"source/data/arrests.csv:14:1: warning: this row's group cell is empty, and its "
        f"{ALDER_2021} is the sum of the other rows of Alder County, 2021 (lines 2-3), so it is "
        "taken for their total: it is never counted as arrests Fix: if it is their total, write "
        '`total: ""` in the descriptor to say so (it is then checked without a warning); if it '
        "is a group, declare it under `groups`"]


def test_a_row_with_only_a_count_is_a_total_or_one_error(tmp_path: Path) -> None:
    _, problems = loaded(tmp_path, CSV + f",,,{EVERY_ROW},\n")
    assert said(problems) == [
        f"source/data/arrests.csv:14:1: warning: this row has no place, year or group, and its "
        f"{EVERY_ROW} is the sum of the other rows of this file (lines 2-13), so it is taken "
        "for their total: it is never counted as arrests Fix: delete the line, or write "
        "`footer_rows: 1` in the descriptor if it is the last (it is then read as a note)"]
    root = write_project(tmp_path, {"source/data/arrests.csv": CSV + ",,,901,\n"})
    assert errors_from(lambda: load_project(root)) == [
        "source/data/arrests.csv:14:1: error: this row has a count (901) but no place, year or "
        "group Fix: fill them in, or delete the row (a total of the rows above is taken for one "
        "when it equals their sum)"]


def test_a_groups_own_total_is_checked_against_that_group(tmp_path: Path) -> None:
    _, problems = loaded(tmp_path, CSV + f"Total,,female,{FEMALE},\n")
    assert said(problems) == [
        f'source/data/arrests.csv:14:1: warning: this row is a total ("Total": {FEMALE}, Women in '
        "every row of this file): it is never counted as arrests, and it equals the sum of the "
        "rows it totals (lines 2, 4, 6, 8, 10, 12) Fix: write `total: Total` in the descriptor "
        "to say so (it is then checked without a warning)"]


AGES = """place,year,sex,age,arrests,source
Alder County,2021,female,adult,100,county-records
Brook County,2021,female,adult,50,county-records
Alder County,2021,male,adult,60,county-records
Brook County,2021,male,adult,30,county-records
Alder County,2021,female,juvenile,20,county-records
Brook County,2021,female,juvenile,10,county-records
Alder County,2021,male,juvenile,15,county-records
Brook County,2021,male,juvenile,10,county-records
Alder County,2021,female,unknown,3,county-records
Alder County,2021,Total,,199,county-records
"""


def test_a_total_that_does_not_match_names_every_line_it_sums(tmp_path: Path) -> None:
    descriptor = DATASET.replace("groups:", "total: Total\ncombine: sum\ngroups:")
    _, problems = loaded(tmp_path, AGES, descriptor)
    assert said(problems) == [
        "source/data/arrests.csv:11:1: warning: the total for Alder County, 2021 is 199, but its "
        "groups add up to 198 (lines 2, 4, 6, 8, 10); shares are computed from the groups, never "
        "from the total Fix: correct the counts; if a group is missing from the descriptor (sex "
        "not recorded, say), declare it under groups"]


def test_totals_in_a_published_tables_rows_are_said_once(tmp_path: Path) -> None:
    table = ("Sex,2021,2022\nFemale,120,110\nMale,80,90\nTotal,200,200\n")
    descriptor = """title: Arrests by sex, a published table
path: arrests.csv
description: One row per sex, one column per year.
layout: year-columns
measure: arrests
columns: { group: Sex }
constants: { jurisdiction: Alder County, source: county-records }
groups:
  female: { label: Women }
  male: { label: Men }
"""
    project, problems = loaded(tmp_path, table, descriptor)
    assert said(problems) == [
        'source/data/arrests.csv:4:1: warning: this row is a total ("Total", line 4): never '
        "counted as arrests, and each count equals the sum of the rows it totals Fix: write "
        "`total: Total` in the descriptor to say so (then it is checked without a warning)"]
    assert project.tables["arrests"].base("Alder County", 2022).total == 200


WIDE = """title: Arrests by sex, one column per sex
path: arrests.csv
description: One row per place and year.
layout: wide
measure: arrests
columns: { jurisdiction: place, year: year }
wide_columns: { female: [adult_female, juvenile_female], male: [adult_male, juvenile_male] }
constants: { source: county-records }
groups:
  female: { label: Women }
  male: { label: Men }
"""
WIDE_CSV = """place,year,adult_female,juvenile_female,female_total,adult_male,juvenile_male,all_arrests
Alder County,2021,100,20,120,70,10,200
Alder County,2022,95,15,110,80,10,200
"""


def test_a_wide_files_total_columns_are_said_never_offered_to_be_counted(tmp_path: Path) -> None:
    project, problems = loaded(tmp_path, WIDE_CSV, WIDE)
    assert said(problems) == [
        'source/data/arrests.csv:1:1: warning: the column "female_total" holds the total of the '
        'group "female"\'s columns ("adult_female", "juvenile_female") and is never counted as '
        "arrests Fix: count either it or its parts, never both (the press counts the parts); "
        "list it under `ignore_columns:` to say so",
        'source/data/arrests.csv:1:1: warning: the column "all_arrests" holds the total of the '
        "groups, on every row their sum, and is never counted as arrests Fix: write `total: "
        "all_arrests` in the descriptor to say so (it is then checked on every row without a "
        "warning)"]
    assert project.tables["arrests"].base("Alder County", 2021).total == 200


def test_a_total_column_listed_with_its_parts_is_an_error(tmp_path: Path) -> None:
    descriptor = WIDE.replace("[adult_female, juvenile_female]",
                              "[adult_female, juvenile_female, female_total]")
    root = write_project(tmp_path, {"source/data/arrests.csv": WIDE_CSV,
                                    "source/data/arrests.yaml": descriptor})
    assert errors_from(lambda: load_project(root)) == [
        'source/data/arrests.csv:1:1: error: the column "female_total" is the total of the group '
        '"female"\'s other columns ("adult_female", "juvenile_female"): listed with them, each of '
        "its arrests would be counted twice Fix: under wide_columns, write `female: "
        "female_total` or list its parts alone, never both"]


def test_a_total_line_in_a_records_export_is_not_counted_as_an_arrest(tmp_path: Path) -> None:
    records = """title: Arrests, one row per arrest
path: arrests.csv
description: One row per arrest.
layout: records
measure: arrests
columns: { date: date, group: sex }
constants: { jurisdiction: Alder County, source: county-records }
value_map: { F: female, M: male }
groups:
  female: { label: Women }
  male: { label: Men }
"""
    csv = "date,sex\n2021-01-04,F\n2021-02-11,M\n2021-03-09,F\nTotal,3\n"
    project, problems = loaded(tmp_path, csv, records)
    assert said(problems) == [
        'source/data/arrests.csv:5:1: warning: this row is a total ("Total"): it is not counted '
        "as an arrest, as every other row is Fix: write `total: Total` in the descriptor, so it "
        "is read as a total",
        "source/data/arrests.csv: note: 4 rows read, 3 counted, 1 a total (not counted)"]
    assert project.tables["arrests"].base("Alder County", 2021).total == 3
