"""A funder's type floor: every type size a layout's stylesheets set below it, set at it.

The designer's stylesheets stay as they are; for a funder that asks for type of at least
N pt (source/funders/*.yaml, `smallest_text_pt`), each rule that sets a smaller size (an
absolute one, or a relative one under 1em, such as a citation's 0.7em) is written again
after them with the floor, under the same selector, so it wins the cascade. A size the
designer adds later is raised too: nothing is listed by hand. A relative size is taken of
the body type (a citation's 0.7em of 11 pt is 7.7 pt): CSS cannot write "the larger of
0.7em and 11pt" here (WeasyPrint 70 drops a max() of both). The funder's checklist measures
the result on the PDF.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import tinycss2
from tinycss2 import ast

from press.core import files

PT_PER = {"pt": 1.0, "px": 0.75, "in": 72.0, "cm": 72 / 2.54, "mm": 72 / 25.4, "pc": 12.0}
RELATIVE = {"em", "rem"}  # sizes relative to another's, taken of the body type


def floor_css(root: Path, sheets: Sequence[str], floor_pt: float, body_pt: float) -> str:
    """The rules that raise every smaller type in `sheets` (paths under layouts/) to
    `floor_pt`, as CSS to follow them; a relative size is taken of `body_pt`."""
    found: list[str] = []
    for sheet in sheets:
        text = files.read_bytes(root, root / "layouts" / sheet).decode("utf-8")
        rules = tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True)
        found += _raised(rules, floor_pt, body_pt)
    # "<" cannot end the <style> element it is written into: CSS reads "\3c " as it
    return "\n".join(found).replace("<", "\\3c ")


def _raised(rules: Iterable[ast.Node], floor_pt: float, body_pt: float) -> list[str]:
    found: list[str] = []
    for rule in rules:
        if rule.type not in ("qualified-rule", "at-rule") or rule.content is None:
            continue
        prelude = tinycss2.serialize(rule.prelude).strip()
        contents = tinycss2.parse_blocks_contents(rule.content, skip_comments=True,
                                                  skip_whitespace=True)
        if rule.type == "at-rule":
            if rule.lower_at_keyword not in ("page", "top-left", "top-center", "top-right",
                                             "bottom-left", "bottom-center", "bottom-right",
                                             "media"):
                continue
            prelude = f"@{rule.at_keyword} {prelude}".strip()
            inner = _raised([c for c in contents if c.type != "declaration"], floor_pt, body_pt)
            if _too_small(contents, floor_pt, body_pt):
                inner.insert(0, f"font-size: {floor_pt:g}pt;")
            if inner:
                found.append(f"{prelude} {{ {' '.join(inner)} }}")
        elif _too_small(contents, floor_pt, body_pt):
            found.append(f"{prelude} {{ font-size: {floor_pt:g}pt; }}")
    return found


def _too_small(contents: Iterable[ast.Node], floor_pt: float, body_pt: float) -> bool:
    """Whether these declarations set the type smaller than the floor."""
    for item in contents:
        if item.type != "declaration" or item.lower_name != "font-size":
            continue
        value = [t for t in item.value if t.type not in ("whitespace", "comment")]
        if len(value) != 1:
            continue
        token = value[0]
        if token.type == "dimension" and token.lower_unit in PT_PER:
            if token.value * PT_PER[token.lower_unit] < floor_pt - 0.005:
                return True
        elif token.type == "dimension" and token.lower_unit in RELATIVE:
            if token.value * body_pt < floor_pt - 0.005:
                return True
        elif token.type == "percentage" and token.value / 100 * body_pt < floor_pt - 0.005:
            return True
    return False
