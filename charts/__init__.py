"""Chart kinds: one module each, data in, matplotlib Figure out.

Every module has `describe(request) -> Description` (title, subtitle, alt text and the
numbers they state; cheap, no matplotlib) and `draw(request, description) -> Figure`.
"""

from __future__ import annotations

from types import ModuleType

from . import big_number, share_over_time, slope, split
from .common import ChartRequest, Description

KINDS: dict[str, ModuleType] = {
    "split": split,
    "share-over-time": share_over_time,
    "slope": slope,
    "big-number": big_number,
}

__all__ = ["KINDS", "ChartRequest", "Description"]
