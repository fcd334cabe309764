"""A grant PDF attaches only what it prints: the counts its figures are computed from, for its
own places and years, and the descriptor; never a record-level row, a column the descriptor
does not map (arrestees' names, birth dates) or a row it leaves out. (The PDFs themselves,
read back with pypdf, are tested in test_profiles.py.)"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from press.content.attach import Attached, counts_csv
from press.content.compute import compute_stats
from press.content.plan import make_plan
from press.source.load import load_project

from .projects import JUDGES, STATS, write_project

# An incident-level export: one row per arrestee, with her name and birth date (columns the
# descriptor never maps), and a sealed record the descriptor leaves out.
INCIDENTS_CSV = """\
ArrestDate,Place,ArresteeName,BirthDate,Sex,Sealed,Note
2023-01-04,Alder County,Jane Roe,1990-02-03,F,N,
2023-01-09,Alder County,Mary Major,1985-07-30,F,N,
2023-02-11,Alder County,Richard Miles,1979-11-02,M,N,
2023-03-15,Alder County,Joan Smith,2007-05-06,F,Y,Sealed juvenile record: do not release
2022-05-01,Alder County,Ann Other,1992-01-01,F,N,
2022-06-01,Alder County,Bob Person,1980-01-01,M,N,
2023-04-20,Brook County,Sue Private,1991-03-03,F,N,
2023-04-21,Brook County,Tom Private,1970-03-03,M,N,
"""

INCIDENTS = """\
title: Arrests, one row per arrestee
path: incidents.csv
description: The sheriff's arrestee export.
layout: records
measure: arrests
columns: { date: ArrestDate, jurisdiction: Place, group: Sex }
value_map: { F: female, M: male }
exclude: { Sealed: [Y] }
constants: { source: county-records }
groups: { female: { label: Women }, male: { label: Men } }
"""

INCIDENT_STAT = """
- id: alder-incidents-share
  kind: share
  dataset: incidents
  jurisdiction: Alder County
  year: 2023
  group: female
  meaning: Women were {value} of {measure} in {jurisdiction}.
  base: of {total} arrests
"""

PRIVATE = ("Jane Roe", "Mary Major", "Joan Smith", "Sue Private", "1990-02-03", "2007-05-06",
           "Sealed juvenile record", "ArresteeName", "BirthDate")


def grant_project(root: Path) -> Path:
    return write_project(root, {
        "source/data/incidents.csv": INCIDENTS_CSV, "source/data/incidents.yaml": INCIDENTS,
        "source/stats.yaml": STATS + INCIDENT_STAT,
        "source/handouts/sample/judges.yaml": JUDGES.replace(
            "stats: [providers-trained]", "stats: [providers-trained, alder-incidents-share]")})


def attached(root: Path, profile: str = "grant") -> dict[str, tuple[Attached, ...]]:
    project, _ = load_project(root)
    stats, _ = compute_stats(project)
    plan = make_plan(project, stats, profile, dt.date(2026, 11, 28), "2026-11-01")
    return {d.view.file: d.view.attached for d in plan.documents}


@pytest.fixture(scope="module")
def grant(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Attached, ...]]:
    return attached(grant_project(tmp_path_factory.mktemp("grant")))


def test_a_handout_attaches_the_counts_of_its_own_figures_and_their_descriptors(
        grant: dict[str, tuple[Attached, ...]]) -> None:
    files = {a.name: a for a in grant["handouts/sample-judges.pdf"]}
    assert list(files) == ["sample-judges-incidents-counts.csv", "incidents.yaml",
                           "sample-judges-arrests-counts.csv", "arrests.yaml"]
    assert files["sample-judges-incidents-counts.csv"].data.decode("utf-8-sig") == (
        "place,year,group,count\r\n"
        "Alder County,2023,female,2\r\n"  # the sealed record is not counted, nor attached
        "Alder County,2023,male,1\r\n")
    assert files["sample-judges-arrests-counts.csv"].data.decode("utf-8-sig") == (
        "place,year,group,count\r\n"
        "Alder County,2023,female,90\r\n"  # the split chart's one place-year
        "Alder County,2023,male,110\r\n")
    assert files["incidents.yaml"].data.decode() == INCIDENTS
    assert files["sample-judges-incidents-counts.csv"].relationship == "Data"


def test_nothing_record_level_unmapped_or_left_out_is_attached(
        grant: dict[str, tuple[Attached, ...]]) -> None:
    for document, files in grant.items():
        for file in files:
            text = file.data.decode("utf-8-sig")
            assert not [word for word in PRIVATE if word in text], (document, file.name)


def test_a_brief_attaches_only_its_places_and_years(grant: dict[str, tuple[Attached, ...]]
                                                    ) -> None:
    files = {a.name: a for a in grant["sample-brief.pdf"]}
    assert sorted(files) == ["arrests.yaml", "sample-brief-arrests-counts.csv"]
    lines = files["sample-brief-arrests-counts.csv"].data.decode("utf-8-sig").splitlines()
    # its statistic (Brook County, 2023) and its trend (Alder County, 2021-2023); no other
    # year of Brook County
    assert lines == ["place,year,group,count",
                     *(f"Alder County,{y},{g},{n}" for y, g, n in (
                         (2021, "female", 120), (2021, "male", 80), (2022, "female", 110),
                         (2022, "male", 90), (2023, "female", 90), (2023, "male", 110))),
                     "Brook County,2023,female,50", "Brook County,2023,male,50"]


def test_other_profiles_attach_nothing(tmp_path: Path) -> None:
    assert all(files == () for files in attached(grant_project(tmp_path), "screen").values())


def test_a_cell_a_spreadsheet_would_run_as_a_formula_is_kept_as_text(tmp_path: Path) -> None:
    root = write_project(tmp_path, {"source/data/arrests.csv": (
        "place,year,sex,arrests,source\n"
        "=HYPERLINK(x),2023,female,3,county-records\n"
        "=HYPERLINK(x),2023,male,4,county-records\n")})
    table = load_project(root)[0].tables["arrests"]
    assert counts_csv(table, {("=HYPERLINK(x)", 2023)}).decode("utf-8-sig").splitlines()[1:] == [
        "'=HYPERLINK(x),2023,female,3", "'=HYPERLINK(x),2023,male,4"]
