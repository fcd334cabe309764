"""`make_report.py watch`: rebuild what each save affects, and show it in the browser.

The preview page (out/index.html) is served on http://127.0.0.1:8000 with a few lines of
script that listen for server-sent events: after each rebuild the page reloads itself;
after a broken edit it shows the located errors (the last good PDFs stay in out/). Files
are watched with watchfiles. A rebuild publishes the changed documents first and joins the
chapter's packet right after, so the PDF of an edited handout is on disk as soon as it can be.
"""

from __future__ import annotations

import errno
import html
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

from press.core import clock
from press.core.names import out_dir
from press.core.problems import BuildError, SetupError
from press.layout.warm import typesetter
from press.layout.workers import Workers
from press.make.build import build

RELOAD = """<script>
(() => {
  const shown = GENERATION;  // the rebuild this page shows
  const events = new EventSource("/events");
  events.addEventListener("open", () => { document.documentElement.dataset.live = "yes"; });
  events.addEventListener("generation", (event) => {
    if (Number(event.data) !== shown) location.reload();  // rebuilt (or failed) since
  });
})();
</script>"""
BANNER = ('<section role="alert" style="border:2px solid {accent};padding:1rem;margin:1rem 0;'
          'background:{tint}"><h2 style="margin-top:0">The last edit did not build</h2>'
          '<p>out/ still holds the last good PDFs. Fix these, then save again:</p>'
          '<pre style="white-space:pre-wrap">{errors}</pre></section>')


