"""The studio's "Bring in a table" page: a CSV export uploaded, its descriptor proposed
(press/source/propose.py) as a form with what is uncertain marked, changed, and read as the
build reads it (press/source/intake.py) before anything is saved: rows read, counted, left
out and why, and each place's shares. Columns that look personal are dropped from the saved
CSV unless kept one by one. Saving writes the CSV and the descriptor into source/data/
(each written whole), and commits them only when asked.

An upload is kept in the studio's memory (the last few, never on disk) until it is saved.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from press.core import files
from press.core.names import slug_of
from press.source.intake import Preview, preview, without_columns
from press.source.load import read_settings
from press.source.propose import LABELS, Choice, Proposal, descriptor_of, propose, sex_of
from press.studio import history, store
from press.studio.guard import MOST_BYTES

KEPT_UPLOADS = 4  # uploads held at once (the oldest let go)
CSV_TYPES = {"text/csv", "text/plain", "application/csv", "application/vnd.ms-excel",
             "text/comma-separated-values", "application/octet-stream", ""}
LAYOUTS = {"long": "One row per place, year and group, with a count",
           "wide": "One column of counts for each group",
           "year-columns": "One row per group, one column per year (a published table)",
           "records": "One row per arrest or arrestee (no count column)"}
GROUP_CHOICES = {**LABELS, "total": "A total (checked, never counted)",
                 "out": "Leave these rows out"}
NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,59}$")
MOST_VALUES = 50  # group or offense values offered one by one


@dataclass(frozen=True)
class Upload:
    name: str  # the file's name as uploaded (a plain name: never a path)
    data: bytes
    proposal: Proposal


@dataclass
class BringIn:
    """The page's handlers, and the uploads not yet saved."""

    root: Path
    render: Callable[..., HTMLResponse]  # Studio.render
    requested: Callable[[], object]  # asks for a build after a save
    uploads: OrderedDict[str, Upload] = field(default_factory=OrderedDict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def keep(self, upload: Upload) -> str:
        key = secrets.token_urlsafe(12)
        with self.lock:
            self.uploads[key] = upload
            while len(self.uploads) > KEPT_UPLOADS:
                self.uploads.popitem(last=False)
        return key

    async def form(self, request: Request) -> Response:
        return self.render("bringin.html", request, stage="upload", refused="")

    async def upload(self, request: Request) -> Response:
        posted = await request.form(max_files=1, max_fields=20)
        sent = posted.get("file")
        refused = await _refusal(sent)
        if refused or not isinstance(sent, UploadFile):
            return self.render("bringin.html", request, stage="upload",
                               refused=refused or "Choose a CSV file to bring in.")
        data = await sent.read()
        name = _plain_name(sent.filename or "export.csv")
        proposal = await run_in_threadpool(propose, name, data)
        if proposal.problems:
            return self.render("bringin.html", request, stage="upload", refused=(
                f"The press cannot read a table in this file: {proposal.problems[0]}."))
        key = self.keep(Upload(name, data, proposal))
        choice = proposal.choice
        return await self.shown(request, key, choice, _slug(name), keep=[])

    async def shown(self, request: Request, key: str, choice: Choice, dataset: str,
                    keep: list[str], said: str = "", error: str = "", ask: bool = False,
                    status: int = 200) -> Response:
        upload = self.uploads.get(key)
        if upload is None:
            return self.render("bringin.html", request, stage="upload", refused=(
                "That upload is no longer held (the studio was restarted, or other files were "
                "brought in since). Upload the file again."))
        seen = await run_in_threadpool(self.read, upload, choice)
        return self.render("bringin.html", request, status=status, stage="form", key=key,
                           upload=upload, proposal=upload.proposal, choice=choice, seen=seen,
                           dataset=dataset, keep=keep, layouts=LAYOUTS, said=said, error=error,
                           ask=ask, groups=GROUP_CHOICES,
                           values=_values(upload.proposal, choice),
                           places=_places(upload.proposal, choice),
                           offenses=_offenses(upload.proposal, choice),
                           sources=_references(self.root), most=MOST_VALUES)

    def read(self, upload: Upload, choice: Choice) -> Preview:
        mapping = descriptor_of(choice, [upload.name], preview=True)
        return preview(upload.name, upload.data, mapping, _edition(self.root))

    async def again(self, request: Request) -> Response:
        posted = await request.form(max_files=0, max_fields=2000)
        key = _one(posted, "key")
        upload = self.uploads.get(key)
        choice = chosen(posted, upload.proposal if upload else None)
        return await self.shown(request, key, choice, _one(posted, "dataset"),
                                _many(posted, "keep"))

    async def save(self, request: Request) -> Response:
        posted = await request.form(max_files=0, max_fields=2000)
        key = _one(posted, "key")
        upload = self.uploads.get(key)
        choice = chosen(posted, upload.proposal if upload else None)
        dataset = _one(posted, "dataset").strip()
        keep = _many(posted, "keep")
        if upload is None:
            return await self.shown(request, key, choice, dataset, keep)
        error = _not_ready(choice, dataset)
        seen = await run_in_threadpool(self.read, upload, choice)
        if not error and (seen.invalid or seen.errors):
            error = "The table does not read yet with these choices: see what is wrong below."
        if error:
            return await self.shown(request, key, choice, dataset, keep, error=error)
        outcome = await run_in_threadpool(
            self.write, upload, choice, dataset, keep, _one(posted, "replace") == "yes",
            _one(posted, "commit") == "yes")
        if outcome.startswith("exists:"):
            return await self.shown(request, key, choice, dataset, keep, ask=True, error=(
                f"A dataset named \u201c{dataset}\u201d is in source/data already. Tick "
                "\u201cReplace it\u201d to write over it, or choose another name."))
        self.requested()
        with self.lock:
            self.uploads.pop(key, None)
        return self.render("bringin.html", request, stage="saved", said=outcome,
                           dataset=dataset)

    def write(self, upload: Upload, choice: Choice, dataset: str, keep: list[str],
              replace: bool, commit: bool) -> str:
        """Write the CSV (its personal columns dropped, unless kept) and the descriptor;
        commit them when asked. "exists:" when the name is taken and not to be replaced."""
        folder = self.root.resolve() / "source" / "data"
        csv_rel, yaml_rel = f"source/data/{dataset}.csv", f"source/data/{dataset}.yaml"
        used = _used(choice)
        dropped = [c for c in upload.proposal.personal if c not in keep and c not in used]
        data = without_columns(upload.data, dropped, choice.encoding, choice.delimiter,
                               choice.header_row)
        mapping = descriptor_of(choice, [f"{dataset}.csv"])
        text = yaml.safe_dump(mapping, sort_keys=False, allow_unicode=True, width=100)
        with store.SAVING:
            taken = [p for p in (folder / f"{dataset}.csv", folder / f"{dataset}.yaml")
                     if p.exists() or p.is_symlink()]
            if taken and not replace:
                return "exists:"
            for path in taken:
                files.checked(self.root.resolve(), path)  # a link out of the project: refused
            files.write_file(folder / f"{dataset}.csv", data)
            files.write_file(folder / f"{dataset}.yaml", text.encode("utf-8"))
            commits = [history.commit(self.root, rel, f"Studio: {rel} brought in")
                       for rel in (csv_rel, yaml_rel)] if commit else []
        gone = f" The column{'s' if len(dropped) > 1 else ''} " + ", ".join(
            f"\u201c{c}\u201d" for c in dropped) + " left out of it." if dropped else ""
        kept = " Committed to the history." if any(commits) else ""
        return f"Saved {csv_rel} and {yaml_rel}.{gone}{kept}"


def _used(choice: Choice) -> set[str]:
    return {c for c in (choice.jurisdiction, choice.year, choice.date, choice.group,
                        choice.count, choice.total_column, choice.filter_column,
                        *choice.female, *choice.male, *choice.unknown) if c}


def _not_ready(choice: Choice, dataset: str) -> str:
    if not NAME.fullmatch(dataset):
        return ("Write the dataset's short name: small letters, digits and hyphens "
                "(\u201cmillbrook-arrests\u201d).")
    if not choice.jurisdiction and not choice.place.strip():
        return "Write the place these figures are of (no column names it)."
    if not choice.source:
        return "Choose the source the figures come from."
    return ""


async def _refusal(sent: Any) -> str:
    """Why an upload is refused, in plain words ("" when it is taken)."""
    if not isinstance(sent, UploadFile) or not sent.filename:
        return "Choose a CSV file to bring in."
    if not sent.filename.lower().endswith(".csv") or sent.content_type not in CSV_TYPES:
        return ("Only a CSV file can be brought in (its name ends in .csv). In a spreadsheet, "
                "choose File, Save as, CSV.")
    if (sent.size or 0) > MOST_BYTES:
        return "The file is larger than the studio takes (2 MB)."
    head = await sent.read(4096)
    await sent.seek(0)
    if b"\x00" in head:
        return ("This file is not a CSV (it holds bytes no text does: a spreadsheet's own "
                "file?). In a spreadsheet, choose File, Save as, CSV.")
    return ""


def _plain_name(name: str) -> str:
    """The upload's own name, without any folder, as a CSV name the descriptor allows."""
    base = re.split(r"[\\/]", name)[-1]
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "-", base).strip("-.") or "export.csv"
    return cleaned if cleaned.lower().endswith(".csv") else cleaned + ".csv"


