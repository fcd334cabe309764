"""A funder's checklist: source/funders/<name>.yaml's rules measured on the finished PDFs.

Each rule is measured on what was rendered, not on what the stylesheets intend (PDFium
reads the pages, as Chrome would):

- pages per PDF; the file's size in MB (1,000,000 bytes); its name's length and characters;
- the smallest type size of the text actually on the pages (the size each text object is
  drawn at, its matrix included); text inside a tagged Figure (a chart) is exempt when the
  rules say so, as most guides allow;
- margins: from each page's edge to the box around everything drawn on it, every side;
- the largest page, in inches; PDF/A or not (its XMP identification); attached files.

Where a rule is measured at one thing on one page (the smallest text, the object nearest an
edge), its verdict says which block of its document printed it (the block whose box on that
page holds it, as the manifest records each block: press/core/manifest.py `BlockBox`), so
that the studio links a failure to the field to change.
"""

from __future__ import annotations

import ctypes
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from press.core.manifest import BlockBox, Output
from press.core.problems import Problem, Ruled
from press.core.sizes import Rules
from press.source.schema import Funder
from press.source.yamlsource import Located

if TYPE_CHECKING:
    from pypdfium2 import PdfDocument, PdfObject, PdfPage, PdfTextPage
    from pypdfium2.raw import FPDF_STRUCTELEMENT as StructElement

MB = 1_000_000
Box = tuple[float, float, float, float]  # left, top, right, bottom: points from the page's top-left


@dataclass(frozen=True)
class Smallest:
    size: float
    page: int
    text: str
    in_chart: bool = False  # inside a tagged Figure (a chart), counted where not exempt
    box: Box | None = None  # where that text is drawn


@dataclass(frozen=True)
class Margin:
    inches: float
    page: int
    side: str
    box: Box | None = None  # what is drawn nearest that edge


@dataclass(frozen=True)
class Measured:
    """What one PDF measures."""

    pages: int
    bytes: int
    smallest: Smallest | None  # the smallest text that counts (None: no text)
    margin: Margin | None  # the narrowest margin (None: nothing drawn)
    largest_page: tuple[float, float]  # inches
    pdf_a: bool
    attachments: tuple[str, ...]


@dataclass(frozen=True)
class Verdict:
    """One rule on one PDF: passed or not, and what was measured against what."""

    file: str
    rule: str  # the key in the funder's rules
    passed: bool
    measured: str
    limit: str
    page: int = 0
    kind: str = ""  # the document's kind (brief, handout, packet): the fixes that apply to it
    in_chart: bool = False  # the smallest text is a chart's (not exempt)
    source: str = ""  # the file of the block that printed what was measured ("" : none)
    field: str = ""  # that block's field in it ("blocks.3")

    def line(self) -> str:
        where = f", page {self.page}" if self.page else ""
        return (f"  {'PASS' if self.passed else 'FAIL'}  {self.file}{where}: {RULE_NAMES[self.rule]}"
                f" {self.measured} ({self.limit})")

    def ruled(self) -> Ruled:
        """The verdict as the checklist carries it out of the press (its line, and where)."""
        return Ruled(self.line(), self.passed, self.file, self.rule, self.page, self.source,
                     self.field)


RULE_NAMES = {
    "page_limit": "pages", "smallest_text_pt": "smallest text", "margins_in": "narrowest margin",
    "max_file_mb": "file size", "file_name_max_length": "file name length",
    "file_name_characters": "file name characters", "pdf_a": "PDF/A",
    "attachments_allowed": "attached files", "page_size_in": "largest page",
}


def measure(data: bytes, figures_exempt: bool = True) -> Measured:
    from pypdf import PdfReader
    from pypdf.generic import StreamObject

    from press.pdf.engine import opened

    with opened(data) as document:  # PDFium, one use at a time (press/pdf/engine.py)
        count = len(document)
        smallest, margin, largest = _pages_measured(document, figures_exempt)
    reader = PdfReader(io.BytesIO(data))
    metadata = reader.root_object.get("/Metadata")
    stream = metadata.get_object() if metadata is not None else None
    xmp = stream.get_data() if isinstance(stream, StreamObject) else b""
    return Measured(count, len(data), smallest, margin, largest,
                    b"pdfaid:part" in xmp, tuple(sorted(reader.attachments)))


