"""Rules that never bend: exact rule files, --strict counted at the end of every command, a
funder's checklist only on grant PDFs, gray print runs that are gray, place builds that say
what they left out, and environment errors that say what to do."""

from __future__ import annotations

import datetime as dt
import errno
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from press.commands.cli import left_out_table, main
from press.core.problems import BuildError, SetupError
from press.core.target import Target
from press.make.build import build, build_places
from press.make.check import run_check

from .conftest import ROOT, at, errors_from
from .projects import (
    BRAND,
    CSV,
    JUDGES,
    LANGUAGE,
    QUOTES,
    STATS,
    change,
    write_project,
)

TODAY = dt.date(2026, 11, 28)
JUDGES_FILE = "source/handouts/sample/judges.yaml"
TRAINING_FILE = "source/trainings/in-service.yaml"
TRAINING = """title: In-service training
date: 2027-03-04
chapter: sample
jurisdiction: Alder County
attendees:
  judges: 3
briefs: 2
color: color
"""
NIH = "source/funders/nih-attachments.yaml"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The small sample project (tests/projects.py) with a training of its own."""
    return write_project(tmp_path / "project", {TRAINING_FILE: TRAINING})


def judges_saying(sentence: str) -> dict[str, str]:
    """The judges' handout with `sentence` first in its why."""
    return {JUDGES_FILE: JUDGES.replace("A criminal record blocks",
                                        f"{sentence} A criminal record blocks")}


def write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


JOHNS = """  - term: johns
    use: buyers, sex buyers
    why: Softens the harm buyers do.
"""
MISSPELT_FUNDER = """name: A funder with a misspelt rule
guide: made up for the tests
documents: [brief]
rules:
  page_limt: 4
"""


def test_a_misspelt_funder_rule_is_an_error_at_its_line(project: Path) -> None:
    write(project, "source/funders/misspelt.yaml", MISSPELT_FUNDER)
    expected = ('source/funders/misspelt.yaml:5:3: error: unknown key "page_limt" under "rules": '
                'nothing it says would be applied. Did you mean "page_limit"? Fix: rename it to '
                '"page_limit"')
    with pytest.raises(BuildError) as caught:
        build(project, Target(profile="grant", funder="misspelt", date=TODAY))
    assert any(p.format().startswith(expected) for p in caught.value.problems)
    assert not (project / "out").exists()
    assert any(e.startswith(expected) for e in errors_from(lambda: run_check(project, Target(date=TODAY))))


@pytest.mark.slow
def test_a_broken_rule_file_stops_only_the_commands_that_use_it(project: Path) -> None:
    write(project, "source/funders/misspelt.yaml", MISSPELT_FUNDER)
    write(project, TRAINING_FILE, TRAINING.replace("briefs: 2", "brefs: 2"))
    result = build(project, Target(date=TODAY))  # a build uses neither file
    said = [p.format() for p in result.problems.warnings if p.file.startswith("source/")]
    assert any(s.startswith('source/funders/misspelt.yaml:5:3: warning: unknown key "page_limt"')
               and "(this command does not use the file; the command that does stops here)" in s
               for s in said)
    assert any(s.startswith(f'{at(project, TRAINING_FILE, "brefs: 2")}'
                            ': warning: unknown '
                            'key "brefs"') for s in said)
    from press.make.printrun import print_training

    with pytest.raises(BuildError) as caught:
        print_training(project, "in-service", TODAY)
    assert next(p.format() for p in caught.value.problems if p.severity == "error").startswith(
        f'{at(project, TRAINING_FILE, "brefs: 2")}'
        ': error: unknown key "brefs": nothing it says would be applied. Did you mean '
        '"briefs"?')
    errors = errors_from(lambda: run_check(project, Target(date=TODAY)))  # check: every file, at once
    assert {e.split(":")[0] for e in errors} == {"source/funders/misspelt.yaml", TRAINING_FILE}


def test_check_refuses_a_training_that_print_refuses(project: Path) -> None:
    # the judges' handout, its chart taken out: its one statistic is a survey of Alder County
    change(project, {
        TRAINING_FILE: TRAINING.replace("jurisdiction: Alder County", "jurisdiction: Brook County"),
        JUDGES_FILE: JUDGES.replace("chart: alder-split\n", "optional: []\n")})
    errors = errors_from(lambda: run_check(project, Target(date=TODAY)))
    assert errors == [
        f'{at(project, TRAINING_FILE, "judges: 3", "3")}'
        ': error: no handout for '
        '"judges" is made for Brook County: it has no statistic or chart of that '
        "place Fix: give the handout a statistic of the place, or print the handouts made for "
        "the whole state (remove `jurisdiction:`)"]


