"""The pure grading rules: an attempt's score from its answers, and the pass mark."""

import pytest

from lms.quiz.grading import attempt_score, passes, score_response


def test_the_score_is_the_mean_of_the_graded_questions_only():
    """Leave descriptions out of the mean: they carry no score."""
    qtypes = [(1, "multichoice"), (2, "description"), (3, "truefalse")]
    assert attempt_score(qtypes, {1: 1.0, 2: None, 3: 0.5}) == pytest.approx(0.75)


def test_an_essay_without_a_mark_leaves_the_attempt_unscored():
    """Wait for the trainer: no score while a graded answer has none."""
    qtypes = [(1, "multichoice"), (2, "essay")]
    assert attempt_score(qtypes, {1: 1.0, 2: None}) is None
    assert attempt_score(qtypes, {1: 1.0, 2: 0.5}) == pytest.approx(0.75)


def test_an_attempt_with_nothing_to_grade_scores_full_marks():
    """Score 1 when every question is a description."""
    assert attempt_score([(1, "description")], {}) == 1.0


def test_the_pass_mark_is_compared_in_whole_hundredths():
    """Pass 79.999...% at a pass mark of 80, fail 79.99%."""
    assert passes(0.8 - 1e-12, 80)
    assert not passes(0.7999, 80)
    assert passes(1.0, 100)


def test_an_essay_response_is_left_for_a_trainer():
    """Give an essay no automatic score, whatever the learner wrote."""
    assert score_response("essay", {"text": "Why?"}, "Because.") is None
