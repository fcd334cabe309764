"""The labels the layouts print ("Why this matters to you", "Page", "References"), the words
charts draw and describe, and the print order's, in each edition's language: a gettext
catalogue per edition, `layouts/locale/<edition>.po`, read by Babel. The templates mark each
label `_("...")` (`ngettext("...", "...", n)` where a count chooses the words); charts/
writes its sentences through `request.say("...")`, `request.say_n("one ...", "{count}
...", count)` or `request.words("...")`, the print run and the press's own sentences through
`words("...")`, `words.say("...")`, `words.say_n(...)` and `N_("...")`. Babel's extractors
find them all (SPOKEN_IN), so a designer translates in the catalogue, never in templates or
code. A sentence with a count is a gettext plural (msgid, msgid_plural, msgstr[0],
msgstr[1]...): the catalogue's Plural-Forms header says which form a count takes, so no page
prints "1 arrests". A label the catalogue does not translate is printed in English, and
`check` and every build of the edition say so, at the catalogue's path."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from press.core.problems import Problem, did_you_mean

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import PoFileError

# The Python files that write printed words, beside the templates (relative to press/'s
# parent): every call of these names with a literal string is a message.
SPOKEN_IN = ("charts/*.py", "press/content/cite.py", "press/content/compose.py", "press/content/compute.py",
             "press/content/describe.py", "press/content/plan.py", "press/make/printrun.py")
# The names a message is written through: the first argument is the message, or (1, 2) the
# words for one and for any other count (a gettext plural), or (2,) the second (a template's
# said_in(language, "...")).
KEYWORDS: dict[str, tuple[int, ...] | None] = {
    "_": None, "N_": None, "words": None, "say": None, "say_n": (1, 2), "plural": (1, 2),
    "ngettext": (1, 2), "said_in": (2,)}
Message = str | tuple[str, str]  # a label, or a plural: the words for one and for many


def N_(text: str) -> str:  # gettext's name for a message marked, not translated
    """`text`, marked for the catalogue: translated where it is used (words(PAPER[...]))."""
    return text


def catalogue_path(root: Path, edition: str) -> Path:
    return root / "layouts" / "locale" / f"{edition}.po"


class Words:
    """An edition's words for what charts/ draws (charts.common.Words): English where the
    catalogue has none. Its repr names the edition and a digest of its words (the cache key
    of every chart drawn with it)."""

    def __init__(self, root: Path, edition: str) -> None:
        self.edition = edition
        self.words = translations(root, edition) if edition else {}
        # the plurals (the English for one -> the forms), and which form a count takes: a
        # gettext expression, kept as text (a Words goes to the workers with a chart)
        self.forms, self.expression = plurals(root, edition) if edition else ({}, "")

    def __call__(self, text: str) -> str:
        return self.words.get(text) or text

    def plural(self, one: str, many: str, count: int) -> str:
        """The words for `count`: in English `one` for 1 and `many` for any other count; in
        the edition, the form its catalogue's Plural-Forms choose (English where the
        catalogue has no translation of them)."""
        forms = self.forms.get(one)
        if forms:
            index = (_chooser(self.expression) or english_plural)(count)
            return forms[min(index, len(forms) - 1)]
        return one if count == 1 else many

    def say(self, text: str, /, **values: object) -> str:
        """`text` in the edition's words, its {names} filled from `values`."""
        return self(text).format(**values)

    def say_n(self, one: str, many: str, count: int, /, **values: object) -> str:
        """The words for `count` (`plural`), their {names} filled from `values`."""
        return self.plural(one, many, count).format(**values)

    def __repr__(self) -> str:
        if not self.edition:
            return "English()"
        import hashlib

        said = repr([sorted(self.words.items()), sorted(self.forms.items())])
        digest = hashlib.sha256(said.encode()).hexdigest()[:12]
        return f"Words({self.edition!r}, {digest!r})"


def english_plural(count: int) -> int:
    """English's plural forms: 0 for one, 1 for any other count (gettext's n != 1)."""
    return 0 if count == 1 else 1


