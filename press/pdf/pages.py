"""The judge: every page the press renders, measured from the PDF as a reader would see it.

PDFium (Chrome's PDF engine) gives each glyph's box as drawn. Glyphs are gathered into runs
(a stretch of one line, as the eye reads it); the judge then measures, page by page:

- overprint: glyphs of two runs that cover each other (an error), or that come within
  NEAR_PT of each other across two blocks (a warning);
- outside: a glyph beyond the page's text area (the margins, left and right; the safe
  zone SAFE_IN from the trim, top and bottom, where the running heads are);
- fill: how far down the text area something is drawn (a page of a document other than
  the last below UNDERFILLED is a warning);
- band: the tallest stretch of the text area with nothing drawn across it (on a one-page
  handout, a band over WHITE_BAND of the text area is a warning);
- stranded: a heading that is the last thing on its page, its text on the next;
- quote lines: the lines a handout's quote (the block "quote") runs to, its words' own
  (the largest type in it: its caption is not counted).
- text: what each page says, for `unprinted` to find the words a page must print (a chart's
  source and notes) whole.

The layout says where its marked blocks are (`Region`: a block's name and box on a page);
a run belongs to the block its first glyph's origin stands in. The judge names blocks; the
press locates them in the source files.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Literal

import numpy as np

from press.core.manifest import PageLayout as PageMeasure
from press.core.sizes import INCH

NEAR_PT = 1.0  # glyphs of two blocks closer than this "nearly touch"
SAFE_IN = 0.25  # no text within this of the trim, top and bottom
UNDERFILLED = 0.5  # a page other than the last, filled less than this, is a warning
WHITE_BAND = 0.2  # a one-page handout with a white band taller than this share of its area
EDGE_PT = 0.5  # a glyph this far past the text area's edge is outside (rounding aside)

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Box:
    """A rectangle in points from the trim's top-left corner (y grows downward)."""

    left: float
    top: float
    right: float
    bottom: float

    def overlap(self, other: Box) -> tuple[float, float]:
        """How far the two boxes overlap, across and down (negative: the gap between)."""
        return (min(self.right, other.right) - max(self.left, other.left),
                min(self.bottom, other.bottom) - max(self.top, other.top))

    def gap(self, other: Box) -> float:
        """The clearance between the two boxes (0 when they touch or overlap)."""
        across, down = self.overlap(other)
        return max(0.0, -across, -down) if across < 0 or down < 0 else 0.0

    def contains(self, x: float, y: float, slack: float = 0.5) -> bool:
        return (self.left - slack <= x <= self.right + slack
                and self.top - slack <= y <= self.bottom + slack)


@dataclass(frozen=True)
class Region:
    """A marked block as the layout placed it: its name and box on a page (0-based)."""

    page: int
    name: str
    box: Box
    heading: bool = False  # a heading: it must not end a page


@dataclass
class Run:
    """A stretch of glyphs on one line, as the eye reads it."""

    text: str
    origin: tuple[float, float]
    size: float  # points, as drawn
    glyphs: list[Box] = field(default_factory=list)
    block: str = ""

    @property
    def box(self) -> Box:
        return Box(min(g.left for g in self.glyphs), min(g.top for g in self.glyphs),
                   max(g.right for g in self.glyphs), max(g.bottom for g in self.glyphs))


@dataclass(frozen=True)
class Finding:
    """What the judge saw on a page (1-based), in the blocks it names."""

    kind: str  # overprint, near, outside, underfilled, band, stranded
    page: int
    blocks: tuple[str, ...]
    words: tuple[str, ...]
    measure: float  # points (overprint, near, outside) or a share of the text area
    severity: Severity


@dataclass(frozen=True)
class Judgement:
    pages: tuple[PageMeasure, ...]
    findings: tuple[Finding, ...]
    regions: tuple[Region, ...] = ()  # where the layout put each marked block, as judged
    texts: tuple[str, ...] = ()  # each page's text, as PDFium reads it


def unprinted(text: str, wanted: Sequence[str]) -> list[str]:
    """Which of `wanted` are not printed whole in `text`, white space and hyphens aside (a
    line may break anywhere, the judge reads a gap between two words as a space, and PDFium
    reads a hyphen that ends a line, "prostitution-/related", as a break, not a hyphen)."""
    printed = "".join(text.split()).replace("-", "")
    return [words for words in wanted if "".join(words.split()).replace("-", "") not in printed]


