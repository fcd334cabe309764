"""The studio's Print runs page: a training's file (source/trainings/<name>.yaml) as a form,
the sheets and copies its print run will take counted as the form is filled in (from the
last build's page counts: `press.api.print_count`), then the run itself in a child process
(press/studio/jobs.py, in turn with every other build), and its files for the shop and the
order, each to download or all in one zip (press/studio/shopzip.py).

    printing = Printing(studio, Jobs(root, turns))
    Route("/printing", printing.page), Route("/printing/training", printing.training), ...

The form is the studio's own (press/studio/forms.py): saved through the editor's /check and
/save (one commit a save, comments kept); a new training is written by `store.create_training`.
Every problem is the press's own check of the file as the form has it, shown at its field.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from press import api
from press.core.manifest import read_manifest
from press.core.names import SLUG, slug_of
from press.core.target import Target
from press.source.schema import Training
from press.studio import forms, store
from press.studio.builds import form_value, job_number, job_view
from press.studio.jobs import PRINT_RUN, Asked, Job, Jobs
from press.studio.pages import Studio, inside
from press.studio.shopzip import shop_zip


@dataclass(frozen=True)
class Listed:
    """A training as the page lists it: its short name (its file's), title and day."""

    name: str
    title: str
    date: str


def trainings(root: Path) -> list[Listed]:
    """Every training file, as written (one that does not read is listed by its name)."""
    from press.source.yamlsource import read_plain

    found = []
    for path in sorted((root / store.TRAININGS).glob("*.yaml")):
        if store.kind_of(store.training_source(path.stem)) != "training":
            continue
        data = read_plain(root, path)
        data = data if isinstance(data, dict) else {}
        found.append(Listed(path.stem, str(data.get("title") or path.stem),
                            str(data.get("date") or "")))
    return found


def made_folder(root: Path, name: str) -> Path:
    """Where the print run of `name` is published (out/print/<name>/)."""
    return Target().folder(root) / "print" / name


@dataclass
class Printing:
    """The Print runs page of one studio, and its queue of print runs."""

    studio: Studio
    jobs: Jobs

    @property
    def root(self) -> Path:
        return self.studio.root

    # --- the list, and one training's page ---------------------------------------------

    async def page(self, request: Request) -> Response:
        listed = await run_in_threadpool(trainings, self.root)
        return self.studio.render("printing.html", request, trainings=listed)

    async def training(self, request: Request) -> Response:
        name = request.query_params.get("name", "")
        source = store.training_source(name)
        if not SLUG.match(name) or not store.editable(self.root, source) or \
                not (self.root / source).is_file():
            raise HTTPException(404)
        opened = await run_in_threadpool(store.open_entry, self.root, source, None)
        report = await run_in_threadpool(self.studio.checks.report, Target())
        if opened is None:
            unread = [p for p in report.problems if p.file == source and p.severity == "error"]
            return self.studio.render("unread.html", request, source=source,
                                      problems=self.studio.shown(unread, self.studio.documents()))
        form = forms.build_form(self.root, opened, report.project)
        mine = [p for p in report.problems if inside(p, opened)]
        messages = forms.messages(form, mine, opened.prefix, self.studio.titles())
        count = await run_in_threadpool(self.counted, opened.value)
        return self.studio.render(
            "printing_training.html", request, form=form, opened=opened, target=Target(),
            messages=messages, problems=self.studio.shown_here(mine, opened, form),
            training_name=name, title=str(opened.value.get("title") or name), count=count,
            history_link=f"/history?file={source}", jobs=[self.view(job) for job in self.mine(name)],
            last=await run_in_threadpool(self.last_run, name))

    def mine(self, name: str) -> list[Job]:
        with self.jobs.lock:
            return [job for job in reversed(self.jobs.jobs) if job.asked.training == name]

    # --- the count, before the run -------------------------------------------------------

    def counted(self, value: Any) -> dict[str, Any]:
        """What the page shows of the run before it is made, from the training's data as
        saved or as the form has it: the counts, or why they cannot be counted now."""
        try:
            training = Training.model_validate(value)
        except ValidationError:
            return {"count": None, "names": {}}
        count = api.print_count(self.root, training)
        names = {d.key.split("/", 1)[1]: d.name for d in self.studio.documents()
                 if d.kind == "handout" and d.chapter == training.chapter}
        return {"count": count, "names": names, "training": training}

    async def count(self, request: Request) -> Response:
        """The count of the form as it is (not saved): asked for as it changes."""
        posted = await request.form()
        name = form_value(posted, "_name") or form_value(posted, "_file").removeprefix(
            store.TRAININGS + "/").removesuffix(".yaml")
        opened = store.new_training(name if SLUG.match(name) else "new")
        value = forms.read_form(forms.build_form(self.root, opened, None, choices=forms.SHAPE),
                                posted, None)
        count = await run_in_threadpool(self.counted, value)
        return self.studio.render("print_count.html", request, count=count)

    # --- a new training -------------------------------------------------------------------

    async def new_form(self, request: Request) -> Response:
        from press.studio.pickers import chapters

        chapter = request.query_params.get("chapter", "")
        every = [o.value for o in chapters(self.root)]
        chapter = every[0] if not chapter and len(every) == 1 else chapter  # the only one
        report = await run_in_threadpool(self.studio.checks.report, Target())
        opened = replace(store.new_training(""), value={"chapter": chapter} if chapter else {})
        form = forms.build_form(self.root, opened, report.project)
        return self.studio.render("printing_new.html", request, form=form, opened=opened,
                                  target=Target(), messages={}, chapter=chapter, short="")

    async def new(self, request: Request) -> Response:
        """Write the new training when the press's check finds no error in it; else each
        error at its field, nothing written."""
        posted = await request.form()
        name = form_value(posted, "_name").strip() or slug_of(form_value(posted, "title"))[:50].strip("-")
        opened = store.new_training(name)
        value = forms.read_form(forms.build_form(self.root, opened, None, choices=forms.SHAPE),
                                posted, None)
        form = forms.build_form(self.root, replace(opened, value=value), None,
                                choices=forms.SHAPE)  # a box for each count, for its problems
        refused = _name_problem(self.root, name)
        if refused:
            return self.studio.render("printing_refused.html", request, words=refused,
                                      messages={}, form=form)
        draft = store.training_text(opened.source, value)
        if not isinstance(draft, str):
            return self.studio.render("printing_refused.html", request, messages={}, form=form,
                                      words=f"{draft.message}. Fix: {draft.hint}.")
        checked = await run_in_threadpool(api.check, self.root, Target(), {opened.source: draft})
        mine = [p for p in checked.problems if inside(p, opened)]
        errors = [p for p in mine if p.severity == "error"]
        if errors:
            messages = forms.messages(form, mine, (), self.studio.titles())
            return self.studio.render(
                "printing_refused.html", request, messages=messages, form=form,
                words=f"Fix the {len(errors)} problem{'s' if len(errors) > 1 else ''} "
                "shown at {} first (nothing was written).".format(
                    "its field" if len(errors) == 1 else "their fields"))
        outcome = await run_in_threadpool(store.create_training, self.root, name, value)
        if not outcome.saved:
            return self.studio.render("printing_refused.html", request, messages={}, form=form,
                                      words=outcome.message)
        response = HTMLResponse("")
        response.headers["HX-Redirect"] = f"/printing/training?name={name}"
        return response

    # --- the run --------------------------------------------------------------------------

    async def run(self, request: Request) -> Response:
        posted = await request.form()
        name = form_value(posted, "name")
        if not SLUG.match(name) or not (self.root / store.training_source(name)).is_file():
            raise HTTPException(404)
        job = self.jobs.start(Asked(training=name), PRINT_RUN + name, 0)
        return await run_in_threadpool(self.shown_job, request, job)

    async def job(self, request: Request) -> Response:
        job = self.jobs.get(job_number(request.query_params.get("id", "")))
        if job is None or not job.asked.training:
            raise HTTPException(404)
        return await run_in_threadpool(self.shown_job, request, job)

    async def cancel(self, request: Request) -> Response:
        posted = await request.form()
        job = await run_in_threadpool(self.jobs.cancel, job_number(form_value(posted, "id")))
        if job is None:
            raise HTTPException(404)
        return await run_in_threadpool(self.shown_job, request, job)

    def shown_job(self, request: Request, job: Job) -> Response:
        return self.studio.render("print_job.html", request, job=self.view(job))

    def view(self, job: Job) -> dict[str, Any]:
        """What the page shows of a print run, all of it from one moment of the job."""
        shown = job_view(self.studio, self.jobs, job)
        seen = shown["job"]
        return {**shown, "last": self.last_run(seen.asked.training) if seen.state == "done"
                else None}

    def last_run(self, name: str) -> dict[str, Any] | None:
        """The print run out/ holds for `name`: its documents, and its order as text (the
        file and its words), each for the shop."""
        from press.core.names import order_text_path

        folder = made_folder(self.root, name)
        manifest = read_manifest(folder)
        if manifest is None:
            return None
        order = next((r.file for r in manifest.outputs if r.facts.kind == "order"), "")
        text_file = order_text_path(order) if order else ""
        try:
            text = (folder / text_file).read_text(encoding="utf-8") if text_file else ""
        except (OSError, UnicodeDecodeError):
            text = ""
        return {"name": name, "manifest": manifest, "order_file": text_file if text else "",
                "out": folder.relative_to(self.root / "out").as_posix(), "order_text": text}

    async def zipped(self, request: Request) -> Response:
        """The shop's files and the order of the print run out/ holds, in one zip."""
        name = request.query_params.get("name", "")
        if not SLUG.match(name):
            raise HTTPException(404)
        data = await run_in_threadpool(shop_zip, made_folder(self.root, name))
        if data is None:
            raise HTTPException(404)
        return Response(data, media_type="application/zip", headers={
            "Content-Disposition": f'attachment; filename="{name}-print-run.zip"'})


def _name_problem(root: Path, name: str) -> str:
    """What is wrong with a new training's short name, in words ("" when nothing is)."""
    if not name:
        return "Write the training's title (its short name is made from it), or a short name."
    if not SLUG.match(name) or len(name) > 60:
        return (f"\u201c{name}\u201d cannot be a short name: use small letters, digits and "
                "hyphens, e.g. \u201cspring-police-training\u201d.")
    if (root / store.training_source(name)).exists():
        return (f"A training named \u201c{name}\u201d is there already: choose another short "
                "name, or open that one from the Print runs page.")
    return ""


