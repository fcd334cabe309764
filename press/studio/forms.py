"""Forms generated from the models the press validates (press/source/schema.py).

Each field of an entry's model becomes a widget chosen by its type: a line or a box of text,
a date picker, a number, a yes/no box, a choice among fixed values or among the ids of other
entries (quotes, statistics, charts, steps), a list whose items can be added, removed and
moved, a group of fields for a nested object, a kind to choose (a brief's block is a heading,
a paragraph, a quote...). A field's label and help come from its model (its name said in
words, and its description). Every input is named by the dotted path of its value in the
file ("actions.1.text", "3.consent.uses": the same path a Problem's `field` names), so a
problem found in a draft is shown at its input.

`read_form` turns what a form posted back into the entry's data, typed as the model wants
where the words allow (a date, a number) and kept as typed where they do not, so that the
check says what is wrong at its field.
"""

from __future__ import annotations

import datetime as dt
import difflib
import types
import typing
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal, Union, get_args, get_origin

import yaml
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from press.core.problems import Problem
from press.source import schema as s
from press.source.splice import plain_load
from press.source.yamlsource import read_plain
from press.studio.pickers import Option
from press.studio.store import Opened
from press.studio.words import _label, _singular, choice_words, help_words, maybe_words

NEW = "__i__"  # the index of a list's item not yet added (its template)
PAIR_WORDS = {"page_size_in": ("Width", "Height")}  # a pair's two numbers, where not From, To

# A field whose value is the id of another entry: what it names.
REFERS: dict[tuple[type[BaseModel], str], str] = {
    (s.Handout, "quote"): "quotes", (s.Handout, "stats"): "stats",
    (s.Handout, "chart"): "charts", (s.Action, "step"): "steps", (s.Cover, "quote"): "quotes",
    (s.QuoteBlock, "quote"): "quotes", (s.StatBlock, "stat"): "stats",
    (s.ChartBlock, "chart"): "charts", (s.BigNumberChart, "stat"): "stats",
    (s.LiteralStat, "reference"): "references", (s.ShareStat, "dataset"): "datasets",
    (s.SplitChart, "dataset"): "datasets", (s.ShareOverTimeChart, "dataset"): "datasets",
    (s.SlopeChart, "dataset"): "datasets", (s.BigNumberChart, "dataset"): "datasets",
    (s.Brief, "other_audiences"): "audiences", (s.Training, "attendees"): "audiences",
    (s.Training, "chapter"): "chapters", (s.Training, "jurisdiction"): "places",
}
# Fields the studio leaves off a form unless the file writes them (the folder says the
# handout's chapter).
UNSHOWN = {(s.Handout, "chapter")}
LONG_TEXT = 200  # a text longer than this may be is written in a box, not on a line
ENTRY_KINDS: dict[str, type[BaseModel]] = {"brief": s.Brief, "handout": s.Handout, "quotes": s.Quote,
               "references": s.Reference, "brand": s.Brand, "settings": s.Settings,
               "training": s.Training, "funder": s.Funder}
UNIONS: dict[str, tuple[str, dict[str, type[BaseModel]]]] = {
    "stats": ("kind", {"share": s.ShareStat, "literal": s.LiteralStat}),
    "charts": ("kind", {"split": s.SplitChart, "share-over-time": s.ShareOverTimeChart,
                        "slope": s.SlopeChart, "big-number": s.BigNumberChart}),
    "block": ("type", {"heading": s.HeadingBlock, "paragraph": s.ParagraphBlock,
                       "quote": s.QuoteBlock, "stat": s.StatBlock, "chart": s.ChartBlock,
                       "steps": s.StepsBlock, "roles": s.RolesBlock}),
}
VARIANT_WORDS = {"share": "A share computed from the data", "literal": "A figure from a study",
                 "split": "Split (women and men, one year)", "share-over-time":
                 "Share over time", "slope": "Slope (two years)", "big-number": "Big number",
                 "heading": "Heading", "paragraph": "Paragraph", "quote": "Quote",
                 "stat": "Statistic", "chart": "Chart", "steps": "Steps toward change",
                 "roles": "Who can shift the system (roster)"}


