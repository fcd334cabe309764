"""Imposition: finished pages arranged on a print shop's sheets, with pypdf.

Each source page becomes a Form XObject (its content stream and resources, clipped to its
bleed or trim box) drawn where it belongs on a sheet, so text stays text and the embedded
font subsets stay as they are; a page repeated on many sheets is stored once.

- `SHEETS`: the sheets a training may choose: 2-up on 12x18 or 13x19 in with bleed and crop
  marks, 2-up on 11x17 in without bleed, 1-up on Letter.
- `booklet_order`: the reader pages of a saddle-stitched booklet, as the sheets print them.
- `impose`: any list of sheets, each a list of (page, slot), into one PDF.

Marks are drawn in the registration color (a Separation named All, which prints on every
plate), outside the bleed, 0.25 pt wide, and never nearer a sheet's edge than 0.125 in (most
digital presses cannot print there): on 12x18 in the marks at the sides are shortened to fit.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from dataclasses import dataclass

from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    EncodedStreamObject,
    FloatObject,
    IndirectObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

from press.core import sizes
from press.pdf import objects

INCH = sizes.INCH
LETTER = (sizes.PAPER["letter"][0] * INCH, sizes.PAPER["letter"][1] * INCH)
BLEED = sizes.BLEED_IN * INCH  # the pages' own bleed (base.html writes the same into @page)
MARK_OFFSET = 3.0  # from the bleed edge to where a crop mark starts
MARK_LENGTH = 12.0  # ... and how long it is where the sheet has room
MARK_SHORTEST = 4.0  # a sheet with less room for a mark than this is a defect of the press
EDGE = 0.125 * INCH  # the least distance from a sheet's edge to a mark


@dataclass(frozen=True)
class Sheet:
    """A sheet size and how pages sit on it: `slots` are the lower-left corners of each
    page's trim box; `bleed` how far the page's art may run past its trim."""

    name: str
    width: float
    height: float
    slots: tuple[tuple[float, float], ...]
    bleed: float
    marks: bool

    @property
    def up(self) -> int:
        return len(self.slots)


def two_up(short_in: float, long_in: float) -> Sheet:
    """Two Letter pages side by side on a `long_in` x `short_in` in sheet (landscape), a
    bleed's width apart twice over (the gutter is cut away), centred, with room for marks
    all round."""
    width, height = long_in * INCH, short_in * INCH
    gutter = 2 * BLEED
    left = (width - 2 * LETTER[0] - gutter) / 2
    bottom = (height - LETTER[1]) / 2
    return Sheet(f"{short_in:g} x {long_in:g} in", width, height,
                 ((left, bottom), (left + LETTER[0] + gutter, bottom)), BLEED, True)


def two_up_12x18() -> Sheet:
    """12 x 18 in: 0.375 in beside the pages, so the marks at the sides are short."""
    return two_up(12, 18)


def two_up_13x19() -> Sheet:
    """13 x 19 in (a digital press's oversize stock): room for full-length marks."""
    return two_up(13, 19)


def two_up_11x17() -> Sheet:
    """Two Letter pages edge to edge on 17 x 11 in: no bleed, cut once down the middle."""
    return Sheet("11 x 17 in", 17 * INCH, 11 * INCH, ((0.0, 0.0), (LETTER[0], 0.0)), 0.0, False)


def one_up_letter() -> Sheet:
    return Sheet("8.5 x 11 in (Letter)", LETTER[0], LETTER[1], ((0.0, 0.0),), 0.0, False)


SHEETS = {"2-up": two_up_12x18, "2-up-13x19": two_up_13x19, "2-up-11x17": two_up_11x17,
          "1-up": one_up_letter}


def sheets_for(copies: int, sheet: Sheet) -> int:
    return math.ceil(copies / sheet.up)


def booklet_order(pages: int) -> list[tuple[int, int]]:
    """The reader pages (1-based) on each side of a saddle-stitched booklet's sheets, left
    then right: front of sheet 1, back of sheet 1, front of sheet 2... `pages` is a multiple
    of four. For 8: (8, 1), (2, 7), (6, 3), (4, 5)."""
    if pages % 4:
        raise ValueError(f"a booklet has a multiple of four pages, not {pages}")
    sides = []
    for sheet in range(pages // 4):
        sides.append((pages - 2 * sheet, 2 * sheet + 1))
        sides.append((2 * sheet + 2, pages - 2 * sheet - 1))
    return sides


def padded(pages: int) -> int:
    """How many blank pages make `pages` a multiple of four."""
    return -pages % 4


Placed = tuple[PageObject, int]  # a source page and the slot it goes in


def _arrangement(sheet: Sheet, placed: Sequence[Placed]) -> tuple[object, ...]:
    """What makes two sheets the same sheet: their size and the page in each slot."""
    return (sheet, *((id(source), slot) for source, slot in placed))


def distinct_sheets(sheets: Sequence[tuple[Sheet, Sequence[Placed]]]) -> list[int]:
    """The index of the first of each different sheet (a handout's hundred copies are one
    sheet printed fifty times: judged once, drawn by one content stream)."""
    first: dict[tuple[object, ...], int] = {}
    for index, (sheet, placed) in enumerate(sheets):
        first.setdefault(_arrangement(sheet, placed), index)
    return sorted(first.values())


def impose(sheets: Sequence[tuple[Sheet, Sequence[Placed]]], title: str, language: str
           ) -> bytes:
    """One PDF in `language` (its /Lang): a page per sheet, each source page drawn in its
    slot. Sheets alike share one content stream and its resources, so each copy more costs
    the file and the memory only its page's few bytes."""
    writer = PdfWriter()
    forms: dict[tuple[int, float], IndirectObject] = {}
    drawn: dict[tuple[object, ...], tuple[IndirectObject, IndirectObject]] = {}
    separation = objects.add(writer, _registration())
    for sheet, placed in sheets:
        page = writer.add_blank_page(sheet.width, sheet.height)
        key = _arrangement(sheet, placed)
        if key not in drawn:
            drawn[key] = _drawn(writer, sheet, placed, forms, separation)
        resources, content = drawn[key]
        page[NameObject("/Resources")] = resources
        page[NameObject("/Contents")] = content
    writer.add_metadata({"/Title": title, "/Creator": "The Life Story press"})
    writer.root_object[NameObject("/Lang")] = TextStringObject(language)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _drawn(writer: PdfWriter, sheet: Sheet, placed: Sequence[Placed],
           forms: dict[tuple[int, float], IndirectObject], separation: IndirectObject
           ) -> tuple[IndirectObject, IndirectObject]:
    """A sheet's resources and content stream: each source page (a Form XObject, made once
    for the whole file) drawn in its slot, and the marks."""
    xobjects = DictionaryObject()
    ops: list[str] = []
    for number, (source, slot) in enumerate(placed):
        key = (id(source), sheet.bleed)
        if key not in forms:
            forms[key] = objects.add(writer, _form(writer, source, sheet.bleed))
        name = f"/P{number}"
        xobjects[NameObject(name)] = forms[key]
        x, y = sheet.slots[slot]
        trim = source.trimbox
        ops.append(f"q 1 0 0 1 {_n(x - float(trim.left))} {_n(y - float(trim.bottom))} cm "
                   f"{name} Do Q")
    if sheet.marks:
        ops.append(_marks(sheet))
    resources = DictionaryObject({
        NameObject("/XObject"): xobjects,
        NameObject("/ColorSpace"): DictionaryObject({NameObject("/All"): separation})})
    content = DecodedStreamObject()
    content.set_data("\n".join(ops).encode("ascii"))
    return objects.add(writer, resources), objects.add(writer, content.flate_encode())


def pages_of(data: bytes) -> list[PageObject]:
    return list(PdfReader(io.BytesIO(data)).pages)


def _form(writer: PdfWriter, page: PageObject, bleed: float) -> EncodedStreamObject:
    """The page as a Form XObject, clipped to its trim box grown by `bleed`."""
    trim = page.trimbox
    box = ArrayObject([FloatObject(float(trim.left) - bleed), FloatObject(float(trim.bottom) - bleed),
                       FloatObject(float(trim.right) + bleed), FloatObject(float(trim.top) + bleed)])
    form = DecodedStreamObject()
    contents = page.get_contents()
    form.set_data(contents.get_data() if contents is not None else b"")
    encoded = form.flate_encode()
    encoded.update({
        NameObject("/Type"): NameObject("/XObject"),
        NameObject("/Subtype"): NameObject("/Form"),
        NameObject("/BBox"): box,
        NameObject("/Resources"): page["/Resources"].clone(writer)
        if "/Resources" in page else DictionaryObject()})
    return encoded


def _registration() -> ArrayObject:
    """The Separation color space All: a mark in it prints on every plate."""
    tint = DictionaryObject({
        NameObject("/FunctionType"): NumberObject(2),
        NameObject("/Domain"): ArrayObject([NumberObject(0), NumberObject(1)]),
        NameObject("/C0"): ArrayObject([NumberObject(0)] * 4),
        NameObject("/C1"): ArrayObject([NumberObject(1)] * 4),
        NameObject("/N"): NumberObject(1)})
    return ArrayObject([NameObject("/Separation"), NameObject("/All"),
                        NameObject("/DeviceCMYK"), tint])


def _marks(sheet: Sheet) -> str:
    """Crop marks at each trim corner of every slot (a sheet the last copy half fills is cut
    in the same stack), outside the bleed and at least EDGE from the sheet's edges; between
    two pages the marks of the cuts either side of the gutter stand above and below the
    sheet's pages only."""
    lines: list[tuple[float, float, float, float]] = []
    away = sheet.bleed + MARK_OFFSET
    lefts = sorted(x for x, _ in sheet.slots)
    for x, y in sheet.slots:
        right, top = x + LETTER[0], y + LETTER[1]
        below, above = _reach(y - away), _reach(sheet.height - top - away)
        for edge_x in (x, right):  # vertical marks, above and below
            lines += [(edge_x, y - away, edge_x, y - away - below),
                      (edge_x, top + away, edge_x, top + away + above)]
        if x == lefts[0]:  # horizontal marks on the outer left
            length = _reach(x - away)
            lines += [(x - away, y, x - away - length, y),
                      (x - away, top, x - away - length, top)]
        if x == lefts[-1]:  # and on the outer right
            length = _reach(sheet.width - right - away)
            lines += [(right + away, y, right + away + length, y),
                      (right + away, top, right + away + length, top)]
    path = " ".join(f"{_n(a)} {_n(b)} m {_n(c)} {_n(d)} l" for a, b, c, d in lines)
    return f"q /All CS 1 SC 0.25 w {path} S Q"


def _reach(room: float) -> float:
    """How long a mark may be that starts `room` from the sheet's edge: MARK_LENGTH, or
    shorter so that it ends EDGE from the edge."""
    length = min(MARK_LENGTH, room - EDGE)
    if length < MARK_SHORTEST:
        raise ValueError(f"no room for a crop mark: {room:.1f} pt to the sheet's edge")
    return length


def _n(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".")
