"""Turn pydantic's validation errors into located, plain-language problems."""

from __future__ import annotations

import re
from functools import cache
from typing import TypeVar

from pydantic import TypeAdapter, ValidationError
from pydantic_core import ErrorDetails

from press.core.clock import no_such_date
from press.core.names import SLUG_PATTERN
from press.core.problems import Problem, did_you_mean, one_of, shown
from press.source.yamlsource import Loc, Located

T = TypeVar("T")
FIX = "; fix: "  # validators write "what is wrong; fix: how to fix it"

KEY_HINTS = {
    "reference": "a figure cannot print without its source; add \"reference: <an id from "
                 "references.yaml>\"",
    "consent": "add the consent record: uses, basis and given",
    "id": "add \"id: a-short-name\" (lowercase letters, digits and hyphens)",
}

PATTERN_WORDS = {
    SLUG_PATTERN: (
        "an id of lowercase letters, digits and hyphens (like quintecia-danger)",
        "use lowercase letters, digits and single hyphens only"),
    "^#[0-9A-Fa-f]{6}$": ("a color written like \"#7A1F3D\"", "write # and six hex digits, in quotes"),
    '^(|https?://[^\\s<>\\"]+)$': ("a full web address starting with https://",
                                   "write the whole address, e.g. https://example.org/page"),
    "^https?://\\S+$": ("a full web address starting with https://",
                        "write the whole address, e.g. https://example.org/page"),
    "^[a-z]{2}(-[A-Z]{2})?$": ("a language tag like en-US", "write two lowercase letters, "
                               "optionally a hyphen and a country code"),
    r"^[A-Za-z0-9 _.()\-]+$": ("the characters a file name may use, one after another: "
                               "letters, digits, spaces and _ . ( ) -",
                               "write only those; A-Z, a-z and 0-9 stand for every capital, "
                               "small letter and digit, e.g. A-Za-z0-9_.-"),
}


@cache
def known_keys(adapter: TypeAdapter[T]) -> frozenset[str]:
    """Every key name the schema declares, for did-you-mean suggestions."""
    keys: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            keys.update((node.get("properties") or {}).keys())
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(_schema(adapter))
    return frozenset(keys)


_ABSENT = object()


def _step(data: object, step: int | str) -> object:
    """What `data` holds at `step` (a key, or an index in a list), or _ABSENT."""
    if isinstance(data, dict):
        return data.get(step, _ABSENT)
    if isinstance(data, list) and isinstance(step, int) and 0 <= step < len(data):
        return data[step]
    return _ABSENT


def _data_loc(data: object, loc: tuple[int | str, ...]) -> Loc:
    """Pydantic's error path, less the union tags it inserts, as a path in the YAML data."""
    out: list[int | str] = []
    current = data
    for index, step in enumerate(loc):
        found = _step(current, step)
        if found is not _ABSENT and index < len(loc) - 1 and not isinstance(found, dict | list):
            continue  # a union's tag that is also a key of the item (a stat block's `stat`)
        if found is not _ABSENT:
            out.append(step)
            current = found
        elif index == len(loc) - 1:
            out.append(step)
    return tuple(out)


TYPES = {  # pydantic's error type -> (what was expected, how to fix it)
    **dict.fromkeys(("int_type", "int_parsing", "int_from_float"),
                    ("a whole number", "write digits only, e.g. 12")),
    **dict.fromkeys(("float_type", "float_parsing"),
                    ("a number", "write digits only, e.g. 24 or 24.5")),
    **dict.fromkeys(("bool_type", "bool_parsing"), ("true or false", "write true or false")),
    **dict.fromkeys(("list_type", "tuple_type"),
                    ("a list", "write each item on its own line starting with '- '")),
    **dict.fromkeys(("model_type", "dict_type", "model_attributes_type"),
                    ('a block of "key: value" lines', "indent the keys under this line")),
    "date": ("a date like 2025-03-01", "write the date as YYYY-MM-DD"),
}


