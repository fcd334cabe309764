"""The studio: staff write and check every document in the browser (`make studio`).

A Starlette app on uvicorn, listening on 127.0.0.1 only, every request through the guard
(press/studio/guard.py). Pages are rendered on the server (Jinja2, autoescaped) and
updated in place by htmx (vendored in static/, no build step, nothing from the network).

    app = create(root, Keys(port))      # the ASGI app (tests call it with TestClient)
    run(root, port, say)                # serve until Ctrl-C, and open the browser

`make_report.py watch` is this same server, opened at its preview page (/preview), with
no browser opened and each build said in the terminal (press/commands/watch.py).
"""

from __future__ import annotations

import contextlib
import errno
import logging
import socket
import threading
import webbrowser
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from press.core.problems import SetupError
from press.output.serving import MAX_PORT, PORT
from press.studio import pages, translations
from press.studio.bringin import BringIn
from press.studio.builds import Builds
from press.studio.grants import Grants
from press.studio.guard import Guard, Keys, TooLarge, plain_page
from press.studio.jobs import Jobs, Turns
from press.studio.preview import Builder, Checks, Heard, watch

if TYPE_CHECKING:
    from press.layout.workers import Workers

STATIC = Path(__file__).parent / "static"
PLAIN = {400: ("Not understood", "The studio could not read that request."),
         403: ("Refused", "The studio does not show that."),
         404: ("Not found", "There is nothing at this address in the studio."),
         405: ("Not allowed", "That cannot be done at this address."),
         413: ("Too large", "What was sent is larger than the studio takes (2 MB)."),
         500: ("Something went wrong", "The studio could not show this page (a bug in the "
               "studio, not in your words). Your files are as they were saved.")}


def _plain(status: int) -> Response:
    title, words = PLAIN.get(status, PLAIN[500])
    return HTMLResponse(plain_page(status, title, words).decode(), status_code=status)


async def _http_error(request: Request, error: Exception) -> Response:
    status = error.status_code if isinstance(error, HTTPException) else 500
    return _plain(status)


async def _server_error(request: Request, error: Exception) -> Response:
    return _plain(413 if isinstance(error, TooLarge) else 500)


def create(root: Path, keys: Keys, pool: Workers | None = None, build_at_start: bool = False,
           builds: bool = True) -> Guard:
    """The studio for the project at `root`, guarded by `keys` (with `builds` False, a save
    asks for a build that is not made: tests that make no PDF)."""
    return Guard(assemble(root, keys, pool, build_at_start, builds)[0], keys)


def assemble(root: Path, keys: Keys, pool: Workers | None = None, build_at_start: bool = False,
             builds: bool = True, heard: Callable[[Heard], None] = lambda heard: None
             ) -> tuple[Starlette, pages.Studio]:
    """The studio's app (unguarded: wrap it in Guard) and its state, for the server and
    the bench; `heard` hears each build end. The Builds page's jobs are `app.state.jobs`."""
    root = root.resolve()
    turns = Turns()  # one build at a time: a save's rebuild and the Builds page's jobs
    studio = pages.Studio(root, keys, Checks(root),
                          Builder(root, pool, heard, enabled=builds, turns=turns))
    bringing = BringIn(root, studio.render, studio.builder.request)
    jobs = Builds(studio, Jobs(root, turns))
    grants = Grants(studio, jobs)
    translating = translations.Pages(studio)
    app = Starlette(routes=[
        Route("/translations", translating.page),
        Route("/translations/check", translating.check, methods=["POST"]),
        Route("/translations/save", translating.save, methods=["POST"]),
        Route("/", studio.home),
        Route("/preview", studio.preview),
        Route("/problems", studio.problems),
        Route("/builds", jobs.page),
        Route("/builds", jobs.start, methods=["POST"]),
        Route("/builds/job", jobs.job),
        Route("/builds/cancel", jobs.cancel, methods=["POST"]),
        Route("/builds/page.png", jobs.page_image),
        Route("/grant", grants.page),
        Route("/grant", grants.start, methods=["POST"]),
        Route("/grant/new", grants.new_form),
        Route("/grant/new", grants.new, methods=["POST"]),
        Route("/edit", studio.edit),
        Route("/add", studio.add_form),
        Route("/check", studio.check, methods=["POST"]),
        Route("/save", studio.save, methods=["POST"]),
        Route("/status", studio.status),
        Route("/pages", studio.pages),
        Route("/page.png", studio.page_image),
        Route("/history", studio.history),
        Route("/restore", studio.restore, methods=["POST"]),
        Route("/new", studio.new_form),
        Route("/new", studio.new, methods=["POST"]),
        Route("/import", bringing.form),
        Route("/import", bringing.upload, methods=["POST"]),
        Route("/import/again", bringing.again, methods=["POST"]),
        Route("/import/save", bringing.save, methods=["POST"]),
        Route("/out/{path:path}", studio.out_file),
        Route("/fonts/{name}", studio.font),
        Route("/brand.css", studio.brand_css),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ], exception_handlers={HTTPException: _http_error, Exception: _server_error})
    app.state.jobs = jobs.jobs
    if build_at_start:
        studio.builder.request()
    return app, studio


