"""Stage 5, finish: PDFs written atomically into out/, the packet merged, the manifest.

Nothing is written until every document has rendered and passed its page checks; each
file is written beside its target and renamed into place, so a failed build leaves the
previous good PDFs untouched.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject, TextStringObject


@dataclass(frozen=True)
class Output:
    """One finished file: where it goes, its bytes, and what went into it."""

    rel: str  # path under out/
    data: bytes
    title: str
    pages: int
    record: dict[str, Any]


def write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.partial")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def merge_packet(parts: Sequence[Output], title: str, author: str, language: str,
                 created: str) -> bytes:
    """All documents in one PDF, one bookmark per document, their own outlines beneath."""
    writer = PdfWriter()
    for part in parts:
        writer.append(PdfReader(io.BytesIO(part.data)), outline_item=part.title)
    stamp = "D:" + created.replace("-", "") + "000000Z"
    writer.add_metadata({"/Title": title, "/Author": author, "/Creator": "The Life Story press",
                         "/Producer": "pypdf", "/CreationDate": stamp, "/ModDate": stamp})
    writer._root_object[NameObject("/Lang")] = TextStringObject(language)
    writer.page_mode = "/UseOutlines"
    buffer = io.BytesIO()
    writer.write(buffer)
    return _fixed_id(buffer.getvalue())


def _fixed_id(data: bytes) -> bytes:
    """pypdf writes a random /ID; derive it from the content so builds are byte-identical."""
    reader = PdfReader(io.BytesIO(data))
    writer = PdfWriter(clone_from=reader)
    digest = hashlib.md5(data, usedforsecurity=False).hexdigest().encode()
    from pypdf.generic import ArrayObject, ByteStringObject

    writer._ID = ArrayObject([ByteStringObject(digest[:16]), ByteStringObject(digest[:16])])
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def write_outputs(out: Path, outputs: Sequence[Output], extra: dict[str, Any]) -> Path:
    """Write every output, then the manifest last; returns the manifest's path."""
    records = []
    for output in outputs:
        write_atomic(out / output.rel, output.data)
        records.append({
            "file": output.rel, "title": output.title, "pages": output.pages,
            "bytes": len(output.data), "sha256": hashlib.sha256(output.data).hexdigest(),
            **output.record})
    manifest = {**extra, "outputs": records}
    path = out / "manifest.json"
    write_atomic(path, (json.dumps(manifest, indent=2, sort_keys=False) + "\n").encode())
    return path
