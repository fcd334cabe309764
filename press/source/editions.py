"""Editions: the same documents in another language, never a silent mix of two.

A translation lives beside what it translates, named for its edition:
`source/handouts/law-enforcement/judges.es-US.yaml` translates `judges.yaml`,
`source/quotes.es-US.yaml` translates `quotes.yaml`. It holds one entry per field, by the
field's path (`headline`, `actions.1.text`; in a file of many items, the item's id first:
`quintecia-danger.text`), each with the words (`text`) and `of`, the English it was
translated from (`make_report.py translate es-US` writes it, as `marked` gives it; an older
file's `of` may be a digest of it, see `english_digest`). A field with no translation is
printed in English with a located warning naming both files; a translation whose English has
changed since is a stale warning that shows the English as it was and as it is now.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from press.core import files
from press.core.names import EDITION_TAG
from press.core.problems import BuildError, Problem, did_you_mean, shown
from press.source.schema import TranslationEntry
from press.source.yamledit import Addition, NotEdited, add_keys, scalar
from press.source.yamlsource import Located, load_yaml

EDITION_FILE = re.compile(rf"^(?P<stem>[^.]+)\.(?P<edition>{EDITION_TAG.pattern})\.ya?ml$")
# The fields a translation may give, by kind of file ("*": any index of a list).
TRANSLATABLE: dict[str, tuple[str, ...]] = {
    "handout": ("audience", "headline", "why", "actions.*.text"),
    "brief": ("chapter", "title", "description", "cover.lede", "blocks.*.text",
              "blocks.*.heading", "blocks.*.intro", "blocks.*.items.*.title",
              "blocks.*.items.*.text", "blocks.*.items.*.name", "about"),
    "quotes": ("text", "role"),  # each by the quote's id: quintecia-danger.text
    "stats": ("meaning", "base", "period"),
    "charts": ("title", "subtitle", "notes", "annotate.*.text"),
    "brand": ("tagline", "series_subtitle"),
    "dataset": ("measure", "measure_one", "groups.*.label", "notes.*"),  # data/<name>.es-US.yaml
}
LISTS = ("quotes", "stats", "charts")  # files of items with ids
ENTRY_KEYS = tuple(TranslationEntry.model_fields)  # text and of


def english_digest(text: str) -> str:
    """The digest of a field's English, as an older translation's `of:` records it."""
    return hashlib.sha256(" ".join(text.split()).encode()).hexdigest()[:8]


FINGERPRINT = re.compile(r"[0-9a-f]{8}")
EDITIONS_GUIDE = '"Editions" in the user guide, docs/editions.md'  # where staff read how


def marked(english: str) -> str:
    """What `of:` records of the English a translation is of: the English itself, its
    spaces as one (a translator reads it beside the translation; a stale warning shows it
    as it was)."""
    return " ".join(english.split())


def current(of: str, english: str) -> bool:
    """Whether a translation's `of:` (the English, or an older file's fingerprint of it) is
    of the English as it is now."""
    if FINGERPRINT.fullmatch(of) and of == english_digest(english):
        return True
    return " ".join(of.split()) == marked(english)


def translation_path(source: Path, edition: str) -> Path:
    """judges.yaml -> judges.es-US.yaml, beside it."""
    return source.with_name(f"{source.stem}.{edition}{source.suffix}")


def is_translation(path: Path) -> bool:
    return EDITION_FILE.match(path.name) is not None


def _matches(pattern: str, path: str) -> bool:
    want, have = pattern.split("."), path.split(".")
    return len(want) == len(have) and all(w in ("*", h) for w, h in zip(want, have, strict=True))


def source_fields(kind: str, data: Any) -> dict[str, str]:
    """The translatable text fields of a source file's data, by path (lists: 1-based)."""
    found: dict[str, str] = {}
    if kind in LISTS:  # each field by its item's id: quintecia-danger.text
        for item in data or []:
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                found |= {f"{item['id']}.{path}": text
                          for path, text in _fields(kind, item)}
        return found
    return dict(_fields(kind, data))


def _fields(kind: str, data: Any) -> Iterator[tuple[str, str]]:
    for path, value in _walk(data, ""):
        if isinstance(value, str) and value.strip() and any(
                _matches(p, path) for p in TRANSLATABLE[kind]):
            yield path, value


def _walk(value: Any, prefix: str) -> Iterator[tuple[str, Any]]:
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from _walk(inner, f"{prefix}{key}.")
    elif isinstance(value, list):
        for index, inner in enumerate(value, 1):
            yield from _walk(inner, f"{prefix}{index}.")
    else:
        yield prefix.rstrip("."), value


