"""The "Learn more at:" QR code: drawn as vectors only when an address is set, read back
from the rendered pages, the address printed in full beside it; an address long enough to
shrink its modules under 0.4 mm is a located warning."""

from __future__ import annotations

import re
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader

from press.content.check import QR_PRINTED_IN, qr_module_mm, qr_modules
from press.core.problems import BuildError
from press.core.sizes import QR_IN
from press.core.target import Target
from press.make.build import build
from press.make.check import run_check

from .conftest import ROOT, at
from .projects import BRAND, change, replaced, write_project

pytestmark = pytest.mark.slow  # every test here builds, renders or starts processes

zxingcpp = pytest.importorskip("zxingcpp", reason="zxing-cpp reads the codes back (make test)")

URL = "https://example.org/life-story/law-enforcement?from=handout"
# 120 characters: a version 7 code, 45 modules and 8 of quiet zone across
LONG = ("https://example.org/life-story/law-enforcement/handouts/victim-advocates?from=handout"
        "&utm_source=print&utm_campaign=2027")


def _symbol_in(pdf: Path, page: int) -> float:
    """The printed width of the one code on the page, in inches, quiet zone left out (the
    corners zxing finds), from a 300 dpi rendering."""
    image = pdfium.PdfDocument(pdf)[page].render(scale=300 / 72).to_pil()
    (found,) = zxingcpp.read_barcodes(image)
    return (found.position.top_right.x - found.position.top_left.x) / 300


def with_address(root: Path, address: str) -> Path:
    """The sample project written into `root`, its brand's "Learn more" address `address`."""
    return write_project(root, {"source/brand.yaml": replaced(
        BRAND, 'learn_more_url: ""', f'learn_more_url: "{address}"')})


def _codes(pdf: Path, page: int) -> list[str]:
    image = pdfium.PdfDocument(pdf)[page].render(scale=150 / 72).to_pil()
    return [result.text for result in zxingcpp.read_barcodes(image)]


def test_the_code_reads_back_as_the_address_on_every_handout_and_the_brief(tmp_path: Path
                                                                          ) -> None:
    project = with_address(tmp_path, URL)
    build(project)
    out = project / "out"
    brief = out / "sample-brief.pdf"
    last = len(PdfReader(brief).pages) - 1
    assert _codes(brief, last) == [URL]
    # 41 modules across the printed square, 33 of them the symbol: the module size the
    # press computes is the one printed
    assert qr_modules(URL) == 41
    assert _symbol_in(brief, last) / 33 == pytest.approx(QR_PRINTED_IN["brief"] / 41, rel=0.02)
    judges = out / "handouts/sample-judges.pdf"
    assert _symbol_in(judges, 0) / 33 == pytest.approx(QR_PRINTED_IN["handouts"] / 41,
                                                       rel=0.02)
    assert "example.org/life-story/law-enforcement?from=handout" in (
        PdfReader(brief).pages[last].extract_text())
    handouts = sorted((out / "handouts").glob("*.pdf"))
    assert len(handouts) == 2
    for handout in handouts:
        reader = PdfReader(handout)
        assert len(reader.pages) == 1, handout.name  # the code does not push it to a 2nd page
        assert _codes(handout, 0) == [URL], handout.name
        text = reader.pages[0].extract_text().replace("\n", "")  # (the address may wrap)
        assert "Learn more at:" in text and "example.org/life-story/law-enforcement" in text


def test_the_code_is_vector_paths_not_an_image(tmp_path: Path) -> None:
    project = with_address(tmp_path, URL)
    build(project)
    page = PdfReader(project / "out/handouts/sample-judges.pdf").pages[0]
    resources = page["/Resources"]
    images = [name for name, obj in resources.get("/XObject", {}).items()
              if obj.get_object().get("/Subtype") == "/Image"]
    assert images == []


def test_no_address_no_code(sample_built: Path) -> None:
    for pdf in (sample_built / "out/sample-brief.pdf",
                sample_built / "out/handouts/sample-judges.pdf"):
        last = len(PdfReader(pdf).pages) - 1
        assert _codes(pdf, last) == []
        assert "Learn more at" not in PdfReader(pdf).pages[last].extract_text()


def test_the_module_size_is_the_printed_width_over_every_module_across() -> None:
    # the printed square holds the symbol and its quiet zone: 0.78 in / 41 modules
    assert qr_module_mm(URL, 0.78) == pytest.approx(0.78 * 25.4 / 41)
    assert round(qr_module_mm(URL, 0.78), 3) == 0.483
    assert round(qr_module_mm(URL, 1.0), 3) == 0.62
    assert qr_modules(LONG) == 53 and round(qr_module_mm(LONG, 0.78), 3) == 0.374
    # the widths the layouts print the code at are the ones the press computes with (one
    # statement, press/core/sizes.py, written into base.html's --qr-size)
    for kind, where in (("handout", "handouts"), ("brief", "brief")):
        css = (ROOT / "layouts/css" / f"{kind}.css").read_text(encoding="utf-8")
        assert re.search(r"svg\.qr \{[^}]*\bwidth: var\(--qr-size\)", css), kind
        assert QR_IN[kind] == QR_PRINTED_IN[where]


def test_a_long_address_is_a_located_warning_and_strict_stops_on_it(tmp_path: Path) -> None:
    project = with_address(tmp_path, LONG)
    where = at(project, "source/brand.yaml", "learn_more_url", '"')  # the value
    said = (f"{where}: warning: the address makes a QR code 53 modules across (its quiet zone "
            "included), so each module prints 0.37 mm on the handouts (0.78 in across): under "
            "the 0.4 mm a phone's camera reads reliably Fix: use a shorter address, 106 "
            "characters or fewer (this one has 120): a short link that redirects to the page")
    assert said in [p.format() for p in run_check(project).problems.warnings]
    with pytest.raises(BuildError) as caught:
        run_check(project, Target(strict=True))
    assert caught.value.stage == "strict"
    assert said.replace(": warning: ", ": error: ") in [p.format() for p in caught.value.problems]
    change(project, {"source/brand.yaml": (project / "source/brand.yaml").read_text(
        encoding="utf-8").replace(LONG, URL)})  # the fix: a shorter address
    assert not [p for p in run_check(project).problems.items if "QR code" in p.message]
