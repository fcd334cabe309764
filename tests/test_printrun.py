"""A training's print run, read back as a print shop would: sheet sizes, the order of the
sheets, copy counts, marks outside the trim, the booklet's page order, the order summary."""

from __future__ import annotations

import ctypes
import io
import itertools
import json
import re
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from pypdf import PdfReader, PdfWriter

from press.commands.cli import main
from press.content.rule_files import training_errors
from press.make.printrun import copies_for, handout_copies, print_training
from press.pdf.impose import SHEETS, booklet_order, impose, padded
from press.source.load import load_project
from press.source.schema import Training

from .conftest import at, errors_from
from .projects import QUOTES, SETTINGS, change, longer_brief, more_audiences, write_project
from .second_chapter import add_second_chapter


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The small sample project (tests/projects.py): chapter sample, judges and victim
    advocates; a test adds the audiences and the training it prints."""
    return write_project(tmp_path / "project")

TRAINING = """title: Held-out training, mixed counts
date: 2027-05-06
chapter: {chapter}
attendees:
{attendees}
briefs: {briefs}
overage_percent: {overage}
imposition: {imposition}
color: grayscale
"""


def _training(root: Path, name: str, attendees: dict[str, int], briefs: int = 0,
              overage: int = 0, imposition: str = "2-up", chapter: str = "sample",
              extra: str = "") -> None:
    folder = root / "source" / "trainings"
    folder.mkdir(parents=True, exist_ok=True)
    lines = "\n".join(f"  {audience}: {count}" for audience, count in attendees.items())
    (folder / f"{name}.yaml").write_text(TRAINING.format(
        chapter=chapter, attendees=lines, briefs=briefs, overage=overage,
        imposition=imposition) + extra, encoding="utf-8")


def _texts(pdf: Path) -> list[str]:
    document = pdfium.PdfDocument(pdf)
    return [document[i].get_textpage().get_text_range() for i in range(len(document))]


def _halves(pdf: Path) -> list[tuple[str, str]]:
    """The text of the left and the right half of each sheet."""
    document = pdfium.PdfDocument(pdf)
    found = []
    for index in range(len(document)):
        page = document[index]
        width, height = page.get_size()
        text = page.get_textpage()
        found.append((text.get_text_bounded(0, 0, width / 2, height),
                      text.get_text_bounded(width / 2, 0, width, height)))
    return found


COVER = "Patience from one person can open a door later."  # the sample brief's cover lede
FIVE_PAGES, FOUR_PAGES = 40, 22  # paragraphs the sample brief needs to run to 5, or 4, pages

Box = tuple[float, float, float, float]  # left, bottom, right, top, in points
EDGE = 9.0  # 0.125 in: no mark nearer a sheet's edge


def _trims(width: float, height: float) -> list[Box]:
    """The trim boxes of a 2-up sheet: two Letter pages centred, 0.25 in apart."""
    left, bottom = (width - 2 * 612 - 18) / 2, (height - 792) / 2
    return [(left, bottom, left + 612, bottom + 792),
            (left + 630, bottom, left + 1242, bottom + 792)]


def _marks(pdf: Path) -> list[tuple[float, float, list[Box]]]:
    """Each sheet's size and the box painted by each line drawn on the sheet itself (not in
    a placed page): the crop marks, read back by pdfium, stroke width included."""
    document = pdfium.PdfDocument(pdf)
    sheets = []
    for index in range(len(document)):
        page = document[index]
        boxes: list[Box] = []
        for obj in page.get_objects(max_depth=1):
            if obj.type != pdfium_c.FPDF_PAGEOBJ_PATH:
                continue
            width = ctypes.c_float()
            assert pdfium_c.FPDFPageObj_GetStrokeWidth(obj.raw, width)
            a, b, c, d, e, f = obj.get_matrix().get()
            points = []
            for number in range(pdfium_c.FPDFPath_CountSegments(obj.raw)):
                segment = pdfium_c.FPDFPath_GetPathSegment(obj.raw, number)
                x, y = ctypes.c_float(), ctypes.c_float()
                assert pdfium_c.FPDFPathSegment_GetPoint(segment, x, y)
                kind = pdfium_c.FPDFPathSegment_GetType(segment)
                points.append((kind, a * x.value + c * y.value + e,
                               b * x.value + d * y.value + f))
            for (_, x1, y1), (kind, x2, y2) in itertools.pairwise(points):
                if kind != pdfium_c.FPDF_SEGMENT_LINETO:
                    continue
                half = width.value / 2 * abs(a)  # butt caps: the width is across the line
                assert x1 == x2 or y1 == y2, (x1, y1, x2, y2)  # marks are upright or level
                across = (half, 0.0) if x1 == x2 else (0.0, half)
                boxes.append((min(x1, x2) - across[0], min(y1, y2) - across[1],
                              max(x1, x2) + across[0], max(y1, y2) + across[1]))
        sheets.append((*page.get_size(), boxes))
    return sheets


def _gap(a: Box, b: Box) -> float:
    """How far apart two boxes are (negative: they overlap)."""
    return max(b[0] - a[2], a[0] - b[2], b[1] - a[3], a[1] - b[3])


def _assert_marks_clear(pdf: Path) -> float:
    """Every mark at least 0.125 in from every edge of its sheet and outside both pages'
    bleeds; returns the nearest any mark comes to a sheet's edge, in points."""
    nearest = float("inf")
    for width, height, boxes in _marks(pdf):
        assert boxes, "a 2-up sheet with bleed has crop marks"
        bleeds = [(left - 9, bottom - 9, right + 9, top + 9)
                  for left, bottom, right, top in _trims(width, height)]
        for box in boxes:
            nearest = min(nearest, box[0], box[1], width - box[2], height - box[3])
            for bleed in bleeds:
                assert _gap(box, bleed) > 2, (box, bleed)
    assert nearest >= EDGE - 1e-3, nearest
    return nearest


