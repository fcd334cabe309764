"""Today's date, as the press reads it: the machine's, or PRESS_TODAY (YYYY-MM-DD) where a
test or a rehearsal fixes it. Consent is judged on this day whatever date a build is made
for: a build for another day (`--date`) may show that a consent will end, never that one
that has ended still holds."""

from __future__ import annotations

import calendar
import datetime as dt
import os
import re


def today() -> dt.date:
    fixed = os.environ.get("PRESS_TODAY", "").strip()
    return dt.date.fromisoformat(fixed) if fixed else dt.date.today()


_ISO = re.compile(r"\s*([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})\s*")


def no_such_date(text: str) -> str:
    """Why `text`, written like a date (YYYY-MM-DD), names no day of the calendar ("February
    2026 has 28 days", "there is no month 13"); '' when it is a real date or not one at all."""
    match = _ISO.fullmatch(text)
    if not match:
        return ""
    year, month, day = (int(part) for part in match.groups())
    if not 1 <= month <= 12:
        swapped = f": {year}-{day:02d}-{month:02d} is {calendar.month_name[day]} {month}" \
            if 1 <= day <= 12 and 1 <= month <= calendar.monthrange(year, day)[1] else ""
        return f"there is no month {month} (the date is written year-month-day{swapped})"
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        return f"{calendar.month_name[month]} {year} has {last} days"
    return ""
