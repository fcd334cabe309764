"""Stage 5, finish: the packet merged, the manifest, the files of one build.

Nothing is written until every document has rendered and passed its page checks, and then
only into a staging folder that `publish` swaps into out/ whole.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .files import write_file

MANIFEST = "manifest.json"


@dataclass(frozen=True)
class Output:
    """One finished file: where it goes, its bytes, and what went into it."""

    rel: str  # path under out/
    data: bytes
    title: str
    pages: int
    record: dict[str, Any]  # what the manifest says of it
    charts: tuple[Any, ...] = ()  # the chart.ChartFile objects drawn for it
    thumbnail: bytes | None = None  # its first page as a PNG, when made with it


FUNDER_SAFE = re.compile(r"^[A-Za-z0-9_.-]{1,50}$")


def funder_safe(name: str) -> bool:
    """At most 50 characters: letters, digits, hyphen, underscore, period."""
    return bool(FUNDER_SAFE.match(name))


def record_of(output: Output) -> dict[str, Any]:
    """What the manifest says of one output."""
    return {"file": output.rel, "title": output.title, "pages": output.pages,
            "bytes": len(output.data), "sha256": hashlib.sha256(output.data).hexdigest(),
            **output.record}


def write_outputs(out: Path, outputs: Sequence[Output]) -> None:
    for output in outputs:
        write_file(out / output.rel, output.data)


def write_manifest(out: Path, manifest: dict[str, Any]) -> Path:
    path = out / MANIFEST
    write_file(path, (json.dumps(manifest, indent=2, sort_keys=False) + "\n").encode())
    return path


def read_manifest(folder: Path) -> dict[str, Any] | None:
    """The manifest of the build in `folder`, or None where there is none (or it is damaged)."""
    try:
        found = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return found if isinstance(found, dict) and isinstance(found.get("outputs"), list) else None
