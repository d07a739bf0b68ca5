"""The palette in lms.css meets WCAG AA for each pair of colours docs/design.md names."""

import re

import pytest

from lms.static_files import STATIC_FOLDER

ROOT = re.search(r":root\s*\{(.*?)\}", (STATIC_FOLDER / "lms.css").read_text(), re.S).group(1)
PALETTE = dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-f]{3,6})\b", ROOT))
TEXT, LARGE_OR_SHAPE = 4.5, 3.0
PAIRS = [
    ("ink", "paper", TEXT),
    ("ink", "surface", TEXT),
    ("muted", "paper", TEXT),
    ("muted", "surface", TEXT),
    ("muted", "sunken", TEXT),
    ("brand", "paper", TEXT),
    ("brand", "surface", TEXT),
    ("brand-ink", "brand", TEXT),
    ("brand-ink", "brand-dark", TEXT),
    ("brand", "brand-tint", TEXT),
    ("accent", "brand-dark", TEXT),
    ("focus", "paper", LARGE_OR_SHAPE),
    ("field", "surface", LARGE_OR_SHAPE),
    ("ok", "ok-bg", TEXT),
    ("ink", "info-bg", TEXT),
    ("warn", "warn-bg", TEXT),
    ("error", "error-bg", TEXT),
    ("error", "surface", TEXT),
]


def luminance(colour: str) -> float:
    """Return the relative luminance of ``#rgb`` or ``#rrggbb`` (WCAG 2.1)."""
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(digit * 2 for digit in digits)
    channels = [int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    """Return the contrast ratio of two colours, from 1 to 21."""
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_ratio_is_computed_as_wcag_does():
    """Black on white is 21:1, a colour on itself 1:1, and #777 on white just under 4.5."""
    assert contrast("#000", "#fff") == pytest.approx(21)
    assert contrast("#17603f", "#17603f") == 1
    assert 4.4 < contrast("#777777", "#ffffff") < 4.5


@pytest.mark.parametrize(("text", "background", "least"), PAIRS)
def test_each_pair_of_the_palette_is_legible(text, background, least):
    """Meet 4.5:1 for text, 3:1 for focus rings and field borders."""
    ratio = contrast(PALETTE[text], PALETTE[background])
    assert ratio >= least, f"--{text} on --{background}: {ratio:.2f}:1"
