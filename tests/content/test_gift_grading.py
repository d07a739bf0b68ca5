"""Grade responses like Moodle: weights, partial and negative credit, wildcards, numbers."""

from __future__ import annotations

import pytest

from lms.content.gift import QUESTION_TYPES
from tests.content.gift_samples import GRANT_MULTIRESPONSE, JESUS_MULTICHOICE, parse_one


def grade(text: str, response) -> float | None:
    question = parse_one(text)
    return QUESTION_TYPES[question.qtype].grade(question.data, response)


@pytest.mark.parametrize(
    ("response", "score"),
    [(None, 0.0), (0, 0.0), (1, 0.25), (2, 0.5), (3, 1.0), (9, 0.0), ("3", 0.0), (True, 0.0)],
)
def test_multichoice_scores_the_chosen_weight(response, score):
    assert grade(JESUS_MULTICHOICE, response) == score


def test_multichoice_negative_weight_is_clamped_to_zero():
    assert grade("Q {=right ~%-50%bad ~meh}", 1) == 0.0


@pytest.mark.parametrize(
    ("response", "score"),
    [
        (None, 0.0),
        ([], 0.0),
        ([1], 0.5),
        ([1, 2], 1.0),
        ([0, 1, 2], 0.0),
        ([1, 2, 3], 0.0),
        ([0], 0.0),
        ([0, 1, 2, 3], 0.0),
        ([2, 2], 0.5),
        ([1, 7], 0.5),
    ],
)
def test_multiresponse_adds_weights_and_clamps(response, score):
    assert grade(GRANT_MULTIRESPONSE, response) == score


def test_multiresponse_partial_sum_with_thirds():
    text = "Q {~%33.33333%a ~%33.33333%b ~%33.33333%c ~%-100%d}"
    assert grade(text, [0, 1]) == pytest.approx(0.6666666)
    assert grade(text, [0, 1, 2]) == pytest.approx(1.0, abs=1e-6)


@pytest.mark.parametrize(
    ("block", "response", "score"),
    [
        ("{T}", True, 1.0),
        ("{T}", False, 0.0),
        ("{FALSE}", False, 1.0),
        ("{FALSE}", True, 0.0),
        ("{T}", None, 0.0),
        ("{T}", "true", 0.0),
    ],
)
def test_truefalse(block, response, score):
    assert grade(f"Q {block}", response) == score


SHORT = "Q {=Nazareth#yes =%75%Nazereth#spelling =%25%Beth*em =%0%*#anything else}"


@pytest.mark.parametrize(
    ("response", "score"),
    [
        ("Nazareth", 1.0),
        ("  nazARETH ", 1.0),
        ("Nazereth", 0.75),
        ("Bethlehem", 0.25),
        ("Bethem", 0.25),
        ("Jerusalem", 0.0),
        ("", 0.0),
        ("   ", 0.0),
        (None, 0.0),
        (12, 0.0),
    ],
)
def test_shortanswer_case_insensitive_with_wildcard(response, score):
    assert grade(SHORT, response) == score


def test_shortanswer_first_matching_answer_decides_like_moodle():
    assert grade("Q {=%50%*a* =banana}", "banana") == 0.5


def test_shortanswer_whitespace_collapsed_and_literal_star():
    assert grade("Q {=no one}", "no    one") == 1.0
    assert grade("Q {=2 \\\\* 3}", "2 * 3") == 1.0
    assert grade("Q {=2 \\\\* 3}", "2 x 3") == 0.0


def test_shortanswer_full_width_input_matches():
    assert grade("Q {=ABC 123}", "ＡＢＣ　１２３") == 1.0
    assert grade("问题 {=北京，中国}", "北京,中国") == 1.0
    assert grade("问题 {=北京}", " 北京 ") == 1.0


NUMERICAL = "Pi? {#=3.14:0.01 =%50%3.1:0.1 =%25%1..5 ~#no}"


@pytest.mark.parametrize(
    ("response", "score"),
    [
        ("3.14", 1.0),
        ("3.15", 1.0),
        ("3.13", 1.0),
        ("3.151", 0.5),
        ("3,14", 1.0),
        ("３．１４", 1.0),
        ("３，１４", 1.0),
        (" 3.14 ", 1.0),
        ("3.0", 0.5),
        ("4.9", 0.25),
        ("5", 0.25),
        ("5.0001", 0.0),
        ("0.314e1", 1.0),
        ("pi", 0.0),
        ("3.14abc", 0.0),
        ("1,000.5", 0.0),
        ("nan", 0.0),
        ("inf", 0.0),
        ("", 0.0),
        (None, 0.0),
    ],
)
def test_numerical_first_answer_whose_interval_holds_the_value(response, score):
    assert grade(NUMERICAL, response) == score


@pytest.mark.parametrize(
    ("response", "score"),
    [("10,000", 1.0), ("１０，０００", 1.0), ("10000", 1.0), ("10,000.0", 1.0), ("10,00", 0.0)],
)
def test_numerical_reads_commas_between_thousands(response, score):
    """Read 10,000 as ten thousand, as producers in China write it, not as ten."""
    assert grade("Reserve? {#10000}", response) == score


@pytest.mark.parametrize(
    "response", ["15", "15%", "15 %", "１５％", "15 ％", "15\u00a0%", "15.0%", " 15% ", "15,0 %"]
)
def test_numerical_takes_a_trailing_percent_sign(response):
    """A learner asked for a percentage may type the sign, on any keyboard."""
    assert grade("Women's share, in percent? {#15:0 ~#no}", response) == 1.0


@pytest.mark.parametrize(
    "response", ["%", "%15", "15%%", "15 % %", "15%5", "15‰", "0.15%", "15 percent", "15%abc"]
)
def test_numerical_still_refuses_what_is_not_one_number(response):
    """The sign is read as the question's own unit, so 0.15% is not 15 and junk stays wrong."""
    assert grade("Women's share, in percent? {#15:0 ~#no}", response) == 0.0


def test_a_percent_sign_is_not_read_as_hundredths():
    """15% on a question that asks for a fraction is 15, not 0.15: the question sets the unit."""
    assert grade("Share as a fraction? {#0.15:0.001}", "15%") == 0.0
    assert grade("Share as a fraction? {#0.15:0.001}", "0.15") == 1.0


def test_numerical_exact_and_negative():
    assert grade("Q {#1822}", "1822") == 1.0
    assert grade("Q {#1822}", "1822.0001") == 0.0
    assert grade("Q {#-5..-1}", "-3") == 1.0
    assert grade("Q {#-5..-1}", "3") == 0.0


@pytest.mark.parametrize(
    ("response", "score"),
    [
        ({"0": 0, "1": 1, "2": 2}, 1.0),
        ({"0": 0, "1": 1}, 2 / 3),
        ({"0": 1, "1": 0, "2": 2}, 1 / 3),
        ({"0": 3, "1": 3, "2": 3}, 0.0),
        ({"3": 3}, 0.0),
        ({"0": 99, "x": 1}, 0.0),
        (None, 0.0),
    ],
)
def test_matching_share_of_items_right(response, score):
    text = "Match {=Canada -> Ottawa =Italy -> Rome =Japan -> Tokyo = -> Paris}"
    assert grade(text, response) == pytest.approx(score)


def test_matching_items_sharing_an_answer():
    text = "Match {=cat -> meat =dog -> meat =cow -> grass}"
    assert grade(text, {"0": 0, "1": 0, "2": 1}) == 1.0


def test_essay_and_description_are_not_graded_automatically():
    assert grade("Essay {}", "my essay") is None
    assert grade("Just text.", None) is None
