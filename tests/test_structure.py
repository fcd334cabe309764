"""The engine's stages, in name and in fact: each module imports only earlier ones."""

from __future__ import annotations

import ast

from .conftest import ROOT

# Helpers first, then the stages in the order a build runs them; the command last.
STAGES = [
    "problems", "files", "manifest", "inputs", "yamlsource", "schema", "validate", "numbers", "markup",
    "cite", "memo", "consent",
    "data", "load",                   # read source/
    "fits",                           # the words of a handout's fit
    "texts", "claims", "compute",     # what the words and numbers are
    "describe",                       # charts' requests and words (no matplotlib)
    "localize",                       # a place build
    "rulefiles",                      # trainings and funders, checked as their commands do
    "compose",                        # each document's view
    "plan",                           # every output and the inputs it depends on
    "language", "palette", "check",   # the preflight (and what the last layout measured)
    "draw",                           # charts drawn (matplotlib)
    "render", "finish",               # HTML laid out (WeasyPrint), PDF files
    "preview",                        # a PDF's thumbnail, the preview page
    "workers",                        # processes forked early, warmed while the build checks
    "typeset",                        # documents fitted and written, on every core
    "packet",                         # packets of one build
    "checklist",                      # a funder's rules measured on the finished PDFs
    "impose",                         # pages arranged on a print shop's sheets
    "publish",                        # swapped into out/
    "build",
    "printrun",                       # a training's print run (after a build's pages)
    "watch", "scaffold", "schemas", "cli", "bench",
]


def imports(module: str) -> set[str]:
    """The press modules `module` imports, at the top or inside a function."""
    tree = ast.parse((ROOT / "press" / f"{module}.py").read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                found.add(node.module.split(".")[0])
            else:
                found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("press."):
            found.add((node.module or "").split(".")[1])
    return found


def test_every_module_is_a_named_stage() -> None:
    modules = {p.stem for p in (ROOT / "press").glob("*.py") if p.stem != "__init__"}
    assert modules == set(STAGES), modules ^ set(STAGES)


def test_no_stage_reaches_back_to_a_later_one() -> None:
    for index, module in enumerate(STAGES):
        later = imports(module) & set(STAGES[index:])
        assert not later, f"{module} imports {sorted(later)}, which come at or after it"


def test_check_and_describe_never_import_matplotlib_or_weasyprint() -> None:
    import subprocess
    import sys

    code = ("import sys; import press.check, press.describe, press.localize, press.compose; "
            "print([m for m in ('matplotlib', 'weasyprint') if m in sys.modules])")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, check=True)
    assert result.stdout.strip() == "[]"