@dataclass
class Widget:
    """One control of a form (see the module): its kind, its input's name, its words."""

    kind: str
    name: str
    label: str
    help: str = ""
    required: bool = False
    value: Any = None
    options: list[Option] = field(default_factory=list)
    children: list[Widget] = field(default_factory=list)
    item: Widget | None = None  # a list's new item
    variants: dict[str, list[Widget]] = field(default_factory=dict)  # a kind to choose
    tag: str = ""  # a kind's key ("type")
    picker: str = ""  # quotes, stats, charts: a choice that shows what each option is
    default: Any = None
    present: bool = True  # whether the value is in the file (a default left out is not)
    summary: str = ""  # a list's item, folded: what it is, in a line
    unread: str = ""  # a choice of ids whose file does not read now: that file

    def walk(self) -> list[Widget]:
        found = [self]
        for child in self.children:
            found += child.walk()
        for child in self.variants.get(str(self.value), []) if self.kind == "union" else []:
            found += child.walk()
        return found


DROP = "_drop."  # a posted box: remove the key the model has not, named after it


def field_id(name: str) -> str:
    """An element id for an input name ("actions.1.text" -> "f-actions-1-text")."""
    return "f-" + "".join(c if c.isalnum() or c == "_" else "-" for c in name)


def edit_link(root: Path, source: str, path: str) -> str:
    """The editor's address for a field of a file (a list file's entry found by its id)."""
    from urllib.parse import urlencode

    from press.studio.store import LIST_FILES, kind_of

    if kind_of(source) == "training":  # edited on its print run's page
        name = source.rsplit("/", 1)[-1].removesuffix(".yaml")
        return f"/printing/training?{urlencode([('name', name)])}" + (
            f"#{field_id(path)}" if path else "")
    query: list[tuple[str, str]] = [("file", source)]
    if source in LIST_FILES and path:
        head = path.split(".", 1)[0]
        entries = _list_ids(root, source)
        if head.isdigit() and int(head) < len(entries):
            query.append(("entry", entries[int(head)]))
    if path:
        query.append(("field", path))
    return "/edit?" + urlencode(query) + (f"#{field_id(path)}" if path else "")


def _list_ids(root: Path, source: str) -> list[str]:
    data = read_plain(root, root / source)
    return [str(i.get("id")) if isinstance(i, dict) else "" for i in data] \
        if isinstance(data, list) else []


# --- from a model to widgets -----------------------------------------------------------

@dataclass(frozen=True)
class Choices:
    """What the project offers for each kind of id (read once per form)."""

    by_kind: dict[str, list[Option]]
    unread: dict[str, str] = field(default_factory=dict)  # kind -> its file, not read now

    def of(self, kind: str) -> list[Option]:
        return self.by_kind.get(kind, [])


SHAPE = Choices({})  # a form's shape alone: what it reads back, where its problems go


def build_form(root: Path, opened: Opened, project: Any, place: str = "",
               choices: Choices | None = None) -> Widget:
    """The form of an opened entry, its values filled in (a statistic's figure shown for
    `place` too, where one is chosen); with `choices` (SHAPE), those in place of what the
    project offers (a posted form read back needs none)."""
    choices = offered(root, opened, project, place) if choices is None else choices
    prefix = ".".join(map(str, opened.prefix))
    if opened.kind in ENTRY_KINDS:
        return _object(ENTRY_KINDS[opened.kind], prefix, opened.value, choices, "", "")
    tag, variants = UNIONS[opened.kind]
    return _union(tag, variants, prefix, opened.value, choices, "", "")