def _slug(name: str) -> str:
    return (slug_of(name.rsplit(".", 1)[0]) or "brought-in")[:60].strip("-")


def _one(posted: FormData, name: str) -> str:
    value = posted.get(name)
    return value if isinstance(value, str) else ""


def _many(posted: FormData, name: str) -> list[str]:
    return [v for v in posted.getlist(name) if isinstance(v, str) and v]


def chosen(posted: FormData, proposal: Proposal | None) -> Choice:
    """The choice the form sends back (what it does not send: as proposed)."""
    base = proposal.choice if proposal else Choice()
    row = _one(posted, "header_row")
    values = {}
    for index in range(MOST_VALUES):
        raw = posted.get(f"value-{index}")
        to = _one(posted, f"to-{index}")
        if isinstance(raw, str) and to in GROUP_CHOICES:
            values[raw] = to
    layout = _one(posted, "layout")
    places = {}
    for index in range(MOST_VALUES):
        raw, printed = posted.get(f"place-{index}"), _one(posted, f"printed-{index}").strip()
        if isinstance(raw, str) and printed and printed != raw:
            places[raw] = printed[:190]
    return Choice(
        encoding="windows-1252" if _one(posted, "encoding") == "windows-1252" else "utf-8",
        delimiter=base.delimiter,
        header_row=int(row) if row.isdigit() and 0 < int(row) <= 100 else base.header_row,
        layout=layout if layout in LAYOUTS else base.layout,
        jurisdiction=_one(posted, "jurisdiction"), place=_one(posted, "place").strip(),
        place_names=places,
        year=_one(posted, "year"), date=_one(posted, "date"), group=_one(posted, "group"),
        count=_one(posted, "count"), female=_many(posted, "female"),
        male=_many(posted, "male"), unknown=_many(posted, "unknown"),
        total_column=_one(posted, "total_column"), values=values,
        filter_column=_one(posted, "filter_column"), kept=_many(posted, "kept"),
        title=_one(posted, "title").strip()[:190] or base.title,
        measure=_one(posted, "measure").strip()[:190] or base.measure,
        source=_one(posted, "source"))


