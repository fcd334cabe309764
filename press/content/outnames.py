"""The names of what a build writes, made from the sources: a document's file from its
chapter and audience, a place build's folder from the place (press/core/names.py). Never
empty, never the root of out/, never shared.

- Two documents whose names make one file (`law-enforcement/law-enforcement-judges.yaml`
  beside `judges.yaml`: both law-enforcement-judges.pdf) would overwrite each other: an
  error at the later file, naming both.
- Two places whose names make one folder ("New York" and "NEW-YORK") would overwrite each
  other's handouts: a build of either stops, at the rows of both, with the fix. A place with
  no letter or digit in its name ("—") gets a folder named from a short hash of it, which the
  build says. (A place's name the brand fonts cannot print stops its build too.)
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePosixPath

from press.content import language
from press.content.localize import places
from press.core.names import brief_file, handout_file, named_by_hash, packet_file, place_folder
from press.core.problems import Problem
from press.source.load import Project

NAME_MAX = 120  # characters of a document's file name: room for its previews' and proofs'


def document_names(project: Project) -> list[Problem]:
    """An error for each document whose file (or preview, which is named by the file's stem)
    another document would share, at the later source file, and for a file name too long
    for the disks and portals it goes to."""
    owners: dict[str, tuple[str, str]] = {}  # a file's stem -> (its file, its source's key)
    documents = [*((brief_file(c), f"brief/{c}") for c in project.briefs),
                 *((packet_file(c), f"brief/{c}") for c in project.briefs),
                 *((handout_file(key), f"handout/{key}") for key in project.handouts)]
    found: list[Problem] = []
    for file, key in documents:
        stem = PurePosixPath(file).stem
        kind, name = key.split("/", 1)
        doc = project.doc(kind, name)
        if len(PurePosixPath(file).name) > NAME_MAX:
            found.append(doc.problem((), f'the file name "{PurePosixPath(file).name}" made from '
                                     f"this file's name is over {NAME_MAX} characters",
                                     "give the file a shorter name"))
        if stem not in owners:
            owners[stem] = (file, key)
            continue
        other_file, other_key = owners[stem]
        other = project.doc(*other_key.split("/", 1)).rel
        found.append(doc.problem((), f'this {kind} would be written to "{file}", and {other} '
                                 f'to "{other_file}": one name ("{stem}"), so one would '
                                 "overwrite the other", "rename one of the two files (a "
                                 "handout's file name need not repeat its chapter's)"))
    return found


Row = tuple[str, int, str]  # where the data first has a place: its file, line and dataset


def _first_rows(project: Project, wanted: Sequence[str] | None = None) -> dict[str, Row]:
    """Where the data first has each place (of `wanted`, or every place), read in one pass."""
    keep = None if wanted is None else set(wanted)
    found: dict[str, Row] = {}
    for name, table in sorted(project.tables.items()):
        for r in table.rows:
            if keep is None or r.jurisdiction in keep:
                row = (r.file, r.line, name)
                found[r.jurisdiction] = min(found.get(r.jurisdiction, row), row)
    return found


def _as_written(project: Project, dataset: str, place: str) -> str:
    """The name a dataset's file gives `place` (before place_names renames it)."""
    table = project.tables.get(dataset)
    renamed = table.descriptor.place_names if table else {}
    return next((raw for raw, printed in renamed.items() if printed == place), place)


def place_problems(project: Project, wanted: Sequence[str]) -> list[Problem]:
    """Why a place of the data in `wanted` cannot be built: another place would share its
    folder (clashes), or its name has a character the brand fonts lack."""
    found = clashes(project, wanted)
    for place, (file, line, _) in _first_rows(project, wanted).items():
        found += language.place_glyphs(project, place, file, line)
    return found


def clashes(project: Project, wanted: Sequence[str]) -> list[Problem]:
    """An error for each folder that a place in `wanted` would share with another place of
    the data, at the first row of the later place, naming every place that shares it."""
    sharing: dict[str, list[str]] = {}
    for place in places(project):
        sharing.setdefault(place_folder(place), []).append(place)
    folders = [f for f in dict.fromkeys(place_folder(p) for p in wanted) if len(sharing.get(f, [])) > 1]
    rows = _first_rows(project, [p for f in folders for p in sharing[f]])
    found: list[Problem] = []
    for folder in folders:
        first, *others = sorted(((p, *rows[p]) for p in sharing[folder]), key=lambda r: r[1:])
        place, file, line, dataset = others[0]
        named = _listed([f'"{p}" ({"" if f == file else f + " "}line {n})'
                         for p, f, n, _ in [first, *others]])
        raw = _as_written(project, dataset, place)
        descriptor = project.doc("dataset", dataset).rel
        found.append(Problem(
            file, line, 1, f"the places {named} would be built into one folder, "
            f'"{folder}/" (a folder\'s name keeps only letters and digits), so one place\'s '
            "handouts would overwrite the other's",
            f'if they are one place, write `place_names: {{ "{raw}": "{first[0]}" }}` in '
            f"{descriptor}; if not, name one of them differently there (`place_names: "
            f'{{ "{raw}": ... }}`), with other letters or digits'))
    return found


def _listed(items: list[str]) -> str:
    """'a and b', 'a, b and c'."""
    return f"{', '.join(items[:-1])} and {items[-1]}" if len(items) > 1 else "".join(items)


def hashed(project: Project, place: str, folder: str) -> list[Problem]:
    """A note, at the place's first row, when its folder is named by a hash of its name (it
    has no letter or digit); `folder` is where its build goes, relative to the project."""
    row = _first_rows(project, [place]).get(place)
    if not named_by_hash(place) or row is None:
        return []
    file, line, _ = row
    return [Problem(file, line, 1, f'the place "{place}" has no letter or digit to name its '
                    f"folder, so its handouts go into {folder}/, named from a short hash of "
                    "the place's name (the same at every build)", severity="note")]
