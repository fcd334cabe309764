"""The studio's pages: what each address shows, and what each form does.

Every handler reads what it needs through press.api (and the studio's own modules), renders
a template (autoescaped: every text from source/ is shown as text) and never lets an
exception's text reach the page.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import jinja2
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, Response

from press import api
from press.core import controls
from press.core.manifest import Manifest
from press.core.numbers import audience as in_sentence
from press.core.problems import BuildError, PressError, Problem
from press.core.target import Target
from press.output import serving
from press.source.yamlsource import read_plain
from press.studio import catalogue, forms, history, pickers, store
from press.studio.guard import Keys
from press.studio.preview import Builder, Checks
from press.studio.preview import pages as page_views
from press.studio.words import choice_words, field_words, in_form_words, plain

TEMPLATES = Path(__file__).parent / "templates"
KIND_WORDS = {"error": "Errors: these stop the documents from being made",
              "trust": "Trust: numbers, sources and places",
              "consent": "Consent: what each quote may be used for",
              "layout": "Layout: how the pages look",
              "style": "Style: words, spelling and colors",
              "note": "Notes"}
SHORT_KIND = {"error": "Error", "trust": "Trust", "consent": "Consent", "layout": "Layout",
              "style": "Style", "note": "Note"}
FONT_SUFFIXES = (".ttf", ".otf", ".woff", ".woff2")


def environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True,
                             lstrip_blocks=True)
    env.filters["field_id"] = forms.field_id
    env.filters["under"] = lambda names, prefix: any(
        n == prefix or n.startswith(prefix + ".") for n in names)
    env.filters["sentence"] = sentence
    env.filters["ended"] = ended
    env.filters["field_words"] = field_words  # "actions.1.text" -> "action 2, words"
    env.filters["in_sentence"] = in_sentence  # "the judges handout", "the Clínica Nuñez …"
    env.filters["file_name"] = _file_name
    env.filters["edition_name"] = _edition_name
    env.filters["visible"] = controls.visible  # a control character shown as <U+001B>
    env.filters["an_item"] = lambda name: name.rsplit(".", 1)[-1] in (forms.NEW,) or \
        name.rsplit(".", 1)[-1].isdigit()  # a list's item: there, or removed (never "required")
    env.globals["SHORT_KIND"] = SHORT_KIND
    env.globals["choice_words"] = choice_words  # a fixed value as staff choose it
    return env


def ended(words: str) -> str:
    """Words with one full stop at their end (none added where they have their own)."""
    words = words.strip()
    return words + ("" if words.endswith((".", "?", "!")) else ".")


def sentence(words: str) -> str:
    """A problem's message or fix as a sentence: its first letter a capital, one full stop
    at its end (a message that has its own is not given a second); one that starts with a
    file's name ("sample-brief.pdf, page 2: ...") keeps the name as it is written."""
    words = words.strip()
    return ended(words if FILE_NAME.match(words) else words[:1].upper() + words[1:])


FILE_NAME = re.compile(r"[\w-]+\.(?:pdf|yaml|csv|txt|zip)\b")


@dataclass(frozen=True)
class Shown:
    """A problem as the studio shows it: in plain words, with where to fix it."""

    kind: str
    severity: str
    message: str
    hint: str
    file: str
    line: int
    field: str
    link: str  # the editor, opened at its field ("" where none can be)
    where: str  # "Judges handout, the headline"
    anchor: str = ""  # in the editor of its own entry: its field on this page (no reload)


