"""Publish the content schemas as JSON Schema, for editors with YAML language support."""

from __future__ import annotations

import json
from pathlib import Path

from press.source.load import KINDS

EDITOR = ".vscode/settings.json"


def schema_text(kind: str) -> str:
    schema = KINDS[kind].adapter.json_schema(by_alias=True)
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema",
              "title": f"The Life Story: {KINDS[kind].title}",
              **{k: v for k, v in schema.items() if k != "title"}}
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"


def editor_settings() -> str:
    """.vscode/settings.json: each kind's files mapped to its schema (VS Code's YAML support
    then checks and completes them as staff type)."""
    mapped = {f"./press/schemas/{name}.schema.json": f"source/{kind.where}"
              for name, kind in KINDS.items()}
    settings = {"yaml.schemas": mapped, "files.associations": {"*.mplstyle": "properties"}}
    return json.dumps(settings, indent=2) + "\n"


def write_schemas(root: Path) -> list[Path]:
    folder = root / "press" / "schemas"
    folder.mkdir(exist_ok=True)
    written = []
    for kind in KINDS:
        path = folder / f"{kind}.schema.json"
        path.write_text(schema_text(kind), encoding="utf-8")
        written.append(path)
    editor = root / EDITOR
    editor.parent.mkdir(exist_ok=True)
    editor.write_text(editor_settings(), encoding="utf-8")
    return [*written, editor]
