"""The studio's Builds page: the main build, one place, several or every place, in an
edition and a profile, with gray proofs if asked; its progress while it runs (each job in a
child process: press/studio/jobs.py), Cancel, then every PDF it made, page by page and to
download, and what each place left out and why.

    builds = Builds(studio, Jobs(root, turns))
    Route("/builds", builds.page), Route("/builds", builds.start, methods=["POST"]), ...
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from press import api
from press.core.manifest import OutputRecord
from press.core.names import SLUG_PATTERN
from press.core.target import OFFERED, Target
from press.studio.checklist import checklist
from press.studio.jobs import Asked, Job, Jobs, PlaceDone, named
from press.studio.pages import Shown, Studio

KINDS = ("main", "one", "several", "all")
SLUG = re.compile(SLUG_PATTERN)
PROFILE_WORDS = {"screen": "Screen (tagged PDF for reading on screen)",
                 "print": "Print (bleed and crop marks for a print shop)",
                 "grant": "Grant (archival PDF/A with its data attached)"}


@dataclass(frozen=True)
class Choices:
    """What the form offers: the data's places and the settings' editions."""

    places: list[str]
    editions: list[str]  # "" the sources' own language first
    language: str


@dataclass(frozen=True)
class Made:
    """One folder a finished job published: its documents, each page's image address and
    gray proofs (when asked), and the place's report (several places)."""

    title: str
    out: str  # under /out/: "brook-county" ("" for out/ itself)
    query: str  # the folder's target, for its page images
    records: list[OutputRecord]
    proofs: dict[str, list[str]]
    place: PlaceDone | None
    left_out: list[tuple[str, str, str, str]]  # handout, what, why, instead
    own: list[Shown]


FIRST_ASKED: dict[str, Any] = {"what": "main", "place": "", "places": [], "edition": "",
                               "profile": "screen", "gray": False}


@dataclass
class Builds:
    """The Builds page of one studio, and its queue of jobs."""

    studio: Studio
    jobs: Jobs

    @property
    def root(self) -> Path:
        return self.studio.root

    def choices(self) -> Choices:
        report = self.studio.checks.report(Target())
        project = report.project
        places: list[str] = []
        if project is not None:
            from press.content.place import data_places

            places = data_places(project)
        language = project.settings.language if project is not None else "en-US"
        editions = [e for e in (project.settings.editions or []) if e != language] \
            if project is not None else []
        return Choices(places, ["", *editions], language)

    async def page(self, request: Request) -> Response:
        """The page, with the place and edition the home page showed chosen (?place=, ?edition=)."""
        choices = await run_in_threadpool(self.choices)
        shown = request.query_params
        place = shown.get("place", "") if shown.get("place", "") in choices.places else ""
        edition = shown.get("edition", "") if shown.get("edition", "") in choices.editions else ""
        asked = {**FIRST_ASKED, "what": "one" if place else "main", "place": place,
                 "edition": edition} if place or edition else None
        return await run_in_threadpool(self.render, request, choices, "", asked)

    def render(self, request: Request, choices: Choices, error: str = "",
               asked: dict[str, Any] | None = None, status: int = 200) -> Response:
        with self.jobs.lock:
            shown = list(reversed(self.jobs.jobs))
        return self.studio.render(
            "builds.html", request, status=status, choices=choices, error=error,
            asked=asked or FIRST_ASKED,
            profiles=[(name, PROFILE_WORDS[name]) for name in OFFERED],
            jobs=[self.view(job) for job in shown])

    async def start(self, request: Request) -> Response:
        form = await request.form()
        choices = await run_in_threadpool(self.choices)
        asked = _asked(form)
        wanted = _wanted(asked, choices)
        if isinstance(wanted, str):
            return await run_in_threadpool(self.render, request, choices, wanted, asked, 400)
        target, label, total = wanted
        self.jobs.start(target, label, total)
        return await run_in_threadpool(self.render, request, choices, "", asked)

    async def job(self, request: Request) -> Response:
        job = self.jobs.get(job_number(request.query_params.get("id", "")))
        if job is None:
            raise HTTPException(404)
        return await run_in_threadpool(self.shown_job, request, job)

    async def cancel(self, request: Request) -> Response:
        form = await request.form()
        number = job_number(form_value(form, "id"))
        job = await run_in_threadpool(self.jobs.cancel, number)
        if job is None:
            raise HTTPException(404)
        return await run_in_threadpool(self.shown_job, request, job)

    def shown_job(self, request: Request, job: Job) -> Response:
        """One job's article (read from the sources and out/: off the server's loop, so a
        page polling a job never holds up a download)."""
        return self.studio.render("build_job.html", request, job=self.view(job))

    async def page_image(self, request: Request) -> Response:
        """A page of a document a job made, in its profile, place and edition."""
        query = request.query_params
        profile, file = query.get("profile", "screen"), query.get("doc", "")
        if profile not in OFFERED:
            raise HTTPException(400)
        try:
            number = int(query.get("n", "1")) - 1
        except ValueError:
            raise HTTPException(400) from None
        place, funder = query.get("place", ""), query.get("funder", "")
        if funder and not SLUG.fullmatch(funder):  # a funder's file's name, never a path
            raise HTTPException(400)
        target = Target(profile=profile, places=(place,) if place else (),  # type: ignore[arg-type]
                        edition=query.get("edition", ""), funder=funder)
        picture = await run_in_threadpool(api.page_image, self.root, file, number, 400, target)
        if picture is None:
            raise HTTPException(404)
        return Response(picture, media_type="image/png")

    # --- what a job shows ------------------------------------------------------------------

    def view(self, job: Job) -> dict[str, Any]:
        """What the page shows of `job`, all of it from one moment of the job."""
        shown = job_view(self.studio, self.jobs, job)
        seen = shown["job"]
        return {**shown, "made": self.made(seen) if seen.state == "done" else [],
                "checklist": checklist(self.root, seen.asked.funder, seen.ruled,
                                       self.studio.documents()) if seen.ruled else None}

    def made(self, job: Job) -> list[Made]:
        asked = job.asked
        if not job.places:
            target = Target(profile=asked.profile, places=asked.places,  # type: ignore[arg-type]
                            edition=asked.edition, funder=asked.funder)
            title = asked.places[0] if asked.places else \
                "Laid out to the funder's rules" if asked.funder else "The main build"
            return [self._folder(title, target, None)]
        return [self._folder(place.place, Target(
            profile=asked.profile, places=(place.place,),  # type: ignore[arg-type]
            edition=asked.edition), place) for place in job.places]

    def _folder(self, title: str, target: Target, place: PlaceDone | None) -> Made:
        from urllib.parse import urlencode

        manifest = api.built(self.root, target)
        folder = target.folder(self.root)
        if place is None and target.place and manifest is not None:
            # a one-place build, as a many-places build reports each place (from its
            # manifest; its warnings are the job's own)
            handouts = sum(1 for r in manifest.outputs if r.file.startswith("handouts/"))
            place = PlaceDone(target.place, folder.relative_to(self.root).as_posix(), handouts,
                              False, manifest.left_out, [])
        out = folder.relative_to(self.root / "out").as_posix()
        query = urlencode([("profile", target.profile), ("place", target.place or ""),
                           ("edition", target.edition), ("funder", target.funder)])
        records = manifest.outputs if manifest else []
        held = manifest.proofs if manifest else {}
        proofs = {file: [p if out == "." else f"{out}/{p}" for p in paths]
                  for file, paths in held.items()}
        docs = self.studio.documents()
        titles = {doc.key: doc.title for doc in docs}
        left = [(titles.get(key, key), item.what, item.why, item.instead)
                for key, items in (place.left_out.items() if place else [])
                for item in items]
        own = self.studio.shown(place.own, docs) if place else []
        return Made(title, "" if out == "." else out, query, records, proofs, place, left, own)


