"""Pictures of finished PDFs, drawn by PDFium (Chrome's PDF engine): a first page's
thumbnail, and every page in gray as an office laser printer would print it."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from press.pdf.engine import opened

if TYPE_CHECKING:
    from PIL.Image import Image


def thumbnail(pdf: bytes, width: int = 300) -> bytes:
    """The first page as a PNG, `width` pixels wide (PDFium, Chrome's PDF engine)."""
    with opened(pdf) as document:
        page = document[0]
        return _png(page.render(scale=width / page.get_width()).to_pil())


def page_picture(pdf: bytes, index: int, width: int) -> bytes:
    """Page `index` (from 0) as a PNG, `width` pixels wide."""
    with opened(pdf) as document:
        page = document[index]
        buffer = io.BytesIO()
        page.render(scale=width / page.get_width()).to_pil().save(buffer, format="PNG")
        return buffer.getvalue()


def _png(image: Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def gray_proofs(pdf: bytes, dpi: int = 100) -> list[bytes]:
    """Every page in gray, as an office laser printer would print it (PDFium's grayscale
    rendering), as PNG."""
    with opened(pdf) as document:
        return [_png(document[index].render(scale=dpi / 72, grayscale=True).to_pil()
                     .convert("L")) for index in range(len(document))]
