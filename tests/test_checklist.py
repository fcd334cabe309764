"""A funder's checklist: each rule measured on the grant PDFs, failing on a crafted case,
passing where the PDFs meet it; a failure stops the build before anything is published. A
funder's margins and type floor lay the grant PDFs out (out/grant/<funder>/), or a handout
that cannot meet them is a located error naming its block and a change the staff can make."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from press.commands.cli import main
from press.core.manifest import read_manifest
from press.core.problems import BuildError
from press.core.target import Target
from press.make.build import build
from press.pdf.funder_rules import _fix, measure

from .conftest import ROOT, at
from .projects import JUDGES, QUOTES, change, write_project

FAILING = """name: A crafted funder whose every rule the brief breaks
guide: made up for the tests
documents: [brief]
rules:
  page_limit: 2
  smallest_text_pt: 12
  margins_in: 0.75
  max_file_mb: 0.01
  file_name_max_length: 10
  file_name_characters: "a-z."
  pdf_a: false
  attachments_allowed: false
  page_size_in: [8, 10]
"""

PASSING = """name: A crafted funder the brief and handouts meet
guide: made up for the tests
rules:
  page_limit: 5
  smallest_text_pt: 7
  margins_in: 0.5
  max_file_mb: 5
  file_name_max_length: 50
  file_name_characters: "A-Za-z0-9_.-"
  pdf_a: true
  page_size_in: [8.5, 11]
"""


@pytest.mark.slow
def test_every_rule_fails_on_a_crafted_case_at_its_line(tmp_path: Path) -> None:
    """Every rule but the two the brief is laid out to (its type floor and margins), which
    pass: the brief is set at 12 pt and more, 0.75 in from every edge."""
    project = write_project(tmp_path, {"source/funders/strict.yaml": FAILING})
    with pytest.raises(BuildError) as caught:
        build(project, Target(profile="grant", funder="strict"))
    errors = [p.format() for p in caught.value.problems if p.severity == "error"]
    expected = {  # rule line in the file -> what the error says
        5: r"sample-brief\.pdf: pages 3, but this funder allows at most 2",
        8: r"file size 0\.\d\d MB, but this funder allows at most 0\.01 MB",
        9: r"file name length 16 characters, but this funder allows at most 10",
        10: r'file name characters uses "-", but this funder allows a-z\.',
        11: r"PDF/A PDF/A, but this funder allows must not be PDF/A",
        12: r"attached files arrests\.yaml, sample-brief-arrests-counts\.csv, but this funder "
            r"allows none allowed",
        13: r"largest page 8\.5 x 11 in, but this funder allows at most 8 x 10 in",
    }
    for line, pattern in expected.items():
        assert any(e.startswith(f"source/funders/strict.yaml:{line}:") and re.search(pattern, e)
                   for e in errors), (line, pattern, errors)
    assert len(errors) == len(expected)
    report = caught.value.report
    assert report[0].startswith("Funder checklist: A crafted funder")
    assert sum(line.lstrip().startswith("FAIL") for line in report) == 7
    assert any(re.match(r"  PASS  .*smallest text 12 pt", line) for line in report), report
    assert any(re.match(r"  PASS  .*narrowest margin 0\.\d\d in", line) for line in report)
    assert not (project / "out" / "grant").exists()  # nothing published
    assert not any("wider margins" in p.hint for p in caught.value.problems)


@pytest.mark.slow
def test_a_funder_the_pdfs_meet_passes_and_says_so(tmp_path: Path) -> None:
    project = write_project(tmp_path, {"source/funders/kind.yaml": PASSING})
    result = build(project, Target(profile="grant", funder="kind"))
    lines = result.checklist
    assert lines[-1].strip() == f"{len(lines) - 2} of {len(lines) - 2} rules pass."
    assert any("PASS  sample-packet.pdf: pages 5 (at most 5)" in x for x in lines)
    assert sum("handouts/" in x for x in lines) == 8 * 2  # 8 rules (no attachment rule) x 2
    assert (project / "out/grant/kind/sample-brief.pdf").is_file()


@pytest.mark.slow
def test_charts_are_exempt_only_when_the_rules_say(tmp_path: Path) -> None:
    project = write_project(tmp_path)
    build(project, Target(profile="grant"))
    data = (project / "out/grant/handouts/sample-judges.pdf").read_bytes()
    exempt, counted = measure(data, True), measure(data, False)
    assert exempt.smallest is not None and counted.smallest is not None
    assert counted.smallest.size < exempt.smallest.size  # the chart's small labels count
    assert exempt.smallest.size >= 7.5
    assert exempt.margin is not None and 0.3 < exempt.margin.inches < 1.0
    assert exempt.pages == 1 and exempt.pdf_a


@pytest.mark.slow
def test_the_command_prints_the_checklist(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    """NIH's rules (11 pt type, half-inch margins), the seed's own rule file, lay the brief
    out: it passes, and is published in the funder's own folder."""
    nih = "source/funders/nih-attachments.yaml"
    project = write_project(tmp_path, {nih: (ROOT / nih).read_text(encoding="utf-8")})
    assert main(["build", "--profile", "grant", "--funder", "nih-attachments"],
                root=project) == 0
    captured = capsys.readouterr()
    assert "Funder checklist: National Institutes of Health" in captured.out
    assert re.search(r"PASS  sample-brief\.pdf, page \d: smallest text 11 pt",
                     captured.out), captured.out
    assert "FAIL" not in captured.out
    assert (project / "out/grant/nih-attachments/sample-brief.pdf").is_file()
    assert main(["build", "--profile", "grant", "--funder", "nobody"], root=project) == 2
    assert 'there is no funder "nobody"' in capsys.readouterr().err


