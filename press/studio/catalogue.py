"""What the studio lists: every document and shared file, with what the last check said of
each, in the words staff use (the judges' handout, the quotes), never only a file's path."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from press.api import Document
from press.core.manifest import Manifest
from press.core.problems import Problem
from press.source.yamlsource import read_plain

Mark = Literal["ready", "warnings", "errors"]


@dataclass(frozen=True)
class Shared:
    """A file every document draws on: the quotes, the statistics..."""

    name: str  # "Quotes"
    source: str  # "source/quotes.yaml"
    kind: str  # its kind in press/source/load.py's KINDS
    what: str  # one line: what is in it
    listed: bool  # a list of entries, each edited on its own (a quote), or one form


SHARED = (
    Shared("Quotes", "source/quotes.yaml", "quotes",
           "Each quote's words, speaker and consent", True),
    Shared("Statistics", "source/stats.yaml", "stats",
           "Every number printed, with its source", True),
    Shared("Charts", "source/charts.yaml", "charts", "What each chart shows", True),
    Shared("References", "source/references.yaml", "references", "The works cited", True),
    Shared("Brand", "source/brand.yaml", "brand", "Series names, colors, fonts, address",
           False),
    Shared("Settings", "source/settings.yaml", "settings",
           "Languages, paper, edition date, checks", False),
)


def shared(source: str) -> Shared | None:
    return next((s for s in SHARED if s.source == source), None)


@dataclass(frozen=True)
class Status:
    """What a document's problems come to: ready, with warnings, or with errors (its own,
    or, `waiting`, an error elsewhere that stops every document from being made)."""

    errors: int = 0
    warnings: int = 0
    waiting: bool = False

    @property
    def mark(self) -> Mark:
        return "errors" if self.errors or self.waiting else \
            "warnings" if self.warnings else "ready"

    @property
    def words(self) -> str:
        if self.errors:
            return f"{self.errors} error{'s' if self.errors > 1 else ''} to fix"
        if self.waiting:
            return "Not made: an error elsewhere" + (
                f", and {self._warnings()}" if self.warnings else "")
        if self.warnings:
            return self._warnings().capitalize()
        return "Ready"

    def _warnings(self) -> str:
        return f"{self.warnings} warning{'s' if self.warnings > 1 else ''}"


@dataclass(frozen=True)
class Entry:
    """One entry of a list file: its place in the file, its id, and a line naming it."""

    index: int
    id: str
    label: str
    detail: str = ""  # a quote's first words


def raw_list(root: Path, path: Path) -> list[dict[str, Any]]:
    """A list file's entries that have an id, as written."""
    data = read_plain(root, path)
    return [item for item in data if isinstance(item, dict) and "id" in item] \
        if isinstance(data, list) else []


def entries(root: Path, source: str) -> list[Entry]:
    """The entries of a list file (quotes, statistics...), as it reads now."""
    data = read_plain(root, root / source)
    if not isinstance(data, list):
        return []
    return [Entry(i, str(item.get("id", i + 1)), _label(item), _words(item.get("text")))
            for i, item in enumerate(data) if isinstance(item, dict)]


def entry_statuses(source: str, listed: Sequence[Entry], problems: Sequence[Problem]
                   ) -> dict[str, Status]:
    """What each entry of a list file comes to, by its id: the problems at its item."""
    counts = {entry.id: [0, 0] for entry in listed}
    by_index = {str(entry.index): entry.id for entry in listed}
    for problem in problems:
        ident = by_index.get(problem.field.split(".", 1)[0])
        if problem.file == source and problem.severity != "note" and ident is not None:
            counts[ident][0 if problem.severity == "error" else 1] += 1
    return {ident: Status(e, w) for ident, (e, w) in counts.items()}


def _words(value: Any) -> str:
    if not isinstance(value, str):
        return ""
    text = " ".join(value.split())
    return text if len(text) <= 90 else text[:89] + "\u2026"


def _label(item: dict[str, Any]) -> str:
    for key in ("speaker", "meaning", "title"):
        if _words(item.get(key)).strip():
            return _words(item.get(key))
    return str(item.get("id", ""))


