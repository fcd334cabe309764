"""Where a chart's labels go: none on another, on the title, on a data line or mark, or off
the figure.

A chart kind draws its data, axes and ticks first, then gives each label to a `Placer`, the
most important first. The label is tried at its spots in order (`Spot`: where it is
anchored, how it is aligned, whether a leader line joins it to its point) and takes the
first whose box, measured by the renderer, lies inside the figure and is clear of every
text, bar and marker already there and of every line's stroke; a leader must cross no text.
A label with no free spot is removed (`Placer.dropped`): the chart kind then says its value
another way (beside its series' name, in the margin). Labels stacked in a column (a slope's
ends, a trend's place names) are first spread apart in their order (`spread`). All of it is
arithmetic on measured boxes in a fixed order, so the same inputs give the same bytes.

A label belongs to its series. Every line, marker and label of a series is drawn with a gid
`series-<n>-<what>` (`gid`; the SVG keeps it as the element's id, so the drawn file says
which series each mark and label is of). A figure that does not name its series is put only
where it is nearer (by NEARER_PT) to its own point than to any mark or line of another
series (`Placer.belongs`), and no leader crosses another series' line or mark.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from itertools import pairwise
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes
    from matplotlib.backend_bases import RendererBase
    from matplotlib.figure import Figure
    from matplotlib.text import Annotation, Text

NEAR_PT = 7.0  # a label's distance from the point it names
BESIDE_PT = 12.0  # a column's labels from their points: room for leaders between the two
FAR_PT = (16.0, 26.0, 38.0, 52.0, 70.0)  # farther, with a leader, when nearer is taken
PAD_PT = 1.5  # clear space kept around a label, in points
LEADER_GAP_PT = 2.0  # a leader stops this far short of its label and of its point
NEARER_PT = 1.0  # a figure is at least this much nearer its own point than another series'
Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in display pixels
Point = tuple[float, float]
Segment = tuple[Point, Point]
HA = Literal["left", "center", "right"]
VA = Literal["bottom", "center", "top"]
Style = dict[str, Any]  # a text's matplotlib properties: fontsize, fontweight...


@dataclass(frozen=True)
class Spot:
    """One place a label may take: anchored at `xy` (data coordinates), its alignment point
    `offset` points away, aligned `ha`/`va`; with `leader`, a line joins it to `xy` (or to
    `to`) when it is far enough from it to need one."""

    xy: Point
    offset: Point = (0.0, 0.0)
    ha: HA = "center"
    va: VA = "center"
    leader: bool = False
    to: Point | None = None  # where the leader points, if not at xy (data coordinates)


def series_key(index: int) -> str:
    """The key of a chart's series `index` (a place, a group): "series-0"."""
    return f"series-{index}"


def gid(series: int, what: str) -> str:
    """The id a series' line, marker or label is drawn with ("series-0-line")."""
    return f"{series_key(series)}-{what}"


def series_of(artist_gid: str | None) -> str:
    """"series-0-line" -> "series-0"; "" for what belongs to no series."""
    found = re.match(r"series-\d+", artist_gid or "")
    return found.group(0) if found else ""


def label(ax: Axes, text: str, xy: Point, **style: Any) -> Annotation:
    """A label for a Placer to place: `text` at `xy` (data), moved by points from there."""
    return ax.annotate(text, xy, xytext=(0.0, 0.0), textcoords="offset points", **style)


