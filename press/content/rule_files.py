"""Trainings and funders: the rule files only some commands use, checked as those commands
check them.

A training's problems stop its print run, a funder's stop a build that measures its rules,
and `check` stops on any of them; every other command lists them as warnings (it does not
use the file) and goes on.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import get_args

from press.content.place import canonical, data_places, for_place
from press.core.names import FOLDERS, SLUG, brief_file, handout_file, packet_file, place_folder
from press.core.problems import Problem, did_you_mean, one_of
from press.source.load import SOURCE_FOLDERS, Project, training_problems
from press.source.schema import FileKind, Funder

TRAININGS = "source/trainings"
FUNDERS = "source/funders"


def _file(project: Project, folder: str, name: str) -> list[Problem]:
    """The problems found when the file was read (its own lines)."""
    return [p for rel, found in project.rule_problems.items()
            if rel.startswith(f"{folder}/{name}.") for p in found]


def training_errors(project: Project, name: str, deep: bool = True) -> list[Problem]:
    """Everything `print <name>` refuses, at its line in the training's file (and what it
    warns of); `deep` also makes the training's place build in memory, to see that each
    audience it asks for has a handout there."""
    found = _file(project, TRAININGS, name)
    if name not in project.trainings:
        if any(p.severity == "error" for p in found):
            return [*found, *_raw(project, name, found)]  # every problem at once
        return [*found, _not_there(project, TRAININGS, name, "training", project.trainings,
                                   "write one in source/trainings/ (see \"Printing for a "
                                   "training\" in the user guide, docs/printing.md)")]
    training = project.trainings[name]
    doc = project.doc("training", name)
    wrong = training_problems(training, doc, project.briefs, project.handouts, "error")
    if wrong:
        return [*found, *wrong]
    if name in FOLDERS | {place_folder(place) for place in data_places(project)}:
        found.append(Problem(
            f"{TRAININGS}/{name}.yaml", 0, 0, f'the name "{name}" is taken by a folder of '
            "out/print/", f"rename the file, e.g. {name}-training.yaml"))
    if training.fill_last_sheet and training.imposition == "1-up":
        found.append(doc.problem(
            ("fill_last_sheet",), "fill_last_sheet changes nothing with imposition 1-up: every "
            "sheet holds one page, so no sheet is left half empty",
            "remove fill_last_sheet, or choose a 2-up imposition", "warning"))
    if training.jurisdiction and deep:
        found += _place_errors(project, name)
    return found


def _raw(project: Project, name: str, found: list[Problem]) -> list[Problem]:
    """What can be checked of a training file that failed validation, from its words as
    written: the chapter, the audiences and the place (so staff fix everything in one pass)."""
    doc = project.docs.get(f"training/{name}")
    data = doc.data if doc else None
    if doc is None or not isinstance(data, dict):
        return []
    said = {(p.line, p.column) for p in found}
    more: list[Problem] = []
    chapter = data.get("chapter")
    if isinstance(chapter, str) and chapter not in project.briefs:
        more.append(doc.problem(("chapter",), f'there is no chapter "{chapter}".'
                                f"{did_you_mean(chapter, project.briefs)}",
                                f"write one of {one_of(project.briefs)}"))
    elif isinstance(chapter, str) and isinstance(data.get("attendees"), dict):
        own = sorted(k.split("/", 1)[1] for k in project.handouts if k.startswith(chapter + "/"))
        for audience in data["attendees"]:
            if str(audience) not in own:
                more.append(doc.problem(
                    ("attendees", audience), f'the chapter {chapter} has no handout "{audience}".'
                    f"{did_you_mean(str(audience), own)}", f"write one of {one_of(own)}"))
    place = data.get("jurisdiction")
    if isinstance(place, str) and canonical(project, place) not in data_places(project):
        more.append(doc.problem(("jurisdiction",), f'the data has no rows for "{place}".'
                                f"{did_you_mean(place, data_places(project))}",
                                f"write one of {one_of(data_places(project))}"))
    return [p for p in more if (p.line, p.column) not in said]


def _place_errors(project: Project, name: str) -> list[Problem]:
    """A training for a place: the place is in the data, and each audience it asks for has a
    handout made for the place."""
    training = project.trainings[name]
    doc = project.doc("training", name)
    place = canonical(project, training.jurisdiction or "")
    known = data_places(project)
    if place not in known:
        return [doc.problem(("jurisdiction",), f'the data has no rows for "{place}".'
                            f"{did_you_mean(place, known)}", f"write one of {one_of(known)}")]
    localized, _, found = for_place(project.only(training.chapter), place)  # its chapter alone
    if any(p.severity == "error" for p in found):
        return [p for p in found if p.severity == "error"]
    made = {key.split("/", 1)[1] for key in localized.handouts
            if key.startswith(training.chapter + "/")}
    missing = [a for a, people in training.attendees.items() if people and a not in made]
    if not missing:
        return []
    return [doc.problem(
        ("attendees", missing[0]), f"no handout for {one_of(missing)} is made for "
        f"{training.jurisdiction}: it has no statistic or chart of that place",
        "give the handout a statistic of the place, or print the handouts made for the whole "
        "state (remove `jurisdiction:`)")]


def funder_errors(project: Project, name: str) -> list[Problem]:
    """Everything `build --funder <name>` refuses before it measures a page."""
    found = _file(project, FUNDERS, name)
    if name in project.funders:
        return [*found, *_funder_names(project, name)]
    if any(p.severity == "error" for p in found):
        return found
    return [*found, _not_there(project, FUNDERS, name, "funder", project.funders,
                               "write the funder's rules in source/funders/ (see \"A funder's "
                               "checklist\" in the user guide, docs/funders.md)")]


def _not_there(project: Project, folder: str, name: str, what: str, known: Mapping[str, object],
               write: str) -> Problem:
    """There is no such rule file in its folder: a file of that name elsewhere in source/
    (source/training/x.yaml) is named, with where to move it; else the names there are."""
    elsewhere = sorted(path.relative_to(project.root).as_posix()
                       for path in project.source.rglob(f"{name}.y*ml") if SLUG.match(name)
                       and path.relative_to(project.source).parts[0] not in SOURCE_FOLDERS)
    if elsewhere:
        return Problem(elsewhere[0], 0, 0, f'there is no {what} "{name}" in {folder}/: this '
                       f"file is not there, so the press does not read it",
                       f"move it to {folder}/{name}.yaml")
    return Problem(f"{folder}/{name}.yaml", 0, 0, f'there is no {what} "{name}".'
                   f"{did_you_mean(name, known)}",
                   f"use one of {one_of(known)}" if known else write)


def every_rule_file(project: Project, deep: bool = True) -> list[Problem]:
    """What `check` says of every training and funder: each as its command would."""
    return [*(p for name in sorted(_names(project, TRAININGS, project.trainings))
              for p in training_errors(project, name, deep)),
            *(p for name in sorted(_names(project, FUNDERS, project.funders))
              for p in funder_errors(project, name))]


def unused(project: Project, funder: str | None = None, training: str | None = None
           ) -> list[Problem]:
    """The problems of the rule files a command does not use (every training but `training`,
    every funder but `funder`), as warnings: said, but no reason to stop."""
    found = [p for name in sorted(_names(project, TRAININGS, project.trainings))
             if name != training for p in training_errors(project, name, deep=False)]
    found += [p for name in sorted(_names(project, FUNDERS, project.funders)) if name != funder
              for p in funder_errors(project, name)]
    said: list[Problem] = []
    for problem in found:
        if problem.severity == "error":
            problem = Problem(problem.file, problem.line, problem.column,
                              f"{problem.message} (this command does not use the file; the "
                              "command that does stops here)", problem.hint, "warning")
        said.append(problem)
    return said


def _names(project: Project, folder: str, valid: Mapping[str, object]) -> set[str]:
    """The names of the files in `folder`: those that were read, and those that failed."""
    failed = {rel.split("/")[-1].rsplit(".", 1)[0] for rel in project.rule_problems
              if rel.startswith(folder + "/")}
    return set(valid) | failed


def funder_files(project: Project, funder: Funder) -> set[str]:
    """The PDFs a funder's rules apply to: its chapter's (every chapter's when it names
    none), of the kinds and audiences its `documents` lists."""
    files: set[str] = set()
    for chapter in [funder.chapter] if funder.chapter else list(project.briefs):
        if "brief" in funder.documents:
            files.add(brief_file(chapter))
        if "packet" in funder.documents:
            files.add(packet_file(chapter))
        files.update(handout_file(key) for key, handout in project.handouts.items()
                     if handout.chapter == chapter and (
                         "handouts" in funder.documents or key.split("/", 1)[1] in funder.documents))
    return files


def shaped_files(project: Project, funder: Funder) -> set[str]:
    """The PDFs a funder's rules lay out (its margins, its type floor): those they apply to,
    and the brief and handouts a packet of them is joined from; no other chapter's."""
    files = funder_files(project, funder)
    for chapter in project.briefs:
        if packet_file(chapter) in files:
            files |= {brief_file(chapter), *(handout_file(key) for key, handout in
                                             project.handouts.items()
                                             if handout.chapter == chapter)}
    return files