def _pages_measured(document: PdfDocument, figures_exempt: bool
                    ) -> tuple[Smallest | None, Margin | None, tuple[float, float]]:
    """The smallest type, the narrowest margin and the largest page of `document`."""
    import pypdfium2.raw as raw

    smallest: Smallest | None = None
    margin: Margin | None = None
    largest = (0.0, 0.0)
    for index in range(len(document)):
        page = document[index]
        width, height = page.get_size()
        largest = (max(largest[0], width / 72), max(largest[1], height / 72))
        charts = _figure_marks(page)
        textpage = page.get_textpage()
        box: list[float] | None = None
        nearest: dict[str, Box] = {}  # each side: the object drawn nearest it
        for obj in page.get_objects(max_depth=1):
            bounds = _bounds(obj)
            if bounds is None:
                continue
            drawn = (bounds[0], height - bounds[3], bounds[2], height - bounds[1])
            if box is None or bounds[0] < box[0]:
                nearest["left"] = drawn
            if box is None or bounds[1] < box[1]:
                nearest["bottom"] = drawn
            if box is None or bounds[2] > box[2]:
                nearest["right"] = drawn
            if box is None or bounds[3] > box[3]:
                nearest["top"] = drawn
            box = bounds if box is None else [min(box[0], bounds[0]), min(box[1], bounds[1]),
                                              max(box[2], bounds[2]), max(box[3], bounds[3])]
            if obj.type != raw.FPDF_PAGEOBJ_TEXT:
                continue
            in_chart = raw.FPDFPageObj_GetMarkedContentID(obj.raw) in charts
            if in_chart and figures_exempt:
                continue
            text = _text(obj, textpage).strip()
            if not text:
                continue
            size = _size(obj)
            if smallest is None or size < smallest.size - 0.01:
                smallest = Smallest(size, index + 1, text[:40], in_chart, drawn)
        if box is not None:
            sides = {"left": box[0], "bottom": box[1], "right": width - box[2],
                     "top": height - box[3]}
            side = min(sides, key=lambda s: sides[s])
            if margin is None or sides[side] / 72 < margin.inches:
                margin = Margin(sides[side] / 72, index + 1, side, nearest[side])
    return smallest, margin, largest



def verdicts(funder: Funder, outputs: Sequence[Output], measured: dict[str, Measured]
          ) -> list[Verdict]:
    """Every rule the funder sets, on every PDF its rules apply to (those `measured`)."""
    rules = funder.rules
    verdicts: list[Verdict] = []
    for output in outputs:
        if output.rel not in measured:
            continue
        found = measured[output.rel]
        name = output.rel.rsplit("/", 1)[-1]
        file = output.rel

        def add(rule: str, passed: bool, value: str, limit: str, page: int = 0,
                box: Box | None = None, in_chart: bool = False) -> None:
            block = _block(output.facts.blocks, page, box)  # noqa: B023
            verdicts.append(Verdict(file, rule, passed, value, limit, page,  # noqa: B023
                                    output.facts.kind, in_chart,  # noqa: B023
                                    output.facts.source if block else "",  # noqa: B023
                                    block.field if block else ""))

        if rules.page_limit is not None:
            add("page_limit", found.pages <= rules.page_limit, f"{found.pages}",
                f"at most {rules.page_limit}")
        if rules.smallest_text_pt is not None and found.smallest is not None:
            small = found.smallest
            add("smallest_text_pt", small.size >= rules.smallest_text_pt - 0.05,
                f'{small.size:g} pt ("{small.text}"{", in a chart" if small.in_chart else ""})',
                f"at least {rules.smallest_text_pt:g} pt"
                + (", charts exempt" if rules.figures_exempt else ""), small.page, small.box,
                small.in_chart)
        if rules.margins_in is not None and found.margin is not None:
            edge = found.margin
            add("margins_in", edge.inches >= rules.margins_in - 0.005,
                f"{edge.inches:.2f} in at the {edge.side}", f"at least {rules.margins_in:g} in",
                edge.page, edge.box)
        if rules.max_file_mb is not None:
            add("max_file_mb", found.bytes <= rules.max_file_mb * MB,
                f"{found.bytes / MB:.2f} MB", f"at most {rules.max_file_mb:g} MB")
        if rules.file_name_max_length is not None:
            add("file_name_max_length", len(name) <= rules.file_name_max_length,
                f"{len(name)} characters", f"at most {rules.file_name_max_length}")
        if rules.file_name_characters is not None:
            bad = sorted({c for c in name if not _allowed(rules.file_name_characters, c)})
            add("file_name_characters", not bad,
                "all allowed" if not bad else "uses " + " ".join(f'"{c}"' for c in bad),
                f"only {rules.file_name_characters}")
        if rules.pdf_a is not None:
            add("pdf_a", found.pdf_a == rules.pdf_a, "PDF/A" if found.pdf_a else "not PDF/A",
                "must be PDF/A" if rules.pdf_a else "must not be PDF/A")
        if rules.attachments_allowed is False:
            add("attachments_allowed", not found.attachments,
                ", ".join(found.attachments) or "none", "none allowed")
        if rules.page_size_in is not None:
            width, height = rules.page_size_in
            big = found.largest_page
            add("page_size_in", big[0] <= width + 0.01 and big[1] <= height + 0.01,
                f"{big[0]:g} x {big[1]:g} in", f"at most {width:g} x {height:g} in")
    return verdicts


