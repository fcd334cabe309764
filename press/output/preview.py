"""out/index.html: every document as a thumbnail of its first page, every chart, every
warning, so staff can see what the build made without opening each file.

The page is written from the manifest alone, so it can be rewritten whenever the manifest
changes (a document withdrawn for consent, say) without rendering anything again.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from press.core.files import write_file
from press.core.manifest import PREVIEW, Manifest, Output, read_manifest
from press.core.names import thumbnail_path
from press.layout.render import environment
from press.pdf.pictures import thumbnail


def write_thumbnails(out: Path, outputs: list[Output]) -> None:
    for output in outputs:
        write_file(out / thumbnail_path(output.rel), output.thumbnail or thumbnail(output.data))


EDITION_FOLDER = re.compile(r"[a-z]{2}-[A-Z]{2}")


def editions_beside(out: Path, root: Path, manifest: Manifest) -> tuple[list[str], list[dict[str, object]]]:
    """The editions built beside this one (out/ and out/<edition>/), their documents side by
    side: the languages, and a row per document with each edition's first page (a link
    relative to `out`). Nothing where only one edition is built."""
    top = root / "out"
    if not top.is_dir() or (out != top and not (out.parent == top and
                                                EDITION_FOLDER.fullmatch(out.name))):
        return [], []
    folders = {top: manifest if out == top else read_manifest(top)}
    for folder in sorted(p for p in top.iterdir() if p.is_dir() and EDITION_FOLDER.fullmatch(p.name)):
        folders[folder] = manifest if folder == out else read_manifest(folder)
    built = {folder: found for folder, found in folders.items() if found is not None}
    if len(built) < 2:
        return [], []
    files = list(dict.fromkeys(r.file for found in built.values() for r in found.outputs))
    rows: list[dict[str, object]] = []
    for file in files:
        cells = []
        for folder, found in built.items():
            record = found.record(file)
            link = Path(os.path.relpath(folder, out)) if folder != out else Path()
            cells.append({"file": (link / file).as_posix(), "title": record.title,
                          "thumbnail": (link / thumbnail_path(file)).as_posix()}
                         if record else None)
        rows.append({"file": file, "cells": cells})
    return [found.language for found in built.values()], rows


def write_index(out: Path, root: Path, manifest: Manifest, at: Path | None = None) -> Path:
    """index.html for the build whose manifest is `manifest`, written into `out` (a staging
    folder) for the folder it is published `at`."""
    items = [{"file": record.file, "title": record.title, "pages": record.pages,
              "kilobytes": round(record.bytes / 1024), "thumbnail": thumbnail_path(record.file),
              "proofs": manifest.proofs.get(record.file, [])}
             for record in manifest.outputs]
    html = environment(root).get_template("preview.html").render(
        title=manifest.title, language=manifest.language, items=items,
        charts=manifest.charts, warnings=manifest.warnings, withdrawn=manifest.withdrawn,
        left_out=manifest.left_out, created=manifest.created, profile=manifest.profile,
        jurisdiction=manifest.jurisdiction,
        editions=editions_beside(at or out, root, manifest))
    path = out / PREVIEW
    write_file(path, html.encode())
    return path
