"""Opening and saving what the studio edits: one entry of a file at a time.

An entry is a whole file for a brief, a handout, the brand or the settings, and one item
(by its id) for a list file: a quote of quotes.yaml, a statistic, a chart, a reference. A
form carries the digest of its entry's data as it was opened. Saving re-reads the file,
finds the entry again by its id, and writes only when that entry is still as it was opened:
two tabs editing one entry never overwrite each other (the second is told), while two tabs
editing two quotes of quotes.yaml both land. The file is changed only where the entry's
values changed (press/source/splice.py), written whole (press/core/files.write_file), then
committed alone when the project is a git repository (press/studio/history.py).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from press.core import files
from press.core.problems import Problem
from press.source.splice import NotSpliced, append, entry_digest, new_file, plain_load, splice
from press.studio import history

# One save at a time: a save reads the file, compares and writes it in one step.
SAVING = threading.Lock()
LIST_FILES = {"source/quotes.yaml": "quotes", "source/stats.yaml": "stats",
              "source/charts.yaml": "charts", "source/references.yaml": "references"}
WHOLE_FILES = {"source/brand.yaml": "brand", "source/settings.yaml": "settings"}


def kind_of(source: str) -> str | None:
    """The kind (press/source/load.py's KINDS) of a file the studio edits, or None."""
    if source in LIST_FILES:
        return LIST_FILES[source]
    if source in WHOLE_FILES:
        return WHOLE_FILES[source]
    parts = source.split("/")
    if len(parts) == 3 and parts[:2] == ["source", "briefs"] and _plain_name(parts[2]):
        return "brief"
    if len(parts) == 4 and parts[:2] == ["source", "handouts"] and _plain_name(parts[3]):
        return "handout"
    if len(parts) == 3 and parts[:2] == ["source", "trainings"] and _plain_name(parts[2]):
        return "training"
    if len(parts) == 3 and parts[:2] == ["source", "funders"] and _plain_name(parts[2]):
        return "funder"
    return None


def _plain_name(name: str) -> bool:
    """A content file's name: words and hyphens, .yaml (a translation has a second dot)."""
    stem, dot, suffix = name.rpartition(".")
    return bool(dot) and suffix == "yaml" and stem.replace("-", "").isalnum() and "." not in stem


def editable(root: Path, source: str) -> bool:
    """Whether `source` names a file the studio edits: one of source/'s content files,
    inside the project (after following links), an ordinary file."""
    if kind_of(source) is None:
        return False
    try:
        files.checked(root.resolve(), root / source)
    except files.Refused:
        return False
    return True


@dataclass(frozen=True)
class Opened:
    """An entry as it was opened: its file, kind, id, place in the file, data, digest."""

    source: str
    kind: str
    entry: str | None  # a list file's entry id
    index: int | None
    value: Any
    digest: str
    label: str
    new: bool = False  # an entry not yet in its file (a quote being added), at its end

    @property
    def prefix(self) -> tuple[int | str, ...]:
        """The entry's path in its file: (3,) for the fourth quote, () for a whole file."""
        return () if self.index is None else (self.index,)


def _read(root: Path, source: str) -> tuple[str, Any]:
    text = files.read_bytes(root.resolve(), root / source).decode("utf-8")
    return text, plain_load(text)


def open_entry(root: Path, source: str, entry: str | None) -> Opened | None:
    """The entry `entry` of `source` (a list file), or the whole file; None when there is
    no such file or entry, or the file does not read as YAML."""
    kind = kind_of(source)
    if kind is None or not editable(root, source):
        return None
    try:
        _, data = _read(root, source)
    except (OSError, UnicodeDecodeError, yaml.YAMLError, files.Refused):
        return None
    if source in LIST_FILES:
        if not isinstance(data, list):
            return None
        index = _find(data, entry)
        if index is None:
            return None
        item = data[index]
        label = str(item.get("id", entry)) if isinstance(item, dict) else str(entry)
        return Opened(source, kind, entry, index, item, entry_digest(item), label)
    if not isinstance(data, dict):
        return None
    return Opened(source, kind, None, None, data, entry_digest(data), source.rsplit("/", 1)[-1])


ADDABLE = ("source/quotes.yaml",)


def new_entry(root: Path, source: str) -> Opened | None:
    """A new entry of a list file (ADDABLE), to be added at its end; None where the file
    does not read as a list."""
    if source not in ADDABLE or not editable(root, source):
        return None
    try:
        _, data = _read(root, source)
    except (OSError, UnicodeDecodeError, yaml.YAMLError, files.Refused):
        return None
    if not isinstance(data, list):
        return None
    return Opened(source, LIST_FILES[source], None, len(data), {}, entry_digest({}), "",
                  new=True)


def proposed_id(root: Path, source: str, speaker: str, words: str) -> str:
    """A short name for a new quote from its speaker's first name and the first long word
    of its words ("maheen-enforcement"), unique in the file ("-2" where it is taken)."""
    from press.core.names import slug_of

    first = slug_of(speaker).split("-")[0] if slug_of(speaker) else "quote"
    word = next((w for w in slug_of(words).split("-") if len(w) >= 5 and w not in COMMON),
                "")
    base = "-".join(part for part in (first, word) if part)[:50].strip("-") or "quote"
    taken = {str(item.get("id")) for item in _entries(root, source)}
    ident, number = base, 2
    while ident in taken:
        ident, number = f"{base}-{number}", number + 1
    return ident


COMMON = {"about", "after", "again", "could", "every", "first", "their", "there", "these",
          "thing", "think", "those", "would", "where", "which", "while", "being", "because",
          "never", "other", "people", "really", "something", "things", "through"}


def _entries(root: Path, source: str) -> list[dict[str, Any]]:
    try:
        _, data = _read(root, source)
    except (OSError, UnicodeDecodeError, yaml.YAMLError, files.Refused):
        return []
    return [item for item in data if isinstance(item, dict)] if isinstance(data, list) else []


def _find(data: list[Any], entry: str | None) -> int | None:
    if entry is None:
        return None
    for index, item in enumerate(data):
        if isinstance(item, dict) and str(item.get("id")) == entry:
            return index
    return None


def draft_text(root: Path, opened: Opened, value: Any) -> str | Problem:
    """The file's text with the entry as the form has it (nothing written), or the
    problem that keeps it from being written."""

    def drafted() -> str:
        text, _ = _read(root, opened.source)
        if opened.new:
            return append(text, value if isinstance(value, dict) else {})
        return splice(text, opened.prefix, value)

    return written_or_problem(opened.source, drafted, "the file",
                              "undo the last change, or edit the file in a text editor")


def written_or_problem(source: str, draft: Callable[[], str], what: str, fix: str
                       ) -> str | Problem:
    """`draft()`, a file's new text, or the problem that keeps it from being written:
    `what` ("the file") that cannot be read, or a change splice cannot write (`fix`)."""
    try:
        return draft()
    except (OSError, UnicodeDecodeError, yaml.YAMLError, files.Refused) as error:
        return Problem(source, 0, 0, f"{what} cannot be read ({error})", "reload the page")
    except NotSpliced as error:
        return Problem(source, 0, 0, f"this change cannot be written into the file: "
                       f"{error}", fix)


@dataclass(frozen=True)
class Outcome:
    """What a save did: saved (and committed), or why not (a conflict, a problem)."""

    saved: bool
    conflict: bool = False
    message: str = ""
    commit: str = ""
    digest: str = ""  # the entry's digest as saved: the form's, for its next save
    changed: bool = False  # the file was written
    refused: int = 0  # not saved: the problems in its own fields, to fix first
    roster: Roster | None = None  # a handout renamed: its name in its brief's roster


def save(root: Path, source: str, entry: str | None, digest: str, value: Any) -> Outcome:
    """Write the entry as `value` when it is still as the form opened it (`digest`)."""
    with SAVING:
        current = open_entry(root, source, entry)
        if current is None:
            return Outcome(False, True, "This entry is no longer in the file (it was removed "
                           "or renamed in another window). Copy your words, then reload.")
        if current.digest != digest:
            return Outcome(False, True, "Someone saved this entry in another window or tab "
                           "after you opened it. Your changes are not saved: copy them, "
                           "reload the page to see the saved version, then make them again.")
        if entry_digest(value) == digest:
            return Outcome(True, message="Nothing to save: it is as it was.", digest=digest)
        draft = draft_text(root, current, value)
        if isinstance(draft, Problem):
            return Outcome(False, message=f"{draft.message}. Fix: {draft.hint}")
        roster = in_roster(root, current, value)
        files.write_file(root.resolve() / source, draft.encode("utf-8"))
        if roster.text:  # the handout's new name in its brief's roster, in the same save
            files.write_file(root.resolve() / roster.brief, roster.text.encode("utf-8"))
        fields = ", ".join(f for f in changed_fields(current.value, value) if f)
        commit = history.commit(root, source, f"Studio: {_what(current)} edited" + (
            f": {fields}" if fields else ""), (roster.brief,) if roster.text else ())
    return Outcome(True, message="Saved.", commit=commit, digest=entry_digest(value),
                   changed=True, roster=roster)


@dataclass(frozen=True)
class Roster:
    """What a handout's new audience does to its name in its brief's roster (the roles
    block, whose entry the scaffold named after the audience): `text`, the brief as it is
    written with the new name; or `kept`, the other name the roster keeps (written there by
    hand: not changed)."""

    brief: str = ""
    text: str = ""
    kept: str = ""


def in_roster(root: Path, opened: Opened, value: Any) -> Roster:
    """The roster's entry of a handout whose audience a save renames (Roster() for any
    other save, or where its brief has no roster naming it)."""
    old = opened.value.get("audience") if isinstance(opened.value, dict) else None
    new = value.get("audience") if isinstance(value, dict) else None
    parts = opened.source.split("/")
    if opened.kind != "handout" or not isinstance(new, str) or not new.strip() or old == new:
        return Roster()
    brief = f"source/briefs/{parts[2]}.yaml"
    try:
        text, data = _read(root, brief)
    except (OSError, UnicodeDecodeError, yaml.YAMLError, files.Refused):
        return Roster()
    blocks = data.get("blocks") if isinstance(data, dict) else None
    stem = parts[3].removesuffix(".yaml")
    for at, block in enumerate(blocks if isinstance(blocks, list) else []):
        items = block.get("items") if isinstance(block, dict) and block.get("type") == \
            "roles" else None
        for index, item in enumerate(items if isinstance(items, list) else []):
            if not isinstance(item, dict) or item.get("id") != stem:
                continue
            if item.get("name") != old:
                return Roster(brief, kept=str(item.get("name", "")))
            try:
                return Roster(brief, splice(text, ("blocks", at, "items", index),
                                            {**item, "name": new.strip()}))
            except NotSpliced:
                return Roster(brief, kept=str(item.get("name", "")))
    return Roster()


def add(root: Path, source: str, value: Any) -> Outcome:
    """Add `value` as a new entry at the end of `source` (a list file), written as the
    entries around it are, and commit the file; refused when its id is taken already."""
    with SAVING:
        ident = str(value.get("id", "")) if isinstance(value, dict) else ""
        if any(str(item.get("id")) == ident for item in _entries(root, source)):
            return Outcome(False, message=f"The short name \u201c{ident}\u201d is taken by another "
                           "entry already: choose another.")
        current = new_entry(root, source)
        if current is None:
            return Outcome(False, message="The file does not read as a list of entries.")
        return _written(root, source, draft_text(root, current, value), value,
                        f"Studio: {source} ({ident}) added", "Added.")


def _written(root: Path, source: str, text: str | Problem, value: Any, message: str,
             said: str) -> Outcome:
    """`text` written as `source` and committed (`message`), the save `said` so; or the
    problem that keeps it from being written."""
    if isinstance(text, Problem):
        return Outcome(False, message=f"{text.message}. Fix: {text.hint}")
    files.write_file(root.resolve() / source, text.encode("utf-8"))
    commit = history.commit(root, source, message)
    return Outcome(True, message=said, commit=commit, digest=entry_digest(value), changed=True)


def changed_fields(old: Any, new: Any, path: str = "") -> list[str]:
    """The dotted paths (from the entry) of the values a save changed: "headline",
    "consent.uses" ("" for the whole entry, when it changed its kind)."""
    if isinstance(old, dict) and isinstance(new, dict):
        found = []
        for key in [*old, *(k for k in new if k not in old)]:
            if old.get(key) != new.get(key):
                found += changed_fields(old.get(key), new.get(key), f"{path}.{key}".lstrip("."))
        return found
    return [path] if old != new else []


def _what(opened: Opened) -> str:
    return f"{opened.source} ({opened.entry})" if opened.entry else opened.source


def create(root: Path, what: str, name: str, chapter: str | None, audience: str = ""
           ) -> list[str]:
    """A new handout (added to its chapter's roster) or chapter (its first handout for
    `audience`), from the scaffolds; the files written, from the project's folder, each
    committed."""
    from press import api

    root = root.resolve()
    with SAVING:
        if what == "chapter":
            written = api.new_chapter(root, name, audience.strip() or api.FIRST_AUDIENCE)
        else:
            written = api.new_handout(root, name, chapter)
        rels = [p.relative_to(root).as_posix() for p in written]
        for rel in rels:
            history.commit(root, rel, f"Studio: {rel} started")
        roster = _add_to_roster(root, written[0]) if what == "handout" else None
        if roster:
            rel = roster.relative_to(root).as_posix()
            rels.append(rel)
            history.commit(root, rel, f"Studio: {rel}: {name.strip()} added to the roster")
    return rels[::-1] if what == "handout" else rels


def _add_to_roster(root: Path, handout: Path) -> Path | None:
    """The new audience added to its chapter's roster (the brief's roles block); the brief,
    or None where the chapter has no roster or names it already."""
    chapter, audience = handout.parent.name, handout.stem
    brief = root / "source" / "briefs" / f"{chapter}.yaml"
    try:
        text = brief.read_text(encoding="utf-8")
        data = yaml.safe_load(text)
        written = yaml.safe_load(handout.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    blocks = data.get("blocks") if isinstance(data, dict) else None
    if not isinstance(blocks, list):
        return None
    at = next((i for i, b in enumerate(blocks) if isinstance(b, dict) and
               b.get("type") == "roles" and isinstance(b.get("items"), list)), None)
    if at is None:
        return None
    items = blocks[at]["items"]
    if any(isinstance(i, dict) and i.get("id") == audience for i in items):
        return None
    label = written.get("audience", audience) if isinstance(written, dict) else audience
    try:
        text = splice(text, ("blocks", at, "items"), [*items, {"id": audience, "name": label}])
    except NotSpliced:
        return None
    files.write_file(brief, text.encode("utf-8"))
    return brief


TRAININGS = "source/trainings"
TRAINING_HEAD = ("# yaml-language-server: $schema=../../press/schemas/training.schema.json\n"
                 "# A training's print run, written in the studio's Print runs page.\n")


def training_source(name: str) -> str:
    """The file of the training `name` ("ma-police-in-service"), from the project's folder."""
    return f"{TRAININGS}/{name}.yaml"


def new_training(name: str) -> Opened:
    """A training not yet written, to be saved as source/trainings/<name>.yaml."""
    return Opened(training_source(name), "training", None, None, {}, entry_digest({}), name,
                  new=True)


def training_text(source: str, value: Any) -> str | Problem:
    """A new training's file as a person writes one (its schema's line on top), or the
    problem that keeps it from being written."""
    return written_or_problem(source, lambda: new_file(value if isinstance(value, dict) else {},
                                                       TRAINING_HEAD),
                              "the file", "write the training in a text editor")


def create_training(root: Path, name: str, value: Any) -> Outcome:
    """Write a new training (refused where its file is there already) and commit it."""
    source = training_source(name)
    with SAVING:
        if (root / source).exists():
            return Outcome(False, message=f"A training named \u201c{name}\u201d is there already: "
                           "choose another short name, or open that one.")
        return _written(root, source, training_text(source, value), value,
                        f"Studio: {source} started", "Saved.")
