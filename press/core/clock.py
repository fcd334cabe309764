"""Today's date, as the press reads it: the machine's, or PRESS_TODAY (YYYY-MM-DD) where a
test or a rehearsal fixes it. Consent is judged on this day whatever date a build is made
for: a build for another day (`--date`) may show that a consent will end, never that one
that has ended still holds."""

from __future__ import annotations

import datetime as dt
import os


def today() -> dt.date:
    fixed = os.environ.get("PRESS_TODAY", "").strip()
    return dt.date.fromisoformat(fixed) if fixed else dt.date.today()
