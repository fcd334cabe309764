"""The studio's Grant check page (press/studio/grants.py, checklist.py): a new funder's
rules written in a form are saved as a person writes them by hand, or refused at the field
that is wrong; a grant check runs as a job of the Builds page's queue and shows the funder's
checklist line for line as the command line prints it, each failed line linked to the block
that printed what failed and to the funder's rule, and a rule changed from its link passes."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from press.commands.cli import main

from .projects import change, write_project
from .studio_client import changes, form_fields, post, replaced, with_jobs
from .test_studio import git, repository
from .test_studio_builds import Page

# A funder whose rule the sample's brief fails: its charts' labels are smaller than 14 pt,
# and this funder does not let charts be smaller.
LARGE_TYPE = """name: A funder that wants large type
guide: made up for the tests
documents: [brief]
rules:
  smallest_text_pt: 14
  figures_exempt: false
  margins_in: 0.5
"""


class Studio(Page):
    """The studio with its Builds page's queue, asked for grant checks."""

    def check(self, funder: str) -> int:
        response = self.client.post("/grant", data={"funder": funder},
                                    headers=changes(self.keys))
        assert response.status_code == 200, response.text
        with self.jobs.lock:
            return self.jobs.jobs[-1].id


@pytest.fixture
def studio(tmp_path: Path) -> Iterator[Studio]:
    root = repository(write_project(tmp_path, {"source/funders/large-type.yaml": LARGE_TYPE}))
    with with_jobs(root) as (client, keys, jobs):
        yield Studio(client, keys, jobs, root)


def new_funder(studio: Studio, **values: str) -> list[tuple[str, str]]:
    """What the new funder's form sends, filled in with `values` (input name -> words)."""
    page = studio.client.get("/grant/new")
    assert page.status_code == 200
    fields = form_fields(page.text)
    for name, value in values.items():
        fields = replaced(fields, name, value)
    return fields


HAND_WRITTEN = """# yaml-language-server: $schema=../../press/schemas/funder.schema.json
# A funder's rules, written in the studio from its guide for applicants, measured on
# the grant PDFs by the studio's Grant check (or make_report.py build --profile grant
# --funder city-arts).
name: City Arts Fund
guide: Application guide, section 4 (2026)
documents: [brief]
rules:
  page_limit: 4
  smallest_text_pt: 12
  margins_in: 0.75
  file_name_characters: A-Za-z0-9_.-
  pdf_a: true
  page_size_in: [8.5, 11]
"""


def test_a_new_funders_rules_are_saved_as_written_by_hand(studio: Studio) -> None:
    fields = new_funder(studio, **{
        "_name": "city-arts", "name": "City Arts Fund",
        "guide": "Application guide, section 4 (2026)", "rules.page_limit": "4",
        "rules.smallest_text_pt": "12", "rules.margins_in": "0.75",
        "rules.file_name_characters": "A-Za-z0-9_.-", "rules.pdf_a": "true",
        "rules.page_size_in.0": "8.5", "rules.page_size_in.1": "11"})
    response = post(studio.client, studio.keys, "/grant/new", [*fields, ("action", "save")])
    assert response.headers.get("HX-Redirect") == "/grant?funder=city-arts", response.text
    assert (studio.root / "source/funders/city-arts.yaml").read_text(
        encoding="utf-8") == HAND_WRITTEN
    assert git(studio.root, "log", "--format=%s", "-1") == \
        "Studio: source/funders/city-arts.yaml started\n"
    assert git(studio.root, "status", "--porcelain", "--", "source") == ""
    listed = studio.client.get("/grant?funder=city-arts").text
    assert 'value="city-arts" checked' in listed and "City Arts Fund" in listed
    assert 'href="/grant" aria-current="page"' in listed  # in the studio's navigation
    again = post(studio.client, studio.keys, "/grant/new", [*fields, ("action", "save")])
    assert "there is a funder&#39;s file named city-arts already" in again.text


def field_problem(page: str, name: str) -> str:
    """The words shown at the input `name` of a form (its problems' box)."""
    box = re.search(rf'<div class="field-problems" id="m-f-{re.escape(name)}"[^>]*>(.*?)</div>',
                    page, re.S)
    assert box is not None, name
    return html.unescape(re.sub(r"<[^>]+>", "", box.group(1)))


@pytest.mark.parametrize(("name", "typed", "said"), [
    ("rules-margins_in", {"rules.margins_in": "-0.5"}, "expected a number of at least 0"),
    ("rules-page_size_in-0", {"rules.page_size_in.0": "letter", "rules.page_size_in.1": "11"},
     "expected a number"),
    ("rules-page_size_in", {"rules.page_size_in.0": "0", "rules.page_size_in.1": "11"},
     "a page's width and height are more than 0 inches"),
    ("rules-file_name_characters", {"rules.file_name_characters": "[a-z]"},
     "expected the characters a file name may use"),
    ("rules-file_name_characters", {"rules.file_name_characters": "a-f0-9"},
     '"a-f" is not a range the press reads'),
])
def test_a_rule_that_cannot_be_is_refused_at_its_field(studio: Studio, name: str,
                                                        typed: dict[str, str], said: str) -> None:
    fields = new_funder(studio, _name="refused", name="A funder", guide="Its guide", **typed)
    page = post(studio.client, studio.keys, "/grant/new", [*fields, ("action", "save")]).text
    assert said in field_problem(page, name), page
    assert "Not saved:" in page
    assert not (studio.root / "source/funders/refused.yaml").exists()
    checked = post(studio.client, studio.keys, "/grant/new", [*fields, ("action", "check")])
    assert said in field_problem(checked.text, name)


