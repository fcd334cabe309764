"""The small inline markup allowed in content text, turned into safe HTML.

Allowed: *emphasis*, **strong**, [words](https://address), [@reference-id] (a numbered
citation) and [stat:stat-id] (a computed figure with its citation). Everything else is
text: it is escaped, never interpreted.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup, escape

TOKEN = re.compile(
    r"\*\*(?P<strong>[^*]+)\*\*"
    r"|\*(?P<em>[^*]+)\*"
    r"|\[(?P<link_text>[^\]]+)\]\((?P<url>[^)\s]+)\)"
    r"|\[@(?P<ref>[^\]\s]+)\]"
    r"|\[stat:(?P<stat>[^\]\s]+)\]"
)
TYPED_NUMBER = re.compile(r"(?<![\w.])\d[\d,.]*\s?(%|percent\b)")


@dataclass(frozen=True)
class Token:
    kind: str  # text, strong, em, link, ref, stat
    text: str
    target: str = ""


def parse(text: str) -> list[Token]:
    tokens: list[Token] = []
    position = 0
    for match in TOKEN.finditer(text):
        if match.start() > position:
            tokens.append(Token("text", text[position:match.start()]))
        if match["strong"] is not None:
            tokens.append(Token("strong", match["strong"]))
        elif match["em"] is not None:
            tokens.append(Token("em", match["em"]))
        elif match["url"] is not None:
            tokens.append(Token("link", match["link_text"], match["url"]))
        elif match["ref"] is not None:
            tokens.append(Token("ref", "", match["ref"]))
        else:
            tokens.append(Token("stat", "", match["stat"]))
        position = match.end()
    if position < len(text):
        tokens.append(Token("text", text[position:]))
    return tokens


def typeset(text: str) -> str:
    """Typographer's apostrophes, quotes and dashes for running text (never for quotes)."""
    text = re.sub(r"(\w)'(\w)", "\\1\u2019\\2", text)
    text = re.sub(r"(^|[\s(])'", "\\1\u2018", text).replace("'", "\u2019")
    text = re.sub(r'(^|[\s(])"', "\\1\u201c", text).replace('"', "\u201d")
    return text.replace(" -- ", "\u2009\u2014\u2009").replace("...", "\u2026")


def to_html(text: str, cite: Callable[[str], int], stat: Callable[[str], tuple[str, str]]) -> Markup:
    """Render `text`. `cite(ref_id)` gives a citation number; `stat(id)` gives (figure, ref_id)."""
    out: list[str] = []
    for token in parse(text):
        if token.kind == "text":
            out.append(escape(typeset(token.text)))
        elif token.kind == "strong":
            out.append(Markup("<strong>{}</strong>").format(typeset(token.text)))
        elif token.kind == "em":
            out.append(Markup("<em>{}</em>").format(typeset(token.text)))
        elif token.kind == "link":
            out.append(Markup('<a href="{}">{}</a>').format(token.target, typeset(token.text)))
        elif token.kind == "ref":
            out.append(citation(cite(token.target)))
        else:
            figure, ref = stat(token.target)
            out.append(Markup('<span class="figure">{}</span>').format(figure))
            out.append(citation(cite(ref)))
    return Markup("").join(out)


def citation(number: int) -> Markup:
    return Markup('<sup class="cite"><a href="#ref-{0}">{0}</a></sup>').format(number)


def references_in(text: str, stat_ref: Callable[[str], str | None]) -> list[str]:
    """Reference ids cited by `text`, in order, including those behind [stat:...]."""
    found: list[str] = []
    for token in parse(text):
        ref = token.target if token.kind == "ref" else (
            stat_ref(token.target) if token.kind == "stat" else None)
        if ref and ref not in found:
            found.append(ref)
    return found
