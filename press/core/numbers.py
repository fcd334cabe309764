"""The one place numbers (and place names) become text. Templates and charts format
through these."""

from __future__ import annotations

import datetime as dt


def percent(value: float, decimals: int = 0) -> str:
    """69.78 -> '70%'. Rounds half away from zero, as readers expect."""
    scaled = abs(value) * 10**decimals
    rounded = int(scaled + 0.5) / 10**decimals
    text = f"{rounded:.{decimals}f}%"
    return "-" + text if value < 0 and rounded else text


def count(value: float) -> str:
    """53320 -> '53,320'."""
    return f"{round(value):,}"


def share(part: int, whole: int) -> float:
    """The percentage `part` is of `whole` (0-100)."""
    if whole <= 0:
        raise ValueError("a share needs a total above zero")
    return 100.0 * part / whole


def audience(name: str) -> str:
    """An audience as a sentence names it after "For": "Judges" -> "judges", "Police
    officers" -> "police officers"; a name with another capital ("Clínica Nuñez-Ibáñez
    nurses", "MDT members", "McKinney-Vento liaisons") is a proper name, kept as written."""
    words = name.split()
    if not words or any(c.isupper() for c in words[0][1:]) or any(
            c.isupper() for word in words[1:] for c in word):
        return name
    return name[:1].lower() + name[1:]


def place(name: str) -> str:
    """'United States' -> 'the United States', as a sentence needs it."""
    return f"the {name}" if name.startswith(("United ", "District of ")) else name


class Formats:
    """Numbers and places as an edition writes them; charts format through one of these
    (charts.common.Formats). English is written here; another edition's numbers follow its
    locale's CLDR patterns (Babel: 87,8 % in es-ES; es-US writes 87.8% as US English does),
    and a place is named as its catalogue names it ("United States" -> "Estados Unidos").
    Its repr names the edition and its place names: a chart's cache key includes it."""

    def __init__(self, locale: str = "en-US", places: tuple[tuple[str, str], ...] = ()) -> None:
        self.locale = locale
        self.places = dict(places)

    def __repr__(self) -> str:
        named = f", {sorted(self.places.items())!r}" if self.places else ""
        return f"Formats({self.locale!r}{named})"

    def percent(self, value: float, decimals: int = 0) -> str:
        if self.locale == "en-US":
            return percent(value, decimals)
        from decimal import Decimal

        from babel import Locale
        from babel.numbers import format_percent

        rounded = percent(value, decimals).rstrip("%")  # half away from zero, as in English
        locale = Locale.parse(self.locale.replace("-", "_"))
        pattern = str(locale.percent_formats[None].pattern).replace(
            "#,##0", "#,##0" + ("." + "0" * decimals if decimals else ""), 1)
        return str(format_percent(Decimal(rounded) / 100, format=pattern, locale=locale))

    def count(self, value: float) -> str:
        if self.locale == "en-US":
            return count(value)
        from babel.numbers import format_decimal

        return str(format_decimal(round(value), locale=self.locale.replace("-", "_")))

    def place(self, name: str) -> str:
        """A place as a sentence names it: "the United States", "Estados Unidos"."""
        if self.locale == "en-US":
            return place(name)
        return self.places.get(name, name)

    def name(self, place: str) -> str:
        """A place as a line of facts names it: "United States", "Estados Unidos"."""
        return self.places.get(place, place)

    def date(self, day: dt.date) -> str:
        """2027-03-04 in English (as the press always wrote it); in another edition as its
        locale writes a date in full (4 de marzo de 2027)."""
        if self.locale == "en-US":
            return day.isoformat()
        from babel.dates import format_date

        return str(format_date(day, format="long", locale=self.locale.replace("-", "_")))


ENGLISH = Formats()
