"""Report every problem in a GIFT file as path:line: message, and return nothing."""

from __future__ import annotations

import pytest

from lms.content.errors import ContentInvalid
from lms.content.gift import parse_gift

OK = "Fine question {T}\n\n"


def problems(text: str, path: str = "quizzes/x.gift") -> list[str]:
    with pytest.raises(ContentInvalid) as raised:
        parse_gift(text, path)
    return [str(error) for error in raised.value.errors]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (OK + "Q {=a ~b", 'quizzes/x.gift:3: unclosed answer block "{"'),
        (OK + "Q\n{=a\n{~b}", 'quizzes/x.gift:4: unclosed answer block "{"'),
        (OK + "Q =a ~b}", 'quizzes/x.gift:3: "}" without "{" (write \\} for a brace in text)'),
        (
            OK + "Q1 {T}\nQ2 {F}",
            "quizzes/x.gift:4: only one answer block per question"
            " (separate questions with a blank line)",
        ),
        (OK + "::title Q {T}", 'quizzes/x.gift:3: unclosed title "::"'),
        (OK + "::title:: {T}", "quizzes/x.gift:3: question has no text"),
        (
            OK + "Q {\n=a\n~%45%b\n}",
            "quizzes/x.gift:5: weight 45% is not one Moodle accepts (use 50, 40, ...)",
        ),
        (
            OK + "Q {=a ~%33.33%b}",
            "quizzes/x.gift:3: weight 33.33% is not one Moodle accepts (use 33.33333, 30, ...)",
        ),
        (OK + "Q {=a ~%abc%b}", 'quizzes/x.gift:3: weight "%abc%" is not a number'),
        (
            OK + "Q {=a =%45%b}",
            "quizzes/x.gift:3: weight 45% is not one Moodle accepts (use 50, 40, ...)",
        ),
        (OK + "Q {#abc}", 'quizzes/x.gift:3: numerical answer "abc" is not a number'),
        (OK + "Q {#3.14:x}", 'quizzes/x.gift:3: tolerance "x" is not a number'),
        (OK + "Q {#3.14:-1}", "quizzes/x.gift:3: tolerance -1 must not be negative"),
        (OK + "Q {#5..1}", "quizzes/x.gift:3: range 5..1 has its minimum above its maximum"),
        (OK + "Q {#1..z}", 'quizzes/x.gift:3: numerical answer "z" is not a number'),
        (OK + "Q {#=3,14}", 'quizzes/x.gift:3: numerical answer "3,14" is not a number'),
        (OK + "Q {#}", "quizzes/x.gift:3: numerical question needs an answer"),
        (OK + "Q {#=%50%3}", "quizzes/x.gift:3: one answer must be worth 100%"),
        (OK + "Q {#3 ~x#no}", 'quizzes/x.gift:3: write wrong-answer feedback as "~#feedback"'),
        (OK + "Q {=a -> b}", "quizzes/x.gift:3: matching needs at least two pairs"),
        (OK + "Q {=a -> b = -> c}", "quizzes/x.gift:3: matching needs at least two pairs"),
        (OK + "Q {=a -> b =c -> d =e}", 'quizzes/x.gift:3: matching pair "e" needs "->"'),
        (OK + "Q {=a -> b =c -> }", "quizzes/x.gift:3: empty answer"),
        (OK + "Q {=a ~}", "quizzes/x.gift:3: empty answer"),
        (OK + "Q {=a\n~b\n~#feedback only\n}", "quizzes/x.gift:5: empty answer"),
        (OK + "Q {=a =}", "quizzes/x.gift:3: empty answer"),
        (OK + "Q {~a}", "quizzes/x.gift:3: multiple choice needs at least two answers"),
        (OK + "Q {~%50%a ~%40%b}", "quizzes/x.gift:3: positive weights add up to 90%, not 100%"),
        (OK + "Q {=%50%half}", "quizzes/x.gift:3: one answer must be worth 100%"),
        (OK + "Q {a =b}", 'quizzes/x.gift:3: answer "a" must start with "="'),
        (OK + "Q {a ~b =c}", 'quizzes/x.gift:3: answer "a" must start with "~"'),
        (OK + "Q {yes}", 'quizzes/x.gift:3: answer "yes" must start with "="'),
        (
            OK + "Q {false}",
            "quizzes/x.gift:3: write true/false as T, TRUE, F or FALSE (upper case)",
        ),
        (
            OK + "[htm]Q {T}",
            'quizzes/x.gift:3: unknown text format "[htm]" (use [html], [markdown], '
            "[plain] or [moodle])",
        ),
        (
            OK + "Q {=[mark]a ~b}",
            'quizzes/x.gift:3: unknown text format "[mark]" (use [html], [markdown], '
            "[plain] or [moodle])",
        ),
        (
            OK + "// [id:bad id!]\nQ {T}",
            'quizzes/x.gift:3: bad question id "bad id!" '
            "(use letters, digits, _ . : - and at most 100)",
        ),
        (OK + f"// [id:{'x' * 101}]\nQ {{T}}", "quizzes/x.gift:3: bad question id"),
        (OK + "// [id:a] [id:b]\nQ {T}", "quizzes/x.gift:3: more than one [id:...] for a question"),
        (OK + "// [tag: ]\nQ {T}", "quizzes/x.gift:3: empty [tag:]"),
        (
            OK + "// [id:lost]\n\nQ {T}",
            "quizzes/x.gift:3: [id:...] or [tag:...] is not attached to a question"
            " (remove the blank line)",
        ),
        (OK + "$CATEGORY: a\nQ {T}", "quizzes/x.gift:4: $CATEGORY needs a blank line after it"),
        (OK + "$CATEGORY:\n\nQ {T}", "quizzes/x.gift:3: empty $CATEGORY"),
        (OK + "$CATEGORY: a\\nb\n\nQ {T}", "quizzes/x.gift:3: line break in $CATEGORY"),
        (OK + "Q \ue001 {T}", "quizzes/x.gift:3: unsupported character U+E001"),
    ],
)
def test_error_names_file_and_line(text, expected):
    found = problems(text)
    assert len(found) == 1, found
    assert found[0].startswith(expected)


def test_duplicate_ids_name_the_first_line():
    text = "// [id:q3]\nA {T}\n\nB {T}\n\nC {T}\n\n// [id:q3]\nD {T}"
    assert problems(text) == [
        'quizzes/x.gift:6: duplicate question id "q3" (first at line 2)',
        'quizzes/x.gift:9: duplicate question id "q3" (first at line 2)',
    ]


def test_all_errors_in_a_file_are_reported_in_line_order():
    text = "A {=a ~%45%b}\n\nB {T}\n\nC {#x}\n\nD {=a -> b}\n\nE {=x"
    found = problems(text, "f.gift")
    assert [error.split(":")[1] for error in found] == ["1", "5", "7", "9"]


def test_nothing_is_returned_when_one_question_is_bad():
    with pytest.raises(ContentInvalid) as raised:
        parse_gift(OK * 3 + "Q {#abc}")
    assert len(raised.value.errors) == 1


def test_default_path():
    with pytest.raises(ContentInvalid, match="^<gift>:1: "):
        parse_gift("Q {")


def test_tolerated_weight_matches_moodle():
    # 33.333% is within Moodle's 0.00001 of 1/3; 33.33% is not.
    assert parse_gift("Q {~%33.333%a ~%33.333%b ~%33.333%c}")[0].qtype == "multiresponse"
