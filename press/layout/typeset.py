"""Typeset: each planned document laid out, fitted and written, on every core.

A brief is rendered as it is. A handout must fit its one page: if it does not, it is tried
with the bounded fits in order (spacing, then type down to the 9.5 pt floor, then without
the blocks it marks optional) and the build says which fit it took, or the failure names
the block that crosses the foot of the page, at its line in the handout's file, by how much.

Documents are independent, so several are typeset at once in worker processes: the warm
workers a fresh process forked as it started (press/workers.py), or else processes forked
here (after WeasyPrint is imported, so once). A warm process (watch) typesets one document
in its own process, where all that is loaded.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from press.content.compose import Composer, DocumentView
from press.content.compute import StatValue
from press.content.fits import block_loc, fit_warning, named, words
from press.core import sizes
from press.core.manifest import Facts, Kind, Output
from press.core.problems import Problem
from press.core.sizes import LINE_PT
from press.core.target import PROFILES
from press.layout.page_problems import block_boxes, judged, last_page_fill, text_areas
from press.layout.render import Fit, Renderer, RenderError, measure
from press.layout.workers import Workers
from press.pdf.pages import WHITE_BAND, Judgement
from press.pdf.pictures import thumbnail
from press.source.load import Project

if TYPE_CHECKING:
    from weasyprint import Document


# A handout whose own layout leaves this share of its text area white is tried with more
# room for its words (three quarters of the band the judge warns of: a page near that band
# is given to its words; a page with a little air is left as it is, and typeset once).
ROOM_SHARE = 0.75 * WHITE_BAND
# A handout whose own two columns fill less than this of their room is laid out in the one
# column made for a sparse handout (a larger statistic and quote, its room spread between
# its parts), where that fits.
SPARSE = 0.6
BRIEF_SPARE = 0.35  # a brief whose last page is filled less than this is tried tighter


@dataclass(frozen=True)
class Typeset:
    """One document's result: its output (None when it failed) and what the build must say."""

    file: str
    output: Output | None
    warnings: tuple[Problem, ...] = ()
    failures: tuple[Problem, ...] = ()
    fit: tuple[int, tuple[str, ...]] | None = None  # a handout's bounded fit (level, left out)


