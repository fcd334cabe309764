"""A big-number callout: one computed statistic, very large, with its one-line meaning."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from .common import ChartRequest, Description, NoData, described, figure, text_width, wrap
from .labels import PAD_PT, Placer, Spot, label, wrapped

if TYPE_CHECKING:
    from matplotlib.figure import Figure
    from matplotlib.text import Annotation


def describe(request: ChartRequest) -> Description:
    if request.big_number is None:
        raise NoData("a big-number chart needs a statistic")
    value, meaning, context = request.big_number
    values = {"value": value, "context": context}
    return described(request, values, f"{value}. {meaning}")


VALUE_PT = 60.0  # the statistic's size where it fits; smaller where it would not
SHARES = (0.55, 0.42, 0.3)  # of the width the statistic may take, tried until the meaning fits
MEANING_PT = (11.0, 10.0, 9.0)  # the meaning's sizes, tried in turn until it fits


def draw(request: ChartRequest, description: Description) -> Figure:
    assert request.big_number is not None
    value, meaning, _ = request.big_number
    fig, ax = figure(request, description)
    ax.axis("off")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    placer = Placer(fig, ax, request.palette["muted"])
    low, high = _band(placer)
    middle = float(ax.transData.inverted().transform((0, (low + high) / 2))[1])
    number = label(ax, value, (0, middle), fontweight="bold", color=request.palette["accent"])
    words = label(ax, meaning, (0, middle), color=request.palette["ink"], linespacing=1.3)
    at = Spot((0, middle), ha="left", va="center")
    beside = at
    for share in SHARES:
        right = _fit(placer, number, at, share, (low, high))
        beside = Spot((max(0.42, right + 0.04) if share == SHARES[0] else right + 0.04, middle),
                      ha="left", va="center")
        if _said(placer, words, meaning, beside, (low, high)):
            break
    else:  # the meaning is in the alt text too; the statistic as large as it may be
        words.set_text("")
        _fit(placer, number, at, SHARES[0], (low, high))
    placer.place(number, [at])
    if words.get_text():
        placer.place(words, [beside])
    else:
        words.remove()
    return fig


def _fit(placer: Placer, number: Annotation, at: Spot, share: float,
         band: tuple[float, float]) -> float:
    """Size the statistic to the band's height and `share` of the width, at most VALUE_PT
    (in half points: the same bytes every time); where its right edge then is (0-1)."""
    width = float(placer.ax.bbox.width)
    number.set_fontsize(VALUE_PT)
    box = placer.put(number, at)
    fits = min(1.0, (band[1] - band[0] - 2 * (PAD_PT + 0.5) * placer.scale) / (box[3] - box[1]),
               share * width / (box[2] - box[0]))
    number.set_fontsize(math.floor(VALUE_PT * fits * 2) / 2)
    return placer.put(number, at)[2] / width


def _said(placer: Placer, words: Annotation, meaning: str, spot: Spot,
          band: tuple[float, float]) -> bool:
    """Set the meaning beside the statistic, no higher or lower than it may be: at the
    first size of MEANING_PT at which it fits (True), else not (False)."""
    fig, width = placer.fig, 1 - spot.xy[0]
    for size in MEANING_PT:
        lines = [wrap(meaning, 42),  # as it was always set, else as wide as there is room
                 wrapped(fig, meaning, width * float(placer.ax.bbox.width), fontsize=size)]
        for text in dict.fromkeys(lines):
            if max(text_width(fig, line, fontsize=size) for line in text.split("\n")) > width:
                continue
            words.set_text(text)
            words.set_fontsize(size)
            box = placer.put(words, spot)
            if band[0] <= box[1] and box[3] <= band[1] and placer.free(box):
                return True
    return False


def _band(placer: Placer) -> tuple[float, float]:
    """The band (display y) between the texts below the axes' middle (the foot) and those
    above it (title and subtitle)."""
    bbox = placer.ax.bbox
    middle = (float(bbox.y0) + float(bbox.y1)) / 2
    below = [b[3] for b in placer.texts if b[3] <= middle]
    above = [b[1] for b in placer.texts if b[1] >= middle]
    return max(below, default=0.0), min(above, default=float(placer.fig.bbox.height))
