"""A split: how one jurisdiction-year divides among groups (642 women, 278 men)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import specs
from .colors import text_on
from .common import ChartRequest, Counts, Description, NoData, described, figure, text_width

if TYPE_CHECKING:
    from matplotlib.figure import Figure

LABEL_SIZE = 11
LABEL = {"fontsize": LABEL_SIZE, "fontweight": "bold"}
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
    pieces = [f"{request.labels[g].lower()} {values[f'{g}_share']} ({values[f'{g}_count']})"
              for g, _ in parts]
    pieces[0] = pieces[0].replace(" ", " were ", 1)
    listed = ", ".join(pieces[:-1]) + f" and {pieces[-1]}" if len(pieces) > 1 else pieces[0]
    alt = (f"Bar chart. Of the {values['total']} {request.measure} in "
           f"{request.fmt.place(spec.jurisdiction)} in {spec.year}, {listed}.")
    shown = sum(int(values[f"{g}_share"].rstrip("%")) for g, _ in parts)
    values["shares_sum"] = f"{shown}%"
    rounded = f"Shares are rounded, so they add up to {shown}%." if shown != 100 else ""
    return described(request, values, alt, [request.base_note(base), rounded],
                     [request.extreme_note(base), request.small_note(base)])


def label_places(starts: list[float], widths: list[float]) -> list[tuple[float, int]]:
    """Where each segment's label goes: (x, row), each as near its segment's start as it can
    be, never past the chart's right edge, never over another label (a second row takes
    what one row cannot hold)."""
    placed: list[tuple[float, int]] = []
    ends = [0.0, 0.0]  # the right end of the last label on each row
    for start, width in zip(starts, widths, strict=True):
        for row in (0, 1):
            x = min(max(start, ends[row] + (GAP if ends[row] else 0.0)), 1.0 - width)
            if x >= ends[row] + (GAP if ends[row] else 0.0) - 1e-9 or row == 1:
                placed.append((max(x, 0.0), row))
                ends[row] = max(x, 0.0) + width
                break
    return placed


def draw(request: ChartRequest, description: Description) -> Figure:
    base, parts = _parts(request)
    parts = [(group, count) for group, count in parts if count]  # none: no bar (a note says so)
    fig, ax = figure(request, description)
    palette = request.palette
    widths = [count / base.total for _, count in parts]
    starts = [sum(widths[:i]) for i in range(len(parts))]
    texts = [f"{request.labels[g]}  {description.numbers[f'{g}_share']}" for g, _ in parts]
    places = label_places(starts, [text_width(fig, t, **LABEL) for t in texts])
    for (group, _), width, start, text, (x, row) in zip(parts, widths, starts, texts, places,
                                                        strict=True):
        color = request.colors.get(group, palette["accent"])
        ax.barh(0.22, width, left=start, height=0.44, color=color, edgecolor="white",
                linewidth=2.5)
        if group in request.unrecorded:  # hatched: told apart in gray, whatever its colour
            ax.barh(0.22, width, left=start, height=0.44, color="none", hatch="////",
                    edgecolor=palette["muted"], linewidth=0)
        y = 0.58 + row * 0.34
        label = color if text_on(color, palette["ink"]) != palette["ink"] else palette["ink"]
        ax.text(x, y, text, color=label, va="bottom", fontsize=LABEL_SIZE, fontweight="bold",
                ha="left")
        if not start - 1e-9 <= x <= start + width:  # a leader from the label to its segment
            ax.plot([x + 0.005, start + width / 2], [y, 0.45], color=palette["muted"],
                    linewidth=0.6)
        inside = f"{description.numbers[f'{group}_count']} {request.measure.split()[-1]}"
        if group not in request.unrecorded and width > text_width(fig, inside, fontsize=9.5) + 0.02:
            ax.text(start + 0.012, 0.22, inside, fontsize=9.5, va="center", ha="left",
                    color=text_on(color, palette["ink"]))
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.axis("off")
    return fig
