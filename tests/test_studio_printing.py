"""The studio's Print runs page (press/studio/printing.py): a training's file as a form, saved
byte for byte as a person edits it; bad counts, an unknown imposition, an audience with no
handout and a place the data lacks refused at their fields in the press's words; the sheets
and copies shown before the run equal the order the run then writes; the run in a child
process, cancelled leaving out/ as it was, waiting for another build and saying which; the
zip holding exactly the shop's files, their bytes the command line's.

Each test writes the small project it needs (tests/projects.py)."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from press.studio.guard import Keys
from press.studio.jobs import PRINT_RUN, REBUILD, Job, Jobs

from .conftest import alive
from .projects import SPRING, SPRING_TRAINING, write_project
from .studio_client import changes, form_fields, post, replaced, with_studio
from .test_studio_builds import LONG, group, out_digest
from .test_studio_hand_edits import at_field

TRAINING = SPRING_TRAINING


@dataclass
class Page:
    client: TestClient
    keys: Keys
    jobs: Jobs  # the print runs
    root: Path
    builds: Jobs  # the Builds page's

    def form(self, name: str = "spring") -> list[tuple[str, str]]:
        response = self.client.get(f"/printing/training?name={name}")
        assert response.status_code == 200, response.text
        return form_fields(response.text)

    def post(self, url: str, fields: list[tuple[str, str]]) -> str:
        response = post(self.client, self.keys, url, fields)
        assert response.status_code == 200, response.text
        return str(response.text)

    def run(self, name: str = "spring") -> int:
        self.post("/printing/run", [("name", name)])
        with self.jobs.lock:
            return self.jobs.jobs[-1].id

    def ended(self, number: int) -> Job:
        assert self.jobs.wait(number, lambda job: not job.active, LONG)
        job = self.jobs.get(number)
        assert job is not None
        return job


@pytest.fixture
def page(tmp_path: Path) -> Iterator[Page]:
    root = write_project(tmp_path, {SPRING: TRAINING})
    with with_studio(root) as (client, keys, app):
        yield Page(client, keys, app.state.print_jobs, root, app.state.jobs)


def test_the_page_is_in_the_navigation_and_lists_the_trainings(page: Page) -> None:
    text = page.client.get("/printing").text
    assert 'href="/printing" aria-current="page"' in text
    assert '<a href="/printing/training?name=spring">Spring training</a>' in text
    assert 'href="/printing"' in page.client.get("/").text


def test_the_form_saves_the_edit_a_person_would_make_comments_kept(page: Page) -> None:
    fields = replaced(page.form(), "attendees.judges", "5")
    fields = replaced(fields, "overage_percent", "20")
    said = page.post("/save", fields)
    assert "Saved" in said
    by_hand = TRAINING.replace("judges: 3  #", "judges: 5  #").replace(
        "briefs: 2\n", "briefs: 2\noverage_percent: 20\n")
    assert (page.root / SPRING).read_text(encoding="utf-8") == by_hand


def test_an_audience_left_empty_leaves_the_file(page: Page) -> None:
    page.post("/save", replaced(page.form(), "attendees.victim-advocates", ""))
    assert (page.root / SPRING).read_text(encoding="utf-8") == TRAINING.replace(
        "  victim-advocates: 12\n", "")


@pytest.mark.parametrize(("field", "typed", "said"), [
    ("attendees.judges", "-3", "expected a number of at least 0, found -3"),
    ("attendees.judges", "100000", "expected a number of at most 10000, found 100000"),
    ("attendees.judges", "many", "found &#34;many&#34;"),
    ("imposition", "3-up", "expected one of: &#34;2-up&#34;"),
    ("jurisdiction", "Nowhere County", "the data has no rows for &#34;Nowhere County&#34;"),
])
def test_bad_input_is_refused_at_its_field_with_the_fix(page: Page, field: str, typed: str,
                                                         said: str) -> None:
    fields = replaced(page.form(), field, typed)
    checked = page.post("/check", fields)
    assert said in at_field(checked, field) and "Fix:" in at_field(checked, field)
    assert "Not saved" in page.post("/save", fields)
    assert (page.root / SPRING).read_text(encoding="utf-8") == TRAINING


def test_no_copies_at_all_is_refused_at_the_audiences(page: Page) -> None:
    fields = replaced(replaced(page.form(), "attendees.judges", "0"), "attendees.victim-advocates", "0")
    fields = replaced(fields, "briefs", "0")
    checked = page.post("/check", fields)
    assert "the training asks for no copies at all" in at_field(checked, "attendees")
    assert "Not saved" in page.post("/save", fields)


def test_an_audience_without_a_handout_is_shown_at_its_count(page: Page) -> None:
    (page.root / SPRING).write_text(TRAINING.replace("judges: 3", "judgs: 3"), encoding="utf-8")
    text = page.client.get("/printing/training?name=spring").text
    said = at_field(text, "attendees.judgs")
    assert "the chapter sample has no handout &#34;judgs&#34;" in said
    assert "Fix: write one of &#34;judges&#34;, &#34;victim-advocates&#34;" in said
    listed = page.client.get("/problems").text  # and linked there to its box on this page
    assert 'href="/printing/training?name=spring#f-attendees-judgs"' in listed


def test_markup_in_the_title_is_shown_as_text(page: Page) -> None:
    (page.root / SPRING).write_text(TRAINING.replace(
        "title: Spring training", "title: <script>alert(1)</script> & co"), encoding="utf-8")
    for address in ("/printing", "/printing/training?name=spring"):
        text = page.client.get(address).text
        assert "<script>alert" not in text
        assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in text


def test_a_new_training_is_written_as_a_person_writes_one(page: Page) -> None:
    fields = form_fields(page.client.get("/printing/new?chapter=sample").text)
    fields = replaced(replaced(fields, "title", "Fall training"), "date", "2027-09-01")
    negative = page.post("/printing/new", replaced(fields, "attendees.judges", "-4"))
    assert "expected a number of at least 0" in at_field(negative, "attendees.judges")
    fields = replaced(replaced(fields, "attendees.judges", "4"), "jurisdiction", "Nowhere County")
    refused = page.post("/printing/new", fields)
    assert "Not saved" in refused and "the data has no rows" in at_field(refused, "jurisdiction")
    assert not (page.root / "source/trainings/fall-training.yaml").exists()
    response = post(page.client, page.keys, "/printing/new", replaced(fields, "jurisdiction",
                                                                      "Brook County"))
    assert response.headers["HX-Redirect"] == "/printing/training?name=fall-training"
    assert (page.root / "source/trainings/fall-training.yaml").read_text(encoding="utf-8") == (
        "# yaml-language-server: $schema=../../press/schemas/training.schema.json\n"
        "# A training's print run, written in the studio's Print runs page.\n"
        "title: Fall training\ndate: 2027-09-01\nchapter: sample\n"
        "jurisdiction: Brook County\nattendees:\n  judges: 4\n")
    taken = page.post("/printing/new", replaced(fields, "jurisdiction", "Brook County"))
    assert "is there already" in taken


def test_a_run_waits_for_another_build_and_says_which(page: Page) -> None:
    with page.jobs.turns.hold(REBUILD):
        number = page.run()
        assert page.jobs.wait(number, lambda job: job.state == "queued", 5)
        shown = page.client.get(f"/printing/job?id={number}").text
        assert "Waiting for the studio&#39;s own rebuild to finish." in shown
        post(page.client, page.keys, "/printing/cancel", [("id", str(number))])
    assert page.ended(number).state == "cancelled" and page.jobs.get(number).pid == 0  # type: ignore[union-attr]


def test_a_build_asked_for_meanwhile_says_it_waits_for_the_print_run(page: Page) -> None:
    with page.jobs.turns.hold(PRINT_RUN + "spring"):  # the turn the print run holds
        page.client.post("/builds", data={"what": "main"}, headers=changes(page.keys))
        shown = page.client.get("/builds").text
        assert "Waiting for the print run of spring to finish." in shown
        page.builds.close()


def counts_shown(text: str) -> dict[str, tuple[int, int]]:
    """Each line of the count the page shows: its name -> (copies, sheets)."""
    rows = re.findall(r'<th scope="row" data-label="Audience">([^<]+)</th><td data-label="People">'
                      r'\d*</td><td data-label="Copies">(\d+)[^<]*</td><td data-label="Sheets">'
                      r'(\d+)</td>', text)
    return {name: (int(copies), int(sheets)) for name, copies, sheets in rows}


@pytest.mark.slow
def test_the_count_shown_before_is_what_the_run_orders_and_the_zip_is_the_shops(
        page: Page) -> None:
    from press import api
    from press.commands.cli import main

    api.build(page.root)  # the last build's page counts
    text = page.client.get("/printing/training?name=spring").text
    shown = counts_shown(text)
    booklet = re.search(r'<td data-label="Copies">(\d+)</td><td data-label="Pages each">(\d+)'
                        r'[^<]*</td><td data-label="Sheets" id="booklet-sheets">(\d+)<', text)
    total = re.search(r'id="handout-sheets">(\d+)<', text)
    assert booklet and total and set(shown) == {"Judges", "Victim advocates"}
    job = page.ended(page.run())
    assert job.state == "done", (job.message, job.words, job.problems)
    assert "Made the pages (1 of 4)." in job.said  # progress, as it went
    order = (page.root / "out/print/spring/spring-order.txt").read_text(encoding="utf-8")
    for audience, (copies, sheets) in shown.items():
        people = 3 if audience == "Judges" else 12
        assert re.search(rf"Handout for {audience.lower()}\s+{people}\s+{copies}\s+1\s+{sheets}\n",
                         order), order
    assert re.search(rf"Slip sheets\s+2\n   Total\s+\d+\s+{total[1]}\n", order), order
    copies, pages, sheets = booklet.groups()
    assert re.search(rf"Brief \(booklet\)\s+2\s+{copies}\s+{pages}\s+{sheets}\n", order), order
    shop = page.client.get("/printing/training?name=spring").text
    assert 'href="/printing/zip?name=spring" download' in shop
    response = page.client.get("/printing/zip?name=spring")
    assert response.headers["content-disposition"] == 'attachment; filename="spring-print-run.zip"'
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = [entry.filename for entry in archive.infolist()]
    assert names == ["spring-brief-booklet.pdf", "spring-handouts.pdf", "spring-order.pdf",
                     "spring-order.txt"]
    assert {entry.date_time for entry in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert page.client.get("/printing/zip?name=spring").content == response.content
    assert main(["print", "spring"], root=page.root) == 0  # the command line's, afresh
    folder = page.root / "out/print/spring"
    assert {name: archive.read(name) for name in names} == {
        name: (folder / name).read_bytes() for name in names}


@pytest.mark.slow
def test_a_cancelled_run_leaves_out_as_it_was_and_no_process_behind(
        page: Page, monkeypatch: pytest.MonkeyPatch) -> None:
    from press import api

    api.build(page.root)
    before = out_digest(page.root)
    monkeypatch.setenv("PRESS_STOP_AT", "typeset")
    number = page.run()
    assert page.jobs.wait(number, lambda job: "typeset" in job.reached or not job.active, LONG)
    running = page.jobs.get(number)
    assert running is not None and running.active, running
    members = group(running.pid)
    assert running.pid in members
    said = page.post("/printing/cancel", [("id", str(number))])
    assert "Cancelled: out/ is as it was before." in said
    assert [pid for pid in members if alive(pid)] == [] and group(running.pid) == []
    assert out_digest(page.root) == before
