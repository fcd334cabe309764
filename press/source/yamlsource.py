"""Read a YAML file into plain data plus a map from each key path to its line and column.

PyYAML's composer keeps marks on every node; we construct the data ourselves from the
node tree so that each value keeps the place it came from, and duplicate keys (which
PyYAML silently overwrites) are caught.
"""

from __future__ import annotations

import copy
import re
import unicodedata
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol, cast

import yaml

from press.core import controls, files, limits
from press.core.problems import Problem, Severity, Topic

Loc = tuple[int | str, ...]


def dotted(loc: Loc) -> str:
    """A value's path in its file as a problem names it: ("blocks", 3, "text") ->
    "blocks.3.text" (items counted from 0, as the file's data holds them)."""
    return ".".join(str(part) for part in loc)


@dataclass(frozen=True)
class Located:
    """A parsed YAML document: `data`, and `marks[path] = (line, column)` (1-based)."""

    path: Path
    rel: str
    data: Any
    marks: dict[Loc, tuple[int, int]]
    text: str = ""
    keys: dict[Loc, tuple[int, int]] = field(default_factory=dict)  # where each key is written

    def at_key(self, loc: Loc, message: str, hint: str = "", severity: str = "error") -> Problem:
        """A problem about a key itself (unknown, misspelt): at the key, not its value."""
        line, column = self.keys.get(tuple(loc)) or self.where(loc)
        level: Severity = "warning" if severity == "warning" else "error"
        return Problem(self.rel, line, column, message, hint, level, dotted(loc))

    def where(self, loc: Loc) -> tuple[int, int]:
        """The line and column of `loc`, or of its nearest parent that has one."""
        loc = tuple(loc)
        while loc:
            if loc in self.marks:
                return self.marks[loc]
            loc = loc[:-1]
        return self.marks.get((), (1, 1))

    def problem(self, loc: Loc, message: str, hint: str = "", severity: str = "error",
                needle: str = "", nth: int = 0, topic: Topic = "") -> Problem:
        """A problem at `loc`; with `needle`, at the line inside the value where it occurs
        (its `nth` occurrence there, counted from 0)."""
        line, column = self.find(loc, needle, nth) if needle else self.where(loc)
        level: Severity = "warning" if severity == "warning" else \
            "note" if severity == "note" else "error"
        return Problem(self.rel, line, column, message, hint, level, dotted(loc), topic)

    def find(self, loc: Loc, needle: str, nth: int = 0) -> tuple[int, int]:
        """The line and column of the `nth` `needle` in the value at `loc` (folded text
        spans lines): as a whole word where it stands as one, else inside a longer one
        ("Álvarez" in "Álvarez-Núñez")."""
        line, column = self.where(loc)
        lines = self.text.splitlines()
        for pattern in (rf"(?<![\w-]){re.escape(needle)}(?![\w-])",
                        rf"(?<!\w){re.escape(needle)}(?!\w)"):
            seen = 0
            compiled = re.compile(pattern, re.IGNORECASE)
            for number in range(line - 1, min(len(lines), line + 40)):
                for found in compiled.finditer(lines[number]):
                    if seen == nth:
                        return number + 1, found.start() + 1
                    seen += 1
        return line, column


class _Mark(Protocol):
    line: int  # 0-based, as PyYAML counts
    column: int


class _Limit(yaml.YAMLError):
    """A file that goes past one of the press's bounds (press/core/limits.py), at a place."""

    def __init__(self, mark: _Mark | None, message: str, hint: str) -> None:
        super().__init__(message)
        self.where = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        self.message = message
        self.hint = hint


YAML_LIMIT = files.Limit(limits.YAML_FILE_BYTES, "a YAML file", "split it into smaller files "
                         "(a chapter's handouts are a file each), or move what the press does "
                         "not read out of source/")
ALIAS_HINT = ("write the values out where they are used, or use fewer aliases (a `*name` "
              "repeats everything under its `&name`, and aliases inside what it repeats "
              "multiply it)")


