"""The labels the layouts print ("Why this matters to you", "Page", "References"), the words
charts draw and describe, and the print order's, in each edition's language: a gettext
catalogue per edition, `layouts/locale/<edition>.po`, read by Babel. The templates mark each
label `_("...")`; charts/ writes its sentences through `request.say("...")` or
`request.words("...")`, the print run through `words("...")`, `words.say("...")` and
`N_("...")`. Babel's extractors find them all (SPOKEN_IN), so a designer translates in the
catalogue, never in templates or code. A label the catalogue does not translate is printed
in English, and `check` and every build of the edition say so, at the catalogue's path."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from press.core.problems import Problem, did_you_mean

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import PoFileError

# The Python files that write printed words, beside the templates (relative to press/'s
# parent): every call of these names with a literal string is a message.
SPOKEN_IN = ("charts/*.py", "press/content/compose.py", "press/content/describe.py",
             "press/content/plan.py", "press/make/printrun.py")
KEYWORDS: dict[str, None] = {"_": None, "N_": None, "words": None, "say": None}


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

    def __call__(self, text: str) -> str:
        return self.words.get(text) or text

    def say(self, text: str, /, **values: object) -> str:
        """`text` in the edition's words, its {names} filled from `values`."""
        return self(text).format(**values)

    def __repr__(self) -> str:
        if not self.edition:
            return "English()"
        import hashlib

        digest = hashlib.sha256(repr(sorted(self.words.items())).encode()).hexdigest()[:12]
        return f"Words({self.edition!r}, {digest!r})"


def labels_used(root: Path) -> list[str]:
    """Every label the templates mark for translation and every message the charts and the
    print run write, in the order first met (Babel's Jinja and Python extractors)."""
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


def _extracted(stamps: tuple[tuple[Path, int], ...]) -> tuple[str, ...]:
    return tuple(message for message, _ in _found(stamps))


def _templated(stamps: tuple[tuple[Path, int], ...]) -> frozenset[str]:
    return frozenset(message for message, template in _found(stamps) if template)


@lru_cache(maxsize=4)
def _found(stamps: tuple[tuple[Path, int], ...]) -> tuple[tuple[str, bool], ...]:
    """Each message, in the order first met, and whether a template prints it."""
    from babel.messages.extract import extract

    found: dict[str, bool] = {}
    for path, _ in stamps:
        template = path.suffix == ".html"
        method = "jinja2.ext:babel_extract" if template else "python"
        with path.open("rb") as handle:
            for _line, message, _comments, _context in extract(method, handle, KEYWORDS):
                if isinstance(message, str):
                    found[message] = found.get(message, False) or template
    return tuple(found.items())


def translations(root: Path, edition: str) -> dict[str, str]:
    """The edition's labels: English -> its words (empty where the catalogue has none)."""
    path = catalogue_path(root, edition)
    if not path.exists():
        return {}
    stamp = path.stat()
    return dict(_read(path, stamp.st_size, stamp.st_mtime_ns))


@lru_cache(maxsize=8)
def _read(path: Path, size: int, mtime: int) -> tuple[tuple[str, str], ...]:
    """The catalogue's translated messages; none where it cannot be read (label_problems
    says where, and the edition's load stops)."""
    catalog, _ = _parsed(path)
    if catalog is None or _unquoted(path):
        return ()
    return tuple((str(m.id), str(m.string)) for m in catalog if m.id and m.string
                 and isinstance(m.id, str) and isinstance(m.string, str))


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
    templated = in_templates(root)
    for message in catalog:
        if not (isinstance(message.id, str) and isinstance(message.string, str)
                and message.string):
            continue
        have = _names(message.id)
        allowed = have | {extra for name in have for extra in EXTRA.get(name, set())}
        unknown = sorted(_names(message.string) - allowed)
        line = _msgstr_line(path, message.lineno or 0)
        fills = ", ".join(sorted(allowed)) or "none"
        if unknown:
            hint = did_you_mean(unknown[0], allowed).strip()
            found.append(Problem(
                rel, line, 1, f'the translation of "{message.id[:50]}" uses '
                f"{', '.join(unknown)}, which the press does not fill (it fills {fills})",
                (hint + " " if hint else "") + "write each placeholder exactly as the English "
                "writes it"))
            continue
        percent = message.id in templated or "%(" in message.id
        if _fills(message.string, allowed, percent) or not _fills(message.id, allowed, percent):
            continue
        placeholders = f"each placeholder as the English does ({fills}), and " if allowed else ""
        found.append(Problem(
            rel, line, 1, f'the translation of "{message.id[:50]}" cannot be filled in: it '
            f"has {_unfilled(message.string, percent)}, and the press would stop on it",
            f"write {placeholders}a percent sign as %%" if percent else
            f"write {placeholders}a brace that is not a placeholder's as {{{{ or }}}}"))
    return found


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


def _msgstr_line(path: Path, msgid_line: int) -> int:
    """The line of the msgstr that follows the msgid at `msgid_line`."""
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    return next((number for number in range(msgid_line, len(lines) + 1)
                 if lines[number - 1].startswith("msgstr")), msgid_line)


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
    missing = [label for label in labels_used(root) if label not in have]
    if not missing:
        return []
    shown = ", ".join(f'"{m}"' for m in missing[:6]) + (" ..." if len(missing) > 6 else "")
    return [Problem(rel, 0, 0, f"{len(missing)} label(s) the layouts print have no {edition} "
                    f"translation, so the {edition} edition prints them in English: {shown}",
                    f"add msgid/msgstr pairs for them to {rel}", "warning")]