def _funder_names(project: Project, name: str) -> list[Problem]:
    """A funder's chapter and documents that name no chapter or handout there is, at their
    lines; a funder whose rules would apply to no PDF at all."""
    funder, doc = project.funders[name], project.doc("funder", name)
    if funder.chapter and funder.chapter not in project.briefs:
        return [doc.problem(("chapter",), f'there is no chapter "{funder.chapter}".'
                            f"{did_you_mean(funder.chapter, project.briefs)}",
                            f"write one of {one_of(project.briefs)}, or leave `chapter:` out "
                            "for every chapter's PDFs")]
    audiences = sorted({key.split("/", 1)[1] for key, handout in project.handouts.items()
                        if funder.chapter in (None, handout.chapter)})
    kinds = list(get_args(FileKind))
    found = [doc.problem(("documents", number), f'"{item}" is neither a kind of PDF nor a '
                         f"handout of {_chapters(funder.chapter)}."
                         f"{did_you_mean(item, [*kinds, *audiences])}", f"write {one_of(kinds)}, "
                         f"or an audience's file name: {one_of(audiences)}")
             for number, item in enumerate(funder.documents)
             if item not in kinds and item not in audiences]
    if not found and not funder_files(project, funder):
        found.append(doc.problem(("documents",), f"the rules apply to no PDF: "
                                 f"{_chapters(funder.chapter)} makes none of these",
                                 "list the brief, the handouts or the packet"))
    return found


def _chapters(chapter: str | None) -> str:
    return f"the chapter {chapter}" if chapter else "any chapter"