@dataclass
class Studio:
    """One studio: the project it edits, its keys, its checks and its builds."""

    root: Path
    keys: Keys
    checks: Checks
    builder: Builder
    env: jinja2.Environment = field(default_factory=environment)

    # --- helpers ---------------------------------------------------------------------

    def render(self, name: str, request: Request, status: int = 200, **values: Any
               ) -> HTMLResponse:
        base = {"csrf": self.keys.csrf, "build": self.builder.state,
                "csrf_header": json.dumps({"X-CSRF-Token": self.keys.csrf}),
                "path": request.url.path, "brand": self.brand(), "fast": False}
        return HTMLResponse(self.env.get_template(name).render({**base, **values}),
                            status_code=status)

    def brand(self) -> dict[str, str]:
        """The series' names for the studio's header (the brand file, as it reads now)."""
        data = read_plain(self.root, self.root / "source" / "brand.yaml")
        if not isinstance(data, dict):
            return {"title": "The Life Story", "subtitle": ""}
        return {"title": str(data.get("series_title") or "The Life Story"),
                "subtitle": str(data.get("series_subtitle") or "")}

    def target(self, request: Request) -> Target:
        place = request.query_params.get("place", "")
        edition = request.query_params.get("edition", "")
        return Target(places=(place,) if place else (), edition=edition)

    def documents(self) -> list[api.Document]:
        return api.documents(self.root)

    def titles(self, docs: Sequence[api.Document] | None = None) -> dict[str, str]:
        """Each document's file, from source/, -> its name ("briefs/x.yaml" -> "X brief");
        and each quote, statistic and reference by its short name -> how a message names it
        ("quote:rosa-ready" -> "Rosa's quote"; "stat:..." -> "", a figure said by itself)."""
        named = {d.source.removeprefix("source/"): d.title
                 for d in (self.documents() if docs is None else docs)}
        source = self.root / "source"
        for quote in catalogue.listed(read_plain(self.root, source / "quotes.yaml")):
            if isinstance(quote, dict) and isinstance(quote.get("speaker"), str) and \
                    quote["speaker"].strip():
                named[f"quote:{quote.get('id')}"] = f"{quote['speaker'].strip()}'s quote"
        for stat in catalogue.listed(read_plain(self.root, source / "stats.yaml")):
            if isinstance(stat, dict):
                named[f"stat:{stat.get('id')}"] = ""
        for work in catalogue.listed(read_plain(self.root, source / "references.yaml")):
            if isinstance(work, dict) and isinstance(work.get("title"), str):
                title = " ".join(work["title"].split())
                title = title if len(title) <= 60 else title[:59] + "\u2026"
                named[f"reference:{work.get('id')}"] = f"\u201c{title}\u201d"
        return named

    def shown(self, problems: Sequence[Problem], docs: Sequence[api.Document]) -> list[Shown]:
        named = {d.source: d for d in docs}
        titles = self.titles(docs)
        found = []
        for problem in api.ordered(problems):
            doc = named.get(problem.file)
            common = catalogue.shared(problem.file)
            what = doc.title if doc else common.name if common else _named_file(problem.file)
            where = f"{what}, {field_words(problem.field)}" if problem.field else what
            said = in_form_words(problem, titles)
            found.append(Shown(problem.kind, problem.severity, said.message, said.hint,
                               problem.file, problem.line, problem.field,
                               self.link(problem), where))
        return found

    def shown_here(self, problems: Sequence[Problem], opened: store.Opened, form: forms.Widget
                   ) -> list[Shown]:
        """The problems of an editor's page: those of its own entry link to their field on
        the page itself (a link that loaded the page again would lose unsaved words)."""
        return [replace(item, anchor=_anchor(form, problem.field)) if inside(problem, opened)
                else item for item, problem in zip(self.shown(problems, self.documents()),
                                                   api.ordered(problems), strict=True)]

    def findings(self, report: api.Report, target: Target) -> Findings:
        """What the check and the last build found, and each document's share of it."""
        docs = self.documents()
        manifest = api.built(self.root, target)
        used = catalogue.uses(self.root, docs, manifest, report.project)
        found = with_layout(report, manifest)
        return Findings(docs, found, catalogue.concerning(self.root, docs, found, used),
                        used, not report.ok)

    def withdrawn(self, target: Target, docs: Sequence[api.Document]) -> dict[str, str]:
        """The documents the last build for `target` took out of out/ (a quote's consent
        that no longer covers them), each with why, in the studio's words."""
        manifest = api.built(self.root, target)
        sources = {d.file: d.source for d in docs}
        return {w.file: in_form_words(Problem(sources.get(w.file, w.file), 0, 0, w.reason),
                                      self.titles(docs)).message
                for w in (manifest.withdrawn if manifest else [])}

    def link(self, problem: Problem) -> str:
        if not problem.file.startswith("source/") or not problem.file.endswith(".yaml"):
            return ""
        return forms.edit_link(self.root, problem.file, problem.field)

    # --- pages -------------------------------------------------------------------------

    async def home(self, request: Request) -> Response:
        target = self.target(request)
        report = await run_in_threadpool(self.checks.report, Target(edition=target.edition))
        if api.built(self.root, target) is None and (target.places or target.edition) and \
                report.ok:
            self.builder.request(target)  # a place or edition not made yet: made now
        seen = self.findings(report, target)
        docs, found = seen.docs, seen.found
        chapters: dict[str, list[dict[str, Any]]] = {}
        withdrawn = self.withdrawn(target, docs)
        for doc in docs:
            views, digest = page_views(self.root, doc.file, target)
            chapters.setdefault(doc.chapter, []).append(
                {"doc": doc, "status": seen.status(doc), "pages": views, "digest": digest,
                 "edit": forms.edit_link(self.root, doc.source, "") + _and(target),
                 "withdrawn": withdrawn.get(doc.file, "")})
        places, editions = _places(self.root, report.project), _editions(self.root, report.project)
        counts = _counts(found)
        return self.render("home.html", request, chapters=chapters, shared=catalogue.SHARED,
                           places=places, editions=editions, target=target, counts=counts,
                           stopped=report.stopped, made=_made(target.folder(self.root)),
                           query=_query(target))

    async def problems(self, request: Request) -> Response:
        target = self.target(request)
        report = await run_in_threadpool(self.checks.report, Target(edition=target.edition))
        seen = self.findings(report, target)
        docs, found, used = seen.docs, seen.found, seen.used
        groups: dict[str, list[Shown]] = {}
        printed_in: dict[str, str] = {}
        for item, problem in zip(self.shown(found, docs), api.ordered(found), strict=True):
            group = item.where.split(",", 1)[0]  # the document, or the shared file
            groups.setdefault(group, []).append(item)
            owners = catalogue.belongs(self.root, problem, docs, used)
            if not any(d.source == problem.file for d in docs) and owners:
                titles = [d.title for d in docs if d.key in owners]
                printed_in[item.where + item.message] = (
                    "every document" if len(titles) == len(docs) and len(docs) > 1
                    else ", ".join(titles))
        build = self.builder.state
        listed = {(p.file, p.line, p.message) for p in found}  # said once, in its group
        build_problems = self.shown([p for p in build.problems if (p.file, p.line, p.message)
                                     not in listed], docs) if not build.ok else []
        return self.render("problems.html", request, groups=groups, counts=_counts(
            found), build_problems=build_problems, kind_words=KIND_WORDS,
            query=_query(target), printed_in=printed_in,
            by_document=[(d, seen.status(d), forms.edit_link(self.root, d.source, "") + _and(
                target)) for d in docs])

    async def edit(self, request: Request) -> Response:
        source = request.query_params.get("file", "")
        if not store.editable(self.root, source):
            raise HTTPException(404)
        entry = request.query_params.get("entry")
        docs = self.documents()
        doc = next((d for d in docs if d.source == source), None)
        common = catalogue.shared(source)
        if common and common.listed and entry is None:
            return await self.entries(request, common)
        opened = await run_in_threadpool(store.open_entry, self.root, source, entry)
        report = await run_in_threadpool(self.checks.report, Target())
        if opened is None:
            unread = [p for p in report.problems if p.file == source and p.severity == "error"]
            if not unread or entry is not None:
                raise HTTPException(404)
            return self.render("unread.html", request, source=source,
                               problems=self.shown(unread, docs))
        target = self.target(request)
        form = forms.build_form(self.root, opened, report.project, target.place or "")
        seen = self.findings(report, target)
        mine = [p for p in seen.found if inside(p, opened)]
        messages = forms.messages(form, mine, opened.prefix, self.titles())
        views, digest = page_views(self.root, doc.file, target) if doc else ([], "")
        withdrawn = self.withdrawn(target, docs).get(doc.file, "") if doc else ""
        title = doc.title if doc else _entry_title(self.root, source, opened) if common else \
            _named_file(source)
        panel = seen.by_document[doc.key] if doc else mine
        return self.render("edit.html", request, form=form, opened=opened, doc=doc, target=target,
                           query=_query(target), doc_status=seen.status(doc) if doc else None,
                           title=title, messages=messages,
                           problems=self.shown_here(panel, opened, form),
                           pages=views, digest=digest, focus=request.query_params.get("field", ""),
                           history_link=f"/history?file={source}", withdrawn=withdrawn)

    async def entries(self, request: Request, common: catalogue.Shared) -> Response:
        """A list file's entries (the quotes...), each with what its problems come to."""
        report = await run_in_threadpool(self.checks.report, Target())
        found = with_layout(report, api.built(self.root, Target()))
        listed = catalogue.entries(self.root, common.source)
        addable = SINGULAR.get(common.name, "").lower() if common.source in store.ADDABLE \
            else ""
        unread = [p for p in report.problems if p.file == common.source and not p.field
                  and p.severity == "error"] if not listed else []
        return self.render("entries.html", request, shared=common, entries=listed, addable=addable,
                           marks=catalogue.entry_statuses(common.source, listed, found),
                           unread=self.shown(unread, self.documents()))

    async def add_form(self, request: Request) -> Response:
        """The form of a new entry of a list file (a quote, with its consent), empty; its
        short name proposed from its speaker and words as they are typed."""
        opened = await run_in_threadpool(store.new_entry, self.root,
                                         request.query_params.get("file", ""))
        if opened is None:
            raise HTTPException(404)
        report = await run_in_threadpool(self.checks.report, Target())
        form = forms.build_form(self.root, opened, report.project)
        for widget in form.walk():  # nothing ticked for it ("checked against the release")
            widget.value = False if widget.kind == "check" else widget.value
        common = catalogue.shared(opened.source)
        named = SINGULAR.get(common.name, common.name) if common else "entry"
        return self.render("edit.html", request, form=form, opened=opened, doc=None,
                           target=Target(), query="", doc_status=None, title=f"New {named.lower()}",
                           messages={}, problems=[], pages=[], digest="", focus="",
                           history_link="", withdrawn="")

    async def posted(self, request: Request) -> tuple[FormData, store.Opened, forms.Widget, Any]:
        """A posted form: what it sent, its entry as the file has it now (or a new entry,
        at the place the form names it), its form's shape (no choices needed) and the
        entry's data as the form has it."""
        posted = await request.form()
        if _one(posted, "_new"):
            opened = await run_in_threadpool(store.new_entry, self.root, _one(posted, "_file"))
            at = _one(posted, "_index")
            opened = replace(opened, index=int(at)) if opened and at.isdigit() else opened
        else:
            opened = await run_in_threadpool(store.open_entry, self.root, _one(posted, "_file"),
                                             _one(posted, "_entry") or None)
        if opened is None:
            raise HTTPException(404)
        form = forms.build_form(self.root, opened, None, choices=forms.SHAPE)
        value = forms.read_form(form, posted, opened.value)
        if opened.new and isinstance(value, dict) and not value.get("id"):
            value = {**value, "id": self.proposal(opened, value)}  # as the page proposes it
        return posted, opened, form, value

    async def check(self, request: Request) -> Response:
        posted, opened, _, value = await self.posted(request)
        seen = await run_in_threadpool(self.drafted, opened, value)
        messages = forms.messages(seen.form, seen.mine, opened.prefix, self.titles())
        return self.render("checked.html", request, messages=messages, form=seen.form,
                           problems=self.shown_here(seen.shown, opened, seen.form),
                           proposal=self.proposal(opened, value),
                           doc_status=catalogue.status(seen.shown, False) if seen.doc else None,
                           refused=seen.blocking if _one(posted, REFUSED) else None)

    def drafted(self, opened: store.Opened, value: Any) -> Drafted:
        """The draft of an editor's entry checked by the press (its file as the form has
        it, nothing written): what its fields, its panel and its save are told, from this
        one check."""
        draft = store.draft_text(self.root, opened, value)
        doc = next((d for d in self.documents() if d.source == opened.source), None)
        form = forms.build_form(self.root, replace(opened, value=value), None,
                                choices=forms.SHAPE)
        if not isinstance(draft, str):
            return Drafted(form, doc, [draft], [draft], None)
        checked = api.check(self.root, Target(), {opened.source: draft})
        mine = [p for p in checked.problems if inside(p, opened)]
        mine += past_errors(self.root, opened, value, checked,
                            lambda patched: store.draft_text(self.root, opened, patched))
        others = [p for p in checked.problems if p.file != opened.source
                  and p.severity == "error"]
        panel: list[Problem] = []
        if doc is not None:  # the document's problems as its page lists them, the draft's
            panel = self.findings(checked, Target()).by_document[doc.key]
        shown = [*panel, *(p for p in [*mine, *others] if p not in panel)]
        return Drafted(form, doc, mine, shown, checked)

    def proposal(self, opened: store.Opened, value: Any) -> str:
        """A new entry's proposed short name, from its speaker and words ("" for others)."""
        if not opened.new or not isinstance(value, dict):
            return ""
        return store.proposed_id(self.root, opened.source, str(value.get("speaker") or ""),
                                 str(value.get("text") or ""))

    async def save(self, request: Request) -> Response:
        """Save the form's entry, unless its own fields have errors (shown at them already);
        a clean entry that stops other documents (a use taken out of a quote's consent: a
        consent must always be recordable) is saved, and says which and why."""
        posted, opened, _, value = await self.posted(request)
        seen = await run_in_threadpool(self.drafted, opened, value)
        checked = seen.report
        if checked is not None and seen.blocking:
            response = self.render("saved.html", request, opened=opened, stopped=[],
                                   shown=api.MAIN,
                                   outcome=store.Outcome(False, refused=seen.blocking))
            response.headers["HX-Trigger"] = "studio:changed"  # each shown at its field
            return response
        if opened.new:
            return await self.added(request, opened, value)
        outcome = await run_in_threadpool(store.save, self.root, opened.source, opened.entry,
                                          _one(posted, "_digest"), value)
        shown = Target(places=(_one(posted, "_place"),) if _one(posted, "_place") else (),
                       edition=_one(posted, "_edition"))
        if outcome.changed:
            self.builder.request()
            if shown != api.MAIN:
                self.builder.request(shown)  # the place or edition the page shows, too
        stopped = self.stopped(checked) if outcome.changed and checked else []
        held = checked is not None and any(p.severity == "error" for p in checked.problems)
        chosen = value.get("stats") if isinstance(value, dict) and opened.kind == "handout" \
            else None
        left = await run_in_threadpool(
            pickers.left_out_for, checked.project if checked else None, shown.place or "",
            [str(i) for i in chosen] if isinstance(chosen, list) else []) \
            if outcome.changed else []
        roster = outcome.roster if outcome.roster and outcome.roster.brief else None
        brief = next((d.title for d in self.documents() if roster and d.source == roster.brief),
                     "brief")
        return self.render("saved.html", request, outcome=outcome, opened=opened,
                           stopped=stopped, shown=shown, held=held, left=left, roster=roster,
                           brief=brief, brief_link=forms.edit_link(
                               self.root, roster.brief, "") if roster else "")

    async def added(self, request: Request, opened: store.Opened, value: Any) -> Response:
        """A new entry written at the end of its file; its own editor opened next."""
        outcome = await run_in_threadpool(store.add, self.root, opened.source, value)
        if not outcome.saved:
            return self.render("saved.html", request, outcome=outcome, opened=opened,
                               stopped=[], shown=api.MAIN)
        self.builder.request()
        response = HTMLResponse("")
        response.headers["HX-Redirect"] = forms.edit_link(
            self.root, opened.source, str(opened.index)).split("&field=")[0]
        return response

    def stopped(self, report: api.Report) -> list[tuple[Shown, list[tuple[str, str]]]]:
        """The errors that keep documents from being made, each said once with the
        documents it stops (each one's name and its editor's address)."""
        seen = self.findings(report, Target())
        found: dict[tuple[str, str], tuple[Shown, list[tuple[str, str]]]] = {}
        for doc in seen.docs:
            errors = [p for p in seen.by_document[doc.key] if p.severity == "error"]
            for item in self.shown(errors, seen.docs):
                stops = found.setdefault((item.message, item.hint), (item, []))[1]
                if doc.title not in (title for title, _ in stops):
                    stops.append((doc.title, forms.edit_link(self.root, doc.source, "")))
        return list(found.values())

    async def preview(self, request: Request) -> Response:
        """Every document out/ holds with the image of each page, its charts, and the last
        build's errors in a banner that stays in view (`make_report.py watch` opens it);
        the page shows each new build itself (its status line asks every second)."""
        manifest = api.built(self.root)
        docs = self.documents()
        build = self.builder.state
        errors = [p for p in build.problems if p.severity == "error"]
        editable = {d.file: forms.edit_link(self.root, d.source, "") for d in docs}
        return self.render("preview.html", request, fast=True,
                           outputs=manifest.outputs if manifest else [],
                           charts=manifest.charts if manifest else [], editable=editable,
                           errors=self.shown(errors, docs) if not build.ok else [])

    async def status(self, request: Request) -> Response:
        response = self.render("status.html", request,
                               fast=request.query_params.get("fast") == "1")
        seen = request.query_params.get("seen", "")
        state = self.builder.state
        if seen.isdigit() and int(seen) < state.generation:  # the documents are out: their
            response.headers["HX-Trigger"] = "studio:built"  # pages are shown (packets follow)
        return response

    async def brand_css(self, request: Request) -> Response:
        """The brand's colors and fonts for the studio's own pages (source/brand.yaml)."""
        return Response(brand_css(self.root), media_type="text/css")

    async def pages(self, request: Request) -> Response:
        file = request.query_params.get("doc", "")
        doc = next((d for d in self.documents() if d.file == file), None)
        if doc is None:
            raise HTTPException(404)
        target = self.target(request)
        views, digest = page_views(self.root, doc.file, target)
        return self.render("pages.html", request, doc=doc, pages=views, digest=digest,
                           target=target, query=_query(target),
                           edit=forms.edit_link(self.root, doc.source, ""),
                           withdrawn=self.withdrawn(target, self.documents()).get(doc.file, ""))

    async def page_image(self, request: Request) -> Response:
        file = request.query_params.get("doc", "")
        try:
            number = int(request.query_params.get("n", "1")) - 1
            width = int(request.query_params.get("w", "600"))
        except ValueError:
            raise HTTPException(400) from None
        if width not in (200, 400, 600, 900):
            raise HTTPException(400)
        target = self.target(request)
        picture = await run_in_threadpool(api.page_image, self.root, file, number, width, target)
        if picture is None:
            raise HTTPException(404)
        return Response(picture, media_type="image/png")

    async def out_file(self, request: Request) -> Response:
        """A file of out/ (a PDF, a chart), as the preview serves them: a plain path to an
        ordinary file inside out/ (press/output/serving.py)."""
        raw = request.scope.get("raw_path") or request.url.path.encode()
        try:
            names = serving.request_path(raw.decode("latin-1"))
        except serving.Odd:
            raise HTTPException(400) from None
        path = serving.served_file(self.root / "out", names[1:])
        if path is None or path.suffix not in (".pdf", ".png", ".svg", ".txt"):
            raise HTTPException(404)
        return FileResponse(path)

    async def font(self, request: Request) -> Response:
        name = request.path_params["name"]
        folder = (self.root / "layouts" / "fonts").resolve()
        path = (folder / name).resolve()
        if not name.endswith(FONT_SUFFIXES) or path.parent != folder or not path.is_file():
            raise HTTPException(404)
        return FileResponse(path)

    async def history(self, request: Request) -> Response:
        source = request.query_params.get("file", "")
        if not store.editable(self.root, source):
            raise HTTPException(404)
        saves = await run_in_threadpool(history.log, self.root, source)
        doc = next((d for d in self.documents() if d.source == source), None)
        common = catalogue.shared(source)
        named = doc.title if doc else common.name if common else source
        titles = self.titles()
        said = {save.commit: _save_words(save.message, named, source, titles) for save in saves}
        return self.render("history.html", request, source=source, saves=saves, named=named,
                           said=said,
                           tracked=history.is_repository(self.root),
                           back=forms.edit_link(self.root, source, ""))

    async def restore(self, request: Request) -> Response:
        posted = await request.form()
        source = _one(posted, "file")
        commit = _one(posted, "commit")
        if not store.editable(self.root, source):
            raise HTTPException(404)
        try:
            await run_in_threadpool(history.restore, self.root, source, commit)
        except history.HistoryError as error:
            return self.render("message.html", request, status=409, title="Not restored",
                               words=str(error))
        self.builder.request()
        response = HTMLResponse("")
        response.headers["HX-Redirect"] = f"/history?file={source}&restored={commit[:12]}"
        return response

    async def new_form(self, request: Request) -> Response:
        chapters = _chapters(self.documents())
        return self.render("new.html", request, chapters=chapters, result=None, typed="",
                           chosen=request.query_params.get("chapter", ""),
                           what=request.query_params.get("what", "handout"),
                           audience=api.FIRST_AUDIENCE)

    async def new(self, request: Request) -> Response:
        posted = await request.form()
        what = _one(posted, "what")
        name = _one(posted, "name").strip()
        chapter = _one(posted, "chapter") or None
        audience = _one(posted, "audience").strip()
        docs = self.documents()
        chapters = _chapters(docs)

        def refused(words: str, there: api.Document | None = None, at: str = "name"
                    ) -> Response:
            return self.render("new.html", request, chapters=chapters, what=what, typed=name,
                               chosen=chapter, audience=audience or api.FIRST_AUDIENCE,
                               result={"error": words, "at": at, "there": there,
                                       "link": forms.edit_link(self.root, there.source, "")
                                       if there else ""}, status=200)

        if not name:
            return refused("Write a name first: the audience (\u201cProbation officers\u201d) "
                           "or the chapter (\u201cHousing\u201d).")
        there = _there_already(docs, what, name, chapter)
        if there is not None:
            return refused(f"The {there.title} is there already"
                           f"{'' if what == 'chapter' else ' in this chapter'}: choose another "
                           "name, or open it.", there)
        try:
            written = await run_in_threadpool(store.create, self.root, what, name, chapter,
                                              audience)
        except PressError as error:  # a new chapter's first audience: at its own field
            about = {p.field for p in getattr(error, "problems", [])}
            return refused(plain(_press_words(error)), at="audience" if what == "chapter" and
                           "audience" in about else "name")
        self.builder.request()
        first = written[-1] if what == "handout" else written[0]
        response = HTMLResponse("")
        response.headers["HX-Redirect"] = forms.edit_link(self.root, first, "")
        return response


