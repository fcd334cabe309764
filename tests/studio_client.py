"""A browser's part, for the studio's tests without a browser: the form a page holds, as a
browser would send it, and a client let in with the studio's token."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from starlette.testclient import TestClient

from press.studio.app import create
from press.studio.guard import Keys

PORT = 8800
BASE = f"http://127.0.0.1:{PORT}"


def client(root: Path, builds: bool = False) -> tuple[TestClient, Keys]:
    """A client of the studio at `root` that has been let in (its cookie set); with
    `builds`, a save makes the PDFs again (a slow test)."""
    keys = Keys(PORT)
    made = TestClient(create(root, keys, builds=builds), base_url=BASE)
    made.cookies.set(keys.cookie, keys.token)
    return made, keys


def changes(keys: Keys) -> dict[str, str]:
    """The headers the studio's own page sends with a change."""
    return {"Origin": BASE, "X-CSRF-Token": keys.csrf}


class _Form(HTMLParser):
    def __init__(self, form_id: str) -> None:
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.depth_template = 0
        self.fields: list[tuple[str, str]] = []
        self.select: str | None = None
        self.select_value: str | None = None
        self.first_option: str | None = None
        self.option_value: str | None = None
        self.option_text = ""
        self.textarea: str | None = None
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        if tag == "form" and found.get("id") == self.form_id:
            self.inside = True
        if not self.inside:
            return
        if tag == "template":
            self.depth_template += 1
        if self.depth_template or "disabled" in found:
            return
        name = found.get("name")
        if tag == "input" and name:
            kind = found.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in found:
                return
            self.fields.append((name, found.get("value", "")))
        elif tag == "select" and name:
            self.select, self.select_value, self.first_option = name, None, None
        elif tag == "option" and self.select is not None:
            self.option_value = found.get("value")
            self.option_text = ""
            if "selected" in found:
                self.select_value = self.option_value
        elif tag == "textarea" and name:
            self.textarea, self.text = name, ""

    def handle_endtag(self, tag: str) -> None:
        if not self.inside:
            return
        if tag == "template":
            self.depth_template -= 1
        elif tag == "form":
            self.inside = False
        elif tag == "option" and self.select is not None:
            value = self.option_value if self.option_value is not None else self.option_text
            if self.first_option is None:
                self.first_option = value
        elif tag == "select" and self.select is not None:
            chosen = self.select_value if self.select_value is not None else self.first_option
            self.fields.append((self.select, chosen or ""))
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            self.fields.append((self.textarea, self.text.removeprefix("\n")))
            self.textarea = None

    def handle_data(self, data: str) -> None:
        if self.textarea is not None:
            self.text += data
        if self.select is not None:
            self.option_text += data


def form_fields(page: str, form_id: str = "entry-form") -> list[tuple[str, str]]:
    """What a browser sends for the form `form_id` of `page`, in order."""
    parser = _Form(form_id)
    parser.feed(page)
    return parser.fields


def replaced(fields: list[tuple[str, str]], name: str, value: Any) -> list[tuple[str, str]]:
    out = [(k, str(value) if k == name else v) for k, v in fields]
    assert any(k == name for k, _ in fields), f"no field {name}"
    return out


def post(made: TestClient, keys: Keys, url: str, fields: list[tuple[str, str]]) -> Any:
    """POST `fields` as a page of the studio sends a form (urlencoded, with its headers)."""
    from urllib.parse import urlencode

    return made.post(url, content=urlencode(fields).encode(), headers={
        **changes(keys), "Content-Type": "application/x-www-form-urlencoded"})
