"""Editions side by side: a document's (or a shared file's) translation, field by field.

For the chosen edition every translatable field is a row: the English now, the translation
a person types, and its state (missing, stale: its `of:` differs from the English now, or
translated), all from press/source/editions.py (the fields `translate` and the build's
warnings use, and their `current`). Saving a row writes that entry of the translation file
alone (press/source/splice.py: every other byte as it was; a new entry appended in its
neighbours' indentation; a new file starts with its schema line), marks it as of the English
now (`of:`), refuses when the entry changed since the page was opened, and commits the file.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from press.core import files
from press.core.problems import Problem
from press.source import editions
from press.source.splice import NotSpliced, entry_digest, splice
from press.source.yamledit import scalar
from press.studio import history, store

KINDS = ("handout", "brief", "quotes", "stats", "charts")  # what the studio translates
STATES = ("missing", "stale", "translated")  # in the order a translator takes them


def kind_of(source: str) -> str | None:
    """The kind of a source file the translations page shows, or None."""
    kind = store.kind_of(source)
    return kind if kind in KINDS else None


@dataclass(frozen=True)
class Segment:
    """A run of words of a stale row's English: kept, taken out (del) or put in (ins)."""

    how: str  # equal, del or ins
    words: str


@dataclass(frozen=True)
class Row:
    """One translatable field: its path, the English now, the translation, its state."""

    path: str
    english: str
    text: str
    state: str
    then: str = ""  # a stale row's English as it was translated ("": only a fingerprint)
    changes: tuple[Segment, ...] = ()
    digest: str = ""  # the entry as the page read it (the conflict check)


@dataclass(frozen=True)
class Sheet:
    """A file's translation into an edition, every row, missing and stale first."""

    source: str
    edition: str
    file: str  # the translation's file, from the project's folder
    rows: tuple[Row, ...]

    def count(self, state: str) -> int:
        return sum(1 for row in self.rows if row.state == state)


def translation_file(source: str, edition: str) -> str:
    return editions.translation_path(Path(source), edition).as_posix()


def _load(root: Path, rel: str) -> tuple[str, Any] | None:
    """A file's text and data; None where it is not there."""
    path = root / rel
    if not path.exists():
        return None
    text = files.read_bytes(root.resolve(), path).decode("utf-8")
    return text, yaml.safe_load(text)


def sheet(root: Path, source: str, edition: str) -> Sheet | None:
    """The rows of `source`'s translation into `edition`; None where `source` is not a file
    the studio translates, or it or its translation does not read."""
    kind = kind_of(source)
    if kind is None or not store.editable(root, source):
        return None
    rel = translation_file(source, edition)
    try:
        english_file = _load(root, source)
        translated = _load(root, rel)
    except (OSError, UnicodeDecodeError, yaml.YAMLError, files.Refused):
        return None
    if english_file is None:
        return None
    entries = translated[1] if translated else {}
    if not isinstance(entries, dict):
        return None
    english = editions.source_fields(kind, english_file[1])
    rows = [_row(path, words, entries.get(path)) for path, words in english.items()]
    rows.sort(key=lambda row: STATES.index(row.state))  # (stable: the file's order within)
    return Sheet(source, edition, rel, tuple(rows))


def _row(path: str, english: str, entry: Any) -> Row:
    digest = entry_digest(entry)
    text = entry.get("text") if isinstance(entry, dict) else None
    if not isinstance(text, str) or not text.strip():
        return Row(path, english, "", "missing", digest=digest)
    of = entry.get("of")
    if of is None or editions.current(str(of), english):
        return Row(path, english, text, "translated", digest=digest)
    if editions.FINGERPRINT.fullmatch(str(of)):
        return Row(path, english, text, "stale", digest=digest)
    then = editions.marked(str(of))
    return Row(path, english, text, "stale", then, changes(then, editions.marked(english)),
               digest)


def changes(then: str, now: str) -> tuple[Segment, ...]:
    """The English as it was and as it is, word by word: what was taken out and put in."""
    old, new = then.split(), now.split()
    found: list[Segment] = []
    for how, a, b, c, d in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if how in ("delete", "replace"):
            found.append(Segment("del", " ".join(old[a:b])))
        if how in ("insert", "replace"):
            found.append(Segment("ins", " ".join(new[c:d])))
        if how == "equal":
            found.append(Segment("equal", " ".join(old[a:b])))
    return tuple(found)


def saved_entry(row: Row, words: str) -> dict[str, str]:
    """A row's entry as a save writes it: the words, and `of:` the English now."""
    return {"text": words.strip(), "of": editions.marked(row.english)}


