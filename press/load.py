"""Stage 1, load: read source/ into typed, frozen objects, with every problem located.

Nothing renders until every file has been read; all problems are reported at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from . import schema as s
from .data import Table, read_table
from .problems import BuildError, Problem, Problems
from .validate import validate
from .yamlsource import Located, load_yaml

ADAPTERS: dict[str, TypeAdapter[Any]] = {
    "brand": TypeAdapter(s.Brand),
    "settings": TypeAdapter(s.Settings),
    "references": TypeAdapter(list[s.Reference]),
    "quotes": TypeAdapter(list[s.Quote]),
    "stats": TypeAdapter(list[s.Stat]),
    "charts": TypeAdapter(list[s.Chart]),
    "language": TypeAdapter(s.Language),
    "dataset": TypeAdapter(s.Dataset),
    "brief": TypeAdapter(s.Brief),
    "handout": TypeAdapter(s.Handout),
}
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
SINGLE_FILES = ("brand", "settings", "references", "quotes", "stats", "charts", "language")


@dataclass(frozen=True)
class Project:
    """Everything in source/, validated. `docs` keeps each file's line marks."""

    root: Path
    brand: s.Brand
    settings: s.Settings
    references: dict[str, s.Reference]
    quotes: dict[str, s.Quote]
    stats: dict[str, s.ShareStat | s.LiteralStat]
    charts: dict[str, s.SplitChart | s.ShareOverTimeChart | s.SlopeChart | s.BigNumberChart]
    language: s.Language
    tables: dict[str, Table]
    briefs: dict[str, s.Brief]
    handouts: dict[str, s.Handout]
    docs: dict[str, Located] = field(repr=False)

    @property
    def source(self) -> Path:
        return self.root / "source"

    def doc(self, kind: str, name: str = "") -> Located:
        key = f"{kind}/{name}" if name else kind
        return self.docs[key]


def _read(path: Path, root: Path, kind: str, problems: Problems) -> tuple[Any, Located | None]:
    doc, found = load_yaml(path, root)
    problems.extend(found)
    if doc is None:
        return None, None
    if doc.data is None:
        problems.add(Problem(doc.rel, 1, 1, "the file is empty", "restore its contents from git "
                             "(git checkout -- FILE) or from the example in the README"))
        return None, doc
    value, found = validate(doc, ADAPTERS[kind])
    problems.extend(found)
    return value, doc


def _index(items: list[Any], doc: Located, what: str, problems: Problems) -> dict[str, Any]:
    by_id: dict[str, Any] = {}
    for number, item in enumerate(items):
        if item.id in by_id:
            problems.add(doc.problem((number, "id"), f'the {what} id "{item.id}" is used twice',
                                     "give each one its own id"))
        by_id[item.id] = item
    return by_id


def load_project(root: Path) -> tuple[Project, Problems]:
    """Read and validate everything under root/source. Raises BuildError on any error."""
    problems = Problems()
    source = root / "source"
    if not source.is_dir():
        raise BuildError("load", [Problem("source", 0, 0, "there is no source/ folder here",
                                          "run the command from the project folder")])
    values: dict[str, Any] = {}
    docs: dict[str, Located] = {}
    for kind in SINGLE_FILES:
        path = source / f"{kind}.yaml"
        if not path.exists():
            problems.add(Problem(f"source/{kind}.yaml", 0, 0, "this file is missing",
                                 "restore it from git: git checkout -- source/" + kind + ".yaml"))
            continue
        values[kind], doc = _read(path, root, kind, problems)
        if doc:
            docs[kind] = doc

    def folder(kind: str, sub: str) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for path in sorted((source / sub).glob("*.y*ml")):
            if not SLUG.match(path.stem):
                problems.add(Problem(path.relative_to(root).as_posix(), 0, 0,
                                     f'the file name "{path.name}" is also the document\'s name '
                                     "and must be lowercase letters, digits and hyphens",
                                     f'rename it to "{slug_of(path.stem)}{path.suffix}"'))
                continue
            value, doc = _read(path, root, kind, problems)
            if doc:
                docs[f"{kind}/{path.stem}"] = doc
            if value is not None:
                found[path.stem] = value
        return found

    briefs = folder("brief", "briefs")
    handouts = folder("handout", "handouts")
    descriptors = folder("dataset", "data")
    if not briefs and not any(p.file.startswith("source/briefs/") for p in problems.items):
        problems.add(Problem("source/briefs", 0, 0, "there is no brief", "add a chapter file "
                             "such as source/briefs/law-enforcement.yaml"))

    references = _index(values.get("references") or [], docs.get("references") or _blank(root),
                        "reference", problems)
    tables: dict[str, Table] = {}
    known_refs = set(references) if values.get("references") is not None else None
    for name, descriptor in descriptors.items():
        csv_path = source / "data" / descriptor.path
        if not csv_path.is_file():
            problems.add(docs[f"dataset/{name}"].problem(
                ("path",), f'the data file "{descriptor.path}" does not exist in source/data/',
                "correct `path:`, or copy the CSV file into source/data/"))
            continue
        rel = csv_path.relative_to(root).as_posix()
        table, found = read_table(name, descriptor, csv_path, rel, known_refs)
        problems.extend(found)
        if table:
            tables[name] = table
    problems.raise_if_errors("load")

    project = Project(
        root=root, brand=values["brand"], settings=values["settings"], references=references,
        quotes=_index(values["quotes"], docs["quotes"], "quote", problems),
        stats=_index(values["stats"], docs["stats"], "statistic", problems),
        charts=_index(values["charts"], docs["charts"], "chart", problems),
        language=values["language"], tables=tables, briefs=briefs, handouts=handouts, docs=docs)
    problems.raise_if_errors("load")
    return project, problems


def slug_of(text: str) -> str:
    """'Judges Final' -> 'judges-final'."""
    return "-".join("".join(c.lower() if c.isalnum() else " " for c in text).split())


def _blank(root: Path) -> Located:
    return Located(root / "source", "source/references.yaml", None, {})