def _values(proposal: Proposal, choice: Choice) -> list[tuple[str, str]]:
    """The group column's values, each with the group it is read as."""
    column = proposal.column(choice.group)
    if column is None:
        return []
    return [(value, choice.values.get(value) or sex_of(value) or "out")
            for value, _ in column.values.most_common(MOST_VALUES)]


def _places(proposal: Proposal, choice: Choice) -> list[tuple[str, str]]:
    """The place column's values, each with the name printed for it."""
    column = proposal.column(choice.jurisdiction)
    if column is None:
        return []
    return [(value, choice.place_names.get(value, value))
            for value, _ in column.values.most_common(MOST_VALUES)]


def _offenses(proposal: Proposal, choice: Choice) -> list[tuple[str, bool]]:
    column = proposal.column(choice.filter_column)
    if column is None:
        return []
    return [(value, value in choice.kept) for value in sorted(column.values)[:MOST_VALUES]]


def _references(root: Path) -> list[str]:
    try:
        data = yaml.safe_load(files.read_bytes(root.resolve(), root / "source" /
                                               "references.yaml").decode("utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError, files.Refused):
        return []
    return [str(r["id"]) for r in data or [] if isinstance(r, dict) and "id" in r] \
        if isinstance(data, list) else []


def _edition(root: Path) -> dt.date | None:
    """The edition date (settings.yaml, as the build reads it): no data year after it."""
    settings = read_settings(root)
    return settings.edition_date if settings else None
