#!/usr/bin/env python3
"""Build The Life Story documents: `python make_report.py` (see README.md)."""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

try:
    from press.cli import main
except KeyboardInterrupt:  # Ctrl-C before the press has even started
    print("Stopped before the build began: out/ is as it was.", file=sys.stderr)
    sys.exit(130)

if __name__ == "__main__":
    sys.exit(main(root=HERE))  # works from any folder
