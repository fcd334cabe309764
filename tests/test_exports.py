"""Every number true, from any arrest export as it comes: whole bases, totals, groups not
recorded, zero years, incident-level records and published tables (all figures made up)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from charts.common import ChartRequest
from press.content.compute import compute_stats, share_of
from press.content.describe import describe, request_for
from press.core.problems import BuildError
from press.make.check import run_check
from press.source.cells import year_of_date
from press.source.load import load_project

from .conftest import ROOT, at, errors_from
from .projects import RELATED_ARRESTS, write_project

EXPORTS = ROOT / "tests" / "fixtures" / "exports"
PLACE = "Millbrook, Ohio"

LONG = """Agency,Year,Sex,Arrests
"Millbrook, Ohio",2019,Female,30
"Millbrook, Ohio",2019,Male,11
"Millbrook, Ohio",2020,Female,27
"Millbrook, Ohio",2020,Male,13
"Millbrook, Ohio",2021,Female,22
"Millbrook, Ohio",2021,Male,8
"Millbrook, Ohio",2022,Female,35
"""

DESCRIPTOR = """title: Millbrook arrests (made-up figures for the tests)
path: millbrook.csv
description: One row per year and sex.
measure: prostitution-related arrests
columns: { jurisdiction: Agency, year: Year, group: Sex, count: Arrests }
constants: { source: county-records }
groups: { female: { label: Women }, male: { label: Men } }
"""

STAT = """
- id: millbrook-2022
  kind: share
  dataset: millbrook
  jurisdiction: "Millbrook, Ohio"
  year: 2022
  group: female
  meaning: Women made up {value} of {measure} in {jurisdiction}.
  base: of {total} {measure}
"""

CHARTS = """
- id: millbrook-trend
  kind: share-over-time
  dataset: millbrook
  jurisdictions: ["Millbrook, Ohio"]
  years: [2019, 2022]
  group: female
  title: Women's share of arrests
  subtitle: "{jurisdiction}, {first_year}-{last_year}"