def around(xy: Point, ha: HA = "center", below: bool = False) -> list[Spot]:
    """Where a point's label may go, nearest first: above or below it (`below` first), in
    alignment `ha` first, beside it, off a corner, then farther off with a leader."""
    aligns: list[HA] = [ha, *(a for a in ("center", "left", "right") if a != ha)]
    sides: list[tuple[float, VA]] = [(-1.0, "top"), (1.0, "bottom")] if below else \
        [(1.0, "bottom"), (-1.0, "top")]
    spots = [Spot(xy, (0.0, sign * NEAR_PT), a, va) for sign, va in sides for a in aligns]
    spots += [Spot(xy, (NEAR_PT, 0.0), "left", "center"),
              Spot(xy, (-NEAR_PT, 0.0), "right", "center")]
    corner = NEAR_PT * 0.7
    spots += [Spot(xy, (sx * corner, sign * corner), "left" if sx > 0 else "right", va)
              for sign, va in sides for sx in (1.0, -1.0)]
    spots += [Spot(xy, (0.0, sign * far), a, va, leader=True) for far in FAR_PT
              for sign, va in sides for a in aligns]
    return spots


def renderer(fig: Figure) -> RendererBase:
    """A renderer that measures text as the figure will be drawn (Agg, at the figure's dpi:
    a box in points is the same at any dpi): a chart's figure's, its chart's ruler (each
    text measured once for the chart, charts.ruler)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from .ruler import ChartFigure

    if isinstance(fig, ChartFigure):
        return fig.ruler.at(fig.dpi)
    canvas: Any = fig.canvas if hasattr(fig.canvas, "get_renderer") else FigureCanvasAgg(fig)
    found: RendererBase = canvas.get_renderer()
    return found


def box_of(artist: Artist, measure: RendererBase) -> Box:
    """The artist's box as drawn, in display pixels."""
    extent = artist.get_window_extent(measure)
    return (float(extent.x0), float(extent.y0), float(extent.x1), float(extent.y1))


def overlap(a: Box, b: Box) -> bool:
    return min(a[2], b[2]) > max(a[0], b[0]) and min(a[3], b[3]) > max(a[1], b[1])


def within(box: Box, outer: Box) -> bool:
    return box[0] >= outer[0] and box[1] >= outer[1] and box[2] <= outer[2] and box[3] <= outer[3]


def grown(box: Box, by: float) -> Box:
    return (box[0] - by, box[1] - by, box[2] + by, box[3] + by)


def crosses(segment: Segment, box: Box) -> bool:
    """Whether the segment passes through the box (Liang-Barsky clipping)."""
    (x0, y0), (x1, y1) = segment
    if max(x0, x1) < box[0] or min(x0, x1) > box[2] or max(y0, y1) < box[1] or \
            min(y0, y1) > box[3]:
        return False
    dx, dy = x1 - x0, y1 - y0
    low, high = 0.0, 1.0
    for p, q in ((-dx, x0 - box[0]), (dx, box[2] - x0), (-dy, y0 - box[1]), (dy, box[3] - y0)):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        low, high = (max(low, t), high) if p < 0 else (low, min(high, t))
        if low > high:
            return False
    return True


def spread(wanted: Sequence[float], heights: Sequence[float], low: float, high: float
           ) -> list[float]:
    """Centres (display y) for labels stacked in one column: in the order of `wanted`, none
    overlapping, each as near its wanted centre as the others allow (a crowded run is
    centred on its wants), inside [low, high] where the column has room."""
    order = sorted(range(len(wanted)), key=lambda i: (-wanted[i], i))  # top first
    runs: list[list[int]] = []  # each run: labels touching, top first
    for index in order:
        runs.append([index])
        while len(runs) > 1 and _top(runs[-2], wanted, heights, low, high) - _height(
                runs[-2], heights) < _top(runs[-1], wanted, heights, low, high):
            runs[-2:] = [runs[-2] + runs[-1]]
    centres = [0.0] * len(wanted)
    for run in runs:
        top = _top(run, wanted, heights, low, high)
        for index in run:
            centres[index] = top - heights[index] / 2
            top -= heights[index]
    return centres


def _height(run: list[int], heights: Sequence[float]) -> float:
    return sum(heights[i] for i in run)


