"""`make_report.py watch`: rebuild what each save affects, and show it in the browser.

Watch is the studio's own server (press/studio/app.py: uvicorn, its Guard, its Builder and
its watcher of source/ and layouts/), opened at its preview page (/preview) and with no
browser opened: the address it prints carries the token that lets a browser in. The page
shows every document of out/ page by page and the last build's errors, and follows each
rebuild itself. Here is only what the terminal says of each build (the Builder's
callback): what was rebuilt and how many seconds after the save, or the located errors
while out/ keeps the last good PDFs.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from press.core.files import machine_refused
from press.core.problems import BuildError
from press.studio.preview import Heard

WATCHING = "Watching source/ and layouts/ for saves."


def run(root: Path, port: int, say: Callable[[str], None],
        stop: threading.Event | None = None) -> None:
    """Build, serve the preview on 127.0.0.1:`port` (0: any free port), then rebuild after
    every save until `stop` is set (or Ctrl-C)."""
    from press.studio.app import run as serve

    root = root.resolve()
    serve(root, port, say, open_browser=False, stop=stop, page="/preview", command="watch",
          greet=lambda address: say(f"Preview: {address}  (Ctrl-C to stop)"),
          heard=Said(root, say))


@dataclass
class Said:
    """The terminal's lines for each build's end; after the first, that saves are watched."""

    root: Path
    say: Callable[[str], None]
    started: bool = False

    def __call__(self, heard: Heard) -> None:
        for line in lines(self.root, heard, "start" if not self.started else "the studio"):
            self.say(line)
        if not self.started and not heard.more:
            self.started = True
            self.say(WATCHING)


def lines(root: Path, heard: Heard, asker: str) -> list[str]:
    """What the terminal says of one build's end: `asker` names what asked for it where no
    saved file did (the start, or a save in the studio's pages)."""
    names = ", ".join(sorted(_shown(root, heard.asked.changed))) or asker
    elapsed = time.perf_counter() - heard.asked.at
    made = heard.built
    if made is not None and heard.packets:
        return [f"  packets joined {elapsed:.2f} s after the save"]
    if made is not None:
        if not made.rendered and made.unchanged:
            return []  # a build that changed nothing: no line
        if names == "start":
            return [f"start: {len(made.rendered)} PDF(s) made, {len(made.outputs)} in out/, "
                    f"in {elapsed:.2f} s"]
        files = ", ".join(made.rendered) or "no PDF (the words around them changed)"
        return [f"{names}: {files} on disk {elapsed:.2f} s after the save"]
    if isinstance(heard.error, BuildError):
        withdrawn = heard.error.withdrawn
        kept = ("out/ keeps the last good PDFs" if not withdrawn else "out/ keeps the last "
                f"good PDFs, less the {len(withdrawn)} taken out: " + ", ".join(withdrawn))
        return [f"{names}: not built; {kept}.",
                *("  " + p.format() for p in heard.error.problems if p.severity == "error")]
    error = heard.error
    if isinstance(error, OSError) and machine_refused(root, error):  # a full disk...: the fix
        return [heard.state.failure]
    return [f"Internal error: {type(error).__name__}: {error} (a bug in the press, not in your "
            "files; the preview keeps serving)"]


def _shown(root: Path, changed: frozenset[Path]) -> list[str]:
    """The saved files, from the project folder (a file taken away: only one the press reads)."""
    kept = [p for p in changed if p.exists() or p.suffix in (".yaml", ".yml", ".csv", ".html",
                                                              ".css", ".txt", ".ttf")]
    return [p.relative_to(root).as_posix() for p in kept if p.is_relative_to(root)]