def _slip_reads_in_each_trim(pdf: Path, index: int, audience: str, trims: list[Box]) -> None:
    """The slip sheet `index` says its audience and count in each trim, and no character of
    it lies across a cut: each half of the cut reads whole."""
    page = pdfium.PdfDocument(pdf)[index]
    text = page.get_textpage()
    for trim in trims:
        words = " ".join(text.get_text_bounded(*trim).split())
        assert audience in words.lower(), words
        assert re.search(r"(?<!\d)1 copy of the handout follows|\d+ copies of the handout "
                         r"follow", words) and "1 copies" not in words, words
    for number in range(text.count_chars()):
        if not text.get_text_range(number, 1).strip():
            continue
        left, bottom, right, top = text.get_charbox(number)
        assert any(t[0] <= left and right <= t[2] and t[1] <= bottom and top <= t[3]
                   for t in trims), (text.get_text_range(number, 1), left, right)


def _audience(text: str) -> str:
    found = re.search(r"For ([a-z -]+?)\s*(?:\n|$)", text, re.IGNORECASE)
    return found.group(1).strip().lower() if found else ""


def test_copies_round_the_overage_up() -> None:
    assert copies_for(10, 10) == 11
    assert copies_for(12, 10) == 14  # 13.2
    assert copies_for(3, 0) == 3
    assert copies_for(0, 50) == 0


def test_fill_last_sheet_rounds_each_audience_up_to_whole_sheets() -> None:
    def training(**settings: object) -> Training:
        return Training.model_validate({"title": "T", "date": "2027-05-06", "chapter": "c",
                                        "attendees": {"a": 1}, **settings})

    two_up, one_up = SHEETS["2-up"](), SHEETS["1-up"]()
    filling = training(fill_last_sheet=True, overage_percent=0)
    assert [handout_copies(n, filling, two_up) for n in (13, 12, 1)] == [(14, 1), (12, 0), (2, 1)]
    assert handout_copies(13, filling, one_up) == (13, 0)
    assert handout_copies(13, training(overage_percent=0), two_up) == (13, 0)  # by default
    # the overage first (3 people + 10% = 4 copies: a whole sheet), then the fill
    assert handout_copies(3, training(fill_last_sheet=True), two_up) == (4, 0)
    assert handout_copies(12, training(fill_last_sheet=True), two_up) == (14, 0)  # 13.2 -> 14
    assert handout_copies(10, training(fill_last_sheet=True), two_up) == (12, 1)  # 11 -> 12


