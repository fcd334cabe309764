"""Every label belongs to its series: over generated data of 2-4 series (the places of a
trend, the groups of a slope or a split) whose values cross, touch and end equal, each chart
is drawn and measured as drawn. Each line, mark, bar, leader and label is known by the id
the SVG keeps for it (`series-<n>-<what>`, charts.labels.gid):

- a figure that does not name its series is nearer its own point than any mark or line of
  another series;
- a label that names a series names its own;
- labels stacked at the ends keep the order in which the lines start and end;
- a leader crosses no other series' line or mark;
- every value the chart labels is printed, beside its point or beside its series' name;
- nothing collides (as tests/test_chart_labels.py measures it).

The requests are written here (no project, no sources): settings, counts and the palette of
tests/projects.py, the press's sizes, the fonts in layouts/. Hypothesis runs derandomized.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from itertools import pairwise
from typing import TYPE_CHECKING, Any

import yaml
from hypothesis import given, reject
from hypothesis import strategies as st

from charts import share_over_time, slope, split
from charts.common import CannotDraw, ChartRequest, Description
from press.content.describe import HEIGHTS, describe
from press.core import numbers, sizes
from press.core.problems import ChartError
from press.layout.draw import _drawn, _render_svg
from press.source.schema import ShareOverTimeChart, SlopeChart, SplitChart
from press.source.tables import Base

from .conftest import ROOT
from .projects import BRAND
from .test_chart_labels import collisions, labelled, laid_out, measure

if TYPE_CHECKING:
    from matplotlib.figure import Figure
    from matplotlib.text import Annotation

Point = tuple[float, float]
Segment = tuple[Point, Point]
Box = tuple[float, float, float, float]

FONTS = sorted((ROOT / "layouts" / "fonts").glob("SourceSans3-*.ttf"))
PALETTE: dict[str, str] = yaml.safe_load(BRAND)["palette"]
LABELS = {"female": "Women", "male": "Men", "other": "Another gender",
          "unknown": "Sex not recorded"}
COLORS = {"female": "women", "male": "men", "other": "muted", "unknown": "other"}
PLACES = ["Alder County", "Brookfield", "Brook County", "United States", "Ærø",
          "County of Los Angeles Sheriff's Department, Unincorporated Areas"]
SIZE = st.sampled_from(["brief", "handout"])


def request_of(spec: Any, bases: list[Base], size: str, places: list[str],
               groups: list[str]) -> ChartRequest:
    return ChartRequest(
        spec=spec, bases=tuple(bases), fmt=numbers.Formats(),
        labels={g: LABELS[g] for g in groups}, measure="arrests",
        source_line="Source: Alder County Sheriff's Office (2024).", palette=PALETTE,
        font_family="Source Sans 3", width_in=sizes.column_in(size),
        height_in=HEIGHTS[spec.kind][size == "handout"], source_name="the sheriff",
        places=tuple(places), colors={g: PALETTE[COLORS[g]] for g in groups},
        unrecorded=("unknown",) if "unknown" in groups else (),
        min_plot_in=sizes.PLOT_MIN_IN)


def base(place: str, year: int, counts: dict[str, int]) -> Base:
    """A place-year's counts, whole (a not-recorded group counted in the base)."""
    unrecorded = counts.get("unknown", 0)
    return Base(place, year, tuple(counts.items()), (), sum(counts.values()), unrecorded,
                True, ("src",), "source/data/arrests.csv", 2)


# --- generated charts whose series cross, touch and end equal --------------------------------

SHARES = st.sampled_from([0, 1, 5, 49, 50, 51, 62, 64, 82, 84, 86, 88, 99, 100])
SHAPES = st.sampled_from(["free", "equal ends", "equal starts", "crossing", "touching"])


