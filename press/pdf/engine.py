"""PDFium (pypdfium2), one use at a time: PDFium is not thread-safe, and the studio draws
page images in a server's threads while its builds read PDFs in another. Two documents
drawn at once garble each other's text (letters spaced wide, overlapping, cut) or fail to
load. Every use of PDFium in the press opens its document here, holds the one lock while it
reads, and closes it (with every page and bitmap it made) before letting go, so no object
is left for the garbage collector to close in another thread later."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pypdfium2 import PdfDocument

LOCK = threading.RLock()  # a process-wide lock (not state: nothing to reset)


@contextmanager
def opened(pdf: bytes) -> Iterator[PdfDocument]:
    """The PDF as a PDFium document, used while no other thread uses PDFium."""
    import pypdfium2 as pdfium

    with LOCK:
        document = pdfium.PdfDocument(pdf)
        try:
            yield document
        finally:
            document.close()
