"""The studio's Grant check page: choose a funder's rules (source/funders/<name>.yaml), or
write a new funder's in a form from its guide for applicants; build the grant PDFs laid out
to them (a job of the Builds page's queue: press/studio/jobs.py, in a child process, with
progress and Cancel, one build at a time), and see the funder's checklist line by line,
each failed line linked to the block or the field to change (press/studio/checklist.py).

    grants = Grants(studio, builds)
    Route("/grant", grants.page), Route("/grant", grants.start, methods=["POST"]),
    Route("/grant/new", grants.new_form), Route("/grant/new", grants.new, methods=["POST"])

A funder's file is edited in the studio's editor like any other (press/studio/store.py:
its form from the funder's model, saved into the file's own lines, one commit a save); a
new one is written here, checked as the build will check it, and saved only without errors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from press import api
from press.core import files
from press.core.names import SLUG_PATTERN
from press.core.problems import Problem
from press.core.target import Target
from press.source.splice import NotSpliced, entry_digest, new_file
from press.source.yamlsource import read_plain
from press.studio import forms, history, store
from press.studio.builds import Builds
from press.studio.checklist import FUNDERS
from press.studio.jobs import Asked
from press.studio.pages import Shown, Studio, past_errors

SLUG = re.compile(SLUG_PATTERN)
HEAD = ("# yaml-language-server: $schema=../../press/schemas/funder.schema.json\n"
        "# A funder's rules, written in the studio from its guide for applicants, measured on\n"
        "# the grant PDFs by the studio's Grant check (or make_report.py build --profile grant\n"
        "# --funder {name}).\n")
STARTED = {"documents": ["brief"]}  # a new funder's form, as it opens
DRAFT = "a-new-funder-checked"  # the file a draft is checked as, where its own name cannot be


@dataclass(frozen=True)
class FunderFile:
    """A funder's file as the page lists it: its file's name, the funder as it names itself,
    its editor, and the errors that keep its rules from being measured."""

    name: str
    title: str
    source: str
    edit: str
    errors: list[Shown]


@dataclass
class Grants:
    studio: Studio
    builds: Builds

    @property
    def root(self) -> Path:
        return self.studio.root

    def funders(self) -> list[FunderFile]:
        report = self.studio.checks.report(Target())
        docs = self.studio.documents()
        found = []
        for path in sorted((self.root / FUNDERS).glob("*.yaml")):
            source = f"{FUNDERS}/{path.name}"
            if store.kind_of(source) != "funder":
                continue
            data = read_plain(self.root, path)
            named = data.get("name") if isinstance(data, dict) else None
            errors = [p for p in report.problems if p.file == source and p.severity == "error"]
            found.append(FunderFile(path.stem, str(named).strip() if named else path.stem,
                                    source, forms.edit_link(self.root, source, ""),
                                    self.studio.shown(errors, docs)))
        return found

    async def page(self, request: Request) -> Response:
        funders = await run_in_threadpool(self.funders)
        return await run_in_threadpool(self.render, request, funders,
                                       request.query_params.get("funder", ""))

    def render(self, request: Request, funders: list[FunderFile], chosen: str, error: str = "",
               status: int = 200) -> Response:
        with self.builds.jobs.lock:
            shown = [job for job in reversed(self.builds.jobs.jobs) if job.asked.funder]
        return self.studio.render("grant.html", request, status=status, funders=funders,
                                  chosen=chosen or (funders[0].name if funders else ""),
                                  error=error, jobs=[self.builds.view(job) for job in shown])

    async def start(self, request: Request) -> Response:
        """Build the grant PDFs laid out to the chosen funder's rules, and measure them."""
        form = await request.form()
        chosen = _one(form, "funder")
        funders = await run_in_threadpool(self.funders)
        funder = next((f for f in funders if f.name == chosen), None)
        if funder is None:
            return await run_in_threadpool(
                self.render, request, funders, "", "Choose the funder whose rules to check "
                "the grant documents against.", 400)
        self.builds.jobs.start(Asked(profile="grant", funder=funder.name),
                               f"the grant documents for {funder.title}", 0)
        return await run_in_threadpool(self.render, request, funders, funder.name)

    # --- a new funder's rules ------------------------------------------------------------

    def opened(self) -> store.Opened:
        return store.Opened(f"{FUNDERS}/new.yaml", "funder", None, None, dict(STARTED),
                            entry_digest(STARTED), "", new=True)

    async def new_form(self, request: Request) -> Response:
        opened = self.opened()
        form = await run_in_threadpool(forms.build_form, self.root, opened, None)
        return self.studio.render("grant_new.html", request, form=form, messages={},
                                  file_name="", name_problem="", problems=[], checked=False)

    async def new(self, request: Request) -> Response:
        """Check the new funder's rules as the build will (action "check"), or save them
        into a new file and commit it where nothing in it is an error (action "save")."""
        posted = await request.form()
        name = _one(posted, "_name").strip()
        opened = self.opened()
        form = forms.build_form(self.root, opened, None)
        value = forms.read_form(form, posted, {})  # in the model's order, as a new file
        found = await run_in_threadpool(self.drafted, name, value)
        if isinstance(found, str) and _one(posted, "action") == "save":
            saved = await run_in_threadpool(self.written, name, found)
            if not saved:
                response = HTMLResponse("")
                response.headers["HX-Redirect"] = f"/grant?funder={name}"
                return response
            found = saved
        problems = found if isinstance(found, list) else []
        naming = [p for p in problems if p.field == "_name"]
        rest = [p for p in problems if p.field != "_name"]
        rebuilt = forms.build_form(self.root, store.Opened(
            opened.source, "funder", None, None, value, entry_digest(value), "", new=True), None)
        return self.studio.render(
            "grant_new.html", request, form=rebuilt, file_name=name,
            messages=forms.messages(rebuilt, rest, (), self.studio.titles()),
            name_problem=naming[0].message + ". Fix: " + naming[0].hint if naming else "",
            problems=self.studio.shown(rest, self.studio.documents()), checked=True)

    def drafted(self, name: str, value: Any) -> str | list[Problem]:
        """The new file's text, or the problems that keep it from being saved: its name's,
        and its rules' as the build checks them (under a name of its own where the name
        typed cannot be a file's)."""
        source = f"{FUNDERS}/{name}.yaml"
        naming = []
        if not SLUG.fullmatch(name) or len(name) > 60:
            naming.append(Problem(source, 0, 0, "the short name of the file is made of small "
                                  "letters, digits and single hyphens (60 at most)",
                                  "write one like nih-attachments", field="_name"))
            source = f"{FUNDERS}/{DRAFT}.yaml"
        elif (self.root / source).exists():
            naming.append(Problem(source, 0, 0, f"there is a funder's file named {name} "
                                  "already", "choose another short name, or open that funder "
                                  "from the Grant check page to change its rules", field="_name"))
            source = f"{FUNDERS}/{DRAFT}.yaml"
        if not isinstance(value, dict):
            return [*naming, Problem(source, 0, 0, "the form sent nothing", "fill in the form")]
        text = self.text(value, name, source)
        if isinstance(text, Problem):
            return [*naming, text]
        checked = api.check(self.root, Target(), {source: text})
        errors = [p for p in checked.problems if p.file == source and p.severity == "error"]
        past = past_errors(self.root, replace(self.opened(), source=source), value, checked,
                           lambda patched: self.text(patched, name, source))
        return [*naming, *errors, *(p for p in past if p.severity == "error")] or text

    @staticmethod
    def text(value: Any, name: str, source: str) -> str | Problem:
        """The new file's text for `value`, or why it cannot be written."""
        try:
            return new_file(value, HEAD.format(name=name))
        except NotSpliced as error:
            return Problem(source, 0, 0, f"these rules cannot be written into a file: {error}",
                           "undo the last change")

    def written(self, name: str, text: str) -> list[Problem]:
        """Write the new file and commit it; the problem where its name was taken meanwhile."""
        source = f"{FUNDERS}/{name}.yaml"
        with store.SAVING:
            if (self.root / source).exists():
                return [Problem(source, 0, 0, f"there is a funder's file named {name} already",
                                "choose another short name", field="_name")]
            files.write_file(self.root.resolve() / source, text.encode("utf-8"))
            history.commit(self.root, source, f"Studio: {source} started")
        return []


def _one(form: FormData, name: str) -> str:
    value = form.get(name)
    return value if isinstance(value, str) else ""
