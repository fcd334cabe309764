"""The engine's stages, in name and in fact: the layers contract in pyproject.toml
([tool.importlinter]) is the one statement of their order; these tests hold the press to it."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from collections.abc import Callable

import pytest

from press.source import schema

from .conftest import ROOT


def test_the_layers_contract_holds() -> None:
    code = "import sys; from importlinter.cli import lint_imports; sys.exit(lint_imports())"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_every_module_is_in_the_contract() -> None:
    """A new module takes its place in the order (or the contract would not see it)."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    listed = {layer for contract in config["contracts"] for layer in contract.get("layers", [])}
    modules = {".".join(p.relative_to(ROOT).with_suffix("").parts)
               for p in (ROOT / "press").rglob("*.py") if p.stem != "__init__"}
    assert modules <= listed, sorted(modules - listed)


def test_sources_and_content_never_import_matplotlib_or_weasyprint() -> None:
    code = ("import sys; import press.content.check, press.content.plan, "
            "press.content.rule_files, press.source.load; "
            "print([m for m in ('matplotlib', 'weasyprint') if m in sys.modules])")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, check=True)
    assert result.stdout.strip() == "[]"


def test_the_chart_models_give_charts_what_each_kind_reads() -> None:
    """charts/specs.py states what each kind reads; press.source.schema's models provide it."""
    from pydantic import TypeAdapter

    from charts import specs
    from press.source.schema import Chart

    adapter: TypeAdapter[schema.ChartSpec] = TypeAdapter(Chart)
    common = {"id": "c", "dataset": "d", "title": "T"}
    made: dict[str, tuple[Callable[[specs.Spec], object], dict[str, object]]] = {
        "split": (specs.split, {"jurisdiction": "Ohio", "year": 2020}),
        "share-over-time": (specs.trend, {"jurisdictions": ["Ohio"], "years": [2019, 2020],
                                          "group": "female", "annotate": ["max"]}),
        "slope": (specs.slope, {"jurisdiction": "Ohio", "years": [2019, 2020]}),
    }
    for kind, (narrow, fields) in made.items():
        spec = adapter.validate_python({**common, "kind": kind, **fields})
        assert narrow(spec) is spec
        others = [n for k, (n, _) in made.items() if k != kind]
        for other in others:
            with pytest.raises(TypeError):
                other(spec)
    note = adapter.validate_python({**common, "kind": "share-over-time", "jurisdictions": ["Ohio"],
                                    "years": [2019, 2020], "group": "female",
                                    "annotate": [{"year": 2019, "text": "Peak"}]})
    assert isinstance(specs.trend(note).annotate[0], specs.YearNoteSpec)
