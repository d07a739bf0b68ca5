"""Render author Markdown to HTML that is safe to put in a page.

:func:`render_markdown` is the one path from untrusted text to markup in the
product; everything else in templates stays autoescaped.
"""

from __future__ import annotations

import re
import threading

import bleach
import markdown as python_markdown
from bleach.html5lib_shim import Filter
from markdown.extensions.toc import slugify_unicode

_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
ALLOWED_TAGS = _HEADINGS | {
    *("p", "div", "span", "blockquote", "pre", "code", "hr", "br", "a", "img", "abbr"),
    *("strong", "em", "b", "i", "sup", "sub", "ul", "ol", "li", "dl", "dt", "dd"),
    *("table", "thead", "tbody", "tr", "th", "td"),
}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})

_ID = re.compile(r"[\w-]+")
_DIGITS = re.compile(r"[0-9]{1,5}")
_CLASS_TOKENS = frozenset(
    {
        *("admonition", "admonition-title", "toc", "note", "tip", "hint", "important"),
        *("warning", "caution", "attention", "danger", "error"),
    }
)
_LANGUAGE_CLASS = re.compile(r"language-[a-z0-9+#-]+")
_ALIGNS = frozenset({"left", "center", "right"})
_EXTERNAL = re.compile(r"\s*https?:", re.IGNORECASE)

_EXTENSIONS = ["tables", "fenced_code", "toc", "admonition", "sane_lists"]
_EXTENSION_CONFIGS = {
    # Align cells with an attribute: style attributes are never allowed.
    "tables": {"use_align_attribute": True},
    "toc": {"marker": "[TOC]", "slugify": slugify_unicode},
}


def _allowed_classes(value: str) -> str:
    """Keep only the class tokens that our stylesheet knows."""
    return " ".join(
        token
        for token in value.split()
        if token in _CLASS_TOKENS or _LANGUAGE_CLASS.fullmatch(token)
    )


def _allow_attribute(tag: str, name: str, value: str) -> bool:
    """Decide whether one attribute may stay; bleach still vets URL schemes after."""
    if name == "title":
        return tag in {"a", "img", "abbr"}
    if tag == "a":
        return name == "href"
    if tag == "img":
        return name in {"src", "alt"} or (
            name in {"width", "height"} and bool(_DIGITS.fullmatch(value))
        )
    if tag in _HEADINGS and name == "id":
        return bool(_ID.fullmatch(value))
    if tag in {"th", "td"} and name == "align":
        return value in _ALIGNS
    if tag == "ol" and name == "start":
        return bool(_DIGITS.fullmatch(value))
    if name == "class" and tag in {"div", "p", "code"}:
        return bool(_allowed_classes(value))
    return False


class _FinishingFilter(Filter):
    """Trim class lists, add ``rel="noopener noreferrer"`` to external links, and let the
    keyboard reach tables: the stylesheet lets a wide one scroll in its own box."""

    def __iter__(self):
        """Yield the sanitized token stream with the finishing touches applied."""
        for token in super().__iter__():
            if token["type"] in {"StartTag", "EmptyTag"}:
                attrs = token["data"]
                if (None, "class") in attrs:
                    # "admonition custom" keeps its box even if "custom" is unknown.
                    attrs[(None, "class")] = _allowed_classes(attrs[(None, "class")])
                href = attrs.get((None, "href"), "")
                if token["name"] == "a" and _EXTERNAL.match(href):
                    attrs[(None, "rel")] = "noopener noreferrer"
                if token["name"] == "table":
                    attrs[(None, "tabindex")] = "0"
            yield token


_local = threading.local()


def _cleaner() -> bleach.sanitizer.Cleaner:
    # A Cleaner keeps parser state between calls and is not thread-safe, so
    # each thread builds its own once and reuses it.
    cleaner = getattr(_local, "cleaner", None)
    if cleaner is None:
        cleaner = bleach.sanitizer.Cleaner(
            tags=ALLOWED_TAGS,
            attributes=_allow_attribute,
            protocols=ALLOWED_PROTOCOLS,
            strip=True,
            strip_comments=True,
            filters=[_FinishingFilter],
        )
        _local.cleaner = cleaner
    return cleaner


def sanitize_html(html: str) -> str:
    """Strip every tag, attribute and URL scheme not on the allow-list from ``html``."""
    return _cleaner().clean(html)


def render_markdown(text: str) -> str:
    """Render author Markdown to sanitized HTML."""
    # A Markdown instance holds per-document state (toc ids, references), so
    # each call gets a fresh one.
    html = python_markdown.markdown(
        text,
        extensions=_EXTENSIONS,
        extension_configs=_EXTENSION_CONFIGS,
        output_format="html",
    )
    return sanitize_html(html)
