"""Find the courses a trainer runs, choose who runs them, and set quiz rules; never commits."""

from dataclasses import dataclass

from sqlalchemy import select

from ..audit import record
from ..auth.identifiers import IdentifierError
from ..auth.services import accounts_named, read_logins
from ..capabilities import run_course_ids
from ..extensions import db
from ..i18n import lazy_gettext as _l
from ..models import Course, CourseTrainer, Quiz, Role, User, course_order
from ..quiz.questions import SETTING_NAMES
from ..rules import RuleError

# Who may be made to run a course: the roles that hold the RUN_COURSES capability.
TRAINER_ROLES = (Role.TRAINER, Role.ADMIN)


class AuthoringError(RuleError):
    """Refuse a trainer's change."""


@dataclass
class QuizSummary:
    """What the course list says about a module's quiz."""

    questions: int
    languages: list[str]
    pass_mark: int


def courses_run_by(user: User) -> list[Course]:
    """Return the courses ``user`` runs (an admin: every course), in the catalogue's order."""
    query = select(Course).order_by(*course_order())
    ids = run_course_ids(user)
    if ids is not None:
        query = query.where(Course.id.in_(ids))
    return list(db.session.scalars(query))


def quiz_languages(quiz: Quiz, default_language: str) -> list[str]:
    """Return the languages the quiz's questions are written in, default first."""
    found = {language for question in quiz.active_questions for language in question.data}
    return [default_language] + sorted(found - {default_language})


def quiz_summary(quiz: Quiz | None) -> QuizSummary | None:
    """Describe ``quiz`` for the course list, or None when the module has none."""
    if quiz is None or not quiz.active:
        return None
    default_language = quiz.module.course.default_language
    return QuizSummary(
        questions=len(quiz.active_questions),
        languages=quiz_languages(quiz, default_language) if quiz.active_questions else [],
        pass_mark=quiz.pass_mark,
    )


def trainers_of(course: Course) -> list[User]:
    """Return the people who run ``course``, by name."""
    return sorted((row.user for row in course.trainers), key=lambda user: (user.name, user.id))


def add_trainer(course: Course, login: str, actor: User, regions: list[str]) -> User:
    """Let the trainer or admin whose e-mail, mobile number or username is ``login`` run
    ``course``; a national mobile number is read in each of ``regions``."""
    try:
        found = accounts_named(read_logins(login, regions))
    except IdentifierError as error:
        raise AuthoringError("email", str(error)) from None
    user = found[0] if found else None
    if user is None:
        raise AuthoringError("email", _l("No account has this e-mail, mobile number or username."))
    if user.role not in TRAINER_ROLES or not user.active:
        raise AuthoringError(
            "email", _l("This account is not an active trainer or admin: change its role first.")
        )
    if any(row.user_id == user.id for row in course.trainers):
        raise AuthoringError("email", _l("This trainer already runs the course."))
    course.trainers.append(CourseTrainer(user=user))
    db.session.flush()
    record(actor, "course.trainer.add", course, user_id=user.id)
    return user


def remove_trainer(course: Course, user_id: int, actor: User) -> bool:
    """Stop the user with ``user_id`` running ``course``; False if they did not."""
    for row in course.trainers:
        if row.user_id == user_id:
            course.trainers.remove(row)
            db.session.flush()
            record(actor, "course.trainer.remove", course, user_id=user_id)
            return True
    return False


def update_quiz_settings(quiz: Quiz, actor: User, **values) -> list[str]:
    """Change the quiz's settings; return the names of those that changed."""
    unknown = set(values) - set(SETTING_NAMES)
    if unknown:
        raise TypeError(f"unknown quiz settings: {', '.join(sorted(unknown))}")
    changed = sorted(name for name, value in values.items() if getattr(quiz, name) != value)
    if not changed:
        return []
    before = {name: getattr(quiz, name) for name in changed}
    for name in changed:
        setattr(quiz, name, values[name])
    # Attempts started before keep running; the revision tells reports the rules changed.
    quiz.revision += 1
    db.session.flush()
    record(
        actor,
        "quiz.settings",
        quiz,
        changed={name: [before[name], values[name]] for name in changed},
    )
    return changed