@dataclass
class Uses:
    """What each document prints from the shared files: quote, statistic, chart and
    reference ids, by the document's key."""

    by_document: dict[str, set[str]] = field(default_factory=dict)

    def documents_using(self, ident: str) -> list[str]:
        return [key for key, used in self.by_document.items() if ident in used]


def uses(root: Path, docs: Sequence[Document], manifest: Manifest | None, project: Any
         ) -> Uses:
    """From the last build's manifest where it has the document, and from the sources (as
    the project reads them, or as they are written where it does not load)."""
    found = Uses()
    for doc in docs:
        record = manifest.record(doc.file) if manifest else None
        used: set[str] = set()
        if record is not None:
            facts = record.facts
            used |= {*facts.quotes, *facts.statistics, *facts.references, *facts.charts}
        used |= _from_sources(doc, project) if project is not None else \
            _from_written(root, root / doc.source)
        found.by_document[doc.key] = used
    return found


def _from_written(root: Path, path: Path) -> set[str]:
    """The ids a document's file names, as it is written (its quote, statistics, chart)."""
    data = read_plain(root, path)
    if not isinstance(data, dict):
        return set()
    items: list[Any] = [data.get("quote"), *listed(data.get("stats")), data.get("chart")]
    cover = data.get("cover")
    items.append(cover.get("quote") if isinstance(cover, dict) else None)
    for block in listed(data.get("blocks")):
        if isinstance(block, dict):
            items += [block.get(name) for name in ("quote", "stat", "chart")]
    return {item for item in items if isinstance(item, str)}


def listed(value: Any) -> list[Any]:
    """A value written as a list, or none (a number or words written by hand where a list
    belongs: the check says so at its field)."""
    return value if isinstance(value, list) else []


def _from_sources(doc: Document, project: Any) -> set[str]:
    if doc.kind == "handout":
        handout = project.handouts.get(doc.key)
        if handout is None:
            return set()
        return {handout.quote, *handout.stats, *([handout.chart] if handout.chart else [])}
    brief = project.briefs.get(doc.key)
    if brief is None:
        return set()
    used = {brief.cover.quote} if brief.cover.quote else set()
    for block in brief.blocks:
        used |= {getattr(block, name) for name in ("quote", "stat", "chart")
                 if isinstance(getattr(block, name, None), str)}
    return used


def entry_id(root: Path, problem: Problem) -> str | None:
    """The id of the list entry a problem is about ("0.consent.confirmed" in quotes.yaml)."""
    head = problem.field.split(".", 1)[0]
    if not head.isdigit() or shared(problem.file) is None:
        return None
    listed = entries(root, problem.file)
    index = int(head)
    return listed[index].id if index < len(listed) else None


EVERY_DOCUMENT = ("source/brand.yaml", "source/settings.yaml", "source/language.yaml")


def belongs(root: Path, problem: Problem, docs: Sequence[Document], used: Uses) -> list[str]:
    """The documents a problem is about: its own file's, or those that print the entry it
    is in, or every one (the brand, the settings)."""
    own = [d.key for d in docs if d.source == problem.file]
    if own:
        return own
    if problem.file in EVERY_DOCUMENT:
        return [d.key for d in docs]
    ident = entry_id(root, problem)
    return used.documents_using(ident) if ident else []


def concerning(root: Path, docs: Sequence[Document], problems: Sequence[Problem],
               used: Uses) -> dict[str, list[Problem]]:
    """Each document's problems, by its key: the one list its card on the home page, its
    own page and the problems page count (notes left out)."""
    found: dict[str, list[Problem]] = {d.key: [] for d in docs}
    for problem in problems:
        if problem.severity == "note":
            continue
        for key in belongs(root, problem, docs, used):
            found[key].append(problem)
    return found


def statuses(root: Path, docs: Sequence[Document], problems: Sequence[Problem], used: Uses
             ) -> dict[str, Status]:
    """What each document's problems come to; an error stops every document from being
    made, so one elsewhere leaves the others waiting."""
    stopped = any(p.severity == "error" for p in problems)
    return {key: status(mine, stopped) for key, mine in
            concerning(root, docs, problems, used).items()}


def status(problems: Sequence[Problem], stopped: bool) -> Status:
    errors = sum(p.severity == "error" for p in problems)
    warnings = sum(p.severity == "warning" for p in problems)
    return Status(errors, warnings, waiting=stopped and not errors)
