"""The command as staff run it: exit codes, exact messages, no tracebacks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, at, copy_project
from .projects import CSV, JUDGES, change, write_project


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The small sample project (tests/projects.py)."""
    return write_project(tmp_path / "project")


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "make_report.py"), *args, "--root", str(root)],
                          capture_output=True, text=True, cwd=root, check=False)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize("command", ["build", "check", "schema"])
def test_every_command_has_help(command: str) -> None:
    result = subprocess.run([sys.executable, str(ROOT / "make_report.py"), command, "--help"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0
    assert "usage: make_report.py" in result.stdout


def test_check_passes_on_the_real_sources(tmp_path: Path) -> None:
    """End to end on the real chapter (a copy, no build): the sources staff keep check, and
    the seed's own data gives no warning."""
    project = copy_project(tmp_path / "real")
    result = run(project, "check")
    assert result.returncode == 0, result.stderr
    warnings = sum(1 for line in result.stdout.splitlines() if ": warning: " in line)
    assert f"Check passed: {warnings} warning(s), no errors." in result.stdout
    assert "Reading grade of each handout (target 12.0): law-enforcement/defense-attorneys" in result.stdout
    assert (f'{at(project, "source/brand.yaml", "learn_more_url:", after="url: ")}'
            ': warning: no address is set for "Learn more at:"'
            in result.stdout)
    # the seed's data has every group in every year: no warning from the data's rules
    assert not [line for line in result.stdout.splitlines() if line.startswith("source/data")]
    assert not (project / "out").exists()


def test_strict_turns_warnings_into_errors(project: Path) -> None:
    result = run(project, "check", "--strict")
    assert result.returncode == 2
    where = at(project, "source/brand.yaml", "learn_more_url:", after="url: ")
    assert f"{where}: error: no address is set" in result.stderr


@pytest.mark.slow
def test_bad_input_exits_2_with_located_message_and_out_untouched(project: Path) -> None:
    assert run(project, "build").returncode == 0
    before = snapshot(project / "out")
    change(project, {
        "source/handouts/sample/judges.yaml": JUDGES.replace("quote: rosa-ready", "quote: rosa"),
        "source/data/arrests.csv": CSV.replace("Alder County,2023,male,110",
                                               "Alder County,2023,male,11x")})
    result = run(project, "build")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert (f'{at(project, "source/data/arrests.csv", "Alder County,2023,male,", "11x")}'
            ': error: column "arrests": expected a count of '
            'arrests (a whole number of 0 or more), found "11x" Fix: write '
            'the count in digits, e.g. 642 or 1,234') in lines
    assert "Stopped: 1 error(s) to fix (listed above). Nothing in out/ was changed." in lines
    assert snapshot(project / "out") == before


@pytest.mark.slow
def test_build_reports_each_pdf(project: Path) -> None:
    result = run(project, "build")
    assert result.returncode == 0, result.stderr
    assert "  out/sample-brief.pdf  " in result.stdout
    assert "  out/handouts/sample-judges.pdf  1 page, " in result.stdout
    assert "Built 4 PDFs in out/" in result.stdout


@pytest.mark.slow
def test_no_command_means_build(project: Path) -> None:
    result = run(project)
    assert result.returncode == 0, result.stderr
    assert (project / "out" / "sample-brief.pdf").is_file()


def test_bad_date_option_is_explained(project: Path) -> None:
    result = run(project, "check", "--date", "tomorrow")
    assert result.returncode == 2
    assert 'expected a date like 2026-03-01, found "tomorrow"' in result.stderr


def test_make_report_works_from_any_folder(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, str(ROOT / "make_report.py"), "check", "--help"],
                            capture_output=True, text=True, cwd=tmp_path, check=False)
    assert result.returncode == 0
    from press.commands.cli import parser

    assert parser(ROOT).parse_args(["check"]).root == ROOT
