"""A YAML file a person wrote, changed where its values changed and nowhere else.

The studio saves a form as the new value of one entry (a quote, a handout). A YAML library
that loads and dumps the file again in round-trip mode (ruamel.yaml) keeps comments, but
still rewrites what it does not model byte for byte: `{ family: Smith }` comes back as
`{family: Smith}`, folded text is folded again at other words, indentation is made uniform.
So the file is changed by position instead (as press/source/yamledit's `of:` lines are):
PyYAML's composer gives every node its place in the text, the old value is compared with
the new one node by node, and only the text of a node whose value changed is written again,
in that node's own style (plain, quoted, folded; a flow list stays a flow list). A list of
mappings whose items moved keeps each item's text, comments included, and moves it whole.
What is written new is indented as the file indents. The edited text is parsed again: if it
does not hold exactly the intended data, `NotSpliced` says so and nothing is written.

    splice(text, ("actions", 1, "text"), "New words")   # one value
    splice(text, (3,), new_quote)                        # the fourth quote, as a whole
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import yaml

from press.source.yamledit import scalar

Path_ = tuple[int | str, ...]
WIDTH = 88  # folded text is folded again at this column


class NotSpliced(ValueError):
    """The change could not be written into the file without changing what else it says."""


@dataclass(frozen=True)
class Edit:
    start: int
    end: int
    text: str


class PlainLoader(yaml.SafeLoader):
    """PyYAML's safe loader, but a value written like a date that does not exist
    (2026-02-30) is kept as its text, as the press reads it (its check then says the date
    does not exist), instead of stopping the read with a ValueError."""

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, TypeError):
            return self.construct_scalar(node)


PlainLoader.add_constructor("tag:yaml.org,2002:timestamp",
                            PlainLoader.construct_yaml_timestamp)


def plain_load(text: str) -> Any:
    """`text`'s data as yaml.safe_load reads it, a date that does not exist kept as text."""
    return yaml.load(text, Loader=PlainLoader)  # a SafeLoader: builds plain data only


class _Dumper(yaml.SafeDumper):
    """Lists under a key indented below it, as people write them (PyYAML puts the dash
    at the key's column)."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def value_of(node: yaml.Node) -> Any:
    """A node's data, as yaml.safe_load would give it."""
    return PlainLoader("").construct_document(node)


def splice(text: str, path: Path_, new: Any) -> str:
    """`text` with the value at `path` replaced by `new` (see the module)."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if root is None:
        raise NotSpliced("the file holds nothing to change")
    expected = _replaced(value_of(root), path, new)
    node, holder = _find(root, path)
    edits = _Splicer(text).change(node, new, holder)
    newline = "\r\n" if "\r\n" in text else "\n"  # what is written new ends its lines so
    result = text
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        written = edit.text.replace("\r\n", "\n").replace("\n", newline)
        result = result[:edit.start] + written + result[edit.end:]
    try:
        again = plain_load(result)
    except yaml.YAMLError as error:
        raise NotSpliced(f"the change would not read back as YAML ({error})") from None
    if again != expected:
        raise NotSpliced("the change would not read back as the values entered")
    return result


def _replaced(data: Any, path: Path_, new: Any) -> Any:
    if not path:
        return new
    head, rest = path[0], path[1:]
    if isinstance(data, list) and isinstance(head, int) and 0 <= head < len(data):
        return [_replaced(v, rest, new) if i == head else v for i, v in enumerate(data)]
    if isinstance(data, dict) and head in data:
        return {k: _replaced(v, rest, new) if k == head else v for k, v in data.items()}
    raise NotSpliced(f"the file has no value at {'.'.join(map(str, path))}")


@dataclass(frozen=True)
class Holder:
    """Where a node sits: under a key (its key node) or as a list's item, or at the top."""

    key: yaml.Node | None = None
    column: int = 0  # the column new keys or items of the holder's own level start at


def _find(root: yaml.Node, path: Path_) -> tuple[yaml.Node, Holder]:
    node, holder = root, Holder()
    for part in path:
        if isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            node, holder = node.value[part], Holder(None, node.value[part].start_mark.column)
        elif isinstance(node, yaml.MappingNode):
            pair = next((p for p in node.value if p[0].value == part), None)
            if pair is None:
                raise NotSpliced(f"the file has no key {part}")
            node, holder = pair[1], Holder(pair[0], pair[0].start_mark.column)
        else:
            raise NotSpliced(f"the file has no value at {part}")
    return node, holder


