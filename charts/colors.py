"""The color arithmetic, stated once (the press's palette checks use it too): a color's
channels, the gray a black-and-white printer makes of it (ITU-R 601 luma, as PDFium and PIL
make it), WCAG's relative luminance and contrast, and which text reads on a color."""

from __future__ import annotations

LUMA = (0.299, 0.587, 0.114)  # the weights of red, green and blue in a printer's gray


def rgb(color: str) -> tuple[float, float, float]:
    """"#7A1F3D" -> its channels, 0 to 1."""
    return (int(color[1:3], 16) / 255, int(color[3:5], 16) / 255, int(color[5:7], 16) / 255)


def luma(color: str) -> float:
    """The gray (0-255) an office printer turns a color into."""
    channels = (int(color[i:i + 2], 16) for i in (1, 3, 5))
    return sum(weight * channel for weight, channel in zip(LUMA, channels, strict=True))


def gray(color: str) -> str:
    """The color as a black-and-white printer prints it: one gray, written as a color."""
    level = round(luma(color))
    return f"#{level:02X}{level:02X}{level:02X}"


def luminance(color: str) -> float:
    """WCAG 2's relative luminance, 0 to 1."""
    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(c) for c in rgb(color))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: str, second: str) -> float:
    """WCAG 2 contrast ratio, 1 to 21."""
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def text_on(color: str, ink: str) -> str:
    """White or the ink, whichever reads better on `color` (a label inside a bar)."""
    return "#FFFFFF" if contrast(color, "#FFFFFF") >= contrast(color, ink) else ink
