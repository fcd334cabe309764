"""The grayscale proof: every page in gray beside the colour pages, and text that still
reads (4.5:1) once an office laser printer has turned it gray."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from PIL import Image

from press.content.palette import contrast, gray
from press.core.target import Target
from press.make.build import build
from press.pdf.pictures import gray_proofs

from .conftest import errors_from
from .projects import BRAND, replaced, write_project

pytestmark = pytest.mark.slow  # every test here builds, renders or starts processes


def test_every_page_has_a_gray_proof_shown_beside_it(tmp_path: Path) -> None:
    result = build(write_project(tmp_path), Target(grayscale=True))
    out = tmp_path / "out"
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    pages = {o.rel: o.pages for o in result.outputs}
    # the brief, its two handouts, and the packet that holds all three
    assert pages == {"sample-brief.pdf": 3, "handouts/sample-judges.pdf": 1,
                     "handouts/sample-victim-advocates.pdf": 1, "sample-packet.pdf": 5}
    for rel, count in pages.items():
        proofs = manifest["proofs"][rel]
        assert len(proofs) == count
        for path in proofs:
            image = Image.open(out / path)
            assert image.mode == "L"  # one channel: gray
            assert image.width == round(8.5 * 100)
    index = (out / "index.html").read_text(encoding="utf-8")
    assert index.count(', printed in gray"') == len(pages)  # one gray first page each
    assert 'src="proof/sample-judges-page-1.png"' in index


def test_the_gray_arithmetic_is_what_the_gray_rendering_prints() -> None:
    from weasyprint import HTML

    colours = ["#1F1B24", "#5A5560", "#7A1F3D", "#8C8A93", "#9D5673"]
    html = ("<style>@page { size: 1in 5in; margin: 0 } body { margin: 0 } div { height: 1in }"
            "</style>" + "".join(f'<div style="background: {c}"></div>' for c in colours))
    proof = Image.open(io.BytesIO(gray_proofs(HTML(string=html).write_pdf(), dpi=72)[0]))
    for number, colour in enumerate(colours):
        printed = proof.getpixel((36, 36 + 72 * number))
        assert abs(int(printed) - int(gray(colour)[1:3], 16)) <= 2, (colour, printed)


def test_text_that_reads_in_colour_but_not_in_gray_stops_a_gray_build(tmp_path: Path) -> None:
    muted, paper = "#9D5673", "#E2F7D9"
    assert contrast(muted, paper) >= 4.5 > contrast(gray(muted), gray(paper))
    project = write_project(tmp_path, {"source/brand.yaml": replaced(replaced(
        BRAND, 'muted: "#5A5560"', f'muted: "{muted}"'), 'paper: "#FFFFFF"', f'paper: "{paper}"')})
    build(project)  # in colour it passes
    messages = errors_from(lambda: build(project, Target(grayscale=True)))
    assert any(m.startswith("source/brand.yaml:") and "printed in gray, the muted text "
               f"{muted}" in m and "below 4.5:1" in m for m in messages), messages
