"""Chart labels never collide: over generated data (any counts, any years, long and accented
place names, two or three groups), each chart kind is drawn and its boxes measured.

Boxes are Text.get_window_extent, lines' points in display pixels, the figure's bbox. No
two texts overlap (labels, title, subtitle, foot, tick labels); no text's box meets a data
line's stroke (any segment of any line of the axes, the dashed half line too, grown by half
its width), any marker (the point a label names included: a label sits beside its point,
never on it) or a bar (a count written wholly inside its own bar excepted); no leader line
crosses a text; every text lies inside the figure; a label dropped for want of room says
nothing the alt text does not. Hypothesis runs derandomized, with no deadline, so every run
tries the same examples; FUZZ_SCALE scales their number as in test_fuzz.
"""

from __future__ import annotations

import dataclasses
import functools
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import pairwise
from typing import TYPE_CHECKING, Any
from unittest.mock import patch

from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st

from charts.common import NUMBER, CannotDraw, ChartRequest, Description
from charts.labels import Placer, Spot, Style
from press.content.compute import StatValue, compute_stats
from press.content.describe import body_fonts, describe, request_for
from press.core.problems import ChartError
from press.layout.draw import _add_fonts, _drawn, _render_svg
from press.source.load import Project, load_project
from press.source.tables import Base

from .conftest import ROOT

if TYPE_CHECKING:
    from matplotlib.backend_bases import RendererBase
    from matplotlib.figure import Figure
    from matplotlib.text import Annotation, Text
    from matplotlib.transforms import Bbox

SCALE = float(os.environ.get("FUZZ_SCALE", "1"))  # 10 for a longer hunt; make test-fast: 0.2
EDGE = 0.5  # pixels: boxes that only touch do not overlap
Point = tuple[float, float]
Segment = tuple[Point, Point]


def labelled(examples: int) -> settings:
    return settings(max_examples=max(1, int(examples * SCALE)), deadline=None, derandomize=True,
                    database=None, suppress_health_check=[HealthCheck.too_slow])


@functools.cache
def seed() -> tuple[Project, dict[str, StatValue]]:
    project, _ = load_project(ROOT)
    stats, _ = compute_stats(project)
    return project, stats


def seed_request(chart_id: str, size: str) -> ChartRequest:
    project, stats = seed()
    return request_for(project, project.charts[chart_id], size, stats)[0]


# --- what is drawn, measured ---------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class Drawn:
    """A drawn chart's boxes in display pixels."""

    figure: Bbox
    texts: list[tuple[str, Bbox]]  # every visible text: title, subtitle, foot, labels, ticks
    lines: list[tuple[Segment, float]]  # every data line's segments, and its half-width
    marks: list[Bbox]  # every marker, every bar
    bars: list[Bbox]
    leaders: list[Segment]


@contextmanager
def drawn(request: ChartRequest) -> Iterator[Figure]:
    with drawn_and_dropped(request) as (fig, _, _):
        yield fig


@contextmanager
def drawn_and_dropped(request: ChartRequest) -> Iterator[tuple[Figure, Description, list[str]]]:
    """The chart drawn, its words, and the labels its Placer found no room for in the figure
    drawn (a chart drawn again, its labels said another way, drops nothing of the first)."""
    try:
        description = describe(request)
    except (CannotDraw, ChartError):
        reject()
    dropped: list[tuple[Figure, str]] = []
    place = Placer.place

    def recording(placer: Placer, text: Annotation, spots: Iterable[Spot], *args: Any,
                  **kwargs: Any) -> Spot | None:
        words = text.get_text()
        spot = place(placer, text, spots, *args, **kwargs)
        if spot is None:
            dropped.append((placer.fig, words))
        return spot

    with patch.object(Placer, "place", recording), \
            _drawn(request, description, body_fonts(seed()[0])) as fig:
        yield fig, description, [words for drawn, words in dropped if drawn is fig]