@dataclass(frozen=True)
class Page:
    """What the judge reads of a page: its text runs and the boxes of everything drawn."""

    runs: list[Run]
    drawn: list[Box]
    size: tuple[float, float]  # the trim's width and height


def read_pages(pdf: bytes) -> list[Page]:
    """Every page's runs and drawn boxes, in points from its trim's top-left corner."""
    return [page for _, page in _pages(pdf)]


def _pages(pdf: bytes, only: Sequence[int] | None = None) -> Iterator[tuple[int, Page]]:
    """Each page (or `only` those, by 0-based index) with its index, read one at a time."""
    from press.pdf.engine import opened

    with opened(pdf) as document:  # read whole under PDFium's lock (press/pdf/engine.py)
        read = [(index, _read_page(document[index]))
                for index in (range(len(document)) if only is None else only)]
    yield from read


def _read_page(page: object) -> Page:
    import pypdfium2.raw as raw

    trim = page.get_trimbox()  # type: ignore[attr-defined]  # pypdfium2 PdfPage
    left, bottom, right, top = trim
    text = page.get_textpage()  # type: ignore[attr-defined]
    runs = list(_runs(raw, text.raw, left, top))
    drawn = [box for box in _objects(page, left, top)
             if (box.right - box.left) * (box.bottom - box.top) < 0.9 * (right - left) * (top - bottom)]
    return Page(runs, drawn + [r.box for r in runs], (right - left, top - bottom))


def _runs(raw: object, text: object, left: float, top: float) -> Iterator[Run]:
    """The page's glyphs gathered into runs: a new run where the baseline changes, the pen
    goes back, or a gap wider than a word space opens."""
    r: object = raw
    box = [ctypes.c_double() for _ in range(4)]
    x, y = ctypes.c_double(), ctypes.c_double()
    matrix = r.FS_MATRIX()  # type: ignore[attr-defined]
    run: Run | None = None
    for index in range(r.FPDFText_CountChars(text)):  # type: ignore[attr-defined]
        char = chr(r.FPDFText_GetUnicode(text, index))  # type: ignore[attr-defined]
        if r.FPDFText_IsGenerated(text, index) == 1:  # type: ignore[attr-defined]
            continue
        if char.isspace() or not char.isprintable():
            if run is not None and not run.text.endswith(" "):
                run.text += " "
            continue
        r.FPDFText_GetCharBox(text, index, *box)  # type: ignore[attr-defined]  # l, r, b, t
        r.FPDFText_GetCharOrigin(text, index, x, y)  # type: ignore[attr-defined]
        r.FPDFText_GetMatrix(text, index, ctypes.byref(matrix))  # type: ignore[attr-defined]
        scale = abs(matrix.a * matrix.d - matrix.b * matrix.c) ** 0.5  # the size as drawn
        size = float(r.FPDFText_GetFontSize(text, index)) * scale  # type: ignore[attr-defined]
        glyph = Box(box[0].value - left, top - box[3].value, box[1].value - left,
                    top - box[2].value)
        origin = (x.value - left, top - y.value)
        if run is None or not _continues(run, origin, size, glyph):
            if run is not None:
                yield run
            run = Run("", origin, size)
        if run.glyphs and glyph.left - run.glyphs[-1].right > 0.2 * size \
                and not run.text.endswith(" "):
            run.text += " "  # a space drawn as a gap (an SVG's text, glyph by glyph)
        run.text += char
        run.glyphs.append(glyph)
    if run is not None:
        yield run


def _continues(run: Run, origin: tuple[float, float], size: float, glyph: Box) -> bool:
    last = run.glyphs[-1]
    same_line = abs(origin[1] - run.origin[1]) <= 0.25 * max(size, run.size)
    return same_line and last.left - 1.0 <= glyph.left <= last.right + 0.6 * max(size, run.size)


def _objects(page: object, left: float, top: float) -> Iterator[Box]:
    """The boxes of the page's drawn objects other than text (paths, images, forms: a
    form, such as a chart, is one box)."""
    import pypdfium2.raw as raw

    for obj in page.get_objects(max_depth=1):  # type: ignore[attr-defined]
        if obj.type == raw.FPDF_PAGEOBJ_TEXT:
            continue
        l_, b_, r_, t_ = obj.get_bounds()
        yield Box(l_ - left, top - t_, r_ - left, top - b_)