- id: millbrook-split
  kind: split
  dataset: millbrook
  jurisdiction: "Millbrook, Ohio"
  year: 2021
  highlight: female
  title: Women were {highlight_share} of arrests
  subtitle: "{jurisdiction}, {year}"
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The small sample project (tests/projects.py), its arrests counted in the words the
    exports below use, so a place build may draw on them."""
    return write_project(tmp_path / "project", RELATED_ARRESTS)


def add(root: Path, csv: str = LONG, descriptor: str = DESCRIPTOR, charts: str = "") -> None:
    (root / "source/data/millbrook.csv").write_text(csv, encoding="utf-8")
    (root / "source/data/millbrook.yaml").write_text(descriptor, encoding="utf-8")
    if charts:
        path = root / "source/charts.yaml"
        path.write_text(path.read_text() + charts)


def add_stat(root: Path) -> None:
    path = root / "source/stats.yaml"
    path.write_text(path.read_text() + STAT)


def request(root: Path, chart: str) -> ChartRequest:
    project, _ = load_project(root)
    stats, _ = compute_stats(project)
    return request_for(project, project.charts[chart], "handout", stats)[0]


# --- 1. no share without its whole base --------------------------------------------------

def test_a_year_missing_a_group_is_a_warning_at_its_rows(project: Path) -> None:
    add(project)
    _, problems = load_project(project)
    assert [p.format() for p in problems.warnings if "millbrook" in p.file] == [
        "source/data/millbrook.csv:8:1: warning: Millbrook, Ohio, 2022 has no row for Men "
        "(male): no share, split, slope or trend point of that year can be computed Fix: add "
        "the row as the source gives it (write 0 only where the source says there were none)"]


def test_a_share_of_a_year_missing_a_group_is_an_error_never_100_percent(project: Path) -> None:
    add(project)
    add_stat(project)
    errors = errors_from(lambda: run_check(project))
    assert errors == [
        f'{at(project, "source/stats.yaml", "id: millbrook-2022", "id:")}'
        ': error: statistic "millbrook-2022": Millbrook, Ohio, 2022 has '
        "no row for Men (male) (source/data/millbrook.csv line 8), so the base is not whole "
        "(its latest year with every group is 2021) Fix: add the missing row to the data "
        "(write 0 if there were none), or choose a year whose rows are whole"]
    assert not any("100%" in e for e in errors)


def test_a_trend_draws_the_missing_year_as_a_gap_with_a_note(project: Path) -> None:
    add(project, charts=CHARTS)
    described = describe(request(project, "millbrook-trend"))
    assert described.title == "Women's share of arrests"
    assert described.numbers["last_year"] == "2021"  # the line ends at its last whole year
    assert described.said == ("No share is shown in 2022: the data has no row for men.",)
    assert "No share is shown in 2022" in described.notes and "100%" not in described.alt
    result = run_check(project)
    assert (f'{at(project, "source/charts.yaml", "id: millbrook-trend", "id:")}'
            ': warning: chart "millbrook-trend": No share is shown in '
            "2022: the data has no row for men. Fix: check the rows against the source; the "
            "chart says so in a note") in [p.format() for p in result.problems.warnings]


def test_a_split_or_slope_of_an_incomplete_year_is_refused(project: Path) -> None:
    add(project, charts=CHARTS.replace("year: 2021", "year: 2022"))
    errors = errors_from(lambda: run_check(project))
    assert errors == [
        f'{at(project, "source/charts.yaml", "id: millbrook-split", "id:")}'
        ': error: chart "millbrook-split": Millbrook, Ohio, 2022 has no '
        "row for Men (male) (source/data/millbrook.csv line 8), so the base is not whole Fix: "
        "change its jurisdiction or years to ones the data has"]


@pytest.mark.slow
def test_a_place_build_uses_the_latest_whole_year_and_says_why(project: Path) -> None:
    from press.core.target import Target
    from press.make.build import build

    from .test_build import text_of

    add(project)
    result = build(project, Target(places=(PLACE,)))
    notes = [p.format() for p in result.problems.notes]
    assert (f'{at(project, "source/stats.yaml", "id: brook-women-share", "id:")}'
            ': note: statistic "brook-women-share" uses 2021 for '
            "Millbrook, Ohio, its latest year with a row for every group (2022 has no row for "
            "Men)") in notes
    text = text_of(project / "out/millbrook-ohio/handouts/sample-victim-advocates.pdf")
    text = text.replace("prostitutionrelated", "prostitution-related")
    # 22 / (22 + 8) = 73.3%
    assert "Women made up 73% of prostitution-related arrests in Millbrook, Ohio." in text
    assert "Millbrook, Ohio, 2021; of 30 arrests" in text
    assert "100% of" not in text and "were 100%" not in text  # (a trend's axis runs to 100%)


# --- 2. totals ---------------------------------------------------------------------------

TOTALS = """Agency,Year,Sex,Arrests
"Millbrook, Ohio",2021,Female,870
"Millbrook, Ohio",2021,Male,530
"Millbrook, Ohio",2021,Total,1400
"Millbrook, Ohio",2022,Female,912
"Millbrook, Ohio",2022,Male,530
"Millbrook, Ohio",2022,Total,1442
"""


def test_a_total_row_is_named_as_a_total_not_a_group(project: Path) -> None:
    add(project, TOTALS)
    loaded, problems = load_project(project)
    assert [p.format() for p in problems.warnings if "millbrook" in p.file] == [
        'source/data/millbrook.csv:4:1: warning: 2 rows are totals ("Total", lines 4, 7): never '
        "counted as arrests, and each count equals the sum of the rows it totals Fix: write "
        "`total: Total` in the descriptor to say so (then they are checked without a warning)"]
    assert loaded.tables["millbrook"].base(PLACE, 2022).total == 912 + 530


@pytest.mark.parametrize(("change", "message"), [
    ("groups: {", 'value_map: { Total: everyone }\ngroups: { everyone: { label: Everyone }, '),
    ("groups: {", "value_map: { Total: female }\ngroups: {"),
])
def test_a_total_mapped_to_a_group_is_refused(project: Path, change: str, message: str) -> None:
    add(project, TOTALS, DESCRIPTOR.replace(change, message))
    assert errors_from(lambda: load_project(project)) == [
        f'source/data/millbrook.yaml:7:1: error: value_map maps "Total" to the group '
        f'"{"everyone" if "everyone" in message else "female"}", but "Total" marks a total row: its count '
        "would enter every share a second time Fix: remove it from value_map and write `total: "
        "Total`"]


def test_a_group_labelled_as_a_total_is_refused(project: Path) -> None:
    add(project, TOTALS, DESCRIPTOR.replace("male: { label: Men }",
                                            "male: { label: Men }, both: { label: Both sexes }"))
    assert errors_from(lambda: load_project(project)) == [
        'source/data/millbrook.yaml:7:1: error: the group "both" (Both sexes) looks like a total '
        "of the others: its count would enter every share a second time Fix: remove it from "
        "`groups` (and from value_map) and write `total:` with the value the file writes on its "
        "total rows, e.g. total: Total"]


def test_totals_are_checked_and_never_enter_a_share(project: Path) -> None:
    add(project, TOTALS.replace("Total,1442", "Total,1450"),
        DESCRIPTOR.replace("groups:", "total: Total\ngroups:"))
    project_, problems = load_project(project)
    table = project_.tables["millbrook"]
    share = share_of(table, PLACE, 2022, "female")
    assert not isinstance(share, str)
    assert (share.part, share.total) == (912, 1442)  # 63.2%, never 912 of 2,884
    assert [p.format() for p in problems.warnings if "millbrook" in p.file] == [
        "source/data/millbrook.csv:7:1: warning: the total for Millbrook, Ohio, 2022 is 1,450, "
        "but its groups add up to 1,442 (lines 5-6); shares are computed from the groups, never "
        "from the total Fix: correct the counts; if a group is missing from the descriptor (sex "
        "not recorded, say), declare it under groups"]


# --- 3. groups not recorded ------------------------------------------------------------

UNKNOWN = TOTALS.replace("Total,1442", "Total,1450") + '"Millbrook, Ohio",2022,U,8\n'
UNKNOWN_GROUP = "unknown: { label: Sex not recorded, not_recorded: true, in_base: BASE }"


def unknown_descriptor(in_base: str | None) -> str:
    group = UNKNOWN_GROUP.replace(", in_base: BASE", "" if in_base is None else f", in_base: {in_base}")
    return DESCRIPTOR.replace("groups: {", "total: Total\nvalue_map: { U: unknown }\ngroups: { "
                              + group + ",")


def test_an_unknown_value_gets_the_declaration_as_its_fix(project: Path) -> None:
    add(project, UNKNOWN, DESCRIPTOR.replace("groups:", "total: Total\ngroups:"))
    assert errors_from(lambda: load_project(project)) == [
        'source/data/millbrook.csv:8:24: error: unknown group "U"; expected one of "female", '
        '"male" Fix: if "U" means the sex was not recorded, declare it: under groups, write '
        "`unknown: { label: Sex not recorded, not_recorded: true, in_base: true }` and map it "
        "under value_map: `U: unknown` (in_base: false leaves it out of the base of shares)"]


def test_a_not_recorded_group_must_say_whether_it_is_in_the_base(project: Path) -> None:
    add(project, UNKNOWN, unknown_descriptor(None))
    assert errors_from(lambda: load_project(project)) == [
        "source/data/millbrook.yaml:9:11: error: a not-recorded group must say whether it counts "
        "in the base of shares Fix: write `in_base: true` (shares of all rows, the unrecorded "
        "included) or `in_base: false` (shares of the rows whose group was recorded)"]


@pytest.mark.parametrize(("in_base", "total", "words"), [
    ("true", 1450, ", 8 with sex not recorded"),
    ("false", 1442, ", not counting 8 with sex not recorded"),
])
def test_a_not_recorded_group_is_counted_as_declared_and_said(
        project: Path, in_base: str, total: int, words: str) -> None:
    add(project, UNKNOWN, unknown_descriptor(in_base), CHARTS.replace("2021", "2022"))
    add_stat(project)
    loaded, problems = load_project(project)
    assert not [p for p in problems.warnings if "millbrook" in p.file]  # 912+530+8 = 1,450
    stats, _ = compute_stats(loaded)
    stat = stats["millbrook-2022"]
    assert (stat.part, stat.total) == (912, total)
    assert stat.base == f"of {total:,} prostitution-related arrests{words}"
    split = request_for(loaded, loaded.charts["millbrook-split"], "handout", stats)[0]
    described = describe(split)
    assert described.numbers["female_share"] == f"{round(100 * 912 / total)}%"
    assert ("unknown_share" in described.numbers) == (in_base == "true")
    assert "8 with sex not recorded" in described.notes
    colors = split.colors
    assert len(set(colors.values())) == 3 and colors["unknown"] == loaded.brand.palette.other


# --- 4. zero years, 0% and 100% ----------------------------------------------------------

def test_a_year_that_adds_up_to_zero_is_a_gap_and_extremes_are_noted(project: Path) -> None:
    csv = LONG.replace("2022,Female,35", "2022,Female,0\n\"Millbrook, Ohio\",2022,Male,0")
    csv = csv.replace("2020,Male,13", "2020,Male,0")
    add(project, csv, charts=CHARTS)
    described = describe(request(project, "millbrook-trend"))
    assert described.said == (
        "In 2020, all 27 prostitution-related arrests were of women (100%).",
        "No share is shown in 2022: its prostitution-related arrests add up to zero.")
    result = run_check(project)
    assert len([p for p in result.problems.warnings if "millbrook-trend" in p.message]) == 2


def test_a_statistic_of_100_percent_is_a_warning(project: Path) -> None:
    add(project, LONG.replace("2022,Female,35", "2022,Female,35\n\"Millbrook, Ohio\",2022,Male,0"))
    add_stat(project)
    result = run_check(project)
    assert (f'{at(project, "source/stats.yaml", "id: millbrook-2022", "id:")}'
            ': warning: statistic "millbrook-2022": all 35 '
            "prostitution-related arrests of Millbrook, Ohio in 2022 were of women, none of men "
            "(women 100%) Fix: check the rows against the source before printing it"
            ) in [p.format() for p in result.problems.warnings]


# --- 5. incident-level records -----------------------------------------------------------

NIBRS = """title: Millbrook arrests, one row per arrestee (figures made up)
path: millbrook-nibrs-arrestees-2021-2022.csv
description: The police department's NIBRS arrestee export.
layout: records
measure: prostitution-related arrests
columns: { date: ArrestDate, group: ArresteeSex }
constants: { jurisdiction: "Millbrook, Ohio", source: county-records }
filters: { OffenseCode: [40A, 40B, 40C] }
value_map: { F: female, M: male, U: unknown }
groups:
  female: { label: Women }
  male: { label: Men }
  unknown: { label: Sex not recorded, not_recorded: true, in_base: true }