@pytest.mark.slow
def test_funder_builds_the_grant_profile_or_refuses_another(project: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    write(project, NIH, (ROOT / NIH).read_text(encoding="utf-8"))  # the seed's own rule file
    code = main(["build", "--funder", "nih-attachments", "--profile", "screen"], root=project)
    assert code == 2
    assert capsys.readouterr().err.startswith(
        "Error: --funder measures the grant PDFs (the files a funder receives), not the screen "
        "ones. Fix: write --profile grant, or leave --profile out")
    assert main(["build", "--funder", "nih-attachments", "--date", "2026-11-28"], root=project) == 0
    output = capsys.readouterr().out
    assert "Funder checklist" in output and not (project / "out" / "sample-brief.pdf").exists()
    assert (project / "out/grant/nih-attachments/sample-brief.pdf").is_file()


# --- --strict, counted at the end ----------------------------------------------------------

@pytest.mark.slow
def test_strict_stops_on_warnings_that_come_late(project: Path) -> None:
    # The address set: the preflight is clean. The survey is of Cedar County, a place the
    # data has no rows for, so each place build leaves it out: a warning only they find.
    cedar = STATS.replace("surveyed in Alder County", "surveyed in Cedar County").replace(
        "jurisdiction: Alder County\n  period", "jurisdiction: Cedar County\n  period")
    assert cedar.count("Cedar County") == 2
    change(project, {"source/brand.yaml": BRAND.replace(
        'learn_more_url: ""', 'learn_more_url: "https://example.org/ls"'),
        "source/stats.yaml": cedar})
    assert not run_check(project, Target(date=TODAY, strict=True)).problems.warnings
    with pytest.raises(BuildError) as caught:
        build(project, Target(places=("Alder County",), date=TODAY, strict=True))
    assert caught.value.stage == "strict"
    assert any("left out of this handout" in p.message for p in caught.value.problems)
    assert all(p.severity != "warning" for p in caught.value.problems)
    assert not (project / "out" / "alder-county").exists()  # nothing published
    reports = build_places(project, Target(places=("Alder County", "Brook County"), date=TODAY,
                                           strict=True))
    assert [r.failed for r in reports] == [True, True]  # each leaves the Cedar figure out
    assert not (project / "out" / "alder-county").exists()
    assert not (project / "out" / "brook-county").exists()
    from press.make.printrun import print_training

    with pytest.raises(BuildError) as printed:
        print_training(project, "in-service", TODAY, strict=True)
    assert printed.value.stage == "strict"
    assert not (project / "out" / "print" / "in-service").exists()


@pytest.mark.slow
def test_the_no_change_answer_is_not_given_under_strict_with_warnings(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", "--strict", "--date", "2026-11-28"], root=project) == 2
    assert main(["build", "--date", "2026-11-28"], root=project) == 0
    capsys.readouterr()
    assert main(["build", "--strict", "--date", "2026-11-28"], root=project) == 2
    assert "--strict: every warning counts as an error." in capsys.readouterr().err


# --- a gray print run is gray --------------------------------------------------------------

@pytest.mark.slow
def test_a_grayscale_training_prints_gray_pages(project: Path) -> None:
    import pypdfium2 as pdfium

    from press.make.printrun import print_training

    write(project, TRAINING_FILE, TRAINING.replace("color: color", "color: grayscale"))
    run = print_training(project, "in-service", TODAY)
    for name in ("in-service-handouts.pdf", "in-service-brief-booklet.pdf"):
        document = pdfium.PdfDocument(run.folder / name)
        for index in range(len(document)):
            image = document[index].render(scale=0.6).to_pil().convert("RGB")
            colours = [c for _, c in image.getcolors(maxcolors=1 << 20) or []]
            worst = max(max(c) - min(c) for c in colours)
            assert worst <= 2, (name, index, worst)  # every pixel a gray


# --- what a place build left out ----------------------------------------------------------

@pytest.mark.slow
def test_many_places_report_what_each_left_out(project: Path) -> None:
    # Cedar County has one year of data: no trend can be drawn for it
    change(project, {"source/data/arrests.csv": CSV + (
        "Cedar County,2023,female,30,county-records\nCedar County,2023,male,10,county-records\n")})
    reports = build_places(project, Target(places=("Brook County", "Cedar County"), date=TODAY))
    table = left_out_table(reports)
    assert table[1] == "What each place's handouts left out:"
    rows = {line.split()[0]: line for line in table[3:5]}
    assert "providers-trained (judges)" in rows["Cedar"]
    assert "alder-trend -> alder-split (victim-advocates)" in rows["Cedar"]
    assert any(line.startswith("  providers-trained: it is a figure about Alder County")
               for line in table)
    page = (project / "out/cedar-county/index.html").read_text()
    assert "Left out for Cedar County" in page and "providers-trained" in page


# --- words ---------------------------------------------------------------------------------

@pytest.mark.parametrize("typed", ["1,200 arrests", "9 of 10 women", "3 in 4 women",
                                   "one in three women", "0.6 of them", "seventy percent"])
def test_a_figure_typed_in_any_form_is_an_error(project: Path, typed: str) -> None:
    change(project, judges_saying(f"Judges see {typed}."))
    errors = errors_from(lambda: run_check(project, Target(date=TODAY)))
    assert len(errors) == 1 and "is typed into the text, so it has no source" in errors[0]
    assert errors[0].startswith(f"{JUDGES_FILE}:")


def test_years_and_laws_are_not_figures(project: Path) -> None:
    change(project, judges_saying("Since 2013, under § 2-201 and section 12, it shows."))
    assert not [p for p in run_check(project, Target(date=TODAY)).problems.items if "typed" in p.message]


@pytest.mark.parametrize(("old", "new", "written"), [
    ("headline: From the bench, a sentence can be a path to services.",
     'headline: "From the bench [stat:brook-women-share], a sentence can be a path to services."',
     "[stat:brook-women-share]"),
    ("text: Recognize signs", "text: Recognize *signs*", "*signs*"),
])
def test_markup_where_it_is_printed_raw_is_an_error_at_its_column(
        project: Path, old: str, new: str, written: str) -> None:
    rel = JUDGES_FILE
    change(project, {rel: JUDGES.replace(old, new)})
    errors = errors_from(lambda: run_check(project, Target(date=TODAY)))
    line = next(n for n, text in enumerate((project / rel).read_text().splitlines(), 1)
                if written in text)
    column = (project / rel).read_text().splitlines()[line - 1].index(written) + 1
    assert errors == [f"{rel}:{line}:{column}: error: this field prints its text as it is, so "
                      f"{written} would be printed as written Fix: take the markup out (a figure "
                      "belongs in the handout's `stats:` or a paragraph; emphasis, in a paragraph)"]


def test_markup_in_a_quote_is_an_error(project: Path) -> None:
    change(project, {"source/quotes.yaml": QUOTES.replace("been patient", "been *patient*")})
    errors = errors_from(lambda: run_check(project, Target(date=TODAY)))
    assert len(errors) == 1 and 'the quote "rosa-ready" holds markup (*patient*)' in errors[0]


def test_a_term_inside_a_name_is_not_flagged_and_a_phrase_can_be_allowed(project: Path) -> None:
    change(project, {"source/language.yaml": LANGUAGE + JOHNS, **judges_saying(
        "Researchers at Johns Hopkins and John Jay College agree.")})
    assert not [p for p in run_check(project, Target(date=TODAY)).problems.items
                if "stigmatizing" in p.message]
    change(project, judges_saying("Researchers at Johns Hopkins and John Jay College "
                                         "agree. Johns buy sex."))
    errors = errors_from(lambda: run_check(project, Target(date=TODAY)))
    assert len(errors) == 1 and '"Johns" is on the project\'s list' in errors[0]
    change(project, {"source/language.yaml": LANGUAGE + JOHNS.replace(
        "  - term: johns\n", '  - term: johns\n    allow: ["Johns buy"]\n')})
    assert not [p for p in run_check(project, Target(date=TODAY)).problems.items
                if "stigmatizing" in p.message]


def test_spelling_knows_accented_names_and_curly_apostrophes(project: Path) -> None:
    change(project, judges_saying(
        "Judge Álvarez and Judge Nguyễn say it\u2019s the patient\u2019s right."))
    warned = [p.message for p in run_check(project, Target(date=TODAY)).problems.warnings
              if "dictionary" in p.message]
    assert warned == ['"Álvarez" is not in the dictionary', '"Nguyễn" is not in the dictionary']
    (project / "source/words.txt").write_text((project / "source/words.txt").read_text()
                                              + "\nÁlvarez\nNguyễn\n", encoding="utf-8")
    assert not [p for p in run_check(project, Target(date=TODAY)).problems.warnings
                if "dictionary" in p.message]


def test_new_files_have_ascii_names_and_need_a_name(project: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "handout", "Élus locaux"], root=project) == 0
    assert (project / "source/handouts/sample/elus-locaux.yaml").is_file()
    assert main(["check", "--date", "2026-11-28"], root=project) == 0
    assert main(["new", "handout", ""], root=project) == 2
    assert 'the audience needs a name with letters or digits, found ""' in capsys.readouterr().err
    assert not list((project / "source/handouts/sample").glob(".*"))


# --- the machine, not the sources ----------------------------------------------------------

def test_a_port_in_use_names_the_port_and_the_option() -> None:
    from press.studio.app import listening

    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    port = taken.getsockname()[1]
    try:
        with pytest.raises(SetupError) as caught:
            listening(port, "watch")
    finally:
        taken.close()
    assert caught.value.message.startswith(f"the port {port} is in use")
    assert caught.value.hint.endswith(f"make_report.py watch --port {port + 1}")
    assert errno.EADDRINUSE


def test_a_python_without_the_packages_is_told_to_use_the_project_environment() -> None:
    code = ("import sys, runpy; sys.modules['pydantic'] = None; sys.argv = ['make_report.py', "
            "'check']; runpy.run_path('make_report.py', run_name='__main__')")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True, check=False)
    assert result.returncode == 2
    assert "Internal error" not in result.stderr
    assert result.stderr.startswith("Error: this command needs the Python package 'pydantic'")
    assert "run `make pdfs` once (it sets up .venv/)" in result.stderr
