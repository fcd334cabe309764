"""Draw: the planned charts drawn as SVG by charts/<kind>.py.

Charts are drawn at the size they print, with text kept as text (svg.fonttype none) in the
brand's body font, so WeasyPrint sets it with the same @font-face fonts as the page. A
chart whose SVG is already in the cache (same key) is not drawn again. gray_levels() draws a
chart in grayscale, as a black-and-white office printer would print it: the tests hold the
check's arithmetic (describe.gray_problems) to it.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import charts
from charts.colors import LUMA
from charts.common import STYLE, ChartRequest, Description, style_colors
from press.content.describe import ChartFile
from press.core import files

if TYPE_CHECKING:
    from matplotlib.figure import Figure


@contextmanager
def _drawn(request: ChartRequest, description: Description,
           font_files: list[Path]) -> Iterator[Figure]:
    """The chart's Figure, drawn in the brand style and font; the style stays in force
    while the caller saves or rasterises it."""
    import matplotlib

    matplotlib.use("svg")
    from matplotlib import rc_context

    _add_fonts(font_files)
    # rcParams' own names, from the brand (matplotlib types rc's keys as a Literal of them all)
    colors: Any = style_colors(request.palette)
    with rc_context(fname=str(STYLE), rc=colors):
        matplotlib.rcParams["font.family"] = request.font_family
        yield charts.KINDS[request.spec.kind].draw(request, description)


def _add_fonts(font_files: list[Path]) -> None:
    """Make the project's font files the ones matplotlib finds for their families, added
    once a process while they stay the same (adding one again would only lengthen the list
    every lookup scores and empty the lookups' cache, chart after chart). A process that
    draws for another project's files (the tests; a studio whose fonts changed) takes the
    fonts it added before out of the list first: a lookup that finds a deleted file makes
    matplotlib forget every added font and draw in its default one."""
    import os

    from matplotlib import font_manager

    wanted = [str(path) for path in font_files]
    if set(wanted) == _ADDED and all(os.path.isfile(name) for name in _ADDED):
        return
    manager = font_manager.fontManager
    others = [entry for entry in manager.ttflist
              if entry.fname not in _ADDED and entry.fname not in wanted]
    manager.ttflist = []
    for name in wanted:
        manager.addfont(name)  # (which empties the lookups' cache)
    manager.ttflist += others  # the project's first: they win a tie with a system font
    _ADDED.clear()
    _ADDED.update(wanted)


_ADDED: set[str] = set()  # the font files this process added last


def _render_svg(request: ChartRequest, description: Description, font_files: list[Path]) -> bytes:
    buffer = io.BytesIO()
    with _drawn(request, description, font_files) as figure:
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return buffer.getvalue()


def gray_levels(request: ChartRequest, description: Description, colors: dict[str, str],
                font_files: list[Path], dpi: int = 60) -> dict[str, float]:
    """Draw the chart as a black-and-white printer would see it: for each named color the
    chart actually uses, the mean gray level (0-255) of its pixels in a grayscale rendering."""
    import numpy as np
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    with _drawn(request, description, font_files) as figure, warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # a missing glyph: the glyph check says so
        canvas: Any = FigureCanvasAgg(figure)  # matplotlib leaves draw() untyped
        figure.set_dpi(dpi)
        canvas.draw()
        pixels = np.asarray(canvas.buffer_rgba())[:, :, :3].astype(float)
    gray = pixels @ np.array(LUMA)  # ITU-R 601 luma, as PIL's "L" mode
    levels: dict[str, float] = {}
    for name, color in colors.items():
        rgb = np.array([int(color[i:i + 2], 16) for i in (1, 3, 5)], dtype=float)
        mask = np.abs(pixels - rgb).max(axis=2) <= 2
        if mask.sum() >= 20:
            levels[name] = float(gray[mask].mean())
    return levels


def draw(chart: ChartFile) -> ChartFile:
    """Draw the chart's SVG into the cache unless it is there already."""
    if not chart.path.exists():
        files.write_file(chart.path, _render_svg(chart.request, chart.description,
                                                 list(chart.fonts)))
    return chart