def labels_used(root: Path) -> list[Message]:
    """Every label the templates mark for translation and every message the charts and the
    print run write, in the order first met (Babel's Jinja and Python extractors); a plural
    as its words for one and for many."""
    return list(_extracted(_stamps(root)))


def in_templates(root: Path) -> frozenset[str]:
    """The labels the templates print: Jinja fills them with %, as in "%(audience)s" (so a
    percent sign is written %%); the press's own messages with braces, as in "{count}"."""
    return _templated(_stamps(root))


def _stamps(root: Path) -> tuple[tuple[Path, int], ...]:
    return tuple((path, path.stat().st_mtime_ns) for path in _speakers(root))


def _speakers(root: Path) -> list[Path]:
    code = Path(__file__).resolve().parents[2]
    return [*(path for pattern in SPOKEN_IN for path in sorted(code.glob(pattern))),
            *sorted((root / "layouts").glob("*.html"))]


def _extracted(stamps: tuple[tuple[Path, int], ...]) -> tuple[Message, ...]:
    return tuple(message for message, _ in _found(stamps))


def _templated(stamps: tuple[tuple[Path, int], ...]) -> frozenset[str]:
    return frozenset(word for message, template in _found(stamps) if template
                     for word in ((message,) if isinstance(message, str) else message))


@lru_cache(maxsize=4)
def _found(stamps: tuple[tuple[Path, int], ...]) -> tuple[tuple[Message, bool], ...]:
    """Each message, in the order first met, and whether a template prints it."""
    from babel.messages.extract import extract

    found: dict[Message, bool] = {}
    for path, _ in stamps:
        template = path.suffix == ".html"
        method = "jinja2.ext:babel_extract" if template else "python"
        with path.open("rb") as handle:
            for _line, message, _comments, _context in extract(method, handle, KEYWORDS):
                said = _message(message)
                if said is not None:
                    found[said] = found.get(said, False) or template
    return tuple(found.items())


def _message(extracted: object) -> Message | None:
    """A message as Babel extracted it: a label, or a plural's words for one and for many
    (None where a call names no literal words)."""
    if isinstance(extracted, str):
        return extracted
    if isinstance(extracted, tuple) and len(extracted) >= 2 and all(
            isinstance(part, str) for part in extracted[:2]):
        return (extracted[0], extracted[1])
    return None


def translations(root: Path, edition: str) -> dict[str, str]:
    """The edition's labels: English -> its words (empty where the catalogue has none)."""
    path = catalogue_path(root, edition)
    if not path.exists():
        return {}
    stamp = path.stat()
    return dict(_read(path, stamp.st_size, stamp.st_mtime_ns))


def plurals(root: Path, edition: str) -> tuple[dict[str, tuple[str, ...]], str]:
    """The edition's plurals (the English words for one -> its forms, each form filled) and
    which form a count takes (its Plural-Forms' expression, "(n != 1)"; "" where there is
    none: English's)."""
    path = catalogue_path(root, edition)
    if not path.exists():
        return {}, ""
    stamp = path.stat()
    forms, expression = _read_plurals(path, stamp.st_size, stamp.st_mtime_ns)
    return dict(forms), expression


@lru_cache(maxsize=8)
def _read(path: Path, size: int, mtime: int) -> tuple[tuple[str, str], ...]:
    """The catalogue's translated messages; none where it cannot be read (label_problems
    says where, and the edition's load stops)."""
    catalog, _ = _parsed(path)
    if catalog is None or _unquoted(path):
        return ()
    return tuple((str(m.id), str(m.string)) for m in catalog if m.id and m.string
                 and isinstance(m.id, str) and isinstance(m.string, str))


@lru_cache(maxsize=8)
def _read_plurals(path: Path, size: int, mtime: int
                  ) -> tuple[tuple[tuple[str, tuple[str, ...]], ...], str]:
    """The catalogue's plurals whose every form is translated, and its plural expression."""
    catalog, _ = _parsed(path)
    if catalog is None or _unquoted(path):
        return (), ""
    return tuple((str(m.id[0]), tuple(str(form) for form in m.string)) for m in catalog
                 if isinstance(m.id, tuple) and isinstance(m.string, tuple) and m.string
                 and all(m.string)), str(catalog.plural_expr)


