"""A split: how one jurisdiction-year divides among groups (642 women, 278 men)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import specs
from .colors import text_on
from .common import ChartRequest, Counts, Description, NoData, described, figure
from .labels import Box, Placer, Spot, Style, label

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

LABEL_SIZE = 11
LABEL: Style = {"fontsize": LABEL_SIZE, "fontweight": "bold"}
GAP = 0.015  # between two labels, as a fraction of the chart's width


def _parts(request: ChartRequest) -> tuple[Counts, list[tuple[str, int]]]:
    """The place-year's whole base and the groups drawn in it, largest first (the
    highlighted group first of all)."""
    spec = specs.split(request.spec)
    base = request.whole(spec.jurisdiction, spec.year)
    parts = request.drawn(base)
    if spec.highlight and spec.highlight not in dict(parts):
        raise NoData(f'the {spec.jurisdiction} {spec.year} rows have no group "{spec.highlight}"')
    parts.sort(key=lambda p: (-p[1], p[0]))
    if spec.highlight:
        parts.sort(key=lambda p: p[0] != spec.highlight)
    return base, parts


def describe(request: ChartRequest) -> Description:
    spec = specs.split(request.spec)
    base, parts = _parts(request)
    lead = spec.highlight or parts[0][0]
    values = {"year": str(spec.year), "group": request.labels[lead].lower(),
              "total": request.fmt.count(base.total)}
    for group, count in parts:
        values[f"{group}_share"] = request.fmt.percent(base.share(group))
        values[f"{group}_count"] = request.fmt.count(count)
    values["highlight_share"] = values[f"{lead}_share"]
    pieces = [request.say("{group} {share} ({count})", group=request.labels[g].lower(),
                          share=values[f"{g}_share"], count=values[f"{g}_count"]) for g, _ in parts]
    pieces[0] = request.say("{group} were {share} ({count})", group=request.labels[lead].lower(),
                            share=values[f"{lead}_share"], count=values[f"{lead}_count"])
    alt = request.say_n("Bar chart. Of the one {measure} in {place} in {year}, {listed}.",
                        "Bar chart. Of the {total} {measure} in {place} in {year}, {listed}.",
                        base.total, total=values["total"], measure=request.counted(base.total),
                        place=request.fmt.place(spec.jurisdiction), year=spec.year,
                        listed=request.joined(pieces))
    shown = sum(int(base.share(g) + 0.5) for g, _ in parts)  # as fmt.percent rounds them
    values["shares_sum"] = request.fmt.percent(shown)
    rounded = (request.say("Shares are rounded, so they add up to {shown}.",
                           shown=request.fmt.percent(shown)) if shown != 100 else "")
    return described(request, values, alt, [request.base_note(base), rounded],
                     [request.extreme_note(base), request.small_note(base)])


ROWS = 3  # rows of labels above the bar, at most


def draw(request: ChartRequest, description: Description) -> Figure:
    base, parts = _parts(request)
    parts = [(group, count) for group, count in parts if count]  # none: no bar (a note says so)
    fig, ax = figure(request, description)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.axis("off")
    palette = request.palette
    widths = [count / base.total for _, count in parts]
    starts = [sum(widths[:i]) for i in range(len(parts))]
    for (group, _), width, start in zip(parts, widths, starts, strict=True):
        color = request.colors.get(group, palette["accent"])
        ax.barh(0.22, width, left=start, height=0.44, color=color, edgecolor="white",
                linewidth=2.5)
        if group in request.unrecorded:  # hatched: told apart in gray, whatever its color
            ax.barh(0.22, width, left=start, height=0.44, color="none", hatch="////",
                    edgecolor=palette["muted"], linewidth=0)
    placer = Placer(fig, ax, palette["muted"])
    ends = [0.0] * ROWS  # the right end of the last label on each row
    for (group, _), width, start in zip(parts, widths, starts, strict=True):
        color = request.colors.get(group, palette["accent"])
        ink = color if text_on(color, palette["ink"]) != palette["ink"] else palette["ink"]
        text = label(ax, f"{request.labels[group]}  {description.numbers[f'{group}_share']}",
                     (start, 0.58), color=ink, **LABEL)
        size = placer.put(text, Spot((start, 0.58), ha="left", va="bottom"))
        spots = _spots(placer, start, width, size, ends)
        chosen = placer.place(text, spots)
        if chosen is not None:
            ends[spots.index(chosen)] = chosen.xy[0] + (size[2] - size[0]) / _pixels(ax)
        _inside(request, placer, group, start, width, description)
    return fig


def _pixels(ax: Axes) -> float:
    return float(ax.bbox.width)


def _spots(placer: Placer, start: float, width: float, size: Box, ends: list[float]
           ) -> list[Spot]:
    """Where a segment's label may go: on the first row with room, as near the segment's
    start as it can be, never past the right edge; a leader joins a label that is not over
    its segment (or not on the first row) to it."""
    wide = (size[2] - size[0]) / _pixels(placer.ax)
    high = (size[3] - size[1] + 2 * placer.scale) / float(placer.ax.bbox.height)
    spots = []
    for row in range(ROWS):
        after = ends[row] + (GAP if ends[row] else 0.0)
        x = max(min(max(start, after), 1.0 - wide), 0.0)
        y = 0.58 + row * max(0.34, high)
        leader = row > 0 or not start - 1e-9 <= x <= start + width
        spots.append(Spot((x, y), ha="left", va="bottom", leader=leader,
                          to=(start + width / 2, 0.45)))
    return spots


def count_label(request: ChartRequest, count: int) -> str:
    """A segment's count in words: "642 arrests", and "1 arrest"."""
    return request.say("{count} {noun}", count=request.fmt.count(count), **request.nouns(count))


def _inside(request: ChartRequest, placer: Placer, group: str, start: float, width: float,
            description: Description) -> None:
    """The count written inside its segment, where it fits (the alt text says it too)."""
    if group in request.unrecorded:
        return
    spec = specs.split(request.spec)
    count = request.whole(spec.jurisdiction, spec.year).count(group)
    color = request.colors.get(group, request.palette["accent"])
    inside = label(placer.ax, count_label(request, count), (start + 0.012, 0.22),
                   fontsize=9.5, color=text_on(color, request.palette["ink"]))
    box = placer.put(inside, Spot((start + 0.012, 0.22), ha="left", va="center"))
    ax = placer.ax
    bar = ax.transData.transform([(start, 0.0), (start + width, 0.44)])
    if box[2] + 0.008 * _pixels(ax) > bar[1][0] or box[1] < bar[0][1] or box[3] > bar[1][1]:
        inside.remove()