@dataclass
class Job:
    """Everything a worker needs to typeset any document of one build."""

    project: Project
    stats: dict[str, StatValue]
    profile: str
    today: dt.date
    place: str | None
    created: str
    rules: dict[str, sizes.Rules] = field(default_factory=dict)  # a funder's, by kind
    _renderer: Renderer | None = field(default=None, repr=False)

    @property
    def renderer(self) -> Renderer:
        if self._renderer is None:  # one font configuration and image cache per process
            self._renderer = Renderer(self.project, self.profile, self.created, self.rules)
        return self._renderer

    def shaped(self, view: DocumentView) -> sizes.Rules:
        """The funder's rules that shape the document `view` (none: its own layout)."""
        return self.rules.get(view.file, sizes.OWN)

    def run(self, view: DocumentView) -> Typeset:
        try:
            if view.kind != "handout":
                return self._judged(view, self._fewest_pages(view))
            return self._fitted(view)
        except RenderError as error:
            return Typeset(view.file, None, failures=(Problem(
                f"layouts/{view.kind}.html", 0, 0, str(error),
                "fix the template or the file it names"),))

    def _fewest_pages(self, view: DocumentView) -> Document:
        """A brief on the fewest pages its content needs: where its last page holds little,
        it is tried with the bounded fits' tighter spacing, and kept if that saves a page.
        A print run's brief (a booklet) is fitted to a multiple of four where it can be,
        and a booklet's back page has no running head."""
        rendered, _ = self.renderer.render(view)
        pages, level = len(rendered.pages), 0
        booklet = PROFILES[self.profile].booklet
        paper = self.project.settings.paper
        if pages > 1 and (last_page_fill(rendered, view.kind, paper, self.shaped(view))
                          < BRIEF_SPARE
                          or (booklet and pages % 4)):
            tighter, _ = self.renderer.render(view, 1)
            if len(tighter.pages) < pages and (not booklet or len(tighter.pages) % 4 == 0):
                rendered, pages, level = tighter, len(tighter.pages), 1
        if booklet and pages % 4 == 0:  # its last page is the booklet's back
            rendered, _ = self.renderer.render(view, level, bare_page=pages)
        return rendered

    def _laid_out(self, view: DocumentView, fit: int, roomy: int = 0, air: float | None = None
                  ) -> tuple[Document, Fit]:
        document, _html = self.renderer.render(view, fit, roomy, air=air)
        expected = ["headline", "why", *(f"action-{i}" for i in range(1, len(view.actions) + 1)),
                    *(f"stat-{i}" for i in range(1, len(view.stat_views) + 1)),
                    *(["quote"] if view.quote else []), *(["chart"] if view.chart else [])]
        return document, measure(document, expected)

    def _fitted(self, view: DocumentView) -> Typeset:
        """The handout at the first fit that holds it on its page; where none does, without
        its optional blocks one by one, each time tried afresh from its own size."""
        handout = self.project.handouts[view.slug]
        dropped: list[str] = []
        while True:
            rendered, fit, level = self._first_fit(view)
            if fit.fits:
                return self._judged(view, rendered, (level, dropped))
            left = [block for block in handout.optional if block not in dropped]
            if not left:
                return Typeset(view.file, None,
                               failures=(self._overflow(view, fit, level, dropped),))
            dropped.append(left[0])
            composer = Composer(self.project, self.stats, self.profile, self.today, self.place)
            view = composer.handout(view.slug, handout, leave_out=set(dropped))

    def _first_fit(self, view: DocumentView) -> tuple[Document, Fit, int]:
        """Its own layout (given more room where it has room to spare), else the bounded
        fits in order; the last tried where none fits."""
        rendered, fit = self._laid_out(view, 0)
        area = text_areas("handout", self.project.settings.paper, self.shaped(view))[0]
        if fit.fits and fit.fill < SPARSE:
            single = self._single(view, area.bottom - area.top)
            if single is not None:
                return (*single, 0)
        if fit.fits and fit.spare_pt > ROOM_SHARE * (area.bottom - area.top):  # given to words
            for roomy in (2, 1, 3):  # bigger words, then half as big, then more air alone
                roomier, roomy_fit = self._laid_out(view, 0, roomy)
                if roomy_fit.fits:
                    return roomier, roomy_fit, 0
        level, fits = 0, sizes.fits(self.shaped(view))
        while not fit.fits and level + 1 < len(fits):
            level += 1
            rendered, fit = self._laid_out(view, level)
        return rendered, fit, level

    def _single(self, view: DocumentView, area_pt: float) -> tuple[Document, Fit] | None:
        """A sparse handout in its one column: with larger words where they leave room
        (at least SINGLE_AIR_MIN between parts), the room left spread evenly between its
        parts and below the last (at most SINGLE_AIR of the text area each); None where the
        column does not fit."""
        parts = 2 + len(view.stat_views) + bool(view.quote) + bool(view.chart)
        for larger in (2, 0):
            rendered, fit = self._laid_out(view, 0, larger, air=0.0)
            air = fit.spare_pt / (parts + 1)
            if fit.fits and (not larger or air >= sizes.SINGLE_AIR_MIN):
                spaced, spaced_fit = self._laid_out(view, 0, larger,
                                                    min(air, sizes.SINGLE_AIR * area_pt))
                return (spaced, spaced_fit) if spaced_fit.fits else (rendered, fit)
        return None

    def _overflow(self, view: DocumentView, fit: Fit, level: int, dropped: list[str]
                  ) -> Problem:
        """The located error of a handout no fit holds on its page: the block that does not
        fit, at its line, by how much, and what the staff can change (under a funder's
        rules, the rules are named: the same words fit the handout's own layout)."""
        lines = max(1, math.ceil(fit.over_pt / LINE_PT))
        plural = "s" if lines != 1 else ""
        rules = self.shaped(view)
        fits = sizes.fits(rules)
        tried = f" even with {fits[level].words() or 'its own layout'}" + (
            f" and {words(dropped)} left out" if dropped else "")
        under = f" under {rules.words()}" if rules else ""
        what = words([fit.block]) if fit.block else "the content"
        cut = f"cut about {lines} line{plural} from "
        key = view.slug
        handout = self.project.handouts[key]
        # only changes the handout can take: one statistic where it has two, a shorter quote
        # where it prints one
        fewer = "one statistic" if len(handout.stats) > 1 else cut + "the why text or the actions"
        fixes = {"quote": f"use a shorter quote, or {fewer}",
                 "stat": ("use " if len(handout.stats) > 1 else "") + fewer + (
                     ", or use a shorter quote" if "quote" not in dropped else ""),
                 "why": cut + "the why text or the actions",
                 "action": cut + "the actions or the why text",
                 "headline": "shorten the headline",
                 "chart": cut + "the words above the chart, or mark the chart optional "
                                "(optional: [chart]) so that it is left out where it does not fit"}
        kind = fit.block.partition("-")[0]
        fix = fixes.get(kind, cut + "the handout's words")
        blocks = [b for b in ["quote", *(["stat-2"] if len(handout.stats) > 1 else []),
                              *(["chart"] if handout.chart else [])]
                  if b not in handout.optional and kind != "chart"]
        return self.project.doc("handout", key).problem(
            block_loc(fit.block), f"{named(self.project, key)} does not fit on one page"
            f"{under}{tried}: it is {fit.over_pt:.0f} pt (about {lines} line{plural}) too "
            f"long, and {what} is where to cut", fix + (
                f" (or leave a block out where it does not fit: optional: [{', '.join(blocks)}])"
                if blocks and not dropped else ""))

    def _judged(self, view: DocumentView, rendered: Document,
                fit: tuple[int, list[str]] | None = None) -> Typeset:
        """Write the PDF and judge its pages: an overprint or text outside the text area
        stops it; what else the judge saw is a warning at its block's line."""
        data = self.renderer.write(rendered, view)
        judgement, problems = judged(self.project, view, rendered, data, self.profile,
                                     self.stats, self.shaped(view))
        seen = [p for p in problems if p.severity != "error"]
        errors = tuple(p for p in problems if p.severity == "error")
        fitted = fit_warning(self.project, view.slug, *fit, self.shaped(view)
                             ) if fit is not None else ()
        if errors:
            return Typeset(view.file, None, (*fitted, *seen), errors)
        output = self._output(view, rendered, data, fit, judgement, seen)
        return Typeset(view.file, output, (*fitted, *seen),
                       fit=None if fit is None else (fit[0], tuple(fit[1])))

    def _output(self, view: DocumentView, document: Document, data: bytes,
                fit: tuple[int, list[str]] | None, judgement: Judgement,
                seen: list[Problem]) -> Output:
        kind: Kind = "brief" if view.kind == "brief" else "handout"
        facts = Facts(kind=kind, quotes=view.quotes, statistics=view.stats,
                      references=[e.id for e in view.references],
                      charts=[c.id for c in view.charts], fit=fit, datasets=view.datasets,
                      attachments=[a.name for a in view.attached],
                      layout=list(judgement.pages), judged=seen,
                      originals={q: self.project.quotes_translated[q] for q in view.quotes
                                 if q in self.project.quotes_translated},
                      blocks=block_boxes(view, judgement.regions),
                      source=self.project.docs[view.source].rel)
        return Output(view.file, data, view.title, len(document.pages), facts,
                      thumbnail(data))  # in the worker, while it is here


def _run_job(job: Job, view: DocumentView) -> Typeset:
    return job.run(view)


def typeset_all(job: Job, views: Sequence[DocumentView], pool: Workers | None,
                each: Callable[[Typeset], None] = lambda t: None) -> list[Typeset]:
    """Typeset `views`, in order: in the `pool`'s worker processes (the one pool every
    command uses), or here, one after the other, where there is none (a place's handouts,
    made in a worker already). `each` hears each result as it comes."""
    if pool is not None and views:
        return pool.map(_run_job, job, views, each)
    return [_heard(job.run(view), each) for view in views]


def _heard(typeset: Typeset, each: Callable[[Typeset], None]) -> Typeset:
    each(typeset)
    return typeset