def test_booklet_sides_in_reader_order() -> None:
    assert booklet_order(8) == [(8, 1), (2, 7), (6, 3), (4, 5)]
    assert booklet_order(4) == [(4, 1), (2, 3)]
    assert [padded(n) for n in (4, 5, 6, 7, 8)] == [0, 3, 2, 1, 0]
    with pytest.raises(ValueError):
        booklet_order(6)


def test_every_sheet_with_marks_keeps_them_clear_of_its_edges(tmp_path: Path) -> None:
    """Imposed from a blank Letter page (no build): each sheet's marks read back."""
    writer = PdfWriter()
    writer.add_blank_page(612, 792)
    buffer = io.BytesIO()
    writer.write(buffer)
    page = PdfReader(io.BytesIO(buffer.getvalue())).pages[0]
    marked = [name for name, sheet in SHEETS.items() if sheet().marks]
    assert marked == ["2-up", "2-up-13x19"]
    for name in marked:
        sheet = SHEETS[name]()
        pdf = tmp_path / f"{name}.pdf"
        pdf.write_bytes(impose([(sheet, [(page, 0)])], name, "en-US"))
        assert _assert_marks_clear(pdf) >= EDGE


@pytest.mark.slow
def test_two_up_sheets_collated_by_audience_with_slips_and_marks(project: Path) -> None:
    change(project, more_audiences("Police officers", "Defense attorneys"))
    _training(project, "mixed", {"judges": 3, "victim-advocates": 13, "police-officers": 0,
                                 "defense-attorneys": 1}, overage=0)
    run = print_training(project, "mixed")
    pdf = run.folder / "mixed-handouts.pdf"
    reader = PdfReader(pdf)
    # 12 x 18 in, landscape: slip + 2 sheets (judges 3), slip + 7 (advocates 13), slip + 1
    assert len(reader.pages) == 1 + 2 + 1 + 7 + 1 + 1
    for page in reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (
            1296, 864)
    texts = _texts(pdf)
    sheets = [("slip", "judges"), *[("sheet", "judges")] * 2, ("slip", "victim advocates"),
              *[("sheet", "victim advocates")] * 7, ("slip", "defense attorneys"),
              ("sheet", "defense attorneys")]
    halves = _halves(pdf)
    copies: dict[str, int] = {}
    for index, ((kind, audience), (left, right)) in enumerate(zip(sheets, halves, strict=True)):
        if kind == "slip":
            _slip_reads_in_each_trim(pdf, index, audience, _trims(1296, 864))
            continue
        for half in (left, right):
            if half.strip():
                assert _audience(half) == audience, half[:200]
                copies[audience] = copies.get(audience, 0) + 1
    assert copies == {"judges": 3, "victim advocates": 13, "defense attorneys": 1}
    assert "3 copies of the handout follow" in texts[0].replace("\r\n", " ")
    # marks: on every sheet, slip sheets too, outside both pages' bleeds and 0.125 in or more
    # from every edge of the sheet (12 x 18 in leaves 0.375 in beside the pages: the marks
    # at the sides are 6 pt long, ending 9 pt from the edge)
    assert _assert_marks_clear(pdf) == pytest.approx(EDGE)
    # 4 upright a page, 2 at each outer side; a sheet the last copy half fills is cut in the
    # same stack, so it has them all
    assert [len(boxes) for _, _, boxes in _marks(pdf)] == [12] * len(reader.pages)
    content = reader.pages[1].get_contents()
    assert content is not None
    ops = content.get_data().decode("latin-1")
    assert "/All CS" in ops  # registration colour: the marks print on every plate


