"""`make_report.py check`: the sources checked as a build would check them, then what the last
build measured of the documents that would come out the same (their fit, their pages' judge),
read from out/'s manifest and the fit memo: the build owns what the previous output holds.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from press.content import plan, rule_files, wording
from press.content.check import preflight
from press.content.compose import ConsentError
from press.content.fits import fit_warning
from press.core import memo
from press.core.manifest import PageLayout, read_manifest
from press.core.problems import Problem, Problems
from press.core.target import MAIN, Target
from press.source.load import Project, load_edition, load_project


@dataclass(frozen=True)
class Checked:
    """What `make_report.py check` reports: the problems and each handout's reading grade."""

    project: Project
    problems: Problems
    grades: dict[str, float]
    pages: dict[str, list[PageLayout]] = field(default_factory=dict)  # as the last build saw


def run_check(root: Path, target: Target = MAIN, drafts: Mapping[str, str] | None = None
              ) -> Checked:
    """Load, preflight and plan (nothing drawn or laid out); raises BuildError on errors.

    A handout the build has already laid out in exactly this form (same key) is reported
    as it fitted then: the bounded fit it took, or the block that crossed its foot.
    A target's edition (es-US) is checked as `build --edition` would make it (its
    translations, its own words in its language); the print runs' and funders' files are
    checked with the sources' own language. `drafts` (a file's path -> its unsaved text) are
    checked in place of those files, which are not written."""
    profile, today, edition = target.profile, target.today, target.edition
    project, problems = (load_edition(root, edition, drafts) if edition else
                         load_project(root, drafts))
    problems, stats = preflight(project, profile, today, initial=problems)
    # as print and --funder check them (a place build of each training only when the rest is
    # sound: a broken chart would leave handouts out of every place)
    if not project.edition:
        problems.extend(rule_files.every_rule_file(project, deep=not problems.errors))
    problems.raise_if_errors("check")
    try:
        planned = plan.make_plan(project, stats, profile, today, plan.created_date(project))
    except ConsentError as error:
        problems.add(Problem("source/quotes.yaml", 0, 0, str(error), "renew the consent, or "
                             "choose another quote"))
        problems.raise_if_errors("check")
        raise
    fits = memo.Memo(project.root, plan.FITS_MEMO, plan.Fitted)
    built = read_manifest(replace(target, places=(), funder="").folder(root))
    pages: dict[str, list[PageLayout]] = {}
    for document in planned.documents:
        record = built.record(document.view.file) if built else None
        if record is not None and record.facts.key == document.key and record.facts.layout:
            pages[document.view.file] = record.facts.layout  # the same document, judged
            problems.extend(record.facts.judged)
        measured = fits.get(document.key) if document.view.kind == "handout" else None
        if measured and "failure" in measured:
            problems.add(Problem(*measured["failure"]))
        elif measured and "fit" in measured:
            level, dropped = measured["fit"]
            problems.extend(fit_warning(project, document.view.slug, level, dropped))
    problems.raise_if_errors("check")
    problems.raise_if_strict(target.strict)
    return Checked(project, problems, wording.reading_grades(project), pages)


def measured_lines(pages: Mapping[str, list[PageLayout]]) -> list[str]:
    """What the last build measured of the pages `check` would make the same: each
    document's fill page by page (the share of its text area down to the last thing drawn),
    its tallest white band and the closest two blocks come."""
    lines = []
    for file, layout in pages.items():
        fills = " ".join(f"{p.fill:.0%}" for p in layout)
        band = max(p.band for p in layout)
        near = [p.closest_pt for p in layout if p.closest_pt is not None]
        closest = (f"blocks at least {min(near):g} pt apart" if near else
                   "no two blocks within 4 pt")
        lines.append(f"  {file}: {len(layout)} page{'s' if len(layout) != 1 else ''} filled "
                     f"{fills}; tallest white band {band:.0%}; {closest}")
    return lines
