"""The page geometry of each layout, stated once: paper, margins, the text column, the type
a handout is set in, the bleed, and the bounded fits a handout is tried with. The pages get
it through base.html (an @page rule and CSS variables), the charts are drawn at the
column's width, the imposition cuts at the bleed, and the fits' words are written from it.
"""

from __future__ import annotations

from dataclasses import dataclass

INCH = 72.0  # points
PAPER = {"letter": (8.5, 11.0), "a4": (8.27, 11.69)}  # inches, width and height
BLEED_IN = 0.125  # a print shop's bleed past the trim, every side


@dataclass(frozen=True)
class Margins:
    """Inches from the page's edge, as CSS writes them: top, right, bottom, left."""

    top: float
    right: float
    bottom: float
    left: float

    def css(self) -> str:
        return f"{self.top}in {self.right}in {self.bottom}in {self.left}in"


MARGINS = {
    "brief": Margins(0.95, 1.0, 0.9, 1.0),
    "brief-cover": Margins(0.9, 1.0, 0.9, 1.0),
    "handout": Margins(0.55, 0.6, 0.5, 0.6),
    "print-run": Margins(0.75, 0.75, 0.75, 0.75),
}
# What stands between the margins and the height a layout's fixed block takes: the brief's
# cover and a handout's sheet leave a little room, so rounding never pushes them over.
SPARE_IN = {"brief": 0.05, "handout": 0.1}
# A handout's two columns (main, side) and the gap between them; the side column holds the
# big figures, set at FIGURE_PT or smaller to fit it (press/layout/figures.py).
HANDOUT_FLEX = (1.45, 1.0)
HANDOUT_GAP_IN = 0.3
# A brief's statistic: the figure's column, at least and at most (inches), and its type.
BRIEF_FIGURE_IN = (1.9, 3.0)
FIGURE_PT = {"brief": 64.0, "handout": 54.0}
# The "Learn more at:" QR code's printed width, inches (its quiet zone included).
QR_IN = {"handout": 0.78, "brief": 1.0}
# A chart's plot area (the axes a trend's or a slope's lines are drawn in) is never less tall
# than this, inches: the chart grows to keep it, as it grows to print its notes in full.
PLOT_MIN_IN = 1.1
HANDOUT_BODY_PT = 10.5  # a handout's body type at its own size
HANDOUT_FLOOR_PT = 9.5  # ... and the smallest it is set in to fit
LINE_HEIGHT = 1.4


def column_in(kind: str, paper: str = "letter") -> float:
    """The width of a layout's text column (a chart is drawn this wide)."""
    margins = MARGINS[kind]
    return round(PAPER[paper][0] - margins.left - margins.right, 2)


def figure_column_in(kind: str, paper: str = "letter") -> float:
    """The widest a big figure may be set in the layout: a handout's side column, the
    brief's figure column at its widest."""
    if kind == "handout":
        main, side = HANDOUT_FLEX
        return round((column_in("handout", paper) - HANDOUT_GAP_IN) * side / (main + side), 3)
    return BRIEF_FIGURE_IN[1]


def block_in(kind: str, paper: str = "letter") -> float:
    """The height of the block that fills a page of the layout: the brief's cover, a
    handout's sheet (its footer pinned to the foot)."""
    margins = MARGINS["brief-cover" if kind == "brief" else kind]
    return round(PAPER[paper][1] - margins.top - margins.bottom - SPARE_IN[kind], 2)


@dataclass(frozen=True)
class Fit:
    """One of the bounded fits a handout that does not fit its page is tried with."""

    tight: bool  # tighter spacing between blocks
    body_pt: float  # the body type's size

    def words(self) -> str:
        """How a message names it: "tighter spacing and 10 pt type"."""
        parts = ["tighter spacing"] if self.tight else []
        if self.body_pt != HANDOUT_BODY_PT:
            parts.append(f"{self.body_pt:g} pt type")
        return " and ".join(parts)


# In order: the handout's own layout, then tighter spacing, then the type down to the floor.
FITS = (Fit(False, HANDOUT_BODY_PT), Fit(True, HANDOUT_BODY_PT), Fit(True, 10.0),
        Fit(True, HANDOUT_FLOOR_PT))
LINE_PT = HANDOUT_BODY_PT * LINE_HEIGHT  # one line of a handout's body text