@lru_cache(maxsize=8)
def _chooser(expression: str) -> Callable[[int], int] | None:
    """The plural expression ("(n != 1)") as a function of the count, or None where it is
    not one gettext can read (catalogue_problems says so)."""
    import gettext

    try:
        return gettext.c2py(expression) if expression else None
    except (ValueError, SyntaxError, RuntimeError):  # what gettext raises of a wrong one
        return None


def _parsed(path: Path) -> tuple[Catalog | None, PoFileError | None]:
    """The catalogue read by Babel, or why it cannot be (it prints nothing)."""
    from babel.messages.pofile import PoFileError, read_po

    try:
        with path.open("rb") as handle:
            return read_po(handle, abort_invalid=True), None
    except PoFileError as error:
        return None, error


# A line of a .po file: a comment, a keyword and its quoted words, or more quoted words.
PO_LINE = re.compile(r'(?:#.*|(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?'
                     r'"(?:[^"\\]|\\.)*"\s*|#.*|\s*')
PLACEHOLDER = re.compile(r"\{\w+\}|%\(\w+\)s")
# Placeholders a translation may use beyond its English's: the measure's first word, where
# the English uses its last ({noun}).
EXTRA = {"{noun}": {"{first_noun}"}}


def _unquoted(path: Path) -> list[tuple[int, str]]:
    """Each line (number, text) that is not a comment, a keyword with its words in double
    quotes, or more words in double quotes."""
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    return [(number, line) for number, line in enumerate(lines, 1)
            if not PO_LINE.fullmatch(line)]


def catalogue_problems(root: Path, edition: str) -> list[Problem]:
    """Errors in the edition's catalogue: a line whose words are not in double quotes, a
    message Babel cannot read (a msgid with no msgstr), a translation that uses a
    placeholder its English does not have (the press could not fill it)."""
    path = catalogue_path(root, edition)
    if not path.exists():
        return []
    rel = path.relative_to(root).as_posix()
    found = [Problem(rel, number, 1, f"expected a line like msgstr \"...\" (the words between "
                     f"double quotes), found: {line.strip()[:60]}", "put the words between "
                     "straight double quotes, and start the line with msgid or msgstr")
             for number, line in _unquoted(path)]
    if found:
        return found
    catalog, error = _parsed(path)
    if catalog is None:
        line = error.lineno + 1 if error is not None else 0
        said = re.sub(r" on \d+$", "", str(error))
        return [Problem(rel, line, 1, f"the catalogue cannot be read: {said}",
                        'give every msgid "..." a msgstr "..." line after it (msgstr "" '
                        "leaves the label in English)")]
    if _chooser(str(catalog.plural_expr)) is None:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        line = next((n for n, text in enumerate(lines, 1) if "Plural-Forms:" in text), 1)
        return [Problem(rel, line, 1, "the catalogue's Plural-Forms cannot be read: "
                        f"{catalog.plural_forms}", 'write it as gettext does, e.g. "Plural-Forms: '
                        'nplurals=2; plural=(n != 1);\\n" for Spanish')]
    templated = in_templates(root)
    for message in catalog:
        for english, translated, line in _forms(path, message):
            found += _form_problems(rel, english, translated, line, templated)
    return found


def _forms(path: Path, message: object) -> list[tuple[tuple[str, ...], str, int]]:
    """Each translated form of a catalogue's message: the English it translates (a plural's
    words for one and for many), the form, and the line of its msgstr."""
    from babel.messages.catalog import Message

    assert isinstance(message, Message)
    at = message.lineno or 0
    if isinstance(message.id, str) and isinstance(message.string, str) and message.string:
        return [((message.id,), message.string, _msgstr_line(path, at))]
    if isinstance(message.id, tuple) and isinstance(message.string, tuple):
        english = tuple(str(part) for part in message.id)
        return [(english, str(form), _msgstr_line(path, at, index))
                for index, form in enumerate(message.string) if form]
    return []


