"""What every chart kind shares: its request, its description, fonts, frame and checks."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from charts.grammar import possessive, spoken
from charts.specs import Spec

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from .ruler import Ruler


class Counts(Protocol):
    """One place-year's counts and the whole base its shares are taken of, as the press
    reads them from the data (press.source.tables.Base). A chart draws these; it never sums
    a base of its own."""

    @property
    def jurisdiction(self) -> str: ...
    @property
    def year(self) -> int: ...
    @property
    def counts(self) -> tuple[tuple[str, int], ...]: ...
    @property
    def missing(self) -> tuple[str, ...]: ...
    @property
    def total(self) -> int: ...
    @property
    def unrecorded(self) -> int: ...
    @property
    def unrecorded_in_base(self) -> bool: ...
    @property
    def complete(self) -> bool: ...
    @property
    def recorded(self) -> int: ...
    @property
    def small(self) -> bool: ...
    def count(self, group: str) -> int: ...
    def share(self, group: str) -> float: ...
    def extreme(self) -> str | None: ...
    def why_not(self, labels: dict[str, str] | None = None) -> str: ...


class Formats(Protocol):
    """How the edition writes numbers and places (press.core.numbers.Formats)."""

    def percent(self, value: float, decimals: int = 0) -> str: ...
    def count(self, value: float) -> str: ...
    def place(self, name: str) -> str: ...


class Words(Protocol):
    """The words a chart draws, in the edition's language: English in, the edition's words
    out (the press gives its catalogue, layouts/locale/<edition>.po). `plural` gives the
    words for a count (a gettext plural: the words for one, for many, and the count). Its
    repr names the edition and its words: a chart's cache key includes it."""

    def __call__(self, text: str) -> str: ...
    def plural(self, one: str, many: str, count: int) -> str: ...


class English:
    """Words as charts/ writes them: the sources' own language."""

    def __call__(self, text: str) -> str:
        return text

    def plural(self, one: str, many: str, count: int) -> str:
        return one if count == 1 else many

    def __repr__(self) -> str:
        return "English()"


class CannotDraw(Exception):
    """Why a chart cannot be drawn truthfully, in words staff can act on (the press reports
    it at the chart's line; charts/ does not import the press's own errors)."""


class NoData(CannotDraw):
    """What a chart's data cannot show (a place, a year or a group it lacks), in words."""


class UnknownPlaceholder(CannotDraw):
    """A {placeholder} in a chart's words that its kind does not fill."""

    def __init__(self, name: str) -> None:
        super().__init__(f"unknown placeholder {{{name}}} in its words")
        self.name = name

STYLE = Path(__file__).with_name("brand.mplstyle")
POINTS_PER_INCH = 72