class _Splicer:
    def __init__(self, text: str) -> None:
        self.text = text
        self.step = _indent_step(text)

    # --- where things are ------------------------------------------------------------

    def line_start(self, index: int) -> int:
        return self.text.rfind("\n", 0, index) + 1

    def line_end(self, index: int) -> int:
        """The index after the line break that ends the line `index` is on (or the end)."""
        if index > 0 and self.text[index - 1] == "\n":
            return index
        found = self.text.find("\n", index)
        return len(self.text) if found < 0 else found + 1

    def alone(self, index: int) -> bool:
        """Whether only spaces stand before `index` on its line."""
        return not self.text[self.line_start(index):index].strip()

    def node_end(self, node: yaml.Node) -> int:
        """Where the node's own text ends (a block value's end mark can be a line later)."""
        if isinstance(node, yaml.MappingNode | yaml.SequenceNode) and node.value and \
                self.text[node.start_mark.index] not in "[{":
            last = node.value[-1]
            return self.node_end(last[1] if isinstance(last, tuple) else last)
        end = node.end_mark.index
        while end > node.start_mark.index and self.text[end - 1] in " \t\r\n":
            end -= 1
        return end

    # --- changes -----------------------------------------------------------------------

    def change(self, node: yaml.Node, new: Any, holder: Holder) -> list[Edit]:
        old = value_of(node)
        if _same(old, new):
            return []
        if isinstance(node, yaml.MappingNode) and isinstance(new, dict) and node.value:
            return self.mapping(node, new)
        if isinstance(node, yaml.SequenceNode) and isinstance(new, list) and node.value:
            return self.sequence(node, new, holder)
        if isinstance(node, yaml.ScalarNode) and not isinstance(new, dict | list):
            return [self.scalar(node, new)]
        return [self.whole(node, new, holder)]

    def scalar(self, node: yaml.ScalarNode, new: Any) -> Edit:
        start, end = node.start_mark.index, node.end_mark.index
        if node.style in (">", "|") and isinstance(new, str):
            end = self.node_end(node)
            indent = _content_indent(self.text, start, node.start_mark.column)
            return Edit(start, end, _block_scalar(new, node.style, self.text[start:start + 3],
                                                  indent))
        flow = _in_flow(self.text, start)
        return Edit(start, end, _scalar(new, node.style, flow))

    def mapping(self, node: yaml.MappingNode, new: dict[str, Any]) -> list[Edit]:
        edits: list[Edit] = []
        pairs = node.value
        flow = bool(node.flow_style) or self.text[node.start_mark.index] == "{"
        column = pairs[0][0].start_mark.column
        names = [k.value for k, _ in pairs]
        if [n for n in names if n in new] != [k for k in new if k in names]:
            raise NotSpliced("the keys would change their order")
        for number, (key, value) in enumerate(pairs):
            if key.value in new:
                edits += self.change(value, new[key.value], Holder(key, column))
            else:
                edits.append(self.remove_pair(pairs, number, flow))
        added = [k for k in new if k not in names]
        if flow and added:
            edits.append(self.add_pairs(node, {k: new[k] for k in added}, flow, column))
        elif added:  # each new key after the key before it in `new` (a model's order)
            after: dict[int, dict[str, Any]] = {}
            keys = list(new)
            for key in added:
                before = [k for k in keys[:keys.index(key)] if k in names]
                at = names.index(before[-1]) if before else len(names) - 1
                after.setdefault(at, {})[key] = new[key]
            edits += [self.add_pairs(node, pairs, flow, column, at) for at, pairs in after.items()]
        return edits

    def remove_pair(self, pairs: list[tuple[yaml.Node, yaml.Node]], number: int, flow: bool
                    ) -> Edit:
        key, value = pairs[number]
        if len(pairs) == 1:
            raise NotSpliced("a mapping would be left empty")
        if flow:
            if number + 1 < len(pairs):
                return Edit(key.start_mark.index, pairs[number + 1][0].start_mark.index, "")
            return Edit(self.node_end(pairs[number - 1][1]), self.node_end(value), "")
        end = self.line_end(self.node_end(value))
        if self.alone(key.start_mark.index):
            return Edit(self.line_start(key.start_mark.index), end, "")
        # the first key of a list's item ("- id: x"): the next key moves up after the dash
        following = pairs[number + 1][0].start_mark.index
        return Edit(key.start_mark.index, following, "")

    def add_pairs(self, node: yaml.MappingNode, added: dict[str, Any], flow: bool,
                  column: int, after: int = -1) -> Edit:
        """`added` written into the mapping: after its pair number `after` (the last)."""
        if flow:
            close = node.end_mark.index - 1  # the closing brace
            before = close - 1 if self.text[close - 1] == " " else close
            pieces = "".join(f", {_key(k)}: {_flow(v)}" for k, v in added.items())
            return Edit(before, before, pieces)
        last = node.value[after][1]
        at = self.line_end(self.node_end(last))
        lead = "" if at > 0 and self.text[at - 1] == "\n" else "\n"
        lines = "".join(self.pair_text(k, v, column) for k, v in added.items())
        return Edit(at, at, lead + lines)

    def pair_text(self, key: str, value: Any, column: int) -> str:
        pad = " " * column
        if isinstance(value, dict | list) and value and not _flowable(value):
            return f"{pad}{_key(key)}:\n{_block(value, column + self.step)}"
        return f"{pad}{_key(key)}: {_flow(value) if isinstance(value, dict | list) else _scalar(value)}\n"

    def sequence(self, node: yaml.SequenceNode, new: list[Any], holder: Holder) -> list[Edit]:
        items = node.value
        flow = bool(node.flow_style) or self.text[node.start_mark.index] == "["
        if len(items) == len(new):
            olds = [value_of(i) for i in items]
            if not _moved(olds, new):
                edits: list[Edit] = []
                for item, value in zip(items, new, strict=True):
                    edits += self.change(item, value, Holder(None, item.start_mark.column))
                return edits
        if flow:
            return [self.whole(node, new, holder)]
        if not new:
            return [self.whole(node, new, holder)]
        return [self.block_items(node, new)]

    def block_items(self, node: yaml.SequenceNode, new: list[Any]) -> Edit:
        """A block list whose items were added, removed or moved: each kept item's text (its
        comments with it) in its new place, new items written at the list's indentation."""
        items = node.value
        first_dash = self.text.rfind("-", 0, items[0].start_mark.index)
        ends = [self.line_end(self.node_end(item)) for item in items]
        starts = [self.line_start(first_dash), *ends[:-1]]  # comments above go with the item
        region_end = ends[-1]
        chunks = [self.text[s:e] for s, e in zip(starts, ends, strict=True)]
        chunks = [c if c.endswith("\n") else c + "\n" for c in chunks]
        olds = [value_of(i) for i in items]
        dash_column = first_dash - starts[0]
        # new items written as their neighbours are: on one line where those are ({ id: x })
        flows = all(isinstance(i, yaml.CollectionNode) and (i.flow_style or self.text[
            i.start_mark.index] in "{[") for i in items)
        used: set[int] = set()
        pieces = []
        for value in new:
            found = next((i for i, old in enumerate(olds) if i not in used and _same(old, value)),
                         None)
            if found is None and flows and isinstance(value, dict | list) and _flowable(
                    value, WIDTH - dash_column - 2):  # as long as the line allows, as theirs
                pieces.append(f"{' ' * dash_column}- {_flow(value)}\n")
            elif found is None:
                pieces.append(_item(value, dash_column, self.step))
            else:
                used.add(found)
                pieces.append(chunks[found])
        joined = "".join(pieces)
        if not self.text[starts[0]:region_end].endswith("\n"):
            joined = joined.removesuffix("\n")
        return Edit(starts[0], region_end, joined)

    def whole(self, node: yaml.Node, new: Any, holder: Holder) -> Edit:
        """A value written anew where the old one stood."""
        start, end = node.start_mark.index, self.node_end(node)
        if not isinstance(new, dict | list) or not new or _flowable(new):
            return Edit(start, end, _flow(new) if isinstance(new, dict | list) else _scalar(new))
        if holder.key is None:
            raise NotSpliced("a list's item would change its kind")
        after_key = holder.key.end_mark.index
        colon = self.text.index(":", after_key) + 1
        return Edit(colon, self.line_end(end),
                    "\n" + _block(new, holder.column + self.step))


