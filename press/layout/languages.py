"""Each passage's language in the PDF's structure tree, as its HTML says it (`lang="en-US"`
on a quote in her own words inside a Spanish page, an untranslated field, a reference).

WeasyPrint 70 writes the document's language (/Lang in the catalog) and tags every element,
but gives no structure element a language of its own, so a screen reader reads an English
quote on a Spanish page with Spanish sounds. PDF (ISO 32000-1, 14.9.2) and PDF/UA-1 (7.2)
say a passage's language with /Lang on its structure element, which its content inherits.

This is the press's one override of WeasyPrint's tagging: `weasyprint.pdf.tags` builds the
tree with `_build_box_tree(box, parent, pdf, ...)`, a generator that yields the structure
elements it makes for a box and calls itself by its module's name for the box's children.
`install()` wraps it once so that every element yielded for a box whose HTML element has a
`lang` attribute carries it as /Lang. Upstream, WeasyPrint writes the catalog's /Lang alone
(Kozea/WeasyPrint#1695); its PDF/UA work (#2471) is where an element's own would land.
WeasyPrint is pinned (pyproject.toml); tests/test_private_calls.py fails if a new version
renames the function, changes its arguments, or sets /Lang itself (then this module is no
longer needed), and tests/test_languages.py reads each passage's language back.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from typing import Any

WRAPPED = "_press_languages"  # marks the wrapper, so that it is installed once


def install() -> None:
    """Wrap WeasyPrint's tag builder (once per process; idempotent)."""
    from weasyprint.pdf import tags

    builder = tags._build_box_tree
    if getattr(builder, WRAPPED, False):
        return
    tags._build_box_tree = _wrapped(builder)


def _wrapped(builder: Callable[..., Iterator[Any]]) -> Callable[..., Iterator[Any]]:
    @functools.wraps(builder)
    def build(box: Any, parent: Any, pdf: Any, *args: Any) -> Iterator[Any]:
        language = _language(box)
        for element in builder(box, parent, pdf, *args):
            if language and "Lang" not in element:
                import pydyf

                element["Lang"] = pydyf.String(language)
            yield element

    setattr(build, WRAPPED, True)
    return build


def _language(box: Any) -> str:
    """The `lang` of the HTML element a box was made for; "" for the root and body (whose
    language is the document's, set in the catalog) and for a page or its margins, whose
    builder yields its children's elements, not its own."""
    from weasyprint.formatting_structure import boxes
    from weasyprint.layout.absolute import AbsolutePlaceholder

    if isinstance(box, AbsolutePlaceholder):
        box = box._box
    if isinstance(box, boxes.PageBox | boxes.MarginBox) or box.element is None:
        return ""
    if box.element_tag in ("html", "body"):
        return ""
    language = box.element.get("lang")
    return str(language) if language else ""
