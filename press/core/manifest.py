"""Every file the press writes into out/, declared once, and the manifest that lists them.

A build folder (out/ for the screen profile, out/<profile>/, out/<place>/, a training's
out/print/<training>/) holds:

| kind      | where                                       | derives from       |
|-----------|---------------------------------------------|--------------------|
| document  | <chapter>-brief.pdf, <chapter>-packet.pdf,  | its sources        |
|           | handouts/<chapter>-<audience>.pdf,          |                    |
|           | <training>-handouts.pdf, -booklet, -order   |                    |
| thumbnail | preview/<document stem>.png                 | its document       |
| proof     | proof/<document stem>-page-N.png            | its document       |
| chart     | charts/<chart id>.svg                       | the build          |
| order     | <training>-order.txt                        | the print run      |
| manifest  | manifest.json                               | the build          |
| preview   | index.html                                  | the manifest       |
| target    | <place>/, print/<training>/, print/, grant/ | a build of its own |

`Manifest` is the one typed model of manifest.json, read and written here only. What
derives from a document (`derived`) goes wherever the document goes: a withdrawn document
takes its thumbnail and gray proofs with it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields, is_dataclass, replace
from functools import cache
from pathlib import Path
from types import UnionType
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

from press.core.files import write_file
from press.core.names import is_order, order_text_path, thumbnail_path
from press.core.problems import Problem

MANIFEST = "manifest.json"
PREVIEW = "index.html"
Kind = Literal["brief", "handout", "packet", "imposed", "order"]

@dataclass(frozen=True)
class PageLayout:
    """What the judge measured of one page (press/pdf/pages.py): how far down its text area
    something is drawn and its tallest white band (shares of the area), and the closest
    clearance between glyphs of two blocks (points; None: nothing within 4 pt), and the lines
    a handout's quote runs to on it (0: none there)."""

    page: int
    fill: float
    band: float
    closest_pt: float | None
    quote_lines: int = 0


@dataclass(frozen=True)
class BlockBox:
    """Where a marked block was printed (page from 0; its box in points from the trim's
    top-left corner) and the value it comes from in its file (`field`, "actions.1"), so
    that a click on a page opens the field that printed it (the studio)."""

    page: int
    left: float
    top: float
    right: float
    bottom: float
    block: str
    field: str


@dataclass(frozen=True)
class Facts:
    """What went into one output (beyond its file): the manifest's record of it, less the
    file's own name, size and digest."""

    kind: Kind
    quotes: list[str] = field(default_factory=list)
    statistics: list[str] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    charts: list[str] = field(default_factory=list)
    datasets: list[str] = field(default_factory=list)
    attachments: list[str] = field(default_factory=list)
    fit: tuple[int, list[str]] | None = None  # a handout: the fit level and blocks left out
    key: str = ""  # everything that shaped it: the same key, the same bytes
    contains: list[str] = field(default_factory=list)  # a packet: its parts
    layout: list[PageLayout] = field(default_factory=list)  # each page, as the judge saw it
    judged: list[Problem] = field(default_factory=list)  # the judge's warnings of its pages
    originals: dict[str, str] = field(default_factory=dict)  # a translated quote's own words
    blocks: list[BlockBox] = field(default_factory=list)  # each page's marked blocks
    source: str = ""  # the file its blocks' fields are in (a brief's or a handout's)


@dataclass(frozen=True)
class OutputRecord:
    file: str
    title: str
    pages: int
    bytes: int
    sha256: str
    facts: Facts


@dataclass(frozen=True)
class ChartRecord:
    id: str
    file: str
    title: str
    alt: str
    source: str
    notes: list[str] = field(default_factory=list)  # its source line and each note, printed whole


@dataclass(frozen=True)
class Withdrawn:
    file: str
    reason: str


@dataclass(frozen=True)
class LeftOut:
    """A statistic, chart or handout a place build left out (or swapped), and why."""

    what: str  # statistic, chart or handout
    id: str
    why: str
    instead: str = ""


@dataclass(frozen=True)
class Manifest:
    title: str
    language: str
    profile: str
    created: str
    pdf_variant: str = ""
    jurisdiction: str | None = None
    training: str | None = None
    funder: str | None = None  # laid out to source/funders/<funder>.yaml's rules
    reading_grades: dict[str, float] = field(default_factory=dict)  # English: a school grade
    reading_ease: dict[str, float] = field(default_factory=dict)  # Spanish: 0-100, higher easier
    charts: list[ChartRecord] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)  # what the build said, each located
    outputs: list[OutputRecord] = field(default_factory=list)
    pending: list[str] = field(default_factory=list)
    proofs: dict[str, list[str]] = field(default_factory=dict)
    left_out: dict[str, list[LeftOut]] = field(default_factory=dict)  # by handout, chapter/audience
    withdrawn: list[Withdrawn] = field(default_factory=list)
    fingerprint: str = ""  # the inputs the folder was built from; none once a file is withdrawn
    sources: str = ""  # the sources it was made from (inputs.sources): older ones, out of date

    def record(self, file: str) -> OutputRecord | None:
        return next((r for r in self.outputs if r.file == file), None)

    def derived(self, file: str) -> list[str]:
        """The files that derive from the document `file`: its thumbnail and gray proofs (and
        a print order's text)."""
        text = [order_text_path(file)] if is_order(file) else []
        return [thumbnail_path(file), *self.proofs.get(file, []), *text]

    def files(self) -> list[str]:
        """Every file of the build this manifest lists (documents, what derives from them,
        charts), the manifest and the preview page aside."""
        return [*(f for r in self.outputs for f in (r.file, *self.derived(r.file))),
                *(c.file for c in self.charts)]

    def on_disk(self, folder: Path) -> bool:
        """Whether `folder` holds every file this manifest lists, each document whole."""
        return whole(folder, self.files(), {r.file: r.bytes for r in self.outputs})

    def without(self, reasons: dict[str, str]) -> Manifest:
        """This build less the documents in `reasons` (file -> why) and what derives from
        them; it no longer holds what its inputs made, so it keeps no fingerprint."""
        return replace(
            self, outputs=[r for r in self.outputs if r.file not in reasons],
            proofs={f: p for f, p in self.proofs.items() if f not in reasons},
            withdrawn=[*self.withdrawn, *(Withdrawn(f, why) for f, why in reasons.items())],
            fingerprint="")

    def with_fingerprint(self, inputs: str, sources: str) -> Manifest:
        return replace(self, fingerprint=inputs, sources=sources)


