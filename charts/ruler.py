"""How a chart's text is measured: every figure of one chart by the same renderer, so that
each line of text in each style is measured once for the whole chart.

matplotlib keeps a line's metrics (width, height, descent) by renderer, text, font
properties and dpi, and an Agg canvas makes a new renderer for every figure and again
whenever its figure is resized. A chart kind draws a figure, resizes it to its words, and
may draw it again (taller, or with its labels said another way), so its title, foot and
labels were measured again each time: 3-4 s of FreeType's set_text for the foot of a
generated trend with many gaps, measured in 7 figures (matplotlib 3.11 sets a 55-character
line in ~2.5 ms). A chart's `Ruler` keeps one Agg renderer per dpi (a renderer's size
plays no part in a text's metrics), and its figures (`ChartFigure`) are all measured by it:
the same numbers as before, each worked out once.

This module imports matplotlib; charts.common and charts.labels import it only when a
chart is drawn.
"""

from __future__ import annotations

from typing import Any

from matplotlib.backend_bases import RendererBase
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.figure import Figure

AGG: Any = RendererAgg  # matplotlib leaves its constructor untyped


class Ruler:
    """One chart's measure of its text: an Agg renderer for each dpi its figures have."""

    def __init__(self) -> None:
        self._renderers: dict[float, RendererBase] = {}

    def at(self, dpi: float) -> RendererBase:
        """The renderer that measures text set at `dpi`, as an Agg canvas would."""
        found = self._renderers.get(dpi)
        if found is None:
            found = self._renderers[dpi] = AGG(1, 1, dpi)
        return found


class ChartFigure(Figure):
    """A chart's figure: its text is measured by its chart's `ruler`."""

    def __init__(self, *args: Any, ruler: Ruler | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.ruler = ruler or Ruler()
