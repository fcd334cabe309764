"""Profiles: print adds bleed and crop marks; grant is archival with its data attached."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from press.core.names import funder_safe
from press.make.build import build


def test_print_profile_has_an_eighth_inch_bleed(project: Path) -> None:
    build(project, profile="print")
    page = PdfReader(project / "out/print/handouts/law-enforcement-judges.pdf").pages[0]
    assert [round(float(v)) for v in page.trimbox] == [0, 0, 612, 792]
    assert [round(float(v)) for v in page.bleedbox] == [-9, -9, 621, 801]  # 0.125 in = 9 pt


def test_grant_profile_is_pdfa_with_its_source_data(project: Path) -> None:
    build(project, profile="grant")
    reader = PdfReader(project / "out/grant/law-enforcement-brief.pdf")
    assert sorted(reader.attachments) == ["arrests-by-sex.csv", "arrests-by-sex.yaml"]
    assert reader.attachments["arrests-by-sex.csv"][0] == (
        project / "source/data/arrests-by-sex.csv").read_bytes()
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    assert b"pdfaid:part" in xmp and b"pdfaid:conformance" in xmp
    for path in (project / "out/grant").rglob("*.pdf"):
        assert funder_safe(path.name), path.name


def test_funder_safe_names() -> None:
    assert funder_safe("law-enforcement-multi-disciplinary-teams.pdf")
    assert not funder_safe("law enforcement brief.pdf")
    assert not funder_safe("x" * 47 + ".pdf")


def test_a4_by_option(project: Path) -> None:
    from .conftest import edit

    edit(project, "source/settings.yaml", "paper: letter", "paper: a4")
    build(project)
    for path in (project / "out").rglob("*.pdf"):
        box = PdfReader(path).pages[0].mediabox
        assert (round(float(box.width)), round(float(box.height))) == (595, 842), path.name
    assert len(PdfReader(project / "out/handouts/law-enforcement-judges.pdf").pages) == 1
