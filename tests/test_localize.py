"""Handouts built for one jurisdiction carry that place's figures and charts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from press.core.target import Target
from press.make.build import build

from .conftest import at, errors_from
from .projects import CHARTS, CSV, JUDGES, RELATED_ARRESTS, change, write_project
from .test_build import text_of

# a third place with one year of data: no trend can be drawn for it
CEDAR = CSV + "Cedar County,2023,female,30,county-records\nCedar County,2023,male,10,county-records\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The small sample project (tests/projects.py): Alder County and Brook County, their
    arrests counted in the words of the agency export and the fictional places."""
    return write_project(tmp_path / "project", RELATED_ARRESTS)


@pytest.mark.slow
def test_a_place_build_uses_that_places_figures(project: Path) -> None:
    result = build(project, Target(places=("Alder County",)))
    folder = project / "out" / "alder-county" / "handouts"
    assert len(list(folder.glob("*.pdf"))) == 2
    # PDFium drops the hyphen where a line breaks after "prostitution-"
    text = text_of(folder / "sample-victim-advocates.pdf").replace("prostitutionrelated",
                                                                   "prostitution-related")
    # the statistic is of Brook County in the sources: 90 / (90 + 110) = 45% in Alder County
    assert "Women made up 45% of prostitution-related arrests in Alder County." in text
    assert "of 200 arrests" in text
    assert "Brook County" not in text
    assert not [w for w in result.problems.warnings if "too few years" in w.message]


@pytest.mark.slow
def test_a_place_with_one_year_gets_a_split_chart_instead_of_a_trend(project: Path) -> None:
    change(project, {"source/data/arrests.csv": CEDAR})
    result = build(project, Target(places=("Cedar County",)))
    warnings = [w.format() for w in result.problems.warnings]
    assert (f'{at(project, "source/handouts/sample/victim-advocates.yaml", "chart:", "alder")}'
            ': warning: the chart '
            '"alder-trend" cannot be drawn truthfully for Cedar County (a trend '
            'needs two years, and the prostitution-related arrests of Cedar County in '
            '"arrests" cover only 2023); the chart "alder-split" stands in '
            "Fix: add more of Cedar County's data, or choose another chart for this handout"
            ) in warnings
    text = text_of(project / "out" / "cedar-county" / "handouts" /
                   "sample-victim-advocates.pdf")
    assert "Women were 75% of arrests" in text
    pages = text.split("REFERENCES")[0]  # (the data's reference names its years)
    assert not re.search(r"\b(19|20)\d\d-(19|20)\d\d\b", pages)  # no empty trend


def test_an_unknown_place_is_refused_with_the_known_ones(project: Path) -> None:
    assert errors_from(lambda: build(project, Target(places=("Texas",)))) == [
        'source/data/arrests.csv: error: the data has no rows for "Texas"; it has '
        '"Alder County", "Brook County" Fix: choose one of those, or add Texas\'s rows (see '
        '"Bringing in a new table" in the user guide, docs/tables.md)']
    assert not (project / "out").exists()


AGENCY = Path(__file__).parent / "fixtures" / "agency-export"
EXPORT = "worcester-police-department-arrests-by-sex-2005-2018-export.csv"


def add_agency_export(root: Path) -> None:
    """The made-up agency export (and a juvenile-only table) as a new analyst brings them in."""
    import shutil

    for name in (EXPORT, "worcester-export.yaml", "juvenile-arrests.csv", "juvenile-arrests.yaml"):
        shutil.copy(AGENCY / name, root / "source" / "data" / name)
    for name in ("references", "charts"):
        target = root / "source" / f"{name}.yaml"
        target.write_text(target.read_text() + (AGENCY / f"{name}.append.yaml").read_text())


@pytest.mark.slow
def test_a_place_build_names_the_place_and_uses_all_its_years(project: Path) -> None:
    add_agency_export(project)
    build(project, Target(places=("Worcester, MA",)))
    folder = project / "out" / "worcester-ma" / "handouts"
    text = text_of(folder / "sample-victim-advocates.pdf")
    assert "SAMPLE · WORCESTER, MA" in text
    # The trend runs over every year the export has (2005-2018), named for the place.
    assert "share of prostitution-related arrests in Worcester, MA, 2005-2018" in text.replace(
        "prostitutionrelated", "prostitution-related")
    for path in folder.glob("*.pdf"):
        words = text_of(path)
        assert "Worcester, MA" in words, path.name
        for other in ("Alder County", "Brook County", "Boston", "FBI", "MA01460", "2021"):
            assert other not in words, (path.name, other)


