"""Build what the quiz pages show, from an attempt and its saved answers.

Before submission only a type's ``public_view`` reaches a template: no
fractions, feedback or right answers. After submission, ``review`` adds as much
as the quiz's review setting allows.
"""

from dataclasses import dataclass, field
from typing import Any

from ..content.gift import QUESTION_TYPES
from ..i18n import lazy_gettext as _l
from ..models import QuizAttempt
from .forms import field_name
from .queries import attempt_questions

# Words the question types write in English (true/false) that the interface translates.
INTERFACE_WORDS = {"True": _l("True"), "False": _l("False")}

# Which review setting shows which part of a result.
SHOWS_CORRECTNESS = ("correctness", "answers")
SHOWS_ANSWERS = ("answers",)


@dataclass
class QuestionPage:
    """One question as a page shows it: its number, form field and what to display."""

    number: int
    name: str
    view: dict[str, Any]
    values: dict[str, Any] = field(default_factory=dict)
    answered: bool = False
    review: dict[str, Any] | None = None
    score: float | None = None


def page_count(attempt: QuizAttempt) -> int:
    """Return how many pages the attempt has: one per question, or a single page."""
    return len(attempt.question_order) if attempt.quiz.layout == "one" else 1


def page_indexes(attempt: QuizAttempt, page: int) -> list[int]:
    """Return the question indexes on ``page`` (1-based) of ``attempt``."""
    if attempt.quiz.layout == "one":
        return [page - 1]
    return list(range(len(attempt.question_order)))


def question_pages(attempt: QuizAttempt, indexes: list[int] | None = None) -> list[QuestionPage]:
    """Return the questions at ``indexes`` (all by default) with the saved answers."""
    pages = []
    for question in attempt_questions(attempt, indexes):
        index, revision, answer = question.index, question.revision, question.answer
        data = attempt.question_text(revision)
        kind = QUESTION_TYPES[revision.qtype]
        response = answer.response if answer else None
        page = QuestionPage(
            number=index + 1,
            name=field_name(index),
            view=kind.public_view(data, attempt.seed, attempt.quiz.shuffle_answers),
            values=kind.form_values(data, attempt.seed, response) if response is not None else {},
            answered=response is not None,
        )
        if not attempt.is_open:
            page.review = kind.review(data, response)
            page.score = answer.score if answer else None
        _translate_words(page)
        pages.append(page)
    return pages


def interface_word(text: str) -> str:
    """Return ``text`` in the reader's language if it is a word the interface translates."""
    word = INTERFACE_WORDS.get(text)
    return str(word) if word is not None else text


def _translate_words(page: QuestionPage) -> None:
    """Put the interface's own words for True and False into a page."""
    for option in page.view.get("options", ()):
        option["html"] = interface_word(option["html"])
    if page.review:
        page.review["response_html"] = interface_word(page.review["response_html"])
        right = page.review["right_answers_html"]
        page.review["right_answers_html"] = [interface_word(html) for html in right]


def result_pages(attempt: QuizAttempt) -> list[QuestionPage]:
    """Return the reviewed questions a submitted attempt may show, per the quiz's setting."""
    if attempt.quiz.review not in SHOWS_CORRECTNESS:
        return []
    pages = question_pages(attempt)
    if attempt.quiz.review not in SHOWS_ANSWERS:
        for page in pages:
            page.review = {
                "response_html": page.review["response_html"],
                "correct": page.review["correct"],
            }
    return pages
