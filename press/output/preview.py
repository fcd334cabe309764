"""out/index.html: every document as a thumbnail of its first page, every chart, every
warning, so staff can see what the build made without opening each file.

The page is written from the manifest alone, so it can be rewritten whenever the manifest
changes (a document withdrawn for consent, say) without rendering anything again.
"""

from __future__ import annotations

from pathlib import Path

from press.core.files import write_file
from press.core.manifest import PREVIEW, Manifest, Output
from press.core.names import thumbnail_path
from press.layout.render import environment
from press.pdf.pictures import thumbnail


def write_thumbnails(out: Path, outputs: list[Output]) -> None:
    for output in outputs:
        write_file(out / thumbnail_path(output.rel), output.thumbnail or thumbnail(output.data))


def write_index(out: Path, root: Path, manifest: Manifest) -> Path:
    """index.html for the build whose manifest is `manifest`."""
    items = [{"file": record.file, "title": record.title, "pages": record.pages,
              "kilobytes": round(record.bytes / 1024), "thumbnail": thumbnail_path(record.file),
              "proofs": manifest.proofs.get(record.file, [])}
             for record in manifest.outputs]
    html = environment(root).get_template("preview.html").render(
        title=manifest.title, language=manifest.language, items=items,
        charts=manifest.charts, warnings=manifest.warnings, withdrawn=manifest.withdrawn,
        left_out=manifest.left_out, created=manifest.created, profile=manifest.profile,
        jurisdiction=manifest.jurisdiction)
    path = out / PREVIEW
    write_file(path, html.encode())
    return path
