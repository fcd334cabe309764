"""The names of everything the press writes: folders of out/, document and derived file
paths, and the one rule for a name made from words (a slug).

See press/core/manifest.py for the table of what each build folder holds.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path, PurePosixPath

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"  # a name made from words: files, folders, ids
SLUG = re.compile(SLUG_PATTERN)
EDITION_TAG = re.compile(r"[a-z]{2}-[A-Z]{2}")  # an edition, es-US: the language, the country
# Folders of a build folder itself (a place named like one gets "place-" before its name).
FOLDERS = frozenset({"handouts", "charts", "preview", "proof", "print", "grant", "sheets"})
PLACE_FOLDER_MAX = 60  # characters of a place's folder name (a longer name ends in its hash)


def brief_file(chapter: str) -> str:
    return f"{chapter}-brief.pdf"


def packet_file(chapter: str) -> str:
    return f"{chapter}-packet.pdf"


def is_packet(rel: str) -> bool:
    return rel.endswith("-packet.pdf")


def is_order(rel: str) -> bool:
    return rel.endswith("-order.pdf")


def order_text_path(rel: str) -> str:
    """A print run's order as plain text, beside its PDF."""
    return str(PurePosixPath(rel).with_suffix(".txt"))


def handout_file(key: str) -> str:
    """"law-enforcement/judges" -> "handouts/law-enforcement-judges.pdf"; the chapter is
    never repeated, even when the file's own name starts with it."""
    chapter, audience = key.split("/", 1)
    return f"handouts/{chapter}-{audience.removeprefix(chapter + '-')}.pdf"


def thumbnail_path(rel: str) -> str:
    """Where the preview image of the document at `rel` (under its build folder) is kept."""
    return f"preview/{PurePosixPath(rel).with_suffix('.png').name}"


def proof_paths(rel: str, pages: int) -> list[str]:
    """Where the gray proof of each page of the document at `rel` is kept."""
    stem = PurePosixPath(rel).stem
    return [f"proof/{stem}-page-{number}.png" for number in range(1, pages + 1)]


def chart_path(chart_id: str) -> str:
    return f"charts/{chart_id}.svg"


def slug_of(text: str) -> str:
    """'Judges Final' -> 'judges-final'; 'Élus locaux' -> 'elus-locaux' (names of files and
    folders are plain ASCII: every system, print shop and funder's portal takes them)."""
    from anyascii import anyascii

    ascii_text = anyascii(text)
    return "-".join("".join(c.lower() if c.isascii() and c.isalnum() else " "
                            for c in ascii_text).split())


def out_dir(root: Path, profile: str, jurisdiction: str | None = None, edition: str = "",
            funder: str = "") -> Path:
    """out/ for the screen profile, out/<profile>/ for others, out/<place>/ for a place
    (place_folder); an edition in another language, the same inside out/<edition>/
    (out/es-US/); the grant PDFs laid out to a funder's rules, out/grant/<funder>/ (its
    place folders inside)."""
    top = root / "out" / edition if edition else root / "out"
    folder = top if profile == "screen" else top / profile
    if funder:
        folder = folder / (f"funder-{funder}" if funder in FOLDERS else funder)
    return folder / place_folder(jurisdiction) if jurisdiction else folder


def place_folder(place: str) -> str:
    """The folder of a place's build, never empty and never a build folder's own: its slug
    ("New York" -> "new-york"; "place-" before one of FOLDERS); a name with no letter or
    digit ("—", "=+-") is named by a short hash of it ("place-1f0c9a2b", the same at every
    build, named_by_hash), and a very long one keeps its start and ends in the hash."""
    slug = slug_of(place)
    if not slug:
        return f"place-{_short_hash(place)}"
    if len(slug) > PLACE_FOLDER_MAX:
        slug = f"{slug[:PLACE_FOLDER_MAX - 9].rstrip('-')}-{_short_hash(place)}"
    return f"place-{slug}" if slug in FOLDERS else slug


def named_by_hash(place: str) -> bool:
    """Whether a place's folder is named by a hash of its name (it has no letter or digit)."""
    return not slug_of(place)


def _short_hash(text: str) -> str:
    """Eight hex digits of the name as typed on any keyboard, in any case ("—" as one
    character however it was saved), so that --jurisdiction finds the folder again."""
    folded = unicodedata.normalize("NFC", text.strip()).casefold()
    return hashlib.sha256(folded.encode()).hexdigest()[:8]


FUNDER_SAFE = re.compile(r"^[A-Za-z0-9_.-]{1,50}$")


def funder_safe(name: str) -> bool:
    """At most 50 characters: letters, digits, hyphen, underscore, period."""
    return bool(FUNDER_SAFE.match(name))