def _object(model: type[BaseModel], name: str, value: Any, choices: Choices, label: str,
            help: str) -> Widget:
    values = value if isinstance(value, dict) else {}
    children = []
    for key, info in model.model_fields.items():
        written = info.alias or key
        if (model, key) in UNSHOWN and written not in values:
            continue
        child_name = f"{name}.{written}" if name else written
        child = _widget(model, key, info, child_name, values.get(written), choices)
        child.present = written in values
        children.append(child)
    known = [info.alias or key for key, info in model.model_fields.items()]
    for written in values:  # keys the model has not (misspelt by hand): shown, kept till removed
        if isinstance(written, str) and written not in known:
            close = difflib.get_close_matches(written, known, 1)
            children.append(Widget(
                "unknown", f"{name}.{written}" if name else written, written,
                f"did you mean \u201c{_label(close[0])}\u201d?" if close else "",
                value=_as_yaml(values[written]) if isinstance(values[written], dict | list)
                else str(values[written])))
    return Widget("object", name, label, help, True, value, children=children)


def _union(tag: str, variants: dict[str, type[BaseModel]], name: str, value: Any,
           choices: Choices, label: str, help: str) -> Widget:
    current = value.get(tag) if isinstance(value, dict) else None
    chosen = current if current in variants else next(iter(variants))
    fields = {}
    for key, model in variants.items():
        form = _object(model, name, value if key == chosen else {tag: key}, choices, "", "")
        fields[key] = [w for w in form.children if w.name.rsplit(".", 1)[-1] != tag]
    options = [Option(k, VARIANT_WORDS.get(k, k)) for k in variants]
    return Widget("union", name, label, help, True, chosen, options=options, variants=fields,
                  tag=tag)


def _widget(model: type[BaseModel], key: str, info: FieldInfo, name: str, value: Any,
            choices: Choices) -> Widget:
    label = _label(info.alias or key)
    help = help_words(model, key, info.description or "")
    if info.annotation == bool | None:  # a rule that may be unset, yes or no: never a tick
        said = {True: "true", False: "false"}.get(value, "" if value is None else str(value))
        return Widget("maybe", name, label, help, value=said, options=[
            Option(v, maybe_words(name, v)) for v in ("", "true", "false")])
    kind_of_id = REFERS.get((model, key)) or next(
        (k for (m, f), k in REFERS.items() if f == key and issubclass(model, m)), None)
    widget = _typed(info.annotation, name, value, choices, label, help, kind_of_id,
                    _longest(info.metadata), key)
    widget.required = info.is_required()
    if not info.is_required() and info.default is not None and not callable(info.default):
        widget.default = info.default
    return widget


def _longest(metadata: Sequence[Any]) -> int | None:
    for item in metadata:
        longest = getattr(item, "max_length", None)
        if longest is not None:
            return int(longest)
    return None


