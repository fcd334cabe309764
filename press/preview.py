"""out/index.html: every document as a thumbnail of its first page, every chart, every
warning, so staff can see what the build made without opening each file."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from .finish import Output, write_atomic
from .render import environment


def thumbnail(pdf: bytes, width: int = 300) -> bytes:
    """The first page as a PNG, `width` pixels wide (PDFium, Chrome's PDF engine)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    page = document[0]
    image = page.render(scale=width / page.get_width()).to_pil()
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def write_preview(out: Path, layouts: Path, outputs: list[Output], manifest: dict[str, Any],
                  title: str, language: str) -> Path:
    items = []
    for output in outputs:
        png = f"preview/{Path(output.rel).with_suffix('.png').name}"
        write_atomic(out / png, thumbnail(output.data))
        items.append({"file": output.rel, "title": output.title, "pages": output.pages,
                      "kilobytes": round(len(output.data) / 1024), "thumbnail": png})
    html = environment(layouts).get_template("preview.html").render(
        title=title, language=language, items=items, charts=manifest["charts"],
        warnings=manifest["warnings"], created=manifest["created"], profile=manifest["profile"])
    path = out / "index.html"
    write_atomic(path, html.encode())
    return path
