"""A before/after slope: each group's count (or share) in two years of one jurisdiction."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import specs
from .common import ChartRequest, Description, described, figure

if TYPE_CHECKING:
    from matplotlib.figure import Figure


def _pairs(request: ChartRequest) -> tuple[dict[str, tuple[float, float]], list[str], list[str]]:
    """Each group's count (or share) in the two years, from their whole bases; the notes
    (rows not recorded) and warnings (a zero, a share of 0% or 100%)."""
    spec = specs.slope(request.spec)
    ends = [request.whole(spec.jurisdiction, year) for year in spec.years]
    groups = [g for g, _ in request.drawn(ends[0])]
    groups += [g for g, _ in request.drawn(ends[1]) if g not in groups]
    result: dict[str, tuple[float, float]] = {}
    for group in groups:
        values = [base.share(group) if spec.measure == "share" else float(base.count(group))
                  for base in ends]
        result[group] = (values[0], values[1])
    notes = [request.base_note(base) for base in ends]
    said = [*(request.extreme_note(base) for base in ends), request.small_note(*ends)]
    return result, notes, said


def _fmt(request: ChartRequest, value: float) -> str:
    if specs.slope(request.spec).measure == "share":
        return request.fmt.percent(value)
    return request.fmt.count(value)


def describe(request: ChartRequest) -> Description:
    spec = specs.slope(request.spec)
    pairs, notes, said = _pairs(request)
    before, after = spec.years
    values = {"first_year": str(before), "last_year": str(after)}
    sentences = []
    for group, (a, b) in pairs.items():
        values[f"{group}_first"] = _fmt(request, a)
        values[f"{group}_last"] = _fmt(request, b)
        verb = "rose" if b > a else "fell" if b < a else "held steady"
        values[f"{group}_direction"] = verb
        if spec.measure == "count" and a:
            change = 100.0 * (b - a) / a
            values[f"{group}_change"] = request.fmt.percent(change)
            values[f"{group}_change_abs"] = request.fmt.percent(abs(change))
        by = f" {values[f'{group}_change_abs']}," if f"{group}_change_abs" in values else ""
        sentences.append(f"{request.labels[group]}: {verb}{by} from {_fmt(request, a)} in "
                         f"{before} to {_fmt(request, b)} in {after}.")
    what = "share" if spec.measure == "share" else "number"
    where = request.fmt.place(spec.jurisdiction)
    alt = (f"Slope chart of the {what} of {request.measure} by group in {where}, {before} and "
           f"{after}. " + " ".join(sentences))
    return described(request, values, alt, notes, said)


def draw(request: ChartRequest, description: Description) -> Figure:
    spec = specs.slope(request.spec)
    pairs, _, _ = _pairs(request)
    before, after = spec.years
    fig, ax = figure(request, description, axis_in=0.3)
    palette = request.palette
    for index, (group, (a, b)) in enumerate(pairs.items()):
        color = request.colors.get(group, palette["accent"])
        style = ["-", "--", ":"][index % 3]
        ax.plot([0, 1], [a, b], color=color, linestyle=style, marker="o", markersize=6,
                markeredgecolor="white")
        label = request.labels[group]
        ax.text(-0.04, a, f"{label}  {_fmt(request, a)}", ha="right", va="center", fontsize=9.5,
                fontweight="bold", color=color)
        ax.text(1.04, b, f"{_fmt(request, b)}  {label}", ha="left", va="center", fontsize=9.5,
                fontweight="bold", color=color)
    top = max(max(p) for p in pairs.values())
    ax.set_ylim(0, top * 1.12)
    ax.set_xlim(-0.9, 1.9)
    ax.set_xticks([0, 1])
    ax.set_xticklabels([str(before), str(after)], fontsize=9.5, fontweight="bold")
    ax.set_yticks([])
    ax.grid(False)
    ax.spines["bottom"].set_visible(False)
    ax.tick_params(axis="x", length=0)
    for x in (0, 1):
        ax.axvline(x, color=palette["rule"], linewidth=0.8, zorder=0)
    return fig
