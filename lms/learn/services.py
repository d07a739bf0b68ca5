"""Enrol learners, record what they read and complete, and measure progress.

Functions flush but never commit: the view that calls them commits once.
"""

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import func, select

from ..certificates.services import issue_certificate
from ..database import insert_all_absent, insert_if_absent, upsert
from ..extensions import db
from ..i18n import lazy_gettext as _l
from ..models import Course, Enrolment, Module, ModuleProgress, Quiz, Role, User, utcnow
from ..rules import RuleError

# A module left open overnight should not count as hours of study.
MAX_SESSION_SECONDS = 2 * 60 * 60


@dataclass(frozen=True)
class Progress:
    """How far a learner is through a course's required modules."""

    done: int
    total: int
    minutes_left: int

    @property
    def percent(self) -> int:
        """Return the share of required modules done, 0..100, rounded down."""
        return percent(self.done, self.total)


def percent(part: int, whole: int) -> int:
    """Return ``part`` as a whole percentage of ``whole``, rounded down; 0 of nothing is 0."""
    return 100 * part // whole if whole else 0


def course_by_slug(slug: str) -> Course | None:
    """Return the course with ``slug``, whatever its status, if there is one."""
    return db.session.scalar(select(Course).where(Course.slug == slug))


def course_visible_to(course: Course, user: User | None) -> bool:
    """Tell whether ``user`` may open ``course``: published, enrolled in it, or staff."""
    if course.status == "published" or user is None:
        return may_see_course(course.status, user, enrolled=False)
    return may_see_course(course.status, user, enrolment_for(user, course) is not None)


def may_see_course(status: str, user: User | None, enrolled: bool) -> bool:
    """Tell whether ``user`` may open a course in ``status``.

    Anyone sees a published course, staff every course, and a learner an archived
    course they are enrolled in.
    """
    if status == "published":
        return True
    if user is None:
        return False
    if user.role in (Role.TRAINER, Role.ADMIN):
        return True
    return status == "archived" and enrolled


def active_modules(course: Course) -> list[Module]:
    """Return the modules currently in the course outline, in order."""
    return [module for module in course.modules if module.active]


def active_quiz(module: Module) -> Quiz | None:
    """Return the quiz a learner must pass to complete ``module``, if it has one."""
    quiz = module.quiz
    return quiz if quiz is not None and quiz.active and quiz.active_questions else None


def modules_with_quiz(course: Course) -> set[int]:
    """Return the ids of ``course``'s modules that have an active quiz, in one query."""
    query = (
        select(Quiz.module_id)
        .join(Module, Module.id == Quiz.module_id)
        .where(Module.course_id == course.id, Quiz.active.is_(True))
    )
    return set(db.session.scalars(query))


def enrolment_for(user: User, course: Course) -> Enrolment | None:
    """Return ``user``'s enrolment in ``course``, if any."""
    return db.session.scalar(
        select(Enrolment).where(Enrolment.user_id == user.id, Enrolment.course_id == course.id)
    )


def enrol(user: User, course: Course) -> Enrolment:
    """Enrol ``user`` in ``course``; enrolling twice (two tabs) returns the same row."""
    existing = enrolment_for(user, course)
    if existing is not None:
        return existing
    insert_if_absent(Enrolment, user_id=user.id, course_id=course.id)
    return enrolment_for(user, course)


def enrol_all(user_ids: list[int], course_ids: list[int]) -> None:
    """Enrol every user of ``user_ids`` in every course of ``course_ids``, in one statement.

    Those already enrolled keep their enrolment and its progress; nothing is ever unenrolled.
    """
    rows = [{"user_id": u, "course_id": c} for u in set(user_ids) for c in set(course_ids)]
    insert_all_absent(Enrolment, rows)


def progress_by_module(user: User, course: Course) -> dict[int, ModuleProgress]:
    """Return ``user``'s progress rows for ``course``, by module id."""
    rows = db.session.scalars(
        select(ModuleProgress)
        .join(Module)
        .where(ModuleProgress.user_id == user.id, Module.course_id == course.id)
    )
    return {row.module_id: row for row in rows}


