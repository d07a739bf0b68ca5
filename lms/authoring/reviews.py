"""Ask another trainer or an admin to review a course's drafts, and answer; never commits.

On a course that requires review, publishing needs an approval of exactly the drafts
being published: a review remembers the course's ``draft_version``, and any later
save moves that on, so the approval no longer holds.
"""

from sqlalchemy import select

from ..audit import record
from ..extensions import db
from ..i18n import lazy_gettext as _l
from ..models import Course, CourseReview, CourseTrainer, Role, User, utcnow
from .services import AuthoringError

MAX_REVIEW_NOTE = 2000


def possible_reviewers(course: Course, requester: User) -> list[User]:
    """Return who may review ``course``: its other trainers and the admins, by name."""
    trainers = select(CourseTrainer.user_id).where(CourseTrainer.course_id == course.id)
    query = (
        select(User)
        .where(User.id != requester.id, User.active.is_(True))
        .where((User.role == Role.ADMIN) | ((User.role == Role.TRAINER) & User.id.in_(trainers)))
        .order_by(User.name)
    )
    return list(db.session.scalars(query))


def request_review(course: Course, requester: User, reviewer_id: int, note: str) -> CourseReview:
    """Ask the person with ``reviewer_id`` to review ``course``'s drafts as they are now."""
    reviewer = next(
        (user for user in possible_reviewers(course, requester) if user.id == reviewer_id), None
    )
    if reviewer is None:
        raise AuthoringError(
            "reviewer", _l("Choose another trainer of this course or an admin as reviewer.")
        )
    if len(note) > MAX_REVIEW_NOTE:
        raise AuthoringError("note", _l("Keep the note under 2,000 characters."))
    review = CourseReview(
        course_id=course.id,
        requested_by_id=requester.id,
        reviewer_id=reviewer.id,
        draft_version=course.draft_version,
        note=note.strip(),
    )
    db.session.add(review)
    db.session.flush()
    record(requester, "course.review_request", course, reviewer=reviewer.id, review=review.id)
    return review


def decide_review(review: CourseReview, reviewer: User, approve: bool, note: str) -> None:
    """Record ``reviewer``'s answer: approve the drafts, or ask for changes."""
    if review.reviewer_id != reviewer.id and reviewer.role != Role.ADMIN:
        raise AuthoringError("form", _l("Only the reviewer asked can answer this review."))
    if review.requested_by_id == reviewer.id:
        raise AuthoringError("form", _l("Someone other than the author must review the changes."))
    if review.state != "requested":
        raise AuthoringError("form", _l("This review has already been answered."))
    if approve and review.draft_version != review.course.draft_version:
        raise AuthoringError(
            "form",
            _l("The drafts changed after the review was asked for. Ask for a new review."),
        )
    if not approve and not note.strip():
        raise AuthoringError("note", _l("Say what should change."))
    review.state = "approved" if approve else "changes"
    review.note = note.strip()[:MAX_REVIEW_NOTE] or review.note
    review.decided_at = utcnow()
    review.reviewer_id = reviewer.id
    record(reviewer, "course.review", review.course, review=review.id, state=review.state)
    db.session.flush()


def approval_for(course: Course, publisher: User) -> CourseReview | None:
    """Return an approval of ``course``'s current drafts by someone other than ``publisher``."""
    query = (
        select(CourseReview)
        .where(
            CourseReview.course_id == course.id,
            CourseReview.state == "approved",
            CourseReview.draft_version == course.draft_version,
            CourseReview.reviewer_id != publisher.id,
        )
        .order_by(CourseReview.decided_at.desc())
        .limit(1)
    )
    return db.session.scalar(query)


def latest_review(course: Course) -> CourseReview | None:
    """Return the course's most recent review request, answered or not."""
    query = (
        select(CourseReview)
        .where(CourseReview.course_id == course.id)
        .order_by(CourseReview.created_at.desc(), CourseReview.id.desc())
        .limit(1)
    )
    return db.session.scalar(query)
