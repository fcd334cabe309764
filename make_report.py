#!/usr/bin/env python3
"""Build The Life Story documents: `python make_report.py` (see README.md)."""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from press.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(root=HERE))  # works from any folder