def _top(run: list[int], wanted: Sequence[float], heights: Sequence[float], low: float,
         high: float) -> float:
    """The top of a run of stacked labels: each as near its wanted centre as the run allows
    (least squares), then kept inside [low, high]."""
    offsets, above = [], 0.0
    for index in run:
        offsets.append(wanted[index] + above + heights[index] / 2)
        above += heights[index]
    top = sum(offsets) / len(offsets)
    return max(min(top, high), low + above)


class Placer:
    """Places a chart's labels one by one, each clear of everything drawn before it."""

    def __init__(self, fig: Figure, ax: Axes, leader_color: str) -> None:
        self.fig, self.ax, self.leader_color = fig, ax, leader_color
        self.measure = renderer(fig)
        self.scale = fig.dpi / 72  # pixels a point
        self.bounds = grown(box_of_figure(fig), 0.01)  # text set at the very edge is in
        self.texts = [box_of(t, self.measure) for t in _texts(fig, ax)]
        self.marks = [box_of(p, self.measure) for p in ax.patches if p.get_visible()]
        if ax.axison:  # the axis lines drawn (a trend's baseline): no label across them
            self.marks += [box_of(s, self.measure) for s in ax.spines.values()
                           if s.get_visible()]
        self.lines: list[tuple[Segment, float]] = []
        # each series' lines, marks and bars (a mark: a segment of one point), with how far
        # each one's ink reaches from it: what its labels keep nearer to than to another's
        self.series: dict[str, list[tuple[Segment, float]]] = {}
        self.leaders: dict[str, list[Segment]] = {}  # each series' leaders
        for line in ax.lines:
            self._add_line(line)
        for patch in ax.patches:  # a bar of a series: its outline
            if patch.get_visible() and series_of(patch.get_gid()):
                self.series.setdefault(series_of(patch.get_gid()), []).extend(
                    (edge, 0.0) for edge in edges(box_of(patch, self.measure)))
        self.dropped: list[str] = []

    def _add_line(self, line: Any) -> None:
        if not line.get_visible():
            return
        points = [(float(x), float(y)) for x, y in
                  line.get_transform().transform(line.get_xydata())]
        owned = self.series.setdefault(series_of(line.get_gid()), [])
        if line.get_linestyle() not in ("None", " ", ""):
            width = line.get_linewidth() * self.scale / 2
            segments = [((a, b), width) for a, b in pairwise(points)
                        if all(v == v for v in (*a, *b))]  # a NaN is a gap
            self.lines += segments
            owned += segments
        if line.get_marker() not in ("None", None, "", " "):
            r = (line.get_markersize() + line.get_markeredgewidth()) * self.scale / 2
            self.marks += [(x - r, y - r, x + r, y + r) for x, y in points if x == x and y == y]
            owned += [(((x, y), (x, y)), r) for x, y in points if x == x and y == y]
        self.series.pop("", None)  # what belongs to no series is kept clear of, no more

    def place(self, text: Annotation, spots: Iterable[Spot], series: str = "",
              named: bool = True, under: float = float("inf")) -> Spot | None:
        """Put `text` at its first free spot (and draw its leader), or remove it. A label of
        `series` takes only a spot whose leader crosses no other series' line or mark; one
        that does not name its series (`named` False: a lone figure) only a spot nearer its
        own point than any other series' mark (`belongs`); with `under` (display y), only a
        spot whose top is below it."""
        for spot in spots:
            box = self.put(text, spot)
            if box[3] > under:
                continue
            leader = self._leader(box, spot.to or spot.xy, spot.va == "center") \
                if spot.leader else None
            if self.free(box, leader) and self.belongs(box, leader, spot.to or spot.xy,
                                                       series, named):
                self.texts.append(box)
                if leader is not None:
                    self._draw_leader(leader, series)
                return spot
        self.dropped.append(text.get_text())
        text.remove()
        return None

    def belongs(self, box: Box, leader: Segment | None, xy: Point, series: str,
                named: bool) -> bool:
        """Whether a label of `series` at `box` (joined to its point `xy`, data coordinates,
        by `leader`) is read as its series': its leader crosses no other series' line or
        mark, and a figure that does not name its series is nearer its own point, by
        NEARER_PT, than any other series' mark or line."""
        if not series:
            return True
        others = [reach for key, reaches in self.series.items() if key != series
                  for reach in reaches]
        if leader is not None and any(segment_distance(leader, segment) <= width + self.scale
                                      for segment, width in others):
            return False
        if named:
            return True
        others += [(segment, 0.3 * self.scale) for key, segments in self.leaders.items()
                   if key != series for segment in segments]
        px, py = (float(v) for v in self.ax.transData.transform(xy))
        own = box_to_point(box, (px, py))
        nearest = min((box_to_segment(box, segment) - width for segment, width in others),
                      default=float("inf"))
        return own + NEARER_PT * self.scale <= nearest

    def put(self, text: Annotation, spot: Spot) -> Box:
        """Move `text` to `spot`; its box there."""
        text.xy = spot.xy
        text.xyann = spot.offset
        text.set_horizontalalignment(spot.ha)
        text.set_verticalalignment(spot.va)
        return box_of(text, self.measure)

    def column(self, labels: Sequence[tuple[Annotation, Point]], side: float,
               away: float = NEAR_PT, x: float | None = None) -> list[list[Spot]]:
        """Spots for labels stacked in a column `away` points beside their points (`side`
        +1: at their right, -1: at their left; beside `x`, data coordinates, where given,
        each joined to its own point): spread apart in their points' order, then stepped up
        or down, with a leader when far from their point."""
        ha: HA = "left" if side > 0 else "right"

        def anchor(xy: Point) -> Point:
            return xy if x is None else (x, xy[1])

        start = [Spot(anchor(xy), (side * away, 0.0), ha, "center") for _, xy in labels]
        boxes = [self.put(text, spot) for (text, _), spot in zip(labels, start, strict=True)]
        wanted = [(b[1] + b[3]) / 2 for b in boxes]
        heights = [b[3] - b[1] + 2 * (PAD_PT + 0.5) * self.scale for b in boxes]
        axes = self.ax.bbox
        centres = spread(wanted, heights, float(axes.y0), float(axes.y1))
        spots = []
        for (_, xy), want, centre in zip(labels, wanted, centres, strict=True):
            steps = [(centre - want) / self.scale, *(sign * step for step in range(0, 90, 4)
                                                     for sign in (1, -1))]
            apart = anchor(xy) != xy
            spots.append([Spot(anchor(xy), (side * away, dy), ha, "center",
                               leader=bool(dy) or apart, to=xy if apart else None)
                          for dy in dict.fromkeys(steps)])
        return spots

    def stack(self, labels: Sequence[tuple[Annotation, Point, str]], side: float,
              away: float = NEAR_PT, x: float | None = None) -> list[Spot | None]:
        """Place labels that name their series (`labels`: the text, its point, its series)
        in a column beside their points (see `column`), keeping their points' order: each is
        placed below the one above it, or not at all (None)."""
        spots = self.column([(text, xy) for text, xy, _ in labels], side, away, x)
        heights = [float(self.ax.transData.transform(xy)[1]) for _, xy, _ in labels]
        placed: list[Spot | None] = [None] * len(labels)
        under = float("inf")  # the bottom of the label placed above
        for index in sorted(range(len(labels)), key=lambda i: (-heights[i], i)):
            text, _, series = labels[index]
            placed[index] = self.place(text, spots[index], series, under=under)
            if placed[index] is not None:
                under = self.texts[-1][1]
        return placed

    def free(self, box: Box, leader: Segment | None = None) -> bool:
        """Whether a label's box (and its leader) collides with nothing placed or drawn."""
        padded = grown(box, PAD_PT * self.scale)
        return (within(box, self.bounds)
                and not any(overlap(padded, other) for other in self.texts)
                and not any(overlap(padded, mark) for mark in self.marks)
                and not any(crosses(segment, grown(padded, width))
                            for segment, width in self.lines)
                and (leader is None or not any(crosses(leader, grown(other, self.scale))
                                               for other in self.texts)))

    def _leader(self, box: Box, xy: Point, beside: bool = False) -> Segment | None:
        """A line from the label's nearest edge toward its point, short of both. `beside` (a
        label in a column beside its point): from a gap out of the middle of the side that
        faces the point, to a gap out from the point on that side, so that it passes clear
        of the labels stacked above and below and of the other lines ending by the point."""
        px, py = (float(v) for v in self.ax.transData.transform(xy))
        qx, qy = min(max(px, box[0]), box[2]), min(max(py, box[1]), box[3])
        gap = (LEADER_GAP_PT + PAD_PT) * self.scale
        if beside and not box[0] <= px <= box[2]:
            toward = 1.0 if px > qx else -1.0  # from the label to its point
            if box[1] <= py <= box[3]:
                return None  # level with its point: near enough to need none
            return ((qx + toward * gap, (box[1] + box[3]) / 2), (px - toward * gap * 1.5, py))
        length = ((px - qx) ** 2 + (py - qy) ** 2) ** 0.5
        if length <= 3 * gap:
            return None  # near enough to its point to need none
        ux, uy = (px - qx) / length, (py - qy) / length
        return ((qx + ux * gap, qy + uy * gap), (px - ux * gap * 1.5, py - uy * gap * 1.5))

    def _draw_leader(self, leader: Segment, series: str = "") -> None:
        inverse = self.ax.transData.inverted()
        (x0, y0), (x1, y1) = (tuple(float(v) for v in inverse.transform(p)) for p in leader)
        self.ax.plot([x0, x1], [y0, y1], color=self.leader_color, linewidth=0.6,
                     label="_leader", clip_on=False, solid_capstyle="butt",
                     gid=f"{series}-leader-{len(self.lines)}" if series else None)
        self.lines.append((leader, 0.3 * self.scale))
        if series:  # another series' figure stays clear of it (leaders meet only at a point)
            self.leaders.setdefault(series, []).append(leader)