def shaped(draw: st.DrawFn, series: int, points: int) -> list[list[int]]:
    """Each series' values (0-100) at each point: free, ending or starting equal, crossing
    (one rises as another falls through it) or touching (one a step above another)."""
    values = [[draw(SHARES) for _ in range(points)] for _ in range(series)]
    shape = draw(SHAPES)
    if shape == "equal ends":
        for row in values:
            row[-1] = values[0][-1]
    elif shape == "equal starts":
        for row in values:
            row[0] = values[0][0]
    elif shape == "crossing":
        low, high = sorted((draw(SHARES), draw(SHARES)))
        values[0] = [low + (high - low) * i // max(1, points - 1) for i in range(points)]
        values[1] = values[0][::-1]
    elif shape == "touching":
        values[1] = [min(100, v + 1) for v in values[0]]
    return values


@st.composite
def trends(draw: st.DrawFn) -> ChartRequest:
    places = draw(st.lists(st.sampled_from(PLACES), min_size=2, max_size=3, unique=True))
    first = 2015
    years = draw(st.integers(1, 8)) + 1
    total = draw(st.sampled_from([100, 1000]))
    bases = []
    for place, shares in zip(places, shaped(draw, len(places), years), strict=True):
        for offset, share in enumerate(shares):
            if 0 < offset < years - 1 and draw(st.integers(0, 5)) == 0:
                continue  # a year with no rows: a gap
            women = total * share // 100
            bases.append(base(place, first + offset, {"female": women, "male": total - women}))
    annotate: list[object] = list(draw(st.lists(st.sampled_from(["first", "max", "min", "last"]),
                                                unique=True, min_size=1)))
    if draw(st.booleans()):
        annotate.append({"year": first + draw(st.integers(0, years - 1)), "text": "Peak"})
    spec = ShareOverTimeChart.model_validate({
        "id": "trend", "kind": "share-over-time", "dataset": "arrests",
        "jurisdictions": places, "years": (first, first + years - 1), "group": "female",
        "annotate": annotate, "title": "Women's share of arrests",
        "subtitle": "{jurisdiction}, {first_year}-{last_year}"})
    return request_of(spec, bases, draw(SIZE), places, ["female", "male"])


def group_list(draw: st.DrawFn) -> list[str]:
    """Two to four groups: women and men, and another gender or sex not recorded or both."""
    return ["female", "male", *draw(st.lists(st.sampled_from(["other", "unknown"]),
                                             unique=True))]


COUNTS = st.sampled_from([0, 1, 2, 3, 10, 30, 31, 40, 100, 1000])


@st.composite
def slopes(draw: st.DrawFn) -> ChartRequest:
    groups = group_list(draw)
    scale = draw(st.sampled_from([1, 1, 100]))
    values = shaped(draw, len(groups), 2) if draw(st.booleans()) else \
        [[draw(COUNTS), draw(COUNTS)] for _ in groups]
    bases = [base("Alder County", year, {g: v[i] * scale for g, v in zip(groups, values,
                                                                        strict=True)})
             for i, year in enumerate((2019, 2023))]
    spec = SlopeChart.model_validate({
        "id": "slope", "kind": "slope", "dataset": "arrests", "jurisdiction": "Alder County",
        "years": (2019, 2023), "measure": draw(st.sampled_from(["count", "share"])),
        "title": "Arrests by sex", "subtitle": "{jurisdiction}, {first_year} and {last_year}"})
    return request_of(spec, bases, draw(SIZE), ["Alder County"], groups)


@st.composite
def splits(draw: st.DrawFn) -> ChartRequest:
    groups = group_list(draw)
    counts = {g: draw(COUNTS) for g in groups}
    spec = SplitChart.model_validate({
        "id": "split", "kind": "split", "dataset": "arrests", "jurisdiction": "Alder County",
        "year": 2023, "highlight": draw(st.sampled_from([None, *groups])),
        "title": "Arrests by sex", "subtitle": "{jurisdiction}, {year}"})
    return request_of(spec, [base("Alder County", 2023, counts)], draw(SIZE), ["Alder County"],
                      groups)


# --- what is drawn, by series ---------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class Label:
    series: str
    role: str  # name, value-2019, note-2019, label-0 (a slope's start), label (a split's)
    text: str
    box: Box
    at: Point  # the point it is anchored at (its own point, or beside it in a column)


@dataclasses.dataclass(frozen=True)
class Series:
    marks: dict[str, list[tuple[Segment, float]]]  # series -> its lines, marks and bars
    leaders: list[tuple[str, Segment]]
    labels: list[Label]


def series_of(gid: str | None) -> tuple[str, str] | None:
    found = re.fullmatch(r"(series-\d+)-(.+)", gid or "")
    return (found.group(1), found.group(2)) if found else None


def by_series(fig: Figure) -> Series:
    """The drawn chart's marks and labels by series, in display pixels."""
    renderer = laid_out(fig)
    ax = fig.axes[0]
    scale = fig.dpi / 72
    marks: dict[str, list[tuple[Segment, float]]] = {}
    leaders: list[tuple[str, Segment]] = []
    for line in ax.lines:
        owner = series_of(line.get_gid())
        if owner is None or not line.get_visible():
            continue
        points = [(float(x), float(y)) for x, y in
                  line.get_transform().transform(line.get_xydata())]
        segments = [(a, b) for a, b in pairwise(points) if all(v == v for v in (*a, *b))]
        if owner[1].startswith("leader"):  # a leader, not a mark (two may meet at a point)
            leaders += [(owner[0], s) for s in segments]
            continue
        drawn = marks.setdefault(owner[0], [])
        if line.get_linestyle() not in ("None", " ", ""):
            drawn += [(s, line.get_linewidth() * scale / 2) for s in segments]  # a NaN: a gap
        if line.get_marker() not in ("None", None, "", " "):
            reach = (line.get_markersize() + line.get_markeredgewidth()) * scale / 2
            drawn += [((p, p), reach) for p in points if p[0] == p[0] and p[1] == p[1]]
    for patch in ax.patches:
        owner = series_of(patch.get_gid())
        if owner is not None and patch.get_visible():
            e = patch.get_window_extent(renderer)
            corners = [(e.x0, e.y0), (e.x1, e.y0), (e.x1, e.y1), (e.x0, e.y1)]
            marks.setdefault(owner[0], []).extend(
                ((a, b), 0.0) for a, b in zip(corners, corners[1:] + corners[:1], strict=True))
    labels = []
    for text in ax.texts:
        owner = series_of(text.get_gid())
        if owner is None or not text.get_visible():
            continue
        e = text.get_window_extent(renderer)
        annotation: Annotation = text  # type: ignore[assignment]  # every label is one
        x, y = (float(v) for v in ax.transData.transform(annotation.xy))
        labels.append(Label(owner[0], owner[1], text.get_text(), (e.x0, e.y0, e.x1, e.y1),
                            (x, y)))
    return Series(marks, leaders, labels)


def to_segment(point: Point, segment: Segment) -> float:
    (x0, y0), (x1, y1) = segment
    dx, dy = x1 - x0, y1 - y0
    t = 0.0 if dx == dy == 0 else max(0.0, min(1.0, ((point[0] - x0) * dx + (point[1] - y0) * dy)
                                             / (dx * dx + dy * dy)))
    return float(((x0 + t * dx - point[0]) ** 2 + (y0 + t * dy - point[1]) ** 2) ** 0.5)


def apart(first: Segment, second: Segment) -> float:
    """The distance between two segments (0 where they cross)."""
    def side(o: Point, a: Point, b: Point) -> float:
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])
    (a, b), (c, d) = first, second
    if side(c, d, a) * side(c, d, b) < 0 and side(a, b, c) * side(a, b, d) < 0:
        return 0.0
    return min(to_segment(a, second), to_segment(b, second), to_segment(c, first),
               to_segment(d, first))