def _there_already(docs: list[api.Document], what: str, name: str, chapter: str | None
                   ) -> api.Document | None:
    """The document a new handout or chapter named `name` would overwrite, if there is one."""
    from press.core.names import slug_of

    slug = slug_of(name)
    key = slug if what == "chapter" else f"{slug_of(chapter or '')}/{slug}"
    return next((d for d in docs if d.key == key), None) if slug else None


def _chapters(docs: list[api.Document]) -> list[tuple[str, str]]:
    """Each chapter's folder name and its name as its brief writes it, in folder order."""
    return sorted({d.chapter: d.chapter_title for d in docs if d.kind == "brief"}.items())


COLOR = re.compile(r"^#[0-9A-Fa-f]{6}$")
FAMILY = re.compile(r"^[A-Za-z0-9 ._-]{1,60}$")


def brand_css(root: Path) -> str:
    """CSS variables from brand.yaml's palette and @font-face rules for its fonts; only
    values of the shapes the brand's model allows are written (nothing else can enter)."""
    data = read_plain(root, root / "source" / "brand.yaml")
    data = data if isinstance(data, dict) else {}
    palette: dict[str, Any] = data["palette"] if isinstance(data.get("palette"), dict) else {}
    fonts: dict[str, Any] = data["fonts"] if isinstance(data.get("fonts"), dict) else {}
    lines = [":root {"]
    for name in ("ink", "accent", "muted"):
        value = palette.get(name)
        if isinstance(value, str) and COLOR.match(value):
            lines.append(f"  --{name}: {value};")
    for role in ("body", "display"):
        family = fonts.get(role)
        if isinstance(family, str) and FAMILY.match(family):
            lines.append(f"  --{role}-font: \"{family}\";")
    lines.append("}")
    for face in catalogue.listed(fonts.get("faces")):
        if not isinstance(face, dict):
            continue
        family, file = face.get("family"), face.get("file")
        weight, style = face.get("weight", 400), face.get("style", "normal")
        if isinstance(family, str) and FAMILY.match(family) and isinstance(file, str) and \
                FAMILY.match(file) and weight in range(100, 1000) and style in ("normal", "italic"):
            lines.append(f'@font-face {{ font-family: "{family}"; src: url("/fonts/{file}"); '
                         f"font-weight: {weight}; font-style: {style}; font-display: swap; }}")
    return "\n".join(lines) + "\n"