def _form_problems(rel: str, english: tuple[str, ...], translated: str, line: int,
                   templated: frozenset[str]) -> list[Problem]:
    """A translation that uses a placeholder its English does not have, or that the press
    could not fill in."""
    have = set().union(*(_names(words) for words in english))
    allowed = have | {extra for name in have for extra in EXTRA.get(name, set())}
    unknown = sorted(_names(translated) - allowed)
    fills = ", ".join(sorted(allowed)) or "none"
    first = english[0]
    if unknown:
        hint = did_you_mean(unknown[0], allowed).strip()
        return [Problem(
            rel, line, 1, f'the translation of "{first[:50]}" uses '
            f"{', '.join(unknown)}, which the press does not fill (it fills {fills})",
            (hint + " " if hint else "") + "write each placeholder exactly as the English "
            "writes it")]
    percent = first in templated or "%(" in first
    if _fills(translated, allowed, percent) or not all(_fills(w, allowed, percent)
                                                        for w in english):
        return []
    placeholders = f"each placeholder as the English does ({fills}), and " if allowed else ""
    return [Problem(
        rel, line, 1, f'the translation of "{first[:50]}" cannot be filled in: it '
        f"has {_unfilled(translated, percent)}, and the press would stop on it",
        f"write {placeholders}a percent sign as %%" if percent else
        f"write {placeholders}a brace that is not a placeholder's as {{{{ or }}}}")]


def _fills(text: str, names: set[str], percent: bool) -> bool:
    """Whether `text` can be filled in with `names` as the press fills it: with % in a
    template ("%(audience)s", a percent sign written %%), else with str.format ("{count}")."""
    try:
        if percent:
            text % {name[2:-2]: "x" for name in names if name.startswith("%(")}
        else:
            text.format(**{name[1:-1]: "x" for name in names if name.startswith("{")})
    except (ValueError, TypeError, KeyError, IndexError):
        return False
    return True


def _unfilled(text: str, percent: bool) -> str:
    """What in `text` cannot be filled in, in plain words."""
    if percent:
        cut = re.search(r"%\(\w*\)(?!s)", text)
        if cut:
            return f'a placeholder without its final s ("{cut.group()}")'
        return "a percent sign written % (in a label it is written %%)"
    rest = re.sub(r"\{\w*\}", "", text)
    return "a brace without its pair" if "{" in rest or "}" in rest else \
        "a placeholder the press cannot fill"


def _msgstr_line(path: Path, msgid_line: int, form: int | None = None) -> int:
    """The line of the msgstr (of a plural, its msgstr[form]) that follows the msgid at
    `msgid_line`."""
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    start = "msgstr" if form is None else f"msgstr[{form}]"
    return next((number for number in range(msgid_line, len(lines) + 1)
                 if lines[number - 1].startswith(start)), msgid_line)


def _names(text: str) -> set[str]:
    """The placeholders in `text`, as written: {count}, %(audience)s."""
    return set(PLACEHOLDER.findall(text))


def label_problems(root: Path, edition: str) -> list[Problem]:
    """The catalogue's errors, else a warning for the labels it does not translate."""
    path = catalogue_path(root, edition)
    rel = path.relative_to(root).as_posix()
    wrong = catalogue_problems(root, edition)
    if wrong:
        return wrong
    have = translations(root, edition)
    forms, _ = plurals(root, edition)
    missing = [label if isinstance(label, str) else label[0] for label in labels_used(root)
               if (label not in have if isinstance(label, str) else label[0] not in forms)]
    if not missing:
        return []
    shown = ", ".join(f'"{m}"' for m in missing[:6]) + (" ..." if len(missing) > 6 else "")
    return [Problem(rel, 0, 0, f"{len(missing)} label(s) the layouts print have no {edition} "
                    f"translation, so the {edition} edition prints them in English: {shown}",
                    f"add msgid/msgstr pairs for them to {rel}", "warning")]
