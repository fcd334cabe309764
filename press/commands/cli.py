"""The command staff run. The only module that prints.

    python make_report.py            build every PDF into out/
    python make_report.py check      check the sources without rendering
    python make_report.py schema     publish the JSON Schemas editors use
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TextIO, cast

from press.core import clock
from press.core.controls import Visible, visible
from press.core.files import machine_refused
from press.core.problems import (
    ENVIRONMENT_HINT,
    BuildError,
    Problems,
    SetupError,
    shown,
)
from press.core.target import OFFERED, PROFILES, asked_places
from press.output.serving import PORT

if TYPE_CHECKING:  # imported where used: a command loads only what it runs
    from rich.progress import Progress

    from press.api import Built
    from press.core.target import Target
    from press.layout.workers import Workers
    from press.make.build import PlaceReport

EXIT_OK, EXIT_INTERNAL, EXIT_INPUT, EXIT_INTERRUPTED = 0, 1, 2, 130


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        why = clock.no_such_date(text)
        raise argparse.ArgumentTypeError(f'the date "{text}" does not exist: {why}' if why else
                                         f'expected a date like 2026-03-01, found "{text}"'
                                         ) from None


def _port(text: str) -> int:
    from press.output.serving import MAX_PORT

    try:
        port = int(text)
    except ValueError:
        port = -1
    if not 0 <= port <= MAX_PORT:
        found = f'"{text}"' if text.isprintable() else ascii(text)  # no terminal escapes
        raise argparse.ArgumentTypeError(f"expected a port from 0 to {MAX_PORT}, found {found}. "
                                         f"Fix: leave --port out ({PORT}), choose another such "
                                         f"as --port {PORT + 1}, or write --port 0 for any "
                                         "free port")
    return port


def _edition(text: str) -> str:
    """An edition's tag as typed; an empty one is refused (it would build the sources' own
    language in silence)."""
    if not text.strip():
        raise argparse.ArgumentTypeError(
            'found an empty edition (--edition ""). Fix: write the edition\'s tag, e.g. '
            "--edition es-US; leave --edition out for the sources' own language")
    return text.strip()


class _Parser(argparse.ArgumentParser):
    """The command line's parser: a mistake in it is said with its fix, as every other
    mistake is (argparse's own words say only what it did not understand)."""

    def error(self, message: str) -> NoReturn:
        said = visible(message).rstrip(".")
        fix = "" if "Fix:" in said else (
            f". Fix: run `{self.prog} --help` (`make_report.py COMMAND --help` for one command)"
            " to see what it takes")
        self.print_usage(sys.stderr)
        self.exit(EXIT_INPUT, f"{self.prog}: error: {said}{fix}\n")


def parser(root: Path | None = None) -> argparse.ArgumentParser:
    main = _Parser(
        prog="make_report.py", description="Build The Life Story briefs and handouts.")
    commands = main.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def here(sub: argparse.ArgumentParser) -> None:  # the project folder (tests set it)
        sub.add_argument("--root", type=Path, default=root or Path.cwd(), help=argparse.SUPPRESS)

    def strict_and_date(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--strict", action="store_true", help="treat warnings as errors")
        sub.add_argument("--date", type=_date, default=None,
                         help="check consent as of this date (default: today)")
        here(sub)

    def common(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--profile", choices=OFFERED, default=None, help="; ".join(
            f"{name}: {PROFILES[name].summary}" for name in OFFERED) + " (grant is the "
            "default with --funder)")
        strict_and_date(sub)

    build = commands.add_parser("build", help="check, then build every PDF into out/ (default)")
    common(build)
    build.add_argument("--jurisdiction", action="append", default=None, metavar="PLACE",
                       help='build the handouts with this place\'s figures, e.g. "Massachusetts"; '
                       'repeat it for several places, or write "all" for every place the data has')
    build.add_argument("--funder", default=None, metavar="NAME",
                       help="check the grant PDFs against source/funders/NAME.yaml (builds "
                       "--profile grant); a rule that fails stops the build")
    build.add_argument("--edition", action="append", default=None, metavar="LANGUAGE",
                       type=_edition,
                       help="build the edition in this language into out/LANGUAGE/, e.g. "
                       '"es-US" (editions: in source/settings.yaml); repeat it, or write '
                       '"all" for every edition')
    build.add_argument("--grayscale", action="store_true",
                       help="also write a gray proof of every page into proof/ (as an office "
                       "laser printer prints it), and require 4.5:1 text contrast in gray")
    watch = commands.add_parser("watch", help="rebuild after every save and serve the studio's "
                                "preview page, which shows each rebuild itself")
    watch.add_argument("--port", type=_port, default=PORT,
                       help=f"the preview's port (default {PORT}; 0: any free port)")
    here(watch)
    studio = commands.add_parser("studio", help="write and check every document in the "
                                 "browser (opens it at the studio's address)")
    studio.add_argument("--port", type=_port, default=PORT,
                        help=f"the studio's port (default {PORT}; 0: any free port)")
    studio.add_argument("--no-browser", action="store_true",
                        help="print the address without opening a browser")
    here(studio)
    new = commands.add_parser("new", help="start a content file that builds as it is")
    new.add_argument("what", choices=("handout", "chapter"), help="handout or chapter")
    new.add_argument("name", help='the audience ("Probation officers") or the chapter ("Housing")')
    new.add_argument("--chapter", default=None, help="the chapter of a new handout")
    here(new)
    printing = commands.add_parser(
        "print", help="a training's print run: imposed handouts and brief booklet, and the "
        "order summary, into out/print/<training>/")
    printing.add_argument("training", help="the name of a file in source/trainings/ "
                          "(without .yaml)")
    printing.add_argument("--edition", default=None, metavar="LANGUAGE", type=_edition,
                          help='print the edition in this language, e.g. "es-US", into '
                          "out/LANGUAGE/print/<training>/")
    strict_and_date(printing)
    translate = commands.add_parser(
        "translate", help="mark an edition's translations as of the English as it is now "
        "(writes of: into each entry without one), then list what is missing or stale")
    translate.add_argument("edition", help='the edition, e.g. "es-US"')
    here(translate)
    check = commands.add_parser("check", help="check the sources without rendering")
    common(check)
    check.add_argument("--edition", default=None, metavar="LANGUAGE", type=_edition,
                       help='check the edition in this language, e.g. "es-US": its '
                       "translations, their spelling, terms and reading ease")
    schema = commands.add_parser("schema", help="write the JSON Schemas into schemas/")
    here(schema)
    return main


def _report(problems: Problems, stream: TextIO | None = None) -> None:
    for problem in sorted(problems.notes) + sorted(problems.errors) + sorted(problems.warnings):
        print(problem.format(), file=stream or sys.stderr)


def main(argv: Sequence[str] | None = None, root: Path | None = None) -> int:
    """Run the command; `root` is the project folder (default: the current folder).
    Everything it prints, whoever prints it, goes through one escape (controls.visible): a
    value quoted in a message can never reach the terminal as a control character."""
    out, err = Visible(sys.stdout), Visible(sys.stderr)
    with contextlib.redirect_stdout(cast(TextIO, out)), \
            contextlib.redirect_stderr(cast(TextIO, err)):
        return _main(argv, root)


def _main(argv: Sequence[str] | None, root: Path | None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if not arguments or (arguments[0] not in COMMANDS and arguments[0] not in ("-h", "--help")):
        arguments.insert(0, "build")  # no command means build
    args = parser(root).parse_args(arguments)
    if args.command in ("check", "print") and args.edition is None:
        args.edition = ""  # the sources' own language (None: --edition was not given)
    root = args.root.resolve()
    funder = getattr(args, "funder", None)
    if funder and args.profile not in (None, "grant"):
        print(f"Error: --funder measures the grant PDFs (the files a funder receives), not the "
              f"{args.profile} ones. Fix: write --profile grant, or leave --profile out",
              file=sys.stderr)
        return EXIT_INPUT
    if hasattr(args, "profile"):
        args.profile = args.profile or ("grant" if funder else "screen")
    try:
        return COMMANDS[args.command](root, args)
    except Exception as error:
        return _stopped(root, error)
    except KeyboardInterrupt as interrupted:
        return _interrupted(root, interrupted)


def _schema(root: Path, args: argparse.Namespace) -> int:
    from press.make.schemas import write_schemas

    for path in write_schemas(root):
        print(f"wrote {path.relative_to(root)}")
    return EXIT_OK


def _new(root: Path, args: argparse.Namespace) -> int:
    from press import api

    written = (api.new_handout(root, args.name, args.chapter) if args.what == "handout"
               else api.new_chapter(root, args.name))
    for path in written:
        print(f"wrote {path.relative_to(root)}")
    print("It builds as it is: replace its words, then run make_report.py build.")
    return EXIT_OK


def _watch(root: Path, args: argparse.Namespace) -> int:
    from press.commands.watch import run

    try:
        run(root, args.port, lambda line: print(line, flush=True))
    except KeyboardInterrupt:  # (builds run beside the server: publishing is never cut)
        print("\nStopped watching; out/ holds the last good build.", file=sys.stderr)
        return EXIT_INTERRUPTED
    return EXIT_OK


def _studio(root: Path, args: argparse.Namespace) -> int:
    from press.studio.app import run

    try:
        run(root, args.port, lambda line: print(line, flush=True), not args.no_browser)
    except KeyboardInterrupt:
        print("\nThe studio stopped; every save is in source/.", file=sys.stderr)
        return EXIT_INTERRUPTED
    return EXIT_OK


def _check(root: Path, args: argparse.Namespace) -> int:
    from press import api
    from press.content.wording import reading_line
    from press.make.check import measured_lines

    report = api.check(root, _target(args))
    if report.stopped or report.project is None:
        raise BuildError(report.stopped or "check", report.problems)
    _report(Problems(report.problems), sys.stdout)
    if report.pages:
        print("Pages as the last build measured them (the same sources):")
        print("\n".join(measured_lines(report.pages)))
    print(reading_line(report.project, report.grades))
    print(f"Check passed: {len(report.warnings)} warning(s), no errors.")
    return EXIT_OK


def _target(args: argparse.Namespace, place: str | None = None, edition: str | None = None
            ) -> Target:
    """What the command line asks for, as the press's one Target."""
    from press.core.target import Target

    places = (place,) if place else asked_places(getattr(args, "jurisdiction", None) or ())
    return Target(profile=args.profile, places=places,
                  edition=getattr(args, "edition", "") if edition is None else edition,
                  funder=getattr(args, "funder", None) or "",
                  grayscale=getattr(args, "grayscale", False), date=args.date,
                  strict=args.strict)


def _build(root: Path, args: argparse.Namespace) -> int:
    """A build: of many places, or of each edition asked for (said at once when nothing
    changed)."""
    target = _target(args)
    if target.places and target.place is None:  # every place, or several
        return _many_places(root, args, target)
    from press import api

    place = target.place
    editions = api.editions(root, args.edition)
    for edition in editions:
        if len(editions) > 1:
            _heading(edition)
        built = api.build(root, _target(args, place, edition),
                          waiting=lambda message: print(message, file=sys.stderr, flush=True))
        _built(root, built)
    return EXIT_OK


def _heading(edition: str) -> None:
    """Each edition's report, when a build makes several, under its own heading."""
    named = f"{edition}: out/{edition}/" if edition else "The sources' own language: out/"
    print(f"== {named} ==", flush=True)


def _built(root: Path, built: Built) -> None:
    """What a build made, a line a PDF, and the count of what it reused; or, when nothing
    changed, that it did not, at once."""
    from press.core.names import is_packet

    _report(Problems(built.problems), sys.stdout)
    for line in built.checklist:
        print(line)
    folder = built.folder.relative_to(root)
    on_disk = list({r.file: r for r in built.documents if (built.folder / r.file).is_file()}
                   .values())  # what the summary counts: the files there, each once
    if built.unchanged:
        print(f"Nothing changed since the last build: {folder}/ already holds it "
              f"({len(on_disk)} PDFs, {len(built.warnings)} warning(s)).")
        return
    for record in on_disk:
        path = (built.folder / record.file).relative_to(root)
        print(f"  {path}  {record.pages} page{'s' if record.pages != 1 else ''}, "
              f"{record.bytes / 1024:.0f} KB")
    reused = len(on_disk) - len(built.rendered) - sum(1 for r in on_disk if is_packet(r.file))
    again = f", {reused} unchanged and reused" if reused > 0 else ""
    print(f"Built {len(on_disk)} PDFs in {folder}/ ({built.seconds:.1f} s{again}); "
          f"{len(built.warnings)} warning(s). Manifest: {folder / 'manifest.json'}")


def _stopped(root: Path, error: Exception) -> int:
    """What staff read when a command stops: the problems with their fixes (exit 2), what
    to do about the machine (exit 2), or a defect of the press (exit 1)."""
    if isinstance(error, OSError):  # a full disk, a read-only out/: the machine's, not a bug
        error = machine_refused(root, error) or error
    if isinstance(error, BuildError):
        where = {r.line: r for r in error.ruled if not r.passed and r.source}
        for line in error.report:
            print(line)
            if line in where:  # the block that printed what a funder's rule measured
                print(f"        printed by {where[line].source}, {where[line].field}")
        _report(Problems(error.problems))
        count = len([p for p in error.problems if p.severity == "error"])
        if error.stage == "strict":
            print("\n--strict: every warning counts as an error.", file=sys.stderr)
        kept = ("Nothing in out/ was changed." if not error.withdrawn else
                f"out/ keeps its previous build, less the {len(error.withdrawn)} document(s) "
                "removed above.")
        print(f"\nStopped: {count} error(s) to fix (listed above). {kept}", file=sys.stderr)
        return EXIT_INPUT
    if isinstance(error, SetupError):
        print(error.format(), file=sys.stderr)
        return EXIT_INPUT
    if isinstance(error, ModuleNotFoundError):  # started outside the project's environment
        print(f"Error: this command needs the Python package {error.name!r}, which the Python "
              f"running it ({sys.executable}) does not have. Fix: {ENVIRONMENT_HINT}",
              file=sys.stderr)
        return EXIT_INPUT
    if os.environ.get("PRESS_DEBUG"):
        raise error
    print(f"Internal error: {type(error).__name__}: {error}\nThis is a bug in the press, not "
          "in your files. Nothing in out/ was changed. Run again with PRESS_DEBUG=1 for "
          "details and send them to the maintainers.", file=sys.stderr)
    return EXIT_INTERNAL


def _interrupted(root: Path, interrupted: KeyboardInterrupt) -> int:
    from press.output.publish import Interrupted

    where = "out/"
    if isinstance(interrupted, Interrupted):
        where = interrupted.target.relative_to(root).as_posix() + "/"
    if isinstance(interrupted, Interrupted) and interrupted.published:
        print(f"\nStopped after publishing: {where} holds this new build, whole.",
              file=sys.stderr)
    else:
        print(f"\nStopped before publishing: {where} still holds the previous build, whole.",
              file=sys.stderr)
    return EXIT_INTERRUPTED


def _print(root: Path, args: argparse.Namespace) -> int:
    """A training's print run; what it wrote and the order, in a few lines."""
    from press import api
    from press.core.target import Target

    edition = next(iter(api.editions(root, [args.edition] if args.edition else None)))
    run = api.print_run(root, args.training, Target(edition=edition, date=args.date,
                                                   strict=args.strict),
                        waiting=lambda message: print(message, file=sys.stderr, flush=True))
    _report(Problems(run.problems), sys.stdout)
    printed = {file.file: file for file in run.order.files}
    for output in run.files:
        path = (run.folder / output.rel).relative_to(root)
        file = printed.get(output.rel)
        sheets = "" if file is None else (
            f" ({_count(output.pages // 2, 'sheet')}, printed on both sides)" if file.both_sides
            else f" ({_count(output.pages, 'sheet')})")
        print(f"  {path}  {_count(output.pages, 'page')}{sheets}, "
              f"{len(output.data) / 1024:.0f} KB")
    for file in run.order.files:
        copies = ", ".join(f"{line.document} {line.copies}" for line in file.lines)
        print(f"  {file.file}: {copies}; {_count(file.sheets, 'sheet')} ({file.paper})")
    print(f"Print run written to {run.folder.relative_to(root)}/ with its order "
          f"({Path(run.files[-1].rel).stem}.pdf and .txt).")
    return EXIT_OK


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def _translate(root: Path, args: argparse.Namespace) -> int:
    """Mark each translated field of the edition as current; say what is left to do."""
    from press import api

    done = api.translate(root, args.edition)
    for rel, marked in done.marked.items():
        for field in marked:
            print(f"{rel}: marked `{field}` as of the English now")
    if done.missing:
        print("Fields not yet translated, by the file their translation goes in (the path to "
              "write, then the English):")
        for rel, fields in done.missing.items():
            print(f"{rel} ({len(fields)}):")
            for path, english in fields.items():
                print(f"  {path}: {shown(' '.join(english.split()), 72)}")
    _report(Problems(done.problems), sys.stdout)
    print(f"{len(done.problems)} thing(s) left to do in the {args.edition} edition.")
    return EXIT_OK


def _handouts(audiences: list[str]) -> str:
    return ", ".join(audiences) if len(audiences) <= 3 else f"{len(audiences)} handouts"


def left_out_table(reports: Sequence[PlaceReport]) -> list[str]:
    """One table of what each place's build left out: handouts not built, statistics left
    out, charts left out or swapped (with how many handouts each), then why, once each."""
    from press.core.numbers import place as in_sentence

    rows: list[tuple[str, str, str, str, str]] = []
    reasons: dict[tuple[str, str], list[str]] = {}  # (item, why, the place said generally) -> places
    for report in reports:
        counts: dict[tuple[str, str, str], list[str]] = {}  # what was left -> the handouts
        for file, items in report.left_out.items():
            audience = file.split("/", 1)[-1]  # the handout's key: chapter/audience
            for item in items:
                named = f"{item.id} -> {item.instead}" if item.instead else item.id
                counts.setdefault((item.what, named, item.why), []).append(audience)
                why = item.why.replace(in_sentence(report.place), "the place")
                places = reasons.setdefault((item.id, why.replace(report.place, "the place")), [])
                if report.place not in places:
                    places.append(report.place)

        def listed(what: str, counts: dict[tuple[str, str, str], list[str]] = counts) -> str:
            found = [named if what == "handout" else f"{named} ({_handouts(where)})"
                     for (kind, named, _), where in sorted(counts.items()) if kind == what]
            return ", ".join(found) or "-"

        built = "failed" if report.failed else str(report.handouts)
        rows.append((report.place, built, listed("handout"), listed("statistic"), listed("chart")))
    if not any(row[2:] != ("-", "-", "-") for row in rows):
        return []
    head = ("Place", "Handouts", "Not built", "Statistics left out (of which handouts)",
            "Charts left out or swapped (in which handouts)")
    widths = [max(len(row[i]) for row in [head, *rows]) for i in range(5)]
    lines = ["", "What each place's handouts left out:"]
    for row in [head, *rows]:
        cells = (cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        lines.append("  " + "  ".join(cells).rstrip())
    lines.append("Why:")
    for (name, why), places in sorted(reasons.items()):
        where = "" if len(places) == len(reports) else f" ({', '.join(places)})"
        lines.append(f"  {name}{where}: {why}")
    return lines


def _many_places(root: Path, args: argparse.Namespace, target: Target) -> int:
    """Handouts for many places, with a progress bar (plain lines when not a terminal)."""
    from press.layout.warm import place_maker
    from press.layout.workers import Workers

    pool = Workers(place_maker, 1)  # forked before the progress bar starts its thread
    try:
        return _places_with(root, args, target, pool)
    finally:
        pool.kill()


def _places_with(root: Path, args: argparse.Namespace, target: Target, pool: Workers
                 ) -> int:
    from press.core.names import named_by_hash
    from press.make.build import build_places

    started = time.perf_counter()
    lines = not sys.stdout.isatty()
    bar: Progress | None = None
    if not lines:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

        terminal = getattr(sys.stdout, "raw", sys.stdout)  # the bar's own controls pass
        bar = Progress("[progress.description]{task.description}", BarColumn(),
                       MofNCompleteColumn(), TimeElapsedColumn(), console=Console(file=terminal))
        bar.start()
        task = bar.add_task("places", total=None)

    made: list[PlaceReport] = []

    def progress(report: PlaceReport, done: int, total: int) -> None:
        made.append(report)
        state = ("failed, nothing published" if report.failed else
                 f"{report.handouts} handouts -> {report.folder.relative_to(root)}/")
        if bar is None:
            print(f"[{done}/{total}] {report.place}: {state}", flush=True)
        else:
            bar.update(task, total=total, completed=done, description=visible(report.place))

    try:
        reports = build_places(root, target, waiting=lambda message: print(message, file=sys.stderr),
                               progress=progress, pool=pool)
    except KeyboardInterrupt:
        if bar is not None:
            bar.stop()
        published = [r.place for r in made if not r.failed]
        print(f"\nStopped after publishing {len(published)} place(s), each folder whole"
              + (f" ({', '.join(published)})" if published else "") + "; the others were not "
              "made, and out/ holds their previous builds.", file=sys.stderr)
        return EXIT_INTERRUPTED
    finally:
        if bar is not None:
            bar.stop()
    seconds = time.perf_counter() - started
    failed = [r for r in reports if r.failed]
    order = {place: number for number, place in enumerate(
        () if target.every_place else target.places)}
    reports = sorted(reports, key=lambda r: (order.get(r.place, len(order)), r.place))
    _each_place(reports)
    for line in left_out_table(reports):
        print(line)
    for report in reports:
        if named_by_hash(report.place) and not report.failed:
            print(f'The place "{report.place}" has no letter or digit to name its folder: its '
                  f"handouts are in {report.folder.relative_to(root)}/ (named from a short hash "
                  "of the place's name, the same at every build).")
    handouts = sum(r.handouts for r in reports)
    done = len(reports) - len(failed)
    places = f"{done} place{'s' if done != 1 else ''}"
    print(f"Built {handouts} handouts for {places} in {seconds:.1f} s "
          f"({handouts / seconds:.1f} handouts a second)"
          + (f"; {len(failed)} place(s) failed: {', '.join(r.place for r in failed)}"
             if failed else "") + f"; {warning_counts(reports)}.")
    return EXIT_INPUT if failed else EXIT_OK


def _each_place(reports: Sequence[PlaceReport]) -> None:
    """What the build had to say, as a build of one place says it: what the sources say
    once (the same for every place), then each place's own, under its name; a place that
    failed on stderr, as a failed build."""
    if not reports:
        return
    shared = Problems(list(reports[0].shared))
    if shared.items:
        print(f"The sources, the same for every place ({_counted(shared)}):")
        _report(shared, sys.stdout)
    for report in reports:
        own = Problems(report.own)
        if not own.items:
            continue
        stream = sys.stderr if report.failed else sys.stdout
        state = "failed, nothing published; " if report.failed else ""
        print(f"{report.place} ({state}{_counted(own)}):", file=stream)
        _report(own, stream)


def _counted(problems: Problems) -> str:
    errors, warnings = len(problems.errors), len(problems.warnings)
    said = [f"{errors} error(s)"] if errors else []
    return ", ".join([*said, f"{warnings} warning(s)"])


def warning_counts(reports: Sequence[PlaceReport]) -> str:
    """'7 warning(s): 1 in the sources, Brook County 6' (the places with warnings of their
    own, most first), as the summary line of a build of many places says it."""
    shared = len(Problems(list(reports[0].shared)).warnings) if reports else 0
    own = [(r.place, len(Problems(r.own).warnings)) for r in reports]
    total = shared + sum(n for _, n in own)
    parts = ([f"{shared} in the sources"] if shared else []) + [
        f"{place} {n}" for place, n in sorted(own, key=lambda x: -x[1]) if n]
    return f"{total} warning(s)" + (f": {', '.join(parts)}" if parts else "")


COMMANDS: dict[str, Callable[[Path, argparse.Namespace], int]] = {
    "build": _build, "check": _check, "watch": _watch, "new": _new, "schema": _schema,
    "print": _print, "translate": _translate, "studio": _studio}


if __name__ == "__main__":
    sys.exit(main())
