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
_SMALL = ("one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
          "fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|"
          "seventy|eighty|ninety|hundred|thousand|million")
_COUNT = rf"(?:\d[\d,.]*|{_SMALL}|a|an)"
# A figure typed into running text, in any of the ways a sentence states one.
TYPED_NUMBERS = (
    re.compile(rf"(?<![\w.])(?:\d[\d,.]*|(?:{_SMALL})(?:[ -](?:{_SMALL}))*)\s?(?:%|percent\b|per cent\b)",
               re.IGNORECASE),
    re.compile(rf"\b{_COUNT}\s+(?:in|of|out of)\s+(?:every\s+)?(?:\d[\d,.]*|{_SMALL})\b",
               re.IGNORECASE),
    re.compile(r"\b(?:a|one|two|three)[ -](?:half|halves|third|thirds|quarter|quarters|fifth|"
               r"fifths)\s+(?:of|were|are|was|is)\b|\bhalf\s+of\s+(?:all|the|them|those)\b|"
               r"\bby (?:half|a third|a quarter)\b", re.IGNORECASE),
    re.compile(r"\b(?:twice|(?:two|three|four|five|ten) times|half) as (?:many|much|likely|often|"
               r"high|large)\b|\b(?:doubled|tripled|quadrupled|halved)\b|\b(?:dozens|hundreds|"
               r"thousands|millions) of\b", re.IGNORECASE),
    re.compile(rf"\b(?:{_SMALL.replace('one|', '')})\s+(?:more\s+|fewer\s+|of the\s+)?"
               r"(?:women|men|girls|boys|people|persons|survivors|victims|arrests|arrestees|"
               r"buyers|officers|children|youth|cases|charges|convictions)\b", re.IGNORECASE),
    re.compile(r"(?<![\w.,/§])\d+(?:[,.]\d+)*(?![\w,]|\.\d)"),
)
# Spanish (an edition's translations): the same figures as Spanish states them, looked for
# before the English ones (the last of which, bare digits, would take "70" of "70 por ciento").
_SMALL_ES = ("uno|una|un|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce|trece|"
             "catorce|quince|dieciséis|diecisiete|dieciocho|diecinueve|veinte|veinti\\w+|"
             "treinta|cuarenta|cincuenta|sesenta|setenta|ochenta|noventa|cien|ciento|"
             "[a-z]+cient[oa]s|quinient[oa]s|mil|millón|millones")
_WORDS_ES = rf"(?:{_SMALL_ES})(?:(?:\s+y\s+|[ -])(?:{_SMALL_ES}))*"
_PEOPLE_ES = ("mujeres|hombres|niñas|niños|personas|sobrevivientes|víctimas|arrestos|"
              "detenciones|detenidas|detenidos|compradores|agentes|policías|jóvenes|"
              "adolescentes|menores|casos|cargos|condenas")
TYPED_NUMBERS_ES = (
    re.compile(rf"(?<![\w.])(?:\d[\d,.]*|{_WORDS_ES})\s?(?:%|por\s?ciento\b)", re.IGNORECASE),
    re.compile(rf"\b(?:\d[\d,.]*|{_WORDS_ES})\s+de\s+(?:cada\s+)?(?:\d[\d,.]*|{_WORDS_ES})\b",
               re.IGNORECASE),
    re.compile(r"\b(?:la|una)\s+mitad\s+de\b|\b(?:más|menos)\s+de\s+la\s+mitad\b|"
               r"\b(?:a|por)\s+la\s+mitad\b|\b(?:un|dos)\s+(?:tercio|tercios|quinto|quintos)"
               r"\s+de\b|\b(?:una|la|dos|tres|cuatro)\s+(?:tercera|terceras|cuarta|cuartas|"
               r"quinta|quintas)\s+partes?\b|\b(?:un|tres)\s+cuartos?\s+de\s+(?:las|los|todas|"
               r"todos|ellas|ellos)\b", re.IGNORECASE),
    re.compile(r"\b(?:el|al|del)\s+(?:doble|triple|cuádruple)(?:\s+de)?\b|\b(?:\d+|dos|tres|cuatro|"
               r"cinco|diez)\s+veces\s+(?:más|menos)\b|\b(?:duplic|triplic|cuadruplic)"
               r"(?:a|an|ó|aron|ado|ada|ados|adas|ar)\b|\b(?:decenas|docenas|cientos|centenares|"
               r"miles|millares|millones)\s+de\b", re.IGNORECASE),
    re.compile(rf"\b(?:{_WORDS_ES.replace('uno|una|un|', '')})\s+(?:más\s+|menos\s+|de\s+"
               rf"(?:las|los)\s+)?(?:{_PEOPLE_ES})\b", re.IGNORECASE),
)
_LEGAL_ES = re.compile(r"\b(?:secci[oó]n|secciones|art[ií]culos?|art\.|cap[ií]tulos?|"
                       r"t[ií]tulos?|reglas?|partes?|incisos?|p[aá]rrafos?|apartados?|leyes|ley)"
                       r"\s*[\w.()-]*\d[\w.()-]*", re.IGNORECASE)