def _message(error: ErrorDetails, strays: dict[Loc, list[str]], loc: Loc) -> tuple[str, str]:
    """What is wrong at `loc` and how to fix it, in plain words."""
    kind = error["type"]
    found = shown(error.get("input"))
    if kind == "missing":
        return _missing(str(loc[-1]), strays.get(loc[:-1], []))
    if kind == "string_type":
        value = error.get("input")
        return f"expected text, found {found}", (
            "write one value here, not a list" if isinstance(value, list) else
            "write one value here, not a block of keys" if isinstance(value, dict) else
            "put the value in double quotes")
    if kind.startswith("date") and (why := no_such_date(str(error.get("input")))):
        return (f"the date {found} does not exist: {why}",
                "correct the day or the month to the date on the record (YYYY-MM-DD)")
    expected = TYPES.get("date" if kind.startswith("date") else kind)
    if expected:
        return f"expected {expected[0]}, found {found}", expected[1]
    if kind in ("value_error", "assertion_error"):
        text = str(error["msg"]).removeprefix("Value error, ").removeprefix("Assertion failed, ")
        message, _, hint = text.partition(FIX)
        return message, hint
    return _constraint(kind, error, found)


def _missing(key: str, strays: list[str]) -> tuple[str, str]:
    near = did_you_mean(key, strays)
    if near:
        stray = near.split('"')[1]
        return f'missing the key "{key}"; found "{stray}" instead', f'rename "{stray}" to "{key}"'
    return f'missing the key "{key}"', KEY_HINTS.get(key, f'add a line "{key}: ..." in this block')


def _constraint(kind: str, error: ErrorDetails, found: str) -> tuple[str, str]:
    """A value of the right type that breaks a rule: a choice, a pattern, a length, a bound."""
    ctx = error.get("ctx") or {}
    if kind == "literal_error":
        expected = str(ctx.get("expected", ""))
        choices = [c.strip().strip("'") for c in expected.replace(" or ", ",").split(",")]
        return (f"expected one of: {one_of(c for c in choices if c)}, found {found}."
                f"{did_you_mean(str(error.get('input')), choices)}",
                "use one of the listed values")
    if kind == "union_tag_invalid":
        tags = [t.strip().strip("'") for t in str(ctx.get("expected_tags", "")).split(",")]
        return (f'unknown {ctx.get("discriminator", "kind").strip(chr(39))} {shown(ctx.get("tag"))}; '
                f"expected one of: {one_of(tags)}.{did_you_mean(str(ctx.get('tag')), tags)}",
                "use one of the listed values")
    if kind == "union_tag_not_found":
        tag = str(ctx.get("discriminator", "type")).strip("'")
        return f'missing the key "{tag}" that says what this item is', f'add "{tag}: ..."'
    if kind == "string_pattern_mismatch":
        what, hint = PATTERN_WORDS.get(str(ctx.get("pattern")), ("a different form", "see the "
                                                                 "comments at the top of the file"))
        return f"expected {what}, found {found}", hint
    if kind == "string_too_short":
        return "expected text, found an empty value", "write the text, or delete the line"
    if kind == "string_too_long":
        return (f"the text is too long ({len(str(error.get('input')))} characters; at most "
                f"{ctx.get('max_length')})", "shorten it")
    if kind == "too_short":
        least, found_count = ctx.get("min_length"), ctx.get("actual_length") or 0
        if least == 1:
            return "expected at least one item, found none", "add one"
        return (f"expected at least {least} items, found {found_count}",
                "add the missing items")
    if kind == "too_long":
        return (f"expected at most {ctx.get('max_length')} items, found "
                f"{ctx.get('actual_length')}", "remove some items")
    if kind in ("greater_than_equal", "greater_than"):
        return (f"expected a number of at least {ctx.get('ge', ctx.get('gt'))}, found {found}",
                "correct the number")
    if kind in ("less_than_equal", "less_than"):
        return (f"expected a number of at most {ctx.get('le', ctx.get('lt'))}, found {found}",
                "correct the number")
    return f"{error['msg']}, found {found}", "see the comments at the top of the file"