def draft(root: Path, sheet_: Sheet, path: str, words: str) -> str | Problem:
    """The translation file's text with `path` translated as `words`, of the English now
    (nothing written), or the problem that keeps it from being written."""
    row = next((r for r in sheet_.rows if r.path == path), None)
    if row is None:
        return Problem(sheet_.file, 0, 0, "this field is no longer in the English",
                       "reload the page")
    entry = saved_entry(row, words)

    def drafted() -> str:
        held = _load(root, sheet_.file)
        if held is None:
            return _new_file(sheet_.file, path, entry)
        text, data = held
        if isinstance(data, dict) and isinstance(data.get(path), dict):
            return splice(text, (path,), entry)
        return _appended(text, data, path, entry)

    return store.written_or_problem(sheet_.file, drafted, "the translation",
                                    "edit the file in a text editor")


def _new_file(rel: str, path: str, entry: dict[str, str]) -> str:
    """A translation file's first text: its schema named on its first line, as the
    project's translations name it (the editor checks it as it is typed)."""
    up = "../" * (rel.count("/"))
    return (f"# yaml-language-server: $schema={up}press/schemas/translation.schema.json\n"
            + _entry_text(path, entry, "  "))


def _entry_text(path: str, entry: dict[str, str], step: str) -> str:
    return f"{scalar(path)}:\n" + "".join(f"{step}{key}: {scalar(value)}\n"
                                          for key, value in entry.items())


INDENT = re.compile(r"^[^\s#][^\n]*:\s*\n( +)\S", re.MULTILINE)


def _appended(text: str, data: Any, path: str, entry: dict[str, str]) -> str:
    """`text` with a new entry at its end, indented as its other entries are."""
    found = INDENT.search(text)
    step = found.group(1) if found else "  "
    newline = "\r\n" if "\r\n" in text else "\n"
    body = text if not text or text.endswith(("\n", "\r\n")) else text + newline
    if data is None and body.strip() and not body.lstrip().startswith("#"):
        raise NotSpliced("the file holds something other than translations")
    result = body + _entry_text(path, entry, step).replace("\n", newline)
    expected = {**(data if isinstance(data, dict) else {}), path: entry}
    if yaml.safe_load(result) != expected:
        raise NotSpliced("the change would not read back as the words entered")
    return result


def save(root: Path, source: str, edition: str, path: str, digest: str, words: str
         ) -> store.Outcome:
    """Write `path`'s translation as `words`, of the English now, when its entry is still as
    the page read it (`digest`), and commit the translation's file alone."""
    with store.SAVING:
        now = sheet(root, source, edition)
        row = next((r for r in now.rows if r.path == path), None) if now else None
        if now is None or row is None:
            return store.Outcome(False, True, "This field is no longer in the English (it was "
                                 "removed or renamed in another window). Copy your words, "
                                 "then reload.")
        if row.digest != digest and row.digest == entry_digest(saved_entry(row, words)):
            # the same save, sent twice (a request the browser sent again): saved already
            return store.Outcome(True, message="Saved.", digest=row.digest)
        if row.digest != digest:
            return store.Outcome(False, True, "Someone saved this translation in another window "
                                 "or tab after you opened it. Your words are not saved: copy "
                                 "them, reload the page to see the saved version, then make "
                                 "them again.")
        if not words.strip():
            return store.Outcome(False, message="Write the translation first.")
        written = draft(root, now, path, words)
        if isinstance(written, Problem):
            return store.Outcome(False, message=f"{written.message}. Fix: {written.hint}")
        target = root.resolve() / now.file
        files.write_file(target, written.encode("utf-8"))
        commit = history.commit(root, now.file, f"Studio: {now.file} ({path}) edited: text")
        saved = sheet(root, source, edition)
        again = next((r for r in saved.rows if r.path == path), row) if saved else row
    return store.Outcome(True, message="Saved.", commit=commit, digest=again.digest,
                         changed=True)


def mine(problems: list[Problem], sheet_: Sheet, path: str) -> list[Problem]:
    """The problems a check found at one row of the translation."""
    return [p for p in problems if p.file == sheet_.file and (
        p.field == path or p.field.startswith(path + "."))]


def row_name(path: str) -> str:
    """A row's field in the studio's words: "actions.1.text" -> "Action 1, words" (a
    translation counts from 1, the studio's forms from 0)."""
    from press.studio.words import field_words

    words = field_words(".".join(str(int(part) - 1) if part.isdigit() else part
                                 for part in path.split(".")))
    return words[:1].upper() + words[1:]


def other_editions(root: Path) -> list[str]:
    """The editions source/settings.yaml lists beside the sources' own language."""
    from press.source.load import read_settings

    settings = read_settings(root)
    if settings is None:
        return []
    return [e for e in settings.editions or [] if e != settings.language]


