"""Tables a screen reader can follow: WeasyPrint tags a table's header cells /TH but does not
carry their `scope="col"` into the structure tree (their table attributes hold /O /Table
alone), so nothing says which cells a header heads (PDF/UA-1 7.5, checked as UA-15-003).
Every /TH without a scope is given /Scope /Column: the press's only table (the print
order's) has a header row and no header column."""

from __future__ import annotations

import io

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject

from press.pdf import objects


def scoped(data: bytes) -> bytes:
    """The PDF with each table header cell scoped to its column; the same bytes when it has
    none. Same input, same bytes: the file keeps its identifier."""
    reader = PdfReader(io.BytesIO(data))
    if "/StructTreeRoot" not in reader.root_object:
        return data
    writer = PdfWriter(clone_from=reader)
    tree = writer.root_object["/StructTreeRoot"].get_object()
    headers = _headers(tree) if isinstance(tree, DictionaryObject) else []
    if not headers:
        return data
    for cell in headers:
        attributes = cell.get("/A")
        if not isinstance(attributes, DictionaryObject):
            attributes = DictionaryObject({NameObject("/O"): NameObject("/Table")})
            cell[NameObject("/A")] = attributes
        attributes[NameObject("/Scope")] = NameObject("/Column")
    identifier = reader.trailer.get("/ID")
    if isinstance(identifier, ArrayObject) and identifier:
        objects.identify(writer, bytes(identifier[0].get_object()))
    writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _headers(root: DictionaryObject) -> list[DictionaryObject]:
    """Every /TH structure element under `root` whose table attributes give no scope."""
    found: list[DictionaryObject] = []
    stack: list[object] = [root]
    while stack:
        node = stack.pop()
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, ArrayObject):
            stack.extend(node)
        elif isinstance(node, DictionaryObject) and node.get("/Type") != "/MCR" and (
                "/S" in node or "/K" in node):
            attributes = node.get("/A")
            if node.get("/S") == "/TH" and not (isinstance(attributes, DictionaryObject)
                                                and "/Scope" in attributes):
                found.append(node)
            if "/K" in node:
                stack.append(node["/K"])
    return found
