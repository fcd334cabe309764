"""What every chart kind shares: its request, its description, fonts, frame and checks."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from press import numbers
from press.data import Observation

if TYPE_CHECKING:
    from matplotlib.figure import Figure

STYLE = Path(__file__).with_name("brand.mplstyle")
POINTS_PER_INCH = 72


@dataclass(frozen=True)
class ChartRequest:
    """Everything a chart kind needs: its settings, its rows and how it should look."""

    spec: Any  # one of press.schema's chart models
    rows: tuple[Observation, ...]
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


@dataclass(frozen=True)
class Description:
    """The words of a chart, all written from its data."""

    title: str
    subtitle: str
    alt: str
    notes: str
    numbers: dict[str, str] = field(default_factory=dict)  # placeholder -> formatted value


def fill(template: str, values: dict[str, str]) -> str:
    """Replace {name} placeholders; an unknown one is an error the preflight reports.

    Text that starts with a placeholder starts with a capital ("The United States, 2016").
    """
    def one(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in values:
            raise KeyError(name)
        return values[name]
    filled = re.sub(r"\{([a-z_]+)\}", one, template)
    return filled[:1].upper() + filled[1:] if template.startswith("{") else filled


def described(request: ChartRequest, values: dict[str, str], alt: str) -> Description:
    """The chart's title and subtitle filled from `values` and the words every chart kind
    has ({jurisdiction}, {source}, {measure}), with its alt text and notes."""
    spec = request.spec
    common = {"jurisdiction": places(request.places), "source": request.source_name,
              "measure": request.measure}
    values = {**common, **values}
    notes = fill(spec.notes, values)
    return Description(fill(spec.title, values), fill(spec.subtitle, values), alt, notes, values)


def places(names: tuple[str, ...] | list[str]) -> str:
    """('United States', 'Massachusetts') -> 'the United States and Massachusetts'."""
    named = [numbers.place(n) for n in names]
    return named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]


NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?%?")


def unsupported_numbers(text: str, allowed: set[str]) -> list[str]:
    """Numbers in `text` that are not among the chart's computed values (years allowed)."""
    return [n for n in NUMBER.findall(text) if n not in allowed]


def figure(request: ChartRequest, description: Description, *, left_in: float = 0.0,
           axis_in: float = 0.0) -> tuple[Figure, Any]:
    """A Figure at print size with title, subtitle and source drawn, and one Axes to fill.

    `left_in` leaves room for y tick labels; `axis_in` for x tick labels below the axes.
    """
    import matplotlib

    matplotlib.use("svg")
    from matplotlib.figure import Figure

    width, height = request.width_in, request.height_in
    fig = Figure(figsize=(width, height))
    characters = int(width * 20)  # about 20 characters an inch at 7.5 pt
    foot = wrap(request.source_line, characters)
    if description.notes:
        foot += "\n" + wrap(f"Note: {description.notes}", characters)
    foot_lines = foot.count("\n") + 1
    top_in = 0.58 if description.subtitle else 0.36
    bottom_in = 0.1 + 0.135 * foot_lines + axis_in + 0.08
    ax = fig.add_axes((left_in / width, bottom_in / height, 1 - left_in / width,
                       1 - (top_in + bottom_in) / height))
    fig.text(0, 1 - 0.02 / height, description.title, fontsize=12, fontweight="bold",
             va="top", ha="left", color=request.palette["ink"])
    if description.subtitle:
        fig.text(0, 1 - 0.27 / height, description.subtitle, fontsize=9.5, va="top", ha="left",
                 color=request.palette["muted"])
    fig.text(0, 0.02 / height, foot, fontsize=7.5, va="bottom", ha="left",
             color=request.palette["muted"], linespacing=1.4)
    return fig, ax


def wrap(text: str, width: int) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(text, width))
