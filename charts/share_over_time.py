"""One group's share over time, for one to three jurisdictions, with direct labels."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import specs
from .common import (
    ChartRequest,
    Counts,
    Description,
    NoData,
    column_in,
    described,
    figure,
    text_width,
)
from .labels import (
    BESIDE_PT,
    HA,
    Placer,
    Spot,
    Style,
    around,
    gid,
    label,
    series_key,
    wrapped,
)
from .specs import YearNoteSpec

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from .ruler import Ruler

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
                gaps.append(request.say("No share is shown{where} in {year}: the data has no "
                                        "rows for that year.", where=_for(request, place),
                                        year=year))
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
    if len(specs.trend(request.spec).jurisdictions) == 1:
        return ""
    return request.say(" for {place}", place=request.fmt.place(place))


def _gap(request: ChartRequest, base: Counts) -> str:
    """Why a year is a gap in the line."""
    said = {"where": _for(request, base.jurisdiction), "year": base.year,
            "measure": request.measure}
    if base.missing:
        named = request.joined([request.labels[g].lower() for g in base.missing], either=True)
        return request.say("No share is shown{where} in {year}: the data has no row for "
                           "{named}.", named=named, **said)
    if base.recorded <= 0 and base.unrecorded:
        return request.say_n("No share is shown{where} in {year}: its one {measure} does not "
                             "have its {subject} recorded.", "No share is shown{where} in "
                             "{year}: none of its {count} {measure} has its {subject} recorded.",
                             base.unrecorded, count=request.fmt.count(base.unrecorded),
                             subject=request.subject(),
                             **(said | {"measure": request.counted(base.unrecorded)}))
    if base.total <= 0:
        return request.say("No share is shown{where} in {year}: its {measure} add up to zero.",
                           **said)
    return request.say("No share is shown{where} in {year}: its rows come from more than one "
                       "source.", **said)


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
            return request.say("{share} in {year}", share=request.fmt.percent(point[1]),
                               year=point[0])

        sentences.append(request.say("{place}: {first} and {last}; the high was {high} and the "
                                     "low {low}.", place=_capital(request.fmt.place(place)),
                                     first=at(first),
                                     last=at(last), high=at(peak), low=at(low)))
    label = request.labels[spec.group]
    first_series = dict(_points(next(iter(series.values()))))
    marked = [request.say("Marked at {year}: {text}.", year=n.year,
                          text=_note_text(request, n, first_series))
              for n in spec.annotate if not isinstance(n, str)]
    alt = " ".join([request.say("Line chart of {group}'s share of {measure}, {first} to {last}.",
                                group=label.lower(), measure=request.measure,
                                first=values["first_year"], last=values["last_year"]),
                    *sentences, *marked])
    return described(request, values, alt, notes, said)


def _capital(text: str) -> str:
    """'the United States' -> 'The United States', to start a sentence."""
    return text[:1].upper() + text[1:]


def _points(series: Series) -> list[tuple[int, float]]:
    """The points drawn (gaps left out)."""
    return [(year, value) for year, value in series if value is not None]


CLEAR_PT = 2.5  # the half line's label from the line: clear of its stroke and PAD_PT
NAME_ROOM = 0.3  # at most this share of the axes' width for the places' names at the right
NAME: Style = {"fontsize": 9.5, "fontweight": "bold"}
MARK: Style = {"fontsize": 9.5, "fontweight": "bold", "linespacing": 1.0}
NOTE: Style = {"fontsize": 8.5}
MIN_PLOT_IN = 0.6  # the plot's height at the least, where the press asks for no more


def draw(request: ChartRequest, description: Description) -> Figure:
    """The trend, its labels each beside its own line. With several places, each place's
    name is set at the right of the lines, in the order the lines end, with its last value
    ("64%  Alder County"); a figure that would sit nearer another place's line than its own
    is said beside its place's name instead (as is a staff note with no room by its line),
    and the chart is drawn again."""
    from .ruler import Ruler

    series, _, _ = _series(request)
    ruler = Ruler()  # every figure drawn measured by one renderer: each text once
    folded: frozenset[tuple[str, int]] = frozenset()
    if len(series) > 1 and "last" in specs.trend(request.spec).annotate:
        folded = frozenset((place, _points(drawn)[-1][0]) for place, drawn in series.items())
    notes: frozenset[int] = frozenset()
    while True:
        fig, astray, unplaced = _draw(request, description, series, folded, notes, ruler)
        if astray <= folded and unplaced <= notes:
            return fig
        folded, notes = folded | astray, notes | unplaced


def _draw(request: ChartRequest, description: Description, series: dict[str, Series],
          folded: frozenset[tuple[str, int]], notes: frozenset[int], ruler: Ruler
          ) -> tuple[Figure, frozenset[tuple[str, int]], frozenset[int]]:
    """The chart with the values at `folded` (place, year), and the staff's notes at the
    years `notes`, said beside the places' names; the values whose labels found no spot
    beside their own line, and the years of the notes that found none."""
    spec = specs.trend(request.spec)
    lowest = max(request.min_plot_in, MIN_PLOT_IN)
    fig, ax = figure(request, description, left_in=0.42, axis_in=0.3, min_axes_in=lowest,
                     ruler=ruler)
    names = _names(fig, ax, request, series, folded, notes) if len(series) > 1 else {}
    needed = column_in(fig, list(names.values()), NAME)
    if needed > float(ax.bbox.height) / fig.dpi:  # the names need a taller plot
        fig, ax = figure(request, description, left_in=0.42, axis_in=0.3, min_axes_in=needed,
                         ruler=ruler)
    palette = request.palette
    colors = [palette["accent"], palette["ink"], palette["muted"]]
    _frame(fig, ax, request, max((_width(fig, n, NAME) for n in names.values()), default=0.0))
    for index, ((_, drawn), color) in enumerate(zip(series.items(), colors, strict=False)):
        _line(ax, drawn, color, index, _marked(spec, _points(drawn), index))
    start, end = ax.get_xlim()
    if names:  # the half line stops short of the places' names
        end = spec.years[1]
    ax.plot([start, end], [50, 50], color=palette["muted"], linewidth=0.8,
            linestyle=(0, (2, 2)))
    placer = Placer(fig, ax, palette["muted"])
    lasts = {place: _points(series[place])[-1] for place in names}
    at = max((year for year, _ in lasts.values()), default=spec.years[1])
    placer.stack([(label(ax, names[p], lasts[p], color=c, gid=gid(i, "name"),
                         bbox=_ground(palette), **NAME), lasts[p], series_key(i))
                   for i, (p, c) in enumerate(zip(names, colors, strict=False))], 1.0,
                 BESIDE_PT, x=at)
    astray: set[tuple[str, int]] = set()
    unplaced: set[int] = set()
    for index, ((place, drawn), color) in enumerate(zip(series.items(), colors, strict=False)):
        points = _points(drawn)
        for (year, value), text in _marks(request, points).items():
            if (place, year) in folded:
                continue
            ha: HA = "left" if year == spec.years[0] else "right" if year == spec.years[1] \
                else "center"
            value_label = label(ax, text, (year, value), color=color, **MARK,
                                bbox=_ground(palette), gid=gid(index, f"value-{year}"))
            if placer.place(value_label, _beside(around((year, value), ha), len(series)),
                            series_key(index), named=len(series) == 1) is None:
                astray.add((place, year))
        for note in spec.annotate if index == 0 else ():
            if isinstance(note, str) or note.year in notes:
                continue  # the staff's words, on the first place's line
            if not _note(request, placer, note, dict(points), color, place if names else "") \
                    and names:
                unplaced.add(note.year)
    half = label(ax, request.say("Half of all {noun}", **request.nouns()),
                 (spec.years[0], 50),
                 color=palette["muted"], fontsize=8.5)
    placer.place(half, _along(*spec.years))
    return fig, frozenset(astray), frozenset(unplaced)


def _frame(fig: Figure, ax: Axes, request: ChartRequest, names_px: float) -> None:
    """Limits and ticks, set before any label is placed (the labels avoid the ticks): room at
    the right for the places' names, year ticks as many as fit."""
    first, last = specs.trend(request.spec).years
    ax.set_ylim(0, 112)  # headroom for the labels above the line
    quarter = float(ax.bbox.height) * 25 / 112 / (fig.dpi / 72)  # points between two ticks
    step = 25 if quarter >= 13 else 50 if quarter >= 6.5 else 100  # as many as fit
    ax.set_yticks(list(range(0, 101, step)))
    ax.set_yticklabels([f"{v}%" if v == 100 else str(v) for v in range(0, 101, step)])
    left, right = _margins(fig, ax, first, last, names_px)
    ax.set_xlim(first - left, last + right)
    per_year = float(ax.bbox.width) / (last - first + left + right)
    year = _width(fig, str(last), {"fontsize": 8.5}) + 8 * fig.dpi / 72
    ax.set_xticks(_ticks(first, last, year / per_year))
    ax.tick_params(axis="x", length=3)
    ax.spines["bottom"].set_color(request.palette["ink"])