def laid_out(fig: Figure) -> RendererBase:
    """The figure laid out as drawn (each tick label in its place) with no pixel drawn, and
    the Agg renderer that measured it: the figure's own Agg canvas's, not the chart's ruler
    (charts.ruler), so that the test measures on its own. A figure laid out again is
    measured by the same renderer: each text once."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
    fig.draw_without_rendering()
    found: RendererBase = canvas.get_renderer()
    return found


def measure(fig: Figure) -> Drawn:
    from matplotlib.transforms import Bbox

    renderer = laid_out(fig)
    ax = fig.axes[0]
    candidates: list[Text] = [*fig.texts, *ax.texts]
    if ax.axison:
        candidates += [*ax.get_xticklabels(), *ax.get_yticklabels()]
    texts = [(t.get_text(), t.get_window_extent(renderer)) for t in candidates
             if t.get_visible() and t.get_text().strip()]
    scale = fig.dpi / 72
    lines: list[tuple[Segment, float]] = []
    marks: list[Bbox] = []
    leaders: list[Segment] = []
    for line in ax.lines:
        if not line.get_visible():
            continue
        points = [(float(x), float(y)) for x, y in
                  line.get_transform().transform(line.get_xydata())]
        segments = [(a, b) for a, b in pairwise(points)
                    if all(v == v for v in (*a, *b))]  # a NaN is a gap
        if line.get_label() == "_leader":
            leaders += segments
            continue
        if line.get_linestyle() not in ("None", " ", ""):
            lines += [(s, line.get_linewidth() * scale / 2) for s in segments]
        if line.get_marker() not in ("None", None, "", " "):
            r = (line.get_markersize() + line.get_markeredgewidth()) * scale / 2
            marks += [Bbox.from_extents(x - r, y - r, x + r, y + r) for x, y in points
                      if x == x and y == y]
    bars = [p.get_window_extent(renderer) for p in ax.patches if p.get_visible()]
    if ax.axison:  # an axis line drawn is crossed by no label
        bars += [spine.get_window_extent(renderer) for spine in ax.spines.values()
                 if spine.get_visible()]
    return Drawn(fig.bbox, texts, lines, marks, bars, leaders)


def overlap(a: Bbox, b: Bbox) -> bool:
    return (min(a.x1, b.x1) - max(a.x0, b.x0) > EDGE and
            min(a.y1, b.y1) - max(a.y0, b.y0) > EDGE)


def inside(box: Bbox, outer: Bbox) -> bool:
    return (box.x0 >= outer.x0 - EDGE and box.x1 <= outer.x1 + EDGE and
            box.y0 >= outer.y0 - EDGE and box.y1 <= outer.y1 + EDGE)


def crosses(segment: Segment, box: Bbox, grow: float = 0.0) -> bool:
    """Whether the segment passes through the box (grown by `grow`, shrunk by EDGE):
    Liang-Barsky clipping."""
    (x0, y0), (x1, y1) = segment
    dx, dy = x1 - x0, y1 - y0
    low, high = 0.0, 1.0
    edges = ((-dx, x0 - (box.x0 - grow + EDGE)), (dx, (box.x1 + grow - EDGE) - x0),
             (-dy, y0 - (box.y0 - grow + EDGE)), (dy, (box.y1 + grow - EDGE) - y0))
    for p, q in edges:
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return False
    return True


def collisions(d: Drawn) -> list[str]:
    """Every collision in a drawn chart, in words (none, for a chart drawn right)."""
    found = [f"{text!r} leaves the figure" for text, box in d.texts if not inside(box, d.figure)]
    for i, (text, box) in enumerate(d.texts):
        found += [f"{text!r} overlaps {other!r}" for other, box2 in d.texts[i + 1:]
                  if overlap(box, box2)]
        if any(crosses(s, box, grow) for s, grow in d.lines):
            found.append(f"{text!r} sits on a data line")
        if any(overlap(box, m) for m in d.marks):
            found.append(f"{text!r} sits on a marker")
        if any(overlap(box, b) for b in d.bars) and not any(inside(box, b) for b in d.bars):
            found.append(f"{text!r} sits on a bar")  # a count inside its own bar is not
        if any(crosses(s, box) for s in d.leaders):
            found.append(f"a leader line crosses {text!r}")
    return found


# --- generated data ------------------------------------------------------------------------

NAMES = ["United States", "Massachusetts", "Ōtautahi", "Île-de-France", "São Paulo",
         "Łódź Voivodeship", "Saint-Jean-sur-Richelieu-de-la-Côte-Nord-et-des-Îles",
         "Llanfairpwllgwyngyllgogerychwyndrobwllllantysiliogogogoch",
         "County of Los Angeles Sheriff's Department, Unincorporated Areas",
         "Ærø", "W", "Ciudad Juárez, Chihuahua"]
LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZàéîõüçñøåæœßÀÉÎÕÜÇÑŁłŌō '-,."
PLACE = st.one_of(st.sampled_from(NAMES),
                  st.text(LETTERS, min_size=1, max_size=70).map(str.strip).filter(bool))
COUNT = st.one_of(st.integers(0, 40), st.integers(0, 100_000), st.integers(0, 10**10),
                  st.just(0))
THIRD = st.sampled_from([None, "other", "unknown", "unknown-in-base"])
LABELS = {"female": "Women", "male": "Men", "other": "Another gender",
          "unknown": "Sex not recorded"}


def groups(third: str | None) -> list[str]:
    return ["female", "male", *([third.removesuffix("-in-base")] if third else [])]


def base(place: str, year: int, counts: dict[str, int], third: str | None) -> Base:
    in_base = third == "unknown-in-base"
    unrecorded = counts.get("unknown", 0)
    total = sum(c for g, c in counts.items() if g != "unknown") + (unrecorded if in_base else 0)
    return Base(place, year, tuple(counts.items()), (), total, unrecorded, in_base,
                ("src",), "source/data/x.csv", 2)


def with_groups(request: ChartRequest, third: str | None) -> ChartRequest:
    palette = request.palette
    colors = {"female": palette["women"], "male": palette["men"], "other": palette["accent"],
              "unknown": palette["other"]}
    return dataclasses.replace(
        request, labels={g: LABELS[g] for g in groups(third)},
        colors={g: colors[g] for g in groups(third)},
        unrecorded=("unknown",) if third and third.startswith("unknown") else ())


@st.composite
def counts(draw: st.DrawFn, third: str | None) -> dict[str, int]:
    return {g: draw(COUNT) for g in groups(third)}


SIZE = st.sampled_from(["brief", "handout"])


@st.composite
def split_requests(draw: st.DrawFn) -> ChartRequest:
    request = seed_request("ma-arrests-by-sex-2013", draw(SIZE))
    place, year, third = draw(PLACE), draw(st.integers(1800, 2100)), draw(THIRD)
    highlight = draw(st.sampled_from([None, *groups(third)]))
    spec = request.spec.model_copy(update={"jurisdiction": place, "year": year,
                                           "highlight": highlight})
    bases = (base(place, year, draw(counts(third)), third),)
    return dataclasses.replace(with_groups(request, third), spec=spec, bases=bases,
                               places=(place,))


@st.composite
def slope_requests(draw: st.DrawFn) -> ChartRequest:
    request = seed_request("us-arrests-1994-2016", draw(SIZE))
    place, third = draw(PLACE), draw(THIRD)
    first = draw(st.integers(1800, 2099))
    last = draw(st.integers(first + 1, 2100))
    spec = request.spec.model_copy(update={
        "jurisdiction": place, "years": (first, last),
        "measure": draw(st.sampled_from(["count", "share"]))})
    bases = tuple(base(place, y, draw(counts(third)), third) for y in (first, last))
    return dataclasses.replace(with_groups(request, third), spec=spec, bases=bases,
                               places=(place,))


ANNOTATE = st.lists(st.sampled_from(["first", "max", "min", "last"]), unique=True, max_size=4)
NOTES = ["Peak", "Highest share, {share}", "A new law took effect this year and arrests "
         "of women fell sharply ({share})", "Ça change"]


@st.composite
def trend_requests(draw: st.DrawFn) -> ChartRequest:
    request = seed_request("us-women-share-1994-2016", draw(SIZE))
    places = draw(st.lists(PLACE, min_size=1, max_size=3, unique=True))
    third = draw(THIRD)
    first = draw(st.integers(1800, 2095))
    last = min(2100, first + draw(st.one_of(st.integers(1, 30), st.sampled_from([60, 300]))))
    share = draw(st.one_of(st.floats(0, 1), st.sampled_from([0.0, 0.5, 1.0])))
    bases = []
    for place in places:
        for year in range(first, last + 1):
            if draw(st.integers(0, 9)) == 0:
                continue  # a year with no rows: a gap
            numbers = draw(counts(third))
            if draw(st.booleans()):  # most places move slowly, some jump about
                whole = max(1, numbers["female"] + numbers["male"])
                numbers["female"] = round(whole * share)
                numbers["male"] = whole - numbers["female"]
            bases.append(base(place, year, numbers, third))
    annotate: list[object] = list(draw(ANNOTATE))
    years = sorted({b.year for b in bases if b.jurisdiction == places[0]})
    if years and draw(st.booleans()):
        annotate.append({"year": draw(st.sampled_from(years)), "text": draw(st.sampled_from(NOTES))})
    title = draw(st.sampled_from([request.spec.title, LONG_TITLE]))  # one line or two
    spec = request.spec.model_validate({**request.spec.model_dump(), "jurisdictions": places,
                                        "years": (first, last), "annotate": annotate,
                                        "title": title})
    return dataclasses.replace(with_groups(request, third), spec=spec, bases=tuple(bases),
                               places=tuple(places))


LONG_TITLE = ("Las mujeres representaron entre el {min_share} y el {max_share} de los arrestos "
              "por prostitución reportados cada año en {jurisdiction}")
MEANINGS = ["Women made up {value} of prostitution-related arrests in {place}.",
            "Of everyone arrested for prostitution-related offences in {place} that year, "
            "{value} were women, a share that has barely moved in two decades of records.", "—"]


@st.composite
def big_number_requests(draw: st.DrawFn) -> ChartRequest:
    request = seed_request("ma-women-share-big-number", draw(SIZE))
    place = draw(PLACE)
    value = draw(st.one_of(st.sampled_from(["0%", "7%", "70%", "100%", "1 in 3", "1,234,567",
                                            "12,345,678,901"]),
                           st.integers(0, 10**12).map(lambda n: f"{n:,}")))
    meaning = draw(st.sampled_from(MEANINGS)).format(value=value, place=place)
    return dataclasses.replace(request, big_number=(value, meaning, f"{place}, 2013"),
                               places=(place,))


# --- the properties ------------------------------------------------------------------------

def assert_clear(request: ChartRequest) -> None:
    """Nothing collides; a label dropped for want of room says nothing the alt text does not
    (its numbers, or its words where it has none; the half line's label says no value)."""
    with drawn_and_dropped(request) as (fig, description, dropped):
        found = collisions(measure(fig))
    alt = "".join(description.alt.split())  # a label's lines may break anywhere
    for words in dropped:
        said = NUMBER.findall(words) or ["".join(words.removesuffix("…").split())]
        found += [f"{words!r} was dropped and the alt text does not say {part!r}"
                  for part in said if part not in alt and not words.startswith("Half of all")]
    assert not found, found


@labelled(40)
@given(request=split_requests())
def test_split_labels_never_collide(request: ChartRequest) -> None:
    assert_clear(request)


@labelled(40)
@given(request=slope_requests())
def test_slope_labels_never_collide(request: ChartRequest) -> None:
    assert_clear(request)


@labelled(40)
@given(request=trend_requests())
def test_trend_labels_never_collide(request: ChartRequest) -> None:
    assert_clear(request)


@labelled(25)
@given(request=big_number_requests())
def test_big_number_labels_never_collide(request: ChartRequest) -> None:
    assert_clear(request)


@labelled(8)
@given(request=st.one_of(split_requests(), slope_requests(), trend_requests()))
def test_placed_labels_give_the_same_bytes_every_time(request: ChartRequest) -> None:
    try:
        description = describe(request)
    except (CannotDraw, ChartError):
        reject()
    fonts = body_fonts(seed()[0])
    assert _render_svg(request, description, fonts) == _render_svg(request, description, fonts)


SEED_LABELS = {
    "ma-arrests-by-sex-2013": {"Women  70%", "Men  30%", "642 arrests", "278 arrests"},
    "us-women-share-1994-2016": {"61%", "70%\n2009", "62%", "Half of all arrests"},
    "us-arrests-1994-2016": {"Women  53,320", "Women  19,048", "Men  33,513", "Men  11,896"},
    "ma-women-share-big-number": {"70%", "Women made up 70% of prostitution-related\narrests "
                                  "in Massachusetts."},
}


def test_the_seed_charts_are_clear_and_keep_every_label() -> None:
    found = {}
    for chart_id, labels in SEED_LABELS.items():
        for size in ("brief", "handout"):
            with drawn(seed_request(chart_id, size)) as fig:
                texts = {t.get_text() for t in fig.axes[0].texts}
                found[f"{chart_id} ({size})"] = [*collisions(measure(fig)),
                                                 *(f"{t!r} dropped" for t in labels - texts)]
    assert not {k: v for k, v in found.items() if v}


def test_labels_pushed_apart_keep_their_order_and_stay_near() -> None:
    from charts.labels import spread

    # 19,048 Women and 11,896 Men a few pixels apart: both move, the higher stays higher
    assert spread([100.0, 96.0], [12.0, 12.0], 0.0, 200.0) == [104.0, 92.0]
    assert spread([50.0, 150.0], [12.0, 12.0], 0.0, 200.0) == [50.0, 150.0]  # apart: unmoved
    assert spread([3.0, 2.0, 1.0], [10.0, 10.0, 10.0], 0.0, 100.0) == [25.0, 15.0, 5.0]


WORD = st.one_of(st.sampled_from([word for name in NAMES for word in name.split()]),
                 st.text(LETTERS.replace(" ", ""), min_size=1, max_size=30))
STYLES = [{"fontsize": 12, "fontweight": "bold"}, {"fontsize": 9.5}, {"fontsize": 7.5},
          {"fontsize": 9.5, "fontweight": "bold"}]


def greedy(fig: Figure, text: str, width: float, **style: Any) -> str:
    """charts.labels.wrapped as it was first written: each word's line measured in turn
    (its last line shortened to `lines` is not of this: it is the same code as ever)."""
    from charts.labels import renderer

    probe = fig.text(0, 0, "", **style)

    def fits(candidate: str) -> bool:
        probe.set_text(candidate)
        return float(probe.get_window_extent(renderer(fig)).width) <= width

    rows: list[str] = []
    for word in text.split():
        if rows and fits(f"{rows[-1]} {word}"):
            rows[-1] = f"{rows[-1]} {word}"
            continue
        while not fits(word) and len(word) > 1:
            cut = next(i for i in range(len(word), 0, -1) if fits(word[:i]) or i == 1)
            rows.append(word[:cut])
            word = word[cut:]
        rows.append(word)
    probe.remove()
    return "\n".join(rows)


@labelled(30)
@given(words=st.lists(WORD, min_size=1, max_size=40), width=st.floats(15, 500),
       style=st.sampled_from(STYLES))
def test_wrapped_breaks_where_measuring_every_word_would(words: list[str], width: float,
                                                         style: Style) -> None:
    """wrapped() measures a few lines near where each line ends, not each word's line in
    turn: its lines are the same."""
    from charts.labels import wrapped
    from charts.ruler import ChartFigure

    _add_fonts(body_fonts(seed()[0]))
    fig = ChartFigure(figsize=(6.5, 3))
    text, font = " ".join(words), {"fontfamily": "Source Sans 3", **style}
    assert wrapped(fig, text, width, **font) == greedy(fig, text, width, **font)


def test_a_range_whose_ends_are_equal_is_said_once() -> None:
    request = seed_request("us-women-share-1994-2016", "brief")
    bases = tuple(base("United States", year, {"female": 50, "male": 50}, None)
                  for year in (2000, 2001, 2002))
    spec = request.spec.model_copy(update={"years": (2000, 2002)})
    description = describe(dataclasses.replace(request, spec=spec, bases=bases))
    assert description.title == "Women were 50% of reported prostitution arrests every year"
