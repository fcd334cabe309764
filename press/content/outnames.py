"""The names of what a build writes, made from the sources: a document's file from its
chapter and audience, a place build's folder from the place (press/core/names.py). Never
empty, never the root of out/, never shared.

- Two documents whose names make one file (`law-enforcement/law-enforcement-judges.yaml`
  beside `judges.yaml`: both law-enforcement-judges.pdf) would overwrite each other: an
  error at the later file, naming both.
- Two places whose names make one folder ("New York" and "NEW-YORK") would overwrite each
  other's handouts: a build of either stops, at the rows of both, with the fix. A place with
  no letter or digit in its name ("—") gets a folder named from a short hash of it, which the
  build says.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePosixPath

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


def _first_row(project: Project, place: str) -> tuple[str, int, str]:
    """Where the data first has `place`: its file, line, and the dataset's name."""
    rows = [(r.file, r.line, name) for name, table in sorted(project.tables.items())
            for r in table.rows if r.jurisdiction == place]
    return min(rows) if rows else ("source/data", 0, "")


def _as_written(project: Project, dataset: str, place: str) -> str:
    """The name a dataset's file gives `place` (before place_names renames it)."""
    table = project.tables.get(dataset)
    renamed = table.descriptor.place_names if table else {}
    return next((raw for raw, printed in renamed.items() if printed == place), place)


def clashes(project: Project, wanted: Sequence[str]) -> list[Problem]:
    """An error for each folder that a place in `wanted` would share with another place of
    the data, at the first row of the later place, naming every place that shares it."""
    sharing: dict[str, list[str]] = {}
    for place in places(project):
        sharing.setdefault(place_folder(place), []).append(place)
    found: list[Problem] = []
    for folder in dict.fromkeys(place_folder(place) for place in wanted):
        together = sorted(sharing.get(folder, []), key=lambda p: _first_row(project, p))
        if len(together) < 2:
            continue
        first, *others = [(p, *_first_row(project, p)) for p in together]
        place, file, line, dataset = others[0]
        named = _listed([f'"{p}" ({"" if f == file else f + " "}line {n})'
                         for p, f, n, _ in [first, *others]])
        raw = _as_written(project, dataset, place)
        descriptor = project.doc("dataset", dataset).rel if dataset else "its descriptor"
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
    if not named_by_hash(place):
        return []
    file, line, _ = _first_row(project, place)
    return [Problem(file, line, 1, f'the place "{place}" has no letter or digit to name its '
                    f"folder, so its handouts go into {folder}/, named from a short hash of "
                    "the place's name (the same at every build)", severity="note")]
