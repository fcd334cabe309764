"""A funder's checklist as the studio shows it: each line as the command line prints it,
passed or failed, and for a failed one a link to what to change: the block of the document
that printed what was measured (press/pdf/funder_rules.py finds it from the page's block
boxes), the funder's rule, or the setting it depends on (the paper, for the page size).

    shown = checklist(root, "nih-attachments", job.ruled, docs)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from press import api
from press.core.problems import Ruled
from press.source.yamlsource import read_plain
from press.studio import forms
from press.studio.words import _label, field_words

FUNDERS = "source/funders"
# A rule whose failure is changed elsewhere than in the funder's rules: (file, field, words).
ELSEWHERE = {"page_size_in": ("source/settings.yaml", "paper", "The paper, in the Settings")}


@dataclass(frozen=True)
class Link:
    href: str
    words: str


@dataclass(frozen=True)
class Line:
    """One rule on one PDF: `words` as the command line prints it ("PASS  sample-brief.pdf,
    page 1: smallest text 11 pt ..."), and where to change it when it failed."""

    passed: bool
    words: str
    links: list[Link] = field(default_factory=list)


@dataclass(frozen=True)
class Shown:
    """The whole checklist: its lines, and how many pass."""

    funder: str
    lines: list[Line]

    @property
    def passed(self) -> int:
        return sum(line.passed for line in self.lines)

    @property
    def failed(self) -> int:
        return len(self.lines) - self.passed


def checklist(root: Path, funder: str, ruled: Sequence[Ruled], docs: Sequence[api.Document]
              ) -> Shown:
    """The lines of `funder`'s checklist, each failed one with its links (see the module)."""
    titles = {doc.source: doc.title for doc in docs}
    lines = []
    for line in ruled:
        links: list[Link] = []
        if not line.passed:
            if line.source and line.field:
                where = titles.get(line.source, line.source)
                kind = _kind(root, line.source, line.field)
                links.append(Link(forms.edit_link(root, line.source, line.field),
                                  f"Change what printed it: {where}, "
                                  f"{field_words(line.field)}{kind}"))
            if line.rule in ELSEWHERE:
                source, path, words = ELSEWHERE[line.rule]
                links.append(Link(forms.edit_link(root, source, path), words))
            links.append(Link(forms.edit_link(root, f"{FUNDERS}/{funder}.yaml",
                                              f"rules.{line.rule}"),
                              f"The funder's rule: {_label(line.rule)}"))
        lines.append(Line(line.passed, line.line.strip(), links))
    return Shown(funder, lines)


def _kind(root: Path, source: str, path: str) -> str:
    """What the block at `path` of `source` is, in words (" (Chart)"), as its file reads now
    ("" where it does not say)."""
    data = read_plain(root, root / source)
    for step in path.split("."):
        if isinstance(data, list) and step.isdigit() and int(step) < len(data):
            data = data[int(step)]
        elif isinstance(data, dict):
            data = data.get(step)
        else:
            return ""
    kind = data.get("type") if isinstance(data, dict) else None
    return f" ({forms.VARIANT_WORDS.get(kind, kind)})" if isinstance(kind, str) else ""