def judge(pdf: bytes, regions: Sequence[Region], areas: Sequence[Box], *,
          one_page: bool = False) -> Judgement:
    """Measure every page of `pdf`. `regions` say where the layout put its marked blocks;
    `areas` give each page's text area (the last one stands for the pages after it);
    `one_page`: the document is a one-page handout (its white band is measured)."""
    pages = read_pages(pdf)
    texts = tuple("".join(run.text for run in page.runs) for page in pages)
    measures: list[PageMeasure] = []
    findings: list[Finding] = []
    for index, page in enumerate(pages):
        area = areas[min(index, len(areas) - 1)]
        mine = [r for r in regions if r.page == index]
        for run in page.runs:
            run.block = _block_of(run, mine)
        seen, closest = _overprints(index + 1, page.runs)
        findings += seen
        findings += _outside(index + 1, page, area)
        fill = _fill(page.drawn, area)
        band = _band(page.drawn, area)
        measures.append(PageMeasure(index + 1, round(fill, 3), round(band, 3), closest,
                                    quote_lines(page.runs)))
        if index < len(pages) - 1 and fill < UNDERFILLED:
            findings.append(Finding("underfilled", index + 1, (), (), round(fill, 3), "warning"))
        if one_page and len(pages) == 1 and band > WHITE_BAND:
            findings.append(Finding("band", 1, (), (), round(band, 3), "warning"))
        if index < len(pages) - 1:
            findings += _stranded(index, mine)
    return Judgement(tuple(measures), tuple(findings), tuple(regions), texts)


def quote_lines(runs: Sequence[Run], block: str = "quote") -> int:
    """The lines the words of `block` run to: its runs in its largest type (a quote's
    words, not its caption), one line per baseline."""
    mine = [run for run in runs if run.block == block]
    if not mine:
        return 0
    largest = max(run.size for run in mine)
    return len({round(run.origin[1]) for run in mine if run.size >= 0.8 * largest})


def _block_of(run: Run, regions: Sequence[Region]) -> str:
    """The innermost marked block the run's origin stands in ("" where none)."""
    x, y = run.glyphs[0].left, run.origin[1]
    inside = [r for r in regions if not r.heading and r.box.contains(x, y)]
    if not inside:
        return ""
    smallest = min(inside, key=lambda r: (r.box.right - r.box.left) * (r.box.bottom - r.box.top))
    return smallest.name


def _overprints(page: int, runs: Sequence[Run]) -> tuple[list[Finding], float | None]:
    """Runs whose glyphs cover each other, and runs on two lines that nearly touch; the
    closest clearance between runs of two blocks. (Every pair of runs, and of their glyphs,
    is measured at once with numpy: the same subtractions and comparisons as Box.gap and
    Box.overlap, so the same figures, in a seventh of the judge's time.)"""
    found: list[Finding] = []
    closest: float | None = None
    if len(runs) < 2:
        return found, closest
    glyphs = [_corners(run.glyphs) for run in runs]
    boxes = np.array([(g[:, 0].min(), g[:, 1].min(), g[:, 2].max(), g[:, 3].max())
                      for g in glyphs])
    apart = _gaps(boxes, boxes)
    for i, j in np.argwhere(np.triu(apart <= max(NEAR_PT, 4.0), 1)).tolist():
        first, second = runs[i], runs[j]
        covered, gap = _glyph_contact(first, second, glyphs[i], glyphs[j])
        pair = (first.block, second.block)
        said = (first.text.strip(), second.text.strip())
        if covered:
            found.append(Finding("overprint", page, pair, said, round(covered, 2), "error"))
        elif gap is not None and gap < NEAR_PT:
            found.append(Finding("near", page, pair, said, round(gap, 2), "warning"))
        if gap is not None and first.block != second.block:
            closest = round(gap, 2) if closest is None else min(closest, round(gap, 2))
    return found, closest


def _corners(boxes: Sequence[Box]) -> np.ndarray:
    """Boxes as rows of left, top, right, bottom."""
    return np.array([(b.left, b.top, b.right, b.bottom) for b in boxes], dtype=float).reshape(-1, 4)