SINGULAR = {"Quotes": "Quote", "Statistics": "Statistic", "Charts": "Chart",
            "References": "Reference"}


def _entry_title(root: Path, source: str, opened: store.Opened) -> str:
    """"Quote: Quintecia" , "Statistic: 70%: Women made up...", "Brand"."""
    common = catalogue.shared(source)
    assert common is not None
    if opened.entry is None:
        return common.name
    label = next((e.label for e in catalogue.entries(root, source) if e.id == opened.entry),
                 opened.entry)
    return f"{SINGULAR.get(common.name, common.name)}: {label}"


@dataclass(frozen=True)
class Findings:
    """What the check and the last build found (`found`), and each document's share of it
    (`by_document`, by key); `stopped`: an error keeps every document from being made."""

    docs: list[api.Document]
    found: list[Problem]
    by_document: dict[str, list[Problem]]
    used: catalogue.Uses
    stopped: bool

    def status(self, doc: api.Document) -> catalogue.Status:
        return catalogue.status(self.by_document[doc.key], self.stopped)


def with_layout(report: api.Report, manifest: Manifest | None) -> list[Problem]:
    """The check's problems and the layout warnings of the last build: only a build sees
    the pages (a block left out to fit, a note not printed), and it keeps what it saw in
    its manifest. A check stopped by an error says nothing of what it did not reach: the
    last build's warnings stand for them (as the PDFs out/ holds were made)."""
    problems = report.problems
    seen = manifest.warnings if manifest else []
    said = {(p.file, p.field, p.message) for p in problems}
    kept = [w for w in seen if w.severity == "warning" and (w.kind == "layout" or (
        report.stopped and (w.file, w.field, w.message) not in said))]
    return [*problems, *(w for w in kept if w not in problems)]


