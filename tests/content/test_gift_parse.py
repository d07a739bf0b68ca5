"""Parse every GIFT question type and feature, mostly with Moodle's documented examples."""

from __future__ import annotations

import json

import pytest

from lms.content.errors import ContentInvalid
from lms.content.gift import QUESTION_TYPES, parse_gift, question_from_data
from tests.content.gift_samples import (
    EVERY_TYPE,
    GRANT_MULTIRESPONSE,
    JESUS_MULTICHOICE,
    JESUS_SHORTANSWER,
    MATCH_CAPITALS,
    MOODLE_DOC_SAMPLE,
    parse_one,
)


def fractions(question) -> list[float]:
    return [answer["fraction"] for answer in question.data["answers"]]


def sources(question) -> list[str]:
    return [answer["source"] for answer in question.data["answers"]]


def test_moodle_doc_sample_types_and_titles():
    questions = parse_gift(MOODLE_DOC_SAMPLE, "doc.gift")
    assert [(q.ident, q.qtype, q.title) for q in questions] == [
        ("q1", "truefalse", "Q1"),
        ("q2", "multichoice", "Q2"),
        ("q3", "shortanswer", "Q3"),
        ("q4", "matching", "Q4"),
        ("q5", "numerical", "Q5"),
        ("q6", "numerical", "Q6"),
        ("q7", "numerical", "Q7"),
        ("q8", "essay", "Q8"),
    ]
    assert [q.line for q in questions] == [2, 5, 9, 12, 15, 18, 22, 28]


def test_multichoice_one_right_answer_with_feedback():
    question = parse_gift(MOODLE_DOC_SAMPLE)[1]
    assert question.data["text"] == {
        "format": "moodle",
        "source": "What's between orange and green in the spectrum?",
    }
    assert sources(question) == ["yellow", "red", "blue"]
    assert fractions(question) == [1.0, 0.0, 0.0]
    feedback = [answer["feedback"]["source"] for answer in question.data["answers"]]
    assert feedback == ["right; good!", "wrong, it's yellow", "wrong, it's yellow"]
    assert question.data["blank"] is False


def test_multichoice_partial_credit_in_missing_word():
    question = parse_one(JESUS_MULTICHOICE)
    assert question.qtype == "multichoice"
    assert fractions(question) == [0.0, 0.25, 0.5, 1.0]
    assert question.data["blank"] is True
    assert question.data["text"]["source"] == "Jesus Christ was from ."
    assert question.data["html"] == "Jesus Christ was from _____."


def test_moodle_single_rule_needs_an_equals_sign():
    assert parse_one("Q {=a ~b}").qtype == "multichoice"
    assert parse_one("Q {~%100%a ~b}").qtype == "multiresponse"


def test_multiresponse_partial_and_negative_credit():
    question = parse_one(GRANT_MULTIRESPONSE)
    assert question.qtype == "multiresponse"
    assert fractions(question) == [-1.0, 0.5, 0.5, -1.0]
    assert QUESTION_TYPES["multiresponse"].widget == "multi"


def test_multiresponse_thirds_add_up_after_rounding():
    question = parse_one("Q {~%33.33333%a ~%33.333%b ~%33.33333%c ~%-100%d}")
    assert fractions(question) == [0.3333333, 0.3333333, 0.3333333, -1.0]


@pytest.mark.parametrize(
    ("block", "correct"),
    [("{T}", True), ("{TRUE}", True), ("{F}", False), ("{FALSE}", False)],
)
def test_truefalse_words(block, correct):
    question = parse_one(f"Grant is buried in Grant's tomb.{block}")
    assert question.qtype == "truefalse"
    assert question.data["correct"] is correct


def test_truefalse_words_are_case_sensitive_like_moodle():
    # Moodle would import "{true}" as a short answer "true"; we refuse it instead.
    with pytest.raises(ContentInvalid, match="upper case"):
        parse_gift("The sun rises in the East.{true}", "quiz.gift")
    assert parse_one("Q {=true}").qtype == "shortanswer"


def test_truefalse_first_feedback_is_for_a_wrong_answer():
    question = parse_one("Grant is buried in Grant's tomb.{FALSE#No one is buried there.#Right.}")
    assert question.data["correct"] is False
    assert question.data["feedback_true"]["source"] == "No one is buried there."
    assert question.data["feedback_false"]["source"] == "Right."
    true_question = parse_one("The sun rises in the East.{T#Wrong!#Right!}")
    assert true_question.data["feedback_true"]["source"] == "Right!"
    assert true_question.data["feedback_false"]["source"] == "Wrong!"


def test_shortanswer_several_answers_weights_and_feedback():
    question = parse_one(JESUS_SHORTANSWER)
    assert question.qtype == "shortanswer"
    assert sources(question) == ["Nazareth", "Nazereth", "Bethlehem"]
    assert fractions(question) == [1.0, 0.75, 0.25]
    assert question.data["answers"][1]["feedback"]["source"] == "Right, but misspelled."
    assert question.data["blank"] is False