def _typed(annotation: Any, name: str, value: Any, choices: Choices, label: str, help: str,
           refers: str | None, longest: int | None, key: str) -> Widget:
    annotation, longest = _unwrap(annotation, longest)
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        options = [a for a in get_args(annotation) if a is not type(None)]
        if all(isinstance(a, type) and issubclass(a, BaseModel) for a in options):
            tag, variants = _discriminated(options)
            if tag:
                return _union(tag, variants, name, value, choices, label, help)
        if all(_unwrap(a, None)[0] is str or get_origin(a) is Literal for a in options):
            return Widget("text", name, label, help, value=value)  # a word of a few kinds
        return Widget("yaml", name, label, help, value=_as_yaml(value))
    if origin is Literal:
        return Widget("choice", name, label, help, value=value,
                      options=[Option(str(v), choice_words(name, str(v)))
                               for v in get_args(annotation)])
    if origin is list:
        (inner,) = get_args(annotation) or (Any,)
        inner, _ = _unwrap(inner, None)
        if get_origin(inner) is Literal:
            return Widget("choices", name, label, help, value=value if isinstance(value, list)
                          else [], options=[Option(str(v), choice_words(name, str(v)))
                                                 for v in get_args(inner)])
        items = value if isinstance(value, list) else []
        made = [_typed(inner, f"{name}.{i}", v, choices, _item_label(label, i), "", refers,
                       None, key) for i, v in enumerate(items)]
        template = _typed(inner, f"{name}.{NEW}", None, choices, _item_label(label, None), "",
                          refers, None, key)
        for widget in [*made, template]:
            widget.required = True  # an item is there or removed: never left empty
        for widget in made:
            if widget.kind == "union":
                widget.summary = _summary(widget.value, widget.tag, widget.options, widget)
        return Widget("list", name, label, help, value=value, children=made, item=template)
    if origin is dict:  # a count for each of the ids offered (a training's audiences)
        counts = value if isinstance(value, dict) else {}
        offered = choices.of(refers or "")
        labels = {o.value: o.label for o in offered}
        keys = [*(k for k in counts if isinstance(k, str)), *(k for k in labels if k not in counts)]
        made = [Widget("number", f"{name}.{k}", labels.get(k, k), "" if k in labels else
                       "not one of the chapter's handouts", value=counts.get(k))
                for k in keys]
        return Widget("counts", name, label, help, value=value, children=made,
                      options=offered)
    if origin is tuple:
        parts = value if isinstance(value, list | tuple) else [None, None]
        named = PAIR_WORDS.get(key, ("From", "To"))
        made = [Widget("number", f"{name}.{i}", named[min(i, 1)], "", True, v)
                for i, v in enumerate(parts)]
        return Widget("pair", name, label, help, value=value, children=made)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation is s.DateParts:
            return Widget("dateparts", name, label, help, value=value)
        return _object(annotation, name, value, choices, label, help)
    if refers:
        picker = refers if refers in ("quotes", "stats", "charts") else ""
        return Widget("ref", name, label, help, value=value, options=choices.of(refers),
                      picker=picker, unread=choices.unread.get(refers, ""))
    if annotation is dt.date:
        return Widget("date", name, label, help, value=value)
    if annotation is bool:
        return Widget("check", name, label, help, value=value)
    if annotation in (int, float):
        return Widget("number", name, label, help, value=value)
    if annotation is str:
        long = key in ("text", "why", "lede", "about", "intro", "description", "tagline",
                       "notes", "note") or (longest or 0) > LONG_TEXT
        return Widget("long" if long else "text", name, label, help, value=value)
    return Widget("yaml", name, label, help, value=_as_yaml(value))


def _summary(kind: Any, tag: str, options: Sequence[Option], widget: Widget) -> str:
    """A block in a line: its kind and its first words ("Heading: In some cases, ...")."""
    named = next((o.label for o in options if o.value == kind), str(kind))
    words = ""
    for child in widget.variants.get(str(kind), []):
        if isinstance(child.value, str) and child.value.strip():
            words = " ".join(child.value.split())
            break
    if len(words) > 70:
        words = words[:69].rstrip() + "\u2026"
    return f"{named}: {words}" if words else named


def _item_label(label: str, index: int | None) -> str:
    one = _singular(label.lower()).capitalize()
    return f"{one} {index + 1}" if index is not None else f"New {one.lower()}"


def _unwrap(annotation: Any, longest: int | None) -> tuple[Any, int | None]:
    """Annotated[...] and Optional[...] taken off (a text's longest length kept)."""
    while True:
        if get_origin(annotation) is Annotated:
            base, *metadata = get_args(annotation)
            longest = longest or _longest([m for item in metadata for m in
                                           getattr(item, "metadata", [item])])
            annotation = base
            continue
        if get_origin(annotation) in (Union, types.UnionType):
            options = [a for a in get_args(annotation) if a is not type(None)]
            if len(options) == 1:
                annotation = options[0]
                continue
        return annotation, longest


def _discriminated(options: Sequence[Any]) -> tuple[str, dict[str, type[BaseModel]]]:
    for tag in ("type", "kind"):
        variants: dict[str, type[BaseModel]] = {}
        for model in options:
            info = model.model_fields.get(tag)
            if info is None or get_origin(info.annotation) is not Literal:
                break
            variants[str(get_args(info.annotation)[0])] = model
        else:
            return tag, variants
    return "", {}


def _as_yaml(value: Any) -> str:
    if value is None:
        return ""
    dumped = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=1000,
                            sort_keys=False)
    return dumped.removesuffix("...\n").strip()  # (a lone value ends its document with "...")


# --- what a choice among ids offers -----------------------------------------------------