_MISSING = object()


def _at(data: Any, steps: Sequence[str | int]) -> Any:
    """The value at `steps` in `data` (_MISSING where there is none)."""
    for step in steps:
        there = step in data if isinstance(data, dict) else isinstance(
            data, list) and isinstance(step, int) and step < len(data)
        if not there:
            return _MISSING
        data = data[step]
    return data


def _with(data: Any, steps: Sequence[str | int], value: Any) -> Any:
    """A copy of `data` with `value` at `steps` (as far as `data` has them)."""
    if not steps:
        return value
    step, rest = steps[0], steps[1:]
    if isinstance(data, dict):
        return {**data, step: _with(data.get(step), rest, value)}
    if isinstance(data, list) and isinstance(step, int) and step < len(data):
        return [_with(item, rest, value) if i == step else item for i, item in enumerate(data)]
    return data


def _without(data: Any, steps: Sequence[str | int]) -> Any:
    """A copy of `data` without the key at `steps` (as far as `data` has them)."""
    if len(steps) == 1:
        return {k: v for k, v in data.items() if k != steps[0]} if isinstance(data, dict) \
            else data
    return _with(data, steps[:1], _without(_at(data, steps[:1]), steps[1:])) \
        if _at(data, steps[:1]) is not _MISSING else data