def _record_json(record: OutputRecord) -> dict[str, object]:
    facts = asdict(record.facts)
    return {**{f.name: getattr(record, f.name) for f in fields(record) if f.name != "facts"},
            **facts}


def manifest_json(manifest: Manifest) -> dict[str, object]:
    """The manifest as manifest.json holds it (a record's facts beside its file)."""
    data = asdict(manifest)
    data["outputs"] = [_record_json(r) for r in manifest.outputs]
    return data


def read_manifest(folder: Path) -> Manifest | None:
    """The manifest of the build in `folder`, checked against its model; None where there is
    none (or it is damaged, or was written by an older press). Read with the standard
    library alone, so the quickest build (nothing changed) loads no validation library."""
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        data["outputs"] = [{**{k: v for k, v in r.items() if k in _FILE_FIELDS},
                            "facts": {k: v for k, v in r.items() if k not in _FILE_FIELDS}}
                           for r in data["outputs"]]
        built: Manifest = _built(Manifest, data)
        return built
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


_FILE_FIELDS = ("file", "title", "pages", "bytes", "sha256")


def _built(kind: Any, value: Any) -> Any:
    """`value` (plain JSON) as an instance of the type `kind`; ValueError where it is not one
    (a missing field, a field the model has not, a value of another type)."""
    return _reader(kind)(value)


@cache
def _reader(kind: Any) -> Callable[[Any], Any]:
    """The function that reads a JSON value as the type `kind`, worked out once a type
    (typing's introspection on every value was a third of a rebuild's reading of out/)."""
    origin, arguments = get_origin(kind), get_args(kind)
    if is_dataclass(kind) and isinstance(kind, type):
        return _object_reader(kind)
    if origin in (UnionType, Union):
        return _union_reader(arguments)
    if origin is Literal:
        def literal(value: Any) -> Any:
            if value not in arguments:
                raise ValueError(f"{value!r} is not one of {arguments}")
            return value
        return literal
    if origin is list:
        item = _reader(arguments[0])
        return lambda value: [item(v) for v in value] if isinstance(value, list) else _not(
            value, kind)
    if origin is tuple:
        items = [_reader(a) for a in arguments]
        return lambda value: tuple(read(v) for read, v in zip(items, value, strict=True)) if (
            isinstance(value, list) and len(value) == len(items)) else _not(value, kind)
    if origin is dict:
        entry = _reader(arguments[1])
        return lambda value: {str(k): entry(v) for k, v in value.items()} if isinstance(
            value, dict) else _not(value, kind)
    if kind is type(None):
        return lambda value: None if value is None else _not(value, kind)
    if kind is float:
        return lambda value: float(value) if isinstance(value, int | float) and not isinstance(
            value, bool) else _not(value, kind)
    if kind in (str, int, bool):
        return lambda value: value if type(value) is kind else _not(value, kind)
    return lambda value: _not(value, kind)


def _object_reader(kind: type) -> Callable[[Any], Any]:
    hints = get_type_hints(kind)
    readers: dict[str, Callable[[Any], Any]] = {}  # filled at first use: a type may name itself

    def read(value: Any) -> Any:
        if not isinstance(value, dict):
            raise ValueError(f"expected an object for {kind.__name__}")
        unknown = set(value) - set(hints)
        if unknown:
            raise ValueError(f"unknown fields {sorted(unknown)} in {kind.__name__}")
        if not readers:
            readers.update((name, _reader(hint)) for name, hint in hints.items())
        return kind(**{name: readers[name](item) for name, item in value.items()})
    return read


def _union_reader(options: tuple[Any, ...]) -> Callable[[Any], Any]:
    def read(value: Any) -> Any:
        for option in options:
            try:
                return _reader(option)(value)
            except (ValueError, TypeError):
                continue
        raise ValueError(f"{value!r} is none of {options}")
    return read


def _not(value: Any, kind: Any) -> Any:
    raise ValueError(f"{value!r} is not a {kind}")


def whole(folder: Path, files: list[str], sizes: dict[str, int]) -> bool:
    """Whether every file is in `folder` (and each of `sizes` has its size): a file deleted
    by hand is made again by the next build, never reported as already there."""
    for file in files:
        path = folder / file
        if not path.is_file() or (file in sizes and path.stat().st_size != sizes[file]):
            return False
    return True


def write_manifest(folder: Path, manifest: Manifest) -> Path:
    path = folder / MANIFEST
    write_file(path, (json.dumps(manifest_json(manifest), indent=2) + "\n").encode())
    return path


@dataclass(frozen=True)
class Output:
    """One finished file: where it goes, its bytes, and what went into it."""

    rel: str  # path under out/
    data: bytes
    title: str
    pages: int
    facts: Facts  # what went into it, as the manifest says
    thumbnail: bytes | None = None  # its first page as a PNG, when made with it


def record_of(output: Output) -> OutputRecord:
    """What the manifest says of one output."""
    return OutputRecord(output.rel, output.title, output.pages, len(output.data),
                        hashlib.sha256(output.data).hexdigest(), output.facts)