"""


def add_nibrs(root: Path, descriptor: str = NIBRS) -> None:
    shutil.copy(EXPORTS / "millbrook-nibrs-arrestees-2021-2022.csv", root / "source/data")
    (root / "source/data/millbrook-nibrs.yaml").write_text(descriptor, encoding="utf-8")


def hand_count() -> dict[tuple[int, str], int]:
    """The export counted by hand (with the csv module), as staff would in a spreadsheet."""
    import csv

    counts: dict[tuple[int, str], int] = {}
    with (EXPORTS / "millbrook-nibrs-arrestees-2021-2022.csv").open() as file:
        for row in csv.DictReader(file):
            if row["OffenseCode"] in ("40A", "40B", "40C"):
                key = (int(row["ArrestDate"].split()[0].split("/")[2]), row["ArresteeSex"])
                counts[key] = counts.get(key, 0) + 1
    return counts


def test_an_incident_level_export_counts_its_rows(project: Path) -> None:
    add_nibrs(project)
    loaded, problems = load_project(project)
    table = loaded.tables["millbrook-nibrs"]
    names = {"F": "female", "M": "male", "U": "unknown"}
    assert {(r.year, r.group): r.count for r in table.rows} == {
        (year, names[sex]): n for (year, sex), n in hand_count().items()}
    assert [p.format() for p in problems.notes] == [
        "source/data/millbrook-nibrs-arrestees-2021-2022.csv: note: 304 rows read, 216 counted, "
        "88 left out (OffenseCode not 40A or 40B or 40C)"]


def test_a_year_column_that_holds_dates_is_one_message_with_the_fix(project: Path) -> None:
    add_nibrs(project, NIBRS.replace("date: ArrestDate", "year: ArrestDate"))
    assert errors_from(lambda: load_project(project)) == [
        'source/data/millbrook-nibrs-arrestees-2021-2022.csv:3:39: error: column "ArrestDate": '
        'expected a four-digit year like 2013, found the date "1/9/2021 9:52"; the same on 215 '
        "more rows (216 in all: every row kept by the filters) Fix: the column holds dates: write "
        "`date: ArrestDate` under `columns:` in the descriptor, in place of `year:`, and the year "
        "is read from each date"]


def test_a_records_layout_refuses_a_count_column(project: Path) -> None:
    add_nibrs(project, NIBRS.replace("group: ArresteeSex", "group: ArresteeSex, count: ArresteeAge"))
    assert errors_from(lambda: load_project(project)) == [
        "source/data/millbrook-nibrs.yaml:1:1: error: a records layout counts rows, so it has no "
        "count column Fix: remove `columns.count`, or use `layout: long` if each row holds a count"]


@pytest.mark.parametrize(("text", "year"), [
    ("2022-03-04", 2022), ("2022-03-04T13:45:00", 2022), ("2022-03-04 13:45", 2022),
    ("03/04/2022", 2022), ("3/4/2022 1:45 PM", 2022), ("12/31/2021 23:59:59", 2021),
    ("44624", 2022), ("44624.5625", 2022), ("2022-02-30", None), ("March 4", None), ("", None),
])
def test_dates_as_exports_write_them(text: str, year: int | None) -> None:
    assert year_of_date(text) == year


# --- 6. published tables -----------------------------------------------------------------

TABLE = """title: Millbrook County arrests, from the county's annual report (figures made up)
path: millbrook-county-table-4.csv
description: Table 4 of the report, one column per year.
layout: year-columns
measure: prostitution-related arrests
columns: { group: Sex }
total: Total
constants: { jurisdiction: "Millbrook County, Ohio", source: county-records }
groups: { female: { label: Women }, male: { label: Men } }
"""


def add_table(root: Path, descriptor: str = TABLE, name: str = "millbrook-county-table-4.csv",
              data: bytes | None = None) -> None:
    target = root / "source/data" / name
    target.write_bytes(data if data is not None else (EXPORTS / name).read_bytes())
    (root / "source/data/millbrook-county.yaml").write_text(descriptor, encoding="utf-8")


def test_a_published_table_is_read_as_it_comes(project: Path) -> None:
    add_table(project)
    loaded, problems = load_project(project)
    table = loaded.tables["millbrook-county"]
    assert {(r.year, r.group): r.count for r in table.rows} == {
        (2019, "female"): 1204, (2019, "male"): 788, (2020, "female"): 1122, (2020, "male"): 702,
        (2021, "female"): 986, (2021, "male"): 601, (2022, "female"): 912, (2022, "male"): 530}
    assert {(t.year, t.count) for t in table.totals} == {
        (2019, 1992), (2020, 1824), (2021, 1587), (2022, 1442)}
    assert not problems.warnings
    assert [p.format() for p in problems.notes] == [
        "source/data/millbrook-county-table-4.csv: note: 1 title line above the header skipped "
        '(line 1: "Table 4. Prostitution-related arrests by sex, Mil\u2026")',
        "source/data/millbrook-county-table-4.csv: note: 2 note lines below the data skipped "
        '(lines 6-7: "Note: Counts are arrests, not people."); to print a note under the charts, '
        "write it under `notes:` in the descriptor"]


def test_declared_header_and_footer_rows_are_used(project: Path) -> None:
    text = (EXPORTS / "millbrook-county-table-4.csv").read_text()
    text = text.replace("Source:", "Female figures include one case reclassified; see text")
    add_table(project, TABLE + "header_row: 2\nfooter_rows: 2\n", data=text.encode())
    loaded, _ = load_project(project)
    assert len(loaded.tables["millbrook-county"].rows) == 8


def test_a_windows_export_needs_its_encoding_named(project: Path) -> None:
    text = (EXPORTS / "millbrook-county-table-4.csv").read_text()
    data = text.replace("(figures made up)", "(figures made up \u2013 \u00e9t\u00e9)").encode("cp1252")
    add_table(project, data=data)
    assert errors_from(lambda: load_project(project)) == [
        "source/data/millbrook-county-table-4.csv:1:1: error: the file is not UTF-8 text (byte "
        "0x96 on this line) Fix: export it from your spreadsheet as CSV UTF-8; if it comes from "
        "an older Windows program, write `encoding: windows-1252` in the descriptor"]
    add_table(project, TABLE + "encoding: windows-1252\n", data=data)
    assert len(load_project(project)[0].tables["millbrook-county"].rows) == 8


# --- 7. hints that lead to the fix -------------------------------------------------------

def test_a_place_with_a_comma_in_a_flow_list_is_told_to_quote_it(project: Path) -> None:
    add(project, charts=CHARTS.replace('["Millbrook, Ohio"]', "[Millbrook, Ohio]"))
    assert errors_from(lambda: run_check(project)) == [
        f'{at(project, "source/charts.yaml", "[Millbrook, Ohio]", "Millbrook")}'
        ': error: chart "millbrook-trend": the dataset "millbrook" has no '
        'rows for "Millbrook". It has "Millbrook, Ohio" Fix: the comma splits "Millbrook, Ohio" '
        'into two places inside [ ]: put the name in double quotes, ["Millbrook, Ohio"]']


def test_measure_words_that_differ_are_named_in_a_place_build(project: Path) -> None:
    from press.core.target import Target
    from press.make.build import build

    add(project, LONG.replace("2022,Female,35", "2022,Female,35\n\"Millbrook, Ohio\",2022,Male,9"),
        DESCRIPTOR.replace("measure: prostitution-related arrests", "measure: prostitution arrests"))
    with pytest.raises(BuildError) as caught:
        build(project, Target(places=(PLACE,)))
    assert [p.format() for p in caught.value.problems if p.severity == "error"] == [
        "source/handouts: error: no handout has a statistic or chart of Millbrook, Ohio's data, "
        'so there is nothing to build for this place. The dataset "millbrook" has Millbrook, '
        'Ohio, but it counts "prostitution arrests", and "arrests" counts '
        '"prostitution-related arrests" Fix: if the two datasets count the same kind of thing, '
        "write the same `measure:` words and group names in both descriptors"]


def test_a_descriptor_that_fails_does_not_call_its_file_unread(project: Path) -> None:
    add(project, descriptor=DESCRIPTOR.replace("measure:", "mesure:"))
    with pytest.raises(BuildError) as caught:
        load_project(project)
    assert not [p for p in caught.value.problems if "no descriptor" in p.message]


def test_a_column_failing_on_many_rows_is_one_message(project: Path) -> None:
    add(project, LONG.replace("Female,", "Female,x").replace("Male,", "Male,x"))
    errors = errors_from(lambda: load_project(project))
    assert len(errors) == 1 and "the same on 6 more rows (7 in all: every row)" in errors[0]


# --- what new staff found, each a case ---------------------------------------------------

def test_a_year_with_no_sex_recorded_has_no_share(project: Path) -> None:
    csv = UNKNOWN.replace("2022,Female,912", "2022,Female,0").replace("2022,Male,530", "2022,Male,0")
    csv = csv.replace("Total,1450", "Total,8")
    add(project, csv, unknown_descriptor("true"), CHARTS.replace("2019, 2022", "2021, 2022"))
    add_stat(project)
    errors = errors_from(lambda: run_check(project))
    assert errors[0].startswith(
        f'{at(project, "source/stats.yaml", "id: millbrook-2022", "id:")}'
        ': error: statistic "millbrook-2022": none of the 8 rows of '
        "Millbrook, Ohio, 2022 has its group recorded, so no group's share is known")
    assert not any("0%" in e for e in errors)


def test_two_datasets_that_disagree_on_a_place_and_year_are_named(project: Path) -> None:
    add(project, LONG.replace('"Millbrook, Ohio",2019', "Alder County,2023", 2)
        .replace("2023,Female,30", "2023,Female,500").replace("2023,Male,11", "2023,Male,500"))
    result = run_check(project)
    assert ('source/data/millbrook.csv:2:1: warning: Alder County, 2023: "millbrook" has Women '
            '500; Men 500, but "arrests" (source/data/arrests.csv line 6) has Women '
            "90; Men 110; both count prostitution-related arrests, so a place build could print "
            "either Fix: keep one of the two rows (or give the datasets different `measure:` words "
            "if they count different things)") in [p.format() for p in result.problems.warnings]


def test_a_utf8_file_said_to_be_windows_1252_is_refused(project: Path) -> None:
    add_table(project, TABLE + "encoding: windows-1252\n",
              data=(EXPORTS / "millbrook-county-table-4.csv").read_text().replace(
                  "Millbrook County", "Peñasco County").encode())
    assert errors_from(lambda: load_project(project)) == [
        "source/data/millbrook-county-table-4.csv:1:1: error: the descriptor says `encoding: "
        "windows-1252`, but the file is UTF-8 text (its accented letters would print garbled, "
        'like "Ã±") Fix: remove `encoding: windows-1252` from the descriptor']


def test_a_year_without_rows_is_a_gap_in_a_trend(project: Path) -> None:
    add(project, LONG.replace('"Millbrook, Ohio",2020,Female,27\n"Millbrook, Ohio",2020,Male,13\n',
                              ""), charts=CHARTS)
    described = describe(request(project, "millbrook-trend"))
    assert "No share is shown in 2020: the data has no rows for that year." in described.said


def test_a_key_at_the_wrong_level_is_said_so(project: Path) -> None:
    add(project, TOTALS, DESCRIPTOR.replace("count: Arrests }", "count: Arrests, total: Total }"))
    with pytest.raises(BuildError) as caught:
        load_project(project)
    assert ('source/data/millbrook.yaml:5:74: error: the key "total" does not belong under '
            '"columns", so nothing it says would be applied Fix: move it to the level the '
            "user guide's examples show (docs/; e.g. to the top of the file, not indented)"
            ) in [p.format() for p in caught.value.problems]


def test_year_columns_named_with_letters_are_read(project: Path) -> None:
    text = (EXPORTS / "millbrook-county-table-4.csv").read_text()
    add_table(project, data=text.replace("Sex,2019,2020,2021,2022", "Sex,CY2019,CY2020,CY2021*,FY 2022")
              .encode())
    years = {r.year for r in load_project(project)[0].tables["millbrook-county"].rows}
    assert years == {2019, 2020, 2021, 2022}


def test_a_row_that_is_not_a_group_is_one_message_with_the_exclude_fix(project: Path) -> None:
    text = (EXPORTS / "millbrook-county-table-4.csv").read_text()
    add_table(project, data=text.replace("Total,", 'Percent women,60%,62%,62%,63%\nTotal,').encode())
    assert errors_from(lambda: load_project(project)) == [
        'source/data/millbrook-county-table-4.csv:5:1: error: unknown group "Percent women"; '
        'expected one of "female", "male" Fix: correct the value, map it to a group under '
        "`value_map:` in the descriptor, or leave such rows out with `exclude: { Sex: "
        "[Percent women] }`"]
    add_table(project, TABLE + 'exclude: { Sex: [Percent women] }\n',
              data=text.replace("Total,", 'Percent women,60%,62%,62%,63%\nTotal,').encode())
    assert len(load_project(project)[0].tables["millbrook-county"].rows) == 8


def test_day_first_dates_and_two_digit_years(project: Path) -> None:
    assert year_of_date("17/01/2022") == 2022 and year_of_date("17.01.2022 08:15") == 2022
    text = (EXPORTS / "millbrook-nibrs-arrestees-2021-2022.csv").read_text()
    (project / "source/data/millbrook-nibrs-arrestees-2021-2022.csv").write_text(
        text.replace("/2021 ", "/21 "))
    (project / "source/data/millbrook-nibrs.yaml").write_text(NIBRS)
    errors = errors_from(lambda: load_project(project))
    assert errors[0].startswith(
        'source/data/millbrook-nibrs-arrestees-2021-2022.csv:3:39: error: column "ArrestDate": the '
        'date "1/9/21 9:52" has a two-digit year, which could be of either century; the same on ')
    assert errors[0].endswith("Fix: export the dates with four-digit years (in a spreadsheet: "
                              "format the column as a date like 2022-03-04, then save as CSV again)")


def test_an_empty_group_cell_can_be_mapped(project: Path) -> None:
    csv = UNKNOWN.replace('"Millbrook, Ohio",2022,U,8', '"Millbrook, Ohio",2022,,8')
    add(project, csv, DESCRIPTOR.replace("groups:", "total: Total\ngroups:"))
    assert errors_from(lambda: load_project(project)) == [
        "source/data/millbrook.csv:8:24: error: the group cell is empty; expected one of "
        '"female", "male" Fix: if an empty cell means the sex was not recorded, declare it: under '
        "groups, write `unknown: { label: Sex not recorded, not_recorded: true, in_base: true }` "
        'and map it under value_map: `"": unknown` (in_base: false leaves it out of the base of '
        "shares)"]
    add(project, csv, unknown_descriptor("true").replace("U: unknown", '"": unknown'))
    assert load_project(project)[0].tables["millbrook"].base(PLACE, 2022).unrecorded == 8


def test_a_place_name_is_the_same_however_its_accents_were_saved(project: Path) -> None:
    import unicodedata

    from press.content.place import canonical

    decomposed = unicodedata.normalize("NFD", "Ciudad José Martí")
    add(project, LONG.replace("Millbrook, Ohio", decomposed))
    loaded, _ = load_project(project)
    assert "Ciudad José Martí" in loaded.tables["millbrook"].jurisdictions()
    assert canonical(loaded, unicodedata.normalize("NFD", "ciudad josé martí")) == "Ciudad José Martí"


def test_a_capitalised_measure_prints_mid_sentence_and_names_are_ascii(project: Path) -> None:
    from press.core.names import out_dir

    add(project, descriptor=DESCRIPTOR.replace("measure: prostitution", "measure: Prostitution"))
    assert load_project(project)[0].tables["millbrook"].descriptor.measure.startswith("prostitution")
    assert out_dir(project, "screen", "San José del Valle, NM").name == "san-jose-del-valle-nm"
    assert out_dir(project, "screen", "Łomża County").name == "lomza-county"


def test_a_split_of_few_arrests_says_so_and_skips_empty_segments(project: Path) -> None:
    csv = LONG.replace("2021,Female,22", "2021,Female,5").replace("2021,Male,8", "2021,Male,0")
    add(project, csv, charts=CHARTS)
    described = describe(request(project, "millbrook-split"))
    assert described.said == (
        "In 2021, all 5 prostitution-related arrests were of women (100%).",
        "Few prostitution-related arrests in 2021 (5): one more or fewer moves a share by 20 "
        "points or more.")


@pytest.mark.slow
def test_place_folders_the_data_no_longer_has_are_taken_out(project: Path) -> None:
    from press.core.target import Target
    from press.make.build import build

    add(project, LONG.replace("2022,Female,35", "2022,Female,35\n\"Millbrook, Ohio\",2022,Male,9"))
    build(project, Target(places=(PLACE,)))
    build(project, Target(places=("Alder County",)))
    (project / "source/data/millbrook.csv").unlink()
    (project / "source/data/millbrook.yaml").unlink()
    result = build(project)
    said = [p.format() for p in result.problems.warnings if p.file.startswith("out/")]
    assert not (project / "out/millbrook-ohio").exists()
    assert said == [
        "out/millbrook-ohio/: warning: removed this folder, so its documents are not printed as "
        'current: the data no longer has "Millbrook, Ohio" Fix: add the place\'s rows again and '
        'run build --jurisdiction "Millbrook, Ohio"',
        'out/alder-county/: warning: this folder was made from older sources, so its figures '
        "and words may differ from the documents now Fix: make it again: make_report.py build "
        '--jurisdiction "Alder County" (or delete the folder)']