def _block(blocks: Sequence[BlockBox], page: int, box: Box | None) -> BlockBox | None:
    """The block that printed what `box` holds on page `page` (from 1): the smallest marked
    block whose box holds its middle; None where no block does (a running head)."""
    if box is None or not page:
        return None
    x, y = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    holding = [b for b in blocks if b.page == page - 1 and b.field
               and b.left - 0.5 <= x <= b.right + 0.5 and b.top - 0.5 <= y <= b.bottom + 0.5]
    return min(holding, key=lambda b: (b.right - b.left) * (b.bottom - b.top), default=None)


def failures(verdicts: Sequence[Verdict], doc: Located) -> list[Problem]:
    """A located error per failed rule: at the rule's line in the funder's file, with a fix
    the staff can make (the layout already takes the funder's margins and type floor)."""
    return [doc.problem(("rules", v.rule), f"{v.file}{f', page {v.page}' if v.page else ''}: "
                        f"{RULE_NAMES[v.rule]} {v.measured}, but this funder allows "
                        f"{v.limit.removeprefix('only ')}", _fix(v))
            for v in verdicts if not v.passed]


def _fix(verdict: Verdict) -> str:
    if verdict.rule == "smallest_text_pt" and verdict.in_chart:
        return ("the press sets every word of the layout at this funder's size, but a chart's "
                "labels are drawn at the chart's own: write figures_exempt: true where the "
                "funder's guide lets charts be smaller (most do), or leave the chart out of "
                "the documents for this funder")
    if verdict.rule == "page_limit" and verdict.kind != "packet":  # already alone
        return (f"shorten the {verdict.kind or 'document'} to {verdict.limit.removeprefix('at most ')} "
                "pages (fewer blocks, or shorter words)")
    return _FIXES[verdict.rule]


_FIXES = {
    "page_limit": "send the brief alone, or shorten the chapter",
    "smallest_text_pt": "the press sets the layout at this funder's size: say which words "
                        "are smaller to whoever keeps layouts/ (a size the layout cannot "
                        "reach), and send the documents that pass",
    "margins_in": "the press lays the pages out to this funder's margins: say what is drawn "
                  "past them to whoever keeps layouts/, and send the documents that pass",
    "max_file_mb": "use fewer or smaller charts and images",
    "file_name_max_length": "shorten the chapter or audience file name",
    "file_name_characters": "rename the source file with letters, digits and hyphens",
    "pdf_a": "build with the profile this funder expects",
    "attachments_allowed": "this funder takes no attached files: send the data separately",
    "page_size_in": "build on Letter paper (paper: letter in settings.yaml)",
}


def layout_rules(name: str, funder: Funder, shaped: Iterable[str]) -> dict[str, Rules]:
    """The funder's rules that shape a layout (its margins and type floor), by the file of
    each document they are laid out for (`shaped`: the documents its rules apply to, and a
    packet's parts; press/content/rule_files.py: shaped_files); none where it sets neither."""
    rules = Rules(funder.rules.margins_in or 0.0, funder.rules.smallest_text_pt or 0.0, name)
    return {file: rules for file in shaped} if rules else {}


