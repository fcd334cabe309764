"""One group's share over time, for one to three jurisdictions, with direct labels."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from press import numbers

from .common import ChartRequest, Description, described, figure

if TYPE_CHECKING:
    from matplotlib.figure import Figure

Series = list[tuple[int, float]]


def _series(request: ChartRequest) -> dict[str, Series]:
    spec = request.spec
    first, last = spec.years
    result: dict[str, Series] = {}
    for place in spec.jurisdictions:
        points: Series = []
        years = sorted({r.year for r in request.rows if r.jurisdiction == place
                        and first <= r.year <= last})
        for year in years:
            rows = [r for r in request.rows if r.jurisdiction == place and r.year == year]
            part = sum(r.count for r in rows if r.group == spec.group)
            total = sum(r.count for r in rows)
            if total:
                points.append((year, numbers.share(part, total)))
        if len(points) < 2:
            raise ValueError(f"{place} has fewer than two years of data between {first} and {last}")
        result[place] = points
    return result


def describe(request: ChartRequest) -> Description:
    spec = request.spec
    series = _series(request)
    everything = [value for points in series.values() for _, value in points]
    years = [year for points in series.values() for year, _ in points]
    values = {
        "first_year": str(min(years)), "last_year": str(max(years)),
        "min_share": numbers.percent(min(everything)), "max_share": numbers.percent(max(everything)),
        "group": request.labels[spec.group].lower(),
    }
    sentences = []
    for place, points in series.items():
        first, last = points[0], points[-1]
        peak = max(points, key=lambda p: (p[1], -p[0]))
        low = min(points, key=lambda p: (p[1], p[0]))
        values.update({"first_share": numbers.percent(first[1]),
                       "last_share": numbers.percent(last[1])})
        def at(point: tuple[int, float]) -> str:
            return f"{numbers.percent(point[1])} in {point[0]}"

        sentences.append(f"{place}: {at(first)} and {at(last)}; the high was {at(peak)} and "
                         f"the low {at(low)}.")
    label = request.labels[spec.group]
    first_series = next(iter(series.values()))
    notes = [f"Marked at {n.year}: {_note_text(n, dict(first_series))}." for n in spec.annotate
             if not isinstance(n, str)]
    alt = (f"Line chart of {label.lower()}'s share of {request.measure}, {values['first_year']} "
           f"to {values['last_year']}. " + " ".join(sentences + notes))
    return described(request, values, alt)


def draw(request: ChartRequest, description: Description) -> Figure:
    spec = request.spec
    series = _series(request)
    fig, ax = figure(request, description, left_in=0.42, axis_in=0.3)
    palette = request.palette
    colors = [palette["accent"], palette["ink"], palette["muted"]]
    styles = ["-", "--", ":"]
    first, last = spec.years
    for (place, points), color, style in zip(series.items(), colors, styles, strict=False):
        xs = [p[0] for p in points]
        ys = [p[1] for p in points]
        ax.plot(xs, ys, color=color, linestyle=style)
        if len(series) > 1:
            ax.text(xs[-1] + 0.4, ys[-1], place, fontsize=9.5, fontweight="bold", color=color,
                    va="center")
        marks = {"first": points[0], "last": points[-1],
                 "max": max(points, key=lambda p: (p[1], -p[0])),
                 "min": min(points, key=lambda p: (p[1], p[0]))}
        for name in spec.annotate:
            if not isinstance(name, str):
                _note(ax, name, dict(points), color)
                continue
            year, value = marks[name]
            ax.plot([year], [value], "o", color=color, markersize=5, markeredgecolor="white",
                    markeredgewidth=1)
            ha = "left" if year == first else "right" if year == last else "center"
            ax.annotate(f"{numbers.percent(value)}\n{year}" if name == "max" else
                        numbers.percent(value), (year, value), xytext=(0, 7),
                        textcoords="offset points", ha=ha, va="bottom", fontsize=9.5,
                        fontweight="bold", color=color, linespacing=1.0)
    ax.axhline(50, color=palette["muted"], linewidth=0.8, linestyle=(0, (2, 2)))
    ax.text(first, 48, f"Half of all {request.measure.split()[-1]}", fontsize=8.5,
            color=palette["muted"], va="top")
    ax.set_ylim(0, 112)  # headroom for the labels above the line
    ax.set_yticks([0, 25, 50, 75, 100])
    ax.set_yticklabels(["0", "25", "50", "75", "100%"])
    span = last - first
    step = 2 if span <= 12 else 4 if span <= 30 else 10
    ticks = list(range(first, last + 1, step))
    if ticks[-1] != last:
        ticks[-1:] = [last] if last - ticks[-1] <= step / 2 else [ticks[-1], last]
    ax.set_xticks(ticks)
    ax.set_xlim(first - 0.6, last + (4 if len(series) > 1 else 0.6))
    ax.tick_params(axis="x", length=3)
    ax.spines["bottom"].set_color(palette["ink"])
    return fig


def _note_text(note: Any, points: dict[int, float]) -> str:
    if note.year not in points:
        raise ValueError(f"the label at {note.year} is outside the data's years")
    return str(note.text).replace("{share}", numbers.percent(points[note.year]))


def _note(ax: Any, note: Any, points: dict[int, float], color: str) -> None:
    """A label of the staff's own words below the line at one year."""
    value = points[note.year]
    ax.plot([note.year], [value], "o", color=color, markersize=5, markeredgecolor="white",
            markeredgewidth=1)
    ax.annotate(_note_text(note, points), (note.year, value), xytext=(0, -9),
                textcoords="offset points", ha="center", va="top", fontsize=8.5, color=color)
