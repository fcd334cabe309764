"""What keeps the studio to the person at this machine: every request passes here first.

The studio listens on 127.0.0.1 only, and, as JupyterLab does, it also checks who asks:

- **Host**: only 127.0.0.1, localhost or [::1] with the studio's port (403 otherwise), so a
  page of another site whose name was pointed at this machine (DNS rebinding) reads nothing.
- **Token**: the address the studio prints and opens carries a random token; the first
  visit exchanges it for a cookie (HttpOnly, SameSite=Strict) and is sent on to the same
  address without it. A request with neither is refused (its own assets aside).
- **Origin and CSRF**: a request that changes anything (POST) must come from the studio's
  own pages: its Origin is the studio's, and it carries the page's CSRF token in the
  X-CSRF-Token header (htmx sends it with every request, from the body's hx-headers).
- **Size**: a request's body is at most `MOST_BYTES`.
- **Headers**: every answer has a Content-Security-Policy that allows only the studio's own
  scripts, styles, fonts and images (no inline script), and is never cached or framed.

Errors are plain pages: no traceback reaches a browser.
"""

from __future__ import annotations

import hashlib
import hmac
import html
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qsl, urlencode

from press.output import serving

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]

MOST_BYTES = 2 * 1024 * 1024  # a form, or an upload (a CSV export): 2 MB
OPEN_PATHS = ("/static/", "/favicon.ico")  # the studio's own assets: no token needed
CHANGES = frozenset({"POST", "PUT", "PATCH", "DELETE"})
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
       "base-uri 'none'")
HEADERS = [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
           (b"referrer-policy", b"same-origin"), (b"x-frame-options", b"DENY"),
           (b"cache-control", b"no-store")]


@dataclass(frozen=True)
class Keys:
    """The secrets of one studio run: the token in its address, and the port it serves."""

    port: int
    token: str = field(default_factory=lambda: secrets.token_urlsafe(24))

    @property
    def cookie(self) -> str:
        return f"studio-{self.port}"

    @property
    def csrf(self) -> str:
        """The token a page sends back with every change (derived from the secret token, so
        a page of another site, which cannot read the studio's pages, cannot know it)."""
        return hmac.new(self.token.encode(), b"csrf", hashlib.sha256).hexdigest()

    def hosts(self) -> frozenset[str]:
        return frozenset(f"{name}:{self.port}" for name in serving.LOCAL_NAMES)

    def origins(self) -> frozenset[str]:
        return frozenset(f"http://{host}" for host in self.hosts())

    def address(self, page: str = "/") -> str:
        """The address to open (and print): `page` with the token that lets a browser in."""
        return f"http://127.0.0.1:{self.port}{page}?token={self.token}"


def local_host(headers: list[tuple[bytes, bytes]], keys: Keys) -> bool:
    """Exactly one Host header, naming this machine and the studio's port (the check every
    server of the press makes: press/output/serving.py)."""
    return serving.local_host([v.decode("latin-1") for k, v in headers if k == b"host"],
                              keys.port)


def _header(headers: list[tuple[bytes, bytes]], name: bytes) -> str | None:
    found = [v.decode("latin-1") for k, v in headers if k == name]
    return found[0] if len(found) == 1 else None


def _has_cookie(headers: list[tuple[bytes, bytes]], keys: Keys) -> bool:
    for name, value in headers:
        if name == b"cookie":
            jar: SimpleCookie = SimpleCookie()
            try:
                jar.load(value.decode("latin-1"))
            except Exception:  # a malformed cookie header: as if none
                continue
            morsel = jar.get(keys.cookie)
            if morsel is not None and hmac.compare_digest(morsel.value, keys.token):
                return True
    return False


def same_origin(headers: list[tuple[bytes, bytes]], keys: Keys) -> bool:
    """A change comes from the studio's own page: its Origin (or, where a browser sends
    none, its Referer) is the studio's."""
    origin = _header(headers, b"origin")
    if origin is not None:
        return origin.lower() in keys.origins()
    referer = _header(headers, b"referer") or ""
    return any(referer.lower().startswith(o + "/") for o in keys.origins())


