"""What a local server of the press answers, and what it refuses.

The studio (and `make_report.py watch`, its preview) serves out/, which holds documents
whose quotes are consented for print or a grant but not for the web (out/print/,
out/grant/). It listens on
127.0.0.1 only, but that alone does not keep another site out: a page elsewhere can point
its own name at 127.0.0.1 (DNS rebinding) and read the answers. The browser still sends
that site's name in the Host header, so a server of the press answers only requests whose
Host names this machine (127.0.0.1, localhost, [::1]) with the server's own port
(`local_host`), and only paths that name a file plainly (`served_file`), checks the
studio's guard and its out/ route make (press/studio/guard.py, pages.py).
"""

from __future__ import annotations

import stat
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import unquote

LOCAL_NAMES = ("127.0.0.1", "localhost", "[::1]")
MAX_PORT = 65535  # 0 asks the system for any free port
PORT = 8800  # the studio's and the preview's (`watch`), which share one server
LONGEST_PATH = 1024  # characters of a request's path; out/'s longest names are far shorter
LONGEST_NAME = 255  # characters of one folder or file name (the file system's own limit)


def local_host(headers: Sequence[str], port: int) -> bool:
    """Whether a request's Host headers (every one it sent) name this machine and `port`:
    exactly one, 127.0.0.1, localhost or [::1] (any case), with the port (which a browser
    leaves out only for port 80)."""
    names = {f"{name}:{port}" for name in LOCAL_NAMES} | set(LOCAL_NAMES if port == 80 else ())
    return len(headers) == 1 and headers[0].strip(" \t").lower() in names


class Odd(ValueError):
    """A request path no server of the press answers (400 Bad Request): not a plain path."""


def request_path(target: str) -> list[str]:
    """The folder and file names a request's target asks for (`/charts/x.svg` -> [charts,
    x.svg]; `/` -> []). Raises Odd for what is not a plain path: not starting with /, too
    long, %-escapes that are not UTF-8, an escaped slash or backslash, a control
    character, or a `.`/`..` step."""
    path = target.split("?", 1)[0].split("#", 1)[0]
    if not path.startswith("/") or len(path) > LONGEST_PATH:
        raise Odd("not a plain path")
    lowered = path.lower()
    if "%2f" in lowered or "%5c" in lowered:  # a slash that is not a step between folders
        raise Odd("an escaped slash")
    try:
        decoded = unquote(path, errors="strict")
    except UnicodeDecodeError:
        raise Odd("not UTF-8") from None
    if any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in decoded) or "\\" in decoded:
        raise Odd("a control character or a backslash")
    names = [name for name in decoded.split("/") if name]
    if any(name in (".", "..") for name in names):
        raise Odd("a step up or in place")
    return names


def served_file(folder: Path, names: Sequence[str]) -> Path | None:
    """The file `names` asks for in `folder`, or None (404): only an ordinary file inside
    the folder (after following links), and no hidden file (a name starting with a dot is
    a file being written, or not the preview's)."""
    if not names or any(name.startswith(".") or len(name) > LONGEST_NAME for name in names):
        return None
    try:
        inside = folder.resolve(strict=True)
        target = inside.joinpath(*names).resolve(strict=True)
        regular = stat.S_ISREG(target.stat().st_mode)
    except (OSError, RuntimeError):  # missing, a name the system refuses, a loop of links
        return None
    return target if regular and target.is_relative_to(inside) else None
