"""One group's share over time, for one to three jurisdictions, with direct labels."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import specs
from .common import ChartRequest, Counts, Description, NoData, described, figure
from .specs import YearNoteSpec

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

Series = list[tuple[int, float | None]]  # (year, share); None where the base is not whole


def _series(request: ChartRequest) -> tuple[dict[str, Series], list[str], list[str]]:
    """Each place's points (a year without a whole base is a gap, None), the notes on the
    gaps and rows not recorded, and the warnings (gaps, zeros, shares of 0% or 100%)."""
    spec = specs.trend(request.spec)
    first, last = spec.years
    result: dict[str, Series] = {}
    notes: list[str] = []
    said: list[str] = []
    for place in spec.jurisdictions:
        points: Series = []
        bases = {b.year: b for b in request.bases if b.jurisdiction == place
                 and first <= b.year <= last}
        gaps: list[str] = []
        for year in range(min(bases, default=first), max(bases, default=first - 1) + 1):
            base = bases.get(year)
            if base is None:
                points.append((year, None))
                gaps.append(f"No share is shown{_for(request, place)} in {year}: the data has "
                            "no rows for that year.")
            elif base.complete:
                points.append((base.year, base.share(spec.group)))
                said.append(request.extreme_note(base))
                if base.unrecorded:
                    notes.append(request.base_note(base))
            else:
                points.append((base.year, None))
                gaps.append(_gap(request, base))
        said.append(request.small_note(*(bases[y] for y, v in points if v is not None)))
        if sum(1 for _, v in points if v is not None) < 2:
            raise NoData(f"{place} has fewer than two years of data between {first} and "
                             f"{last} with a row for every group{': ' + gaps[0] if gaps else ''}")
        while points[-1][1] is None:  # a trend ends at its last point; the gap is noted
            points.pop()
        while points[0][1] is None:
            points.pop(0)
        result[place] = points
        said += gaps
    return result, notes, said


def _for(request: ChartRequest, place: str) -> str:
    return "" if len(specs.trend(request.spec).jurisdictions) == 1 else f" for {place}"


def _gap(request: ChartRequest, base: Counts) -> str:
    """Why a year is a gap in the line."""
    place = _for(request, base.jurisdiction)
    if base.missing:
        named = " or ".join(request.labels[g].lower() for g in base.missing)
        return f"No share is shown{place} in {base.year}: the data has no row for {named}."
    if base.recorded <= 0 and base.unrecorded:
        return (f"No share is shown{place} in {base.year}: none of its "
                f"{request.fmt.count(base.unrecorded)} {request.measure} has its {request.subject()} "
                "recorded.")
    if base.total <= 0:
        return f"No share is shown{place} in {base.year}: its {request.measure} add up to zero."
    return f"No share is shown{place} in {base.year}: its rows come from more than one source."


def describe(request: ChartRequest) -> Description:
    spec = specs.trend(request.spec)
    series, notes, said = _series(request)
    everything = [value for points in series.values() for _, value in points if value is not None]
    years = [year for points in series.values() for year, value in points if value is not None]
    values = {
        "first_year": str(min(years)), "last_year": str(max(years)),
        "min_share": request.fmt.percent(min(everything)),
        "max_share": request.fmt.percent(max(everything)),
        "group": request.labels[spec.group].lower(),
    }
    sentences = []
    for place, drawn in series.items():
        points = _points(drawn)
        first, last = points[0], points[-1]
        peak = max(points, key=lambda p: (p[1], -p[0]))
        low = min(points, key=lambda p: (p[1], p[0]))
        values.update({"first_share": request.fmt.percent(first[1]),
                       "last_share": request.fmt.percent(last[1])})

        def at(point: tuple[int, float]) -> str:
            return f"{request.fmt.percent(point[1])} in {point[0]}"

        sentences.append(f"{place}: {at(first)} and {at(last)}; the high was {at(peak)} and "
                         f"the low {at(low)}.")
    label = request.labels[spec.group]
    first_series = dict(_points(next(iter(series.values()))))
    marked = [f"Marked at {n.year}: {_note_text(request, n, first_series)}." for n in spec.annotate
              if not isinstance(n, str)]
    alt = (f"Line chart of {label.lower()}'s share of {request.measure}, {values['first_year']} "
           f"to {values['last_year']}. " + " ".join(sentences + marked))
    return described(request, values, alt, notes, said)


def _points(series: Series) -> list[tuple[int, float]]:
    """The points drawn (gaps left out)."""
    return [(year, value) for year, value in series if value is not None]


def draw(request: ChartRequest, description: Description) -> Figure:
    spec = specs.trend(request.spec)
    series, _, _ = _series(request)
    fig, ax = figure(request, description, left_in=0.42, axis_in=0.3)
    palette = request.palette
    colors = [palette["accent"], palette["ink"], palette["muted"]]
    styles = ["-", "--", ":"]
    first, last = spec.years
    for (place, drawn), color, style in zip(series.items(), colors, styles, strict=False):
        xs = [p[0] for p in drawn]
        ys = [float("nan") if p[1] is None else p[1] for p in drawn]  # a gap stays a gap
        ax.plot(xs, ys, color=color, linestyle=style)
        points = _points(drawn)
        lone = [p for i, p in enumerate(drawn) if p[1] is not None
                and (i == 0 or drawn[i - 1][1] is None) and (i == len(drawn) - 1 or drawn[i + 1][1] is None)]
        if lone:  # a point between two gaps is drawn as a dot, or it would not show
            ax.plot([year for year, _ in lone], [value for _, value in lone if value is not None],
                    "o", color=color, markersize=3)
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        if len(series) > 1:
            ax.text(xs[-1] + 0.4, ys[-1], place, fontsize=9.5, fontweight="bold", color=color,
                    va="center")
        marks = {"first": points[0], "last": points[-1],
                 "max": max(points, key=lambda p: (p[1], -p[0])),
                 "min": min(points, key=lambda p: (p[1], p[0]))}
        for name in spec.annotate:
            if not isinstance(name, str):
                _note(request, ax, name, dict(points), color)
                continue
            year, value = marks[name]
            ax.plot([year], [value], "o", color=color, markersize=5, markeredgecolor="white",
                    markeredgewidth=1)
            ha = "left" if year == first else "right" if year == last else "center"
            ax.annotate(f"{request.fmt.percent(value)}\n{year}" if name == "max" else
                        request.fmt.percent(value), (year, value), xytext=(0, 7),
                        textcoords="offset points", ha=ha, va="bottom", fontsize=9.5,
                        fontweight="bold", color=color, linespacing=1.0)
    ax.axhline(50, color=palette["muted"], linewidth=0.8, linestyle=(0, (2, 2)))
    ax.text(first, 48, f"Half of all {request.measure.split()[-1]}", fontsize=8.5,
            color=palette["muted"], va="top")
    ax.set_ylim(0, 112)  # headroom for the labels above the line
    ax.set_yticks([0, 25, 50, 75, 100])
    ax.set_yticklabels(["0", "25", "50", "75", "100%"])
    span = last - first
    step = 1 if span <= 6 else 2 if span <= 12 else 4 if span <= 30 else 10
    ticks = list(range(first, last + 1, step))
    if ticks[-1] != last:
        ticks[-1:] = [last] if last - ticks[-1] <= step / 2 else [ticks[-1], last]
    ax.set_xticks(ticks)
    ax.set_xlim(first - 0.6, last + (4 if len(series) > 1 else 0.6))
    ax.tick_params(axis="x", length=3)
    ax.spines["bottom"].set_color(palette["ink"])
    return fig


def _note_text(request: ChartRequest, note: YearNoteSpec, points: dict[int, float]) -> str:
    if note.year not in points:
        raise NoData(f"the label at {note.year} is outside the data's years")
    return str(note.text).replace("{share}", request.fmt.percent(points[note.year]))


def _note(request: ChartRequest, ax: Axes, note: YearNoteSpec, points: dict[int, float],
          color: str) -> None:
    """A label of the staff's own words below the line at one year."""
    value = points[note.year]
    ax.plot([note.year], [value], "o", color=color, markersize=5, markeredgecolor="white",
            markeredgewidth=1)
    ax.annotate(_note_text(request, note, points), (note.year, value), xytext=(0, -9),
                textcoords="offset points", ha="center", va="top", fontsize=8.5, color=color)