def plain_page(status: int, title: str, words: str) -> bytes:
    """A page that says what happened in plain words (no traceback, no script)."""
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" '
            f'content="width=device-width, initial-scale=1"><title>{html.escape(title)}</title>'
            '<link rel="stylesheet" href="/static/studio.css"></head><body class="plain">'
            f'<main id="main"><h1>{html.escape(title)}</h1><p>{html.escape(words)}</p>'
            f'<p><a href="/">Back to the studio</a></p></main></body></html>').encode()


REFUSALS = {
    "host": (403, "Not this address", "The studio answers only at 127.0.0.1, localhost or "
             "[::1] with its own port. Open the address the studio printed when it started."),
    "token": (403, "Open the studio from its address", "This browser has not been let in. "
              "Open the address the studio printed when it started (it ends with "
              "?token=...), or start it again with make studio."),
    "origin": (403, "Refused", "A change came from a page that is not the studio's, so it "
               "was not made."),
    "csrf": (403, "Refused", "A change came without the studio page's own key, so it was "
             "not made. Reload the page and try again."),
    "size": (413, "Too large", "What was sent is larger than the studio takes (2 MB)."),
}


class Guard:
    """ASGI middleware: each request is checked (see the module) before the app sees it."""

    def __init__(self, app: App, keys: Keys) -> None:
        self.app = app
        self.keys = keys

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers: list[tuple[bytes, bytes]] = list(scope.get("headers", []))
        refused = self.refusal(scope, headers)
        if refused == "token-in-address":
            await self._let_in(scope, send)
            return
        if refused:
            status, title, words = REFUSALS[refused]
            await respond(send, status, plain_page(status, title, words))
            return
        await self.app(scope, _limited(receive), _with_headers(send))

    def refusal(self, scope: Scope, headers: list[tuple[bytes, bytes]]) -> str:
        """Why the request is refused ("" when it is not), or "token-in-address"."""
        if not local_host(headers, self.keys):
            return "host"
        length = _header(headers, b"content-length")
        if length is not None and (not length.isdigit() or int(length) > MOST_BYTES):
            return "size"
        path: str = scope.get("path", "")
        query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
        if "token" in query and hmac.compare_digest(query["token"], self.keys.token):
            return "token-in-address"
        if path.startswith(OPEN_PATHS) and scope.get("method") in ("GET", "HEAD"):
            return ""
        if not _has_cookie(headers, self.keys):
            return "token"
        if scope.get("method") in CHANGES:
            if not same_origin(headers, self.keys):
                return "origin"
            sent = _header(headers, b"x-csrf-token") or ""
            if not hmac.compare_digest(sent, self.keys.csrf):
                return "csrf"
        return ""

    async def _let_in(self, scope: Scope, send: Send) -> None:
        query = [(k, v) for k, v in parse_qsl(scope.get("query_string", b"").decode("latin-1"))
                 if k != "token"]
        target = scope.get("path", "/") + (f"?{urlencode(query)}" if query else "")
        cookie = (f"{self.keys.cookie}={self.keys.token}; HttpOnly; SameSite=Strict; Path=/")
        await send({"type": "http.response.start", "status": 303, "headers": [
            (b"location", target.encode()), (b"set-cookie", cookie.encode()),
            (b"content-length", b"0"), *HEADERS]})
        await send({"type": "http.response.body", "body": b""})


class TooLarge(Exception):
    """A body longer than MOST_BYTES (its Content-Length did not say so)."""


def _limited(receive: Receive) -> Receive:
    seen = 0

    async def reading() -> Message:
        nonlocal seen
        message = await receive()
        seen += len(message.get("body", b""))
        if seen > MOST_BYTES:
            raise TooLarge
        return message

    return reading


def _with_headers(send: Send) -> Send:
    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start":
            names = {k.lower() for k, _ in message.get("headers", [])}
            message["headers"] = [*message.get("headers", []),
                                  *((k, v) for k, v in HEADERS if k not in names)]
        await send(message)

    return sending


async def respond(send: Send, status: int, body: bytes) -> None:
    await send({"type": "http.response.start", "status": status, "headers": [
        (b"content-type", b"text/html; charset=utf-8"),
        (b"content-length", str(len(body)).encode()), *HEADERS]})
    await send({"type": "http.response.body", "body": body})
