"""Turn author text in one of GIFT's formats into sanitized HTML.

GIFT text may start with ``[moodle]``, ``[html]``, ``[plain]`` or
``[markdown]``; without a prefix the question text is ``moodle`` and the
other parts take the question text's format. Every piece of HTML made here
passes through :func:`~lms.content.markdown.sanitize_html`, directly or via
:func:`~lms.content.markdown.render_markdown`.
"""

from __future__ import annotations

import functools
import html
import re

from lms.content.gift.source import BLANK, WHITESPACE, decode, escape
from lms.content.markdown import render_markdown, sanitize_html

FORMATS = ("moodle", "html", "plain", "markdown")
DEFAULT_FORMAT = "moodle"
BLANK_HTML = "_____"
PREFIX = re.compile(r"\[([A-Za-z]+)\]")
_TAGS = re.compile(r"<[^>]*>")
_SPACES = re.compile(r"\s+")


class UnknownFormat(ValueError):
    """Signal a ``[name]`` prefix that is not one of :data:`FORMATS`."""


def split_format(text: str, default: str) -> tuple[str, str]:
    """Return (format, decoded and trimmed text) of ``text`` that still holds placeholders."""
    found = PREFIX.match(text)
    fmt = default
    if found is not None:
        if found.group(1) not in FORMATS:
            choices = "[html], [markdown], [plain] or [moodle]"
            raise UnknownFormat(f'unknown text format "[{found.group(1)}]" (use {choices})')
        fmt, text = found.group(1), text[found.end() :]
    return fmt, decode(text).strip(WHITESPACE)


def needs_prefix(fmt: str, source: str, default: str) -> bool:
    """Tell whether exported text must name its format to be read back the same."""
    return fmt != default or bool(PREFIX.match(source))


@functools.lru_cache(maxsize=4096)
def to_html(fmt: str, source: str) -> str:
    """Render ``source`` written in ``fmt`` as sanitized HTML."""
    # Cached: the same texts come back on every reload, and rendering dominates parsing.
    if fmt == "markdown":
        return render_markdown(source)
    if fmt == "html":
        return sanitize_html(source)
    if fmt == "plain":
        return sanitize_html(html.escape(source).replace("\n", "<br>\n"))
    # Moodle's own format: HTML in which line breaks are kept.
    return sanitize_html(source.replace("\n", "<br>\n"))


def text_html(fmt: str, source: str, blank_at: int | None = None) -> str:
    """Render question text, showing ``_____`` where a missing-word block was."""
    if blank_at is None:
        return to_html(fmt, source)
    marked = to_html(fmt, source[:blank_at] + BLANK + source[blank_at:])
    return marked.replace(BLANK, BLANK_HTML)


def plain_html(text: str) -> str:
    """Show plain text (a typed answer, a matching choice) as safe HTML."""
    return to_html("plain", text)


def html_to_text(fragment: str) -> str:
    """Reduce sanitized HTML to one line of plain text, for labels in reports."""
    return _SPACES.sub(" ", html.unescape(_TAGS.sub(" ", fragment))).strip()


def formatted(fmt: str, source: str) -> dict:
    """Return the stored form of a piece of formatted text: format, source and HTML."""
    return {"format": fmt, "source": source, "html": to_html(fmt, source)}


def write_text(fmt: str, source: str, default: str) -> str:
    """Write formatted text for a GIFT file: ``[format]`` prefix when needed, then escapes."""
    prefix = f"[{fmt}]" if source and needs_prefix(fmt, source, default) else ""
    return prefix + escape(source)
