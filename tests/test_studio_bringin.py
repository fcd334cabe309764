"""The studio's "Bring in a table" page through Starlette's TestClient: an upload proposed,
changed and read before saving, personal columns dropped unless kept, saved into
source/data/ and committed only when asked; non-CSV and oversize uploads refused in plain
words; every text of the upload shown as text."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import yaml
from starlette.testclient import TestClient

from press.source.load import load_project
from press.studio.guard import Keys

from .projects import write_project
from .studio_client import changes, client, form_fields, post, replaced
from .test_studio import git, repository

EXPORT = (
    "Arrest No,Full Name,Date of Birth,County,Year,Sex,Charge\n"
    "1,Jane Doe,1990-04-02,Alder County,2022,F,Prostitution\n"
    "2,Ann Poe,1991-05-02,Alder County,2022,F,Prostitution\n"
    "3,Rick Roe,1985-01-09,Alder County,2022,M,Soliciting\n"
    "4,Lee Loe,1979-12-30,Alder County,2022,M,Shoplifting\n"
    "5,May Moe,1993-03-03,Alder County,2022,U,Prostitution\n")


def upload(made: TestClient, keys: Keys, data: bytes, name: str = "alder-export.csv",
           kind: str = "text/csv") -> Any:
    return made.post("/import", files={"file": (name, data, kind)}, headers=changes(keys))


def text_of(page: str) -> str:
    main = page[page.index("<main"):]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", main)).split())


def test_an_upload_is_proposed_changed_read_and_saved_with_personal_columns_dropped(
        tmp_path: Path) -> None:
    root = repository(write_project(tmp_path))
    made, keys = client(root)
    page = upload(made, keys, EXPORT.encode())
    assert page.status_code == 200
    shown = text_of(page.text)
    assert "Check this:" in shown  # what is uncertain is marked
    assert "5 rows read 4 counted 1 left out: Charge not Prostitution or Soliciting" in shown
    assert "Keep the column \u201cFull Name\u201d (it looks like a name)" in shown
    assert "Keep the column \u201cDate of Birth\u201d (it looks like a birth date)" in shown
    assert "Alder County 2022 4 Women 50% (2); Men 25% (1); Sex not recorded 25% (1)" in shown
    fields = form_fields(page.text, "bringin")
    # changed: the unrecorded rows left out, Soliciting no longer kept
    fields = replaced(fields, "to-2", "out")
    fields = [(k, v) for k, v in fields if not (k == "kept" and v == "Soliciting")]
    again = text_of(post(made, keys, "/import/again", fields).text)
    assert "5 rows read 2 counted" in again
    assert "2 left out: Charge not Prostitution" in again
    assert "1 left out: Sex is U" in again
    assert "Alder County 2022 2 Women 100% (2); Men 0% (0)" in again
    assert git(root, "status", "--porcelain") == ""  # nothing saved before Save
    fields = replaced(fields, "source", "county-records")
    fields = replaced(fields, "dataset", "alder-arrests")
    fields = replaced(fields, "printed-0", "Alder County, Ohio")
    saved = post(made, keys, "/import/save", fields)
    said = text_of(saved.text)
    assert ("Saved source/data/alder-arrests.csv and source/data/alder-arrests.yaml. The "
            "columns \u201cFull Name\u201d, \u201cDate of Birth\u201d left out of it.") in said
    assert "Committed" not in said
    csv = (root / "source/data/alder-arrests.csv").read_text(encoding="utf-8")
    assert csv.splitlines()[0] == "Arrest No,County,Year,Sex,Charge"
    assert "Jane" not in csv and "1990" not in csv
    descriptor = yaml.safe_load((root / "source/data/alder-arrests.yaml").read_text())
    assert descriptor["filters"] == {"Charge": "Prostitution"}
    assert descriptor["exclude"] == {"Sex": ["U"]}
    assert descriptor["path"] == "alder-arrests.csv"
    assert descriptor["place_names"] == {"Alder County": "Alder County, Ohio"}
    assert git(root, "log", "--oneline").count("\n") == 1  # not committed: not asked
    assert "?? source/data/alder-arrests.csv" in git(root, "status", "--porcelain")
    project, _ = load_project(root)  # the build reads it as the preview did
    rows = {(r.jurisdiction, r.group, r.count) for r in project.tables["alder-arrests"].rows}
    assert rows == {("Alder County, Ohio", "female", 2), ("Alder County, Ohio", "male", 0)}


def test_saving_commits_only_when_asked_and_never_overwrites_without_confirmation(
        tmp_path: Path) -> None:
    root = repository(write_project(tmp_path))
    made, keys = client(root)
    fields = form_fields(upload(made, keys, EXPORT.encode()).text, "bringin")
    fields = replaced(replaced(fields, "source", "county-records"), "dataset", "alder")
    keep = [*fields, ("keep", "Full Name"), ("commit", "yes")]
    assert "Committed to the history" in post(made, keys, "/import/save", keep).text
    log = git(root, "log", "--format=%s")
    assert log.splitlines()[:2] == ["Studio: source/data/alder.yaml brought in",
                                    "Studio: source/data/alder.csv brought in"]
    assert "Jane Doe" in (root / "source/data/alder.csv").read_text()  # kept, as ticked
    fields = form_fields(upload(made, keys, EXPORT.encode()).text, "bringin")
    fields = replaced(replaced(fields, "source", "county-records"), "dataset", "alder")
    before = (root / "source/data/alder.csv").read_bytes()
    asked = text_of(post(made, keys, "/import/save", fields).text)
    assert "A dataset named \u201calder\u201d is in source/data already" in asked
    assert (root / "source/data/alder.csv").read_bytes() == before
    replaced_page = post(made, keys, "/import/save", [*fields, ("replace", "yes")]).text
    assert "Saved source/data/alder.csv" in replaced_page
    assert "Jane Doe" not in (root / "source/data/alder.csv").read_text()


def test_a_save_without_a_place_or_source_is_refused_in_words(tmp_path: Path) -> None:
    made, keys = client(write_project(tmp_path))
    data = b"Year,Sex,Arrests\n2022,F,3\n2022,M,2\n"
    fields = form_fields(upload(made, keys, data).text, "bringin")
    said = text_of(post(made, keys, "/import/save", fields).text)
    assert "Write the place these figures are of (no column names it)." in said
    assert not (tmp_path / "source/data/alder-export.csv").exists()


def test_an_upload_that_is_not_a_csv_or_too_large_is_refused_plainly(tmp_path: Path) -> None:
    made, keys = client(write_project(tmp_path))
    for name, data, kind in [("report.pdf", b"%PDF-1.7", "application/pdf"),
                             ("book.csv", b"PK\x03\x04\x00\x00", "text/csv")]:
        answer = upload(made, keys, data, name, kind)
        assert answer.status_code == 200
        assert "Only a CSV file can be brought in" in answer.text or \
            "This file is not a CSV" in answer.text
    big = upload(made, keys, b"Year,Sex,Arrests\n" + b"2022,F,1\n" * 300_000)
    assert big.status_code == 413 and "larger than the studio takes (2 MB)" in big.text
    for data, said in [(b"", "the file is empty"), (b"Year,Sex,Count\n", "no data rows")]:
        assert said in upload(made, keys, data).text


def test_every_text_of_the_upload_is_shown_as_text(tmp_path: Path) -> None:
    made, keys = client(write_project(tmp_path))
    evil = "<script>alert(1)</script>"
    data = (f'Year,Sex,Count,"{evil}"\n2022,"{evil}",3,x\u202e\n2022,M,2,<b>y</b>\x1b\n'
            ).encode()
    page = upload(made, keys, data).text
    assert evil not in page and "<b>y</b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "\x1b" not in page and "\u202e" not in page
    assert "&lt;U+001B&gt;" in page or "U+001B" in page


def test_each_guide_example_uploaded_shows_the_share_the_guide_prints(tmp_path: Path) -> None:
    from .test_propose import GUIDE

    made, keys = client(write_project(tmp_path))
    printed = {"cde": "Women 62% (19,048)", "agency": "Worcester, MA 2018 61 Women 59% (36)",
               "nibrs": "2022 109 Women 58% (63)", "table": "2022 1,442 Women 63% (912)"}
    for example, file, data, _ in GUIDE:
        if example in printed:
            assert printed[example] in text_of(upload(made, keys, data, file).text), example


def test_a_wide_files_columns_are_changed_in_the_form(tmp_path: Path) -> None:
    from .test_propose import GUIDE

    made, keys = client(write_project(tmp_path))
    file, data = next((f, d) for example, f, d, _ in GUIDE if example == "agency")
    fields = [(k, v) for k, v in form_fields(upload(made, keys, data, file).text, "bringin")
              if k not in ("female", "male")]
    adults = [*fields, ("female", "Adult Female"), ("male", "Adult Male")]
    assert "Worcester, MA 2018 60 Women 58% (35)" in text_of(
        post(made, keys, "/import/again", adults).text)
    both = [*fields, ("female", "Adult Female"), ("female", "Juvenile Female"),
            ("male", "Adult Male"), ("male", "Juvenile Male")]
    assert "Worcester, MA 2018 61 Women 59% (36)" in text_of(
        post(made, keys, "/import/again", both).text)
