"""Publish the content schemas as JSON Schema, for editors with YAML language support."""

from __future__ import annotations

import json
from pathlib import Path

from press.source.load import ADAPTERS

TITLES = {
    "brand": "The Life Story: brand.yaml", "settings": "The Life Story: settings.yaml",
    "references": "The Life Story: references.yaml (CSL-YAML)",
    "quotes": "The Life Story: quotes.yaml", "stats": "The Life Story: stats.yaml",
    "charts": "The Life Story: charts.yaml", "language": "The Life Story: language.yaml",
    "dataset": "The Life Story: a dataset descriptor in data/",
    "brief": "The Life Story: a chapter brief in briefs/",
    "handout": "The Life Story: an audience handout in handouts/",
    "training": "The Life Story: a training's print run in trainings/",
    "funder": "The Life Story: a funder's rules in funders/",
}


def schema_text(kind: str) -> str:
    schema = ADAPTERS[kind].json_schema(by_alias=True)
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema",
              "title": TITLES[kind], **{k: v for k, v in schema.items() if k != "title"}}
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"


def write_schemas(root: Path) -> list[Path]:
    folder = root / "press" / "schemas"
    folder.mkdir(exist_ok=True)
    written = []
    for kind in ADAPTERS:
        path = folder / f"{kind}.schema.json"
        path.write_text(schema_text(kind), encoding="utf-8")
        written.append(path)
    return written