def _margins(fig: Figure, ax: Axes, first: int, last: int, names_px: float
             ) -> tuple[float, float]:
    """The years of room left of the first year and right of the last: 0.6, or room for half
    a year's tick label (at the left it may reach under the y tick labels' gap, 2 points),
    and at the right for the places' names."""
    width, span, point = float(ax.bbox.width), last - first, fig.dpi / 72
    half = _width(fig, str(last), {"fontsize": 8.5}) / 2
    at_left, at_right = half - 2 * point, half + 1
    if names_px:
        at_right = max(at_right, names_px + (BESIDE_PT + 4) * point)
    at_right = min(at_right, 0.45 * width)
    left, right = 0.6, 0.6
    for _ in range(3):  # each end's room in years depends on the other's: three rounds settle
        right = max(0.6, at_right * (span + left) / (width - at_right))
        left = max(0.6, at_left * (span + right) / (width - at_left))
    return left, right


def _ticks(first: int, last: int, apart: float) -> list[int]:
    """Year ticks from `first` to `last`, every 1, 2, 4, 10... years, at least `apart` years
    apart (a year's label is that wide)."""
    span = last - first
    step = 1 if span <= 6 else 2 if span <= 12 else 4 if span <= 30 else 10
    step = next(s for s in (1, 2, 4, 5, 10, 20, 25, 50, 100, 200, 500) if s >= max(step, apart))
    ticks = list(range(first, last + 1, step))
    if ticks[-1] != last:
        if len(ticks) > 1 and (last - ticks[-1] <= step / 2 or last - ticks[-1] < apart):
            ticks[-1] = last
        elif last - ticks[-1] >= apart:
            ticks.append(last)
    return ticks


