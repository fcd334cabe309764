"""Stage 3, chart: turn chart settings and data into SVG files, cached by content hash.

Charts are drawn by the modules in charts/ at the size they print, with text kept as
text (svg.fonttype none) in the brand's body font, so WeasyPrint sets it with the same
@font-face fonts as the page.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
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
from .problems import one_of

WIDTHS = {"brief": 6.5, "handout": 7.3}  # inches: the text column of each layout
# inches of height for each kind, in the brief and in a handout
HEIGHTS = {"split": (1.5, 1.7), "share-over-time": (2.55, 2.3), "slope": (2.4, 2.3),
           "big-number": (1.6, 1.4)}
CACHE = ".press-cache/charts"


@dataclass(frozen=True)
class ChartFile:
    """A drawn chart: where its SVG is, and its words."""

    id: str
    size: str  # brief or handout
    path: Path
    description: Description
    source_line: str
    reference: str


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
    payload = dataclasses.asdict(request) | {"spec": request.spec.model_dump(mode="json")}
    digest.update(json.dumps(payload, sort_keys=True, default=str).encode())
    for path in [*sorted(Path(charts.__file__).parent.glob("*.py")), STYLE, *font_files]:
        digest.update(path.read_bytes() if path.suffix != ".ttf" else path.name.encode())
    digest.update(version("matplotlib").encode())
    return digest.hexdigest()[:20]


@contextmanager
def _drawn(request: ChartRequest, description: Description,
           font_files: list[Path]) -> Iterator[Any]:
    """The chart's Figure, drawn in the brand style and font; the style stays in force
    while the caller saves or rasterises it."""
    import matplotlib

    matplotlib.use("svg")
    from matplotlib import font_manager, rc_context

    for path in font_files:
        font_manager.fontManager.addfont(str(path))
    with rc_context(fname=str(STYLE)):
        matplotlib.rcParams["font.family"] = request.font_family
        yield charts.KINDS[request.spec.kind].draw(request, description)


def _render_svg(request: ChartRequest, description: Description, font_files: list[Path]) -> bytes:
    buffer = io.BytesIO()
    with _drawn(request, description, font_files) as figure:
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return buffer.getvalue()


def gray_levels(request: ChartRequest, description: Description, colors: dict[str, str],
                font_files: list[Path], dpi: int = 60) -> dict[str, float]:
    """Draw the chart as a black-and-white printer would see it: for each named colour the
    chart actually uses, the mean gray level (0-255) of its pixels in a grayscale rendering."""
    import numpy as np
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    with _drawn(request, description, font_files) as figure, warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # a missing glyph: the glyph check says so
        canvas: Any = FigureCanvasAgg(figure)
        figure.set_dpi(dpi)
        canvas.draw()
        pixels = np.asarray(canvas.buffer_rgba())[:, :, :3].astype(float)
    gray = pixels @ np.array([0.299, 0.587, 0.114])  # ITU-R 601 luma, as PIL's "L" mode
    levels: dict[str, float] = {}
    for name, color in colors.items():
        rgb = np.array([int(color[i:i + 2], 16) for i in (1, 3, 5)], dtype=float)
        mask = np.abs(pixels - rgb).max(axis=2) <= 2
        if mask.sum() >= 20:
            levels[name] = float(gray[mask].mean())
    return levels


def body_fonts(project: Project) -> list[Path]:
    """The font files of the brand's body family, which charts are set in (only those the
    border lets through: a missing or outside file is reported by the brand check)."""
    fonts = project.root / "layouts" / "fonts"
    paths = [fonts / face.file for face in project.brand.fonts.faces
             if face.family == project.brand.fonts.body]
    return [path for path in paths if files.readable(project.root, path)]


def draw_chart(project: Project, chart_id: str, size: str,
               stats: dict[str, StatValue]) -> ChartFile:
    """Draw (or reuse) one chart; returns where its SVG is."""
    request, reference = request_for(project, project.charts[chart_id], size, stats)
    description = describe(request)
    font_files = body_fonts(project)
    key = _key(request, font_files)
    cache = project.root / CACHE
    path = cache / f"{chart_id}-{size}-{key}.svg"
    if not path.exists():
        files.write_file(path, _render_svg(request, description, font_files))
    return ChartFile(chart_id, size, path, description, request.source_line, reference)
