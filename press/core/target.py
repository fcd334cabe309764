"""What the press is asked to make: one `Target`, and what each profile changes (`PROFILES`).

A target names everything that decides what a build makes and where it goes: the profile,
the places, the edition, the chapter (for a check), a funder's rules, gray proofs, the day
consent is judged on, and whether warnings stop it. The command line, `watch` and the studio
each make one and hand it to `press.api`.

    Target()                                     # the main build: out/
    Target(places=("Massachusetts",))            # one place's handouts: out/massachusetts/
    Target(edition="es-US", profile="print")     # out/es-US/print/
    Target(profile="grant", funder="nih-attachments")
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from press.core import clock
from press.core.names import out_dir
from press.core.problems import BuildError, Problem, one_of

ProfileName = Literal["screen", "print", "grant", "sheets"]
Use = Literal["web", "print", "grant"]


@dataclass(frozen=True)
class Profile:
    """Everything a profile changes, in one row."""

    name: ProfileName
    pdf_variant: str  # what WeasyPrint writes: pdf/ua-1 (tagged), pdf/a-3a (archival, tagged)
    consent_use: Use  # the use a quote's consent must list for it to be printed
    bleed: bool  # pages 0.125 in larger each side, for a print shop's trim
    stylesheet: str  # layered on common.css and the document's own: layouts/<stylesheet>
    attaches_data: bool  # each PDF carries the counts its figures are computed from
    offered: bool = True  # named on the command line (sheets: a print run's own pages)
    summary: str = ""  # what staff read in the command's help


PROFILES: dict[str, Profile] = {
    "screen": Profile("screen", "pdf/ua-1", "web", False, "", False,
                      summary="tagged PDF for reading on screen (the default)"),
    "print": Profile("print", "pdf/ua-1", "print", True, "css/print.css", False,
                     summary="bleed and crop marks for a print shop"),
    "grant": Profile("grant", "pdf/a-3a", "grant", False, "css/grant.css", True,
                     summary="archival PDF/A with the data it prints attached"),
    # a training's print pages before they are imposed (press/make/printrun.py)
    "sheets": Profile("sheets", "pdf/ua-1", "print", True, "css/impose.css", False,
                      offered=False),
}
OFFERED = tuple(name for name, profile in PROFILES.items() if profile.offered)


@dataclass(frozen=True)
class Target:
    """One build the press is asked for. `places` () is the main build, ("all",) every place
    the data has; `edition` "" is the sources' own language; `chapter` "" every chapter (a
    check may look at one; a build always makes every chapter, reusing what did not change);
    `date` the day consent is judged on (today when None)."""

    profile: ProfileName = "screen"
    places: tuple[str, ...] = ()
    edition: str = ""
    chapter: str = ""
    funder: str = ""
    grayscale: bool = False
    date: dt.date | None = None
    strict: bool = False

    @property
    def today(self) -> dt.date:
        return self.date or clock.today()

    @property
    def every_place(self) -> bool:
        return self.places == ("all",)

    @property
    def place(self) -> str | None:
        """The one place of a one-place build (None for the main build or several places)."""
        return self.places[0] if len(self.places) == 1 and not self.every_place else None

    @property
    def settings(self) -> Profile:
        return PROFILES[self.profile]

    def folder(self, root: Path, place: str | None = None) -> Path:
        """Where this target's documents go (a place's own folder, for `place`)."""
        return out_dir(root, self.profile, place if place is not None else self.place,
                       self.edition, self.funder)


def asked_places(places: Sequence[str]) -> tuple[str, ...]:
    """The places a build is asked for, each once; ("all",) for every place, however "all"
    was written. Raises BuildError for an empty name (it would build the main documents in
    silence) or "all" beside other places."""
    def stop(message: str, hint: str) -> BuildError:
        return BuildError("jurisdiction", [Problem("make_report.py build --jurisdiction", 0, 0,
                                                   message, hint)])

    if any(not place.strip() for place in places):
        raise stop('found an empty place name (--jurisdiction "")', "write the place's name, "
                   'e.g. --jurisdiction "Massachusetts"; leave --jurisdiction out to build the '
                   "chapter's documents, or write --jurisdiction all for every place")
    asked = tuple(dict.fromkeys(places))
    every = [place for place in asked if place.strip().casefold() == "all"]
    if every and len(asked) > 1:
        others = one_of(p for p in asked if p not in every)
        raise stop(f'"all" means every place the data has, and it was given with {others}',
                   "write --jurisdiction all alone for every place, or name each place you "
                   "want with its own --jurisdiction")
    return ("all",) if every else asked
