"""The studio's Builds page (press/studio/builds.py, press/studio/jobs.py): a build asked for
on the page runs in a child process, says its progress, lists every PDF it made with what
each place left out, can be cancelled at an exact stop point (press/core/points.py) leaving
out/ byte for byte as it was and no process behind, and a second build waits, saying for
which."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from press.studio.guard import Keys
from press.studio.jobs import REBUILD, Asked, Job, Jobs

from .conftest import alive
from .projects import write_project
from .studio_client import changes, with_jobs

LONG = 600  # seconds a build may take on a busy machine (a bound, never a measure)


@dataclass
class Page:
    client: TestClient
    keys: Keys
    jobs: Jobs
    root: Path

    def start(self, **fields: str | list[str]) -> int:
        response = self.client.post("/builds", data=fields, headers=changes(self.keys))
        assert response.status_code == 200, response.text
        with self.jobs.lock:
            return self.jobs.jobs[-1].id

    def job(self, number: int) -> Job:
        job = self.jobs.get(number)
        assert job is not None
        return job

    def ended(self, number: int) -> Job:
        assert self.jobs.wait(number, lambda job: not job.active, LONG)
        return self.job(number)


@pytest.fixture
def page(tmp_path: Path) -> Iterator[Page]:
    root = write_project(tmp_path, {})
    with with_jobs(root) as (client, keys, jobs):
        yield Page(client, keys, jobs, root)


def out_digest(root: Path) -> dict[str, str]:
    """Every file under out/, by its path, with its bytes' digest."""
    return {path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted((root / "out").rglob("*")) if path.is_file()}


