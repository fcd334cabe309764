"""A split: how one jurisdiction-year divides among groups (642 women, 278 men)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from press import numbers

from .common import ChartRequest, Description, described, figure

if TYPE_CHECKING:
    from matplotlib.figure import Figure


def _parts(request: ChartRequest) -> list[tuple[str, int]]:
    spec = request.spec
    rows = [r for r in request.rows if r.jurisdiction == spec.jurisdiction and r.year == spec.year]
    if not rows:
        raise ValueError(f"no rows for {spec.jurisdiction} in {spec.year}")
    if spec.highlight and spec.highlight not in {r.group for r in rows}:
        raise ValueError(f'the {spec.jurisdiction} {spec.year} rows have no group "{spec.highlight}"')
    if not sum(r.count for r in rows):
        raise ValueError(f"the {spec.jurisdiction} {spec.year} rows add up to zero")
    parts = sorted(((r.group, r.count) for r in rows), key=lambda p: (-p[1], p[0]))
    if spec.highlight:
        parts.sort(key=lambda p: p[0] != spec.highlight)
    return parts


def describe(request: ChartRequest) -> Description:
    spec = request.spec
    parts = _parts(request)
    total = sum(count for _, count in parts)
    lead = spec.highlight or parts[0][0]
    values = {"year": str(spec.year), "group": request.labels[lead].lower(),
              "total": numbers.count(total)}
    for group, count in parts:
        values[f"{group}_share"] = numbers.percent(numbers.share(count, total))
        values[f"{group}_count"] = numbers.count(count)
    values["highlight_share"] = values[f"{lead}_share"]
    pieces = [f"{request.labels[g].lower()} {values[f'{g}_share']} ({values[f'{g}_count']})"
              for g, _ in parts]
    pieces[0] = pieces[0].replace(" ", " were ", 1)
    listed = ", ".join(pieces[:-1]) + f" and {pieces[-1]}" if len(pieces) > 1 else pieces[0]
    alt = (f"Bar chart. Of the {values['total']} {request.measure} in "
           f"{numbers.place(spec.jurisdiction)} in {spec.year}, {listed}.")
    return described(request, values, alt)


def draw(request: ChartRequest, description: Description) -> Figure:
    parts = _parts(request)
    total = sum(count for _, count in parts)
    fig, ax = figure(request, description)
    palette = request.palette
    colors = [palette.get(request.labels[g].lower(), palette["accent"]) for g, _ in parts]
    colors = [palette.get({"female": "women", "male": "men"}.get(g, g), c)
              for (g, _), c in zip(parts, colors, strict=True)]
    left = 0.0
    for (group, count), color in zip(parts, colors, strict=True):
        width = count / total
        ax.barh(0.22, width, left=left, height=0.44, color=color, edgecolor="white",
                linewidth=2.5)
        share = description.numbers[f"{group}_share"]
        number = description.numbers[f"{group}_count"]
        ax.text(left + 0.004, 0.58, f"{request.labels[group]}  {share}", fontsize=11,
                fontweight="bold", color=color if _is_dark(color) else palette["ink"],
                va="bottom", ha="left")
        if width > 0.12:
            ax.text(left + 0.012, 0.22, f"{number} {request.measure.split()[-1]}", fontsize=9.5,
                    va="center", ha="left", color="white" if _is_dark(color) else palette["ink"])
        left += width
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.axis("off")
    return fig


def _is_dark(color: str) -> bool:
    red, green, blue = (int(color[i:i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue < 0.45