def box_to_point(box: Box, point: Point) -> float:
    """How far the point is from the box (0 inside it)."""
    dx = max(box[0] - point[0], 0.0, point[0] - box[2])
    dy = max(box[1] - point[1], 0.0, point[1] - box[3])
    return float((dx * dx + dy * dy) ** 0.5)


def point_to_segment(point: Point, segment: Segment) -> float:
    (x0, y0), (x1, y1) = segment
    dx, dy = x1 - x0, y1 - y0
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, ((point[0] - x0) * dx + (point[1] - y0) * dy)
                                                / length))
    ex, ey = x0 + t * dx - point[0], y0 + t * dy - point[1]
    return float((ex * ex + ey * ey) ** 0.5)


def _turn(o: Point, a: Point, b: Point) -> float:
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def segment_distance(first: Segment, second: Segment) -> float:
    """How far apart two segments are (0 where they cross)."""
    (a, b), (c, d) = first, second
    if _turn(c, d, a) * _turn(c, d, b) < 0 and _turn(a, b, c) * _turn(a, b, d) < 0:
        return 0.0
    return min(point_to_segment(a, second), point_to_segment(b, second),
               point_to_segment(c, first), point_to_segment(d, first))


def box_to_segment(box: Box, segment: Segment) -> float:
    """How far the segment is from the box (0 where it passes through it)."""
    if crosses(segment, box):
        return 0.0
    return min(segment_distance(segment, edge) for edge in edges(box))


