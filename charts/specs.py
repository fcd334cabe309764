"""What each chart kind reads of its settings: the chart models of press.source.schema
satisfy these protocols (charts/ does not import press; the tests hold the two together)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable


@runtime_checkable
class Spec(Protocol):
    """Every chart's words: {placeholders} in them are filled from the data."""

    @property
    def kind(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def subtitle(self) -> str: ...
    @property
    def notes(self) -> str: ...


@runtime_checkable
class SplitSpec(Spec, Protocol):
    """One place, one year, its groups side by side; `highlight` first."""

    @property
    def jurisdiction(self) -> str: ...
    @property
    def year(self) -> int: ...
    @property
    def highlight(self) -> str | None: ...


@runtime_checkable
class YearNoteSpec(Protocol):
    """A year labelled with the staff's own words."""

    @property
    def year(self) -> int: ...
    @property
    def text(self) -> str: ...


@runtime_checkable
class TrendSpec(Spec, Protocol):
    """One group's share over a span of years, in up to three places."""

    @property
    def jurisdictions(self) -> Sequence[str]: ...
    @property
    def years(self) -> tuple[int, int]: ...
    @property
    def group(self) -> str: ...
    @property
    def annotate(self) -> Sequence[str | YearNoteSpec]: ...


@runtime_checkable
class SlopeSpec(Spec, Protocol):
    """Each group's count or share in one place, first year against last."""

    @property
    def jurisdiction(self) -> str: ...
    @property
    def years(self) -> tuple[int, int]: ...
    @property
    def measure(self) -> str: ...


def split(spec: Spec) -> SplitSpec:
    """`spec` as a split chart's settings (TypeError if it is another kind's)."""
    if not isinstance(spec, SplitSpec):
        raise TypeError(_wrong("split", spec))
    return spec


def trend(spec: Spec) -> TrendSpec:
    """`spec` as a share-over-time chart's settings."""
    if not isinstance(spec, TrendSpec):
        raise TypeError(_wrong("share-over-time", spec))
    return spec


def slope(spec: Spec) -> SlopeSpec:
    """`spec` as a slope chart's settings."""
    if not isinstance(spec, SlopeSpec):
        raise TypeError(_wrong("slope", spec))
    return spec


def _wrong(kind: str, spec: Spec) -> str:
    return f"the settings of a {kind} chart were expected, not {type(spec).__name__}"
