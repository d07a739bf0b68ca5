"""Read what seeded learners can take: published courses, their modules, quizzes and answers.

Read once through the same rules the app follows (``active_modules``, ``active_quiz``,
``current_revisions``), then kept as small frozen records so that writing a learner's
history touches no ORM object.
"""

import json
from dataclasses import dataclass

from sqlalchemy import select

from ..extensions import db
from ..learn.services import active_modules, active_quiz
from ..models import Course
from ..quiz.questions import current_revisions
from .answers import QuestionOptions, question_options

LANGUAGES = ("en", "zh")


@dataclass(frozen=True)
class QuizPlan:
    """A module's quiz: its rules and, per attempt language, the options of its questions."""

    id: int
    pass_mark: int
    max_attempts: int | None
    shuffle: bool
    time_limit_minutes: int | None
    order: tuple[int, ...]  # current revision ids, in the quiz's order
    options: dict[str, tuple[QuestionOptions, ...]]  # by language, in ``order``
    order_json: str  # ``order`` as an unshuffled attempt stores it


@dataclass(frozen=True)
class ModulePlan:
    """One module of a course outline, as completion and progress rows need it."""

    id: int
    revision: int
    required: bool
    minutes: int
    quiz: QuizPlan | None


@dataclass(frozen=True)
class CoursePlan:
    """A published course: what its enrolments, progress and certificates are made of."""

    id: int
    slug: str
    version: int
    certificate: bool
    titles: dict[str, str]
    modules: tuple[ModulePlan, ...]
    required_ids: frozenset[int]  # the modules that complete the course


def published_courses() -> list[CoursePlan]:
    """Return every published course with active modules, in catalogue order."""
    courses = db.session.scalars(
        select(Course).where(Course.status == "published").order_by(Course.position, Course.slug)
    )
    plans = []
    for course in courses:
        modules = tuple(
            _module_plan(module, course.default_language) for module in active_modules(course)
        )
        if modules:
            plans.append(
                CoursePlan(
                    id=course.id,
                    slug=course.slug,
                    version=course.version,
                    certificate=course.certificate,
                    titles={text.language: text.title for text in course.texts},
                    modules=modules,
                    required_ids=frozenset(m.id for m in modules if m.required),
                )
            )
    return plans


def _module_plan(module, default_language: str) -> ModulePlan:
    quiz = active_quiz(module)
    return ModulePlan(
        id=module.id,
        revision=module.revision,
        required=module.required,
        minutes=module.minutes,
        quiz=_quiz_plan(quiz, default_language) if quiz is not None else None,
    )


def _quiz_plan(quiz, default_language: str) -> QuizPlan | None:
    """Return the quiz's rules and scored options, as an attempt started now would show it."""
    revisions = current_revisions(quiz)
    shown = [revisions[q.id] for q in quiz.active_questions if q.id in revisions]
    if not shown:
        return None
    options = {
        language: tuple(
            question_options(r.question_id, r.id, r.qtype, r.text(language, default_language))
            for r in shown
        )
        for language in LANGUAGES
    }
    return QuizPlan(
        id=quiz.id,
        pass_mark=quiz.pass_mark,
        max_attempts=quiz.max_attempts,
        shuffle=quiz.shuffle_questions,
        time_limit_minutes=quiz.time_limit_minutes,
        order=tuple(r.id for r in shown),
        options=options,
        order_json=json.dumps([r.id for r in shown]),
    )
