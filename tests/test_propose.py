"""A descriptor proposed from an export's bytes (press/source/propose.py), read before it is
saved as the build reads it (press/source/intake.py): right without edits for every CSV of
the user guide's worked examples, for three shapes of our own, and never a crash on a
hostile file."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import yaml

from press.source.intake import preview, without_columns
from press.source.propose import descriptor_of, propose

from .guide import ROOT, examples

EDITION = dt.date(2026, 11, 1)


def _guide_tables() -> list[tuple[str, str, bytes, dict[str, Any]]]:
    """(example, file name, its bytes, the guide's descriptor of it alone) for each CSV the
    guide's examples write or copy."""
    found = []
    for name, steps in examples().items():
        csvs: list[tuple[str, bytes]] = []
        descriptor: dict[str, Any] = {}
        for how, rel, body in steps:
            if how == "copy":
                source, rel = rel.split()
                csvs.append((rel.rsplit("/", 1)[1], (ROOT / source).read_bytes()))
            elif rel.startswith("source/data/") and rel.endswith(".csv"):
                csvs.append((rel.rsplit("/", 1)[1], body.encode("utf-8")))
            elif rel.startswith("source/data/") and rel.endswith(".yaml"):
                descriptor = yaml.safe_load(body)
        for file, data in csvs:
            found.append((name, file, data, {**descriptor, "path": file}))
    return found


GUIDE = _guide_tables()


def _read(name: str, data: bytes, mapping: dict[str, Any]) -> tuple[dict[tuple[int, str], int],
                                                                     dict[str, Any]]:
    """The counts a descriptor reads from the file, by year and group (the file's one place),
    and what the preview says of it."""
    seen = preview(name, data, mapping, EDITION)
    assert not seen.invalid and not seen.errors, (seen.invalid, [p.format() for p in seen.errors])
    assert seen.table is not None and len(seen.table.jurisdictions()) == 1
    counts = {(r.year, r.group): r.count for r in seen.table.rows}
    said = {"read": seen.read, "counted": seen.counted, "left out": dict(seen.left_out),
            "totals": seen.totals, "shares": [(p.year, p.base, p.shares) for p in seen.places],
            "warnings": [p.message for p in seen.problems if p.severity == "warning"]}
    return counts, said


def test_the_guide_has_the_tables_these_tests_propose() -> None:
    assert sorted((name, file) for name, file, _, _ in GUIDE) == [
        ("agency", "worcester-police-department-arrests-export-2017-2018.csv"),
        ("cde", "cde-national-prostitution.csv"),
        ("nibrs", "millbrook-nibrs-arrestees-2021-2022.csv"),
        ("table", "millbrook-county-table-4.csv"),
        ("two-files", "state-adult-arrests.csv"),
        ("two-files", "state-juvenile-arrests.csv")]


@pytest.mark.parametrize(("example", "file", "data", "written"), GUIDE,
                         ids=[f"{n}-{f}" for n, f, _, _ in GUIDE])
def test_each_guide_example_is_proposed_right_without_edits(
        example: str, file: str, data: bytes, written: dict[str, Any]) -> None:
    """The same table read: the same rows read, counted and left out, the same counts of
    each year and group, the same shares. (The place, where no column names it, and the
    reference id are the two things no file says: the proposal asks for them, flagged.)"""
    proposal = propose(file, data)
    assert not proposal.problems and not proposal.personal
    mapping = descriptor_of(proposal.choice, [file], preview=True)
    assert _read(file, data, mapping) == _read(file, data, written)
    assert {"measure", "source"} <= set(proposal.unsure())
    assert mapping.get("place_names") == written.get("place_names")  # Worcester, MA
    if "jurisdiction" in written.get("constants", {}):  # a place the file names otherwise
        assert {"place", "jurisdiction"} & set(proposal.unsure())


AGENCY_WITH_PEOPLE = (
    "Arrest No,Last Name,First Name,DOB,Street Address,Sex,Year,Charge,County\n"
    "1001,Doe,Jane,1990-04-02,12 Elm St,Female,2022,Prostitution,Alder County\n"
    "1002,Roe,Rick,1985-01-09,3 Oak Ave,Male,2022,Promoting Prostitution,Alder County\n"
    "1003,Poe,Ann,1979-12-30,8 Pine Rd,Female,2022,Shoplifting,Alder County\n"
    "1004,Loe,Lee,1991-06-15,1 Main St,Male,2023,Soliciting,Alder County\n"
    "1005,Moe,May,1993-03-03,2 Main St,Female,2023,Soliciting,Alder County\n")


def test_an_agency_export_with_names_and_birth_dates_names_them_as_personal() -> None:
    proposal = propose("alder-arrests.csv", AGENCY_WITH_PEOPLE.encode())
    assert proposal.personal == {"Last Name": "a name", "First Name": "a name",
                                 "DOB": "a birth date", "Street Address": "an address"}
    c = proposal.choice
    assert (c.layout, c.group, c.year, c.jurisdiction, c.filter_column) == (
        "records", "Sex", "Year", "County", "Charge")
    assert c.kept == ["Promoting Prostitution", "Prostitution", "Soliciting"]
    counts, said = _read("alder-arrests.csv", AGENCY_WITH_PEOPLE.encode(),
                         descriptor_of(c, ["alder-arrests.csv"], preview=True))
    assert counts == {(2022, "female"): 1, (2022, "male"): 1, (2023, "female"): 1,
                      (2023, "male"): 1}
    assert said["left out"] == {"Charge not Promoting Prostitution or Prostitution or "
                                "Soliciting": 1}
    kept = without_columns(AGENCY_WITH_PEOPLE.encode(), list(proposal.personal), "utf-8", ",",
                           1).decode()
    assert kept.splitlines()[:2] == ["Arrest No,Sex,Year,Charge,County",
                                     "1001,Female,2022,Prostitution,Alder County"]
    assert "Doe" not in kept and "1990-04-02" not in kept and "Elm" not in kept


WINDOWS_TABLE = (
    "Arrests for prostitution by sex, Brook County \u2013 Sheriff\u2019s Office\r\n"
    "Year;Sex;Arrests\r\n"
    "2021;Female;30\r\n2021;Male;12\r\n2021;Total;42\r\n"
    "2022;Female;25\r\n2022;Male;15\r\n2022;Total;40\r\n").encode("cp1252")


def test_a_windows_1252_file_with_a_title_line_and_total_rows() -> None:
    proposal = propose("brook.csv", WINDOWS_TABLE)
    c = proposal.choice
    assert (c.encoding, c.delimiter, c.header_row, c.layout, c.group, c.count) == (
        "windows-1252", ";", 2, "long", "Sex", "Arrests")
    assert proposal.title_lines == (1,) and c.title.startswith("Arrests for prostitution")
    assert c.values == {"Female": "female", "Male": "male", "Total": "total"}
    assert "place" in proposal.unsure()
    c.place, c.source = "Brook County", "county-records"
    counts, said = _read("brook.csv", WINDOWS_TABLE, descriptor_of(c, ["brook.csv"]))
    assert counts == {(2021, "female"): 30, (2021, "male"): 12, (2022, "female"): 25,
                      (2022, "male"): 15}
    assert said["totals"] == 2 and said["warnings"] == []
    assert said["shares"][0][:2] == (2022, 40)
    assert [(s.label, s.share) for s in said["shares"][0][2]] == [("Women", "63%"),
                                                                  ("Men", "38%")]


NIBRS_LIKE = (
    "incident_id,agency_ori,city,arrest_date,offense_description,arrestee_gender\n"
    "1,CA0010000,Cedar City,2021-02-03T10:00:00,Human Trafficking - Commercial Sex Acts,Female\n"
    "2,CA0010000,Cedar City,2021-05-04T11:00:00,Burglary,Male\n"
    "3,CA0010000,Cedar City,2022-01-06T09:30:00,Prostitution,Female\n"
    "4,CA0010000,Cedar City,2022-03-07T22:15:00,Purchasing Prostitution,Male\n"
    "5,CA0010000,Cedar City,2022-08-09T01:05:00,Purchasing Prostitution,\n"
    "6,CA0010000,Cedar City,2022-09-09T01:05:00,Prostitution,Female\n")


def test_a_nibrs_like_records_file_with_dates() -> None:
    proposal = propose("cedar.csv", NIBRS_LIKE.encode())
    c = proposal.choice
    assert (c.layout, c.date, c.group, c.jurisdiction, c.filter_column) == (
        "records", "arrest_date", "arrestee_gender", "city", "offense_description")
    assert c.values == {"Female": "female", "Male": "male", "": "unknown"}
    assert {"unknown", "filters"} <= set(proposal.unsure())
    counts, said = _read("cedar.csv", NIBRS_LIKE.encode(), descriptor_of(c, ["cedar.csv"], True))
    assert counts == {(2021, "female"): 1, (2021, "male"): 0, (2022, "female"): 2,
                      (2022, "male"): 1, (2022, "unknown"): 1}
    assert said["read"] == 6 and said["counted"] == 5
    assert [(s.label, s.share) for s in said["shares"][0][2]] == [
        ("Women", "50%"), ("Men", "25%"), ("Sex not recorded", "25%")]


@pytest.mark.parametrize(("data", "said"), [
    (b"", "the file is empty"),
    (b"\n\n ,, \n", "the file is empty"),
    (b"Year,Sex,Count\n", "the file has a header but no data rows"),
    (b"x" * (10 * 2**20), "a value that starts here is longer than 131,072 characters"),
])
def test_a_file_with_nothing_to_read_is_said_so(data: bytes, said: str) -> None:
    proposal = propose("hostile.csv", data)
    assert proposal.problems and proposal.problems[0].startswith(said)


def test_control_bytes_markup_and_odd_column_names_do_not_stop_a_proposal() -> None:
    data = ('Year,Sex,Sex,,Count,"<script>alert(1)</script>"\n'
            "2021,F,F,x,3,<b>bold</b>\x1b[31m\n2021,M,M,y,4,\u202eevil\n").encode()
    proposal = propose("odd.csv", data)
    assert not proposal.problems
    assert proposal.names == ["Year", "Sex", "Sex", "", "Count", "<script>alert(1)</script>"]
    seen = preview("odd.csv", data, descriptor_of(proposal.choice, ["odd.csv"], True), EDITION)
    assert seen.errors and seen.table is None  # a control character: the press reads text only
    assert "U+001B" in seen.errors[0].message


def test_a_column_named_twice_or_not_named_is_read_past() -> None:
    data = b"Year,Sex,Sex,,Count\n2021,F,F,x,3\n2021,M,M,y,4\n"
    proposal = propose("twice.csv", data)
    c = proposal.choice
    assert (c.layout, c.group, c.count, c.year) == ("long", "Sex", "Count", "Year")
    c.place = "Alder County"
    counts, said = _read("twice.csv", data, descriptor_of(c, ["twice.csv"], True))
    assert counts == {(2021, "female"): 3, (2021, "male"): 4} and said["counted"] == 2