def offered(root: Path, opened: Opened, project: Any, place: str = "") -> Choices:
    from press.studio import pickers

    return Choices(pickers.options(root, opened, project, place=place),
                   pickers.unread(root) if project is None else {})


# --- from a posted form to data ---------------------------------------------------------

class Posted(typing.Protocol):
    def getlist(self, key: str) -> list[Any]: ...

    def keys(self) -> typing.KeysView[str]: ...


def read_form(form: Widget, posted: Posted, old: Any) -> Any:
    """The entry's data as the form posted it (see the module); `old`, the entry as it
    was opened, decides the order of its keys and which defaults it writes."""
    return _read(form, posted, set(posted.keys()), old)


def _text(posted: Posted, name: str) -> str | None:
    values = [v for v in posted.getlist(name) if isinstance(v, str)]
    return values[-1].replace("\r\n", "\n") if values else None


def _read(widget: Widget, posted: Posted, keys: set[str], old: Any) -> Any:
    kind = widget.kind
    if kind == "object":
        return _read_object(widget.children, posted, keys, old)
    if kind == "union":
        tag_value = _text(posted, f"{widget.name}.{widget.tag}" if widget.name else widget.tag)
        chosen = tag_value if tag_value in widget.variants else widget.value
        data = {widget.tag: chosen}
        olds = old if isinstance(old, dict) and old.get(widget.tag) == chosen else {}
        data.update(_read_object(widget.variants[chosen], posted, keys, olds))
        if isinstance(old, dict) and widget.tag in old and next(iter(old)) != widget.tag:
            order = [k for k in old if k in data] + [k for k in data if k not in old]
            data = {k: data[k] for k in order}
        return data
    if kind == "list":
        return _read_list(widget, posted, keys, old)
    if kind == "choices":
        return [v for v in posted.getlist(widget.name) if isinstance(v, str)]
    if kind == "pair":
        parts = [_number(_text(posted, c.name) or "") for c in widget.children]
        return None if all(p is None for p in parts) else parts  # left empty: not written
    if kind == "maybe":
        said = _text(posted, widget.name)
        return {"true": True, "false": False, "": None, None: None}.get(said, said)
    if kind == "counts":
        return _read_counts(widget, posted, old)
    if kind == "check":
        return widget.name in keys and _text(posted, widget.name) not in ("", "false")
    if kind == "unknown":  # kept as the file has it, until its box to remove it is ticked
        return None if f"{DROP}{widget.name}" in keys else old
    text = _text(posted, widget.name)
    if text is None:
        return None
    if kind == "date":
        try:
            return dt.date.fromisoformat(text.strip())
        except ValueError:
            return text
    if kind == "number":
        return _number(text)
    if kind == "dateparts":
        return _dateparts(text)
    if kind == "yaml":
        try:
            return plain_load(text) if text.strip() else None
        except yaml.YAMLError:
            return text
    if kind == "choice" and widget.options and all(o.value.isdigit() for o in widget.options):
        return int(text) if text.isdigit() else text
    if kind in ("text", "long"):  # a space typed at a line's end is not seen, nor printed
        return "\n".join(line.rstrip() for line in text.strip().split("\n"))
    return text


def _read_object(children: Sequence[Widget], posted: Posted, keys: set[str], old: Any
                 ) -> dict[str, Any]:
    olds = old if isinstance(old, dict) else {}
    data: dict[str, Any] = {}
    for child in children:
        written = child.name.rsplit(".", 1)[-1]
        value = _read(child, posted, keys, olds.get(written))
        if _empty(value) and not child.required:
            if written in olds and _empty(olds[written]):
                data[written] = olds[written]  # written empty ("") in the file: kept so
            continue  # an optional field left empty stays out of the file
        if written not in olds and child.default is not None and value == child.default:
            continue  # a default the file did not write stays unwritten
        if child.kind == "object" and not child.required and written not in olds and \
                isinstance(value, dict) and all(_empty(v) or v is False for v in value.values()):
            continue  # an optional group the file does not have, left empty (a consent)
        data[written] = value
    order = [k for k in olds if k in data]
    written_keys = list(data)
    for key in written_keys:  # a new key after the one before it in the form (model order)
        if key not in order:
            before = [k for k in written_keys[:written_keys.index(key)] if k in order]
            order.insert(order.index(before[-1]) + 1 if before else len(order), key)
    return {k: data[k] for k in order}