def _width(fig: Figure, text: str, style: Style) -> float:
    """The widest line of `text` in `style`, in display pixels."""
    return max(text_width(fig, line, **style) for line in text.split("\n")) * float(
        fig.bbox.width)


def _names(fig: Figure, ax: Axes, request: ChartRequest, series: dict[str, Series],
           folded: frozenset[tuple[str, int]], notes: frozenset[int]) -> dict[str, str]:
    """Each place's name as its line's label (on two lines at most, within NAME_ROOM), with
    the values at `folded` said beside it: its last alone before the name ("64%  Alder
    County"), several on a line of their own below it ("82% in 2021, 64% in 2023"); and,
    below the first place's, the staff's notes at the years `notes`."""
    room = NAME_ROOM * float(ax.bbox.width)
    found = {}
    for place, drawn in series.items():
        points = _points(drawn)
        said = [(year, value) for year, value in points if (place, year) in folded]
        name = wrapped(fig, place, room, 2, **NAME)
        if said == [points[-1]]:
            value = request.fmt.percent(said[0][1])
            one = f"{value}  {name}"
            found[place] = one if "\n" not in name and _width(fig, one, NAME) <= room else \
                f"{value}\n{name}"
        elif said:
            values = ", ".join(request.say("{share} in {year}", share=request.fmt.percent(v),
                                           year=y) for y, v in said)
            found[place] = f"{name}\n{wrapped(fig, values, room, **NAME)}"
        else:
            found[place] = name
    spec = specs.trend(request.spec)
    first = next(iter(series))
    for note in spec.annotate:
        if not isinstance(note, str) and note.year in notes:
            marked = request.say("Marked at {year}: {text}.", year=note.year,
                                 text=_note_text(request, note, dict(_points(series[first]))))
            found[first] += "\n" + wrapped(fig, marked, room, **NAME)
    return found


def _line(ax: Axes, drawn: Series, color: str, index: int, marked: list[tuple[int, float]]
          ) -> None:
    """A place's line (a gap stays a gap), a dot for a point between two gaps, a marker on
    each point labelled: each drawn as the place's series (labels.gid)."""
    ys = [float("nan") if p[1] is None else p[1] for p in drawn]
    ax.plot([p[0] for p in drawn], ys, color=color, linestyle=["-", "--", ":"][index % 3],
            gid=gid(index, "line"))
    lone = [(year, value) for i, (year, value) in enumerate(drawn) if value is not None
            and (i == 0 or drawn[i - 1][1] is None) and (i == len(drawn) - 1 or
                                                          drawn[i + 1][1] is None)]
    if lone:  # a point between two gaps is drawn as a dot, or it would not show
        ax.plot([p[0] for p in lone], [p[1] for p in lone], "o", color=color, markersize=3,
                gid=gid(index, "dots"))
    for year, value in marked:
        ax.plot([year], [value], "o", color=color, markersize=5, markeredgecolor="white",
                markeredgewidth=1, gid=gid(index, f"mark-{year}"))