class _Builder(yaml.SafeLoader):
    """PyYAML's safe loader, bounded while it composes: no deeper than limits.YAML_DEPTH,
    and no more than limits.YAML_VALUES values with each alias counted as a copy of what its
    anchor holds, so that a few bytes of aliases are refused at the alias that goes past
    the bound, before a copy is made."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.depth = 0  # of the node being composed
        self.deepest = 0  # the deepest any node has reached, its aliases' copies included
        self.values = 0  # values composed so far, each alias counted as its anchor's
        self.held: dict[str, tuple[int, int]] = {}  # anchor -> (its values, its height)

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node:
        event = cast(yaml.Event, self.peek_event())  # type: ignore[no-untyped-call]
        if isinstance(event, yaml.AliasEvent):
            self._alias(event)
            return cast(yaml.Node, super().compose_node(parent, index))
        self.depth += 1
        if self.depth > limits.YAML_DEPTH:
            raise _Limit(event.start_mark, f"the values here are more than "
                         f"{limits.YAML_DEPTH} levels deep (lists and mappings inside one "
                         "another); the press reads no deeper", "write the file with fewer "
                         "levels: the press's files need fewer than ten")
        before, outer, self.deepest = self.values, self.deepest, self.depth
        self._count(1, event.start_mark)
        node = super().compose_node(parent, index)
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            self.held[anchor] = (self.values - before, self.deepest - self.depth + 1)
        self.deepest = max(outer, self.deepest)
        self.depth -= 1
        return cast(yaml.Node, node)

    def _alias(self, event: yaml.AliasEvent) -> None:
        """Count what the alias repeats; refuse it past the bounds, or inside its own anchor."""
        if event.anchor not in self.held:
            if event.anchor in self.anchors:
                raise _Limit(event.start_mark, f'the alias "*{event.anchor}" is inside the '
                             f'value its anchor "&{event.anchor}" names, so it would repeat '
                             "itself without end", "write the value out in full here")
            return  # PyYAML says that it is undefined
        values, height = self.held[event.anchor]
        self._count(values, event.start_mark, event.anchor)
        self.deepest = max(self.deepest, self.depth + height)
        if self.depth + height > limits.YAML_DEPTH:
            raise _Limit(event.start_mark, f'with the alias "*{event.anchor}" the values here '
                         f"are more than {limits.YAML_DEPTH} levels deep (lists and mappings "
                         "inside one another); the press reads no deeper", ALIAS_HINT)


    def _count(self, values: int, mark: _Mark | None, alias: str | None = None) -> None:
        """Count `values` more (an alias's: all its anchor holds); refuse past the bound."""
        self.values += values
        if self.values <= limits.YAML_VALUES:
            return
        if alias is None:
            raise _Limit(mark, f"the file holds more than {limits.YAML_VALUES:,} values (keys, "
                         "items and words), the most the press reads in one file", "split it "
                         "into smaller files, or move what the press does not read out of "
                         "source/")
        raise _Limit(mark, f'with the alias "*{alias}" the file holds more than '
                     f"{limits.YAML_VALUES:,} values (each alias counts all the values of its "
                     "anchor), the most the press reads in one file", ALIAS_HINT)


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _build(
    loader: _Builder, node: yaml.Node, loc: Loc, marks: dict[Loc, tuple[int, int]],
    rel: str, problems: list[Problem], keys: dict[Loc, tuple[int, int]],
) -> Any:
    marks[loc] = _mark(node)
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if isinstance(key, str) and controls.first(key, value=True) >= 0:
                problems.append(_escaped(rel, key_node, key))
                continue
            if not isinstance(key, str | int):
                line, col = _mark(key_node)
                problems.append(Problem(rel, line, col, f"expected a simple key, found {key!r}",
                                        "write keys as plain words followed by a colon"))
                continue
            if key in result:
                line, col = _mark(key_node)
                first = marks.get((*loc, key), (0, 0))[0]
                problems.append(Problem(
                    rel, line, col, f'the key "{key}" appears twice in the same block '
                    f"(first on line {first})", "keep one of them and delete the other"))
            result[key] = _build(loader, value_node, (*loc, key), marks, rel, problems, keys)
            keys[(*loc, key)] = _mark(key_node)
            marks[(*loc, key)] = _mark(key_node) if not isinstance(
                value_node, yaml.ScalarNode) else _mark(value_node)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _build(loader, item, (*loc, index), marks, rel, problems, keys)
            for index, item in enumerate(node.value)
        ]
    try:
        value = loader.construct_object(node, deep=True)
    except (ValueError, TypeError):  # e.g. 2026-02-30 looks like a date but is not one
        value = node.value
    if isinstance(value, str) and controls.first(value, value=True) >= 0:
        problems.append(_escaped(rel, node, value))
    return value


