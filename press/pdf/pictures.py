"""Pictures of finished PDFs, drawn by PDFium (Chrome's PDF engine): a first page's
thumbnail, and every page in gray as an office laser printer would print it. Each opens
its PDF through press/pdf/engine.py (PDFium is not thread-safe: one use at a time)."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from press.pdf.engine import opened

if TYPE_CHECKING:
    from PIL.Image import Image


def thumbnail(pdf: bytes, width: int = 300) -> bytes:
    """The first page as a PNG, `width` pixels wide (PDFium, Chrome's PDF engine)."""
    return page_picture(pdf, 0, width, optimize=True)


def page_picture(pdf: bytes, index: int, width: int, optimize: bool = False) -> bytes:
    """Page `index` (from 0) as a PNG, `width` pixels wide."""
    with opened(pdf) as document:
        page = document[index]
        image = page.render(scale=width / page.get_width()).to_pil().copy()  # (its own pixels)
    return _png(image, optimize)


def _png(image: Image, optimize: bool = True) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=optimize)
    return buffer.getvalue()


def gray_proofs(pdf: bytes, dpi: int = 100) -> list[bytes]:
    """Every page in gray, as an office laser printer would print it (PDFium's grayscale
    rendering), as PNG."""
    with opened(pdf) as document:
        images = [document[index].render(scale=dpi / 72, grayscale=True).to_pil().copy()
                  for index in range(len(document))]
    return [_png(image.convert("L")) for image in images]