@pytest.mark.slow
def test_a_juvenile_chart_is_never_drawn_from_all_ages_rows(project: Path) -> None:
    add_agency_export(project)
    # the judges' handout with a figure of every place's data, and the juvenile chart
    change(project, {"source/handouts/sample/judges.yaml": JUDGES.replace(
        "chart: alder-split", "chart: test-juvenile-slope").replace(
        "stats: [providers-trained]", "stats: [brook-women-share]")})
    result = build(project, Target(places=("Worcester, MA",)))
    assert (f'{at(project, "source/handouts/sample/judges.yaml", "chart:", "test-juvenile")}'
            ': warning: the chart '
            '"test-juvenile-slope" cannot be drawn truthfully for Worcester, MA (its dataset '
            '"juvenile-arrests" has no rows for Worcester, MA, and no other dataset counts '
            'juvenile prostitution arrests there); no chart stands in Fix: add more of '
            "Worcester, MA's data, or choose another chart for this handout"
            ) in [w.format() for w in result.problems.warnings]
    text = text_of(project / "out/worcester-ma/handouts/sample-judges.pdf")
    assert "Juvenile arrests of girls" not in text and "Girls" not in text


@pytest.mark.parametrize(("field", "typed", "message"), [
    ("title: Women were {highlight_share} of arrests",
     "title: Women were {highlight_share} of arrests in Boston",
     'the place "Boston" is typed into the chart\'s title, so a build for another place would '
     "print it Fix: write {jurisdiction} instead: the data fills in the place"),
    ("title: Women were {highlight_share} of arrests",
     "title: Women were {highlight_share} of arrests reported to the FBI",
     'the source "FBI" is typed into the chart\'s title, so data from another source would '
     "print it Fix: write {source} instead: the data fills in the source"),
    ("title: Women were {highlight_share} of arrests",
     "title: Women were {highlight_share} of arrests nationwide",
     'the place "nationwide" is typed into the chart\'s title, so a build for another place '
     "would print it Fix: write {jurisdiction} instead: the data fills in the place"),
])
def test_a_place_or_source_typed_into_a_chart_is_an_error(project: Path, field: str, typed: str,
                                                          message: str) -> None:
    from press.make.check import run_check

    add_agency_export(project)
    charts = project / "source/charts.yaml"  # the sample's charts and the agency's after them
    change(project, {"source/charts.yaml": charts.read_text().replace(field, typed, 1)})
    assert errors_from(lambda: run_check(project)) == [
        f"{at(project, 'source/charts.yaml', typed, typed.split()[-1])}: error: {message}"]


def test_a_chart_must_say_which_place_it_shows(project: Path) -> None:
    from press.make.check import run_check

    change(project, {"source/charts.yaml": CHARTS.replace(
        'subtitle: "{jurisdiction}, {year}; share of {total} arrests"',
        'subtitle: "{year}; share of {total} arrests"')})
    assert errors_from(lambda: run_check(project)) == [
        f'{at(project, "source/charts.yaml", "share of {total} arrests", after="subtitle: ")}'
        ': error: chart "alder-split" does not say which place '
        "it shows Fix: add {jurisdiction} to its title or subtitle, e.g. subtitle: "
        '"{jurisdiction}, {year}"']


def test_a_chart_place_its_dataset_lacks_is_named_with_the_places_it_has(project: Path) -> None:
    from press.make.check import run_check

    change(project, {"source/charts.yaml": CHARTS.replace(
        "jurisdictions: [Alder County]", "jurisdictions: [Worcester, MA]")})
    assert errors_from(lambda: run_check(project)) == [
        f'{at(project, "source/charts.yaml", "jurisdictions: [Worcester, MA]", "Worcester")}'
        ': error: chart "alder-trend": the dataset '
        '"arrests" has no rows for "Worcester". It has "Alder County", "Brook County" '
        "Fix: use one of those places, or add the place's rows to the data"]


def test_handout_words_naming_another_place_stop_a_place_build(project: Path) -> None:
    change(project, {"source/handouts/sample/judges.yaml": JUDGES.replace(
        "Judges can shape", "In Chicago, judges can shape")})
    assert errors_from(lambda: build(project, Target(places=("Alder County",)))) == [
        f'{at(project, "source/handouts/sample/judges.yaml", "In Chicago", "Chicago")}'
        ': error: the handout names "Chicago", but '
        "this build is for Alder County: a reader would take the sentence as this place's "
        "Fix: leave the place out of the handout's own words (statistics and charts name their "
        "place), or build without --jurisdiction"]
    assert not (project / "out").exists()


@pytest.mark.slow
def test_a_study_of_another_place_is_left_out_of_a_place_build(project: Path) -> None:
    result = build(project, Target(places=("Brook County",)))
    where = at(project, "source/handouts/sample/judges.yaml", "stats: [providers", "providers")
    assert (f'{where}: warning: the statistic '
            '"providers-trained" is left out of this handout for Brook County: it is '
            "a figure about Alder County, not Brook County Fix: add a statistic of this "
            "place's data to the handout, or add the place's rows"
            ) in [w.format() for w in result.problems.warnings]
    text = text_of(project / "out/brook-county/handouts/sample-judges.pdf")
    assert "surveyed in Alder County" not in text and "40%" not in text
    assert "Survey of service providers" not in text  # nor its reference