@dataclass
class Translation:
    """One file's translation: the words by field path, what was wrong with it, and the
    fields it does not give (path -> the English: a translator's list of what is left)."""

    words: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    missing: dict[str, str] = field(default_factory=dict)
    doc: Located | None = None  # the translation as read (None: there is none, or it does not read)


def translate_file(source: Located, kind: str, edition: str, root: Path,
                   draft: str | None = None) -> Translation:
    """Read the translation of `source` into `edition` (or `draft`, its unsaved text),
    checked against the English: every field given (or a warning), none stale (or a
    warning), none unknown (an error)."""
    english = source_fields(kind, source.data)
    path = translation_path(source.path, edition)
    result = Translation(missing=dict(english))
    rel = path.relative_to(root).as_posix()
    if draft is None and not path.exists():
        if english:
            result.problems.append(source.problem((), f"there is no {edition} translation of "
                                                  f"this file ({rel}): its {len(english)} "
                                                  f"field(s) are printed in English in the "
                                                  f"{edition} edition", f"write {rel} (see "
                                                  f"{EDITIONS_GUIDE}), or leave this file out of "
                                                  "the edition", severity="warning"))
        return result
    doc, problems = load_yaml(path, root, draft)
    result.problems += problems
    result.doc = doc
    if doc is None:
        return result
    entries = doc.data if isinstance(doc.data, dict) else {}
    if doc.data is not None and not isinstance(doc.data, dict):
        result.problems.append(doc.problem((), "a translation is a list of fields, each "
                                           "`path: {text: ..., of: ...}`", f"see {EDITIONS_GUIDE}"))
    result.missing = {key: text for key, text in english.items() if key not in entries}
    missing = list(result.missing)
    for key, entry in entries.items():
        result.problems += _entry(doc, source, str(key), entry, english, result.words, edition,
                                  missing)
    if missing:
        first = ", ".join(f"`{key}`" for key in missing[:5]) + (
            f" and {len(missing) - 5} more" if len(missing) > 5 else "")
        result.problems.append(doc.problem((), f"{len(missing)} field(s) of {source.rel} have no "
                                           f"translation in {rel}, so the {edition} edition "
                                           f"prints them in English: {first}", "add each "
                                           "field's path with its `text:`, then run "
                                           f"make_report.py translate {edition}",
                                           severity="warning"))
    return result


def _entry(doc: Located, source: Located, key: str, entry: Any, english: Mapping[str, str],
           words: dict[str, str], edition: str, untranslated: list[str]) -> list[Problem]:
    if key not in english:  # the suggestion: a field not yet translated, where one is near
        return [doc.at_key((key,), f"`{key}` is not a field of {source.rel} that is "
                           f"translated{did_you_mean(key, untranslated) or did_you_mean(key, english)}",
                           "correct the field's "
                           "path, or delete the entry (the English has no such field, or no longer has "
                           "it)")]
    strays = [str(k) for k in entry if k not in ENTRY_KEYS] if isinstance(entry, dict) else []
    if strays:  # `txt:`, `off:`: its words would be left out, or its English never checked
        return [doc.at_key((key, stray), f'unknown key "{stray}" under "{key}": nothing it says '
                           f"would be applied.{did_you_mean(stray, ENTRY_KEYS)}",
                           "an entry has `text:` (the words) and `of:` (written by make_report.py "
                           f"translate {edition}); rename the key, or delete it")
                for stray in strays]
    text = entry.get("text") if isinstance(entry, dict) else None
    if not isinstance(text, str) or not text.strip():
        return [doc.problem((key,), f"`{key}` has no text", "write it as `text: ...` (and "
                            "`of:` the fingerprint make_report.py translate writes)")]
    words[key] = text
    found = _kept(doc, key, text, english[key])
    of = entry.get("of")
    if of is not None and not current(str(of), english[key]):
        return [*found, doc.problem((key, "of"), f"the translation of `{key}` is older than its "
                            f"English in {source.rel}, which has changed since; "
                            f"{_then_and_now(str(of), english[key])}", "bring the "
                            "translation up to date, delete its `of:` line, then run "
                            f"make_report.py translate {edition} to mark it current",
                            severity="warning")]
    if of is None:
        return [*found, doc.problem((key,), f"`{key}` does not say which English it "
                                    "translates (`of:`), so a change to the English would go "
                                    f"unnoticed", f"run make_report.py translate {edition} to "
                                    "mark it", severity="warning")]
    return found


