"""out/index.html: every document as a thumbnail of its first page, every chart, every
warning, so staff can see what the build made without opening each file.

The page is written from the manifest alone, so it can be rewritten whenever the manifest
changes (a document withdrawn for consent, say) without rendering anything again.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from .files import write_file
from .finish import Output
from .manifest import PREVIEW, Manifest, thumbnail_path
from .render import environment


def thumbnail(pdf: bytes, width: int = 300) -> bytes:
    """The first page as a PNG, `width` pixels wide (PDFium, Chrome's PDF engine)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    page = document[0]
    return _png(page.render(scale=width / page.get_width()).to_pil())


def _png(image: Any) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def gray_proofs(pdf: bytes, dpi: int = 100) -> list[bytes]:
    """Every page in gray, as an office laser printer would print it (PDFium's grayscale
    rendering), as PNG."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    return [_png(document[index].render(scale=dpi / 72, grayscale=True).to_pil().convert("L"))
            for index in range(len(document))]


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