def box_apart(box: Box, segment: Segment) -> float:
    x0, y0, x1, y1 = box
    if all(x0 <= p[0] <= x1 and y0 <= p[1] <= y1 for p in segment):
        return 0.0
    corners = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
    return min(apart(segment, edge) for edge in zip(corners, corners[1:] + corners[:1],
                                                    strict=True))


def flat(text: str) -> str:
    return "".join(text.split()).replace("\u2026", "")


def belonging(drawn: Series, names: dict[str, str], values: dict[str, list[str]]) -> list[str]:
    """Every way a label could be read as another series', in words (none, drawn right)."""
    found = []
    for lab in drawn.labels:
        others = [m for s, ms in drawn.marks.items() if s != lab.series for m in ms]
        others += [(leader, 0.0) for s, leader in drawn.leaders if s != lab.series]
        own_name = flat(names[lab.series])[:12]
        figure = lab.role.startswith(("value-", "note-", "count"))  # a figure, unnamed
        if figure and own_name not in flat(lab.text):
            x0, y0, x1, y1 = lab.box
            own = (max(x0 - lab.at[0], 0, lab.at[0] - x1) ** 2 +
                   max(y0 - lab.at[1], 0, lab.at[1] - y1) ** 2) ** 0.5
            nearest = min((box_apart(lab.box, s) - reach for s, reach in others), default=1e9)
            if not own < nearest:
                found.append(f"{lab.text!r} ({lab.series}) is {own:.1f} px from its point and "
                             f"{nearest:.1f} px from another series")
        elif not figure and own_name not in flat(lab.text):
            found.append(f"{lab.text!r} does not name its series, {names[lab.series]!r}")
    for role in ("name", "label-0", "label-1"):
        column = sorted((lab for lab in drawn.labels if lab.role == role),
                        key=lambda lab: -lab.at[1])
        for upper, lower in pairwise(column):
            if upper.at[1] > lower.at[1] + 0.5 and \
                    not (upper.box[1] + upper.box[3]) > (lower.box[1] + lower.box[3]):
                found.append(f"{upper.text!r} and {lower.text!r} are stacked out of order")
    for series, leader in drawn.leaders:
        for crossed, marks in drawn.marks.items():
            if crossed != series and any(apart(leader, s) <= reach for s, reach in marks):
                found.append(f"a leader of {series} crosses {crossed}")
    for series, wanted in values.items():
        printed = flat(" ".join(lab.text for lab in drawn.labels if lab.series == series))
        found += [f"{names[series]!r}'s {value} is not printed" for value in wanted
                  if flat(value) not in printed]
    return found


