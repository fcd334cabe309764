"""Typography for the page, never the words: where a line may not break, and the
apostrophes of a quote. Everything here wraps text in spans or swaps a straight mark for
its curly twin; the letters a reader copies out of the PDF stay the ones staff wrote.

- A legal reference keeps together: "§ 2-201" does not break after the "§" (a no-break
  space), and "2-201" never breaks at its hyphen (Unicode's line breaking already keeps a
  hyphen with the number after it: UAX #14, rule LB25).
- A headline or a quote does not end on one word alone: its last two words are joined by a
  no-break space (unless they are too long to share a line with anything).
- A quote's straight apostrophes and quotation marks are set curly.

(Spans with white-space: nowrap would keep the spaces as they are, but WeasyPrint 70
breaks a line early before a nowrap span that ends a paragraph; a no-break space it
handles as Pango does.)
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

_SECTION = re.compile(r"(§+) (?=[\w(])")  # "§ 2-201", "§§ 12-13"
_TEXT = re.compile(r"(?<=>)[^<]+|^[^<]+")  # text between tags
LONGEST_JOINED = 24  # characters: two last words longer than this may break


NBSP = "\u00a0"


def _references(html: str) -> str:
    return _TEXT.sub(lambda m: _SECTION.sub(lambda r: r.group(1) + NBSP, m.group()), html)


def _curly(html: str) -> str:
    """A quote's straight marks set curly (outside tags): an apostrophe, quotation marks."""
    def text(match: re.Match[str]) -> str:
        part = re.sub(r"(\w)&#39;(\w)", "\\1\u2019\\2", match.group())
        part = re.sub(r"(^|[\s(])&#39;", "\\1\u2018", part).replace("&#39;", "\u2019")
        part = re.sub(r"(^|[\s(])&#34;", "\\1\u201c", part)
        return part.replace("&#34;", "\u201d")

    return _TEXT.sub(text, html)


def _balance(html: str) -> str:
    """Join the last two words with a no-break space, where they are short enough to
    share a line: the last space of the text (outside tags) with a word after it."""
    where = [segment.start() + i for segment in _TEXT.finditer(html)
             for i in range(len(segment.group()))]  # each character of text, in the HTML
    text = "".join(html[i] for i in where).rstrip()
    last = text.rfind(" ")
    if last < 1:
        return html
    before = text.rfind(" ", 0, last)
    if len(text) - before - 2 > LONGEST_JOINED:
        return html
    at = where[last]
    return html[:at] + NBSP + html[at + 1:]


def typeset(value: str, balance: bool = False, quote: bool = False) -> Markup:
    """`value` (text, or the safe HTML the press made of it) as HTML with its typography:
    legal references kept whole; with `balance`, no last word alone; with `quote`, curly
    marks."""
    html = str(value if isinstance(value, Markup) else escape(value))
    if quote:
        html = _curly(html)
    html = _references(html)
    return Markup(_balance(html) if balance else html)
