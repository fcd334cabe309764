"""Remembered answers to slow, pure questions (a text's spelling, its reading grade), kept
in .press-cache/ by a digest of everything the answer depends on, so a check after an edit
asks again only about what changed."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Generic, TypeVar

from press.core.files import write_file

CACHE = ".press-cache/memo"
T = TypeVar("T")


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


class Memo(Generic[T]):
    """One JSON file of answers of one shape (`shape`: float, list[tuple[str, str]], a
    TypedDict); `save()` writes it back when something was added. An answer of another shape
    (a file from an older press, or edited by hand) is asked again, as if it were not there."""

    def __init__(self, root: Path, name: str, shape: type[T]) -> None:
        from pydantic import TypeAdapter

        self.adapter: TypeAdapter[T] = TypeAdapter(shape)
        self.path = root / CACHE / f"{name}.json"
        try:
            found = json.loads(self.path.read_bytes())
        except (OSError, ValueError):
            found = {}
        self.answers: dict[str, object] = found if isinstance(found, dict) else {}
        self.used: set[str] = set()
        self.added = False

    def get(self, digest: str) -> T | None:
        from pydantic import ValidationError

        self.used.add(digest)
        found = self.answers.get(digest)
        if found is None:
            return None
        try:
            return self.adapter.validate_python(found)
        except ValidationError:
            return None

    def put(self, digest: str, answer: T) -> None:
        self.used.add(digest)
        self.answers[digest] = self.adapter.dump_python(answer, mode="json")
        self.added = True

    def save(self, keep_old: bool = False) -> None:
        """Write back the answers asked for this time (old ones fall away, unless kept)."""
        if self.added or (not keep_old and set(self.answers) != self.used):
            kept = {k: v for k, v in self.answers.items() if keep_old or k in self.used}
            write_file(self.path, json.dumps(kept, sort_keys=True).encode())
