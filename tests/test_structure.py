"""The engine's stages, in name and in fact: the layers contract in pyproject.toml
([tool.importlinter]) is the one statement of their order; these tests hold the press to it."""

from __future__ import annotations

import subprocess
import sys
import tomllib

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
            "press.content.rulefiles, press.source.load; "
            "print([m for m in ('matplotlib', 'weasyprint') if m in sys.modules])")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, check=True)
    assert result.stdout.strip() == "[]"
