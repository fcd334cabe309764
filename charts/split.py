"""A split: how one jurisdiction-year divides among groups (642 women, 278 men)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import specs
from .colors import text_on
from .common import ChartRequest, Counts, Description, NoData, column_in, described, figure
from .labels import Box, Placer, Spot, Style, gid, label, series_key

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from .ruler import Ruler

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
    nouns = request.nouns(base.total)  # "{total} {noun}": "1 arrest", "3 arrests"
    values |= {f"total_{name}": f"{values['total']} {noun}"
               for name, noun in (("measure", request.counted(base.total)), *nouns.items())}
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


ABOVE = 0.58  # where the first row of labels starts, a share of the axes' height


def draw(request: ChartRequest, description: Description) -> Figure:
    """The bar, each segment's label above it on the first row with room. Where a label finds
    none, the chart is drawn again a row taller (as many rows as there are groups); where
    that is not enough (narrow segments side by side, whose leaders would cross each other's
    labels), the labels left over are set in a key on a row of their own at the top, each
    beside a swatch of its segment."""
    from .ruler import Ruler

    base, parts = _parts(request)
    ruler = Ruler()  # every figure drawn measured by one renderer: each text once
    parts = [(group, count) for group, count in parts if count]  # none: no bar (a note says so)
    rows, keyed = 1, frozenset[str]()
    fig, dropped = _draw(request, description, base, parts, rows, keyed, ruler)
    while dropped - keyed:
        if rows < len(parts) - len(keyed):
            taller, still = _draw(request, description, base, parts, rows + 1, keyed,
                                   ruler)
            if len(still) < len(dropped):  # the row more gave a label its spot
                rows, fig, dropped = rows + 1, taller, still
                continue
        keyed |= dropped
        fig, dropped = _draw(request, description, base, parts, rows, keyed, ruler)
    return fig


def _draw(request: ChartRequest, description: Description, base: Counts,
          parts: list[tuple[str, int]], rows: int, keyed: frozenset[str], ruler: Ruler
          ) -> tuple[Figure, frozenset[str]]:
    """The chart with room for `rows` rows of labels at the least (and a row for the key of
    the groups `keyed`); the groups whose label found no spot."""
    fig, ax = figure(request, description, ruler=ruler)
    texts = [f"{request.labels[group]}  {description.numbers[f'{group}_share']}"
             for group, _ in parts]
    row_in = max((column_in(fig, [text], LABEL) for text in texts), default=0.0)
    wanted = rows + (1 if keyed else 0)
    if wanted > 1:
        fig, ax = figure(request, description, min_axes_in=wanted * row_in / (1 - ABOVE),
                         ruler=ruler)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.axis("off")
    palette = request.palette
    widths = [count / base.total for _, count in parts]
    starts = [sum(widths[:i]) for i in range(len(parts))]
    for index, ((group, _), width, start) in enumerate(zip(parts, widths, starts, strict=True)):
        _segment(ax, request, group, index, start, width)
    placer = Placer(fig, ax, palette["muted"])
    height_in = float(ax.bbox.height) / fig.dpi
    ends = [0.0] * max(1, int((1 - ABOVE) * height_in / row_in + 1e-6)) if row_in else [0.0]
    if keyed and len(ends) > 1:
        ends.pop()  # the top row is the key's
    dropped = set()
    for index, ((group, _), width, start) in enumerate(zip(parts, widths, starts, strict=True)):
        color = request.colors.get(group, palette["accent"])
        ink = color if text_on(color, palette["ink"]) != palette["ink"] else palette["ink"]
        if group not in keyed:
            text = label(ax, texts[index], (start, ABOVE), color=ink, gid=gid(index, "label"),
                         **LABEL)
            size = placer.put(text, Spot((start, ABOVE), ha="left", va="bottom"))
            spots = _spots(placer, start, width, size, ends)
            chosen = placer.place(text, spots, series_key(index))
            if chosen is None:
                dropped.add(group)
            else:
                ends[spots.index(chosen)] = chosen.xy[0] + (size[2] - size[0]) / _pixels(ax)
        _inside(request, placer, group, start, width, description, index)
    if keyed:
        dropped |= _key(request, placer, [(i, g, texts[i]) for i, (g, _) in enumerate(parts)
                                          if g in keyed], ABOVE + len(ends) * row_in /
                        height_in)
    return fig, frozenset(dropped)


def _segment(ax: Axes, request: ChartRequest, group: str, index: int, start: float,
             width: float, height: float = 0.44, bottom: float = 0.0) -> None:
    """A group's segment of the bar (or its swatch in the key): its color, hatched where the
    group was not recorded (told apart in gray, whatever its color)."""
    palette = request.palette
    color = request.colors.get(group, palette["accent"])
    what = "bar" if height == 0.44 else "swatch"
    ax.barh(bottom + height / 2, width, left=start, height=height, color=color,
            edgecolor="white", linewidth=2.5 if what == "bar" else 0, gid=gid(index, what))
    if group in request.unrecorded:
        ax.barh(bottom + height / 2, width, left=start, height=height, color="none",
                hatch="////", edgecolor=palette["muted"], linewidth=0,
                gid=gid(index, f"{what}-hatch"))


def _key(request: ChartRequest, placer: Placer, items: list[tuple[int, str, str]], y: float
         ) -> set[str]:
    """The labels of `items` (index, group, words) set in a row at `y`, from the right edge
    leftward, each after a swatch of its segment; the groups it had no room for."""
    ax, right = placer.ax, 1.0
    left_out = set()
    for index, group, words in reversed(items):
        color = request.colors.get(group, request.palette["accent"])
        ink = color if text_on(color, request.palette["ink"]) != request.palette["ink"] \
            else request.palette["ink"]
        text = label(ax, words, (right, y), color=ink, gid=gid(index, "key"), **LABEL)
        if placer.place(text, [Spot((right, y), ha="right", va="bottom")], series_key(index)) \
                is None:
            left_out.add(group)
            continue
        box = placer.texts[-1]
        high = (box[3] - box[1]) * 0.7 / float(ax.bbox.height)
        wide = high * float(ax.bbox.height) / _pixels(ax)  # a square
        x = right - (box[2] - box[0] + 4 * placer.scale) / _pixels(ax) - wide
        _segment(ax, request, group, index, x, wide, high, y + high * 0.2)
        right = x - GAP * 2
    return left_out


def _pixels(ax: Axes) -> float:
    return float(ax.bbox.width)


def _spots(placer: Placer, start: float, width: float, size: Box, ends: list[float]
           ) -> list[Spot]:
    """Where a segment's label may go: on the first row (of `ends`) with room, as near the segment's
    start as it can be, never past the right edge; a leader joins a label that is not over
    its segment (or not on the first row) to it."""
    wide = (size[2] - size[0]) / _pixels(placer.ax)
    high = (size[3] - size[1] + 2 * placer.scale) / float(placer.ax.bbox.height)
    spots = []
    for row in range(len(ends)):
        after = ends[row] + (GAP if ends[row] else 0.0)
        x = max(min(max(start, after), 1.0 - wide), 0.0)
        y = ABOVE + row * high
        leader = row > 0 or not start - 1e-9 <= x <= start + width
        spots.append(Spot((x, y), ha="left", va="bottom", leader=leader,
                          to=(start + width / 2, 0.45)))
    return spots


def count_label(request: ChartRequest, count: int) -> str:
    """A segment's count in words: "642 arrests", and "1 arrest"."""
    return request.say("{count} {noun}", count=request.fmt.count(count), **request.nouns(count))


def _inside(request: ChartRequest, placer: Placer, group: str, start: float, width: float,
            description: Description, index: int) -> None:
    """The count written inside its segment, where it fits (the alt text says it too)."""
    if group in request.unrecorded:
        return
    spec = specs.split(request.spec)
    count = request.whole(spec.jurisdiction, spec.year).count(group)
    color = request.colors.get(group, request.palette["accent"])
    inside = label(placer.ax, count_label(request, count), (start + 0.012, 0.22),
                   fontsize=9.5, color=text_on(color, request.palette["ink"]),
                   gid=gid(index, "count"))
    box = placer.put(inside, Spot((start + 0.012, 0.22), ha="left", va="center"))
    ax = placer.ax
    bar = ax.transData.transform([(start, 0.0), (start + width, 0.44)])
    if box[2] + 0.008 * _pixels(ax) > bar[1][0] or box[1] < bar[0][1] or box[3] > bar[1][1]:
        inside.remove()
