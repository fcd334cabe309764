"""The "Learn more at:" QR code: drawn as vectors only when an address is set, read back
from the rendered pages, the address printed in full beside it."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader

from press.commands.build import build

from .conftest import edit

zxingcpp = pytest.importorskip("zxingcpp", reason="zxing-cpp reads the codes back (make test)")

URL = "https://example.org/life-story/law-enforcement?from=handout"


def _codes(pdf: Path, page: int) -> list[str]:
    image = pdfium.PdfDocument(pdf)[page].render(scale=150 / 72).to_pil()
    return [result.text for result in zxingcpp.read_barcodes(image)]


def test_the_code_reads_back_as_the_address_on_every_handout_and_the_brief(project: Path
                                                                          ) -> None:
    edit(project, "source/brand.yaml", 'learn_more_url: ""', f'learn_more_url: "{URL}"')
    build(project)
    out = project / "out"
    brief = out / "law-enforcement-brief.pdf"
    last = len(PdfReader(brief).pages) - 1
    assert _codes(brief, last) == [URL]
    assert "example.org/life-story/law-enforcement?from=handout" in (
        PdfReader(brief).pages[last].extract_text())
    handouts = sorted((out / "handouts").glob("*.pdf"))
    assert len(handouts) == 8
    for handout in handouts:
        reader = PdfReader(handout)
        assert len(reader.pages) == 1, handout.name  # the code does not push it to a 2nd page
        assert _codes(handout, 0) == [URL], handout.name
        text = reader.pages[0].extract_text()
        assert "Learn more at:" in text and "example.org/life-story/law-enforcement" in text


def test_the_code_is_vector_paths_not_an_image(project: Path) -> None:
    edit(project, "source/brand.yaml", 'learn_more_url: ""', f'learn_more_url: "{URL}"')
    build(project)
    page = PdfReader(project / "out/handouts/law-enforcement-judges.pdf").pages[0]
    resources = page["/Resources"]
    images = [name for name, obj in resources.get("/XObject", {}).items()
              if obj.get_object().get("/Subtype") == "/Image"]
    assert images == []


def test_no_address_no_code(built: Path) -> None:
    for pdf in (built / "out/law-enforcement-brief.pdf",
                built / "out/handouts/law-enforcement-judges.pdf"):
        last = len(PdfReader(pdf).pages) - 1
        assert _codes(pdf, last) == []
        assert "Learn more at" not in PdfReader(pdf).pages[last].extract_text()
