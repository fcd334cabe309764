"""The README and the user guide (docs/*.md) as the tests read them: their text, and the
worked examples marked `<!-- example NAME: write|append|copy PATH -->`, run as written."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MARKER = re.compile(r"<!-- example (?P<name>[\w-]+): (?P<how>write|append|copy) (?P<path>\S+(?: \S+)?) -->\n"
                    r"(?P<indent>[ ]*)```[a-z]*\n(?P<body>.*?)\n(?P=indent)```", re.DOTALL)


def pages() -> list[Path]:
    """README.md, then every page of the user guide, in the order of their names."""
    return [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def text() -> str:
    """The README and every page of the guide, one after another."""
    return "\n".join(page.read_text(encoding="utf-8") for page in pages())


def examples() -> dict[str, list[tuple[str, str, str]]]:
    """name -> [(write, append or copy, path, text)], in the order the pages give them."""
    found: dict[str, list[tuple[str, str, str]]] = {}
    for match in MARKER.finditer(text()):
        body = textwrap.dedent(match["body"]) + "\n"
        found.setdefault(match["name"], []).append((match["how"], match["path"], body))
    return found


def follow(root: Path, name: str) -> None:
    """Do in `root` what the example `name` says, step by step."""
    for how, rel, body in examples()[name]:
        if how == "copy":  # the page shows the file's first lines
            source, rel = rel.split()
            data = (ROOT / source).read_text(encoding="utf-8")
            assert data.startswith(body), f"the guide's lines are not the head of {source}"
            (root / rel).write_text(data, encoding="utf-8")
            continue
        path = root / rel
        if how == "write":
            path.write_text(body, encoding="utf-8")
        else:
            path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + body,
                            encoding="utf-8")
