"""Big figures sized to their column: a statistic's figure (70%, 87.8%, 1,234,567) is set at
its layout's size, or smaller where that would not fit the column it stands in, measured
with the font it is printed in (its advance widths, from the brand's font file)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from press.source.load import Project

FIGURE_FAMILY = "Source Serif 4 Display"  # the figures' face (layouts/css/common.css)
SAFETY = 1.04  # kerning and rounding aside: 4% to spare
FLOOR_PT = 28.0  # a figure is never set smaller than this


def figure_font(project: Project) -> Path:
    """The font file a big figure is printed in: the figures' own face where the brand has
    it, else the display face nearest to semibold."""
    faces = project.brand.fonts.faces
    own = [f for f in faces if f.family == FIGURE_FAMILY]
    display = [f for f in faces if f.family == project.brand.fonts.display and f.style == "normal"]
    face = (own or sorted(display, key=lambda f: abs(f.weight - 600)) or faces)[0]
    return project.root / "layouts" / "fonts" / face.file


@cache
def _advances(font: Path) -> tuple[dict[int, float], float]:
    """Each character's advance as a share of the type size, and the average one."""
    from fontTools.ttLib import TTFont

    with TTFont(str(font), lazy=True) as ttf:
        per_em = float(ttf["head"].unitsPerEm)
        metrics = ttf["hmtx"].metrics
        widths = {code: metrics[name][0] / per_em
                  for code, name in ttf.getBestCmap().items() if name in metrics}
    return widths, sum(widths.values()) / max(1, len(widths))


def width_em(text: str, font: Path) -> float:
    """How wide `text` is set in `font`, in ems."""
    widths, average = _advances(font)
    return sum(widths.get(ord(char), average) for char in text)


def figure_pt(text: str, font: Path, column_in: float, own_pt: float) -> float:
    """The size to set a figure at: its layout's own, or what fits `column_in`."""
    wide = width_em(text, font) * SAFETY
    fits = column_in * 72.0 / wide if wide else own_pt
    return round(max(FLOOR_PT, min(own_pt, fits)), 1)