@dataclass(frozen=True)
class ChartRequest:
    """Everything a chart kind needs: its settings, its rows and how it should look."""

    spec: Spec  # the chart's settings: one of press.source.schema's chart models
    bases: tuple[Counts, ...]  # every year of every place drawn: its counts and whole base
    fmt: Formats  # numbers and places, as the edition writes them
    labels: dict[str, str]  # group id -> label, e.g. female -> Women
    measure: str  # what is counted, e.g. arrests
    source_line: str
    palette: dict[str, str]
    font_family: str
    width_in: float
    height_in: float
    big_number: tuple[str, str, str] | None = None  # (figure, meaning, context): big-number
    source_name: str = ""  # who the figures come from: {source}
    places: tuple[str, ...] = ()  # the places drawn, as the data names them
    colors: dict[str, str] = field(default_factory=dict)  # group id -> its color
    unrecorded: tuple[str, ...] = ()  # groups whose rows were not recorded (sex unknown)
    words: Words = field(default_factory=English)  # the words it draws, in its language
    measure_one: str = ""  # one of what is counted: "arrest" ("" : the measure as it is)
    min_plot_in: float = 0.0  # the plot area's least height, inches (the press's sizes); 0: its kind's

    def say(self, text: str, /, **values: object) -> str:
        """`text` in the edition's words, its {names} filled from `values` (a name written
        "{group}'s" takes its possessive: "girls'"). Every sentence a chart draws or
        describes is written through this (or `say_n`, `words`), so that the edition's
        catalogue can translate it (press/source/catalogue.py finds them here)."""
        return spoken(self.words(text), values)

    def say_n(self, one: str, many: str, count: int, /, **values: object) -> str:
        """The words for `count` in the edition's words (`one` for one, `many` for any other
        count in English; the catalogue's plural forms in an edition), filled as `say` fills
        them: no "1 arrests", no "all 1 arrests were"."""
        return spoken(self.words.plural(one, many, count), values)

    def counted(self, count: int) -> str:
        """What is counted, for `count` of them: "arrests", and for one "arrest"."""
        return (self.measure_one or self.measure) if count == 1 else self.measure

    def nouns(self, count: int = 2) -> dict[str, str]:
        """What is counted, in one word, for a short label: {noun} is the measure's last word
        ("prostitution-related arrests" -> "arrests"), {first_noun} its first, where a
        language puts the noun first ("arrestos relacionados con la prostitución"): the
        edition's catalogue chooses one. For a count of one, the words for one."""
        named = self.counted(count).split() or [""]
        return {"noun": named[-1], "first_noun": named[0]}

    def joined(self, items: list[str], *, either: bool = False) -> str:
        """['women', 'men', 'others'] -> 'women, men and others' (or '... or others')."""
        if len(items) < 2:
            return "".join(items)
        rest, last = ", ".join(items[:-1]), items[-1]
        if either:
            return self.say("{items} or {last}", items=rest, last=last)
        return self.say("{items} and {last}", items=rest, last=last)

    def base(self, place: str, year: int) -> Counts | None:
        return next((b for b in self.bases if b.jurisdiction == place and b.year == year), None)

    def whole(self, place: str, year: int) -> Counts:
        """The place-year's base, whole; ValueError saying what is missing otherwise."""
        found = self.base(place, year)
        if found is None:
            raise NoData(f"no rows for {place} in {year}")
        why = found.why_not(self.labels)
        if why:
            raise NoData(why)
        return found

    def drawn(self, base: Counts) -> list[tuple[str, int]]:
        """The groups of a base that are part of it (a not-recorded group only when it counts
        in the base), with their counts."""
        return [(g, c) for g, c in base.counts
                if g not in self.unrecorded or base.unrecorded_in_base]

    def subject(self) -> str:
        """What was not recorded, in words: "sex" of a group labelled "Sex not recorded" (or
        "Sexo no registrado"); else "group", in the edition's words."""
        label = next((self.labels[g] for g in self.unrecorded), "")
        found = re.fullmatch(r"(.+?)\s+(?:(?:was\s+)?not\s+(?:recorded|reported|known)|"
                             r"no\s+(?:registrad[oa]|informad[oa]|conocid[oa]|consta))", label,
                             re.I)
        return found.group(1).lower() if found else self.words("group")

    def where(self, place: str) -> str:
        """Where a note's figures are from, in its words (" in Cobalt County"), for a chart
        of several places: each note names the place it means. '' for a chart of one place
        (its title or subtitle names it)."""
        if len(self.places) < 2:
            return ""
        return self.say(" in {place}", place=self.fmt.place(place))

    def base_note(self, base: Counts) -> str:
        """What a chart's foot says of rows whose group was not recorded, or ''."""
        if not base.unrecorded:
            return ""
        label = next((self.labels[g] for g in self.unrecorded), "not recorded")
        what = label[:1].lower() + label[1:]
        count = self.fmt.count(base.unrecorded)
        said = {"total": self.fmt.count(base.total), "measure": self.counted(base.total),
                "year": str(base.year), "count": count, "what": what, "subject": self.subject(),
                "where": self.where(base.jurisdiction)}
        if base.unrecorded_in_base:
            return self.say_n("Of {total} {measure}{where} in {year}, {count} with {what}, "
                              "counted in the base.", "Of {total} {measure}{where} in {year}, "
                              "{count} with {what}, counted in the base.", base.unrecorded,
                              **said)
        return self.say_n("Shares are of the one {measure}{where} in {year} whose {subject} "
                          "was recorded, not counting {count} with {what}.", "Shares are of "
                          "the {total} {measure}{where} in {year} whose {subject} was "
                          "recorded, not counting {count} with {what}.", base.total, **said)

    def small_note(self, *bases: Counts) -> str:
        """A caution for shares of very few rows (`bases` of one place), or ''."""
        small = [b for b in bases if b.small]
        if not small:
            return ""
        points = round(100 / max(b.total for b in small))
        years = ", ".join(f"{b.year} ({self.fmt.count(b.total)})" for b in small)
        return self.say("Few {measure}{where} in {years}: one more or fewer moves a share by "
                        "{points} points or more.", measure=self.measure, years=years,
                        points=points, where=self.where(small[0].jurisdiction))

    def extreme_note(self, base: Counts) -> str:
        """A note for a share of 0% or 100%, or ''."""
        group = base.extreme()
        if group is None:
            return ""
        label = self.labels[group].lower()
        said = {"label": label, "total": self.fmt.count(base.total),
                "measure": self.counted(base.total), "year": base.year,
                "where": self.where(base.jurisdiction)}
        if base.count(group) == 0:
            return self.say_n("In {year}, the one {measure}{where} was not of {label} "
                              "({share}).", "No {label} were among the {total} {measure}"
                              "{where} in {year} ({share}).", base.total,
                              share=self.fmt.percent(0), **said)
        return self.say_n("In {year}, the one {measure}{where} was of {label} ({share}).",
                          "In {year}, all {total} {measure}{where} were of {label} ({share}).",
                          base.total, share=self.fmt.percent(100), **said)


