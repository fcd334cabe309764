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
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, HTTPServer, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

from press.core import clock
from press.core.files import machine_refused
from press.core.names import out_dir
from press.core.problems import BuildError, SetupError
from press.layout.warm import typesetter
from press.layout.workers import Workers
from press.make.build import build
from press.output.serving import MAX_PORT, Odd, local_host, request_path, served_file

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
    """The preview's pages, files and event stream; `state` is set by _handler(). Only a
    request whose Host is this machine with the server's port is answered (403 otherwise),
    and only a plain path (400 otherwise): see press/output/serving.py."""

    state: ClassVar[State]

    def log_message(self, format: str, *args: Any) -> None:  # quiet: the build speaks
        pass

    def do_GET(self) -> None:
        port = self.server.server_port if isinstance(self.server, HTTPServer) else -1
        if not local_host(self.headers.get_all("Host") or [], port):
            self._send(403, "text/plain", b"forbidden: the preview answers only "
                       b"http://127.0.0.1 (or localhost) on its own port")
            return
        try:
            names = request_path(self.path)
        except Odd:
            self._send(400, "text/plain", b"bad request: not a plain path")
            return
        if names == ["events"]:
            self._events()
        elif names in ([], ["index.html"]):
            self._index()
        else:
            self._file(names)

    def _index(self) -> None:
        try:
            page = (self.state.out / "index.html").read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            page = "<!DOCTYPE html><html lang=en><title>Preview</title><body><h1>No build yet</h1>"
        with self.state.lock:
            errors, generation = list(self.state.errors), self.state.generation
        accent, tint = self.state.colors
        banner = BANNER.format(accent=accent, tint=tint,
                               errors=html.escape("\n".join(errors))) if errors else ""
        script = RELOAD.replace("GENERATION", str(generation))
        page = page.replace("<body>", "<body>" + banner, 1).replace("</body>", script + "</body>")
        self._send(200, "text/html; charset=utf-8", page.encode())

    def _file(self, names: list[str]) -> None:
        target = served_file(self.state.out, names)
        try:
            body = target.read_bytes() if target else None
        except OSError:  # taken away by a build since it was found
            body = None
        if target is None or body is None:
            self._send(404, "text/plain", b"not found")
            return
        kinds = {".pdf": "application/pdf", ".png": "image/png", ".svg": "image/svg+xml",
                 ".json": "application/json", ".html": "text/html; charset=utf-8"}
        self._send(200, kinds.get(target.suffix, "application/octet-stream"), body)

    def _events(self) -> None:
        listener: queue.Queue[int] = queue.Queue()
        with self.state.lock:
            self.state.listeners.append(listener)
            listener.put(self.state.generation)  # a page that missed a rebuild reloads now
        try:
            self.send_response(200)
            self._headers("text/event-stream")
            self.end_headers()
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
        self._headers(kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _headers(self, kind: str) -> None:
        self.send_header("Content-Type", kind)
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        # Another site's page may not even embed what the preview serves.
        self.send_header("Cross-Origin-Resource-Policy", "same-origin")


class PreviewServer(ThreadingHTTPServer):
    """The preview's server: a thread per request; a request that fails is said in one
    line (a browser that went away, silently), never with a traceback."""

    daemon_threads = True

    def __init__(self, port: int, state: State, say: Callable[[str], None]) -> None:
        super().__init__(("127.0.0.1", port), _handler(state))
        self.say = say

    def handle_error(self, request: Any, client_address: Any) -> None:
        error = sys.exc_info()[1]
        if isinstance(error, ConnectionError | TimeoutError):
            return  # the browser closed the page or the connection
        self.say(f"Internal error in the preview: {type(error).__name__}: {error!r} (a bug in "
                 "the press, not in your files; the preview keeps serving)")


def _handler(state: State) -> type[BaseHTTPRequestHandler]:
    return type("Handler", (PreviewHandler,), {"state": state})


def serve(state: State, port: int, say: Callable[[str], None] = lambda line: None
          ) -> PreviewServer:
    """Serve the preview on 127.0.0.1:`port` (0: a free port, which server_port then holds)."""
    if not 0 <= port <= MAX_PORT:
        raise SetupError(f"the preview's port must be a number from 0 to {MAX_PORT}, found "
                         f"{port}", "choose another port: make_report.py watch --port 8001 "
                         "(or --port 0 for any free one)")
    try:
        server = PreviewServer(port, state, say)
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            raise SetupError(f"the port {port} is in use (another make_report.py watch is "
                             "running, or another program took it)", "stop the other one, or "
                             f"choose another port: make_report.py watch --port {port + 1}") from None
        raise SetupError(f"the preview cannot be served on port {port}: {error.strerror}",
                         "choose another port: make_report.py watch --port 8001") from None
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def _changes(root: Path, stop: threading.Event) -> queue.Queue[set[Path]]:
    """Saves under source/ and layouts/ (the project folder, for them to appear, where
    neither is there yet), queued from a thread that starts watching at once, so a save
    made while a build runs is not missed."""
    from watchfiles import DefaultFilter
    from watchfiles import watch as watch_files

    saves: queue.Queue[set[Path]] = queue.Queue()
    wanted = (root / "source", root / "layouts")
    folders = [folder for folder in wanted if folder.is_dir()] or [root]  # none yet: wait
    editors = DefaultFilter()

    def kept(change: Any, path: str) -> bool:
        return editors(change, path) and any(Path(path).is_relative_to(f) for f in wanted)

    def watching() -> None:
        for changes in watch_files(*folders, watch_filter=kept, debounce=30, step=10,
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
        server = serve(state, port, say)
    except BaseException:
        pool.kill()
        raise
    saves = _changes(root, stop)
    say(f"Preview: http://127.0.0.1:{server.server_port}/  (Ctrl-C to stop)")
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
    except Exception as error:  # the machine's (a full disk) or a bug in the press: say so
        refused = machine_refused(root, error) if isinstance(error, OSError) else None
        _failed(state, [refused.format() if refused else
                        f"Internal error: {type(error).__name__}: {error} (a bug in the press, "
                        "not in your files)"])
        say(state.errors[0])


def _failed(state: State, errors: list[str]) -> None:
    with state.lock:
        state.errors = errors
    state.announce()
