"""No quiz field can run script: hostile HTML in every part of every type comes out inert."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from lms.content.gift import QUESTION_TYPES, parse_gift
from tests.content.gift_samples import HOSTILE_GIFT

FORBIDDEN_TAGS = {"script", "style", "iframe", "svg", "object", "embed", "form", "math", "base"}
SAFE_SCHEMES = {"", "http", "https", "mailto"}
X = HOSTILE_GIFT


class Elements(HTMLParser):
    """Collect (tag, attributes) of every start tag."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def assert_inert(html: str) -> None:
    parser = Elements()
    parser.feed(html)
    parser.close()
    for tag, attrs in parser.elements:
        assert tag not in FORBIDDEN_TAGS, html
        for name, value in attrs.items():
            assert not name.startswith("on"), html
            assert name != "style", html
            if name in {"href", "src"}:
                assert urlsplit((value or "").strip()).scheme.lower() in SAFE_SCHEMES, html


def html_strings(value) -> list[str]:
    """Collect every string under keys that hold HTML, anywhere in a structure."""
    found: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, str) and ("html" in key or key == "label"):
                found.append(item)
            elif isinstance(item, list) and "html" in key:
                found += [text for text in item if isinstance(text, str)]
            else:
                found += html_strings(item)
    elif isinstance(value, list):
        for item in value:
            found += html_strings(item)
    return found


HOSTILE_QUESTIONS = {
    "multichoice": f"[html]{X} {{=[html]{X}#[html]{X} ~[html]{X}#[html]{X}####[html]{X}}}",
    "multiresponse": f"[html]{X} {{~%50%[html]{X}#[html]{X} ~%50%{X}#{X} ~{X}####{X}}}",
    "truefalse": f"[html]{X} {{T#[html]{X}#[html]{X}####[html]{X}}}",
    "shortanswer": f"[html]{X} {{=[html]{X}#[html]{X} =%50%{X}#{X}####[html]{X}}}",
    "numerical": f"[html]{X} {{#=1:1#[html]{X} =%50%3..9#{X} ~#[html]{X}####[html]{X}}}",
    "matching": f"[html]{X} {{=[html]{X} -> {X} =b{X} -> <b>{X}</b> = -> {X}####[html]{X}}}",
    "essay": f"[html]{X} {{####[html]{X}}}",
    "description": f"[html]{X}",
}


@pytest.mark.parametrize("fmt", ["html", "moodle", "markdown", "plain"])
@pytest.mark.parametrize("qtype", sorted(HOSTILE_QUESTIONS))
def test_hostile_html_is_inert_everywhere(qtype, fmt):
    text = HOSTILE_QUESTIONS[qtype].replace("[html]", f"[{fmt}]")
    question = parse_gift(text, "hostile.gift")[0]
    assert question.qtype == qtype
    kind = QUESTION_TYPES[qtype]
    found = html_strings(question.data)
    assert len(found) >= {"description": 1, "essay": 2}.get(qtype, 4)
    for seed in (1, 2):
        found += html_strings(kind.public_view(question.data, seed, True))
    responses = {
        "multichoice": [0, 1, None],
        "multiresponse": [[0, 1, 2], None],
        "truefalse": [True, False, None],
        "shortanswer": [X, "<script>alert(1)</script>", None],
        "numerical": ["1", "5", "<img src=x onerror=alert(1)>", None],
        "matching": [{"0": 0, "1": 1}, {"0": 2}, None],
        "essay": ['<a href="javascript:alert(1)">x</a>', None],
        "description": [None],
    }[qtype]
    for response in responses:
        found += html_strings(kind.review(question.data, response))
    for html in found:
        assert_inert(html)


def test_hostile_title_and_labels_are_plain_text():
    question = parse_gift(f"::<script>t</script>::{X} {{=<b>a</b> ~b}}", "t.gift")[0]
    view = QUESTION_TYPES["multichoice"].public_view(question.data, 1, False)
    # Titles are plain text for autoescaping templates; labels are plain text for reports.
    assert view["title"] == "<script>t</script>"
    label = QUESTION_TYPES["multichoice"].describe_response(question.data, 0)
    assert label == "a"
