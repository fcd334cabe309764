"""Reading a tagged PDF's structure tree as a screen reader would: each piece of marked
content, in the tree's order, with the language its structure element says (walked with
pypdf; each marked-content id's text found on its page with PDFium, Chrome's engine)."""

from __future__ import annotations

import ctypes
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject


def passages(path: Path) -> list[tuple[str, str]]:
    """Each piece of marked content in the structure tree, in order, with the language its
    structure element says (inherited from its parents, else the document's /Lang)."""
    reader = PdfReader(path)
    pages = {page.indirect_reference.idnum: index for index, page in enumerate(reader.pages)
             if page.indirect_reference is not None}
    texts = marked_texts(path)
    root = reader.trailer["/Root"]
    found: list[tuple[str, str]] = []
    stack: list[tuple[Any, str, int]] = [(root["/StructTreeRoot"], str(root["/Lang"]), 0)]
    while stack:
        node, lang, page = stack.pop()
        if isinstance(node, IndirectObject):
            node = node.get_object()
        if isinstance(node, ArrayObject):
            stack.extend((kid, lang, page) for kid in reversed(node))
        elif isinstance(node, int):
            found.append((lang, texts.get((page, int(node)), "")))
        elif isinstance(node, DictionaryObject):
            where = node.raw_get("/Pg") if "/Pg" in node else None
            page = pages.get(where.idnum, page) if isinstance(where, IndirectObject) else page
            if "/Lang" in node and node.get("/Type") != "/StructTreeRoot":
                lang = str(node["/Lang"])
            if node.get("/Type") == "/MCR":
                found.append((lang, texts.get((page, int(node["/MCID"])), "")))
            elif "/K" in node:
                stack.append((node["/K"], lang, page))
    return found


def marked_texts(path: Path) -> dict[tuple[int, int], str]:
    """The text of each marked-content id on each page (PDFium's text objects)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    document = pdfium.PdfDocument(path)
    found: dict[tuple[int, int], str] = {}
    for index in range(len(document)):
        page = document[index]
        textpage = page.get_textpage()
        for obj in page.get_objects(max_depth=8):
            mark = raw.FPDFPageObj_GetMarkedContentID(obj.raw)
            if mark < 0 or obj.type != raw.FPDF_PAGEOBJ_TEXT:
                continue
            length = raw.FPDFTextObj_GetText(obj.raw, textpage.raw, None, 0)
            buffer = (ctypes.c_ushort * length)()
            raw.FPDFTextObj_GetText(obj.raw, textpage.raw, buffer, length)
            text = bytes(buffer).decode("utf-16-le").rstrip("\x00")
            found[index, mark] = found.get((index, mark), "") + text
    return found
