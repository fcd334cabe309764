"""Profiles: print adds bleed and crop marks; grant is archival with its data attached."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from press.core.names import funder_safe
from press.core.target import Target
from press.make.build import build

from .projects import DATASET, SETTINGS, change, write_project


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The small sample project (tests/projects.py)."""
    return write_project(tmp_path / "project")


@pytest.mark.slow
def test_print_profile_has_an_eighth_inch_bleed(project: Path) -> None:
    build(project, Target(profile="print"))
    page = PdfReader(project / "out/print/handouts/sample-judges.pdf").pages[0]
    assert [round(float(v)) for v in page.trimbox] == [0, 0, 612, 792]
    assert [round(float(v)) for v in page.bleedbox] == [-9, -9, 621, 801]  # 0.125 in = 9 pt


@pytest.mark.slow
def test_grant_profile_is_pdfa_with_its_source_data(project: Path) -> None:
    change(project, {"source/data/arrests.yaml":
                            "# yaml-language-server: $schema=../../dataset.schema.json\n" + DATASET})
    build(project, Target(profile="grant"))
    reader = PdfReader(project / "out/grant/sample-brief.pdf")
    assert sorted(reader.attachments) == ["arrests.yaml", "sample-brief-arrests-counts.csv"]
    descriptor = reader.attachments["arrests.yaml"][0].decode()  # as the press read it
    assert descriptor.startswith("# source/data/arrests.yaml, as the press read it: ")
    assert "yaml-language-server" not in descriptor  # no comment of the file's own
    assert "measure: arrests\n" in descriptor
    counts = reader.attachments["sample-brief-arrests-counts.csv"][0]
    assert counts.decode("utf-8-sig").startswith("place,year,group,count\r\n")
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    assert b"pdfaid:part" in xmp and b"pdfaid:conformance" in xmp
    for path in (project / "out/grant").rglob("*.pdf"):
        assert funder_safe(path.name), path.name


def test_funder_safe_names() -> None:
    assert funder_safe("law-enforcement-multi-disciplinary-teams.pdf")
    assert not funder_safe("law enforcement brief.pdf")
    assert not funder_safe("x" * 47 + ".pdf")


@pytest.mark.slow
def test_a4_by_option(project: Path) -> None:
    change(project, {"source/settings.yaml": SETTINGS.replace("paper: letter", "paper: a4")})
    build(project)
    for path in (project / "out").rglob("*.pdf"):
        box = PdfReader(path).pages[0].mediabox
        assert (round(float(box.width)), round(float(box.height))) == (595, 842), path.name
    assert len(PdfReader(project / "out/handouts/sample-judges.pdf").pages) == 1


@pytest.mark.slow
def test_a_grant_pdf_attaches_only_the_counts_it_prints(tmp_path: Path) -> None:
    """Read back from every grant PDF: the counts of its own figures and their descriptors,
    as its manifest says; no arrestee's name, birth date or sealed record of the export; a
    packet carries what its parts carry."""
    import json

    from .test_attach import PRIVATE, grant_project

    root = grant_project(tmp_path)
    build(root, Target(profile="grant"))
    manifest = json.loads((root / "out/grant/manifest.json").read_text(encoding="utf-8"))
    said = {o["file"]: o["attachments"] for o in manifest["outputs"]}
    assert said["handouts/sample-judges.pdf"] == [
        "sample-judges-incidents-counts.csv", "incidents.yaml",
        "sample-judges-arrests-counts.csv", "arrests.yaml"]
    assert sorted(said["sample-packet.pdf"]) == sorted(
        {name for file, names in said.items() if file != "sample-packet.pdf" for name in names})
    for file, names in said.items():
        attached = PdfReader(root / "out/grant" / file).attachments
        assert sorted(attached) == sorted(names), file
        for name, [data] in attached.items():
            text = data.decode("utf-8-sig")
            assert not [word for word in PRIVATE if word in text], (file, name)
    judges = PdfReader(root / "out/grant/handouts/sample-judges.pdf").attachments
    assert judges["sample-judges-incidents-counts.csv"][0].decode("utf-8-sig") == (
        "place,year,group,count\r\nAlder County,2023,female,2\r\nAlder County,2023,male,1\r\n")