def _ground(palette: dict[str, str]) -> dict[str, object]:
    """A label's ground: the paper's color just around its words, so that a gridline it sits
    on passes behind it, not through it."""
    return {"boxstyle": "square,pad=0.12", "facecolor": palette["paper"], "edgecolor": "none"}


def _marked(spec: specs.TrendSpec, points: list[tuple[int, float]], index: int
            ) -> list[tuple[int, float]]:
    """The points a label names (first, max, last... or, on the first place's line, a year of
    the staff's words)."""
    marks = _named(points)
    values = dict(points)
    return [marks[n] if isinstance(n, str) else (n.year, values[n.year]) for n in spec.annotate
            if isinstance(n, str) or (index == 0 and n.year in values)]


def _named(points: list[tuple[int, float]]) -> dict[str, tuple[int, float]]:
    return {"first": points[0], "last": points[-1],
            "max": max(points, key=lambda p: (p[1], -p[0])),
            "min": min(points, key=lambda p: (p[1], p[0]))}


def _marks(request: ChartRequest, points: list[tuple[int, float]]
           ) -> dict[tuple[int, float], str]:
    """Each labelled point's words, once: where two marks fall on one point (first and
    max), the fuller words (the max's, with its year)."""
    marks = _named(points)
    said: dict[tuple[int, float], str] = {}
    for name in specs.trend(request.spec).annotate:
        if isinstance(name, str):
            point = marks[name]
            text = (f"{request.fmt.percent(point[1])}\n{point[0]}" if name == "max" else
                    request.fmt.percent(point[1]))
            if len(text) > len(said.get(point, "")):
                said[point] = text
    return said


def _along(first: int, last: int) -> list[Spot]:
    """Where the half line's label may go: under it at the left, as it was always drawn,
    else above it, else farther along it, else a little farther from it (a line of data
    along the half line)."""
    spots = []
    for away in (CLEAR_PT, CLEAR_PT + 3, CLEAR_PT + 6):
        for x in (first, first + (last - first) / 4, first + (last - first) / 2,
                  first + 3 * (last - first) / 4):
            spots += [Spot((x, 50), (0.0, -away), "left", "top"),
                      Spot((x, 50), (0.0, away), "left", "bottom")]
        spots += [Spot((last, 50), (0.0, -away), "right", "top"),
                  Spot((last, 50), (0.0, away), "right", "bottom")]
    return spots


def _beside(spots: list[Spot], places: int) -> list[Spot]:
    """A figure's spots: with several places, only those beside its point (one joined to it
    by a leader is said beside its place's name instead: another place's label, placed
    later, could come nearer its leader than the figure is to its own point)."""
    return spots if places == 1 else [spot for spot in spots if not spot.leader]


def _note_text(request: ChartRequest, note: YearNoteSpec, points: dict[int, float]) -> str:
    if note.year not in points:
        raise NoData(f"the label at {note.year} is outside the data's years")
    return str(note.text).replace("{share}", request.fmt.percent(points[note.year]))


def _note(request: ChartRequest, placer: Placer, note: YearNoteSpec, points: dict[int, float],
          color: str, place: str) -> bool:
    """A label of the staff's own words at one year, below the line where it is free; with
    several places (`place`: the first's), beside its own line, or else naming its place.
    Whether it found a spot."""
    value = points[note.year]
    room = 0.35 * float(placer.ax.bbox.width)
    text = _note_text(request, note, points)
    words = label(placer.ax, wrapped(placer.fig, text, room, **NOTE), (note.year, value),
                  color=color, gid=gid(0, f"note-{note.year}"), **NOTE)
    spots = around((note.year, value), "center", below=True)
    if placer.place(words, _beside(spots, 2 if place else 1), series_key(0), named=not place) \
            is not None:
        return True
    if not place:
        return False
    named = request.say("{place}: {text}", place=request.fmt.place(place), text=text)
    words = label(placer.ax, wrapped(placer.fig, named, room, **NOTE), (note.year, value),
                  color=color, gid=gid(0, f"note-{note.year}"), **NOTE)
    return placer.place(words, spots, series_key(0)) is not None