def test_a_file_name_and_markup_are_taken_as_written_words(studio: Studio) -> None:
    fields = new_funder(studio, _name="Big Funder", name="<script>alert(1)</script>",
                        guide="Its guide")
    page = post(studio.client, studio.keys, "/grant/new", [*fields, ("action", "save")]).text
    assert "small letters, digits and single hyphens" in field_problem(page, "_name")
    assert "HTML markup" in field_problem(page, "name")
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page
    fields = replaced(replaced(fields, "_name", "big-funder"), "name", "Big Funder")
    checked = post(studio.client, studio.keys, "/grant/new", [*fields, ("action", "check")]).text
    assert "No problems: these rules can be saved." in checked
    assert not (studio.root / "source/funders/big-funder.yaml").exists()  # checked, not saved
    change(studio.root, {"source/funders/marked.yaml": LARGE_TYPE.replace(
        "large type", "<b>large</b> type")})
    listed = studio.client.get("/grant").text
    assert "A funder that wants &lt;b&gt;large&lt;/b&gt; type" in listed
    assert "<b>large</b>" not in listed and "Its rules have 1 error to fix first" in listed


def test_a_grant_check_waits_its_turn_and_can_be_cancelled(studio: Studio) -> None:
    """It is a job of the Builds page's queue: one build at a time, said while it waits,
    cancelled before it starts (out/ untouched); an unknown funder is refused in words."""
    from press.studio.jobs import REBUILD

    with studio.jobs.turns.hold(REBUILD):
        number = studio.check("large-type")
        assert studio.jobs.wait(number, lambda job: job.state == "queued", 5)
        page = studio.client.get("/grant").text
        assert "The grant documents for A funder that wants large type" in page
        assert "Waiting for the studio&#39;s own rebuild to finish." in page
        studio.client.post("/builds/cancel", data={"id": str(number)},
                           headers=changes(studio.keys))
    job = studio.ended(number)
    assert job.state == "cancelled" and job.pid == 0 and not (studio.root / "out").exists()
    refused = studio.client.post("/grant", data={"funder": "nobody"}, headers=changes(studio.keys))
    assert refused.status_code == 400 and "Choose the funder" in refused.text
    assert [j.id for j in studio.jobs.jobs] == [number]


def printed_checklist(root: Path, funder: str, capsys: pytest.CaptureFixture[str]) -> list[str]:
    """The checklist's lines as the command line prints them."""
    main(["build", "--profile", "grant", "--funder", funder], root=root)
    return [line.strip() for line in capsys.readouterr().out.splitlines()
            if line.startswith(("  PASS", "  FAIL"))]


@pytest.mark.slow
def test_a_failed_rule_links_to_its_block_and_passes_once_changed_from_its_link(
        studio: Studio, capsys: pytest.CaptureFixture[str]) -> None:
    printed = printed_checklist(studio.root, "large-type", capsys)
    assert any(line.startswith("FAIL") for line in printed), printed
    job = studio.ended(studio.check("large-type"))
    assert job.state == "failed" and job.asked.funder == "large-type"
    page = studio.client.get(f"/builds/job?id={job.id}").text
    shown = [html.unescape(line) for line in re.findall(r'<li class="rule (?:pass|fail)"><code>'
                                                        r"(.*?)</code>", page)]
    assert shown == printed  # line for line, as the command line says them
    assert re.search(r'class="rule fail"><code>FAIL  sample-brief\.pdf, page \d: smallest text '
                     r"[\d.]+ pt \(&#34;.*&#34;, in a chart\) \(at least 14 pt\)", page), page
    assert "The funder&rsquo;s checklist: 1 of 2 rules pass" in page
    block = re.search(r'href="(/edit\?file=source%2Fbriefs%2Fsample\.yaml&amp;field=(blocks\.\d+)'
                      r'#f-blocks-\d+)">Change what printed it: Sample brief, block \d+ \(Chart\)</a>', page)
    assert block is not None, page
    brief = (studio.root / "source/briefs/sample.yaml").read_text(encoding="utf-8")
    index = int(block.group(2).split(".")[1])
    assert brief.split("\n  - type: ")[index + 1].startswith("chart"), "the chart's block"
    assert studio.client.get(html.unescape(block.group(1))).status_code == 200
    rule = re.search(r'href="(/edit\?file=source%2Ffunders%2Flarge-type\.yaml&amp;field=rules\.'
                     r'smallest_text_pt#f-rules-smallest_text_pt)">The funder&#39;s rule: '
                     r"Smallest text, in points</a>", page)
    assert rule is not None, page
    assert not (studio.root / "out/grant/large-type").exists()  # nothing published

    # the funder's guide lets charts be smaller: changed in the funder's editor, it passes
    editor = studio.client.get(html.unescape(rule.group(1))).text
    assert 'id="f-rules-smallest_text_pt"' in editor
    fields = replaced(form_fields(editor), "rules.figures_exempt", "true")
    saved = post(studio.client, studio.keys, "/save", fields)
    assert "Saved" in saved.text, saved.text
    assert "  figures_exempt: true\n" in (studio.root / "source/funders/large-type.yaml"
                                          ).read_text(encoding="utf-8")
    job = studio.ended(studio.check("large-type"))
    assert job.state == "done", job.problems
    page = studio.client.get(f"/builds/job?id={job.id}").text
    assert "The funder&rsquo;s checklist: 2 of 2 rules pass" in page
    assert 'class="rule fail"' not in page and "Change what printed it" not in page
    assert "out/grant/large-type" in page and "Download sample-brief.pdf" in page
    assert (studio.root / "out/grant/large-type/sample-brief.pdf").is_file()
