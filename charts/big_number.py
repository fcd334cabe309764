"""A big-number callout: one computed statistic, very large, with its one-line meaning."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .common import ChartRequest, Description, NoData, described, figure, wrap

if TYPE_CHECKING:
    from matplotlib.figure import Figure


def describe(request: ChartRequest) -> Description:
    if request.big_number is None:
        raise NoData("a big-number chart needs a statistic")
    value, meaning, context = request.big_number
    values = {"value": value, "context": context}
    return described(request, values, f"{value}. {meaning}")


def draw(request: ChartRequest, description: Description) -> Figure:
    assert request.big_number is not None
    value, meaning, _ = request.big_number
    fig, ax = figure(request, description)
    ax.axis("off")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.text(0, 0.5, value, fontsize=60, fontweight="bold", color=request.palette["accent"],
            va="center", ha="left")
    ax.text(0.42, 0.5, wrap(meaning, 42), fontsize=11, color=request.palette["ink"], va="center",
            ha="left", linespacing=1.3)
    return fig
