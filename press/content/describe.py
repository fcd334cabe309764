"""Describe: each chart's request and words, written from its data; nothing drawn.

A chart's title, subtitle, notes and alt text come from its data (and its alt text is
checked against the numbers the data supports). Its SVG's place in the cache is keyed by
everything that shapes it, so the draw stage draws only what changed; this stage imports
no matplotlib.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import re
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import charts
from charts.colors import luma
from charts.common import (
    NUMBER,
    STYLE,
    CannotDraw,
    ChartRequest,
    Description,
    English,
    NoData,
    unsupported_numbers,
)
from press.content import cite
from press.content.compute import StatValue, formats_of, measure_for
from press.core import files, numbers, sizes
from press.core.problems import ChartError, Problem, one_of
from press.source import catalogue
from press.source.descriptor import GROUP_COLORS, Dataset
from press.source.load import Project
from press.source.schema import ChartSpec

# inches of height for each kind, in the brief and in a handout
HEIGHTS = {"split": (1.5, 1.7), "share-over-time": (2.55, 2.3), "slope": (2.4, 2.3),
           "big-number": (1.6, 1.4)}
CACHE = ".press-cache/charts"


@dataclass(frozen=True)
class ChartFile:
    """A chart as planned: where its SVG is (or will be, once drawn), its words, and what
    drawing it needs."""

    id: str
    size: str  # brief or handout
    path: Path
    description: Description
    source_line: str
    reference: str
    request: ChartRequest
    fonts: tuple[Path, ...]

    def notes(self) -> list[str]:
        """What the chart prints under it, each whole: its source line, then each note (the
        staff's and every one its data asks for). The manifest lists them; the judge finds
        each in the page's text."""
        return [self.source_line, *self.description.noted]


def request_for(project: Project, spec: ChartSpec, size: str, stats: dict[str, StatValue]
                ) -> tuple[ChartRequest, str]:
    """The request for one chart (`spec`, from charts.yaml or re-pointed at a place), and the
    reference id its data comes from. Raises ValueError when its data has nothing to draw."""
    table = project.tables[spec.dataset]
    places = ([spec.jurisdiction] if hasattr(spec, "jurisdiction") else
              list(getattr(spec, "jurisdictions", [])))
    rows = tuple(r for r in table.rows if r.jurisdiction in places)
    bases = tuple(table.base(place, year) for place in places for year in table.years(place))
    big: tuple[str, str, str] | None = None
    if spec.kind == "big-number":
        value = stats[spec.stat]
        big = (value.display, value.meaning, value.context)
        reference = value.reference
        places = [value.jurisdiction]
    else:
        absent = [p for p in places if p not in table.jurisdictions()]
        if absent:
            raise NoData(f'the dataset "{table.name}" has no rows for {one_of(absent)}; it has '
                             f"{one_of(table.jurisdictions())}")
        refs = sorted({r.source for r in rows})
        reference = refs[0]
    words = catalogue.Words(project.root, project.edition)
    line = words("Source:") + " " + cite.short_source(project.references[reference]) + "."
    note = table.descriptor.notes.get(reference)
    if note and note not in spec.notes:
        spec = spec.model_copy(update={"notes": f"{spec.notes} {note}".strip()})
    palette = project.brand.palette.model_dump()
    width = sizes.column_in(size, project.settings.paper)  # the text column it fills
    height = HEIGHTS[spec.kind][0 if size == "brief" else 1]
    descriptor = table.descriptor
    return ChartRequest(
        spec=spec, bases=bases, fmt=formats_of(project), labels=table.labels(),
        measure=descriptor.measure, source_line=line, palette=palette,
        font_family=project.brand.fonts.body, width_in=width, height_in=height, big_number=big,
        source_name=cite.source_name(project.references[reference]), places=tuple(places),
        colors=group_colors(descriptor, palette),
        unrecorded=tuple(g for g, label in descriptor.groups.items() if label.not_recorded),
        words=words, measure_one=measure_for(table, 1, project.edition),
        min_plot_in=sizes.PLOT_MIN_IN,
    ), reference


DEFAULT_COLORS = {"female": "women", "male": "men"}
# What describing a chart may raise: its data cannot show what it asks, a placeholder its
# kind does not fill, words the data does not support.
CHART_FAILURES = (CannotDraw, ChartError)


def group_colors(descriptor: Dataset, palette: dict[str, str]) -> dict[str, str]:
    """Each group's color: its own `color:`, else women for female and men for male (or a
    group labelled Women or Men), other for a not-recorded group, else the first palette
    color no other group of the dataset takes."""
    chosen: dict[str, str] = {}
    for group, label in descriptor.groups.items():
        name = label.color or DEFAULT_COLORS.get(group) or DEFAULT_COLORS.get(
            {"women": "female", "men": "male"}.get(label.label.strip().casefold(), ""), "")
        if not name and label.not_recorded:
            name = "other"
        if name:
            chosen[group] = name
    for group in descriptor.groups:
        if group not in chosen:
            chosen[group] = next((c for c in GROUP_COLORS if c not in chosen.values()), "accent")
    return {group: palette[name] for group, name in chosen.items()}


def describe(request: ChartRequest) -> Description:
    """The chart's words; raises ValueError when its alt text states an unsupported number."""
    description: Description = charts.KINDS[request.spec.kind].describe(request)
    counts = {c for b in request.bases for _, c in b.counts}
    counts |= {n for b in request.bases for n in (b.total, b.unrecorded)}
    years = [b.year for b in request.bases]
    allowed = set(description.numbers.values()) | {str(y) for y in range(min(years or [0]),
                                                                         max(years or [0]) + 1)}
    allowed |= {str(c) for c in counts} | {f"{c:,}" for c in counts} | {"0%", "100%"}
    allowed |= {f"{100 / b.total:.0f}" for b in request.bases if b.small}  # points one row moves
    allowed |= _numbers_in(request.big_number)
    allowed |= {str(n.year) for n in getattr(request.spec, "annotate", []) if not isinstance(n, str)}
    alt = description.alt
    for name in sorted(request.places, key=len, reverse=True):  # "ORI MA01460" is a name
        # as a word ("0" is not in "50%"), in any case (a sentence may start "E3's share")
        alt = re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", " ", alt, flags=re.IGNORECASE)
    wrong = unsupported_numbers(alt, allowed | _every_share(request))
    if wrong:
        raise ChartError(f"alt text states numbers not in the data: {', '.join(wrong)}")
    return description


def _numbers_in(big: tuple[str, str, str] | None) -> set[str]:
    return set(NUMBER.findall(" ".join(big))) if big else set()


def _every_share(request: ChartRequest) -> set[str]:
    """Every share (of a whole base) and every change a chart of these bases could
    truthfully state."""
    shares: set[str] = set()
    by_group: dict[tuple[str, str], list[int]] = {}
    for base in request.bases:
        for group, count in base.counts:
            by_group.setdefault((base.jurisdiction, group), []).append(count)
            if base.complete:
                shares.add(numbers.percent(base.share(group)))
    for series in by_group.values():
        shares |= {numbers.percent(numbers.share(b - a, a)) for a in series for b in series if a}
    return shares


def _in_original(project: Project, spec: ChartSpec, request: ChartRequest,
                 description: Description) -> Description:
    """In an edition, a title or subtitle it has no translation of is English (a warning
    says so): its {placeholders} are filled in English too ("fell", "women"), not in the
    edition's words, so that no line mixes two languages."""
    untranslated = [name for name in ("title", "subtitle")
                    if f"{spec.id}.{name}" in project.charts_in_original]
    if not untranslated:
        return description
    table = project.tables_in_original[spec.dataset]
    english = describe(dataclasses.replace(
        request, words=English(), fmt=numbers.Formats(), labels=table.labels(),
        measure=table.descriptor.measure, measure_one=measure_for(table, 1)))
    return dataclasses.replace(description, **{name: getattr(english, name)
                                               for name in untranslated})


def _key(request: ChartRequest, font_files: list[Path], description: Description) -> str:
    digest = hashlib.sha256()
    digest.update(f"{description.title}\n{description.subtitle}".encode())
    fields = {f.name: getattr(request, f.name) for f in dataclasses.fields(request)}
    payload = fields | {"spec": repr(request.spec), "bases": repr(request.bases)}
    digest.update(json.dumps(payload, sort_keys=True, default=str).encode())
    for path in [*sorted(Path(charts.__file__).parent.glob("*.py")), STYLE, *font_files]:
        digest.update(files.digest(path).encode())
    digest.update(_matplotlib().encode())
    return digest.hexdigest()[:20]


@functools.cache
def _matplotlib() -> str:
    """matplotlib's version, read once per process (its metadata takes 0.1 s to parse, and
    a check reads it for every chart: the studio checks as staff type)."""
    return version("matplotlib")


def body_fonts(project: Project) -> list[Path]:
    """The font files of the brand's body family, which charts are set in (only those the
    border lets through: a missing or outside file is reported by the brand check)."""
    fonts = project.root / "layouts" / "fonts"
    paths = [fonts / face.file for face in project.brand.fonts.faces
             if face.family == project.brand.fonts.body]
    return [path for path in paths if files.readable(project.root, path)]


def plan_chart(project: Project, spec: ChartSpec, size: str, stats: dict[str, StatValue]
               ) -> ChartFile:
    """The chart as it will be drawn: its request, words and the cache file its SVG goes in
    (keyed by everything that shapes it). Nothing is drawn here."""
    request, reference = request_for(project, spec, size, stats)
    description = _in_original(project, spec, request, describe(request))
    fonts = body_fonts(project)
    key = _key(request, fonts, description)
    path = project.root / CACHE / f"{spec.id}-{size}-{key}.svg"
    return ChartFile(spec.id, size, path, description, request.source_line, reference,
                     request, tuple(fonts))


MIN_GRAY_LEVELS = 50.0  # of 255, between series in a grayscale rendering of a chart
TWO_SERIES = {"split", "slope"}  # kinds that draw women and men, each in its own color


def gray_problems(project: Project) -> list[Problem]:
    """Each chart that draws its groups in their colors: printed in gray, are every two of
    its marks apart? And does each group of a dataset have a color of its own?

    A mark of one color prints as that color's gray; the draw stage's grayscale rendering
    of a chart (draw.gray_levels, tested against this) measures the same numbers."""
    palette = project.brand.palette.model_dump()
    doc = project.doc("charts")
    found: list[Problem] = []
    for index, (chart_id, spec) in enumerate(project.charts.items()):
        if spec.kind not in TWO_SERIES or spec.dataset not in project.tables:
            continue
        table = project.tables[spec.dataset]
        colors = group_colors(table.descriptor, palette)
        groups = list(colors)
        for i, first in enumerate(groups):
            for second in groups[i + 1:]:
                a, b = table.label(first).lower(), table.label(second).lower()
                if colors[first] == colors[second]:
                    found.append(project.doc("dataset", spec.dataset).problem(
                        ("groups", second), f'the groups "{first}" and "{second}" would be drawn '
                        f"in the same color ({colors[first]})", "give one of them its own "
                        f"`color:` ({one_of(GROUP_COLORS)})"))
                    continue
                hatched = any(table.descriptor.groups[g].not_recorded for g in (first, second))
                apart = abs(luma(colors[first]) - luma(colors[second]))
                if apart < MIN_GRAY_LEVELS and not hatched:  # a hatch tells that one apart
                    found.append(doc.problem(
                        (index,), f'chart "{chart_id}": printed in black and white, its {a} and '
                        f"{b} marks come out {apart:.0f} gray levels apart (of 255), fewer than "
                        f"{MIN_GRAY_LEVELS:.0f}", "make one of the two colors in brand.yaml "
                        "much lighter or darker"))
    return found