def listening(port: int, command: str = "studio") -> socket.socket:
    """A socket listening on 127.0.0.1:`port` (0: any free port; getsockname() says which),
    for the server to serve; SetupError when the port is taken or not a port (its fix
    names `command`'s --port). It listens at once, so the address said before the server
    runs is never refused: a browser's first request waits for the server instead."""
    if not 0 <= port <= MAX_PORT:
        raise SetupError(f"{port} is not a port (0 to {MAX_PORT})",
                         f"choose another, e.g. make_report.py {command} --port {PORT}")
    bound = socket.socket()
    bound.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # (a port just let go of)
    try:
        bound.bind(("127.0.0.1", port))
        bound.listen(128)  # the address said next is reachable at once (uvicorn accepts later)
    except OSError as error:
        bound.close()
        if error.errno == errno.EADDRINUSE:
            raise SetupError(f"the port {port} is in use (another make_report.py {command} "
                             "is running, or another program took it)", "stop the other one, "
                             f"or choose another port: make_report.py {command} --port "
                             f"{port + 1 if port < MAX_PORT else PORT}") from None
        raise SetupError(f"the press cannot listen on port {port}: {error.strerror}",
                         f"choose another port: make_report.py {command} --port {PORT}"
                         ) from None
    return bound


class OneLine(logging.Filter):
    """What the server says of a request the studio could not answer (a bug of the press):
    one line in the terminal, never a traceback; a body too large (413) is no bug."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if isinstance(error, TooLarge):
            return False
        if error is not None:
            record.msg = (f"Internal error in the studio: {type(error).__name__}: {error!r} (a "
                          "bug in the press, not in your files; the studio keeps serving)")
            record.args, record.exc_info, record.exc_text = (), None, None
        return True


def _greet(say: Callable[[str], None]) -> Callable[[str], None]:
    def greeting(address: str) -> None:
        say(f"The studio is at {address}")
        say("(Ctrl-C to stop; the address is for this computer only.)")

    return greeting


def run(root: Path, port: int, say: Callable[[str], None], open_browser: bool = True,
        stop: threading.Event | None = None, *, page: str = "/", command: str = "studio",
        greet: Callable[[str], None] | None = None,
        heard: Callable[[Heard], None] = lambda heard: None) -> None:
    """Serve the studio on 127.0.0.1:`port` until Ctrl-C (or `stop`), building first and
    again after every save under source/ and layouts/; `greet` hears the address to open
    (`page` with the token), `heard` each build's end. `make_report.py watch` runs it too."""
    import uvicorn

    from press.layout.warm import typesetter
    from press.layout.workers import Workers

    bound = listening(port, command)
    keys = Keys(int(bound.getsockname()[1]))
    try:
        pool = Workers(typesetter, 1)  # forked before the server's threads start
    except BaseException:
        bound.close()
        raise
    watching = threading.Event()
    quiet = OneLine()
    jobs: Jobs | None = None
    try:
        app, studio = assemble(root, keys, pool, heard=heard)
        jobs = app.state.jobs
        config = uvicorn.Config(Guard(app, keys), host="127.0.0.1", port=keys.port,
                                log_level="warning", access_log=False, server_header=False,
                                proxy_headers=False)
        server = uvicorn.Server(config)
        logging.getLogger("uvicorn.error").addFilter(quiet)
        (greet or _greet(say))(keys.address(page))
        if open_browser:
            threading.Timer(0.5, _open, (keys.address(page),)).start()
        if stop is not None:
            threading.Thread(target=_stopper, args=(server, stop), daemon=True).start()
        watch(root.resolve(), studio.builder, watching)  # (no save missed from here on)
        studio.builder.request()  # the first build, said after the address
        server.run(sockets=[bound])
    finally:
        logging.getLogger("uvicorn.error").removeFilter(quiet)
        watching.set()
        if jobs is not None:
            jobs.close()  # a build in its own session would not hear Ctrl-C
        bound.close()
        pool.kill()


def _open(address: str) -> None:
    with contextlib.suppress(Exception):  # no browser here: the address is printed
        webbrowser.open(address)


def _stopper(server: Any, stop: threading.Event) -> None:
    stop.wait()
    server.should_exit = True
