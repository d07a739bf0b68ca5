"""Quizzes that cannot be gamed: true/false answers are balanced (issue 15)."""

import pytest

from lms.content.curriculum import load_curriculum

from ..helpers import COURSES, QUIZZES

CURRICULUM = load_curriculum([COURSES, QUIZZES])


def true_false_answers(courses):
    """Return the right answers of every true/false question in these courses' quizzes."""
    answers = []
    for course in courses:
        for module in course.modules:
            if module.quiz is None:
                continue
            quiz = CURRICULUM.quizzes[module.quiz.file]
            answers += [q.data["correct"] for q in quiz.questions if q.qtype == "truefalse"]
    return answers


def assert_balanced(answers, where):
    """No more than 60 % of the answers may be the same word."""
    assert answers, f"{where}: no true/false questions"
    share_false = answers.count(False) / len(answers)
    assert 0.4 <= share_false <= 0.6, (
        f"{where}: {answers.count(False)} of {len(answers)} true/false answers are False"
    )


@pytest.mark.parametrize("course", CURRICULUM.courses, ids=lambda course: course.slug)
def test_answering_false_to_everything_does_not_pass_a_course(course):
    """Per course, neither True nor False is the answer to more than 60 % of them."""
    assert_balanced(true_false_answers([course]), course.slug)


def test_answering_false_to_everything_does_not_pass_the_curriculum():
    """Across the curriculum too."""
    assert_balanced(true_false_answers(CURRICULUM.courses), "curriculum")