@pytest.mark.slow
def test_thirteen_by_nineteen_has_room_for_full_marks(project: Path) -> None:
    _training(project, "oversize", {"judges": 3}, imposition="2-up-13x19")
    run = print_training(project, "oversize")
    pdf = run.folder / "oversize-handouts.pdf"
    sizes = {(round(width), round(height)) for width, height, _ in _marks(pdf)}
    assert sizes == {(1368, 936)}  # 19 x 13 in, landscape
    # 0.875 in beside the pages and 1 in above and below: every mark 12 pt long, 3 pt past
    # the bleed, so the nearest ends 63 - 9 - 3 - 12 = 39 pt from the sheet's edge
    assert _assert_marks_clear(pdf) == pytest.approx(39.0)
    for _, _, boxes in _marks(pdf):
        assert {round(max(b[2] - b[0], b[3] - b[1])) for b in boxes} == {12}
    _slip_reads_in_each_trim(pdf, 0, "judges", _trims(1368, 936))
    halves = _halves(pdf)
    assert [bool(left.strip()) + bool(right.strip()) for left, right in halves[1:]] == [2, 1]
    order = (run.folder / "oversize-order.txt").read_text(encoding="utf-8")
    assert "Paper: 13 x 19 in sheets" in order and "trim each sheet" in order
    assert "13 x 19 in sheets" in PdfReader(run.folder / "oversize-order.pdf").pages[0].extract_text()


@pytest.mark.slow
def test_fill_last_sheet_leaves_no_sheet_half_empty_and_the_order_says_so(project: Path
                                                                          ) -> None:
    change(project, more_audiences("Defense attorneys"))
    _training(project, "full", {"judges": 3, "victim-advocates": 13, "defense-attorneys": 2},
              extra="fill_last_sheet: true\n")
    run = print_training(project, "full")
    pdf = run.folder / "full-handouts.pdf"
    halves = _halves(pdf)
    assert len(halves) == 1 + 2 + 1 + 7 + 1 + 1
    slips = (0, 3, 11)
    assert all(left.strip() and right.strip() for left, right in halves)  # every sheet full
    assert [_audience(half) for index, pair in enumerate(halves) if index not in slips
            for half in pair].count("judges") == 4
    assert "4 copies of the handout follow" in " ".join(_texts(pdf)[0].split())
    assert "14 copies of the handout follow" in " ".join(_texts(pdf)[3].split())
    order = (run.folder / "full-order.txt").read_text(encoding="utf-8")
    assert re.search(r"Handout for judges\s+3\s+4\s+1\s+2\n", order)
    assert re.search(r"Handout for victim advocates\s+13\s+14\s+1\s+7\n", order)
    assert re.search(r"Handout for defense attorneys\s+2\s+2\s+1\s+1\n", order)
    said = ("Each audience's copies are rounded up to fill its last sheet (fill_last_sheet), "
            "adding 2 copies: judges 3 to 4, victim advocates 13 to 14.")
    assert said in " ".join(order.split())
    pdf_text = " ".join(PdfReader(run.folder / "full-order.pdf").pages[0].extract_text().split())
    assert "rounded up to fill its last sheet" in pdf_text and "advocates 13 to 14" in pdf_text


def test_fill_last_sheet_on_one_up_is_a_located_warning(project: Path) -> None:
    _training(project, "office", {"judges": 3}, imposition="1-up",
              extra="fill_last_sheet: true\n")
    _training(project, "bad", {"judges": 3}, extra="fill_last_sheet: maybe\n")
    loaded, _ = load_project(project)
    found = [p.format() for p in training_errors(loaded, "office")]
    where = at(project, "source/trainings/office.yaml", "fill_last_sheet", "true")
    assert found == [f"{where}: warning: fill_last_sheet changes nothing with imposition "
                     "1-up: every sheet holds one page, so no sheet is left half empty Fix: "
                     "remove fill_last_sheet, or choose a 2-up imposition"]
    wrong = [p.format() for p in training_errors(loaded, "bad") if p.severity == "error"]
    assert len(wrong) == 1 and wrong[0].startswith(
        at(project, "source/trainings/bad.yaml", "fill_last_sheet", "maybe")), wrong