@dataclass
class State:
    """What the server shows: the folder it serves and the last build's errors, if any."""

    out: Path
    errors: list[str] = field(default_factory=list)
    colors: tuple[str, str] = ("black", "white")  # the brand's accent and its tint, once built
    generation: int = 0  # how many rebuilds (good or failed) there have been
    listeners: list[queue.Queue[int]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def announce(self) -> None:
        """Tell every open page that there is something new to show."""
        with self.lock:
            self.generation += 1
            for listener in self.listeners:
                listener.put(self.generation)


class PreviewHandler(BaseHTTPRequestHandler):
    """The preview's pages, files and event stream; `state` is set by _handler()."""

    state: ClassVar[State]

    def log_message(self, format: str, *args: Any) -> None:  # quiet: the build speaks
        pass

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        if path == "/events":
            self._events()
        elif path in ("/", "/index.html"):
            self._index()
        else:
            self._file(path)

    def _index(self) -> None:
        try:
            page = (self.state.out / "index.html").read_text(encoding="utf-8")
        except OSError:
            page = "<!DOCTYPE html><html lang=en><title>Preview</title><body><h1>No build yet</h1>"
        with self.state.lock:
            errors, generation = list(self.state.errors), self.state.generation
        accent, tint = self.state.colors
        banner = BANNER.format(accent=accent, tint=tint,
                               errors=html.escape("\n".join(errors))) if errors else ""
        script = RELOAD.replace("GENERATION", str(generation))
        page = page.replace("<body>", "<body>" + banner, 1).replace("</body>", script + "</body>")
        self._send(200, "text/html; charset=utf-8", page.encode())

    def _file(self, path: str) -> None:
        target = (self.state.out / path.lstrip("/")).resolve()
        if not target.is_relative_to(self.state.out.resolve()) or not target.is_file():
            self._send(404, "text/plain", b"not found")
            return
        kinds = {".pdf": "application/pdf", ".png": "image/png", ".svg": "image/svg+xml",
                 ".json": "application/json", ".html": "text/html; charset=utf-8"}
        self._send(200, kinds.get(target.suffix, "application/octet-stream"),
                   target.read_bytes())

    def _events(self) -> None:
        listener: queue.Queue[int] = queue.Queue()
        with self.state.lock:
            self.state.listeners.append(listener)
            listener.put(self.state.generation)  # a page that missed a rebuild reloads now
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        try:
            self.wfile.write(b": connected\n\n")
            self.wfile.flush()
            while True:
                try:
                    generation = listener.get(timeout=15)
                    self.wfile.write(f"event: generation\ndata: {generation}\n\n".encode())
                except queue.Empty:
                    self.wfile.write(b": still here\n\n")
                self.wfile.flush()
        except OSError:
            pass
        finally:
            with self.state.lock:
                self.state.listeners.remove(listener)

    def _send(self, status: int, kind: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


def _handler(state: State) -> type[BaseHTTPRequestHandler]:
    return type("Handler", (PreviewHandler,), {"state": state})


def serve(state: State, port: int) -> ThreadingHTTPServer:
    try:
        server = ThreadingHTTPServer(("127.0.0.1", port), _handler(state))
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            raise SetupError(f"the port {port} is in use (another make_report.py watch is "
                             "running, or another program took it)", "stop the other one, or "
                             f"choose another port: make_report.py watch --port {port + 1}") from None
        raise SetupError(f"the preview cannot be served on port {port}: {error.strerror}",
                         "choose another port: make_report.py watch --port 8001") from None
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def _changes(root: Path, stop: threading.Event) -> queue.Queue[set[Path]]:
    """Saves under source/ and layouts/, queued from a thread that starts watching at once,
    so a save made while a build runs is not missed."""
    from watchfiles import watch as watch_files

    saves: queue.Queue[set[Path]] = queue.Queue()

    def watching() -> None:
        for changes in watch_files(root / "source", root / "layouts", debounce=30, step=10,
                                   stop_event=stop, rust_timeout=500, yield_on_timeout=False):
            found = {Path(path) for _, path in changes}
            saved = {p for p in found if not p.name.startswith(".") and not p.name.endswith("~")}
            if saved:  # an editor's hidden or backup file alone is not a save
                saves.put(saved)

    threading.Thread(target=watching, daemon=True).start()
    return saves


def run(root: Path, port: int, say: Callable[[str], None], profile: str = "screen",
        stop: threading.Event | None = None) -> None:
    """Build, serve, then rebuild after every save until `stop` is set (or Ctrl-C)."""
    root = root.resolve()
    stop = stop or threading.Event()
    state = State(out_dir(root, profile))
    pool = Workers(typesetter, 1)  # forked before the watcher's and the server's threads start
    try:
        server = serve(state, port)
    except SetupError:
        pool.kill()
        raise
    saves = _changes(root, stop)
    say(f"Preview: http://127.0.0.1:{port}/  (Ctrl-C to stop)")
    _rebuild(root, profile, state, say, time.perf_counter(), set(), pool)
    say("Watching source/ and layouts/ for saves.")
    try:
        while not stop.is_set():
            try:
                changed = saves.get(timeout=0.5)
            except queue.Empty:
                continue
            while not saves.empty():  # several saves at once: one rebuild
                changed |= saves.get_nowait()
            _rebuild(root, profile, state, say, time.perf_counter(), changed, pool)
    finally:
        stop.set()
        server.shutdown()
        pool.kill()


def _rebuild(root: Path, profile: str, state: State, say: Callable[[str], None],
             saved: float, changed: set[Path], pool: Workers) -> None:
    """Publish what changed at once (packets a moment later), and tell the page."""
    shown = [p for p in changed if p.exists() or p.suffix in (".yaml", ".yml", ".csv", ".html",
                                                              ".css", ".txt", ".ttf")]
    names = ", ".join(sorted(p.relative_to(root).as_posix() for p in shown)) or "start"
    try:
        first = build(root, profile, clock.today(), packets="later", warm=pool)
        if first.rendered or not first.unchanged:
            elapsed = time.perf_counter() - saved
            if names == "start":
                say(f"start: {len(first.rendered)} PDF(s) made, {len(first.outputs)} in out/, "
                    f"in {elapsed:.2f} s")
            else:
                files = ", ".join(first.rendered) or "no PDF (the words around them changed)"
                say(f"{names}: {files} on disk {elapsed:.2f} s after the save")
        palette = first.project.brand.palette
        with state.lock:
            state.errors = []
            state.colors = (palette.accent, palette.accent_light)
        state.announce()
        if first.pending:
            build(root, profile, clock.today(), warm=pool)
            say(f"  packets joined {time.perf_counter() - saved:.2f} s after the save")
            state.announce()
    except BuildError as error:
        _failed(state, [p.format() for p in error.problems if p.severity == "error"])
        kept = ("out/ keeps the last good PDFs" if not error.withdrawn else "out/ keeps the last "
                f"good PDFs, less the {len(error.withdrawn)} taken out: "
                + ", ".join(error.withdrawn))
        say(f"{names}: not built; {kept}.")
        for line in state.errors:
            say("  " + line)
    except Exception as error:  # a bug in the press: say so, keep watching
        _failed(state, [f"Internal error: {type(error).__name__}: {error} (a bug in the press, "
                        "not in your files)"])
        say(state.errors[0])


def _failed(state: State, errors: list[str]) -> None:
    with state.lock:
        state.errors = errors
    state.announce()
