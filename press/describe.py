"""Stage 3, describe: each chart's request and words, written from its data; nothing drawn.

A chart's title, subtitle, notes and alt text come from its data (and its alt text is
checked against the numbers the data supports). Its SVG's place in the cache is keyed by
everything that shapes it, so the draw stage draws only what changed; this stage imports
no matplotlib.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

import charts
from charts.common import NUMBER, STYLE, ChartRequest, Description, unsupported_numbers

from . import cite, files, numbers
from .compute import StatValue
from .data import Observation
from .load import Project
from .problems import Problem, one_of

WIDTHS = {"brief": 6.5, "handout": 7.3}  # inches: the text column of each layout
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


def request_for(project: Project, spec: Any, size: str, stats: dict[str, StatValue]
                ) -> tuple[ChartRequest, str]:
    """The request for one chart (`spec`, from charts.yaml or re-pointed at a place), and the
    reference id its data comes from. Raises ValueError when its data has nothing to draw."""
    table = project.tables[spec.dataset]
    places = ([spec.jurisdiction] if hasattr(spec, "jurisdiction") else
              list(getattr(spec, "jurisdictions", [])))
    rows = tuple(r for r in table.rows if r.jurisdiction in places)
    big: tuple[str, str, str] | None = None
    if spec.kind == "big-number":
        value = stats[spec.stat]
        big = (value.display, value.meaning, value.context)
        reference = value.reference
        places = [value.jurisdiction]
    else:
        absent = [p for p in places if p not in table.jurisdictions()]
        if absent:
            raise ValueError(f'the dataset "{table.name}" has no rows for {one_of(absent)}; it has '
                             f"{one_of(table.jurisdictions())}")
        refs = sorted({r.source for r in rows})
        reference = refs[0]
    line = "Source: " + cite.short_source(project.references[reference]) + "."
    note = table.descriptor.notes.get(reference)
    if note and note not in spec.notes:
        spec = spec.model_copy(update={"notes": f"{spec.notes} {note}".strip()})
    palette = project.brand.palette.model_dump()
    width = WIDTHS[size]
    height = HEIGHTS[spec.kind][0 if size == "brief" else 1]
    labels = {group: label.label for group, label in table.descriptor.groups.items()}
    return ChartRequest(spec, rows, labels, table.descriptor.measure, line, palette,
                        project.brand.fonts.body, width, height, big,
                        cite.source_name(project.references[reference]), tuple(places)), reference


def describe(request: ChartRequest) -> Description:
    """The chart's words; raises ValueError when its alt text states an unsupported number."""
    description: Description = charts.KINDS[request.spec.kind].describe(request)
    allowed = set(description.numbers.values()) | {str(r.year) for r in request.rows}
    allowed |= {str(r.count) for r in request.rows} | {f"{r.count:,}" for r in request.rows}
    allowed |= _numbers_in(request.big_number)
    allowed |= {str(n.year) for n in getattr(request.spec, "annotate", []) if not isinstance(n, str)}
    alt = description.alt
    for name in sorted(request.places, key=len, reverse=True):  # "ORI MA01460" is a name
        alt = alt.replace(name, " ")
    wrong = unsupported_numbers(alt, allowed | _every_share(request))
    if wrong:
        raise ValueError(f"alt text states numbers not in the data: {', '.join(wrong)}")
    return description


def _numbers_in(big: tuple[str, str, str] | None) -> set[str]:
    return set(NUMBER.findall(" ".join(big))) if big else set()


def _every_share(request: ChartRequest) -> set[str]:
    """Every share and every change a chart of these rows could truthfully state."""
    shares: set[str] = set()
    by_year: dict[tuple[str, int], list[Observation]] = {}
    by_group: dict[tuple[str, str], list[Observation]] = {}
    for row in request.rows:
        by_year.setdefault((row.jurisdiction, row.year), []).append(row)
        by_group.setdefault((row.jurisdiction, row.group), []).append(row)
    for rows in by_year.values():
        total = sum(r.count for r in rows)
        shares |= {numbers.percent(numbers.share(r.count, total)) for r in rows if total}
    for series in by_group.values():
        shares |= {numbers.percent(numbers.share(b.count - a.count, a.count))
                   for a in series for b in series if a.count}
    return shares


def _key(request: ChartRequest, font_files: list[Path]) -> str:
    digest = hashlib.sha256()
    fields = {f.name: getattr(request, f.name) for f in dataclasses.fields(request)}
    payload = fields | {"spec": request.spec.model_dump_json(), "rows": repr(request.rows)}
    digest.update(json.dumps(payload, sort_keys=True, default=str).encode())
    for path in [*sorted(Path(charts.__file__).parent.glob("*.py")), STYLE, *font_files]:
        digest.update(files.digest(path).encode())
    digest.update(version("matplotlib").encode())
    return digest.hexdigest()[:20]


def body_fonts(project: Project) -> list[Path]:
    """The font files of the brand's body family, which charts are set in (only those the
    border lets through: a missing or outside file is reported by the brand check)."""
    fonts = project.root / "layouts" / "fonts"
    paths = [fonts / face.file for face in project.brand.fonts.faces
             if face.family == project.brand.fonts.body]
    return [path for path in paths if files.readable(project.root, path)]


def plan_chart(project: Project, spec: Any, size: str, stats: dict[str, StatValue]
               ) -> ChartFile:
    """The chart as it will be drawn: its request, words and the cache file its SVG goes in
    (keyed by everything that shapes it). Nothing is drawn here."""
    request, reference = request_for(project, spec, size, stats)
    description = describe(request)
    fonts = body_fonts(project)
    path = project.root / CACHE / f"{spec.id}-{size}-{_key(request, fonts)}.svg"
    return ChartFile(spec.id, size, path, description, request.source_line, reference,
                     request, tuple(fonts))


MIN_GRAY_LEVELS = 50.0  # of 255, between series in a grayscale rendering of a chart
TWO_SERIES = {"split", "slope"}  # kinds that draw women and men, each in its own colour


def luma(color: str) -> float:
    """The gray (0-255) an office printer turns a colour into (ITU-R 601, as PIL's "L")."""
    red, green, blue = (int(color[i:i + 2], 16) for i in (1, 3, 5))
    return 0.299 * red + 0.587 * green + 0.114 * blue


def gray_problems(project: Project) -> list[Problem]:
    """Each chart that draws women and men: printed in gray, are its two marks apart?

    A mark of one colour prints as that colour's gray; the draw stage's grayscale rendering
    of a chart (draw.gray_levels, tested against this) measures the same numbers."""
    palette = project.brand.palette
    apart = abs(luma(palette.women) - luma(palette.men))
    if apart >= MIN_GRAY_LEVELS:
        return []
    doc = project.doc("charts")
    return [doc.problem((index,), f'chart "{chart_id}": printed in black and white, its women '
                        f"and men marks come out {apart:.0f} gray levels apart (of 255), fewer "
                        f"than {MIN_GRAY_LEVELS:.0f}", "make one of the two colours in brand.yaml "
                        "much lighter or darker")
            for index, (chart_id, spec) in enumerate(project.charts.items())
            if spec.kind in TWO_SERIES]
