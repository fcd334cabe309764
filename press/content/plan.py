"""Plan: every output of one build, with the exact inputs each depends on.

From the loaded (and, for a place, localized) project, a profile and a date, the plan holds
every statistic, every document's typed view (its charts planned, not drawn), each packet,
and for each output a key: a digest of everything that shapes its bytes (the view, the
templates and stylesheets, the fonts, the chart files, the engine and library versions, the
profile and date). The build renders only the outputs whose key changed since the last
build; nothing here draws, lays out or writes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
from dataclasses import dataclass

from typing_extensions import TypedDict  # pydantic reads it (typing's, before Python 3.12)

from press.content.compose import Composer, DocumentView
from press.content.compute import StatValue
from press.content.describe import ChartFile
from press.core import files, sizes
from press.core.inputs import engine
from press.core.names import packet_file
from press.source import catalogue
from press.source.load import Project

FITS_MEMO = "fits"  # how each handout fitted its page, by its key (a memo)


class Fitted(TypedDict, total=False):
    """What the memo of fits holds for a handout: the fit level it took and the blocks it
    dropped, or the problem (file, line, column, message, hint) of what crossed its foot."""

    fit: tuple[int, list[str]]
    failure: tuple[str, int, int, str, str]


def created_date(project: Project) -> str:
    """The documents' creation date: SOURCE_DATE_EPOCH if set, else the edition date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date().isoformat()
    return project.settings.edition_date.isoformat()


@dataclass(frozen=True)
class DocumentPlan:
    view: DocumentView
    inputs: dict[str, str]  # what shapes it -> digest
    key: str


@dataclass(frozen=True)
class PacketPlan:
    chapter: str
    file: str
    title: str
    parts: tuple[str, ...]  # the files joined, in order
    key: str


@dataclass(frozen=True)
class Plan:
    project: Project
    profile: str
    place: str | None
    created: str
    stats: dict[str, StatValue]
    documents: tuple[DocumentPlan, ...]
    packets: tuple[PacketPlan, ...]
    rules: dict[str, sizes.Rules] = dataclasses.field(default_factory=dict)  # a funder's, by kind

    @property
    def charts(self) -> list[ChartFile]:
        return [c for d in self.documents for c in d.view.charts]


def digest(value: object) -> str:
    """A stable digest of plain data (dataclasses, paths and markup as text)."""
    def plain(item: object) -> object:
        if dataclasses.is_dataclass(item) and not isinstance(item, type):
            return {f.name: plain(getattr(item, f.name)) for f in dataclasses.fields(item)}
        if isinstance(item, dict):
            return {str(k): plain(v) for k, v in item.items()}
        if isinstance(item, list | tuple):
            return [plain(v) for v in item]
        if hasattr(item, "model_dump"):
            return item.model_dump(mode="json")
        return item if isinstance(item, int | float | bool | type(None)) else str(item)

    text = json.dumps(plain(value), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def _layout_inputs(project: Project, kind: str, profile: str) -> dict[str, str]:
    layouts = project.root / "layouts"
    sheets = ["css/common.css", f"css/{kind}.css", f"css/{profile}.css"]
    names = ["base.html", "macros.html", f"{kind}.html", *sheets]
    found = {f"layouts/{name}": files.digest(layouts / name) for name in names
             if (layouts / name).is_file()}
    for face in project.brand.fonts.faces:
        path = layouts / "fonts" / face.file
        if path.is_file():
            found[f"layouts/fonts/{face.file}"] = files.digest(path)
    return found


def make_plan(project: Project, stats: dict[str, StatValue], profile: str, today: dt.date,
              created: str, place: str | None = None,
              rules: dict[str, sizes.Rules] | None = None) -> Plan:
    """The plan of one build, each document laid out to a funder's `rules` for its kind
    where there are any (keyed by them too). Raises compose.ConsentError if a quote may not
    be used."""
    rules = rules or {}
    composer = Composer(project, stats, profile, today, place)
    common = {"engine": engine(), "profile": profile, "created": created,
              "paper": project.settings.paper, "brand": digest(project.brand)}
    documents: list[DocumentPlan] = []
    packets: list[PacketPlan] = []
    for chapter, brief in project.briefs.items():
        views = [] if place else [composer.brief(chapter, brief)]
        audiences = brief.audiences()
        handouts = sorted(((k, h) for k, h in project.handouts.items() if h.chapter == chapter),
                          key=lambda pair: _order(pair[0], audiences))
        views += [composer.handout(key, handout) for key, handout in handouts]
        planned = [_document(project, view, common, rules.get(view.kind)) for view in views]
        documents += planned
        if not place and planned:
            title = catalogue.Words(project.root, project.edition).say(
                "{title}: brief and handouts", title=brief.title)
            key = digest([title, [d.key for d in planned]])
            packets.append(PacketPlan(chapter, packet_file(chapter), title,
                                      tuple(d.view.file for d in planned), key))
    return Plan(project, profile, place, created, stats, tuple(documents), tuple(packets),
                rules)


def _order(key: str, audiences: list[str]) -> tuple[int, str]:
    """Handouts in the order the chapter's roster names them, then any others by name."""
    audience = key.split("/", 1)[1]
    return (audiences.index(audience) if audience in audiences else len(audiences), audience)


def _document(project: Project, view: DocumentView, common: dict[str, str],
              rules: sizes.Rules | None = None) -> DocumentPlan:
    inputs = {**common, **_layout_inputs(project, view.kind, common["profile"]),
              "content": digest(dataclasses.replace(view, charts=[])),
              "charts": digest([c.path.name for c in view.charts])}
    if rules:  # laid out to a funder's margins and type floor
        inputs["rules"] = digest(rules)
    if view.kind == "handout":  # its optional blocks may be left out to fit
        inputs["handout"] = digest(project.handouts[view.slug])
    return DocumentPlan(view, inputs, digest(inputs))