def edges(box: Box) -> list[Segment]:
    """The box's four sides."""
    corners = [(box[0], box[1]), (box[2], box[1]), (box[2], box[3]), (box[0], box[3])]
    return list(zip(corners, corners[1:] + corners[:1], strict=True))


def box_of_figure(fig: Figure) -> Box:
    return (0.0, 0.0, float(fig.bbox.width), float(fig.bbox.height))


def _texts(fig: Figure, ax: Axes) -> list[Text]:
    """Every text drawn before the labels: the figure's words, the axes' texts, the ticks'."""
    found = [*fig.texts, *ax.texts]
    if ax.axison:
        found += [*ax.get_xticklabels(), *ax.get_yticklabels()]
    return [t for t in found if t.get_visible() and t.get_text().strip()]



def wrapped(fig: Figure, text: str, width: float, lines: int = 0, **style: Any) -> str:
    """`text` broken into lines no wider than `width` (display pixels) in `style`; with
    `lines`, at most that many, the last shortened with an ellipsis.

    Each line takes as many words as fit (a word wider than the line is cut where it must
    be). A line is never narrower than its beginning (its glyphs are a part of the longer
    line's, set in the same places), so where one more word stops fitting is found by
    measuring near where the letters' average width says it is (`most`), not by measuring
    the line again with each word in turn: the same lines, far fewer of them measured."""
    measure = renderer(fig)
    probe = fig.text(0, 0, "", **style)
    pixels, letters = 0.0, 0  # measured so far: a letter's width, on average

    def fits(candidate: str) -> bool:
        nonlocal pixels, letters
        probe.set_text(candidate)
        measured = float(probe.get_window_extent(measure).width)
        pixels, letters = pixels + measured, letters + len(candidate)
        return measured <= width

    def longest(candidate: Callable[[int], str], top: int) -> int:
        """The most of 1..`top` for which `candidate(n)` fits (0 where none does)."""
        letter = pixels / letters if letters else 0.0
        guess = next((n - 1 for n in range(1, top + 1)
                      if len(candidate(n)) * letter > width), top) if letter else 1
        return most(lambda n: fits(candidate(n)), guess, top)

    words = text.split()
    rows: list[str] = []
    index = 0
    while index < len(words):
        if rows:  # as many words as fit after the line so far
            count = longest(partial(_joined, rows[-1], words, index), len(words) - index)
            if count:
                rows[-1] = _joined(rows[-1], words, index, count)
                index += count
                continue
        word = words[index]
        while not fits(word) and len(word) > 1:  # a word wider than the line is cut
            cut = max(1, longest(partial(_start, word), len(word) - 1))
            rows.append(word[:cut])
            word = word[cut:]
        rows.append(word)
        index += 1
    if lines and len(rows) > lines:
        rows = rows[:lines]
        while rows[-1] and not fits(rows[-1] + "…"):
            rows[-1] = rows[-1][:-1].rstrip()
        rows[-1] += "…"
    probe.remove()
    return "\n".join(rows)


def _joined(row: str, words: Sequence[str], start: int, count: int) -> str:
    """The line `row` with `count` more of `words` from `start`."""
    return " ".join([row, *words[start:start + count]])


def _start(word: str, count: int) -> str:
    return word[:count]


def most(fits: Callable[[int], bool], guess: int, top: int) -> int:
    """The largest n of 0..`top` that `fits` (0 is taken to fit, and every n below one that
    fits fits too), measured from `guess` outward in steps of 1, 2, 4... then halved: a good
    guess costs two or three measures, a poor one a few more."""
    low, high = 0, top + 1  # low fits, high does not (top + 1: past the end)
    n = max(0, min(guess, top))
    step = 1
    if n and not fits(n):
        high = n
        while high - step > 0 and not fits(high - step):
            high, step = high - step, step * 2
        low = max(0, high - step)
    else:
        low = n
        while low + step <= top and fits(low + step):
            low, step = low + step, step * 2
        high = min(top + 1, low + step)
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (middle, high) if fits(middle) else (low, middle)
    return low