def _escaped(rel: str, node: yaml.Node, value: str) -> Problem:
    """A control character a value holds, written as an escape in quotes ("\\e", "\\x1b")."""
    message, _ = controls.refusal(value[controls.first(value, value=True)])
    line, column = _mark(node)
    return Problem(rel, line, column, f"{message} (written in quotes as an escape like "
                   '"\\x1b" or "\\e")', "remove the escape from the value")


def load_yaml(path: Path, root: Path, draft: str | None = None
              ) -> tuple[Located | None, list[Problem]]:
    """Parse `path` (or `draft`, its unsaved text, read as if it were the file's); return the
    document and any problems (syntax, duplicates, encoding, characters that are not text,
    the press's bounds)."""
    rel = files.rel(root, path)
    try:
        if draft is None:
            text = files.read_text(root, path, limit=YAML_LIMIT)
        elif len(draft.encode()) > YAML_LIMIT.bytes:
            raise files.too_large(rel, len(draft.encode()), YAML_LIMIT)
        else:
            text = draft
    except files.Refused as refused:
        return None, [refused.problem]
    except UnicodeDecodeError as error:
        return None, [Problem(rel, 1, 1, f"the file is not UTF-8 text ({error.reason} at byte "
                              f"{error.start})", "save it as UTF-8 in your editor")]
    text = unicodedata.normalize("NFC", text)  # "é" one way, however the editor saved it
    found = controls.problems_in(rel, text)
    if found:
        return None, _at_fields(text, found)
    if "\t" in text:
        line, column = controls.line_and_column(text, text.index("\t"))
        return None, [Problem(rel, line, column, "found a tab character; YAML indents with spaces",
                              "replace the tab with spaces")]
    problems: list[Problem] = []
    try:
        loader = _Builder(text)
    except yaml.reader.ReaderError as error:  # a character YAML refuses (U+FFFE)
        line, column = controls.line_and_column(text, error.position)
        return None, [Problem(rel, line, column, f"found {controls.named(chr(error.character))}"
                              if isinstance(error.character, int) else
                              "the file cannot be read here", "delete the character")]
    try:
        node = loader.get_single_node()
        marks: dict[Loc, tuple[int, int]] = {}
        keys: dict[Loc, tuple[int, int]] = {}
        data = None if node is None else _build(loader, node, (), marks, rel, problems, keys)
    except _Limit as limit:
        return None, [Problem(rel, *limit.where, limit.message, limit.hint)]
    except yaml.MarkedYAMLError as error:
        return None, [_syntax_problem(rel, error, text)]
    except yaml.YAMLError as error:
        return None, [Problem(rel, 1, 1, f"the file cannot be read: {error}",
                              "check the file's layout")]
    finally:
        loader.dispose()
    return Located(path, rel, data, marks, text, keys), problems


