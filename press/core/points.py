"""Named points of a build where a test may stop it (PRESS_STOP_AT=<point>): the build says
it has reached the point and waits there for a signal (Ctrl-C, a kill), so a test stops it
at an exact moment however busy the machine is, instead of guessing with a sleep."""

from __future__ import annotations

import os
import signal
import sys

POINTS = ("checked", "typeset", "staged", "published", "place-published")


def reached(point: str) -> None:
    """At `point` of a build: nothing, unless PRESS_STOP_AT names it."""
    if os.environ.get("PRESS_STOP_AT") != point:
        return
    print(f"press: reached {point}", file=sys.stderr, flush=True)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    while True:
        signal.pause()  # Ctrl-C raises here, through the build's own handlers
