"""A client of the studio let in with its token, for tests without a browser (what a form
sends: press/studio/formdata.py)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from starlette.testclient import TestClient

from press.studio.app import assemble, create
from press.studio.formdata import form_fields
from press.studio.guard import Guard, Keys
from press.studio.jobs import Jobs

PORT = 8800
BASE = f"http://127.0.0.1:{PORT}"


def client(root: Path, builds: bool = False) -> tuple[TestClient, Keys]:
    """A client of the studio at `root` that has been let in (its cookie set); with
    `builds`, a save makes the PDFs again (a slow test)."""
    keys = Keys(PORT)
    made = TestClient(create(root, keys, builds=builds), base_url=BASE)
    made.cookies.set(keys.cookie, keys.token)
    return made, keys


@contextlib.contextmanager
def with_jobs(root: Path) -> Iterator[tuple[TestClient, Keys, Jobs]]:
    """A client of the studio at `root` (let in; a save makes no PDF) and the queue of its
    Builds page, whose jobs are all stopped at the end."""
    keys = Keys(PORT)
    app, _ = assemble(root, keys, builds=False)
    made = TestClient(Guard(app, keys), base_url=BASE)
    made.cookies.set(keys.cookie, keys.token)
    try:
        yield made, keys, app.state.jobs
    finally:
        app.state.jobs.close()


def changes(keys: Keys) -> dict[str, str]:
    """The headers the studio's own page sends with a change."""
    return {"Origin": BASE, "X-CSRF-Token": keys.csrf}


def replaced(fields: list[tuple[str, str]], name: str, value: Any) -> list[tuple[str, str]]:
    out = [(k, str(value) if k == name else v) for k, v in fields]
    assert any(k == name for k, _ in fields), f"no field {name}"
    return out


def post(made: TestClient, keys: Keys, url: str, fields: list[tuple[str, str]]) -> Any:
    """POST `fields` as a page of the studio sends a form (urlencoded, with its headers)."""
    from urllib.parse import urlencode

    return made.post(url, content=urlencode(fields).encode(), headers={
        **changes(keys), "Content-Type": "application/x-www-form-urlencoded"})


__all__ = ["BASE", "PORT", "changes", "client", "form_fields", "post", "replaced", "with_jobs"]