def validate(doc: Located, adapter: TypeAdapter[T], tolerated: frozenset[str] = frozenset()
             ) -> tuple[T | None, list[Problem]]:
    """Validate `doc` against `adapter`. Every problem is an error, an unknown key too: a
    misspelt key (`expire:` in a consent record, `page_limt:` in a funder's rules) would
    otherwise be read as absent and the rule it states would go unapplied. Only a key in
    `tolerated` (a field of the file's standard that the press does not print: CSL's
    `abstract` in references.yaml) is a warning, and is set aside."""
    data = doc.data
    problems: list[Problem] = []
    try:
        return adapter.validate_python(data), problems
    except ValidationError as first:
        errors = first.errors()
    stray_locs = [_data_loc(data, e["loc"]) for e in errors if e["type"] == "extra_forbidden"]
    strays: dict[Loc, list[str]] = {}
    for loc in stray_locs:
        strays.setdefault(loc[:-1], []).append(str(loc[-1]))
    consumed: set[Loc] = set()
    for error in errors:
        loc = _data_loc(data, error["loc"])
        if error["type"] == "extra_forbidden":
            continue
        message, hint = _message(error, strays, loc)
        if error["type"] == "missing" and "found \"" in message:
            stray = (*loc[:-1], message.split('"')[3])
            consumed.add(stray)
            problems.append(doc.at_key(stray, message, hint))  # where the misspelt key is
            continue
        problems.append(doc.problem(loc, message, hint))
    for loc in stray_locs:
        if loc not in consumed:
            problems.append(_unknown_key(doc, adapter, loc, tolerated))
    if any(p.severity == "error" for p in problems):
        return None, problems
    # Only tolerated keys: set them aside and take the rest.
    return adapter.validate_python(_without(data, set(stray_locs))), problems


# A word staff may write for a key the file names otherwise: (the key, what to say of it).
SYNONYMS = {
    **dict.fromkeys(("withdrawn", "withdrew", "revoked", "rescinded", "ended", "ends", "until",
                     "valid_until", "expiry", "expiration", "expiration_date", "expiry_date",
                     "end_date"),
                    ("expires", "a consent that was withdrawn or ends is written as the day it "
                     "ends, `expires: YYYY-MM-DD`: from that day the quote is not printed, and "
                     "the documents that carry it are taken out of out/")),
    **dict.fromkeys(("signed", "date", "given_on", "date_given", "consented"),
                    ("given", "the day consent was given is `given: YYYY-MM-DD`")),
    **dict.fromkeys(("use", "allowed", "allowed_uses", "permissions"),
                    ("uses", "the uses consent allows are listed under `uses:`")),
}


def _unknown_key(doc: Located, adapter: TypeAdapter[T], loc: Loc, tolerated: frozenset[str]
                 ) -> Problem:
    """An unknown key, at its line: an error naming the key it most likely means (among the
    keys of its own block), the kind of item that takes it, the level it belongs at, or the
    keys the block takes."""
    key = str(loc[-1])
    where = _block(doc.data, loc)
    if key in tolerated:
        return doc.at_key(loc, f'the key "{key}"{where} is a field the press does not print '
                          "(ignored)",
                          "delete it if it should print; otherwise nothing to do",
                          severity="warning")
    here = keys_at(adapter, doc.data, loc[:-1])
    synonym, why = SYNONYMS.get(key.casefold(), ("", ""))
    near = (f' Did you mean "{synonym}"?' if synonym in here else
            did_you_mean(key, here) or did_you_mean(key.casefold(), here))
    meant = near.split('"')[1] if near else ""
    fix = f'rename it to "{meant}"' + (f"; {why}" if why and meant == synonym else "")
    parent = _at(doc.data, loc[:-1])
    tag = next((k for k in ("kind", "type") if isinstance(parent, dict)
                and isinstance(parent.get(k), str)), "")
    if tag and isinstance(parent, dict) and key in keys_at(adapter, doc.data, loc[:-1], False):
        near = did_you_mean(key, here, cutoff=0.8)  # a key of another kind: only a near miss
        return doc.at_key(loc, f'the key "{key}" is not one a "{parent[tag]}" item takes (another '
                          f"{tag} does), so nothing it says would be applied"
                          + (f".{near}" if near else ""),
                          f'rename it to "{near.split(chr(34))[1]}"' if near else
                          f"delete it, or write the `{tag}:` that takes it")
    if near:
        return doc.at_key(loc, f'unknown key "{key}"{where}: nothing it says would be '
                          f"applied.{near}", fix)
    if key in known_keys(adapter):  # a key of this file, at another level
        return doc.at_key(loc, f'the key "{key}" does not belong{where or " here"}, so nothing '
                          "it says would be applied", "move it to the level the user guide's "
                          "examples show (docs/; e.g. to the top of the file, not indented)")
    listed = f"the keys here are {one_of(sorted(here))}" if here else "see the user guide's examples, docs/"
    return doc.at_key(loc, f'unknown key "{key}"{where}: nothing it says would be applied',
                      f"rename it to the key it means, or delete it ({listed})")