@pytest.mark.slow
def test_text_stays_text_and_fonts_stay_embedded(project: Path) -> None:
    _training(project, "fonts", {"judges": 2})
    run = print_training(project, "fonts")
    reader = PdfReader(run.folder / "fonts-handouts.pdf")
    fonts = set()
    for page in reader.pages:
        for form in page["/Resources"]["/XObject"].values():
            for font in form.get_object()["/Resources"].get("/Font", {}).values():
                font = font.get_object()
                descriptor = (font["/DescendantFonts"][0].get_object()
                              if "/DescendantFonts" in font else font)["/FontDescriptor"]
                assert "/FontFile2" in descriptor or "/FontFile3" in descriptor
                fonts.add(str(font["/BaseFont"]))
    assert any("Source-Sans-3" in f for f in fonts), fonts
    assert "From the bench" in reader.pages[1].extract_text()


@pytest.mark.slow
def test_the_brief_as_a_booklet_in_reader_order(project: Path) -> None:
    change(project, {"source/briefs/sample.yaml": longer_brief(FIVE_PAGES)})
    _training(project, "booklet", {"judges": 1}, briefs=4, overage=25)
    run = print_training(project, "booklet")
    pdf = run.folder / "booklet-brief-booklet.pdf"
    reader = PdfReader(pdf)
    assert [(round(float(p.mediabox.width)), round(float(p.mediabox.height)))
            for p in reader.pages] == [(1224, 792)] * 4  # 8 pages: 2 sheets, both sides

    def reader_page(text: str) -> str:
        if "intentionally left blank" in text:
            return "blank"
        if "Sharing the voices" in text and COVER not in text:
            return "back"  # the outside back cover: the series' name and tagline
        number = re.search(r"Page (\d) of 5", text)
        return number.group(1) if number else ("1" if COVER in text else "?")

    sides = [(reader_page(left), reader_page(right)) for left, right in _halves(pdf)]
    # the five pages cannot be set on four: reader pages 1-5, then two blanks and a back
    # cover at the end (never a blank spread inside): 8 1 / 2 7 / 6 3 / 4 5
    assert sides == [("back", "1"), ("2", "blank"), ("blank", "3"), ("4", "5")]
    order = (run.folder / "booklet-order.txt").read_text(encoding="utf-8")
    assert re.search(r"Brief \(booklet\)\s+4\s+5\s+8\s+10", order)  # 4 asked +25% = 5 copies
    assert "double-sided, flip on the short edge" in order
    assert "grayscale" in order


@pytest.mark.slow
def test_a_brief_of_four_pages_is_a_booklet_with_a_bare_back(project: Path) -> None:
    """A brief that fills four pages folds from one sheet, with no blank page, and its last
    page is the booklet's back: no running head, no page number."""
    change(project, {"source/briefs/sample.yaml": longer_brief(FOUR_PAGES)})
    _training(project, "booklet", {"judges": 1}, briefs=2)
    run = print_training(project, "booklet")
    pdf = run.folder / "booklet-brief-booklet.pdf"
    halves = _halves(pdf)
    assert len(halves) == 2 and not any("intentionally left blank" in side
                                         for pair in halves for side in pair)
    back, front = halves[0]
    assert COVER in front and "about this project" in back.lower()
    assert "Page 4 of 4" not in back and "SAMPLE" not in back.split("References")[0]
    assert "Page 2 of 4" in halves[1][0]


