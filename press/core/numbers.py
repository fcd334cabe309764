"""The one place numbers (and place names) become text. Templates and charts format
through these."""

from __future__ import annotations


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


def place(name: str) -> str:
    """'United States' -> 'the United States', as a sentence needs it."""
    return f"the {name}" if name.startswith(("United ", "District of ")) else name


class Formats:
    """Numbers and places as an edition writes them; charts format through one of these
    (charts.common.Formats). Its repr names the edition: a chart's cache key includes it."""

    locale = "en-US"

    def __repr__(self) -> str:
        return f"Formats({self.locale!r})"

    def percent(self, value: float, decimals: int = 0) -> str:
        return percent(value, decimals)

    def count(self, value: float) -> str:
        return count(value)

    def place(self, name: str) -> str:
        return place(name)


ENGLISH = Formats()
