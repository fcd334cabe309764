"""The labels the layouts print ("Why this matters to you", "Page", "References"), in each
edition's language: a gettext catalogue per edition, `layouts/locale/<edition>.po`, read by
Babel. The templates mark each label `_("...")`; a designer translates labels there, never in
the templates. A label the catalogue does not translate is printed in English, and `check`
and every build of the edition say so, at the catalogue's path."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from press.core.problems import Problem

LABEL = re.compile(r"""\b_\(\s*(["'])(?P<text>.+?)\1\s*\)""")


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

    def __repr__(self) -> str:
        if not self.edition:
            return "English()"
        import hashlib

        digest = hashlib.sha256(repr(sorted(self.words.items())).encode()).hexdigest()[:12]
        return f"Words({self.edition!r}, {digest!r})"


def labels_used(root: Path) -> list[str]:
    """Every label the templates mark for translation, and every word charts/ draws, in the
    order first met."""
    from charts.common import MESSAGES

    found: dict[str, None] = dict.fromkeys(MESSAGES)
    for template in sorted((root / "layouts").glob("*.html")):
        for match in LABEL.finditer(template.read_text(encoding="utf-8")):
            found[match["text"]] = None
    return list(found)


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
