"""A funder's checklist: each rule measured on the grant PDFs, failing on a crafted case,
passing where the PDFs meet it; a failure stops the build before anything is published."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from press.commands.build import build
from press.commands.cli import main
from press.core.problems import BuildError
from press.pdf.checklist import measure

FAILING = """name: A crafted funder whose every rule the brief breaks
guide: made up for the tests
documents: [brief]
rules:
  page_limit: 4
  smallest_text_pt: 12
  margins_in: 0.75
  max_file_mb: 0.01
  file_name_max_length: 20
  file_name_characters: "a-z."
  pdf_a: false
  attachments_allowed: false
  page_size_in: [8, 10]
"""

PASSING = """name: A crafted funder the brief and handouts meet
guide: made up for the tests
rules:
  page_limit: 13
  smallest_text_pt: 7
  margins_in: 0.5
  max_file_mb: 5
  file_name_max_length: 50
  file_name_characters: "A-Za-z0-9_.-"
  pdf_a: true
  page_size_in: [8.5, 11]
"""


def _funder(root: Path, name: str, text: str) -> None:
    folder = root / "source" / "funders"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.yaml").write_text(text, encoding="utf-8")


def test_every_rule_fails_on_a_crafted_case_at_its_line(project: Path) -> None:
    _funder(project, "strict", FAILING)
    with pytest.raises(BuildError) as caught:
        build(project, profile="grant", funder="strict")
    errors = [p.format() for p in caught.value.problems if p.severity == "error"]
    expected = {  # rule line in the file -> what the error says
        5: r"law-enforcement-brief\.pdf: pages 5, but this funder allows at most 4",
        6: r"page \d: smallest text 7\.\d pt .*at least 12 pt",
        7: r"narrowest margin 0\.\d\d in at the \w+, but this funder allows at least 0\.75 in",
        8: r"file size 0\.\d\d MB, but this funder allows at most 0\.01 MB",
        9: r"file name length 25 characters, but this funder allows at most 20",
        10: r'file name characters uses "-", but this funder allows a-z\.',
        11: r"PDF/A PDF/A, but this funder allows must not be PDF/A",
        12: r"attached files arrests-by-sex\.csv, arrests-by-sex\.yaml, but this funder allows "
            r"none allowed",
        13: r"largest page 8\.5 x 11 in, but this funder allows at most 8 x 10 in",
    }
    for line, pattern in expected.items():
        assert any(e.startswith(f"source/funders/strict.yaml:{line}:") and re.search(pattern, e)
                   for e in errors), (line, pattern, errors)
    assert len(errors) == len(expected)
    report = caught.value.report
    assert report[0].startswith("Funder checklist: A crafted funder")
    assert sum(line.lstrip().startswith("FAIL") for line in report) == 9
    assert not (project / "out" / "grant").exists()  # nothing published


def test_a_funder_the_pdfs_meet_passes_and_says_so(project: Path) -> None:
    _funder(project, "kind", PASSING)
    result = build(project, profile="grant", funder="kind")
    lines = result.checklist
    assert lines[-1].strip() == f"{len(lines) - 2} of {len(lines) - 2} rules pass."
    assert any("PASS  law-enforcement-packet.pdf: pages 13 (at most 13)" in x for x in lines)
    assert sum("handouts/" in x for x in lines) == 8 * 8  # 8 rules (no attachment rule) x 8
    assert (project / "out/grant/law-enforcement-brief.pdf").is_file()


def test_charts_are_exempt_only_when_the_rules_say(project: Path) -> None:
    build(project, profile="grant")
    data = (project / "out/grant/handouts/law-enforcement-judges.pdf").read_bytes()
    exempt, counted = measure(data, True), measure(data, False)
    assert exempt.smallest is not None and counted.smallest is not None
    assert counted.smallest.size < exempt.smallest.size  # the chart's small labels count
    assert exempt.smallest.size >= 7.5
    assert exempt.margin is not None and 0.3 < exempt.margin.inches < 1.0
    assert exempt.pages == 1 and exempt.pdf_a


def test_the_command_prints_the_checklist_and_exits_2(project: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", "--profile", "grant", "--funder", "nih-attachments"],
                root=project) == 2
    captured = capsys.readouterr()
    assert "Funder checklist: National Institutes of Health" in captured.out
    assert re.search(r"FAIL  law-enforcement-brief\.pdf, page \d: smallest text", captured.out)
    assert "source/funders/nih-attachments.yaml:" in captured.err
    assert main(["build", "--profile", "grant", "--funder", "nobody"], root=project) == 2
    assert 'there is no funder "nobody"' in capsys.readouterr().err


def test_a_funders_rules_apply_to_the_chapter_and_documents_it_names(tmp_path: Path) -> None:
    from .projects import write_project
    from .test_scope import FUNDER, SCHOOLS, TODAY

    root = write_project(tmp_path, {**SCHOOLS, "source/funders/schools-grant.yaml": FUNDER.replace(
        "[brief, victim-advocates]", "[victim-advocates]").replace("page_limit: 4",
                                                                    "page_limit: 1")})
    result = build(root, profile="grant", funder="schools-grant", today=TODAY)
    assert result.checklist == [
        "Funder checklist: A schools grant (source/funders/schools-grant.yaml, from made up for "
        "the tests, the schools chapter's PDFs)",
        "  PASS  handouts/schools-victim-advocates.pdf: pages 1 (at most 1)",
        "  1 of 1 rules pass."]