def _read_list(widget: Widget, posted: Posted, keys: set[str], old: Any) -> list[Any]:
    assert widget.item is not None
    prefix = f"{widget.name}."
    indices: list[int] = []
    for key in keys:
        if key.startswith(prefix):
            head = key[len(prefix):].split(".", 1)[0]
            if head.isdigit() and int(head) not in indices:
                indices.append(int(head))
    olds = old if isinstance(old, list) else []
    items = []
    for index in sorted(indices):
        item = _renamed(widget.item, widget.name, index)
        items.append(_read(item, posted, keys, olds[index] if index < len(olds) else None))
    return [i for i in items if not _empty(i)]


def _read_counts(widget: Widget, posted: Posted, old: Any) -> dict[str, Any]:
    """A count for each id posted ("attendees.judges"), a box left empty left out: in the
    order the file has them, then the others in the form's order (as posted)."""
    prefix = f"{widget.name}."
    counted = {key[len(prefix):]: _number(_text(posted, key) or "")
               for key in dict.fromkeys(posted.keys())
               if key.startswith(prefix) and "." not in key[len(prefix):]}
    shown = [c.name[len(prefix):] for c in widget.children]
    olds = [k for k in old if k in counted] if isinstance(old, dict) else []
    order = [*olds, *(k for k in shown if k in counted and k not in olds),
             *(k for k in counted if k not in olds and k not in shown)]
    return {k: counted[k] for k in order if counted[k] is not None}


def _renamed(template: Widget, base: str, index: int) -> Widget:
    """A list item's widget named for its place (the template's names hold NEW)."""
    old, new = f"{base}.{NEW}", f"{base}.{index}"

    def renamed(widget: Widget) -> Widget:
        name = new + widget.name[len(old):] if widget.name.startswith(old) else widget.name
        return Widget(widget.kind, name, widget.label, widget.help, widget.required,
                      widget.value, widget.options, [renamed(c) for c in widget.children],
                      widget.item and renamed(widget.item),
                      {k: [renamed(c) for c in v] for k, v in widget.variants.items()},
                      widget.tag, widget.picker, widget.default, widget.present,
                      widget.summary, widget.unread)

    return renamed(template)


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _number(text: str) -> Any:
    cleaned = text.strip()
    if not cleaned:
        return None
    try:
        return int(cleaned)
    except ValueError:
        try:
            return float(cleaned)
        except ValueError:
            return text


def _dateparts(text: str) -> Any:
    parts = [p for p in text.strip().split("-") if p]
    if parts and all(p.isdigit() for p in parts):
        return {"date-parts": [[int(p) for p in parts]]}
    return text or None


# --- problems at their fields -------------------------------------------------------------

def messages(form: Widget, problems: Sequence[Problem], prefix: tuple[int | str, ...],
             titles: Mapping[str, str]) -> dict[str, list[Problem]]:
    """Each problem of the entry at the input nearest its field (the form's whole when
    none is), in the form's words (`titles`: each document's file from source/ -> its
    name): input name -> problems."""
    from press.studio.words import in_form_words

    start = ".".join(map(str, prefix))
    kinds = {w.name: w.kind for w in form.walk()}
    found: dict[str, list[Problem]] = {}
    for problem in problems:
        if start and problem.field != start and not problem.field.startswith(start + "."):
            continue
        at = nearest(form, problem.field)
        found.setdefault(at, []).append(in_form_words(problem, titles, kinds.get(at) == "date"))
    return found


def nearest(form: Widget, path: str) -> str:
    """The name of the input nearest a field's path (its own, or its group's)."""
    names = {w.name for w in form.walk()}
    while path and path not in names:
        path = path.rsplit(".", 1)[0] if "." in path else ""
    return path or form.name
