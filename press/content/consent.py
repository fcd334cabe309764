"""Consent: whether a quote may be printed, for which use, on which day."""

from __future__ import annotations

import datetime as dt

from press.core import clock
from press.source.schema import Quote


def consent_problem(quote: Quote, use: str, today: dt.date) -> str | None:
    """Why `quote` may not be printed for `use` on `today` (the day a build is made for),
    or None when it may. A consent that has ended by the real today (clock.today()) has
    ended for every build, whatever its date."""
    for day in dict.fromkeys([today, clock.today()]):
        reason = _on(quote, use, day)
        if reason:
            return reason
    return None


def _on(quote: Quote, use: str, today: dt.date) -> str | None:
    consent = quote.consent
    if consent is None:
        return None if not quote.survivor else "it has no consent record"
    if use not in consent.uses:
        return (f'its consent covers {", ".join(consent.uses)}, not "{use}"')
    if consent.given > today:
        return f"its consent date {consent.given.isoformat()} is in the future"
    if consent.expires and consent.expires < today:
        return f"its consent expired on {consent.expires.isoformat()}"
    return None
