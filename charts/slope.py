"""A before/after slope: each group's count (or share) in two years of one jurisdiction."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import specs
from .common import ChartRequest, Description, column_in, described, figure, text_width
from .labels import BESIDE_PT, Placer, Style, gid, label, series_key, wrapped

if TYPE_CHECKING:
    from matplotlib.axes import Axes
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
        verb = (request.words("rose") if b > a else request.words("fell") if b < a
                else request.words("held steady"))
        values[f"{group}_direction"] = verb
        if spec.measure == "count" and a:
            change = 100.0 * (b - a) / a
            values[f"{group}_change"] = request.fmt.percent(change)
            values[f"{group}_change_abs"] = request.fmt.percent(abs(change))
        by = (request.say(" {change},", change=values[f"{group}_change_abs"])
              if f"{group}_change_abs" in values else "")
        sentences.append(request.say("{group}: {verb}{by} from {first} in {before} to {last} in "
                                     "{after}.", group=request.labels[group], verb=verb, by=by,
                                     first=_fmt(request, a), before=before,
                                     last=_fmt(request, b), after=after))
    where = request.fmt.place(spec.jurisdiction)
    said_of = {"measure": request.measure, "where": where, "before": before, "after": after}
    if spec.measure == "share":
        alt = request.say("Slope chart of the share of {measure} by group in {where}, {before} "
                          "and {after}.", **said_of)
    else:
        alt = request.say("Slope chart of the number of {measure} by group in {where}, "
                          "{before} and {after}.", **said_of)
    alt = " ".join([alt, *sentences])
    return described(request, values, alt, notes, said)


LABEL: Style = {"fontsize": 9.5, "fontweight": "bold"}
ROOM = 0.9 / 2.8  # the share of the axes' width kept for each column of labels (at least)
MIN_PLOT_IN = 0.5  # the plot's height at the least, where the press asks for no more


def draw(request: ChartRequest, description: Description) -> Figure:
    """Each group's line from its first value to its last, its labels at both ends in the
    order the lines start and end (each names its group); the plot as tall as the labels
    need."""
    from .ruler import Ruler

    pairs, _, _ = _pairs(request)
    ruler = Ruler()  # both figures measured by one renderer: each text once
    lowest = max(request.min_plot_in, MIN_PLOT_IN)
    fig, ax = figure(request, description, axis_in=0.3, min_axes_in=lowest, ruler=ruler)
    words = _words(fig, ax, request, pairs)
    needed = max(column_in(fig, [w[side] for w in words.values()], LABEL) for side in (0, 1))
    if needed > float(ax.bbox.height) / fig.dpi:
        fig, ax = figure(request, description, axis_in=0.3, min_axes_in=needed, ruler=ruler)
    palette = request.palette
    _frame(fig, ax, request, pairs, words)
    styles = {}
    for index, (group, (a, b)) in enumerate(pairs.items()):
        styles[group] = {"color": request.colors.get(group, palette["accent"]), **LABEL}
        ax.plot([0, 1], [a, b], color=styles[group]["color"], linestyle=["-", "--", ":"][index % 3],
                marker="o", markersize=6, markeredgecolor="white", gid=gid(index, "line"))
    placer = Placer(fig, ax, palette["muted"])
    left, right = ax.get_xlim()
    slope_pt = float(ax.bbox.width) / (right - left) / placer.scale  # a slope's width, points
    away = max(0.04 * slope_pt, BESIDE_PT)  # with room for a leader between label and point
    for side in (0, 1):
        placer.stack([(label(ax, words[group][side], (side, pairs[group][side]),
                             gid=gid(index, f"label-{side}"), **styles[group]),
                       (float(side), pairs[group][side]), series_key(index))
                      for index, group in enumerate(pairs)], 2.0 * side - 1, away)
    return fig


def _words(fig: Figure, ax: Axes, request: ChartRequest, pairs: dict[str, tuple[float, float]]
           ) -> dict[str, tuple[str, str]]:
    """Each group's labels, left ("Women  53,320") and right ("19,048  Women"); a label too
    wide for its column puts the group's name on lines of its own."""
    room = (0.5 - ROOM / 4) * float(ax.bbox.width) - BESIDE_PT * fig.dpi / 72
    words = {}
    for group, (a, b) in pairs.items():
        name, first, last = request.labels[group], _fmt(request, a), _fmt(request, b)
        # a count before a group's name reads as one phrase ("1 Boys"): the name comes first
        named_first = specs.slope(request.spec).measure == "count"
        left, right = f"{name}  {first}", f"{name}  {last}" if named_first else f"{last}  {name}"
        if _width(fig, left) > room or _width(fig, right) > room:
            name = wrapped(fig, name, room, 2, **LABEL)
            left = f"{name}\n{first}"
            right = f"{name}\n{last}" if named_first else f"{last}\n{name}"
        words[group] = (left, right)
    return words


def _width(fig: Figure, text: str) -> float:
    return max(text_width(fig, line, **LABEL) for line in text.split("\n")) * float(
        fig.bbox.width)


def _frame(fig: Figure, ax: Axes, request: ChartRequest, pairs: dict[str, tuple[float, float]],
           words: dict[str, tuple[str, str]]) -> None:
    """Limits wide enough for the labels at both ends, and the two years as ticks."""
    before, after = specs.slope(request.spec).years
    extra = (BESIDE_PT + 4) * fig.dpi / 72
    left, right = (max(ROOM, (max(_width(fig, w[side]) for w in words.values()) + extra)
                       / float(ax.bbox.width)) for side in (0, 1))
    middle = max(1 - left - right, 0.2)
    top = max(max(p) for p in pairs.values())
    ax.set_ylim(0, (top or 1) * 1.12)
    ax.set_xlim(-left / middle, 1 + right / middle)
    ax.set_xticks([0, 1])
    ax.set_xticklabels([str(before), str(after)], fontsize=9.5, fontweight="bold")
    ax.set_yticks([])
    ax.grid(False)
    ax.spines["bottom"].set_visible(False)
    ax.tick_params(axis="x", length=0)
    for x in (0, 1):
        ax.axvline(x, color=request.palette["rule"], linewidth=0.8, zorder=0)
