#!/usr/bin/env python3
"""Build The Life Story documents: `python make_report.py` (see README.md)."""

import signal
import sys
from pathlib import Path

# Ctrl-C stops a build (and says which build out/ holds), even when the process that started
# this one ignores it or holds it blocked.
signal.signal(signal.SIGINT, signal.default_int_handler)
signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
# Keep the press's compiled modules (press/__pycache__/, ignored by git) even where the
# environment asks Python not to: compiling them again costs every build a tenth of a second.
sys.dont_write_bytecode = False

if sys.version_info < (3, 11):  # noqa: UP036  (the system Python may be older than .venv)
    sys.exit(f"Error: the press needs Python 3.11 or newer; this is {sys.version.split()[0]}. "
             "Fix: run `make pdfs` once (it sets up .venv/), then use .venv/bin/python "
             "make_report.py ...")
from press.core.problems import ENVIRONMENT_HINT  # noqa: E402  (the standard library only)

try:
    from press.commands.cli import main
except KeyboardInterrupt:  # Ctrl-C before the press has even started
    print("Stopped before the build began: out/ is as it was.", file=sys.stderr)
    sys.exit(130)
except ModuleNotFoundError as missing:  # the system's Python, not the project's .venv
    print(f"Error: this command needs the Python package {missing.name!r}, which the Python "
          f"running it ({sys.executable}) does not have. Fix: {ENVIRONMENT_HINT}", file=sys.stderr)
    sys.exit(2)

if __name__ == "__main__":
    sys.exit(main(root=HERE))  # works from any folder