def translatable(root: Path) -> list[tuple[str, str]]:
    """Every file the studio translates: (its file, its name), documents first."""
    from press import api
    from press.studio import catalogue

    found = [(doc.source, doc.title) for doc in api.documents(root)]
    for common in catalogue.SHARED:
        if kind_of(common.source):
            found.append((common.source, common.name))
    return found


@dataclass
class Pages:
    """The translations page and its two forms (check a row, save a row)."""

    studio: Any  # press.studio.pages.Studio

    def __post_init__(self) -> None:  # the editor and the home page link to the page
        self.studio.env.globals["translations_link"] = self.link
        self.studio.env.filters["row_name"] = row_name

    def link(self, source: str, edition: str = "") -> str:
        """The translations page of `source` (in `edition`, or the first), or "" where the
        project has one edition or the file is not translated."""
        from urllib.parse import urlencode

        wanted = other_editions(self.studio.root)
        if not wanted or kind_of(source) is None:
            return ""
        chosen = edition if edition in wanted else wanted[0]
        return "/translations?" + urlencode({"file": source, "edition": chosen})

    def _asked(self, source: str, edition: str) -> Sheet:
        from starlette.exceptions import HTTPException

        if edition not in other_editions(self.studio.root):
            raise HTTPException(404)
        found = sheet(self.studio.root, source, edition)
        if found is None:
            raise HTTPException(404)
        return found

    async def page(self, request: Any) -> Any:
        from starlette.concurrency import run_in_threadpool

        from press import api
        from press.core.target import Target
        from press.studio.preview import PageView
        from press.studio.preview import pages as page_views

        root = self.studio.root
        wanted = other_editions(root)
        source = request.query_params.get("file", "")
        edition = request.query_params.get("edition", "") or (wanted[0] if wanted else "")
        found = await run_in_threadpool(self._asked, source, edition)
        doc = next((d for d in api.documents(root) if d.source == source), None)
        names = dict(translatable(root))
        english: tuple[list[PageView], str] = ([], "")
        spanish: tuple[list[PageView], str] = ([], "")
        if doc is not None:
            english = page_views(root, doc.file, api.MAIN)
            spanish = page_views(root, doc.file, Target(edition=edition))
            if api.built(root, Target(edition=edition)) is None:
                self.studio.builder.request(Target(edition=edition))  # not made yet: now
        return self.studio.render(
            "translations.html", request, sheet=found, doc=doc, named=names.get(source, source),
            editions=wanted, english=english, translated=spanish,
            edit=f"/edit?file={source}")

    async def _posted(self, request: Any) -> tuple[Sheet, dict[str, str]]:
        from starlette.concurrency import run_in_threadpool

        posted = await request.form()
        one = {k: v if isinstance(v, str) else "" for k, v in
               ((k, posted.get(k)) for k in ("file", "edition", "path", "digest", "text", "row"))}
        found = await run_in_threadpool(self._asked, one["file"], one["edition"])
        return found, one

    def _checked(self, found: Sheet, path: str, words: str, row: str = "") -> list[Any]:
        """The row's problems as the press's check of the edition finds them in the draft,
        in the studio's words, each linked to the row's text (not to a file)."""
        from press import api
        from press.core.target import Target

        if not words.strip():
            return []
        written = draft(self.studio.root, found, path, words)
        if isinstance(written, Problem):
            problems = [written]
        else:
            report = api.check(self.studio.root, Target(edition=found.edition),
                               {found.file: written})
            problems = mine(report.problems, found, path)
        where = f"The translation of {row_name(path)[:1].lower()}{row_name(path)[1:]}"
        anchor = f"#text-{row}" if row.isdigit() else ""
        return [replace(item, where=where, link="", anchor=anchor, line=0)
                for item in self.studio.shown(problems, self.studio.documents())]

    async def check(self, request: Any) -> Any:
        from starlette.concurrency import run_in_threadpool

        found, one = await self._posted(request)
        shown = await run_in_threadpool(self._checked, found, one["path"], one["text"],
                                        one["row"])
        return self.studio.render("translation_checked.html", request, items=shown)

    async def save(self, request: Any) -> Any:
        from starlette.concurrency import run_in_threadpool

        from press.core.target import Target

        found, one = await self._posted(request)
        shown = await run_in_threadpool(self._checked, found, one["path"], one["text"],
                                        one["row"])
        errors = [item for item in shown if item.severity == "error"]
        if errors:
            return self.studio.render("translation_saved.html", request, items=errors,
                                      row=one["row"], outcome=store.Outcome(
                                          False, refused=len(errors)))
        outcome = await run_in_threadpool(save, self.studio.root, found.source, found.edition,
                                          one["path"], one["digest"], one["text"])
        if outcome.changed:
            self.studio.builder.request(Target(edition=found.edition))
        return self.studio.render("translation_saved.html", request, items=shown,
                                  row=one["row"], outcome=outcome)
