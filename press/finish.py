"""Stage 5, finish: the packet merged, the manifest, the files of one build.

Nothing is written until every document has rendered and passed its page checks, and then
only into a staging folder that `publish` swaps into out/ whole.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pypdf import PdfReader, PdfWriter

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


def merge_packet(parts: Sequence[tuple[str, Any]], options: dict[str, Any], title: str) -> bytes:
    """All documents in one tagged PDF, one bookmark per document, their own headings beneath.

    WeasyPrint joins the laid-out pages (so the structure tree and PDF/UA tags survive);
    pypdf then rebuilds the outline so each document is one bookmark.
    """
    first = parts[0][1]
    combined = first.copy([page for _, document in parts for page in document.pages])
    combined.metadata.title = title
    reader = PdfReader(io.BytesIO(combined.write_pdf(**options)))
    headings = _flat_outline(reader, reader.outline, 0)
    writer = PdfWriter(clone_from=reader)
    if "/Outlines" in writer._root_object:
        del writer._root_object["/Outlines"]
    start = 0
    for name, document in parts:
        end = start + len(document.pages)
        parent = writer.add_outline_item(title=name, page_number=start)
        for level, heading, page in headings:
            if start <= page < end and not (level == 0 and page == start):
                writer.add_outline_item(title=heading, page_number=page, parent=parent)
        start = end
    writer.page_mode = "/UseOutlines"
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _flat_outline(reader: PdfReader, items: Any, level: int) -> list[tuple[int, str, int]]:
    found: list[tuple[int, str, int]] = []
    for item in items:
        if isinstance(item, list):
            found += _flat_outline(reader, item, level + 1)
        else:
            page = reader.get_destination_page_number(item)
            if page is not None:
                found.append((level, str(item.title), page))
    return found


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
