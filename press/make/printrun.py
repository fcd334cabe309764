"""A training's print run: `make_report.py print <training>` -> out/print/<training>/.

From source/trainings/<training>.yaml (who attends, how many of each audience, how many
briefs) the press makes the chapter's print pages (bleed, no marks: the "sheets" profile),
for the training's place when it names one, then writes for the shop:

- <training>-handouts.pdf: each audience's handout in the copies asked plus the overage
  (rounded up), collated by audience in the file's order, a slip sheet on top of each
  audience naming it and its count (in each page of the sheet, so each half of the cut
  reads); imposed 2-up on 12x18 or 13x19 in (bleed, crop and cut marks), 2-up on 11x17 in
  (no bleed) or 1-up on Letter;
- <training>-brief-booklet.pdf (when briefs are asked for): the chapter's brief (the same
  for every place) as a saddle-stitched booklet, Letter pages in reader spreads on 11x17
  in, padded to a multiple of four with pages that say they are blank on purpose (before
  the back page);
- <training>-order.pdf and .txt: documents, copies, sheets, paper, color or grayscale;
- manifest.json and index.html (a preview of every sheet), published whole, at once.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from press.content.compose import PrintFile, PrintLine, PrintView, SlipView, audience_name
from press.content.compute import formats_of
from press.content.consent import consent_problem
from press.content.plan import created_date
from press.content.rule_files import training_errors, unused
from press.core import clock, points
from press.core.files import write_file
from press.core.inputs import sources_digest
from press.core.manifest import Facts, Manifest, Output, record_of, write_manifest
from press.core.names import brief_file, handout_file, order_text_path, thumbnail_path
from press.core.problems import BuildError, Problem
from press.core.target import Target
from press.layout.render import Renderer
from press.layout.warm import typesetter
from press.layout.workers import Workers
from press.make.build import Made, make_unpublished
from press.output.preview import write_index
from press.output.publish import locked, publish, staging
from press.pdf.impose import (
    LETTER,
    SHEETS,
    Placed,
    Sheet,
    booklet_order,
    distinct_sheets,
    impose,
    padded,
    pages_of,
    sheets_for,
    two_up_11x17,
)
from press.pdf.pages import Box, on_the_cut
from press.pdf.pictures import thumbnail
from press.pdf.tables import scoped
from press.source.catalogue import N_, Words
from press.source.load import Project, load_project
from press.source.schema import Training

# The order's words, in English; an edition's catalogue translates them (N_ marks them).
PAPER = {"2-up": N_("12 x 18 in sheets"), "2-up-13x19": N_("13 x 19 in sheets"),
         "2-up-11x17": N_("11 x 17 in sheets"), "1-up": N_("8.5 x 11 in (Letter) sheets")}
TRIM = N_("trim each sheet to two 8.5 x 11 in pages at the crop marks (0.125 in bleed all "
          "round; the gutter between the pages is cut away)")
CUTTING = {"2-up": TRIM, "2-up-13x19": TRIM,
           "2-up-11x17": N_("cut each sheet in half to two 8.5 x 11 in pages (no bleed)"),
           "1-up": N_("none")}


@dataclass(frozen=True)
class PrintRun:
    """What a print run wrote, and what the build had to say."""

    folder: Path
    files: list[Output]
    order: PrintView
    problems: list[Problem]


def copies_for(people: int, overage_percent: int) -> int:
    """Copies for `people`, plus the overage, rounded up (10 people, 10% -> 11)."""
    return math.ceil(people * (100 + overage_percent) / 100)


def handout_copies(people: int, training: Training, sheet: Sheet) -> tuple[int, int]:
    """The copies of a handout for `people` and how many of them only fill the last sheet
    (with fill_last_sheet: 2-up, 13 copies -> 14, 1 added)."""
    copies = copies_for(people, training.overage_percent)
    full = sheets_for(copies, sheet) * sheet.up if training.fill_last_sheet else copies
    return full, full - copies


@dataclass(frozen=True)
class Counted:
    """One document of a print run, counted before anything is made: the people it is for,
    the copies (the overage, and the copies only filling a last sheet, included), the pages
    of each copy (a booklet's blank pages included) and the sheets it prints."""

    audience: str  # the handout's file name ("judges"); "" for the brief
    people: int
    copies: int
    added: int  # copies added only to fill the last sheet (fill_last_sheet)
    pages: int
    sheets: int


def counted_handouts(training: Training) -> list[Counted]:
    """Each audience that attends, in the file's order: its handout's copies and sheets
    (one page a copy; the slip sheet on top of each is not counted here)."""
    sheet = SHEETS[training.imposition]()
    found = []
    for audience, people in training.attendees.items():
        if people:
            copies, added = handout_copies(people, training, sheet)
            found.append(Counted(audience, people, copies, added, 1, sheets_for(copies, sheet)))
    return found


def counted_booklet(training: Training, brief_pages: int) -> Counted | None:
    """The brief's booklet for a brief of `brief_pages` pages (padded to a multiple of four),
    folded from sheets of four pages; None when the training asks for no briefs."""
    if not training.briefs:
        return None
    pages = brief_pages + padded(brief_pages)
    copies = copies_for(training.briefs, training.overage_percent)
    return Counted("", training.briefs, copies, 0, pages, copies * (pages // 4))


Progress = Callable[[str, int, int], None]  # the stage just done, how many done, of how many


def print_training(root: Path, name: str, today: dt.date | None = None,
                   waiting: Callable[[str], None] | None = None, strict: bool = False,
                   edition: str = "", progress: Progress | None = None) -> PrintRun:
    """Make, impose and publish the print run of source/trainings/<name>.yaml (in another
    `edition`'s language: into out/<edition>/print/<name>/); raises BuildError (out/
    untouched) when a source, the training or its place is wrong, or, with `strict`, when
    any stage warned. `progress` hears each stage as it is done."""
    root = root.resolve()
    today = today or clock.today()
    pool = Workers(typesetter, 1)  # the print run's pages typeset in the one pool
    try:
        return _print_run(root, name, today, waiting, strict, pool, edition,
                          progress or (lambda what, done, total: None))
    finally:
        pool.kill()


def _print_run(root: Path, name: str, today: dt.date, waiting: Callable[[str], None] | None,
               strict: bool, pool: Workers, edition: str, progress: Progress) -> PrintRun:
    with locked(root, waiting or (lambda message: None)):
        project, _unused = load_project(root)
        wrong = training_errors(project, name)
        if any(p.severity == "error" for p in wrong):
            raise BuildError("print", [*wrong, *unused(project, training=name)])
        training = project.trainings[name]
        gray = training.color == "grayscale"
        sheets = Target("sheets", (training.jurisdiction,) if training.jurisdiction else (),
                        edition, training.chapter, date=today)
        made, problems = make_unpublished(root, sheets, gray, pool)
        points.reached("typeset")
        stages = 4 if training.briefs else 3
        progress("the pages", 1, stages)
        problems.extend([*wrong, *unused(project, training=name)])
        outputs = {o.rel: o for o in made.outputs}
        chapter = training.chapter
        renderer = Renderer(made.project, "sheets", created_date(made.project))
        words = Words(root, edition)
        view = PrintView("order", words.say("Print order: {training}", training=training.title),
                         words.say("What to print for {training}", training=training.title),
                         made.project.briefs[chapter].chapter, training.title,
                         formats_of(made.project).date(training.date),
                         training.jurisdiction and words(training.jurisdiction),
                         training.color, training.overage_percent, training.notes)
        files: list[Output] = []
        lines_of: list[PrintFile] = []
        handouts, handouts_file, alike = _handouts(renderer, view, training, name, made,
                                                   outputs, words)
        files.append(handouts)
        lines_of.append(handouts_file)
        progress("the handouts' sheets", 2, stages)
        if training.briefs:
            brief_rel = brief_file(chapter)
            if brief_rel not in outputs:  # a place's build makes handouts only
                whole, _ = make_unpublished(root, replace(sheets, places=()), gray, pool)
                outputs[brief_rel] = next(o for o in whole.outputs if o.rel == brief_rel)
            booklet, booklet_file = _booklet(renderer, view, training, name,
                                             outputs[brief_rel], words,
                                             made.project.edition
                                             or made.project.settings.language)
            files.append(booklet)
            lines_of.append(booklet_file)
            progress("the brief's booklet", 3, stages)
        order = replace(view, files=tuple(lines_of))
        files.append(Output(f"{name}-order.pdf", scoped(renderer.added_pages(order)), order.title, 1,
                            Facts(kind="order")))
        text = order_text(order, words)
        folder = Target(edition=edition).folder(root) / "print" / name
        problems.extend(_handed_out(project, name, files))
        problems.extend(_judged_sheets(files, training, name, {handouts.rel: alike}))
        problems.raise_if_errors("print")
        problems.raise_if_strict(strict)
        _publish(root, folder, made, files, text, order)
        progress("the order", stages, stages)
        return PrintRun(folder, files, order, list(problems.items))


def _handouts(renderer: Renderer, view: PrintView, training: Training, name: str, made: Made,
              outputs: dict[str, Output], words: Words
              ) -> tuple[Output, PrintFile, list[int]]:
    """Every audience's copies, collated, a slip sheet on top of each; and the index of
    each different sheet (the others are copies of one of them)."""
    sheet = SHEETS[training.imposition]()
    counts = counted_handouts(training)
    asked = [(c.audience, c.people) for c in counts]
    named = {a: audience_name(made.project, f"{training.chapter}/{a}") for a, _ in asked}
    audiences = {a: name for a, (name, _) in named.items()}
    copies = {c.audience: (c.copies, c.added) for c in counts}
    slips = tuple(SlipView(audiences[a], copies[a][0], n, named[a][1]) for a, n in asked)
    slip_pages = pages_of(renderer.added_pages(
        replace(view, kind="slips", slips=slips)))
    layout: list[tuple[Sheet, list[Placed]]] = []
    lines: list[PrintLine] = []
    for (audience, people), slip, slip_page, counted in zip(asked, slips, slip_pages, counts,
                                                            strict=True):
        page = pages_of(outputs[handout_file(f"{training.chapter}/{audience}")].data)[0]
        count = counted.sheets
        # the slip in every slot: each page of the cut carries the audience and its count
        layout.append((sheet, [(slip_page, slot) for slot in range(sheet.up)]))
        for number in range(count):
            up = min(sheet.up, slip.copies - number * sheet.up)  # the last sheet may hold fewer
            layout.append((sheet, [(page, slot) for slot in range(up)]))
        said = Words(made.project.root, "") if slip.lang else words  # one language a line
        lines.append(PrintLine(said.say("Handout for {audience}",
                                        audience=audiences[audience].lower()), people,
                               slip.copies, 1, count))
    title = words.say("{training}: handouts", training=training.title)
    data = impose(layout, title, made.project.edition or made.project.settings.language)
    alike = distinct_sheets(layout)
    file = f"{name}-handouts.pdf"
    if sheet.up > 1:
        what = words.say("The handouts, {up} to a sheet, each audience's stack behind a slip "
                         "sheet naming it and its count on each page of the sheet, so that "
                         "every stack the cut makes has its own (print the slip sheets on "
                         "colored paper if you like).", up=sheet.up)
    else:
        what = words("The handouts, one to a sheet, each audience's stack behind a slip sheet "
                     "naming it and its count (print the slip sheets on colored paper if you "
                     "like).")
    if training.fill_last_sheet:
        what += " " + _filled({audiences[a].lower(): copies[a] for a, _ in asked}, words)
    printed = PrintFile(file, what, words(PAPER[training.imposition]), words("single-sided"),
                        words(CUTTING[training.imposition]), tuple(lines), len(asked),
                        len(layout))
    return (Output(file, data, title, len(layout),
                   Facts(kind="imposed", quotes=_quotes(outputs, training))), printed, alike)


def _judged_sheets(files: list[Output], training: Training, name: str,
                   alike: dict[str, list[int]]) -> list[Problem]:
    """Every different imposed sheet read back as the print shop will cut it
    (press/pdf/pages.py): no words across a cut or past a trim, none printed over others.
    `alike` names a file's different sheets (the others are copies); every sheet of any
    other file is judged."""
    sheets = {f"{name}-handouts.pdf": SHEETS[training.imposition](),
              f"{name}-brief-booklet.pdf": two_up_11x17()}
    found: list[Problem] = []
    for output in files:
        sheet = sheets.get(output.rel)
        if sheet is None:
            continue
        trims = [Box(x, sheet.height - y - LETTER[1], x + LETTER[0], sheet.height - y)
                 for x, y in sheet.slots]
        for finding in on_the_cut(output.data, trims, alike.get(output.rel)):
            what = ("is cut through: it crosses a page's trim" if finding.kind == "cut"
                    else "prints over other words")
            found.append(Problem(f"out/print/{name}/{output.rel}", 0, 0,
                                 f'on sheet {finding.page}, "{finding.words[0][:40]}" {what}',
                                 "this is a defect of the press's imposition: report it"))
    return found


def _filled(copies: dict[str, tuple[int, int]], words: Words) -> str:
    """What the order says of fill_last_sheet: the copies it added, audience by audience."""
    added = [words.say("{audience} {before} to {after}", audience=audience,
                       before=total - extra, after=total)
             for audience, (total, extra) in copies.items() if extra]
    if not added:
        return words("Each audience's copies are rounded up to fill its last sheet "
                     "(fill_last_sheet); every last sheet was full already.")
    count = sum(extra for _, extra in copies.values())
    return words.say_n("Each audience's copies are rounded up to fill its last sheet "
                       "(fill_last_sheet), adding 1 copy: {added}.", "Each audience's copies "
                       "are rounded up to fill its last sheet (fill_last_sheet), adding "
                       "{count} copies: {added}.", count, count=count, added=", ".join(added))


def _booklet(renderer: Renderer, view: PrintView, training: Training, name: str,
             brief: Output, words: Words, language: str) -> tuple[Output, PrintFile]:
    """The brief as a saddle-stitched booklet: reader spreads on 11x17 in, both sides."""
    pages = pages_of(brief.data)
    blanks = padded(len(pages))
    if blanks:
        blank_pages = pages_of(renderer.added_pages(
            replace(view, kind="blank", blanks=blanks)))
        pages = [*pages, *blank_pages]  # at the end: never a blank spread inside
    sheet = two_up_11x17()
    layout = [(sheet, [(pages[left - 1], 0), (pages[right - 1], 1)])
              for left, right in booklet_order(len(pages))]
    title = words.say("{training}: brief booklet", training=training.title)
    data = impose(layout, title, language)
    file = f"{name}-brief-booklet.pdf"
    counted = counted_booklet(training, len(pages) - blanks)
    assert counted is not None and counted.pages == len(pages)
    copies = counted.copies
    note = (words.say(" ({pages} pages and {blanks} intentionally blank, so that the booklet "
                      "folds from whole sheets)", pages=len(pages) - blanks, blanks=blanks)
            if blanks else "")
    sheets = len(pages) // 4
    printed = PrintFile(
        file, words.say("The brief as a booklet of {pages} pages{note}; the file holds one "
                        "copy, front and back of each sheet in turn.", pages=len(pages),
                        note=note),
        words("11 x 17 in sheets"), words("double-sided, flip on the short edge"),
        words.say_n("fold in half and saddle-stitch (two staples on the fold); 1 sheet a copy",
                    "fold in half and saddle-stitch (two staples on the fold); {sheets} sheets "
                    "a copy", sheets, sheets=sheets),
        (PrintLine(words("Brief (booklet)"), training.briefs, copies, len(pages),
                   counted.sheets),), 0, counted.sheets, both_sides=True)
    return (Output(file, data, title, len(layout),
                   Facts(kind="imposed", quotes=brief.facts.quotes)),
            printed)


def _quotes(outputs: dict[str, Output], training: Training) -> list[str]:
    found: list[str] = []
    for audience, people in training.attendees.items():
        rel = handout_file(f"{training.chapter}/{audience}")
        if people and rel in outputs:
            found += outputs[rel].facts.quotes
    return list(dict.fromkeys(found))


def _handed_out(project: Project, name: str, files: list[Output]) -> list[Problem]:
    """The quotes the print run carries must still be covered on the training's day, when
    the copies are handed out."""
    training = project.trainings[name]
    doc = project.doc("training", name)
    found: list[Problem] = []
    for quote_id in dict.fromkeys(q for f in files for q in f.facts.quotes):
        quote = project.quotes[quote_id]
        reason = consent_problem(quote, "print", training.date)
        if reason:
            found.append(doc.problem(
                ("date",), f'the quote "{quote_id}" ({quote.speaker}) is in this print run, but it '
                f"may not be handed out on the day of the training ({training.date.isoformat()}): "
                f"{reason}",
                "renew the consent before the training, or choose another quote for the handouts "
                "and brief printed for it"))
    return found


def order_text(order: PrintView, words: Words) -> str:
    """The order summary as plain text (for an email to the shop, or an office printer)."""
    ink = words("color") if order.color == "color" else words("grayscale (black ink only)")
    lines = [order.title, "=" * len(order.title), "",
             words.say("Training: {training}, {date}", training=order.training, date=order.date)
             + (f", {order.place}" if order.place else ""),
             words.say("Chapter: {chapter}", chapter=order.chapter),
             words.say("Ink: {ink}", ink=ink),
             words.say("Extra copies included: {percent}%", percent=order.overage_percent), ""]
    heads: list[str | int] = [words("Document"), words("People"), words("Copies"), words("Pages each"),
             words("Sheets")]
    for number, file in enumerate(order.files, 1):
        lines += [f"{number}. {file.file}", f"   {file.what}",
                  "   " + words.say("Paper: {paper}", paper=file.paper),
                  "   " + words.say("Printing: {sides}", sides=file.sides),
                  "   " + words.say("Finishing: {finishing}", finishing=file.finishing)]
        rows: list[list[str | int]] = [[line.document, line.people, line.copies, line.pages, line.sheets]
                for line in file.lines]
        if file.slip_sheets:
            rows.append([words("Slip sheets"), "", "", "", file.slip_sheets])
        rows.append([words("Total"), "", sum(x.copies for x in file.lines), "", file.sheets])
        widths = [max(len(str(row[column])) for row in [heads, *rows]) for column in range(5)]
        for row in [heads, *rows]:
            cells = [f"{row[0]!s:{widths[0]}}", *(f"{cell!s:>{width}}" for cell, width
                                                   in zip(row[1:], widths[1:], strict=True))]
            lines.append("   " + "  ".join(cells).rstrip())
        lines.append("")
    if order.notes:
        lines += [words.say("Notes: {notes}", notes=order.notes), ""]
    return "\n".join(lines)


def _publish(root: Path, folder: Path, made: Made, files: list[Output], text: str,
             order: PrintView) -> None:
    """The print run's files, each sheet previewed, into `folder` at once."""
    staged = staging(root)
    manifest = Manifest(
        title=order.title, language=made.project.edition or made.project.settings.language,
        profile="print",
        created=made.manifest.created, training=folder.name,
        warnings=made.manifest.warnings, jurisdiction=made.manifest.jurisdiction,
        outputs=[record_of(output) for output in files],
        sources=sources_digest(root, folder.name, rules=False))
    for output in files:
        write_file(staged / output.rel, output.data)
        write_file(staged / thumbnail_path(output.rel), thumbnail(output.data))
    write_file(staged / order_text_path(files[-1].rel), text.encode())
    write_index(staged, root, manifest)
    write_manifest(staged, manifest)
    points.reached("staged")
    publish(staged, folder)