def _progress_row(user: User, module: Module) -> ModuleProgress:
    """Return ``user``'s progress row for ``module``, creating it on first sight."""
    query = select(ModuleProgress).where(
        ModuleProgress.user_id == user.id, ModuleProgress.module_id == module.id
    )
    row = db.session.scalar(query)
    if row is None:
        insert_if_absent(ModuleProgress, user_id=user.id, module_id=module.id)
        row = db.session.scalar(query)
    return row


def record_view(user: User, module_id: int) -> None:
    """Note that ``user`` opened the module with ``module_id`` now, in one statement."""
    upsert(
        ModuleProgress,
        keys={"user_id": user.id, "module_id": module_id},
        values={"last_viewed_at": utcnow()},
    )


def complete_module(user: User, module: Module, issuer: str) -> Enrolment:
    """Mark ``module`` done for ``user`` and complete the course when it is the last one.

    ``issuer`` is the name a certificate earned by this completion is issued under.
    """
    row = _progress_row(user, module)
    if row.completed_at is None:
        now = utcnow()
        spent = min((now - row.last_viewed_at) / timedelta(seconds=1), MAX_SESSION_SECONDS)
        row.time_spent_seconds += max(int(spent), 0)
        row.completed_at = now
        row.revision_completed = module.revision
    db.session.flush()
    return update_course_completion(user, module.course, issuer)


def mark_done(user: User, module: Module, issuer: str) -> bool:
    """Mark a reading module done for ``user``; return whether that completed the course.

    A module with a quiz is done when its quiz is passed, never by hand: this raises
    :class:`RuleError` for one, and changes nothing.
    """
    if active_quiz(module) is not None:
        raise RuleError("module", _l("Pass the quiz to complete this module."))
    was_complete = enrolment_for(user, module.course).completed_at is not None
    enrolment = complete_module(user, module, issuer)
    return enrolment.completed_at is not None and not was_complete


def next_module(user: User, course: Course) -> Module | None:
    """Return the first module ``user`` has not completed, in outline order."""
    rows = progress_by_module(user, course)
    done = {module_id for module_id, row in rows.items() if row.completed_at}
    return next((m for m in active_modules(course) if m.id not in done), None)


def update_course_completion(user: User, course: Course, issuer: str) -> Enrolment:
    """Complete the course once every required module is done, and issue its certificate.

    The enrolment row is locked first (``SELECT ... FOR UPDATE`` on PostgreSQL), so two
    tabs completing the last two modules at once are counted one after the other:
    the second sees both modules done, and the course is completed exactly once.
    """
    enrolment = _locked_enrolment(user, course)
    progress = course_progress(user, course)
    if progress.total and progress.done == progress.total:
        if enrolment.completed_at is None:
            enrolment.completed_at = utcnow()
        issue_certificate(user, course, issuer)
    return enrolment


def _locked_enrolment(user: User, course: Course) -> Enrolment:
    """Return ``user``'s enrolment in ``course``, locked until the transaction ends."""
    enrol(user, course)
    query = (
        select(Enrolment)
        .where(Enrolment.user_id == user.id, Enrolment.course_id == course.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return db.session.scalar(query)


def course_progress(user: User, course: Course) -> Progress:
    """Return ``user``'s progress through ``course``'s required, active modules."""
    done_ids = {
        module_id for module_id, row in progress_by_module(user, course).items() if row.completed_at
    }
    required = [module for module in active_modules(course) if module.required]
    left = [module for module in required if module.id not in done_ids]
    return Progress(
        done=len(required) - len(left),
        total=len(required),
        minutes_left=sum(module.minutes for module in left),
    )


def enrolment_counts() -> dict[int, int]:
    """Return how many learners each course has, by course id."""
    rows = db.session.execute(
        select(Enrolment.course_id, func.count()).group_by(Enrolment.course_id)
    )
    return dict(rows.all())