REFUSED = "_refused"  # posted by a form whose last save was refused: its check says again


@dataclass(frozen=True)
class Drafted:
    """An editor's draft as one check of the press found it: the form it fills, its
    document (None for a shared file's entry), the entry's own problems (`mine`), and what
    its panel and banner list (`shown`)."""

    form: forms.Widget
    doc: api.Document | None
    mine: list[Problem]
    shown: list[Problem]
    report: api.Report | None

    @property
    def blocking(self) -> int:
        """The errors in the entry's own fields that keep it from being saved (a consent's
        problem never does: a consent must always be recordable)."""
        return sum(1 for p in self.mine if p.severity == "error" and p.topic != "consent")


def _anchor(form: forms.Widget, path: str) -> str:
    """Where on the editor's page a problem at `path` is shown: its input, or its group's,
    or the form itself (a problem of the whole entry)."""
    name = forms.nearest(form, path)
    return "#" + forms.field_id(name) if name else "#entry-form"


def past_errors(root: Path, opened: store.Opened, value: Any, checked: api.Report,
                text_of: Callable[[Any], str | Problem]) -> list[Problem]:
    """The other fields' problems where the draft's own errors stopped the check before
    them (an empty headline hides the figure typed into "Why", a bidi override a new quote's
    missing date, a funder's rules that do not read their other fields; a rule file's
    errors stop the check's later stage): the draft (its file's text: `text_of(value)`)
    checked again with each field in error as it is saved, or left out where nothing is
    saved (a new entry), its problems at the other fields."""
    wrong = {p.field for p in checked.problems if p.severity == "error" and inside(
        p, opened)}
    if checked.stopped not in ("load", "check") or not wrong or "" in wrong or any(
            p.severity == "error" and p.file != opened.source for p in checked.problems):
        return []
    patched = value
    for path in wrong:
        steps = [int(s) if s.isdigit() else s for s in path.split(".")][len(opened.prefix):]
        saved = _at(opened.value, steps)
        if saved is _MISSING and not (steps and isinstance(steps[-1], str)):
            return []  # (an item of a list: the items after it would move)
        patched = _without(patched, steps) if saved is _MISSING else \
            _with(patched, steps, saved)
    draft = text_of(patched)
    if not isinstance(draft, str):
        return []
    again = api.check(root, Target(), {opened.source: draft})
    return [p for p in again.problems if inside(p, opened) and p not in checked.problems
            and not any(p.field == f or p.field.startswith(f + ".") for f in wrong)]