def group(leader: int) -> list[int]:
    """Every process running in the process group `leader` leads (the child, its workers)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text(encoding="ascii").rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == leader and fields[0] != "Z":  # (a zombie is gone, not reaped)
            found.append(int(stat.parent.name))
    return found


def test_the_builds_page_offers_the_datas_places_editions_and_profiles(page: Page) -> None:
    text = page.client.get("/builds").text
    assert "<option>Alder County</option>" in text and "<option>Brook County</option>" in text
    assert 'value="print"' in text and 'value="grant"' in text
    assert 'name="gray"' in text and 'href="/builds" aria-current="page"' in text


def test_a_place_not_in_the_data_is_refused_in_words(page: Page) -> None:
    response = page.client.post("/builds", data={"what": "one", "place": "Nowhere County"},
                                headers=changes(page.keys))
    assert response.status_code == 400
    assert "The data has no place named \u201cNowhere County\u201d" in response.text
    assert page.jobs.jobs == []


def test_a_build_waits_for_the_studios_rebuild_and_says_so(page: Page) -> None:
    with page.jobs.turns.hold(REBUILD):
        number = page.start(what="one", place="Brook County")
        assert page.jobs.wait(number, lambda job: job.state == "queued", 5)
        shown = page.client.get(f"/builds/job?id={number}").text
        assert "Waiting for the studio&#39;s own rebuild to finish." in shown
        page.client.post("/builds/cancel", data={"id": str(number)}, headers=changes(page.keys))
    job = page.ended(number)
    assert job.state == "cancelled" and job.pid == 0  # it never started a process


def test_a_job_ending_while_its_page_is_drawn_is_shown_as_it_was(
        page: Page, monkeypatch: pytest.MonkeyPatch) -> None:
    """The runner ends a job while the page reads the sources for it: the page shows the
    job of one moment (still running, so polled again), never ended without its files."""
    import press.api

    job = Job(99, Asked(), "the main documents", 0, state="running", started=1.0)
    with page.jobs.lock:
        page.jobs.jobs.append(job)
    documents = press.api.documents

    def ends_meanwhile(root: Path) -> list[press.api.Document]:
        with page.jobs.lock:
            job.state, job.message = "done", "Done."
        return documents(root)

    monkeypatch.setattr(press.api, "documents", ends_meanwhile)
    shown = page.client.get("/builds/job?id=99").text
    assert 'data-state="running"' in shown and 'hx-get="/builds/job?id=99"' in shown
    assert "data-ended" not in shown and page.job(99).state == "done"


@pytest.mark.slow
def test_places_built_from_the_page_list_their_pdfs_and_what_each_left_out(page: Page
                                                                            ) -> None:
    number = page.start(what="several", places=["Alder County", "Brook County"],
                        edition="", profile="screen")
    job = page.ended(number)
    assert job.state == "done", (job.message, job.words, job.problems)
    assert "Checking the sources and making the PDFs." in job.said  # progress, as it went
    firsts = {f"Made {place} (1 of 2)." for place in ("Alder County", "Brook County")}
    assert firsts & set(job.said) and job.done == job.total == 2  # in either order
    shown = page.client.get(f"/builds/job?id={number}").text
    for folder in ("alder-county", "brook-county"):
        for handout in ("sample-judges", "sample-victim-advocates"):
            link = f"/out/{folder}/handouts/{handout}.pdf"
            assert f'href="{link}" download' in shown
            assert page.client.get(link).content == (page.root / link[1:]).read_bytes()
    assert "What Brook County left out, and why" in shown
    assert '<td data-label="Handout">Judges handout</td><td data-label="Left out">statistic' \
        '</td><td data-label="Why">it is a figure about Alder County, not Brook County</td>' \
        in shown
    assert "Alder County left nothing out." in shown
    picture = page.client.get("/builds/page.png?profile=screen&place=Brook+County&edition="
                              "&doc=handouts/sample-judges.pdf&n=1")
    assert picture.status_code == 200 and picture.content.startswith(b"\x89PNG")


@pytest.mark.slow
def test_one_place_built_from_the_page_lists_what_it_left_out(page: Page) -> None:
    job = page.ended(page.start(what="one", place="Brook County"))
    assert job.state == "done", (job.message, job.words, job.problems)
    shown = page.client.get(f"/builds/job?id={job.id}").text
    assert "What Brook County left out, and why" in shown
    assert '<td data-label="Handout">Judges handout</td><td data-label="Left out">statistic' \
        '</td><td data-label="Why">it is a figure about Alder County, not Brook County</td>' \
        in shown


@pytest.mark.slow
def test_cancel_at_a_stop_point_leaves_out_as_it_was_and_no_process_behind(
        page: Page, monkeypatch: pytest.MonkeyPatch) -> None:
    first = page.ended(page.start(what="main"))
    assert first.state == "done", (first.message, first.words, first.problems)
    typeset = [m for m in first.said if re.fullmatch(r"Made \S+\.pdf \(\d of \d\)\..*", m)]
    assert len(typeset) == first.total >= 3  # each document typeset: the brief, two handouts
    before = out_digest(page.root)
    brand = page.root / "source" / "brand.yaml"  # a change, so the next build typesets
    brand.write_text(brand.read_text(encoding="utf-8").replace(
        "Sharing the voices", "Sharing the stories"), encoding="utf-8")
    monkeypatch.setenv("PRESS_STOP_AT", "typeset")
    number = page.start(what="main")
    assert page.jobs.wait(number, lambda job: "typeset" in job.reached, LONG)
    running = page.job(number)
    members = group(running.pid)
    assert running.pid in members and len(members) >= 2  # the child and its typesetter
    response = page.client.post("/builds/cancel", data={"id": str(number)},
                                headers=changes(page.keys))
    assert "Cancelled: out/ is as it was before." in response.text
    assert [pid for pid in members if alive(pid)] == []
    assert group(running.pid) == []
    assert out_digest(page.root) == before


@pytest.mark.slow
def test_a_second_build_waits_for_the_first_and_says_which(
        page: Page, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRESS_STOP_AT", "checked")
    first = page.start(what="one", place="Brook County")
    assert page.jobs.wait(first, lambda job: "checked" in job.reached, LONG)
    second = page.start(what="main")
    shown = page.client.get("/builds").text
    assert "Waiting for the build of Brook County to finish." in shown
    assert page.job(second).state == "queued" and page.job(second).pid == 0
    page.client.post("/builds/cancel", data={"id": str(second)}, headers=changes(page.keys))
    page.client.post("/builds/cancel", data={"id": str(first)}, headers=changes(page.keys))
    assert page.job(second).state == page.job(first).state == "cancelled"
    assert not (page.root / "out" / "brook-county").exists()


def test_every_job_is_stopped_when_the_studio_stops(page: Page) -> None:
    with page.jobs.turns.hold(REBUILD):
        number = page.start(what="main")
        page.jobs.close()
    assert page.ended(number).state == "cancelled"


def test_a_place_shown_on_home_leads_to_its_build(page: Page) -> None:
    """The home page's place view says where its PDFs are made, and the Builds page opens
    with that place chosen (a place the data does not have is not chosen)."""
    made = page.client
    home = made.get("/?place=Brook+County").text
    assert 'href="/builds?place=Brook+County"' in home and "Builds page" in home
    assert "Builds page" not in made.get("/").text
    chosen = made.get("/builds?place=Brook+County").text
    assert re.search(r'value="one" checked', chosen)
    assert "<option selected>Brook County</option>" in chosen
    unknown = made.get("/builds?place=Atlantis").text
    assert re.search(r'value="main" checked', unknown) and "<option selected>" not in unknown