@pytest.mark.slow
def test_one_up_and_eleven_by_seventeen(project: Path) -> None:
    _training(project, "office", {"judges": 3, "victim-advocates": 2}, imposition="1-up")
    pdf = print_training(project, "office").folder / "office-handouts.pdf"
    reader = PdfReader(pdf)
    assert len(reader.pages) == 1 + 3 + 1 + 2
    assert {(round(float(p.mediabox.width)), round(float(p.mediabox.height)))
            for p in reader.pages} == {(612, 792)}
    _slip_reads_in_each_trim(pdf, 4, "victim advocates", [(0, 0, 612, 792)])
    _training(project, "tabloid", {"judges": 4}, imposition="2-up-11x17")
    pdf = print_training(project, "tabloid").folder / "tabloid-handouts.pdf"
    reader = PdfReader(pdf)
    assert len(reader.pages) == 1 + 2
    _slip_reads_in_each_trim(pdf, 0, "judges", [(0, 0, 612, 792), (612, 0, 1224, 792)])
    content = reader.pages[1].get_contents()
    assert content is not None and " l" not in content.get_data().decode("latin-1")  # no marks


@pytest.mark.slow
def test_the_order_summary_counts(project: Path) -> None:
    _training(project, "counts", {"victim-advocates": 40, "judges": 3}, briefs=2, overage=10)
    run = print_training(project, "counts")
    order = (run.folder / "counts-order.txt").read_text(encoding="utf-8")
    assert re.search(r"Handout for victim advocates\s+40\s+44\s+1\s+22", order)
    assert re.search(r"Handout for judges\s+3\s+4\s+1\s+2", order)
    assert re.search(r"Slip sheets\s+2", order)
    assert re.search(r"Total\s+48\s+26", order)
    pdf_text = PdfReader(run.folder / "counts-order.pdf").pages[0].extract_text()
    assert "12 x 18 in sheets" in pdf_text and "44" in pdf_text
    headers = [cell for cell in structure(PdfReader(run.folder / "counts-order.pdf"))
               if cell.get("/S") == "/TH"]  # each says it heads its column (PDF/UA 7.5)
    assert len(headers) == 10 and all(c["/A"]["/Scope"] == "/Column" for c in headers)
    manifest = (run.folder / "manifest.json").read_text(encoding="utf-8")
    assert "counts-handouts.pdf" in manifest and "quotes" in manifest
    assert (run.folder / "index.html").is_file()


@pytest.mark.slow
def test_a_place_training_prints_the_place_handouts_and_the_whole_brief(project: Path) -> None:
    _training(project, "place", {"judges": 2}, briefs=1,
              extra="jurisdiction: Brook County\n")
    run = print_training(project, "place")
    text = _texts(run.folder / "place-handouts.pdf")[1]
    assert "BROOK COUNTY" in text.upper()
    assert (run.folder / "place-brief-booklet.pdf").is_file()


@pytest.mark.slow
def test_a_second_chapter_prints_too(project: Path) -> None:
    add_second_chapter(project)
    _training(project, "housing", {"landlords": 2, "housing-advocates": 1}, chapter="housing")
    run = print_training(project, "housing")
    texts = _texts(run.folder / "housing-handouts.pdf")
    assert len(texts) == 1 + 1 + 1 + 1
    assert "HOUSING" in texts[1].upper()


def test_bad_trainings_are_located_errors(project: Path) -> None:
    _training(project, "typo", {"judgs": 2})
    messages = errors_from(lambda: print_training(project, "typo"))
    assert any("source/trainings/typo.yaml:5:" in m and 'no handout "judgs"' in m
               and "judges" in m for m in messages), messages
    (project / "source/trainings/typo.yaml").unlink()
    messages = errors_from(lambda: print_training(project, "nope"))
    assert any('there is no training "nope"' in m for m in messages), messages
    _training(project, "handouts", {"judges": 1})
    messages = errors_from(lambda: print_training(project, "handouts"))
    assert any("is taken by a folder of out/print/" in m for m in messages), messages


