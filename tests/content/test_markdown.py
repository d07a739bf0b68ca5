"""Tests for rendering author Markdown to sanitized HTML."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from lms.content.markdown import render_markdown, sanitize_html

FORBIDDEN_TAGS = {
    *("script", "style", "iframe", "frame", "frameset", "object", "embed", "applet"),
    *("svg", "math", "form", "input", "button", "textarea", "select", "option"),
    *("base", "meta", "link", "details", "noscript", "template", "video", "audio"),
}
SAFE_SCHEMES = {"http", "https", "mailto"}


class Elements(HTMLParser):
    """Collect (tag, attributes) of every start tag in a fragment."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def elements(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Elements()
    parser.feed(html)
    parser.close()
    return parser.elements


def assert_safe(html: str) -> None:
    for tag, attrs in elements(html):
        assert tag not in FORBIDDEN_TAGS, html
        for name, value in attrs.items():
            assert not name.startswith("on"), html
            assert name not in {"style", "srcdoc", "formaction", "xlink:href"}, html
            if name in {"href", "src", "action", "background", "poster"}:
                # Browsers drop these characters before reading the scheme.
                url = "".join(ch for ch in value or "" if ch > " " and ch != "\x7f")
                scheme = urlsplit(url).scheme.lower()
                assert scheme in SAFE_SCHEMES or not scheme, html
                assert ":" not in url.split("/")[0] or scheme in SAFE_SCHEMES, html


XSS_VECTORS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    '<img src="x" ONERROR="alert(1)">',
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<iframe src=javascript:alert(1)></iframe>",
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    "<object data=javascript:alert(1)></object>",
    "<embed src=javascript:alert(1)>",
    "<style>body{background:url(javascript:alert(1))}</style>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<math><mi xlink:href=javascript:alert(1)>x</mi></math>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click]( javascript:alert(1))",
    "[click](jav&#x09;ascript:alert(1))",
    "[click](&#106;avascript:alert(1))",
    "[click](vbscript:msgbox(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![img](javascript:alert(1))",
    "![img](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "[click][evil]\n\n[evil]: javascript:alert(1)",
    '[click](https://ok.example "a" onmouseover="alert(1)")',
    '![x](https://ok.example/x.png "\\" onerror=\\"alert(1)")',
    "<javascript:alert(1)>",
    "<!--><script>alert(1)</script>-->",
    "<!-- --!><script>alert(1)</script>",
    "<a href=javascript:alert(1)>raw</a>",
    '<a href="&#x6A;avascript:alert(1)">raw</a>',
    '<a href="java\nscript:alert(1)">raw</a>',
    '<form action="javascript:alert(1)"><input type=submit><button>go</button></form>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    '<link rel="stylesheet" href="javascript:alert(1)">',
    '<p onclick="alert(1)">hi</p> <a href="/x" onmouseover="alert(1)">x</a>',
    "<details open ontoggle=alert(1)>x</details>",
    '<div style="width: expression(alert(1))">x</div>',
    '<span style="background:url(javascript:alert(1))">x</span>',
    "<h2 id=x onfocus=alert(1) tabindex=1 autofocus>x</h2>",
    '<table background="javascript:alert(1)"><tr><td>x</td></tr></table>',
    "<img src=`javascript:alert(1)`>",
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    '<video><source onerror="alert(1)"></video>',
]


@pytest.mark.parametrize("vector", XSS_VECTORS)
def test_render_markdown_neutralizes_xss(vector: str) -> None:
    assert_safe(render_markdown(vector))


@pytest.mark.parametrize("vector", XSS_VECTORS)
def test_sanitize_html_neutralizes_xss(vector: str) -> None:
    assert_safe(sanitize_html(vector))


def test_the_checker_catches_unsafe_html() -> None:
    for unsafe in ['<a href="java\tscript:x">', "<img src=x onerror=y>", "<svg>"]:
        with pytest.raises(AssertionError):
            assert_safe(unsafe)


def test_table_renders_with_align_attributes_not_styles() -> None:
    html = render_markdown("| a | b |\n|:--|--:|\n| 1 | 2 |\n")
    tags = elements(html)
    assert ("th", {"align": "left"}) in tags
    assert ("td", {"align": "right"}) in tags


def test_a_table_is_reachable_by_keyboard_whatever_the_author_wrote() -> None:
    """A wide table scrolls in its own box, so the keyboard must reach it (tabindex 0)."""
    assert ("table", {"tabindex": "0"}) in elements(render_markdown("| a |\n|--|\n| 1 |\n"))
    raw = render_markdown('<table tabindex="5" onfocus="x()"><tr><td>1</td></tr></table>')
    assert ("table", {"tabindex": "0"}) in elements(raw)


def test_fenced_code_keeps_language_class() -> None:
    html = render_markdown("```python\nprint('<hi>')\n```\n")
    assert ("code", {"class": "language-python"}) in elements(html)
    assert "&lt;hi&gt;" in html


def test_toc_and_heading_ids_keep_chinese() -> None:
    html = render_markdown("[TOC]\n\n# 什么是小农组织\n\n## Premium use\n")
    tags = elements(html)
    assert ("div", {"class": "toc"}) in tags
    assert ("h1", {"id": "什么是小农组织"}) in tags
    assert ("h2", {"id": "premium-use"}) in tags
    assert ("a", {"href": "#什么是小农组织"}) in tags


def test_admonition_renders_box_and_title() -> None:
    html = render_markdown('!!! warning "注意"\n    Keep receipts.\n')
    tags = elements(html)
    assert ("div", {"class": "admonition warning"}) in tags
    assert ("p", {"class": "admonition-title"}) in tags
    assert "注意" in html


def test_unknown_class_tokens_are_dropped() -> None:
    html = render_markdown("!!! sparkle\n    x\n\n<div class='bad admonition'>y</div>")
    classes = [attrs.get("class") for tag, attrs in elements(html) if tag == "div"]
    assert classes == ["admonition", "admonition"]


def test_chinese_text_survives_intact() -> None:
    text = "公平贸易溢价由小农组织的成员共同决定。"
    assert render_markdown(text) == f"<p>{text}</p>"


def test_external_links_get_rel_and_internal_links_do_not() -> None:
    html = render_markdown("[a](https://fairtrade.net) [b](/courses) [c](#top)")
    tags = elements(html)
    links = [attrs for tag, attrs in tags if tag == "a"]
    assert links[0]["rel"] == "noopener noreferrer"
    assert "rel" not in links[1] and "rel" not in links[2]


def test_safe_links_and_images_are_kept() -> None:
    md = '[mail](mailto:a@example.org) ![logo](/static/logo.png "Logo")'
    tags = elements(render_markdown(md))
    assert ("a", {"href": "mailto:a@example.org"}) in tags
    assert ("img", {"alt": "logo", "src": "/static/logo.png", "title": "Logo"}) in tags


def test_lists_keep_start_number() -> None:
    assert ("ol", {"start": "3"}) in elements(render_markdown("3. three\n4. four\n"))
