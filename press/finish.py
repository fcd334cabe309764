"""Stage 5, finish: the packet merged, the manifest, the files of one build.

Nothing is written until every document has rendered and passed its page checks, and then
only into a staging folder that `publish` swaps into out/ whole.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .files import write_file
from .manifest import Facts, OutputRecord


@dataclass(frozen=True)
class Output:
    """One finished file: where it goes, its bytes, and what went into it."""

    rel: str  # path under out/
    data: bytes
    title: str
    pages: int
    facts: Facts  # what went into it, as the manifest says
    charts: tuple[Any, ...] = ()  # the chart.ChartFile objects drawn for it
    thumbnail: bytes | None = None  # its first page as a PNG, when made with it


FUNDER_SAFE = re.compile(r"^[A-Za-z0-9_.-]{1,50}$")


def funder_safe(name: str) -> bool:
    """At most 50 characters: letters, digits, hyphen, underscore, period."""
    return bool(FUNDER_SAFE.match(name))


def record_of(output: Output) -> OutputRecord:
    """What the manifest says of one output."""
    return OutputRecord(output.rel, output.title, output.pages, len(output.data),
                        hashlib.sha256(output.data).hexdigest(), output.facts)


def write_outputs(out: Path, outputs: Sequence[Output]) -> None:
    for output in outputs:
        write_file(out / output.rel, output.data)