def _at_fields(text: str, found: list[Problem]) -> list[Problem]:
    """Characters that are not text, each at the field it is in ("actions.0.text"), where
    the file reads with them taken out (the studio shows each at its input)."""
    cleaned = controls.NOT_TEXT.sub(" ", text)
    doc, _ = load_yaml(Path(found[0].file), Path("."), cleaned)
    if doc is None:
        return found
    starts = sorted(((mark, loc) for loc, mark in doc.marks.items() if loc),
                    key=lambda pair: (pair[0], len(pair[1])))
    placed = []
    for problem in found:
        inside = [loc for mark, loc in starts if mark <= (problem.line, problem.column)]
        placed.append(replace(problem, field=dotted(inside[-1])) if inside else problem)
    return placed


def read_plain(root: Path, path: Path) -> Any:
    """A YAML file's data as written, read within the press's bounds as the build reads it
    (None where it does not read): what the studio lists of a file, loaded or not. Parsed
    once per text (the file is read each time; a copy is returned, the caller may change it)."""
    root = root.resolve()
    try:
        text = files.read_text(root, path, limit=YAML_LIMIT)
    except (OSError, UnicodeDecodeError, files.Refused):
        return None
    return copy.deepcopy(_plain(files.rel(root, path), text))


@lru_cache(maxsize=256)
def _plain(rel: str, text: str) -> Any:
    doc, _ = load_yaml(Path(rel), Path("."), text)
    return None if doc is None else doc.data


def _syntax_problem(rel: str, error: yaml.MarkedYAMLError, text: str) -> Problem:
    """Where a file stops reading, and why, in plain words (no parser's terms): the text
    around the mark tells an indented line from a colon inside a value."""
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    what = (error.problem or "").strip()
    message, hint = _syntax_words(what, error.context or "", line, text)
    return Problem(rel, line, column, f"the file cannot be read: {message}", hint)


INDENT_HINT = ("line its key up with the others of its entry (spaces only, as many as the "
               "lines above)")


def _syntax_words(what: str, context: str, line: int, text: str) -> tuple[str, str]:
    """A syntax error's message and fix, from the parser's `what` and the text's lines."""
    if what.startswith("mapping values are not allowed here"):
        if _indented_more(text, line):
            return f"line {line} is indented more than the lines around it", INDENT_HINT
        return (f"line {line} has a colon followed by a space inside a value",
                'put the whole value in double quotes ("...")')
    if what.startswith("found character") and "cannot start any token" in what:
        sign = what.split("'")[1] if what.count("'") >= 2 else what
        return (f"a value on line {line} starts with \u201c{sign}\u201d",
                'put the whole value in double quotes ("...")')
    if what.startswith("found undefined alias"):
        return (f"a value on line {line} starts with \u201c*\u201d",
                'put the whole value in double quotes ("...")')
    if "block mapping start" in what or "block sequence start" in what:
        return f"line {line} is not lined up with the lines around it", INDENT_HINT
    if "quoted scalar" in context or "end of stream" in what or "<scalar>" in what:
        return (f"a quote on or before line {line} is not closed, or words follow a closing "
                "quote", 'put the whole value in one pair of double quotes ("...")')
    if what.startswith("could not find expected ':'"):
        return (f"line {line} or the line above has no colon after its key",
                "write each line as a key, a colon and its value; check the line above")
    return (f"line {line} is not written as the press reads a file (keys, colons, dashes "
            "and quotes)", "check the indentation (spaces only, lined up with the lines "
            "around it) and that quotes are closed")


def _indented_more(text: str, line: int) -> bool:
    """Whether `line` (1-based) starts further right than the line above it that is not
    blank or a comment (a "- " that starts an item counts as indentation)."""
    lines = text.splitlines()
    if not 1 <= line <= len(lines):
        return False
    above = [ln for ln in lines[:line - 1] if ln.strip() and not ln.lstrip().startswith("#")]
    if not above or above[-1].rstrip().endswith(":"):
        return False
    return _indent(lines[line - 1]) > _indent(above[-1])


def _indent(line: str) -> int:
    stripped = line.lstrip(" ")
    while stripped.startswith("- "):
        stripped = stripped[2:].lstrip(" ")
    return len(line) - len(stripped)
