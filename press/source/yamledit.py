"""Edits the press makes to a YAML file a person wrote, made by position.

A command that writes into source/ (translate's `of:` lines) adds keys to a mapping and
changes nothing else: each new `key: value` is inserted as text at the place the parsed
file's marks point to, in the mapping's own style (a line at its keys' indentation, with
the file's line ends, in a block mapping; `, key: value` before the closing brace of a flow
mapping), so comments, order, quoting, folding, indentation, line ends, a missing final
newline and every other byte stay as they were. The edited text is parsed again before it
is returned: if it does not hold exactly the old data plus the new keys, `NotEdited` says
so and nothing is written.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import yaml

Keys = tuple[str, ...]  # the keys from the top of the document to a mapping


@dataclass(frozen=True)
class Addition:
    """`key: value` to add to the mapping at `under` (a plain string value)."""

    under: Keys
    key: str
    value: str


class NotEdited(ValueError):
    """The file could not be edited by position without changing what it says."""


# Words YAML reads as they are written (or as a number, or true: checked by reading them):
# in a block, and inside braces or brackets, where a comma ends them.
PLAIN = re.compile(r"[^\W_][\w .,;'/()!?-]*")
PLAIN_IN_FLOW = re.compile(r"[^\W_][\w .;'/()!?-]*")


def scalar(value: str, flow: bool = False) -> str:
    """`value` as YAML writes it: plain where that reads back as the same string (a hex
    fingerprint, "Probation officers"), else double-quoted (all digits would read back as a
    number, "yes" as true, "Judges: family court" not at all). `flow`: inside braces."""
    plain = (PLAIN_IN_FLOW if flow else PLAIN).fullmatch(value) and \
        value == value.rstrip() and yaml.safe_load(value) == value
    return value if plain else json.dumps(value, ensure_ascii=False)


def add_keys(text: str, additions: Sequence[Addition]) -> str:
    """`text` with each addition's `key: value` written into its mapping (see the module)."""
    if not additions:
        return text
    if any(isinstance(event, yaml.AliasEvent) for event in yaml.parse(text)):
        raise NotEdited("it names a part of itself again (an alias, *name): a key added "
                        "there would be added everywhere it is named")
    root = yaml.compose(text)
    newline = "\r\n" if "\r\n" in text else "\n"
    edits = []
    for index, addition in enumerate(additions):
        mapping = _mapping(root, addition.under)
        item = f"{scalar(addition.key, mapping.flow_style)}: " \
            f"{scalar(addition.value, mapping.flow_style)}"
        edits.append((_where(text, mapping, item, newline), index))
    edited = text
    for (at, insert), _ in sorted(edits, key=lambda edit: (edit[0][0], edit[1]), reverse=True):
        edited = edited[:at] + insert + edited[at:]
    _check(text, edited, additions)
    return edited


def _mapping(root: yaml.Node | None, under: Keys) -> yaml.MappingNode:
    node = root
    for key in under:
        if not isinstance(node, yaml.MappingNode):
            raise NotEdited(f"`{'.'.join(under)}` is not in a mapping")
        node = next((value for name, value in node.value if isinstance(name, yaml.ScalarNode)
                     and unicodedata.normalize("NFC", name.value) == key), None)
    if not isinstance(node, yaml.MappingNode):
        raise NotEdited(f"`{'.'.join(under)}` is not a mapping")
    return node


def _where(text: str, mapping: yaml.MappingNode, item: str, newline: str) -> tuple[int, str]:
    """Where `item` goes in `mapping`, and the text to insert there."""
    if mapping.flow_style:
        if not mapping.value:  # {}: between the braces
            return mapping.start_mark.index + 1, item
        return mapping.value[-1][1].end_mark.index, f", {item}"
    indent = " " * mapping.value[0][0].start_mark.column
    last = _last_leaf(mapping)
    if isinstance(last, yaml.ScalarNode) and last.style in ("|", ">"):
        at = _after_block_scalar(text, last)
        if at == 0 or text[at - 1] == "\n":
            return at, f"{indent}{item}{newline}"
        # The file ends on the scalar's last line, with no line break: a line after it would
        # give the scalar one, so the new key goes before the mapping's first.
        return mapping.value[0][0].start_mark.index, f"{item}{newline}{indent}"
    end = last.end_mark.index  # a plain or quoted value, or a flow collection: its line ends
    line_end = text.find("\n", end)
    at = len(text) if line_end < 0 else line_end - (text[line_end - 1] == "\r")
    return at, f"{newline}{indent}{item}"


def _last_leaf(node: yaml.Node) -> yaml.Node:
    """The node written last inside `node`: its last value, down through block collections."""
    while isinstance(node, yaml.MappingNode | yaml.SequenceNode) and not node.flow_style \
            and node.value:
        last = node.value[-1]
        node = last[1] if isinstance(node, yaml.MappingNode) else last
    return node


def _after_block_scalar(text: str, node: yaml.ScalarNode) -> int:
    """Where a literal or folded scalar's own lines end: its mark goes past the blank lines
    after it (and the next line's indentation), which are its words only when it keeps them
    (`|+`)."""
    at = node.end_mark.index
    if not text[text.rfind("\n", 0, at) + 1:at].strip(" "):
        at = text.rfind("\n", 0, at) + 1  # the next line's indentation is not the scalar's
    header = text[node.start_mark.index:].split("\n", 1)[0].split("#", 1)[0]
    if "+" in header:
        return at
    while at > 0 and text[at - 1] == "\n":
        start = text.rfind("\n", 0, at - 1) + 1  # the line that ends just before `at`
        if text[start:at - 1].strip() or start <= node.start_mark.index:
            return at
        at = start
    return at


def _check(before: str, after: str, additions: Sequence[Addition]) -> None:
    """The edited text holds the old data plus the new keys, and nothing else."""
    expected = yaml.safe_load(before)
    for addition in additions:
        mapping = _lookup(expected, addition.under)
        mapping[addition.key] = addition.value
    try:
        found = yaml.safe_load(after)
        twice = _written_twice(yaml.compose(after))
    except yaml.YAMLError:
        found, twice = None, True
    if found != expected or twice:
        keys = ", ".join(f"`{'.'.join((*a.under, a.key))}`" for a in additions)
        raise NotEdited(f"writing {keys} into the file's own layout would change what it says")


def _written_twice(node: yaml.Node | None) -> bool:
    """Whether a mapping in the tree has a key twice (which a reader keeps only once)."""
    seen: set[int] = set()
    waiting = [node] if node is not None else []
    while waiting:
        node = waiting.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            keys = [key.value for key, _ in node.value if isinstance(key, yaml.ScalarNode)]
            if len(keys) != len(set(keys)):
                return True
            waiting += [part for pair in node.value for part in pair]
        elif isinstance(node, yaml.SequenceNode):
            waiting += node.value
    return False


def _lookup(data: Any, under: Keys) -> dict[Any, Any]:
    for key in under:
        data = next(value for name, value in data.items()
                    if unicodedata.normalize("NFC", str(name)) == key)
    assert isinstance(data, dict)
    return data