def _overlaps(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Box.overlap of every box of `a` with every box of `b`: across and down."""
    across = np.minimum(a[:, None, 2], b[None, :, 2]) - np.maximum(a[:, None, 0], b[None, :, 0])
    down = np.minimum(a[:, None, 3], b[None, :, 3]) - np.maximum(a[:, None, 1], b[None, :, 1])
    return across, down


def _gaps(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Box.gap of every box of `a` with every box of `b`."""
    across, down = _overlaps(a, b)
    return np.where((across < 0) | (down < 0), np.maximum(np.maximum(0.0, -across), -down), 0.0)


def _glyph_contact(first: Run, second: Run, a: np.ndarray, b: np.ndarray
                   ) -> tuple[float, float | None]:
    """How deep the two runs' glyphs (`a`, `b`: their boxes) overlap (0 if they do not)
    and their closest gap (None for runs on one baseline: a bold word, then plain, abut by
    design; there the overlap must exceed a quarter of the smaller type's size to count)."""
    big, small = max(first.size, second.size), min(first.size, second.size)
    raised = small < 0.85 * big and abs(first.origin[1] - second.origin[1]) < 0.45 * big
    same_line = raised or abs(first.origin[1] - second.origin[1]) < 0.5  # or a citation's
    allowance = 0.25 * min(first.size, second.size) if same_line else 0.2
    if not len(a) or not len(b):
        return 0.0, (None if same_line else float("inf"))
    across, down = _overlaps(a, b)
    hit = (across > allowance) & (down > allowance * (not raised))
    deepest = max(0.0, float(np.minimum(across, down)[hit].max())) if hit.any() else 0.0
    return deepest, (None if same_line else float(_gaps(a, b).min()))


def _outside(page: int, measured: Page, area: Box) -> list[Finding]:
    """Glyphs beyond the text area: past the margins across, within SAFE_IN of the trim
    top and bottom (the running heads and page numbers live between)."""
    width, height = measured.size
    safe = SAFE_IN * INCH
    found: list[Finding] = []
    for run in measured.runs:
        box = run.box
        past = max(area.left - box.left, box.right - area.right, safe - box.top,
                   box.bottom - (height - safe), -box.left, box.right - width)
        if past > EDGE_PT:
            found.append(Finding("outside", page, (run.block,), (run.text.strip(),),
                                 round(past, 1), "error"))
    return found


def _covered(drawn: Sequence[Box], area: Box) -> list[tuple[float, float]]:
    """The stretches of the text area's height that something is drawn across, merged."""
    spans = sorted((max(b.top, area.top), min(b.bottom, area.bottom)) for b in drawn
                   if b.bottom > area.top and b.top < area.bottom and b.right > area.left
                   and b.left < area.right)
    merged: list[tuple[float, float]] = []
    for top, bottom in spans:
        if merged and top <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], bottom))
        else:
            merged.append((top, bottom))
    return merged


def _fill(drawn: Sequence[Box], area: Box) -> float:
    """How far down the text area something is drawn, as a share of its height."""
    spans = _covered(drawn, area)
    if not spans:
        return 0.0
    return (spans[-1][1] - area.top) / (area.bottom - area.top)


def _band(drawn: Sequence[Box], area: Box) -> float:
    """The tallest stretch of the text area with nothing drawn across it, as a share."""
    edges = [(area.top, area.top), *_covered(drawn, area), (area.bottom, area.bottom)]
    tallest = max(later[0] - earlier[1] for earlier, later in pairwise(edges))
    return max(0.0, tallest) / (area.bottom - area.top)


def _stranded(index: int, regions: Sequence[Region]) -> list[Finding]:
    """A heading that is the lowest thing the layout placed on a page but the last."""
    if not regions:
        return []
    lowest = max(regions, key=lambda r: (r.box.bottom, r.heading))
    if lowest.heading:
        return [Finding("stranded", index + 1, (lowest.name,), (), 0.0, "warning")]
    return []


def on_the_cut(pdf: bytes, trims: Sequence[Box], sheets: Sequence[int] | None = None
               ) -> list[Finding]:
    """What a print shop's cut would harm on an imposed sheet (every sheet, or the `sheets`
    named by index: the others are copies of them): a glyph not wholly inside one page's
    trim (words on the gutter or past the trim are cut through), and glyphs printed over
    each other. One finding per sheet and kind."""
    found: list[Finding] = []
    for index, page in _pages(pdf, sheets):
        cut = next((run for run in page.runs for glyph in run.glyphs
                    if not any(trim.contains(glyph.left, glyph.top)
                               and trim.contains(glyph.right, glyph.bottom) for trim in trims)),
                   None)
        if cut is not None:
            found.append(Finding("cut", index + 1, (), (cut.text.strip(),), 0.0, "error"))
        found += [f for f in _overprints(index + 1, page.runs)[0] if f.kind == "overprint"][:1]
    return found
