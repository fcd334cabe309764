"""The published JSON Schemas accept the real content and refuse broken content.

Editors (VS Code with YAML support) use these files to validate as staff type; each
content file names its schema in its first line.
"""

from __future__ import annotations

import json
import re

import jsonschema
import pytest
import yaml

from .conftest import ROOT

FILES = {
    "source/brand.yaml": "brand", "source/settings.yaml": "settings",
    "source/references.yaml": "references", "source/quotes.yaml": "quotes",
    "source/stats.yaml": "stats", "source/charts.yaml": "charts",
    "source/language.yaml": "language", "source/data/arrests-by-sex.yaml": "dataset",
    "source/briefs/law-enforcement.yaml": "brief", "source/handouts/law-enforcement/judges.yaml": "handout",
    "source/trainings/ma-police-in-service.yaml": "training",
    "source/funders/nih-attachments.yaml": "funder",
}


def schema(kind: str) -> dict[str, object]:
    loaded: dict[str, object] = json.loads((ROOT / "press" / "schemas" / f"{kind}.schema.json").read_text())
    return loaded


def content(rel: str) -> object:
    # JSON Schema sees dates as strings, as an editor does
    return json.loads(json.dumps(yaml.safe_load((ROOT / rel).read_text()), default=str))


@pytest.mark.parametrize("rel", sorted(FILES))
def test_real_content_validates_against_its_published_schema(rel: str) -> None:
    jsonschema.validate(content(rel), schema(FILES[rel]))


@pytest.mark.parametrize("rel", sorted(FILES))
def test_each_content_file_names_its_schema_for_editors(rel: str) -> None:
    first = (ROOT / rel).read_text().splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=")
    target = (ROOT / rel).parent / first.split("$schema=")[1]
    assert target.resolve() == (ROOT / "press" / "schemas" / f"{FILES[rel]}.schema.json").resolve()


def test_every_handout_and_brief_names_its_schema() -> None:
    for path in [*ROOT.glob("source/handouts/*/*.yaml"), *ROOT.glob("source/briefs/*.yaml")]:
        assert path.read_text().startswith("# yaml-language-server: $schema="), path


def test_the_schema_refuses_what_the_press_refuses() -> None:
    settings = content("source/settings.yaml")
    assert isinstance(settings, dict)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**settings, "paper": "legal"}, schema("settings"))
    handout = content("source/handouts/law-enforcement/judges.yaml")
    assert isinstance(handout, dict)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**handout, "stast": []}, schema("handout"))


def test_the_editor_settings_and_schemas_are_published_from_the_kinds() -> None:
    """`make schema` writes .vscode/settings.json and the schemas from press.source.load's
    KINDS: what is committed is what it writes (run `make schema` after changing a model)."""
    from press.make.schemas import editor_settings, schema_text
    from press.source.load import KINDS

    assert (ROOT / ".vscode" / "settings.json").read_text() == editor_settings()
    for kind in KINDS:
        assert (ROOT / "press" / "schemas" / f"{kind}.schema.json").read_text() == schema_text(kind)
    settings = json.loads(editor_settings())["yaml.schemas"]
    assert settings["./press/schemas/handout.schema.json"] == "source/handouts/*/*.yaml"
    assert settings["./press/schemas/training.schema.json"] == "source/trainings/*.yaml"


def test_a_literal_count_with_decimals_is_refused_not_rounded() -> None:
    from pydantic import ValidationError

    from press.source.schema import LiteralStat

    fields = {"id": "visits", "kind": "literal", "unit": "count", "meaning": "{value} visits.",
              "base": "visits recorded", "jurisdiction": "Riverton", "period": "2024",
              "reference": "a-study"}
    assert LiteralStat(**fields, value=1234567).value == 1234567
    with pytest.raises(ValidationError, match=re.escape(
            "a count is a whole number, not 1234567.89 (it would be printed rounded, as 1,234,568")):
        LiteralStat(**fields, value=1234567.89)