# --- writing values ------------------------------------------------------------------

def _same(old: Any, new: Any) -> bool:
    return (type(old) is type(new) and bool(old == new)) or (
        isinstance(old, int | float) and isinstance(new, int | float)
        and not isinstance(old, bool) and not isinstance(new, bool) and old == new)


def _moved(olds: list[Any], new: list[Any]) -> bool:
    """Whether a list of the same length was reordered (every item found in the old list,
    some at another place) rather than edited in place."""
    return any(not _same(o, n) for o, n in zip(olds, new, strict=True)) and all(
        any(_same(o, n) for o in olds) for n in new)


_PLAIN_START = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`]")
_FLOW_CHARS = re.compile(r"[,\[\]{}]")


def _plain_ok(value: str, flow: bool) -> bool:
    if not value or value != value.strip() or "\n" in value or not _PLAIN_START.match(value):
        return False
    if ": " in value or " #" in value or value.endswith(":") or (flow and _FLOW_CHARS.search(value)):
        return False
    try:
        return bool(plain_load(value) == value)
    except yaml.YAMLError:
        return False


def _scalar(value: Any, style: str | None = None, flow: bool = False) -> str:
    """One value on one line, in `style` (the old node's: None or "" plain, ' or ") where
    it can be."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value) if isinstance(value, float) else str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if style == "'" and "\n" not in text:
        return "'" + text.replace("'", "''") + "'"
    if style != '"' and _plain_ok(text, flow):
        return text
    return scalar(text, flow)  # plain where YAML reads it back so, else double-quoted


def _block_scalar(value: str, style: str, header: str, indent: int) -> str:
    """Folded (>) or literal (|) text at `indent`, keeping the header's chomping."""
    chomp = "-" if header[1:2] == "-" else "+" if header[1:2] == "+" else ""
    if value.endswith("\n") and chomp == "-":
        chomp = ""
    elif not value.endswith("\n") and chomp == "":
        chomp = "-"
    pad = " " * indent
    body = value.rstrip("\n")
    if style == "|":
        lines = body.split("\n")
    else:
        lines = []
        for paragraph in body.split("\n"):
            lines += _fold(paragraph, WIDTH - indent) if paragraph else [""]
            lines.append("")
        lines = lines[:-1]
    text = "\n".join(pad + line if line else "" for line in lines)
    return f"{style}{chomp}\n{text}"


def _fold(text: str, width: int) -> list[str]:
    """Words joined into lines of at most `width` characters (a longer word alone); single
    spaces only, so that folding reads back as the same text."""
    if "  " in text or text != text.strip():
        raise NotSpliced("folded text cannot keep double spaces")
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > max(width, 20):
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return [*lines, line]


def _content_indent(text: str, start: int, column: int) -> int:
    """The indentation of a block scalar's first line of text."""
    after = text.find("\n", start) + 1
    line = text[after:text.find("\n", after) if text.find("\n", after) >= 0 else len(text)]
    return len(line) - len(line.lstrip(" ")) if line.strip() else column + 2


def _in_flow(text: str, index: int) -> bool:
    """Whether `index` is inside brackets or braces on its line (a flow list or mapping)."""
    start = text.rfind("\n", 0, index) + 1
    before = text[start:index]
    return before.count("[") + before.count("{") > before.count("]") + before.count("}")


def _key(key: str) -> str:
    return _scalar(key)


def _flowable(value: Any, most: int = 60) -> bool:
    """A short list or mapping of plain values, written on one line ([print, web]); `most`
    characters long at most."""
    leaves = value.values() if isinstance(value, dict) else value
    return all(not isinstance(v, dict | list) for v in leaves) and len(_flow(value)) <= most


def _flow(value: Any) -> str:
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{_key(k)}: {_flow(v)}" for k, v in value.items()) + " }" \
            if value else "{}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    return _scalar(value, flow=True)


def _block(value: Any, column: int) -> str:
    """A mapping or list in block style, each line at `column` or deeper."""
    dumped = yaml.dump(value, Dumper=_Dumper, default_flow_style=False, sort_keys=False,
                       allow_unicode=True, width=WIDTH, indent=2)
    pad = " " * column
    return "".join(pad + line if line.strip() else line for line in dumped.splitlines(True))


def _item(value: Any, dash_column: int, step: int) -> str:
    """A new item of a block list whose dashes stand at `dash_column`."""
    pad = " " * dash_column
    if isinstance(value, dict | list) and value:
        inner = _block(value, dash_column + 2).splitlines(True)
        return pad + "- " + inner[0].lstrip(" ") + "".join(inner[1:])
    return f"{pad}- {_flow(value) if isinstance(value, dict | list) else _scalar(value)}\n"


def _indent_step(text: str) -> int:
    """How far the file indents a mapping inside another (2 unless it shows otherwise)."""
    columns = [len(line) - len(line.lstrip(" ")) for line in text.splitlines()
               if line.strip() and not line.lstrip().startswith(("#", "-"))]
    steps = sorted({c for c in columns if c > 0})
    return steps[0] if steps and steps[0] in (2, 3, 4) else 2


def entry_digest(value: Any) -> str:
    """A digest of an entry's data (not its text): what a form opened, to compare at save."""
    import hashlib

    canonical = json.dumps(value, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]


def entries(text: str) -> Sequence[Any]:
    """The top-level list's items (a list file), or [] for a mapping file."""
    data = plain_load(text)
    return data if isinstance(data, list) else []


def append(text: str, new: dict[str, Any]) -> str:
    """`text` (a block list of mappings: quotes.yaml) with `new` added as its last item,
    written as the items before it are: at their dash's column, apart from the last by a
    blank line where they are apart, short lists on one line ([print, web]), long words
    folded (>-). Nothing else of the file changes; `NotSpliced` where it cannot be so."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if not isinstance(root, yaml.SequenceNode) or not root.value or \
            text[root.start_mark.index] == "[":
        raise NotSpliced("the file is not a list of entries, one under another")
    splicer = _Splicer(text)
    items = root.value
    dashes = [text.rfind("-", 0, item.start_mark.index) for item in items]
    column = dashes[-1] - splicer.line_start(dashes[-1])
    end = splicer.line_end(splicer.node_end(items[-1]))
    apart = len(items) > 1 and "\n\n" in text[splicer.line_end(splicer.node_end(items[-2])) - 1:
                                              splicer.line_start(dashes[-1])].replace(" ", "")
    lines = _entry_lines(new, column + 2, splicer.step)
    written = ("\n" if apart else "") + " " * column + "- " + "".join(lines).removeprefix(
        " " * (column + 2))
    head = text[:end] if text[:end].endswith("\n") else text[:end] + "\n"
    result = head + written + text[end:]
    try:
        again = plain_load(result)
    except yaml.YAMLError as error:
        raise NotSpliced(f"the new entry would not read back as YAML ({error})") from None
    if again != [*value_of(root), new]:
        raise NotSpliced("the new entry would not read back as the values entered")
    return result


def _entry_lines(value: dict[str, Any], column: int, step: int) -> list[str]:
    """A mapping's lines at `column`, as people write an entry (see `append`)."""
    pad = " " * column
    lines = []
    for key, item in value.items():
        if isinstance(item, dict) and item:
            lines.append(f"{pad}{_key(key)}:\n")
            lines += _entry_lines(item, column + step, step)
        elif isinstance(item, list) and item and not _flowable(item):
            lines.append(f"{pad}{_key(key)}:\n{_block(item, column + step)}")
        elif isinstance(item, str) and column + len(key) + 2 + len(_scalar(item)) > WIDTH:
            try:
                folded = _block_scalar(item, ">", ">-", column + step)
            except NotSpliced:  # (double spaces: kept on one line, quoted)
                folded = _scalar(item)
            lines.append(f"{pad}{_key(key)}: {folded}\n")
        else:
            shown = _flow(item) if isinstance(item, dict | list) else _scalar(item)
            lines.append(f"{pad}{_key(key)}: {shown}\n")
    return lines


def new_file(value: dict[str, Any], head: str = "") -> str:
    """A new file holding the mapping `value`, written as people write one (see `append`:
    short lists on one line, groups of keys indented two spaces, long words folded), after
    `head` (its comment lines); `NotSpliced` where it would not read back as `value`."""
    text = head + "".join(_entry_lines(value, 0, 2))
    try:
        again = plain_load(text)
    except yaml.YAMLError as error:
        raise NotSpliced(f"the new file would not read back as YAML ({error})") from None
    if (again or {}) != value:
        raise NotSpliced("the new file would not read back as the values entered")
    return text
