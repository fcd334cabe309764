"""The whole pipeline, each stage once: load -> check -> (for a place) -> plan -> draw ->
typeset -> finish -> publish.

Every output is keyed by its inputs (plan.py): a document whose key is the same as in the
build already in out/ is reused as it is, not rendered again; a packet is joined again only
when one of its parts changed. Files are written only when every document has passed, into
a staging folder that is swapped into out/ whole; when nothing changed, nothing is written.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from pypdf import PdfReader

from press.content import outnames, wording
from press.content.check import preflight
from press.content.compose import ConsentError
from press.content.compute import StatValue, compute_stats
from press.content.consent import consent_problem
from press.content.describe import ChartFile, plan_chart
from press.content.fits import fit_warning
from press.content.palette import gray_text_problems, grayed
from press.content.place import canonical, data_places, for_place, left_out
from press.content.plan import (
    FITS_MEMO,
    DocumentPlan,
    Fitted,
    PacketPlan,
    Plan,
    created_date,
    make_plan,
)
from press.content.rule_files import funder_errors, funder_files, shaped_files, unused
from press.core import clock, memo, points
from press.core.files import write_file
from press.core.inputs import nested_targets, out_of_date, sources_digest
from press.core.manifest import (
    ChartRecord,
    Facts,
    LeftOut,
    Manifest,
    Output,
    OutputRecord,
    read_manifest,
    record_of,
    write_manifest,
)
from press.core.names import (
    EDITION_TAG,
    chart_path,
    funder_safe,
    is_packet,
    out_dir,
    proof_paths,
    thumbnail_path,
)
from press.core.problems import BuildError, Problem, Problems, Ruled
from press.core.sizes import OWN
from press.core.target import EVERY_PLACE, MAIN, PROFILES, Target
from press.layout.draw import draw
from press.layout.render import font_files
from press.layout.typeset import Job, Typeset, typeset_all
from press.layout.warm import place_maker, typesetter
from press.layout.workers import Workers
from press.output.preview import write_index, write_thumbnails
from press.output.publish import (
    Interrupted,
    locked,
    publish,
    remove_target,
    staging,
    withdraw,
    write_outputs,
)
from press.pdf import funder_rules
from press.pdf.packet import ReadAhead, join
from press.pdf.pictures import gray_proofs
from press.source.load import Project, load_edition, load_project
from press.source.schema import Funder


@dataclass
class Result:
    project: Project
    problems: Problems
    outputs: list[Output] = field(default_factory=list)
    seconds: float = 0.0
    grades: dict[str, float] = field(default_factory=dict)
    out: Path | None = None
    rendered: list[str] = field(default_factory=list)  # the files typeset this time
    unchanged: bool = False  # nothing changed: out/ already held this build
    pending: list[str] = field(default_factory=list)  # packets left to join (packets="later")
    checklist: list[str] = field(default_factory=list)  # a funder's rules, each PASS or FAIL
    ruled: list[Ruled] = field(default_factory=list)  # the checklist's lines, with where


def build(root: Path, target: Target = MAIN, *,
          waiting: Callable[[str], None] | None = None, workers: int | None = None,
          packets: str = "now", warm: Workers | None = None,
          progress: Callable[[str, int, int], None] | None = None) -> Result:
    """Check, plan, draw, typeset, then publish what changed of `target` (the main build, one
    place, an edition, a funder's; press/core/target.py); raises BuildError.

    One build at a time per project: `waiting(message)` hears when this one waits for
    another. Ctrl-C raises publish.Interrupted, which says whether out/ changed. `workers`
    is how many processes typeset at once (default: one per core). With packets="later" a
    packet whose parts changed is left out of this build (Result.pending names it), so the
    changed documents are published sooner; the next build joins it. `warm` are workers
    the caller forked before importing the press, already loading WeasyPrint: they typeset.
    `progress(file, done, total)` hears each document typeset, of those this build typesets.
    A target's edition (es-US) is built in that language into out/<edition>/. Its funder
    names source/funders/<funder>.yaml: its rules are measured on the PDFs before they are
    published, and a rule that fails stops the build. `grayscale` adds a gray proof of
    every page (proof/) and requires every text color pair to reach 4.5:1 in gray.
    """
    root = root.resolve()
    pool = warm or Workers(typesetter, 0, most=workers)  # forked when there is work
    with locked(root, waiting or (lambda message: None)):
        try:
            return _build(root, target, workers, packets == "later", pool, progress)
        except Interrupted:
            raise
        except KeyboardInterrupt:
            raise Interrupted(target.folder(root), False) from None
        finally:
            if warm is None:
                pool.kill()


def _build(root: Path, target: Target, workers: int | None, defer: bool, warm: Workers,
           progress: Callable[[str, int, int], None] | None = None) -> Result:
    started = time.perf_counter()
    inputs = target.key(root)
    project, problems, stats, withdrawn = _checked(root, target)
    problems.extend(unused(project, funder=target.funder or None))
    place = canonical(project, target.place) if target.place else None
    if place:
        _place_folder(project, replace(target, places=(place,)), problems, withdrawn)
    # what this build finds of other folders: said, never kept in this folder's manifest
    main = out_dir(root, target.profile)
    elsewhere = [*_gone(project, main), *out_of_date(root, main)
                 ] if place is None and not target.edition else []
    rules = _funder(project, target.funder, problems, withdrawn) if target.funder else None
    if target.grayscale:
        gray_text_problems(project, problems)
        if problems.errors:
            raise BuildError("check", problems.items, withdrawn)
    points.reached("checked")
    made = _made(project, problems, stats, target, place, workers, defer, withdrawn, warm, rules,
                 progress)
    points.reached("typeset")
    report, ruled = _checklist(project, rules, made, problems, withdrawn) if rules else ([], [])
    problems.extend(elsewhere)
    # every stage's warnings, counted at the end
    problems.raise_if_strict(target.strict, withdrawn, report, ruled)
    unchanged = _published(made, "" if made.pending else inputs)
    return Result(made.project, problems, made.outputs, time.perf_counter() - started,
                  made.manifest.reading_grades or made.manifest.reading_ease, made.out,
                  made.rendered, unchanged, made.pending, report, ruled)


def _place_folder(project: Project, target: Target, problems: Problems, withdrawn: list[str]
                  ) -> None:
    """A note when the place's folder is named by a hash of its name; raises BuildError
    when another place of the data would share its folder, or its name cannot print."""
    assert target.place is not None
    problems.extend(outnames.place_problems(project, [target.place]))
    if problems.errors:
        raise BuildError("jurisdiction", problems.items, withdrawn)
    folder = replace(target, funder="").folder(project.root).relative_to(project.root)
    problems.extend(outnames.hashed(project, target.place, folder.as_posix()))


def _gone(project: Project, out: Path) -> list[Problem]:
    """Take out the folders of editions settings.yaml no longer lists, the place folders of
    places the data no longer has, and the print runs of trainings and grant folders of
    funders that are no longer there (their figures could be printed as current)."""
    found: list[Problem] = []
    listed = project.settings.editions or []
    for folder in sorted(out.glob("*")) if out.is_dir() else []:
        if folder.is_dir() and EDITION_TAG.fullmatch(folder.name) and folder.name not in listed:
            remove_target(project.root, folder)
            found.append(Problem(
                f"{folder.relative_to(project.root).as_posix()}/", 0, 0, "removed this folder, "
                "so its documents are not printed as current: settings.yaml no longer lists "
                f"the edition {folder.name}", f"add {folder.name} under editions: in "
                f"settings.yaml again and build --edition {folder.name}", "warning"))
    known = data_places(project)
    for folder in nested_targets(out):
        manifest = read_manifest(folder)
        if manifest is None:
            continue
        place, training = manifest.jurisdiction, manifest.training
        if training is None and place and place not in known:
            why, fix = (f'the data no longer has "{place}"', f"add the place's rows again and "
                        f'run build --jurisdiction "{place}"')
        elif training and training not in project.trainings and not any(
                rel.startswith(f"source/trainings/{training}.") for rel in project.rule_problems):
            why, fix = (f'there is no training "{training}" any more',
                        f"write source/trainings/{training}.yaml again and print it")
        elif manifest.funder and manifest.funder not in project.funders and not any(
                rel.startswith(f"source/funders/{manifest.funder}.")
                for rel in project.rule_problems):
            why, fix = (f'there is no funder "{manifest.funder}" any more',
                        f"write source/funders/{manifest.funder}.yaml again and build "
                        f"--funder {manifest.funder}")
        else:
            continue
        remove_target(project.root, folder)
        found.append(Problem(f"{folder.relative_to(project.root).as_posix()}/", 0, 0,
                             "removed this folder, so its documents are not printed as "
                             f"current: {why}", fix, "warning"))
    return found


def _funder(project: Project, name: str, problems: Problems, withdrawn: list[str]
            ) -> tuple[str, Funder]:
    problems.extend(funder_errors(project, name))
    if problems.errors:
        raise BuildError("check", problems.items, withdrawn)
    return name, project.funders[name]


def _checklist(project: Project, rules: tuple[str, Funder], made: Made, problems: Problems,
               withdrawn: list[str]) -> tuple[list[str], list[Ruled]]:
    """The funder's rules measured on the made PDFs: the checklist as printed, and its
    lines with where to change each; raises BuildError (nothing published) when one fails,
    the whole checklist in its report."""
    name, funder = rules
    files = funder_files(project, funder)  # only the PDFs the rules are for
    measured = {o.rel: funder_rules.measure(o.data, funder.rules.figures_exempt) for o in made.outputs
                if o.rel in files}
    verdicts = funder_rules.verdicts(funder, made.outputs, measured)
    passed = sum(v.passed for v in verdicts)
    chapter = f", the {funder.chapter} chapter's PDFs" if funder.chapter else ""
    report = [f"Funder checklist: {funder.name} (source/funders/{name}.yaml, from "
              f"{funder.guide}{chapter})",
              *(v.line() for v in verdicts),
              f"  {passed} of {len(verdicts)} rules pass."]
    ruled = [v.ruled() for v in verdicts]
    failed = funder_rules.failures(verdicts, project.doc("funder", name))
    if failed:
        raise BuildError("funder", [*problems.items, *failed], withdrawn, report, ruled)
    return report, ruled


def make_unpublished(root: Path, target: Target, gray: bool = False,
                     pool: Workers | None = None) -> tuple[Made, Problems]:
    """Check and make one target in memory, published nowhere (a print run imposes its
    pages), in the printer's gray where `gray`, of the target's chapter where it names one
    (the place's rules apply to its handouts alone); raises BuildError. The caller holds the
    build lock."""
    project, problems, stats, withdrawn = _checked(root, target)
    project = project.only(target.chapter) if target.chapter else project
    project = grayed(project) if gray else project
    place = canonical(project, target.place) if target.place else None
    return _made(project, problems, stats, target, place, None, False, withdrawn,
                 pool), problems


def _checked(root: Path, target: Target
             ) -> tuple[Project, Problems, dict[str, StatValue], list[str]]:
    """Load and check the project (withdrawing what consent no longer covers), in the
    target's edition's language where it names one; raises."""
    edition = target.edition
    project, problems = load_edition(root, edition) if edition else load_project(root)
    problems, stats = preflight(project, target.profile, target.today, initial=problems)
    withdrawn = _withdraw(project, problems)
    if problems.errors:
        raise BuildError("check", problems.items, withdrawn)
    return project, problems, stats, withdrawn


@dataclass
class Made:
    """One build target made in memory: its outputs and manifest, ready to publish."""

    project: Project
    out: Path
    outputs: list[Output]
    rendered: list[str]
    pending: list[str]
    charts: list[ChartFile]
    manifest: Manifest


def _made(project: Project, problems: Problems, stats: dict[str, StatValue], target: Target,
          place: str | None, workers: int | None, defer: bool,
          withdrawn: Sequence[str] = (), warm: Workers | None = None,
          funder: tuple[str, Funder] | None = None,
          progress: Callable[[str, int, int], None] | None = None) -> Made:
    """Plan, draw and typeset one target (out/, or `place`'s folder, the place as the data
    names it; a funder's folder, laid out to its rules, where there is one); raises
    BuildError."""
    profile, today = target.profile, target.today
    left: dict[str, list[LeftOut]] = {}
    if place:
        project, stats, left = _localized(project, place, problems)
    created = created_date(project)
    try:
        plan = make_plan(project, stats, profile, today, created, place,
                         funder_rules.layout_rules(*funder, shaped_files(project, funder[1]))
                         if funder else None)
    except ConsentError as error:
        raise BuildError("plan", [*problems.items, Problem(
            "source/quotes.yaml", 0, 0, str(error), "renew the consent, or choose another "
            "quote")], withdrawn) from None
    for chart in plan.charts:
        draw(chart)
    out = replace(target, places=(place,) if place else ()).folder(project.root)
    previous = _reusable(out)
    changed = {p.file for p in plan.packets if _key(previous, p.file) != p.key}  # to join again
    ahead = ReadAhead() if changed and not defer else None  # parts parsed only for a join
    outputs, rendered, failures = _documents(plan, previous, problems, today, warm,
                                             ahead, progress)
    parsed = ahead.done() if ahead else {}
    ready = [packet for packet in plan.packets
             if all(part in {o.rel for o in outputs} for part in packet.parts)]
    pending = [p.file for p in ready if defer and p.file in changed]
    outputs += [_packet(plan, packet, outputs, previous, parsed) for packet in ready
                if packet.file not in pending]
    if target.settings.portal_names:
        failures += [Problem(o.rel, 0, 0, f'the file name "{Path(o.rel).name}" is not '
                             "funder-safe (at most 50 letters, digits, hyphens, underscores, "
                             "periods)", "shorten the chapter or audience file name")
                     for o in outputs if not funder_safe(Path(o.rel).name)]
    failures += [Problem(rel, 0, 0, "two documents would be written to this one file, so one "
                         "would overwrite the other", "rename one of their source files")
                 for rel, count in Counter(o.rel for o in outputs).items() if count > 1]
    if failures:
        raise BuildError("render", problems.items + failures, withdrawn)
    charts = _all_charts(plan)
    reading = wording.reading_grades(project)  # an edition's own measure (reading_ease)
    manifest = Manifest(
        title=f"{project.brand.series_title}: {project.brand.series_subtitle}",
        language=project.edition or project.settings.language, profile=profile, created=created,
        pdf_variant=target.settings.pdf_variant, jurisdiction=place, funder=funder[0] if funder else None,
        reading_grades={} if project.edition else reading,
        reading_ease=reading if project.edition else {},
        charts=[ChartRecord(id=c.id, file=chart_path(c.id), title=c.description.title,
                            alt=c.description.alt, source=c.source_line, notes=c.notes())
                for c in charts],
        warnings=problems.warnings,
        outputs=[record_of(output) for output in outputs], pending=pending,
        proofs={o.rel: proof_paths(o.rel, o.pages) for o in outputs} if target.grayscale
        else {},
        left_out=left)
    return Made(project, out, outputs, rendered, pending, charts, manifest)


def _published(made: Made, inputs: str) -> bool:
    """Publish `made` unless its folder already holds exactly it; returns True if it did."""
    manifest = made.manifest.with_fingerprint(inputs, sources_digest(made.project.root, rules=False))
    if _same_build(read_manifest(made.out), manifest, made.out):
        return True
    staged = staging(made.project.root)
    _stage(staged, made.out, made.project, made.outputs, made.charts, made.rendered, manifest)
    points.reached("staged")
    publish(staged, made.out)
    try:
        points.reached("published")
    except KeyboardInterrupt:
        raise Interrupted(made.out, True) from None
    return False


def _withdraw(project: Project, problems: Problems) -> list[str]:
    """Take out of out/ every document whose quote's consent no longer covers it today
    (expired, narrowed, or the quote deleted); each removal is a warning. A build for
    another day (--date) withdraws nothing that today's consent still covers. Returns the
    files removed."""
    def refuses(quote_id: str, profile: str) -> str | None:
        quote = project.quotes.get(quote_id)
        if quote is None:
            return "the quote is no longer in source/quotes.yaml"
        return consent_problem(quote, PROFILES[profile].consent_use, clock.today())

    removed = withdraw(project.root, refuses)
    for rel, reason in removed:
        deleted = "no longer in" in reason
        problems.add(Problem(rel, 0, 0, f"removed this document from out/: {reason}",
                             "restore the quote, or choose another quote in the files that used "
                             "it, then rebuild" if deleted else "rebuild once the consent is "
                             "renewed, or choose another quote",
                             "warning"))
    return [rel for rel, _ in removed]


def _localized(project: Project, place: str, problems: Problems
               ) -> tuple[Project, dict[str, StatValue], dict[str, list[LeftOut]]]:
    """The project and its statistics for one place, and what cannot be said there (left out,
    by the handout it left)."""
    localized, left, found = for_place(project, place)
    problems.extend(found)
    problems.raise_if_errors("jurisdiction")
    stats, found = compute_stats(localized)
    problems.extend(found)
    problems.raise_if_errors("jurisdiction")
    return localized, stats, left_out(project, localized, left)


Reusable = dict[str, tuple[OutputRecord, bytes]]


def _reusable(out: Path) -> Reusable:
    """The outputs of the build in `out` that are whole on disk: file -> (record, bytes)."""
    manifest = read_manifest(out)
    found: Reusable = {}
    for record in manifest.outputs if manifest else []:
        try:
            data = (out / record.file).read_bytes()
        except OSError:
            continue
        if record.facts.key and hashlib.sha256(data).hexdigest() == record.sha256:
            found[record.file] = (record, data)
    return found


def _key(previous: Reusable, file: str) -> str:
    """The key of the document `file` in the build already in out/, or ''."""
    return previous[file][0].facts.key if file in previous else ""


def _documents(plan: Plan, previous: Reusable,
               problems: Problems, today: dt.date,
               warm: Workers | None = None, ahead: ReadAhead | None = None,
               progress: Callable[[str, int, int], None] | None = None
               ) -> tuple[list[Output], list[str], list[Problem]]:
    """Every planned document: reused where its key is unchanged, else typeset (at once, on
    every core). Returns the outputs in plan order, the files typeset, and the failures.
    `ahead` parses each PDF for the packet meanwhile (the ones reused first); `progress`
    hears each document typeset (its file, how many so far, of how many)."""
    todo = [d for d in plan.documents if _key(previous, d.view.file) != d.key]
    if ahead is not None:
        typeset_now = {d.view.file for d in todo}
        for document in plan.documents:
            if document.view.file not in typeset_now:
                ahead.add(previous[document.view.file][1])
    job = Job(plan.project, plan.stats, plan.profile, today, plan.place, plan.created,
              plan.rules)
    heard: list[str] = []

    def each(typeset: Typeset) -> None:
        if ahead and typeset.output:
            ahead.add(typeset.output.data)
        heard.append(typeset.file)
        if progress:
            progress(typeset.file, len(heard), len(todo))

    done = {t.file: t for t in typeset_all(job, [d.view for d in todo], warm, each)}
    _remember_fits(plan, todo, done)
    outputs: list[Output] = []
    failures: list[Problem] = []
    for document in plan.documents:
        file = document.view.file
        if file in done:
            typeset = done[file]
            problems.extend(typeset.warnings)
            failures += typeset.failures
            if typeset.output is not None:
                output = typeset.output
                outputs.append(replace(output, facts=replace(output.facts, key=document.key)))
            continue
        record, data = previous[file]
        if document.view.kind == "handout":
            level, dropped = record.facts.fit or (0, [])
            problems.extend(fit_warning(plan.project, document.view.slug, level, dropped,
                                        plan.rules.get(document.view.file, OWN)))
        problems.extend(record.facts.judged)  # what the judge saw of its pages, said again
        outputs.append(Output(file, data, document.view.title, record.pages, record.facts))
    return outputs, [d.view.file for d in todo], failures


def _remember_fits(plan: Plan, todo: list[DocumentPlan], done: dict[str, Typeset]) -> None:
    """How each handout typeset now fitted its page (or what crossed its foot), by key, so
    `check` can say so without laying anything out."""
    fits = memo.Memo(plan.project.root, FITS_MEMO, Fitted)
    for document in todo:
        typeset = done[document.view.file]
        if document.view.kind != "handout":
            continue
        if typeset.fit is not None:
            fits.put(document.key, Fitted(fit=(typeset.fit[0], list(typeset.fit[1]))))
        elif typeset.failures:
            failure = typeset.failures[0]
            fits.put(document.key, Fitted(failure=(failure.file, failure.line, failure.column,
                                                   failure.message, failure.hint)))
    fits.save(keep_old=True)


def _packet(plan: Plan, packet: PacketPlan, outputs: list[Output], previous: Reusable,
            parsed: Mapping[bytes, PdfReader] | None = None) -> Output:
    """A chapter's documents joined from their finished PDFs (nothing laid out again), or
    the packet already in out/ when none of its parts changed."""
    parts = [next(o for o in outputs if o.rel == rel) for rel in packet.parts]
    if _key(previous, packet.file) == packet.key:
        kept, data = previous[packet.file]
        return Output(packet.file, data, packet.title, kept.pages, kept.facts)
    datasets = list(dict.fromkeys(d for part in parts for d in part.facts.datasets))
    attachments = list(dict.fromkeys(a for part in parts for a in part.facts.attachments))
    quotes = list(dict.fromkeys(q for part in parts for q in part.facts.quotes))
    data = join([(part.title, part.data) for part in parts], packet.title,
                font_files(plan.project), parsed)
    facts = Facts(kind="packet", contains=list(packet.parts), quotes=quotes, key=packet.key,
                  datasets=datasets, attachments=attachments)
    return Output(packet.file, data, packet.title, sum(p.pages for p in parts), facts)


def _all_charts(plan: Plan) -> list[ChartFile]:
    """Every chart at brief size, used or not, for slides and the web (drawn if need be);
    for a place, the place's charts as its handouts show them."""
    if plan.place:
        return list({c.id: c for c in plan.charts}.values())
    drawn = {c.id: c for c in plan.charts if c.size == "brief"}
    return [drawn.get(chart_id) or draw(plan_chart(plan.project, spec, "brief", plan.stats))
            for chart_id, spec in plan.project.charts.items()]


def _same_build(old: Manifest | None, new: Manifest, folder: Path) -> bool:
    """Whether `folder` already holds exactly this build (every file and word the same, and
    every file it lists on disk)."""
    return old is not None and old == new and old.on_disk(folder)


def _stage(staged: Path, out: Path, project: Project, outputs: list[Output],
           charts: list[ChartFile], rendered: list[str], manifest: Manifest) -> None:
    """Charts, PDFs, previews and the manifest of one build, into the staging folder; a
    reused document's preview is taken from out/, not drawn again."""
    for chart in charts:
        write_file(staged / chart_path(chart.id), chart.path.read_bytes())
    write_outputs(staged, outputs)
    fresh = []
    for output in outputs:
        old = out / thumbnail_path(output.rel)
        if output.rel in rendered or is_packet(output.rel) or not old.is_file():
            fresh.append(output)
        else:
            write_file(staged / thumbnail_path(output.rel), old.read_bytes())
    write_thumbnails(staged, fresh)
    for output in outputs if manifest.proofs else []:
        for path, png in zip(manifest.proofs[output.rel], gray_proofs(output.data),
                             strict=True):
            write_file(staged / path, png)
    write_index(staged, project.root, manifest, out)
    write_manifest(staged, manifest)


def _on_disk(made: Made, under: str = "") -> int:
    """How many of the files `made` lists (those under `under`) are in its folder."""
    return sum(1 for rel in {o.rel for o in made.outputs}
               if rel.startswith(under) and (made.out / rel).is_file())


@dataclass(frozen=True)
class PlaceReport:
    """What a many-places build did for one place."""

    place: str
    folder: Path
    handouts: int
    problems: tuple[Problem, ...]
    failed: bool
    left_out: dict[str, list[LeftOut]] = field(default_factory=dict)  # by handout file
    shared: tuple[Problem, ...] = ()  # what the sources say, the same for every place

    @property
    def own(self) -> list[Problem]:
        """The problems of this place's build alone (under --strict its warnings are errors,
        the shared ones too: they are told apart by where they are and what they say)."""
        said = {(p.file, p.line, p.column, p.message) for p in self.shared}
        return [p for p in self.problems if (p.file, p.line, p.column, p.message) not in said]


@dataclass(frozen=True)
class _PlaceJob:
    project: Project
    problems: tuple[Problem, ...]
    stats: dict[str, StatValue]
    target: Target


def _make_place_with(job: _PlaceJob, place: str) -> tuple[str, Made | None, tuple[Problem, ...]]:
    problems = Problems(list(job.problems))
    try:
        made = _made(job.project, problems, job.stats, job.target, place, 1, False)
    except BuildError as error:
        return place, None, tuple(error.problems)
    return place, made, tuple(problems.items)


def build_places(root: Path, target: Target = EVERY_PLACE, *,
                 waiting: Callable[[str], None] | None = None, workers: int | None = None,
                 progress: Callable[[PlaceReport, int, int], None] | None = None,
                 pool: Workers | None = None) -> list[PlaceReport]:
    """Handouts for the target's places (every place the data has for ("all",)), each
    into its own folder, published as soon as it is made, on every core (the `pool`'s
    workers, or a pool of its own). A place that fails is reported and the others go on;
    raises BuildError only when the sources do."""
    root = root.resolve()
    target = replace(target, date=target.today)  # one day for every place, however long
    own = pool or Workers(place_maker, 0, most=workers)
    try:
        return _build_places(root, target, waiting, progress, own)
    finally:
        if pool is None:
            own.kill()


def _build_places(root: Path, target: Target, waiting: Callable[[str], None] | None,
                  progress: Callable[[PlaceReport, int, int], None] | None, pool: Workers
                  ) -> list[PlaceReport]:
    with locked(root, waiting or (lambda message: None)):
        project, problems, stats, _ = _checked(root, target)
        known = data_places(project)
        names = known if target.every_place else list(dict.fromkeys(
            canonical(project, p) for p in target.places))
        unknown = [name for name in names if name not in known]
        if unknown:
            _localized(project, unknown[0], problems)  # raises, naming the places there are
        problems.extend(outnames.place_problems(project, names))
        problems.raise_if_errors("jurisdiction")
        job = _PlaceJob(project, tuple(problems.items), stats, target)
        reports: list[PlaceReport] = []

        def publish_one(result: tuple[str, Made | None, tuple[Problem, ...]]) -> None:
            place, made, found = result
            if made is not None and target.strict and Problems(list(found)).warnings:
                found, made = tuple(Problems(list(found)).strictly()), None  # not published
            if made is not None:
                _published(made, target.key(root, place))
            report = PlaceReport(place, target.folder(root, place),
                                 _on_disk(made, "handouts/") if made else 0, found,
                                 made is None, made.manifest.left_out if made else {},
                                 job.problems)
            reports.append(report)
            if progress:
                progress(report, len(reports), len(names))
            if made is not None:
                points.reached("place-published")

        pool.map(_make_place_with, job, names, publish_one)  # each published as it comes
        return reports
