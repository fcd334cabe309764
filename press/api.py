"""The press's one entry point: what the command line, `watch` and the studio ask of it.

Each function takes the project folder and a `Target` (what to make: press/core/target.py)
and returns a typed result. Problems in the sources come back located: each `Problem` has
its file, line, column, the path of the field inside the file (`field`, "blocks.3.text")
and its `kind` (error, trust, consent, layout, style). `check` returns them; `build` and
`print_run` raise `BuildError` carrying them, and out/ is then as it was.

    from pathlib import Path
    from press import api
    from press.core.target import Target, all_alone, asked_places

    root = Path(".")
    report = api.check(root)                                   # nothing is made
    report.ok, [p.format() for p in report.problems]
    api.check(root, drafts={"source/quotes.yaml": text})       # an unsaved edit, checked
    built = api.build(root)                                    # every PDF into out/
    built = api.build(root, Target(places=("Massachusetts",)))  # out/massachusetts/
    built = api.build(root, Target(places=("all",)), progress=print)
    run = api.print_run(root, "ma-police-in-service")           # out/print/<training>/
    left = api.translate(root, "es-US")                         # what is left to translate

This module imports only the press's core at first: the heavy stages (pydantic models,
matplotlib, WeasyPrint) load when a function needs them, so a build that finds nothing
changed answers at once.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from press.core.manifest import Manifest
from press.core.problems import BuildError, Problem, Ruled
from press.core.target import MAIN as MAIN  # the main build: every chapter, out/
from press.core.target import Target, all_alone, asked_places

if TYPE_CHECKING:
    from press.core.manifest import Manifest, Output, OutputRecord, PageLayout
    from press.layout.workers import Workers
    from press.make.build import PlaceReport
    from press.make.printrun import PrintRun
    from press.source.load import Project


@dataclass(frozen=True)
class Report:
    """What a check found. `ok`: no errors (warnings may remain); `grades`: each handout's
    reading grade (an edition's reading ease); `pages`: what the last build measured of the
    pages this check would make the same."""

    problems: list[Problem]
    grades: dict[str, float] = field(default_factory=dict)
    pages: dict[str, list[PageLayout]] = field(default_factory=dict)
    project: Project | None = None  # None where the sources could not be read
    stopped: str = ""  # where errors stopped it: load, check, or strict (a warning, made one)

    @property
    def ok(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


def check(root: Path, target: Target = MAIN, drafts: Mapping[str, str] | None = None
          ) -> Report:
    """The sources checked as `target` would build them, nothing drawn, laid out or written;
    `drafts` (a file's path under the project, "source/quotes.yaml" -> its unsaved text) are
    checked in place of those files. Under `target.strict` every warning is an error."""
    from press.make.check import run_check

    try:
        checked = run_check(root.resolve(), target, drafts)
    except BuildError as error:
        return Report(error.problems, stopped=error.stage)
    return Report(checked.problems.items, checked.grades, checked.pages, checked.project)


@dataclass(frozen=True)
class Built:
    """What a build made: its folder, a record of each document in it, what it had to say,
    and whether out/ already held exactly this build (`unchanged`: nothing was read but the
    files' digests, and nothing was written). A build of several places has a report per
    place in `places`."""

    target: Target
    folder: Path
    documents: list[OutputRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    unchanged: bool = False
    outputs: list[Output] = field(default_factory=list)  # what was made, bytes and all
    rendered: list[str] = field(default_factory=list)  # the documents typeset this time
    pending: list[str] = field(default_factory=list)  # packets left to join (packets="later")
    checklist: list[str] = field(default_factory=list)  # a funder's rules, each PASS or FAIL
    ruled: list[Ruled] = field(default_factory=list)  # its lines, each with where to change it
    places: list[PlaceReport] = field(default_factory=list)
    seconds: float = 0.0
    grades: dict[str, float] = field(default_factory=dict)
    project: Project | None = None  # as the build read it (None when nothing was read)

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


Progress = Callable[[str, int, int], None]  # what was just done, how many done, of how many


def unchanged(root: Path, target: Target = MAIN) -> Manifest | None:
    """What out/ already holds for `target`, when it was made from exactly these inputs
    (nothing read but the files' digests); None when a build would change something."""
    if (target.places and target.place is None) or target.funder or target.grayscale:
        return None
    from press.core.inputs import unchanged as held

    root = root.resolve()
    return held(target.folder(root), target.key(root))


def build(root: Path, target: Target = MAIN, *, waiting: Callable[[str], None] | None = None,
          progress: Progress | None = None, pool: Workers | None = None,
          packets: str = "now") -> Built:
    """Check, then make `target`'s documents and publish them (what did not change is
    reused); raises BuildError, out/ as it was. When out/ already holds exactly this build,
    says so at once (`unchanged`), having read nothing but the files' digests. One build at
    a time per project: `waiting` hears when this one waits for another. `progress` hears
    each place as it is done, or each document typeset (of those this build typesets; the
    folder once, when none is). `pool`: typesetting workers to use (by default the build
    forks its own before it reads a file, so they warm while it checks). With
    packets="later" a packet whose parts changed is joined by the next build."""
    root = root.resolve()
    target = replace(target, places=asked_places(target.places))
    if target.places and target.place is None:
        return _places(root, target, waiting, progress, pool)
    held = _held(root, target)
    if held is not None:
        return held
    from press.layout.warm import typesetter
    from press.layout.workers import Workers

    own = pool or Workers(typesetter, 1)
    try:
        from press.core.manifest import record_of
        from press.make.build import build as build_one

        result = build_one(root, target, waiting=waiting, packets=packets, warm=own,
                           progress=progress)
    finally:
        if pool is None:
            own.kill()
    assert result.out is not None
    if progress and not result.rendered:  # nothing typeset: the folder, done at once
        progress(result.out.name, 1, 1)
    return Built(target, result.out, [record_of(o) for o in result.outputs],
                 result.problems.items, result.unchanged, result.outputs, result.rendered,
                 result.pending, result.checklist, result.ruled, seconds=result.seconds,
                 grades=result.grades,
                 project=result.project)


def editions(root: Path, asked: Sequence[str] | None) -> list[str]:
    """The editions a build asked for makes: "" for the sources' own language (out/), each
    other by its tag (out/es-US/); "all" for every edition source/settings.yaml lists. Raises
    BuildError for "all" beside others. Settings that do not read are said by the build
    itself: here they mean the sources' own language alone."""
    if not asked:
        return [""]
    wanted = all_alone(asked, "edition", "edition", "every edition settings.yaml lists")
    from press.source.load import read_settings

    settings = read_settings(root)
    own = settings.language if settings else "en-US"
    every = (settings.editions if settings else []) or [own]
    return list(dict.fromkeys("" if e == own else e for e in (every if wanted == ("all",)
                                                              else wanted)))


def _held(root: Path, target: Target) -> Built | None:
    """The build out/ already holds, when it is this very one: what it said then, and what
    is out of date in the folders beside it (said afresh: it is theirs, not this build's)."""
    manifest = unchanged(root, target)
    if manifest is None:
        return None
    from press.core.inputs import out_of_date

    folder = target.folder(root)
    elsewhere = [] if target.place or target.edition else out_of_date(root, folder)
    if target.strict and (manifest.warnings or elsewhere):
        return None  # the build it would report stops under --strict: let it say so in full
    return Built(target, folder, manifest.outputs, [*manifest.warnings, *elsewhere],
                 unchanged=True)


def _places(root: Path, target: Target, waiting: Callable[[str], None] | None,
            progress: Progress | None, pool: Workers | None) -> Built:
    from press.make.build import build_places

    def heard(report: PlaceReport, done: int, total: int) -> None:
        if progress:
            progress(report.place, done, total)

    started = time.perf_counter()
    reports = build_places(root, target, waiting=waiting, progress=heard, pool=pool)
    problems = [p for report in reports for p in report.problems]
    return Built(target, target.folder(root), problems=problems, places=reports,
                 seconds=time.perf_counter() - started)


def print_run(root: Path, training: str, target: Target = MAIN,
              waiting: Callable[[str], None] | None = None) -> PrintRun:
    """A training's print run (source/trainings/<training>.yaml) into out/print/<training>/
    (out/<edition>/print/<training>/ for an edition): the imposed sheets, the booklet and
    the order; raises BuildError, out/ as it was."""
    from press.make.printrun import print_training

    return print_training(root.resolve(), training, target.today, waiting, target.strict,
                          target.edition)


@dataclass(frozen=True)
class Translated:
    """What `translate` did: the fields it marked as of the English now (file -> fields),
    the fields not yet translated (the translation's file -> field path -> the English), and
    what is left to do in the edition."""

    marked: dict[str, list[str]]
    missing: dict[str, dict[str, str]]
    problems: list[Problem]


def translate(root: Path, edition: str) -> Translated:
    """Mark each translated field of `edition` as of the English now (`of:` where an entry
    has none), then say what is missing or stale. Raises BuildError for an edition that
    settings.yaml does not list."""
    from press.source import editions
    from press.source.load import load_edition, load_project

    root = root.resolve()
    project, _ = load_project(root)
    if edition not in (project.settings.editions or []):
        load_edition(root, edition)  # stops, saying which editions there are
    marked: dict[str, list[str]] = {}
    missing: dict[str, dict[str, str]] = {}
    for key, doc in project.docs.items():
        kind = key if key in ("brand", "quotes", "stats", "charts") else key.split("/", 1)[0]
        if kind not in editions.TRANSLATABLE:
            continue
        rel = editions.translation_path(doc.path, edition).relative_to(root).as_posix()
        fields = editions.mark_current(doc, kind, edition, project.root)
        if fields:
            marked[rel] = list(fields)
        left = editions.translate_file(doc, kind, edition, project.root).missing
        if left:
            missing[rel] = dict(left)
    _, problems = load_edition(root, edition)
    left_to_do = [p for p in problems.items if edition in p.message or f".{edition}." in p.file]
    return Translated(marked, missing, left_to_do)


FIRST_AUDIENCE = "Community partners"  # a new chapter's first handout's, unless named


def new_handout(root: Path, audience: str, chapter: str | None = None) -> list[Path]:
    """A new handout for `audience` that builds as it is; returns the files written."""
    from press.make.scaffold import new_handout as scaffold
    from press.source.load import load_project

    project, _ = load_project(root.resolve())
    return [scaffold(project, audience, chapter)]


def new_chapter(root: Path, name: str, audience: str = FIRST_AUDIENCE) -> list[Path]:
    """A new chapter (its brief and a first handout for `audience`) that builds as it is."""
    from press.make.scaffold import new_chapter as scaffold
    from press.source.load import load_project

    project, _ = load_project(root.resolve())
    return scaffold(project, name, audience)


@dataclass(frozen=True)
class Document:
    """A document staff edit, as they name it: the chapter's brief or one audience's
    handout, with the file its words are in and the PDF it becomes (under a build's
    folder)."""

    key: str  # "law-enforcement" (a brief), "law-enforcement/judges" (a handout)
    kind: str  # brief or handout
    chapter: str
    name: str  # "Brief", "Judges": what the studio calls it
    source: str  # its file, from the project's folder: source/handouts/<chapter>/<audience>.yaml
    file: str  # its PDF in a build's folder: handouts/<chapter>-<audience>.pdf
    chapter_name: str = ""  # as its brief writes it ("PUBLIC HEALTH & HOSPITALS")

    @property
    def chapter_title(self) -> str:
        """"Law Enforcement", "Public Health & Hospitals": its brief's chapter name (the
        folder's name where the brief does not say one)."""
        import string

        return string.capwords(self.chapter_name or self.chapter.replace("-", " "))

    @property
    def title(self) -> str:
        """"Law Enforcement brief", "Public Health & Hospitals brief", "Judges handout"."""
        return f"{self.chapter_title} brief" if self.kind == "brief" else f"{self.name} handout"


def documents(root: Path) -> list[Document]:
    """Every chapter's brief and handouts, chapter by chapter, read from source/ as it is
    (a file that does not read is still listed, named by its file)."""
    from press.core.names import brief_file, handout_file
    from press.source.editions import is_translation
    from press.source.yamlsource import read_plain

    source = root / "source"
    found: list[Document] = []
    for brief in sorted((source / "briefs").glob("*.yaml")):
        if is_translation(brief):
            continue
        chapter = brief.stem
        written = read_plain(root, brief)
        named = written.get("chapter") if isinstance(written, dict) else None
        found.append(Document(chapter, "brief", chapter, "Brief",
                              brief.relative_to(root).as_posix(), brief_file(chapter),
                              named.strip() if isinstance(named, str) else ""))
        for handout in sorted((source / "handouts" / chapter).glob("*.yaml")):
            if is_translation(handout):
                continue
            key = f"{chapter}/{handout.stem}"
            found.append(Document(key, "handout", chapter, _audience(root, handout),
                                  handout.relative_to(root).as_posix(), handout_file(key)))
    return found


def _audience(root: Path, path: Path) -> str:
    """A handout's audience as it names it, or its file's name where it cannot be read."""
    from press.source.yamlsource import read_plain

    data = read_plain(root, path)
    audience = data.get("audience") if isinstance(data, dict) else None
    return audience if isinstance(audience, str) and audience.strip() else \
        path.stem.replace("-", " ").capitalize()


def built(root: Path, target: Target = MAIN) -> Manifest | None:
    """The manifest of what out/ holds for `target` (None before its first build)."""
    from press.core.manifest import read_manifest

    return read_manifest(target.folder(root.resolve()))


def page_image(root: Path, file: str, page: int, width: int, target: Target = MAIN
               ) -> bytes | None:
    """Page `page` (from 0) of the document `file` that out/ holds for `target`, as a PNG
    `width` pixels wide; None where there is no such document or page. Kept in
    .press-cache/pages-2/ by the document's digest, so a page is drawn once."""
    from press.core import files
    from press.pdf.pictures import page_picture

    root = root.resolve()
    manifest = built(root, target)
    record = manifest.record(file) if manifest else None
    if record is None or not 0 <= page < record.pages:
        return None
    # pages-2: images drawn since PDFium is used one thread at a time (press/pdf/engine.py);
    # those kept before may be garbled, so they are not read
    kept = root / ".press-cache" / "pages-2" / f"{record.sha256[:24]}-{page}-{width}.png"
    if kept.is_file():
        return kept.read_bytes()
    try:
        pdf = files.read_bytes(root, target.folder(root) / file)
    except files.Refused:
        return None
    picture = page_picture(pdf, page, width)
    files.write_file(kept, picture)
    return picture


def ordered(problems: Sequence[Problem]) -> list[Problem]:
    """Problems as staff fix them: errors, then trust and consent, then layout, then style,
    each group by file and line."""
    from press.core.problems import KIND_ORDER

    return sorted(problems, key=lambda p: (KIND_ORDER.index(p.kind), p))

