"""A big-number callout: one computed statistic, very large, with its one-line meaning."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from .common import ChartRequest, Description, NoData, described, figure, text_width, wrap
from .labels import PAD_PT, Placer, Spot, label, wrapped

if TYPE_CHECKING:
    from matplotlib.figure import Figure


def describe(request: ChartRequest) -> Description:
    if request.big_number is None:
        raise NoData("a big-number chart needs a statistic")
    value, meaning, context = request.big_number
    values = {"value": value, "context": context}
    return described(request, values, f"{value}. {meaning}")


VALUE_PT = 60.0  # the statistic's size where it fits; smaller where it would not
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
    number = label(ax, value, (0, middle), fontsize=VALUE_PT, fontweight="bold",
                   color=request.palette["accent"])
    at = Spot((0, middle), ha="left", va="center")
    box = placer.put(number, at)
    width = float(ax.bbox.width)
    fits = min(1.0, (high - low - 2 * (PAD_PT + 0.5) * placer.scale) / (box[3] - box[1]),
               0.55 * width / (box[2] - box[0]))
    number.set_fontsize(math.floor(VALUE_PT * fits * 2) / 2)  # in half points: same bytes
    left = max(0.42, placer.put(number, at)[2] / width + 0.04)
    placer.place(number, [at])
    for size in MEANING_PT:  # the meaning is in the alt text too, if it fits at none
        words = wrap(meaning, 42)  # as it was always set, where that fits; else narrower
        if max(text_width(fig, line, fontsize=size) for line in words.split("\n")) > 1 - left:
            words = wrapped(fig, meaning, (1 - left) * width, fontsize=size)
        text = label(ax, words, (left, middle), fontsize=size, color=request.palette["ink"],
                     linespacing=1.3)
        if placer.place(text, [Spot((left, middle), ha="left", va="center")]):
            break
    return fig


def _band(placer: Placer) -> tuple[float, float]:
    """The band (display y) between the texts below the axes' middle (the foot) and those
    above it (title and subtitle)."""
    bbox = placer.ax.bbox
    middle = (float(bbox.y0) + float(bbox.y1)) / 2
    below = [b[3] for b in placer.texts if b[3] <= middle]
    above = [b[1] for b in placer.texts if b[1] >= middle]
    return max(below, default=0.0), min(above, default=float(placer.fig.bbox.height))