def inside(problem: Problem, opened: store.Opened) -> bool:
    """Whether a problem is about the opened entry (its file, and its item of a list)."""
    if problem.file != opened.source:
        return False
    start = ".".join(map(str, opened.prefix))
    return not start or problem.field == start or problem.field.startswith(start + ".")


STUDIO_SAVE = re.compile(r"^Studio: (?P<file>\S+)(?: \((?P<entry>[^)]*)\))? (?P<did>edited|added|"
                         r"started|restored as it was on [\d: -]+)(?:: (?P<fields>.+))?$")


def _save_words(message: str, named: str, source: str = "",
                titles: Mapping[str, str] | None = None) -> str:
    """What a save changed, in words: "Judges handout, headline", "Quote maheen-demand
    added"; a commit made outside the studio is said as such (its message is written for
    whoever keeps the project). In the history of `source`, a save of another file that
    changed it too (a handout's audience, renamed in its brief's roster) names that file
    (`titles`: each document's file from source/ -> its name)."""
    found = STUDIO_SAVE.match(message)
    if found and source and found["file"] != source:
        other = (titles or {}).get(found["file"].removeprefix("source/"), found["file"])
        return f"{named}: the roster's name of the {in_sentence(other)}, changed with its " \
            "audience"
    if found is None:
        if not message.startswith("Studio: "):  # a commit of whoever keeps the project
            return "changed outside the studio"
        said = message.removeprefix("Studio: ").splitlines()[0]
        file, _, rest = said.partition(" ")
        if not file.rstrip(":").startswith("source/"):
            return said
        return f"{named}{': ' if file.endswith(':') else ' '}{rest}"
    what = f"{SINGULAR.get(named, named)} {found['entry']}" if found["entry"] else named
    if found["fields"]:
        return f"{what}, " + "; ".join(field_words(f) for f in found["fields"].split(", "))
    return f"{what} {found['did']}"