_LEGAL = re.compile(r"(?:§+|\b(?:sections?|sec\.|chapters?|ch\.|titles?|articles?|art\.|rules?|"
                    r"parts?|subsections?|subd\.|c\.)\s*)\s*[\w.()-]*\d[\w.()-]*", re.IGNORECASE)
_YEAR = re.compile(r"(?:1[89]|20)\d{2}(?:s|'s)?")  # 2013, the 1990s: a year is not a figure


def typed_numbers(text: str, tongue: str = "en") -> list[str]:
    """The figures typed into `text` (a piece of running text, markup taken out): digits
    with or without separators, decimals, percentages, "9 of 10", "3 in 4", "one in three",
    "a third of", "twice as many", "doubled", "hundreds of", "twelve women". Years and the
    numbers of laws and sections (§ 2-201) are not figures. In Spanish (`tongue` "es", an
    edition's words) also "70 por ciento", "uno de cada tres", "la mitad de", "el doble de",
    "se duplicó", "miles de", "doce mujeres" (and the number of an "artículo 12")."""
    spanish = tongue == "es"
    plain = _LEGAL.sub(lambda m: " " * len(m.group()), text)  # same length: positions hold
    if spanish:
        plain = _LEGAL_ES.sub(lambda m: " " * len(m.group()), plain)
    found: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []
    for pattern in (*TYPED_NUMBERS_ES, *TYPED_NUMBERS) if spanish else TYPED_NUMBERS:
        for match in pattern.finditer(plain):
            figure = match.group().strip()
            if _YEAR.fullmatch(figure) or any(a <= match.start() < b for a, b in taken):
                continue
            taken.append(match.span())
            found.append((match.start(), figure))
    return [figure for _, figure in sorted(found)]


def markup_in(text: str) -> list[str]:
    """The markup in `text`, as written ("*emphasis*", "[stat:x]"), for a field that prints
    its text as it is."""
    return [match.group() for match in TOKEN.finditer(text)]


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


# Before a citation's number: a word joiner (U+2060, invisible), so a line never breaks
# between the words and their number (WeasyPrint would, where the words fill the line).
JOINER = "\u2060"


def citation(number: int) -> Markup:
    return Markup(JOINER + '<sup class="cite"><a href="#ref-{0}">{0}</a></sup>').format(number)


def stats_in(text: str) -> tuple[str, ...]:
    """The statistics `text` prints ([stat:id]), in order."""
    return tuple(dict.fromkeys(t.target for t in parse(text) if t.kind == "stat"))


def references_in(text: str, stat_ref: Callable[[str], str | None]) -> list[str]:
    """Reference ids cited by `text`, in order, including those behind [stat:...]."""
    found: list[str] = []
    for token in parse(text):
        ref = token.target if token.kind == "ref" else (
            stat_ref(token.target) if token.kind == "stat" else None)
        if ref and ref not in found:
            found.append(ref)
    return found
