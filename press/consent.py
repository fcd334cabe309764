"""Consent: whether a quote may be printed, for which use, on which day."""

from __future__ import annotations

import datetime as dt

from .schema import Quote

# profile -> consent use ("sheets": a training's print pages, before they are imposed)
PROFILE_USE = {"screen": "web", "print": "print", "grant": "grant", "sheets": "print"}


def consent_problem(quote: Quote, use: str, today: dt.date) -> str | None:
    """Why `quote` may not be printed for `use` on `today`, or None when it may."""
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
