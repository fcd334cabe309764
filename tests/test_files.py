"""The border: nothing outside the project is read, nothing not chosen is attached."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pypdf import PdfReader

from press.core.target import Target
from press.make.build import build
from press.make.check import run_check
from press.source.load import load_project

from .conftest import edit, errors_from
from .projects import DATASET, write_project

SECRET = "TOP-SECRET-LINE do not print me"


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder beside the project, holding files that must never reach a PDF or message."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    return folder


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The small sample project (tests/projects.py), written for the test to break."""
    return write_project(tmp_path / "project")


def errors(root: Path) -> list[str]:
    return errors_from(lambda: run_check(root))


def test_a_csv_linked_from_outside_is_refused_unread(project: Path, outside: Path) -> None:
    (outside / "secret.csv").write_text(f"jurisdiction,year,sex,arrests,source\n{SECRET}\n")
    write_project(project, {"source/data/arrests.yaml": DATASET.replace(
        "path: arrests.csv", "path: [arrests.csv, linked.csv]")})
    os.symlink(outside / "secret.csv", project / "source/data/linked.csv")
    found = errors(project)
    assert found == [
        "source/data/linked.csv: error: this is a link to a file outside the project folder; "
        "the press reads only files inside it Fix: copy the file into the project instead of "
        "linking to it"]
    assert SECRET not in "".join(found)


def test_a_yaml_file_linked_from_outside_is_refused_unread(project: Path, outside: Path) -> None:
    (outside / "judges.yaml").write_text(f"audience: {SECRET}\n  broken: [\n")
    target = project / "source/handouts/sample/judges.yaml"
    target.unlink()
    os.symlink(outside / "judges.yaml", target)
    found = errors(project)
    assert [m.split(": error: ")[0] for m in found] == [
        "source/handouts/sample/judges.yaml"]
    assert SECRET not in "".join(found) and "broken" not in "".join(found)


def test_a_link_inside_the_project_is_read(project: Path) -> None:
    data = project / "source/data"
    (data / "arrests.csv").rename(project / "arrests-kept-elsewhere.csv")
    os.symlink(project / "arrests-kept-elsewhere.csv", data / "arrests.csv")
    assert run_check(project).project.tables["arrests"].rows


@pytest.mark.slow
def test_a_template_including_an_outside_file_stops_the_build(project: Path, outside: Path) -> None:
    (outside / "footer.html").write_text(f"<p>{SECRET}</p>")
    os.symlink(outside / "footer.html", project / "layouts/footer.html")
    edit(project, "layouts/brief.html", "{% block body %}", '{% block body %}{% include "footer.html" %}')
    messages = errors_from(lambda: build(project))
    assert any("layouts/footer.html: this is a link to a file outside the project folder" in m
               for m in messages), messages
    assert SECRET not in "".join(messages)
    assert not (project / "out").exists()


def test_a_font_linked_from_outside_is_refused(project: Path, outside: Path) -> None:
    fonts = project / "layouts/fonts"
    (fonts / "SourceSans3-Bold.ttf").rename(outside / "SourceSans3-Bold.ttf")
    os.symlink(outside / "SourceSans3-Bold.ttf", fonts / "SourceSans3-Bold.ttf")
    brand = (project / "source/brand.yaml").read_text().splitlines()
    line = next(n for n, text in enumerate(brand, 1) if "SourceSans3-Bold.ttf" in text)
    assert errors(project) == [
        f"source/brand.yaml:{line}:38: error: layouts/fonts/SourceSans3-Bold.ttf: this is a link to a "
        "file outside the project folder; the press reads only files inside it Fix: copy the "
        "file into the project instead of linking to it"]


def test_a_word_list_linked_from_outside_is_refused(project: Path, outside: Path) -> None:
    (outside / "words.txt").write_text(SECRET)
    (project / "source/words.txt").unlink()
    os.symlink(outside / "words.txt", project / "source/words.txt")
    found = errors(project)
    assert found == ["source/words.txt: error: this is a link to a file outside the project "
                     "folder; the press reads only files inside it Fix: copy the file into the "
                     "project instead of linking to it"]


def test_a_csv_no_descriptor_names_is_a_warning(project: Path) -> None:
    (project / "source/data/stray.csv").write_text("a,b\n1,2\n")
    _, problems = load_project(project)
    assert [p.format() for p in problems.warnings] == [
        "source/data/stray.csv: warning: no descriptor in source/data/ names this file, so it is "
        "not used (and never attached to a PDF) Fix: describe it in a .yaml file beside it (see "
        "\"Bringing in a new table\" in the user guide, docs/tables.md), or delete it"]


@pytest.mark.slow
def test_grant_pdfs_attach_only_the_data_they_print(project: Path, outside: Path) -> None:
    (project / "source/data/stray.csv").write_text("a,b\n1,2\n")
    (outside / "secret.csv").write_text(SECRET)
    os.symlink(outside / "secret.csv", project / "source/data/secret-link.csv")
    (project / "source/data/unused.csv").write_text("year,girls\n2010,1\n")
    (project / "source/data/unused.yaml").write_text(
        "title: Unused\npath: unused.csv\ndescription: Used by nothing.\nlayout: wide\n"
        "measure: arrests\ncolumns: { year: year }\nwide_columns: { girls: girls }\n"
        "constants: { jurisdiction: Texas, source: county-records }\ngroups: { girls: { label: Girls } }\n")
    result = build(project, Target(profile="grant"))
    grant = project / "out/grant"
    pdfs = sorted(grant.rglob("*.pdf"))
    assert len(pdfs) >= 3  # the brief and the two handouts
    for path in pdfs:
        attached = sorted(PdfReader(path).attachments)  # the counts it prints, no raw CSV
        assert attached[0] == "arrests.yaml", (path, attached)
        assert all(a.endswith("-arrests-counts.csv") for a in attached[1:]), attached
        assert SECRET.encode() not in path.read_bytes()
    records = {r["file"]: r for r in __import__("json").loads(
        (grant / "manifest.json").read_text())["outputs"]}
    assert records["sample-brief.pdf"]["attachments"] == [
        "sample-brief-arrests-counts.csv", "arrests.yaml"]
    assert any(w.file == "source/data/secret-link.csv" for w in result.problems.warnings)