@pytest.mark.slow
def test_the_command_prints_and_exits_2_on_a_bad_file(project: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    _training(project, "cli", {"judges": 2})
    assert main(["print", "cli"], root=project) == 0
    assert "out/print/cli/cli-handouts.pdf" in capsys.readouterr().out
    before = (project / "out/print/cli/cli-handouts.pdf").read_bytes()
    (project / "source/trainings/cli.yaml").write_text("title: [\n", encoding="utf-8")
    assert main(["print", "cli"], root=project) == 2
    assert "source/trainings/cli.yaml" in capsys.readouterr().err
    assert (project / "out/print/cli/cli-handouts.pdf").read_bytes() == before


@pytest.mark.slow
def test_an_expired_consent_withdraws_the_print_run_that_carries_it(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import datetime as dt

    _training(project, "consent", {"judges": 2, "victim-advocates": 1}, briefs=1)
    print_training(project, "consent", dt.date(2026, 11, 28))
    folder = project / "out/print/consent"
    expiring = QUOTES.replace("    given: 2026-10-01\n",
                              "    given: 2026-10-01\n    expires: 2026-12-31\n")
    change(project, {"source/quotes.yaml": expiring})
    monkeypatch.setenv("PRESS_TODAY", "2027-01-05")
    messages = errors_from(lambda: print_training(project, "consent", dt.date(2027, 1, 5)))
    assert any("consent" in m for m in messages), messages
    # both handouts and the brief carry Rosa's quote: the run is withdrawn whole,
    # its order too (a shop must not print half of it)
    assert not (folder / "consent-handouts.pdf").exists()
    assert not (folder / "consent-brief-booklet.pdf").exists()
    assert not (folder / "consent-order.pdf").exists()
    assert not (folder / "consent-order.txt").exists()
    manifest = (folder / "manifest.json").read_text(encoding="utf-8")
    assert "its consent expired on 2026-12-31" in manifest


@pytest.mark.slow
def test_a_build_keeps_the_print_runs_of_trainings_still_there(project: Path) -> None:
    """A print run's manifest names its training by its file, so a build of changed sources
    keeps the folder (saying it is older) instead of taking it for a training gone."""
    from press.make.build import build

    _training(project, "in-service", {"judges": 2}, briefs=1,
              extra="jurisdiction: Alder County\n")
    run = print_training(project, "in-service")
    manifest = json.loads((run.folder / "manifest.json").read_text())
    assert manifest["training"] == "in-service"
    change(project, {"source/settings.yaml": SETTINGS.replace(
        "reference_max_age_years: 10", "reference_max_age_years: 11")})
    result = build(project)
    assert (run.folder / "in-service-handouts.pdf").is_file()
    said = [p.format() for p in result.problems.warnings if p.file.startswith("out/print/")]
    assert said == ["out/print/in-service/: warning: this folder was made from older "
                    "sources, so its figures and words may differ from the documents now Fix: "
                    "make it again: make_report.py print in-service (or delete the "
                    "folder)"], said


def structure(reader: PdfReader) -> list[Any]:
    """Every structure element of the PDF's tag tree."""
    found: list[Any] = []
    stack: list[Any] = [reader.trailer["/Root"]["/StructTreeRoot"]]
    while stack:
        node = stack.pop()
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict) and "/K" in node:
            found.append(node)
            stack.append(node["/K"])
    return found


@pytest.mark.slow
def test_the_summary_counts_a_booklets_sheets_printed_on_both_sides(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = write_project(tmp_path)
    _training(root, "small", {"judges": 3}, briefs=2, chapter="sample")
    assert main(["print", "small"], root=root) == 0
    out = capsys.readouterr().out
    booklet = re.search(r"small-brief-booklet\.pdf  (\d+) pages \((\d+) sheets?, printed on "
                        r"both sides\)", out)
    assert booklet, out
    pages, sheets = int(booklet[1]), int(booklet[2])
    assert pages == 2 * sheets
    handouts = re.search(r"small-handouts\.pdf  (\d+) pages? \((\d+) sheets?\)", out)
    assert handouts and handouts[1] == handouts[2], out
    assert re.search(r"small-order\.pdf  1 page, \d+ KB", out), out
    assert f"small-brief-booklet.pdf: Brief (booklet) 2; {sheets * 2} sheets (11 x 17" in out