@contextmanager
def chart(request: ChartRequest) -> Iterator[tuple[Figure, Description]]:
    try:
        description = describe(request)
    except (CannotDraw, ChartError):
        reject()
    with _drawn(request, description, FONTS) as fig:
        yield fig, description


Named = tuple[dict[str, str], dict[str, list[str]]]  # each series' name, the values it labels


def trend_series(request: ChartRequest, _: Description | None = None) -> Named:
    """Each place, and the values its annotations name (the first's, the staff's words)."""
    series, _, _ = share_over_time._series(request)
    names, values = {}, {}
    annotate = request.spec.annotate  # type: ignore[attr-defined]
    for index, (place, drawn) in enumerate(series.items()):
        points = share_over_time._points(drawn)
        marks = share_over_time._named(points)
        names[f"series-{index}"] = place
        values[f"series-{index}"] = [request.fmt.percent(marks[n][1]) for n in annotate
                                     if isinstance(n, str)]
    first = dict(share_over_time._points(next(iter(series.values()))))
    values["series-0"] += [share_over_time._note_text(request, n, first)  # the staff's notes
                           for n in annotate if not isinstance(n, str)]
    return names, values


def slope_series(request: ChartRequest, _: Description) -> Named:
    """Each group, and its two values."""
    pairs, _, _ = slope._pairs(request)
    return ({f"series-{i}": request.labels[g] for i, g in enumerate(pairs)},
            {f"series-{i}": [slope._fmt(request, v) for v in pairs[g]]
             for i, g in enumerate(pairs)})