def _allowed(characters: str, char: str) -> bool:
    """Whether `char` is among `characters`, where A-Z, a-z and 0-9 stand for ranges."""
    ranges = {"A-Z": str.isupper, "a-z": str.islower, "0-9": str.isdigit}
    rest = characters
    for written, test in ranges.items():
        if written in rest:
            rest = rest.replace(written, "")
            if char.isascii() and test(char):
                return True
    return char in rest


def _figure_marks(page: PdfPage) -> set[int]:
    """The marked-content ids inside the page's tagged Figures (charts)."""
    import pypdfium2.raw as raw

    found: set[int] = set()
    tree = raw.FPDF_StructTree_GetForPage(page.raw)
    if not tree:
        return found
    try:
        for index in range(raw.FPDF_StructTree_CountChildren(tree)):
            found |= set(_marks_under(raw.FPDF_StructTree_GetChildAtIndex(tree, index), False))
    finally:
        raw.FPDF_StructTree_Close(tree)
    return found


def _marks_under(element: StructElement, in_figure: bool) -> Iterator[int]:
    import pypdfium2.raw as raw

    if not element:
        return
    length = raw.FPDF_StructElement_GetType(element, None, 0)
    buffer = ctypes.create_string_buffer(length)
    raw.FPDF_StructElement_GetType(element, buffer, length)
    in_figure = in_figure or buffer.raw.decode("utf-16-le").rstrip("\x00") == "Figure"
    if in_figure:
        for index in range(raw.FPDF_StructElement_GetMarkedContentIdCount(element)):
            yield raw.FPDF_StructElement_GetMarkedContentIdAtIndex(element, index)
    for index in range(raw.FPDF_StructElement_CountChildren(element)):
        yield from _marks_under(raw.FPDF_StructElement_GetChildAtIndex(element, index), in_figure)


def _bounds(obj: PdfObject) -> list[float] | None:
    """The box an object draws in (left, bottom, right, top, in points), inside its clip:
    what a clip hides is not printed (a chart's bar's white edge, clipped to its axes)."""
    import pypdfium2.raw as raw

    values = [ctypes.c_float() for _ in range(4)]
    if not raw.FPDFPageObj_GetBounds(obj.raw, *(ctypes.byref(v) for v in values)):
        return None
    box = [v.value for v in values]
    clip = raw.FPDFPageObj_GetClipPath(obj.raw)
    for index in range(raw.FPDFClipPath_CountPaths(clip) if clip else 0):
        points = []  # the clip path's points, in page space (its curves' control points too)
        for segment in range(raw.FPDFClipPath_CountPathSegments(clip, index)):
            x, y = ctypes.c_float(), ctypes.c_float()
            raw.FPDFPathSegment_GetPoint(raw.FPDFClipPath_GetPathSegment(clip, index, segment),
                                         ctypes.byref(x), ctypes.byref(y))
            points.append((x.value, y.value))
        if len(points) > 2:
            xs, ys = [p[0] for p in points], [p[1] for p in points]
            box = [max(box[0], min(xs)), max(box[1], min(ys)), min(box[2], max(xs)),
                   min(box[3], max(ys))]
    return box if box[0] <= box[2] and box[1] <= box[3] else None


def _size(obj: PdfObject) -> float:
    """The size a text object is drawn at, in points: its font size scaled by its matrix."""
    import pypdfium2.raw as raw

    matrix = raw.FS_MATRIX()
    raw.FPDFPageObj_GetMatrix(obj.raw, matrix)
    size = ctypes.c_float()
    raw.FPDFTextObj_GetFontSize(obj.raw, size)
    scale: float = (float(matrix.c) ** 2 + float(matrix.d) ** 2) ** 0.5
    return round(float(size.value) * scale, 2)


def _text(obj: PdfObject, textpage: PdfTextPage) -> str:
    import pypdfium2.raw as raw

    length = raw.FPDFTextObj_GetText(obj.raw, textpage.raw, None, 0)  # bytes, with the end
    buffer = ctypes.create_string_buffer(length)
    raw.FPDFTextObj_GetText(obj.raw, textpage.raw,
                            ctypes.cast(buffer, ctypes.POINTER(raw.FPDF_WCHAR)), length)
    return re.sub(r"\s+", " ", buffer.raw.decode("utf-16-le", errors="replace").rstrip("\x00"))
