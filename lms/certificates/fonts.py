"""Find the CJK TrueType font certificates embed, or say clearly that there is none.

Loading a full CJK font takes about half a second (30,000 glyphs), so
:func:`subset_font` cuts it down once to the characters a batch of certificates
uses; each PDF then embeds from that small file in a few milliseconds.
"""

import io
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

from ..rules import RuleError

# Debian's packages, in order of preference; LMS_CERTIFICATE_FONT overrides them.
CANDIDATES = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
)
INSTALL_HINT = (
    "Install one (apt-get install fonts-wqy-microhei) or set LMS_CERTIFICATE_FONT "
    "to a TrueType font file."
)


class FontMissing(RuleError):
    """No font can draw a certificate's text: the PDF would show empty boxes."""

    def __init__(self, message: str):
        super().__init__("font", message)


def find_cjk_font(configured: str | None) -> Path | None:
    """Return the font file to embed: the configured one, else the first Debian font found.

    A configured path that does not exist is an error, not a silent fallback.
    """
    if configured:
        path = Path(configured)
        if not path.is_file():
            raise FontMissing(
                f"LMS_CERTIFICATE_FONT is set to {configured}, but there is no file there."
            )
        return path
    return next((Path(c) for c in CANDIDATES if Path(c).is_file()), None)


def needs_cjk(text: str) -> bool:
    """Tell whether ``text`` has characters the PDF core fonts (Latin-1) cannot draw."""
    try:
        text.encode("latin-1")
    except UnicodeEncodeError:
        return True
    return False


@contextmanager
def subset_font(font: Path, texts: Iterable[str]) -> Iterator[Path]:
    """Yield a temporary TrueType file with only the glyphs ``texts`` need.

    Raises :class:`FontMissing` when the font lacks a character (a rare name
    character, say), instead of letting the PDF draw an empty box for it.
    """
    characters = {char for text in texts for char in text if not char.isspace()}
    with TTFont(font, fontNumber=0, lazy=True, recalcTimestamp=False) as ttfont:
        cmap = ttfont.getBestCmap() or {}
        missing = sorted(char for char in characters if ord(char) not in cmap)
        if missing:
            raise FontMissing(
                f"The font {font.name} cannot draw these characters: {' '.join(missing)}. "
                + INSTALL_HINT
            )
        options = subset.Options()
        options.notdef_outline = True
        options.layout_features = []
        options.drop_tables += ["FFTM"]
        subsetter = subset.Subsetter(options)
        subsetter.populate(text="".join(characters) + " ")
        subsetter.subset(ttfont)
        small = io.BytesIO()
        ttfont.save(small)
    # fpdf2 reads fonts from files only.
    with tempfile.TemporaryDirectory(prefix="lms-font-") as folder:
        path = Path(folder) / "certificate-font.ttf"
        path.write_bytes(small.getvalue())
        yield path
