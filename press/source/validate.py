"""Turn pydantic's validation errors into located, plain-language problems."""

from __future__ import annotations

from functools import cache
from typing import TypeVar

from pydantic import TypeAdapter, ValidationError
from pydantic_core import ErrorDetails

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

    walk(adapter.json_schema(by_alias=True))
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
        if found is not _ABSENT:
            out.append(step)
            current = found
        elif index == len(loc) - 1:
            out.append(step)
    return tuple(out)


TYPES = {  # pydantic's error type -> (what was expected, how to fix it)
    **dict.fromkeys(("int_type", "int_parsing", "int_from_float"),
                    ("a whole number", "write digits only, e.g. 2013")),
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
        return (f"expected at least {ctx.get('min_length')} item(s), found "
                f"{ctx.get('actual_length', 0)}", "add the missing items")
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


def validate(doc: Located, adapter: TypeAdapter[T], exact: bool = False
             ) -> tuple[T | None, list[Problem]]:
    """Validate `doc` against `adapter`; unknown keys are warnings (errors where `exact`: a
    rule file, whose misspelt rule would otherwise pass unseen), everything else errors."""
    data = doc.data
    problems: list[Problem] = []
    keys = known_keys(adapter)
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
        if loc in consumed:
            continue
        near = did_you_mean(str(loc[-1]), keys)
        if near == f' Did you mean "{loc[-1]}"?':  # a key of this file, at another level
            where = f'under "{loc[-2]}"' if len(loc) > 1 and isinstance(loc[-2], str) else "here"
            problems.append(doc.at_key(
                loc, f'the key "{loc[-1]}" does not belong {where}' +
                ("" if exact else " (ignored)"), "move it to the level the README's examples show "
                "(e.g. to the top of the file, not indented)",
                severity="error" if exact else "warning"))
            continue
        if exact:
            problems.append(doc.at_key(
                loc, f'unknown key "{loc[-1]}": this file\'s rules would go unchecked.'
                f"{near}", "rename it to the key it means, or delete it (the README lists the "
                "keys of this file)"))
            continue
        problems.append(doc.at_key(
            loc, f'unknown key "{loc[-1]}" (ignored).{near}',
            "rename it to a key this file uses, or delete it", severity="warning"))
    if any(p.severity == "error" for p in problems):
        return None, problems
    # Only unknown keys: drop them and take the rest.
    return adapter.validate_python(_without(data, set(stray_locs))), problems


def _without(data: object, drop: set[Loc], here: Loc = ()) -> object:
    if isinstance(data, dict):
        return {k: _without(v, drop, (*here, k)) for k, v in data.items() if (*here, k) not in drop}
    if isinstance(data, list):
        return [_without(v, drop, (*here, i)) for i, v in enumerate(data)]
    return data
