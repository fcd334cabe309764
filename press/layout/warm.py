"""What a worker process loads before it has work, named here so that a command can fork its
workers before it imports the press itself (the workers load while the command checks)."""

from __future__ import annotations


def typesetter() -> None:
    """A typesetting worker: the typesetting stage (with WeasyPrint) and the fonts."""
    from press.layout import typeset  # noqa: F401
    from press.layout.render import font_configuration

    font_configuration()


def place_maker() -> None:
    """A worker that makes a place's handouts whole: charts (matplotlib) and pages."""
    import matplotlib  # noqa: F401

    typesetter()