def test_shortanswer_missing_word_at_start():
    question = parse_one("{=Two =2} plus two equals four.")
    assert question.data["blank"] is True
    assert question.data["blank_at"] == 0
    assert question.data["html"] == "_____ plus two equals four."


def test_numerical_tolerance_range_and_answers():
    questions = parse_gift(MOODLE_DOC_SAMPLE)
    tolerance, interval, several = questions[4], questions[5], questions[6]
    first = tolerance.data["answers"][0]
    assert (first["value"], first["tolerance"], first["min"], first["max"]) == (3.0, 2.0, 1.0, 5.0)
    assert first["range"] is False
    second = interval.data["answers"][0]
    assert (second["value"], second["tolerance"], second["min"], second["max"]) == (3, 2, 1, 5)
    assert second["range"] is True
    assert fractions(several) == [1.0, 0.5]
    assert several.data["answers"][1]["feedback"]["source"] == (
        "He was born in 1822. Half credit for being close."
    )


def test_numerical_wrong_answer_feedback():
    question = parse_one("Pi? {#=3.14:0.01 =%50%3.1:0.1 ~#Pi is about 3.14.}")
    assert fractions(question) == [1.0, 0.5]
    assert question.data["wrong_feedback"]["source"] == "Pi is about 3.14."


def test_numerical_missing_word_and_negative_range():
    question = parse_one("What is the value of pi (to 3 decimal places)? {#3.141..3.142}.")
    assert question.data["blank"] is True
    negative = parse_one("Below zero {#-5..-1}")
    assert (negative.data["answers"][0]["min"], negative.data["answers"][0]["max"]) == (-5, -1)


def test_matching_pairs_and_distractor():
    question = parse_one(MATCH_CAPITALS)
    assert question.qtype == "matching"
    pairs = [(pair["source"], pair["answer"]) for pair in question.data["pairs"]]
    assert pairs == [
        ("Canada", "Ottawa"),
        ("Italy", "Rome"),
        ("Japan", "Tokyo"),
        ("India", "New Delhi"),
    ]
    extra = parse_one("Match {=a -> b =c -> d = -> e}")
    assert extra.data["pairs"][2] == {"format": "moodle", "source": "", "html": "", "answer": "e"}


def test_essay_and_description():
    assert parse_one("::Q8:: How are you? {}").qtype == "essay"
    description = parse_one("You can use your pencil and paper for these next math questions.")
    assert description.qtype == "description"
    assert QUESTION_TYPES["description"].graded is False
    assert QUESTION_TYPES["essay"].manual is True


def test_general_feedback():
    question = parse_one("What's 2+2? {=4 =four ####The ASCII character for 4 has the code 52.}")
    assert sources(question) == ["4", "four"]
    assert (
        question.data["general_feedback"]["source"] == "The ASCII character for 4 has the code 52."
    )
    essay = parse_one("Explain. {####Look at chapter 2.}")
    assert essay.qtype == "essay"
    assert essay.data["general_feedback"]["html"] == "Look at chapter 2."


def test_no_title_means_empty_title():
    question = parse_one("Who's buried in Grant's tomb?{~Grant ~Jefferson =no one}")
    assert question.title == ""
    assert question.data["title"] == ""


def test_title_whitespace_is_collapsed():
    assert parse_one("::  A   long\ntitle ::Text {T}").title == "A long title"


def test_data_is_json_and_rebuilds_the_question():
    for question in parse_gift(EVERY_TYPE, "sample.gift"):
        data = json.loads(json.dumps(question.data))
        assert data == question.data
        rebuilt = question_from_data(data)
        assert (rebuilt.ident, rebuilt.qtype, rebuilt.title) == (
            question.ident,
            question.qtype,
            question.title,
        )
        assert (rebuilt.category, rebuilt.tags, rebuilt.data) == (
            question.category,
            question.tags,
            question.data,
        )
        assert question.data["v"] == 1
        assert question.data["type"] == question.qtype


def test_question_from_data_rejects_unknown_versions_and_types():
    data = parse_one("Q {T}").data
    with pytest.raises(ValueError, match="version"):
        question_from_data({**data, "v": 2})
    with pytest.raises(ValueError, match="type"):
        question_from_data({**data, "type": "cloze"})


def test_every_registered_type_has_the_interface():
    assert set(QUESTION_TYPES) == {
        *("multichoice", "multiresponse", "truefalse", "shortanswer"),
        *("numerical", "matching", "essay", "description"),
    }
    widgets = {name: kind.widget for name, kind in QUESTION_TYPES.items()}
    assert widgets == {
        "multichoice": "choice",
        "multiresponse": "multi",
        "truefalse": "choice",
        "shortanswer": "text",
        "numerical": "number",
        "matching": "matching",
        "essay": "essay",
        "description": "none",
    }