def job_view(studio: Studio, jobs: Jobs, job: Job) -> dict[str, Any]:
    """What a page shows of any job (a build, a print run), all of it from one moment of
    the job: what it waits for, its time, its errors (failed) or warnings (done, unless
    each place has its own)."""
    job = jobs.seen(job)
    waiting = ""
    if job.state == "queued":
        holder = jobs.waiting_for(job)
        waiting = f"Waiting for {named(holder)} to finish." if holder else "About to start."
    docs = studio.documents()
    return {"job": job, "waiting": waiting, "elapsed": _clock(job.elapsed(time.monotonic())),
            "problems": studio.shown(job.problems, docs) if job.state == "failed" else [],
            "warnings": studio.shown([p for p in job.problems if p.severity != "error"], docs)
            if job.state == "done" and not job.places else []}


def _asked(form: FormData) -> dict[str, Any]:
    places = [p for p in form.getlist("places") if isinstance(p, str)]
    return {"what": form_value(form, "what") or "main", "place": form_value(form, "place"),
            "places": places, "edition": form_value(form, "edition"),
            "profile": form_value(form, "profile") or "screen", "gray": form_value(form, "gray") == "yes"}


def _wanted(asked: dict[str, Any], choices: Choices) -> tuple[Asked, str, int] | str:
    """The job the form asks for, its name and how many documents or places it makes; or
    what is wrong with the form, in words."""
    what, profile, edition = asked["what"], asked["profile"], asked["edition"]
    if what not in KINDS:
        return "Choose what to build: the main build, one place, several places or every place."
    if profile not in OFFERED:
        return "Choose a profile: screen, print or grant."
    if edition not in choices.editions:
        return "Choose an edition that the settings list."
    if what == "one":
        places = [asked["place"]] if asked["place"] else []
    elif what == "several":
        places = list(dict.fromkeys(asked["places"]))
    else:
        places = ["all"] if what == "all" else []
    if what in ("one", "several") and not places:
        return ("Choose the place to build." if what == "one" else
                "Choose one or more places to build (hold Ctrl, or Cmd on a Mac, to choose "
                "several).")
    unknown = [p for p in places if p != "all" and p not in choices.places]
    if unknown:
        return f"The data has no place named \u201c{unknown[0]}\u201d: choose one from the list."
    label = _label(what, places, edition, profile)
    # places are counted now; a single folder's documents when the build knows which change
    total = len(choices.places) if what == "all" else len(places) if len(places) > 1 else 0
    return Asked(profile, tuple(places), edition, bool(asked["gray"])), label, total


def _label(what: str, places: list[str], edition: str, profile: str) -> str:
    """What a job builds, as the page names it: "Brook County", "every place (print)"."""
    if what == "main":
        name = "the main documents"
    elif what == "all":
        name = "every place"
    else:
        name = places[0] if len(places) == 1 else \
            ", ".join(places[:-1]) + " and " + places[-1]
    extra = [e for e in (edition, profile if profile != "screen" else "") if e]
    return f"{name} ({', '.join(extra)})" if extra else name


def _clock(seconds: float) -> str:
    whole = int(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def job_number(text: str) -> int:
    """A job's number as a request gives it (0 where it is not one)."""
    return int(text) if text.isdigit() else 0


def form_value(form: FormData, name: str) -> str:
    """A form's text field ("" where it is missing or a file)."""
    value = form.get(name)
    return value if isinstance(value, str) else ""
