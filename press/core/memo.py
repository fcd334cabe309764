"""Remembered answers to slow, pure questions (a text's spelling, its reading grade), kept
in .press-cache/ by a digest of everything the answer depends on, so a check after an edit
asks again only about what changed."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from press.core.files import write_file

CACHE = ".press-cache/memo"


def word_lists() -> Path:
    """Where word lists prepared from the dictionaries are kept: once per machine and
    library version, in the user's cache folder (kept across `make clean` and every copy of
    the project); PRESS_WORD_CACHE chooses another folder."""
    import os

    chosen = os.environ.get("PRESS_WORD_CACHE")
    if chosen:
        return Path(chosen)
    from platformdirs import user_cache_path

    return user_cache_path("life-story-press") / "words"


def key(*parts: object) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()[:24]


class Memo:
    """One JSON file of answers; `save()` writes it back when something was added."""

    def __init__(self, root: Path, name: str) -> None:
        self.path = root / CACHE / f"{name}.json"
        try:
            found = json.loads(self.path.read_bytes())
        except (OSError, ValueError):
            found = {}
        self.answers: dict[str, Any] = found if isinstance(found, dict) else {}
        self.used: set[str] = set()
        self.added = False

    def get(self, digest: str) -> Any:
        self.used.add(digest)
        return self.answers.get(digest)

    def put(self, digest: str, answer: Any) -> None:
        self.used.add(digest)
        self.answers[digest] = answer
        self.added = True

    def save(self, keep_old: bool = False) -> None:
        """Write back the answers asked for this time (old ones fall away, unless kept)."""
        if self.added or (not keep_old and set(self.answers) != self.used):
            kept = {k: v for k, v in self.answers.items() if keep_old or k in self.used}
            write_file(self.path, json.dumps(kept, sort_keys=True).encode())