ONE_INCH = """name: A funder with one-inch margins and 11 pt type
guide: made up for the tests
documents: [brief, handouts]
rules:
  smallest_text_pt: 11
  margins_in: 1
"""


@pytest.mark.slow
def test_a_funders_margins_and_type_lay_the_grant_pdfs_out(tmp_path: Path) -> None:
    root = write_project(tmp_path, {"source/funders/one-inch.yaml": ONE_INCH})
    result = build(root, Target(profile="grant", funder="one-inch"))
    assert result.checklist[-1].strip() == "6 of 6 rules pass.", result.checklist
    folder = root / "out" / "grant" / "one-inch"
    for rel in ("sample-brief.pdf", "handouts/sample-judges.pdf",
                "handouts/sample-victim-advocates.pdf"):
        found = measure((folder / rel).read_bytes())
        assert found.margin is not None and found.margin.inches >= 1.0, (rel, found.margin)
        assert found.smallest is not None and found.smallest.size >= 11.0, (rel, found.smallest)
    # the same documents in the grant profile's own layout: citations at 7.7 pt, and a
    # folder of their own, keyed apart (the funder's folder is left as it is)
    build(root, Target(profile="grant"))
    plain = measure((root / "out/grant/sample-brief.pdf").read_bytes()).smallest
    assert plain is not None and plain.size < 11
    assert (folder / "sample-brief.pdf").is_file()
    own, funder = read_manifest(root / "out/grant"), read_manifest(folder)
    assert own is not None and funder is not None and own.fingerprint != funder.fingerprint
    keys = {o.file: o.facts.key for o in own.outputs}
    assert all(keys[o.file] != o.facts.key for o in funder.outputs), "keyed by the funder too"


@pytest.mark.slow
def test_a_handout_that_cannot_meet_a_funders_rules_names_its_block(tmp_path: Path) -> None:
    """Its own layout holds it; the funder's wider margins and larger type do not: the error
    is at the block's line, names the funder's rules, and asks for a change the staff can
    make (cut words, or mark a block optional), never one the press cannot."""
    why = ("A criminal record blocks housing, work and custody of her kids. Judges can shape "
           "whether court is the end of the road or the start of a way out. ") * 6
    judges = (JUDGES.split("why:")[0] + f"why: {why.strip()}\nactions:"
              + JUDGES.split("actions:")[1])
    assert judges != JUDGES
    root = write_project(tmp_path, {"source/funders/one-inch.yaml": ONE_INCH,
                                    "source/handouts/sample/judges.yaml": judges})
    build(root, Target(profile="grant"))  # its own layout holds it
    with pytest.raises(BuildError) as caught:
        build(root, Target(profile="grant", funder="one-inch"))
    errors = [p for p in caught.value.problems if p.severity == "error"]
    assert len(errors) == 1, [p.format() for p in errors]
    error = errors[0].format()
    assert error.startswith(
        f"{at(root, 'source/handouts/sample/judges.yaml', 'why:', after='why: ')}: error: "
        "the handout for judges does not fit on one page under the rules of funder one-inch "
        "(margins of 1 in, type of at least 11 pt) even with tighter spacing: it is "), error
    assert re.search(r"too long, and the why text is where to cut Fix: cut about \d+ lines "
                     r"from the why text or the actions \(or leave a block out where it does "
                     r"not fit: optional: \[quote, chart\]\)$", error), error
    assert "wider margins" not in error
    assert not (root / "out/grant/one-inch").exists()