def _block(data: object, loc: Loc) -> str:
    """Where a key is, in words: ' under "consent"', ' in "rosa-ready"' (an item of a list,
    by its id), ' in item 2 of "blocks"', or '' at the top of the file."""
    if len(loc) < 2:
        return ""
    step = loc[-2]
    if isinstance(step, str):
        return f' under "{step}"'
    item = _at(data, loc[:-1])
    if isinstance(item, dict) and isinstance(item.get("id"), str):
        return f' in "{item["id"]}"'
    return f" in item {step + 1}" + (f' of "{loc[-3]}"' if len(loc) > 2 else "")


def keys_at(adapter: TypeAdapter[T], data: object, loc: Loc, narrow: bool = True) -> list[str]:
    """The keys the schema takes in the block of `data` at `loc` (where `narrow`, a union's
    options narrowed by the item's own `kind:` or `type:`)."""
    schema = _schema(adapter)
    nodes = _options(schema, schema, data, narrow)
    current = data
    for step in loc:
        current = _step(current, step)
        inner: list[dict[str, object]] = []
        for node in nodes:
            inner += _options(schema, _child(node, step), current, narrow)
        nodes = inner
    keys: dict[str, None] = {}
    for node in nodes:
        properties = node.get("properties")
        keys.update(dict.fromkeys(properties if isinstance(properties, dict) else ()))
    return list(keys)


@cache
def _schema(adapter: TypeAdapter[T]) -> dict[str, object]:
    return adapter.json_schema(by_alias=True)


def _child(node: dict[str, object], step: int | str) -> object:
    """The schema of `step` in a block (a key) or a list (an index) that `node` describes."""
    if isinstance(step, str):
        properties = node.get("properties")
        if isinstance(properties, dict) and step in properties:
            return properties[step]
        patterns = node.get("patternProperties")
        for pattern, inner in (patterns.items() if isinstance(patterns, dict) else ()):
            if re.search(pattern, step):
                return inner
        return node.get("additionalProperties")
    prefix = node.get("prefixItems")
    if isinstance(prefix, list) and 0 <= step < len(prefix):
        return prefix[step]
    return node.get("items")


def _options(schema: dict[str, object], node: object, value: object, narrow: bool = True
             ) -> list[dict[str, object]]:
    """`node` with its references followed and its unions opened: the schemas `value` may
    have (where `narrow`, by its discriminator when it has one)."""
    if not isinstance(node, dict):
        return []
    ref = node.get("$ref")
    if isinstance(ref, str):
        defs = schema.get("$defs")
        target = defs.get(ref.rsplit("/", 1)[-1]) if isinstance(defs, dict) else None
        return _options(schema, target, value, narrow)
    discriminator = node.get("discriminator")
    if narrow and isinstance(discriminator, dict) and isinstance(value, dict):
        mapping = discriminator.get("mapping")
        tag = value.get(discriminator.get("propertyName"))
        if isinstance(mapping, dict) and isinstance(tag, str) and tag in mapping:
            return _options(schema, {"$ref": mapping[tag]}, value, narrow)
    union = node.get("anyOf") or node.get("oneOf")
    if isinstance(union, list):
        return [found for option in union for found in _options(schema, option, value, narrow)]
    return [node]


def _at(data: object, loc: Loc) -> object:
    for step in loc:
        data = _step(data, step)
    return data


def _without(data: object, drop: set[Loc], here: Loc = ()) -> object:
    if isinstance(data, dict):
        return {k: _without(v, drop, (*here, k)) for k, v in data.items() if (*here, k) not in drop}
    if isinstance(data, list):
        return [_without(v, drop, (*here, i)) for i, v in enumerate(data)]
    return data
