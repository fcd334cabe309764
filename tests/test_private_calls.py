"""The libraries' private parts the press uses, each in one module (press/layout/render.py:
WeasyPrint's laid-out boxes; press/layout/languages.py: WeasyPrint's tag builder;
press/pdf/objects.py: pypdf's writer): these fail, naming the call, when a new version of
the library changes them."""

from __future__ import annotations

import inspect
import io
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DictionaryObject, IndirectObject, NameObject, NumberObject

from press.layout.render import laid_out, measure, regions
from press.pdf import objects

from .tagged import passages

PAGE = """<html><head><style>@page { size: 8.5in 11in; margin: 1in }
body { margin: 0 } div { height: 144px }</style></head><body>
<div data-block="why">Why</div><div data-block="quote" class="handout-foot">Her words</div>
</body></html>"""


def test_weasyprint_still_keeps_each_pages_boxes_where_the_press_reads_them() -> None:
    from weasyprint import HTML

    document = HTML(string=PAGE).render()
    root = laid_out(document.pages[0])  # Page._page_box
    assert hasattr(root, "children") and hasattr(root, "border_box_y")
    found = {r.name: r.box for r in regions(document)}
    assert set(found) == {"why", "quote"}
    assert round(found["why"].top) == 72 and round(found["why"].bottom - found["why"].top) == 108
    assert measure(document, ["why", "quote"]).pages == 1


def test_pypdf_still_adds_objects_names_files_and_keeps_its_objects_where_the_press_does() -> None:
    writer = PdfWriter()
    writer.add_blank_page(612, 792)
    reference = objects.add(writer, DictionaryObject({NameObject("/N"): NumberObject(7)}))
    assert isinstance(reference, IndirectObject)  # _add_object
    orphan = objects.add(writer, DictionaryObject())
    objects.identify(writer, b"0123456789abcdef")  # _ID
    objects.prune(writer)  # _objects, _info
    stream = io.BytesIO()
    writer.write(stream)
    reader = PdfReader(io.BytesIO(stream.getvalue()))
    assert reader.trailer["/ID"][0].original_bytes == b"0123456789abcdef"
    assert writer._objects[reference.idnum - 1] is None  # nothing reached it
    assert writer._objects[orphan.idnum - 1] is None


def test_the_override_of_weasyprints_tagging_still_fits_weasyprint(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """press/layout/languages.py wraps weasyprint.pdf.tags._build_box_tree: this fails when
    WeasyPrint renames it, changes its arguments, or sets a passage's /Lang itself (then the
    override is no longer needed)."""
    from weasyprint import HTML
    from weasyprint.pdf import tags

    from press.layout import languages

    original = getattr(tags._build_box_tree, "__wrapped__", tags._build_box_tree)
    assert list(inspect.signature(original).parameters) == [
        "box", "parent", "pdf", "page_number", "nums", "annotations", "tags"]
    assert inspect.isgeneratorfunction(original)
    html = ('<html lang="es-US"><body><p>Hola.</p><blockquote lang="en-US"><p>Hello.</p>'
            '</blockquote></body></html>')
    with monkeypatch.context() as alone:  # WeasyPrint alone: no passage has its /Lang
        alone.setattr(tags, "_build_box_tree", original)
        pdf = tmp_path / "plain.pdf"
        HTML(string=html).write_pdf(pdf, pdf_tags=True)
        assert ("es-US", "Hello.") in passages(pdf)
    languages.install()
    languages.install()  # once, however often it is asked
    assert getattr(tags._build_box_tree, languages.WRAPPED)
    assert tags._build_box_tree.__wrapped__ is original
    pdf = tmp_path / "tagged.pdf"
    HTML(string=html).write_pdf(pdf, pdf_tags=True)
    found = passages(pdf)
    assert ("en-US", "Hello.") in found and ("es-US", "Hola.") in found