@dataclass(frozen=True)
class Description:
    """The words of a chart, all written from its data."""

    title: str
    subtitle: str
    alt: str
    notes: str
    numbers: dict[str, str] = field(default_factory=dict)  # placeholder -> formatted value
    said: tuple[str, ...] = ()  # notes the data asked for; the build warns of each
    noted: tuple[str, ...] = ()  # each note of `notes`, as printed: the judge finds each


def fill(template: str, values: dict[str, str]) -> str:
    """Replace {name} placeholders; an unknown one is an error the preflight reports.

    Text that starts with a placeholder starts with a capital ("The United States, 2016"). A
    name written "{group}'s" takes its possessive ("Girls' share", never "Girls's"). Where a
    chart fills `total_measure` (a split), "{total} {measure}", "{total} {noun}" and "{total}
    {first_noun}" are said for the count: "1 arrest", "3 arrests".
    """
    def one(match: re.Match[str]) -> str:
        if match.group(1):  # "{total} {measure}", "{total} {noun}": said for the count
            return values.get(f"total_{match.group(1)}") or (
                f"{value('total')} {value(match.group(1))}")
        owner = match.group(3)
        return possessive(value(match.group(2)), owner[0]) if owner else value(match.group(2))

    def value(name: str) -> str:
        if name not in values:
            raise UnknownPlaceholder(name)
        return values[name]
    filled = re.sub(r"\{total\} \{(measure|noun|first_noun)\}|\{([a-z_]+)\}(['\u2019]s\b)?",
                    one, template)
    return filled[:1].upper() + filled[1:] if template.startswith("{") else filled


def style_colors(palette: dict[str, str]) -> dict[str, str]:
    """The chart style's colors (matplotlib rcParams) from the brand's palette."""
    ink, muted, rule, paper = palette["ink"], palette["muted"], palette["rule"], palette["paper"]
    return {"text.color": ink, "axes.labelcolor": ink, "xtick.color": ink, "ytick.color": ink,
            "axes.edgecolor": muted, "grid.color": rule, "figure.facecolor": paper,
            "axes.facecolor": paper, "savefig.facecolor": paper}


