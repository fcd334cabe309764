"""The labels the layouts print ("Why this matters to you", "Page", "References"), the words
charts draw and describe, and the print order's, in each edition's language: a gettext
catalogue per edition, `layouts/locale/<edition>.po`, read by Babel. The templates mark each
label `_("...")`; charts/ writes its sentences through `request.say("...")` or
`request.words("...")`, the print run through `words("...")`, `words.say("...")` and
`N_("...")`. Babel's extractors find them all (SPOKEN_IN), so a designer translates in the
catalogue, never in templates or code. A label the catalogue does not translate is printed
in English, and `check` and every build of the edition say so, at the catalogue's path."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from press.core.problems import Problem

# The Python files that write printed words, beside the templates (relative to press/'s
# parent): every call of these names with a literal string is a message.
SPOKEN_IN = ("charts/*.py", "press/content/describe.py", "press/commands/printrun.py")
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
    stamps = tuple((path, path.stat().st_mtime_ns) for path in _speakers(root))
    return list(_extracted(stamps))


def _speakers(root: Path) -> list[Path]:
    code = Path(__file__).resolve().parents[2]
    return [*(path for pattern in SPOKEN_IN for path in sorted(code.glob(pattern))),
            *sorted((root / "layouts").glob("*.html"))]


@lru_cache(maxsize=4)
def _extracted(stamps: tuple[tuple[Path, int], ...]) -> tuple[str, ...]:
    from babel.messages.extract import extract

    found: dict[str, None] = {}
    for path, _ in stamps:
        method = "jinja2.ext:babel_extract" if path.suffix == ".html" else "python"
        with path.open("rb") as handle:
            for _line, message, _comments, _context in extract(method, handle, KEYWORDS):
                if isinstance(message, str):
                    found[message] = None
    return tuple(found)


def translations(root: Path, edition: str) -> dict[str, str]:
    """The edition's labels: English -> its words (empty where the catalogue has none)."""
    path = catalogue_path(root, edition)
    if not path.exists():
        return {}
    stamp = path.stat()
    return dict(_read(path, stamp.st_size, stamp.st_mtime_ns))


@lru_cache(maxsize=8)
def _read(path: Path, size: int, mtime: int) -> tuple[tuple[str, str], ...]:
    from babel.messages.pofile import read_po

    with path.open("rb") as handle:
        catalog = read_po(handle)
    return tuple((str(m.id), str(m.string)) for m in catalog if m.id and m.string
                 and isinstance(m.id, str) and isinstance(m.string, str))


def label_problems(root: Path, edition: str) -> list[Problem]:
    """A warning for each label the edition's catalogue does not translate."""
    path = catalogue_path(root, edition)
    rel = path.relative_to(root).as_posix()
    have = translations(root, edition)
    missing = [label for label in labels_used(root) if label not in have]
    if not missing:
        return []
    shown = ", ".join(f'"{m}"' for m in missing[:6]) + (" ..." if len(missing) > 6 else "")
    return [Problem(rel, 0, 0, f"{len(missing)} label(s) the layouts print have no {edition} "
                    f"translation, so the {edition} edition prints them in English: {shown}",
                    f"add msgid/msgstr pairs for them to {rel}", "warning")]