def split_series(request: ChartRequest, description: Description) -> Named:
    """Each group drawn (a group of none has no segment), and its share."""
    drawn = [g for g, count in split._parts(request)[1] if count]
    return ({f"series-{i}": request.labels[g] for i, g in enumerate(drawn)},
            {f"series-{i}": [description.numbers[f"{g}_share"]] for i, g in enumerate(drawn)})


def assert_each_label_belongs(request: ChartRequest,
                              series: Callable[[ChartRequest, Description], Named]) -> None:
    """Every label belongs to its series, nothing collides, every note prints whole and the
    plot of a trend or slope is as tall as the press asks."""
    with chart(request) as (fig, description):
        names, values = series(request, description)
        found = belonging(by_series(fig), names, values) + collisions(measure(fig))
        foot = "".join("".join(t.get_text().split()) for t in fig.texts)
        found += [f"the note {n!r} is not printed whole" for n in description.noted
                  if "".join(n.split()) not in foot]
        plot_in = float(fig.axes[0].bbox.height) / fig.dpi
        if request.spec.kind != "split" and plot_in < sizes.PLOT_MIN_IN - 1e-6:
            found.append(f"the plot is {plot_in:.2f} in tall")
    assert not found, found


@labelled(30)
@given(request=trends())
def test_a_trends_labels_belong_to_their_places(request: ChartRequest) -> None:
    assert_each_label_belongs(request, trend_series)


@labelled(30)
@given(request=slopes())
def test_a_slopes_labels_belong_to_their_groups(request: ChartRequest) -> None:
    assert_each_label_belongs(request, slope_series)


@labelled(30)
@given(request=splits())
def test_a_splits_labels_belong_to_their_groups(request: ChartRequest) -> None:
    assert_each_label_belongs(request, split_series)


def test_the_two_county_trend_says_each_value_beside_its_own_county() -> None:
    """The trend seen: Alder 82% -> 64%, Brookfield 84% -> 88%. Each end value is printed
    beside its own county's name, in the order the lines end; the SVG names each."""
    bases = [base(place, year, {"female": women, "male": 100 - women})
             for place, shares in (("Alder County", (82, 75, 70, 66, 64)),
                                   ("Brookfield", (84, 85, 86, 87, 88)))
             for year, women in zip(range(2019, 2024), shares, strict=True)]
    spec = ShareOverTimeChart.model_validate({
        "id": "trend", "kind": "share-over-time", "dataset": "arrests",
        "jurisdictions": ["Alder County", "Brookfield"], "years": (2019, 2023),
        "group": "female", "annotate": ["first", "last"], "title": "Women's share",
        "subtitle": "{jurisdiction}, {first_year}-{last_year}"})
    for size in ("brief", "handout"):
        request = request_of(spec, bases, size, ["Alder County", "Brookfield"],
                             ["female", "male"])
        with chart(request) as (fig, _):
            drawn = by_series(fig)
            names, values = trend_series(request)
            assert not belonging(drawn, names, values) + collisions(measure(fig))
            ends = sorted((lab for lab in drawn.labels if lab.role == "name"),
                          key=lambda lab: -lab.box[3])
            said = [" ".join(lab.text.split()) for lab in ends]
            assert [("Brookfield" in t, "88%" in t, "64%" in t) for t in said] == \
                [(True, True, False), (False, False, True)], said
            assert "Alder County" in said[1]
        svg = _render_svg(request, describe(request), FONTS).decode()
        assert all(f'id="series-{i}-{what}"' in svg for i in (0, 1) for what in ("line", "name"))
