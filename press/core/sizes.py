"""The page geometry of each layout, stated once: paper, margins, the text column, the type
a handout is set in, the bleed, and the bounded fits a handout is tried with. The pages get
it through base.html (an @page rule and CSS variables), the charts are drawn at the
column's width, the imposition cuts at the bleed, and the fits' words are written from it.

A funder's rules (`Rules`: the least margin and the smallest type) reshape a layout: its
margins widened to the funder's, its type floor raised (render.py sets every smaller type
at the floor), and the handout's bounded fits kept at or above it (`fits`).
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
FIGURE_PT = {"brief": 64.0, "handout": 54.0, "single": 72.0}
# A sparse handout's one column (typeset.py): its statistic's figure beside its words, as wide
# as this at most; the room between its parts, at most this share of the text area; its
# larger words taken where they leave at least this room (pt) between its parts.
SINGLE_FIGURE_IN = 2.8
SINGLE_AIR = 0.1
SINGLE_AIR_MIN = 18.0
# The "Learn more at:" QR code's printed width, inches (its quiet zone included).
QR_IN = {"handout": 0.78, "brief": 1.0}
BODY_PT = 11.0  # the body type of every other document (common.css)
# A chart's plot area (the axes a trend's or a slope's lines are drawn in) is never less tall
# than this, inches: the chart grows to keep it, as it grows to print its notes in full.
PLOT_MIN_IN = 1.1
HANDOUT_BODY_PT = 10.5  # a handout's body type at its own size
HANDOUT_FLOOR_PT = 9.5  # ... and the smallest it is set in to fit
LINE_HEIGHT = 1.4




@dataclass(frozen=True)
class Rules:
    """A funder's rules that shape a layout (source/funders/*.yaml): the least distance from
    the page's edge to anything printed, every side, in inches, and the smallest type, in
    points; 0 where the funder sets none."""

    margin_in: float = 0.0
    type_pt: float = 0.0
    funder: str = ""  # the funder's file name (source/funders/<funder>.yaml)

    def __bool__(self) -> bool:
        return bool(self.margin_in or self.type_pt)

    def words(self) -> str:
        """How a message names them: "the rules of funder nih (margins of 1 in, type of at
        least 11 pt)"."""
        parts = [*([f"margins of {self.margin_in:g} in"] if self.margin_in else []),
                 *([f"type of at least {self.type_pt:g} pt"] if self.type_pt else [])]
        return f"the rules of funder {self.funder} ({', '.join(parts)})"


OWN = Rules()  # a layout as designed, no funder's rules
# The band a brief's running heads and page numbers take inside its top and bottom margins
# (brief.css: a line of up to 11 pt type, 10 pt from the text area): a funder's margin is
# kept outside it.
RUNNING_IN = 0.36
# A letter's ink may reach a little past its box (a j's hook, an italic's slant): a funder's
# margin is kept this much further in.
OVERHANG_IN = 0.03


def margins(name: str, rules: Rules = OWN) -> Margins:
    """A layout's margins (a name in MARGINS), widened where a funder asks for more."""
    own = MARGINS[name]
    if not rules.margin_in:
        return own
    least, band = rules.margin_in + OVERHANG_IN, RUNNING_IN if name == "brief" else 0.0
    return Margins(max(own.top, round(least + band, 3)), max(own.right, round(least, 3)),
                   max(own.bottom, round(least + band, 3)), max(own.left, round(least, 3)))


def column_in(kind: str, paper: str = "letter", rules: Rules = OWN) -> float:
    """The width of a layout's text column (a chart is drawn this wide)."""
    edges = margins(kind, rules)
    return round(PAPER[paper][0] - edges.left - edges.right, 2)


def figure_column_in(kind: str, paper: str = "letter", rules: Rules = OWN) -> float:
    """The widest a big figure may be set in the layout: a handout's side column, the
    brief's figure column at its widest."""
    if kind == "handout":
        main, side = HANDOUT_FLEX
        column = column_in("handout", paper, rules)
        return round((column - HANDOUT_GAP_IN) * side / (main + side), 3)
    return SINGLE_FIGURE_IN if kind == "single" else BRIEF_FIGURE_IN[1]


def block_in(kind: str, paper: str = "letter", rules: Rules = OWN) -> float:
    """The height of the block that fills a page of the layout: the brief's cover, a
    handout's sheet (its footer pinned to the foot)."""
    edges = margins("brief-cover" if kind == "brief" else kind, rules)
    return round(PAPER[paper][1] - edges.top - edges.bottom - SPARE_IN[kind], 2)


@dataclass(frozen=True)
class Fit:
    """One of the bounded fits a handout that does not fit its page is tried with."""

    tight: bool  # tighter spacing between blocks
    body_pt: float  # the body type's size

    def words(self) -> str:
        """How a message names it: "tighter spacing and 10 pt type"."""
        parts = ["tighter spacing"] if self.tight else []
        if self.body_pt < HANDOUT_BODY_PT:
            parts.append(f"{self.body_pt:g} pt type")
        return " and ".join(parts)


# In order: the handout's own layout, then tighter spacing, then the type down to the floor.
FITS = (Fit(False, HANDOUT_BODY_PT), Fit(True, HANDOUT_BODY_PT), Fit(True, 10.0),
        Fit(True, HANDOUT_FLOOR_PT))
LINE_PT = HANDOUT_BODY_PT * LINE_HEIGHT  # one line of a handout's body text


def fits(rules: Rules = OWN) -> tuple[Fit, ...]:
    """The bounded fits under a funder's type floor: none sets the body smaller than it."""
    if not rules.type_pt:
        return FITS
    return tuple(dict.fromkeys(Fit(f.tight, max(f.body_pt, rules.type_pt)) for f in FITS))