def described(request: ChartRequest, values: dict[str, str], alt: str,
              notes: list[str] | None = None, said: list[str] | None = None) -> Description:
    """The chart's title and subtitle filled from `values` and the words every chart kind
    has ({jurisdiction}, {source}, {measure}), with its alt text and notes. `notes` are what
    the data asks the foot to say (rows whose group was not recorded); `said` are notes the
    build also warns of (a gap, a zero, a share of 0% or 100%). Both are added to the alt text."""
    spec = request.spec
    common = {"jurisdiction": places(request), "source": request.source_name,
              "measure": request.measure}
    values = {**common, **values}
    said = [s for s in dict.fromkeys(said or []) if s]
    extra = [n for n in dict.fromkeys([*(notes or []), *said]) if n]
    noted = tuple(n for n in (fill(spec.notes, values).strip(), *extra) if n)
    alt = " ".join([alt, *extra])
    title, subtitle = (once(fill(text, values), set(values.values()))
                       for text in (spec.title, spec.subtitle))
    return Description(title, subtitle, alt, " ".join(noted), values, tuple(said), noted)


def once(text: str, values: set[str]) -> str:
    """A range whose two ends are the same value, said once: "were 50% to 50% of" -> "were
    50% of" (also "50%-50%" and "between 50% and 50%"; not "from 50% to 50%", a change, nor
    "50% and 50%", two things)."""
    for value in sorted(v for v in values if NUMBER.fullmatch(v)):
        same = re.escape(value)
        text = re.sub(rf"(?<![\w,.])(?<!from )(?:between\s+{same}\s+and|{same}\s*"
                      rf"(?:to|through|-|\u2013|\u2014))\s*{same}(?![\w%])", value, text)
    return text


def places(request: ChartRequest) -> str:
    """('United States', 'Massachusetts') -> 'the United States and Massachusetts'."""
    return request.joined([request.fmt.place(n) for n in request.places])


NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?%?")


def unsupported_numbers(text: str, allowed: set[str]) -> list[str]:
    """Numbers in `text` that are not among the chart's computed values (years allowed)."""
    return [n for n in NUMBER.findall(text) if n not in allowed]


TITLE: dict[str, Any] = {"fontsize": 12, "fontweight": "bold"}
SUBTITLE: dict[str, Any] = {"fontsize": 9.5}
FOOT: dict[str, Any] = {"fontsize": 7.5, "linespacing": 1.3}
MIN_AXES_IN = 0.3  # inches: the least height of the axes, where a kind asks for no more


def figure(request: ChartRequest, description: Description, *, left_in: float = 0.0,
           axis_in: float = 0.0, min_axes_in: float = MIN_AXES_IN, ruler: Ruler | None = None
           ) -> tuple[Figure, Axes]:
    """A Figure at print size with title, subtitle and source drawn, and one Axes to fill.

    `left_in` leaves room for y tick labels; `axis_in` for x tick labels below the axes. A
    title or subtitle too wide for the figure takes a second line (and the axes start
    lower); the foot's lines are as wide as the figure. The figure is `request.height_in`
    tall, or taller where its words need it: the axes keep `min_axes_in` of height and the
    source line and every note print in full (never cut: they are what the chart discloses).
    Every figure of one chart is given the chart's `ruler`: its words are measured once.
    """
    import matplotlib

    matplotlib.use("svg")
    from .labels import wrapped
    from .ruler import ChartFigure

    width = request.width_in
    fig = ChartFigure(figsize=(width, request.height_in), ruler=ruler)
    across = width * fig.dpi
    title = wrapped(fig, description.title, across, **TITLE)
    subtitle = wrapped(fig, description.subtitle, across, **SUBTITLE)
    below_title = _more_lines_in(fig, title, 0.2, **TITLE)  # what is below it moves down
    top_in = (0.47 if subtitle else 0.3) + below_title + _more_lines_in(fig, subtitle, 0.16,
                                                                           **SUBTITLE)
    foot = _foot(fig, request, description)
    bottom_in = _foot_in(fig, foot, axis_in)
    height = max(request.height_in, top_in + min_axes_in + bottom_in)
    fig.set_size_inches(width, height)
    ax = fig.add_axes((left_in / width, bottom_in / height, 1 - left_in / width,
                       1 - (top_in + bottom_in) / height))
    fig.text(0, 1 - 0.02 / height, title, va="top", ha="left", color=request.palette["ink"],
             **TITLE)
    if subtitle:
        fig.text(0, 1 - (0.27 + below_title) / height, subtitle, va="top", ha="left",
                 color=request.palette["muted"], **SUBTITLE)
    fig.text(0, 0.02 / height, foot, va="bottom", ha="left", color=request.palette["muted"],
             **FOOT)
    return fig, ax