@pytest.mark.slow
def test_a_funders_folder_is_said_out_of_date_and_goes_with_its_funder(tmp_path: Path) -> None:
    root = write_project(tmp_path, {"source/funders/one-inch.yaml": ONE_INCH})
    build(root, Target(profile="grant", funder="one-inch"))
    manifest = read_manifest(root / "out/grant/one-inch")
    assert manifest is not None and manifest.funder == "one-inch"
    change(root, {"source/quotes.yaml": QUOTES.replace("someone had been patient",
                                                              "someone was patient")})
    said = [p.format() for p in build(root).problems.warnings]
    assert ("out/grant/one-inch/: warning: this folder was made from older sources, so its "
            "figures and words may differ from the documents now Fix: make it again: "
            "make_report.py build --profile grant --funder one-inch (or delete the folder)"
            ) in said, said
    (root / "source/funders/one-inch.yaml").unlink()
    said = [p.format() for p in build(root).problems.warnings]
    assert ("out/grant/one-inch/: warning: removed this folder, so its documents are not "
            'printed as current: there is no funder "one-inch" any more Fix: write '
            "source/funders/one-inch.yaml again and build --funder one-inch") in said, said
    assert not (root / "out/grant/one-inch").exists()


@pytest.mark.slow
def test_a_funders_rules_apply_to_the_chapter_and_documents_it_names(tmp_path: Path) -> None:
    from .test_scope import FUNDER, SCHOOLS, TODAY

    root = write_project(tmp_path, {**SCHOOLS, "source/funders/schools-grant.yaml": FUNDER.replace(
        "[brief, victim-advocates]", "[victim-advocates]").replace("page_limit: 4",
                                                                    "page_limit: 1")})
    result = build(root, Target(profile="grant", funder="schools-grant", date=TODAY))
    assert result.checklist == [
        "Funder checklist: A schools grant (source/funders/schools-grant.yaml, from made up for "
        "the tests, the schools chapter's PDFs)",
        "  PASS  handouts/schools-victim-advocates.pdf: pages 1 (at most 1)",
        "  1 of 1 rules pass."]


def test_a_rule_measured_at_one_thing_names_the_block_that_printed_it() -> None:
    """The smallest text, or what is drawn nearest an edge, is in the block whose box on
    its page holds it (the smallest such box: a block inside another); none where no block
    does (a running head), and never a block of another page."""
    from press.core.manifest import BlockBox, Facts, Output
    from press.pdf.funder_rules import Margin, Measured, Smallest, verdicts
    from press.source.schema import Funder, FunderRules

    blocks = [BlockBox(0, 50, 50, 560, 400, "chart", "blocks.2"),
              BlockBox(0, 60, 300, 300, 390, "chart", "blocks.2.note"),
              BlockBox(1, 50, 50, 560, 700, "paragraph", "blocks.4")]
    output = Output("x-brief.pdf", b"", "X brief", 2,
                    Facts("brief", blocks=blocks, source="source/briefs/x.yaml"))
    rules = Funder(name="F", guide="G", rules=FunderRules(smallest_text_pt=14, margins_in=1))
    found = {"x-brief.pdf": Measured(2, 10, Smallest(7.5, 1, "S", True, (100, 320, 110, 328)),
                                     Margin(0.4, 1, "top", (200, 10, 300, 22)), (8.5, 11),
                                     True, ())}
    small, margin = verdicts(rules, [output], found)
    assert (small.passed, small.in_chart, small.source, small.field) == (
        False, True, "source/briefs/x.yaml", "blocks.2.note")
    assert (margin.passed, margin.source, margin.field) == (False, "", "")
    line = small.ruled()
    assert line.line == small.line() and (line.page, line.field) == (1, "blocks.2.note")
    assert "a chart's labels are drawn at the chart's own" in _fix(small)


@pytest.mark.slow
def test_the_command_line_says_which_block_printed_a_failed_rule(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A rule measured at one thing on a page (here a chart's small labels) is printed with
    the block that printed it, as the studio links it."""
    from press.commands.cli import main

    small = ("name: Large print only\nguide: made up by the test\ndocuments: [brief]\n"
             "rules:\n  smallest_text_pt: 14\n  figures_exempt: false\n")
    root = write_project(tmp_path, {"source/funders/large-print.yaml": small})
    assert main(["build", "--profile", "grant", "--funder", "large-print",
                 "--root", str(root)]) == 2
    said = capsys.readouterr().out.splitlines()
    failed = next(i for i, line in enumerate(said) if line.lstrip().startswith("FAIL")
                  and "smallest text" in line)
    assert re.fullmatch(r"        printed by source/briefs/sample\.yaml, blocks\.\d+",
                        said[failed + 1]), said[failed:failed + 2]
