"""Read GIFT's syntax around the questions: escapes, comments, ids, tags, categories, formats."""

from __future__ import annotations

import pytest

from lms.content.gift import parse_gift
from tests.content.gift_samples import EVERY_TYPE, parse_one


def test_escapes_in_answers_from_moodle_docs():
    question = parse_one("Which answer equals 5? {\n~ \\= 2 + 2\n= \\= 2 + 3\n~ \\= 2 + 4\n}")
    assert question.qtype == "multichoice"
    assert [a["source"] for a in question.data["answers"]] == ["= 2 + 2", "= 2 + 3", "= 2 + 4"]
    assert [a["fraction"] for a in question.data["answers"]] == [0.0, 1.0, 0.0]


def test_every_escape():
    question = parse_one(
        r"::a\:b::Braces \{x\} tilde \~ hash \# eq \= colon \: back \\ line\nnext {T}"
    )
    assert question.title == "a:b"
    assert question.data["text"]["source"] == (
        "Braces {x} tilde ~ hash # eq = colon : back \\ line\nnext"
    )
    assert question.data["html"] == "Braces {x} tilde ~ hash # eq = colon : back \\ line<br>\nnext"


def test_backslash_before_other_characters_stays():
    assert parse_one(r"Path C:\temp\d {T}").data["text"]["source"] == "Path C:\\temp\\d"
    assert parse_one(r"Not a newline \\n {T}").data["text"]["source"] == "Not a newline \\n"


def test_comment_lines_are_ignored_anywhere_in_a_question():
    question = parse_one("// before\nWho? {\n// inside the block\n=me\n~you // not a comment\n}")
    assert [a["source"] for a in question.data["answers"]] == ["me", "you // not a comment"]


def test_lines_are_trimmed_and_joined_with_newlines():
    question = parse_one("   First line   \n\t second line {T}")
    assert question.data["text"]["source"] == "First line\nsecond line"


def test_id_and_tags_attach_to_the_question_below():
    questions = parse_gift("// [id:q-one] [tag:alpha]\n// [tag:beta] [tag: gamma ]\nQ {T}\n\nR {F}")
    assert (questions[0].ident, questions[0].tags) == ("q-one", ("alpha", "beta", "gamma"))
    assert questions[0].data["tags"] == ["alpha", "beta", "gamma"]
    assert (questions[1].ident, questions[1].tags) == ("q2", ())


def test_escaped_bracket_in_tag_and_repeated_tags():
    question = parse_one("// [tag:a\\]b] [tag:x] [tag:x]\nQ {T}")
    assert question.tags == ("a]b", "x")


def test_default_ident_is_the_position_in_the_file():
    questions = parse_gift("$CATEGORY: c\n\nA {T}\n\n// [id:named]\nB {T}\n\nC {T}")
    assert [q.ident for q in questions] == ["q1", "named", "q3"]


def test_category_applies_to_following_questions():
    text = "A {T}\n\n$CATEGORY: tom/dick\n\nB {T}\n\nC {F}\n\n$CATEGORY:  $course$/top/x \n\nD {T}"
    questions = parse_gift(text)
    assert [q.category for q in questions] == [None, "tom/dick", "tom/dick", "$course$/top/x"]
    assert questions[1].data["category"] == "tom/dick"


def test_sample_quiz_categories_and_tags():
    questions = parse_gift(EVERY_TYPE, "sample.gift")
    assert questions[0].category == "$course$/top/Fairtrade basics"
    assert questions[-1].category == "$course$/top/Fairtrade basics/Standards"
    assert questions[0].tags == ("premium", "governance")


def test_byte_order_mark_and_crlf():
    questions = parse_gift("\ufeff// [id:a]\r\nQ {\r\n=x\r\n~y\r\n}\r\n\r\nR {T}\r\n")
    assert [q.ident for q in questions] == ["a", "q2"]
    assert [q.line for q in questions] == [2, 7]
    assert [a["source"] for a in questions[0].data["answers"]] == ["x", "y"]


def test_chinese_text_and_full_width_punctuation():
    question = parse_one("::问题：一::哪个是正确的？{=对：是的#很好！ ~错（不）#再想想。}")
    assert question.title == "问题：一"
    assert question.data["text"]["source"] == "哪个是正确的？"
    assert [a["source"] for a in question.data["answers"]] == ["对：是的", "错（不）"]
    assert question.data["answers"][0]["feedback"]["source"] == "很好！"


@pytest.mark.parametrize(
    ("prefix", "html"),
    [
        ("", "<b>Bold</b> and *stars*<br>\nline"),
        ("[moodle]", "<b>Bold</b> and *stars*<br>\nline"),
        ("[html]", "<b>Bold</b> and *stars*\nline"),
        ("[plain]", "&lt;b&gt;Bold&lt;/b&gt; and *stars*<br>\nline"),
        ("[markdown]", "<p><b>Bold</b> and <em>stars</em>\nline</p>"),
    ],
)
def test_text_formats(prefix, html):
    question = parse_one(f"{prefix}<b>Bold</b> and *stars*\\nline {{T}}")
    assert question.data["text"]["format"] == (prefix.strip("[]") or "moodle")
    assert question.data["html"] == html


def test_answers_and_feedback_default_to_the_question_format():
    question = parse_one("[markdown]*Q* {=**yes**#*good* ~[plain]<no>#[html]<i>bad</i>}")
    right, wrong = question.data["answers"]
    assert (right["format"], right["html"]) == ("markdown", "<p><strong>yes</strong></p>")
    assert right["feedback"]["html"] == "<p><em>good</em></p>"
    assert (wrong["format"], wrong["html"]) == ("plain", "&lt;no&gt;")
    assert (wrong["feedback"]["format"], wrong["feedback"]["html"]) == ("html", "<i>bad</i>")


def test_general_feedback_takes_the_question_format():
    question = parse_one("[markdown]Q {T####*see* notes}")
    assert question.data["general_feedback"] == {
        "format": "markdown",
        "source": "*see* notes",
        "html": "<p><em>see</em> notes</p>",
    }


def test_markdown_missing_word_keeps_the_blank():
    question = parse_one("[markdown]The **sky** is {=blue ~green} today.")
    assert question.data["html"] == "<p>The <strong>sky</strong> is _____ today.</p>"
    assert question.data["blank_at"] == len("The **sky** is ")


def test_brackets_that_are_not_a_format_stay_text():
    assert parse_one("[1] is a footnote {T}").data["text"]["source"] == "[1] is a footnote"
    assert parse_one("[moodle][x] literally {T}").data["text"]["source"] == "[x] literally"