def _then_and_now(of: str, english: str) -> str:
    """The English as it was translated (`of:`) and as it reads now; an older `of:` keeps
    only a fingerprint, so only the English of now can be shown."""
    now = shown(marked(english), 90)
    if FINGERPRINT.fullmatch(of):
        return (f"its `of:` keeps only a fingerprint of the English it was translated from; "
                f"it now reads: {now}")
    return f"it read: {shown(marked(of), 90)}; it now reads: {now}"


PLACEHOLDER = re.compile(r"\{[^{}\s]*\}")
CITATION = re.compile(r"\[(?:@|stat:)[^\]\s]+\]")
# Placeholders that fill in words, not facts: a chart's dataset is the same in every place,
# so a translation may write its group and measure out in its own grammar.
OWN_WORDS = ("{group}", "{measure}")


def _kept(doc: Located, key: str, text: str, english: str) -> list[Problem]:
    """What the data fills in and what cites a source, kept by the translation: a brace
    without its pair would be printed as typed (an error); a {placeholder}, [@reference] or
    [stat:id] of the English left out would leave a figure, place or source unsaid or
    uncited (a warning: the sentence may say it another way)."""
    found: list[Problem] = []
    stray = re.search(r"[{}][^{}\s]*", PLACEHOLDER.sub("", text))
    if stray:
        names = sorted(set(PLACEHOLDER.findall(english)))
        found.append(doc.problem(
            (key, "text"), f"`{key}` has a brace without its pair: \"{stray.group()}\" "
            "would be printed as typed", "write each placeholder whole, braces and all"
            + (f", as the English does: {', '.join(names)}" if names else ", or take the "
               "brace out"), needle=stray.group()))
    left_out = [name for name in dict.fromkeys(PLACEHOLDER.findall(english) +
                                               CITATION.findall(english))
                if name not in text and name not in OWN_WORDS]
    if left_out:
        said = ", ".join(left_out)
        found.append(doc.problem(
            (key, "text"), f"the translation of `{key}` leaves out {said}, which the English "
            "prints: the edition would not say what it fills in or cites", f"put {said} where "
            "it belongs in the sentence", severity="warning"))
    return found


def apply(data: Any, kind: str, words: Mapping[str, str]) -> Any:
    """A copy of a source file's data with the translated fields put in."""
    if kind in LISTS:
        items = []
        for item in data or []:
            own = isinstance(item, dict) and isinstance(item.get("id"), str)
            items.append(_put(item, f"{item['id']}.", words) if own else item)
        return items
    return _put(data, "", words)


def _put(value: Any, prefix: str, words: Mapping[str, str]) -> Any:
    if isinstance(value, dict):
        return {k: _put(v, f"{prefix}{k}.", words) for k, v in value.items()}
    if isinstance(value, list):
        return [_put(v, f"{prefix}{i}.", words) for i, v in enumerate(value, 1)]
    return words.get(prefix.rstrip("."), value)


def mark_current(source: Located, kind: str, edition: str, root: Path) -> list[str]:
    """Write `of:` (the English, as `marked` gives it) into each entry of the translation of
    `source` that has its words and no `of:`: the translator says it is of the English as
    it is now. Returns the fields marked. Each `of:` is written into its entry's own layout
    (yamledit): every other byte of the file stays as written. A file with errors is left
    alone (they are reported), and one that cannot be edited that way is a BuildError
    giving each line to write by hand."""
    path = translation_path(source.path, edition)
    doc, problems = load_yaml(path, root) if path.exists() else (None, [])
    if doc is None or not isinstance(doc.data, dict) or any(
            p.severity == "error" for p in problems):
        return []
    english = source_fields(kind, source.data)
    added = {str(key): marked(english[str(key)]) for key, entry in doc.data.items()
             if isinstance(entry, dict) and "of" not in entry and str(key) in english
             and isinstance(entry.get("text"), str) and entry["text"].strip()}
    if not added:
        return []
    real = files.checked(root, path)
    text = files.read_text(root, real)
    try:
        edited = add_keys(text, [Addition((key,), "of", value) for key, value in added.items()])
    except (NotEdited, yaml.YAMLError) as error:
        raise BuildError("translate", [doc.at_key((key,), f"`of:` could not be written into "
                                                  f"`{key}` without changing the rest of the "
                                                  f"file ({error})", f"add the line `of: "
                                                  f"{scalar(value)}` to the entry by hand")
                                       for key, value in added.items()]) from None
    files.write_file(real, edited.encode("utf-8"), mode=real.stat().st_mode)
    return list(added)  # in the file's order
