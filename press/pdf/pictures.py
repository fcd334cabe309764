"""Pictures of finished PDFs, drawn by PDFium (Chrome's PDF engine): a first page's
thumbnail, and every page in gray as an office laser printer would print it. Each holds
PDFIUM while it draws (PDFium is not thread-safe: press/pdf/pages.py)."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from press.pdf.pages import PDFIUM

if TYPE_CHECKING:
    from PIL.Image import Image


def thumbnail(pdf: bytes, width: int = 300) -> bytes:
    """The first page as a PNG, `width` pixels wide (PDFium, Chrome's PDF engine)."""
    return page_picture(pdf, 0, width, optimize=True)


def page_picture(pdf: bytes, index: int, width: int, optimize: bool = False) -> bytes:
    """Page `index` (from 0) as a PNG, `width` pixels wide."""
    import pypdfium2 as pdfium

    with PDFIUM:
        document = pdfium.PdfDocument(pdf)
        try:
            page = document[index]
            image = page.render(scale=width / page.get_width()).to_pil().copy()  # (its own pixels)
        finally:
            document.close()
    return _png(image, optimize)


def _png(image: Image, optimize: bool = True) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=optimize)
    return buffer.getvalue()


def gray_proofs(pdf: bytes, dpi: int = 100) -> list[bytes]:
    """Every page in gray, as an office laser printer would print it (PDFium's grayscale
    rendering), as PNG."""
    import pypdfium2 as pdfium

    with PDFIUM:
        document = pdfium.PdfDocument(pdf)
        try:
            images = [document[index].render(scale=dpi / 72, grayscale=True).to_pil().copy()
                      for index in range(len(document))]
        finally:
            document.close()
    return [_png(image.convert("L")) for image in images]