def _more_lines_in(fig: Figure, text: str, per_line_in: float, **style: Any) -> float:
    """How much taller than its first line `text` is set, in inches: measured (a line of a
    face with tall ascents takes more than `per_line_in`), and at least `per_line_in` a line
    more."""
    if "\n" not in text:
        return 0.0
    from .labels import box_of, renderer

    heights = []
    for part in (text, text.split("\n")[0]):
        artist = fig.text(0, 0, part, **style)
        box = box_of(artist, renderer(fig))
        artist.remove()
        heights.append(box[3] - box[1])
    return max(per_line_in * text.count("\n"), (heights[0] - heights[1]) / fig.dpi)


def _foot(fig: Figure, request: ChartRequest, description: Description) -> str:
    """The source line and the notes, wrapped to the figure's width (about 20 characters an
    inch at 7.5 pt, narrower where the words are wider)."""
    from .labels import wrapped

    width = request.width_in
    characters = int(width * 20)
    parts = [request.source_line]
    if description.notes:
        parts.append(request.words("Note:") + " " + description.notes)
    lines = [wrap(part, characters) for part in parts]
    lines = [w if all(text_width(fig, line, **FOOT) <= 1 for line in w.split("\n")) else
             wrapped(fig, part, width * fig.dpi, **FOOT) for w, part in zip(lines, parts,
                                                                            strict=True)]
    return "\n".join(lines)


def _foot_in(fig: Figure, foot: str, axis_in: float) -> float:
    """Where the axes start (inches from the bottom) below which the foot and the x tick
    labels are set: 0.18, 0.135 a line of the foot and `axis_in`, or more where the foot
    measures more (it is set 0.02 from the bottom; the tick labels take axis_in - 0.05)."""
    from .labels import box_of, renderer

    artist = fig.text(0, 0, foot, **FOOT)
    box = box_of(artist, renderer(fig))
    artist.remove()
    measured = (box[3] - box[1]) / fig.dpi + 0.04 + max(axis_in - 0.05, 0.0)
    return max(0.12 + 0.135 * (foot.count("\n") + 1) + axis_in, measured)


def column_in(fig: Figure, texts: list[str], style: dict[str, Any]) -> float:
    """The height, inches, that `texts` take stacked in a column of labels, each with the
    room a Placer keeps around it (labels.column)."""
    from .labels import PAD_PT, box_of, renderer

    total = 0.0
    for text in texts:
        artist = fig.text(0, 0, text, **style)
        box = box_of(artist, renderer(fig))
        artist.remove()
        total += box[3] - box[1] + 2 * (PAD_PT + 0.5) * fig.dpi / 72
    return total / fig.dpi * 1.05  # a little to spare: the column is stepped, not packed


def wrap(text: str, width: int) -> str:
    import textwrap

    # never after a hyphen: "prostitution-related" stays whole, as a reader copies it
    return "\n".join(textwrap.wrap(text, width, break_on_hyphens=False))


def text_width(fig: Figure, text: str, **style: Any) -> float:
    """The width of `text` drawn in `style`, as a fraction of the figure's width."""
    from .labels import box_of, renderer

    artist = fig.text(0, 0, text, **style)
    box = box_of(artist, renderer(fig))
    artist.remove()
    return (box[2] - box[0]) / float(fig.bbox.width)