@pytest.mark.slow
def test_every_place_at_once_with_a_line_per_place(project: Path) -> None:
    import subprocess
    import sys

    from press.commands.bench import add_fictional_places

    from .conftest import ROOT

    places = add_fictional_places(project, count=3)
    result = subprocess.run([sys.executable, str(ROOT / "make_report.py"), "build",
                             "--jurisdiction", "all", "--root", str(project)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    done = sorted(line.split("] ", 1)[1].split(":")[0] for line in lines if line.startswith("["))
    assert done == sorted([*places, "Alder County", "Brook County"])
    assert lines[-1].startswith("Built 10 handouts for 5 places in ")
    assert " handouts a second); " in lines[-1] and lines[-1].endswith(".")
    for place in places:
        folder = project / "out" / place.lower().replace(" ", "-")
        assert len(list((folder / "handouts").glob("*.pdf"))) == 2
        assert place in text_of(folder / "handouts" / "sample-judges.pdf")


@pytest.mark.slow
def test_a_place_with_no_letter_or_digit_never_lands_in_out_itself(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Its handouts go into a folder named from a hash of the name; the main build's brief,
    packet and handouts stay; each summary counts the files on disk, as the manifest lists."""
    import hashlib
    import json

    from press.commands import cli

    rows = "".join(f"—,{year},{sex},{count},county-records\n" for year in (2022, 2023)
                   for sex, count in (("female", 5), ("male", 6)))
    root = write_project(tmp_path, {"source/data/arrests.csv": CSV + rows})
    assert cli.main(["build", "--root", str(root)]) == 0
    main_set = {p: p.read_bytes() for p in (root / "out").rglob("*.pdf")}
    assert len(main_set) == 4
    capsys.readouterr()
    assert cli.main(["build", "--jurisdiction", "—", "--root", str(root)]) == 0
    said = capsys.readouterr().out.splitlines()
    assert said[0] == ('source/data/arrests.csv:14:1: note: the place "—" has no letter or digit '
                       "to name its folder, so its handouts go into out/place-bda05058/, named "
                       "from a short hash of the place's name (the same at every build)")
    assert said[-1].startswith("Built 2 PDFs in out/place-bda05058/ (")
    assert {p: p.read_bytes() for p in main_set} == main_set  # the main build untouched
    for folder in (root / "out", root / "out/place-bda05058"):
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        listed = {o["file"]: o["sha256"] for o in manifest["outputs"]}
        on_disk = {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                   for p in folder.rglob("*.pdf") if "place-" not in p.relative_to(folder).parts[0]}
        assert listed == on_disk
    assert cli.main(["build", "--jurisdiction", "all", "--root", str(root)]) == 0
    said = capsys.readouterr().out.splitlines()
    assert any(line.endswith("] —: 2 handouts -> out/place-bda05058/") for line in said)
    assert ('The place "—" has no letter or digit to name its folder: its handouts are in '
            "out/place-bda05058/ (named from a short hash of the place's name, the same at every "
            "build).") in said
    assert said[-1].startswith("Built 6 handouts for 3 places")


@pytest.mark.slow
def test_every_places_warnings_are_said_grouped_by_place(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from press.commands.cli import main

    few = CSV.replace("Brook County,2023,female,50", "Brook County,2023,female,5").replace(
        "Brook County,2023,male,50", "Brook County,2023,male,3")  # a share of 8 arrests
    root = write_project(tmp_path, {"source/data/arrests.csv": few})
    assert main(["build", "--jurisdiction", "all"], root) == 0
    out = capsys.readouterr().out.splitlines()
    sources = out.index("The sources, the same for every place (2 warning(s)):")
    alder = out.index("Alder County (1 warning(s)):")
    brook = next(i for i, line in enumerate(out) if line.startswith("Brook County ("))
    assert sources < alder < brook
    assert out[sources + 1].startswith("source/brand.yaml:5:17: warning: no address is set")
    assert out[sources + 2].startswith('source/stats.yaml:1:3: warning: statistic '
                                       '"brook-women-share": the share is of only 8 arrests')
    # Brook County's own (a page's layout may add its own to the four its data gives)
    count = int(out[brook].removeprefix("Brook County (").split()[0])
    brooks = out[brook + 1:brook + 1 + count]
    assert count >= 4 and all(": warning: " in line for line in brooks)
    assert out[brook + 1 + count] == ""  # the place's warnings, each said, and no more
    assert sum("for Brook County: Few arrests in 2023 (8)" in line for line in brooks) == 2
    assert any('the statistic "providers-trained" is left out of this handout for Brook County'
               in line for line in brooks)
    assert out[-1].endswith(f"; {count + 3} warning(s): 2 in the sources, Brook County {count}, "
                            "Alder County 1.")