def _press_words(error: PressError) -> str:
    if isinstance(error, BuildError):
        return " ".join(f"{p.message}. {('Fix: ' + p.hint) if p.hint else ''}"
                        for p in error.problems if p.severity == "error")
    hint = getattr(error, "hint", "")
    return f"{getattr(error, 'message', str(error))}. {('Fix: ' + hint) if hint else ''}"


def _edition_name(edition: str) -> str:
    """An edition as staff know it: "es-US" -> "Spanish (United States), es-US"."""
    from babel import Locale, UnknownLocaleError

    try:
        return f"{Locale.parse(edition.replace('-', '_')).get_display_name('en')}, {edition}"
    except (ValueError, UnknownLocaleError):
        return edition


def _named_file(source: str) -> str:
    """A file that is neither a document nor a shared file, as staff know it: a funder's
    rules by the funder's file's name ("The rules of funder nih-attachments")."""
    parts = source.split("/")
    if store.kind_of(source) == "funder":
        return f"The rules of funder {parts[-1].removesuffix('.yaml')}"
    return source


def _file_name(source: str) -> str:
    """A shared file as the studio names it: "source/quotes.yaml" -> "Quotes"."""
    common = catalogue.shared(source)
    return common.name if common else source


def _one(posted: FormData, name: str) -> str:
    value = posted.get(name)
    return value if isinstance(value, str) else ""


def _places(root: Path, project: Any) -> list[str]:
    """The places the data has rows for (the data as written, where the project does not
    load: an error elsewhere does not shrink the list)."""
    from press.content.place import data_places
    from press.source.load import read_places

    return data_places(project) if project is not None else read_places(root)


def _editions(root: Path, project: Any) -> list[str]:
    """The editions the settings list (as written, where the project does not load)."""
    from press.source.load import read_settings

    settings = project.settings if project is not None else read_settings(root)
    return list(settings.editions) if settings is not None else []


def _made(folder: Path) -> str:
    """When out/ was last written for a target, as staff read a time ("" before a build)."""
    import datetime as dt

    try:
        stamp = (folder / "manifest.json").stat().st_mtime
    except OSError:
        return ""
    when = dt.datetime.fromtimestamp(stamp)
    today = dt.datetime.now().date()
    day = "today" if when.date() == today else when.strftime("%B %-d, %Y")
    return f"{day} at {when.strftime('%H:%M')}"


def _counts(problems: Sequence[Problem]) -> dict[str, int]:
    counts = {"errors": 0, "warnings": 0}
    for problem in problems:
        if problem.severity == "error":
            counts["errors"] += 1
        elif problem.severity == "warning":
            counts["warnings"] += 1
    return counts


def _and(target: Target) -> str:
    """The target's place and edition, to add to an address that has a query already."""
    query = _query(target)
    return "&" + query[1:] if query else ""


def _query(target: Target) -> str:
    from urllib.parse import urlencode

    pairs = [(k, v) for k, v in (("place", target.place or ""), ("edition", target.edition)) if v]
    return f"?{urlencode(pairs)}" if pairs else ""

