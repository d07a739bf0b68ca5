"""Publish a course's drafts: what learners read becomes what the trainers wrote.

Every module draft becomes a revision (``source="browser"``) with its author and the
publisher's note; modules waiting to be added join the outline, those waiting to leave
are retired, positions are renumbered and quizzes waiting for the publish go live.
Learners who finished the course keep their completion and certificate; those who
have not lose the "done" of a reading module that gained a quiz, since they must now
pass it. Never commits.
"""

from sqlalchemy import delete, select, update

from ..audit import record
from ..curriculum.revisions import revise_module
from ..extensions import db
from ..i18n import lazy_gettext as _l
from ..models import Course, Enrolment, Module, ModuleDraft, ModuleProgress, Quiz, User
from ..search.services import refresh_index
from .changes import PendingChanges, pending_changes
from .course_setup import outline
from .drafts import bump_draft_version
from .reviews import approval_for
from .services import AuthoringError

MAX_NOTE_LENGTH = 500


class PublishStale(AuthoringError):
    """The course's drafts changed after the publish page was read."""

    def __init__(self) -> None:
        """Ask the trainer to look again at what they are publishing."""
        super().__init__(
            "form",
            _l(
                "The drafts changed since you opened this page. Check the changes "
                "below again, then publish."
            ),
        )


def check_publish(course: Course, changes: PendingChanges, publisher: User, note: str) -> None:
    """Refuse a publish that breaks a rule, naming the field; changes nothing."""
    if changes.empty and course.status == "published":
        raise AuthoringError("form", _l("There is nothing to publish: learners see every change."))
    if not note.strip():
        raise AuthoringError("note", _l("Say in a few words what this publish changes."))
    if len(note) > MAX_NOTE_LENGTH:
        raise AuthoringError("note", _l("Keep the note under 500 characters."))
    if course.review_required and approval_for(course, publisher) is None:
        raise AuthoringError(
            "form",
            _l("This course's changes must be approved by a reviewer before they are published."),
        )
    if not any(module.pending != "retire" for module in outline(course)):
        raise AuthoringError("form", _l("Add a module before publishing the course."))
    for module in changes.added:
        draft = changes.drafts.get(module.id)
        text = draft.text(course.default_language) if draft is not None else None
        if text is None or not text.body_markdown.strip():
            raise AuthoringError(
                "form",
                _l(
                    "The new module “%(title)s” has no text in the course's main language "
                    "yet. Write it, or take the module out, then publish.",
                    title=text.title if text is not None else module.slug,
                ),
            )


def publish_course(course: Course, publisher: User, note: str, expected_version: int) -> int:
    """Publish ``course``'s drafts; return how many modules changed.

    ``expected_version`` is the course's ``draft_version`` the publish page showed:
    anything saved since raises :class:`PublishStale`, and nothing is published.
    """
    db.session.refresh(course, ["draft_version"])
    if course.draft_version != expected_version:
        raise PublishStale()
    changes = pending_changes(course)
    note = note.strip()
    check_publish(course, changes, publisher, note)
    for module in changes.edited + changes.added:
        _apply_draft(module, changes.drafts[module.id], publisher, note)
    for module in changes.retired:
        module.active, module.pending = False, None
    _renumber(course)
    _activate_quizzes(course, changes)
    db.session.execute(
        delete(ModuleDraft).where(ModuleDraft.id.in_([d.id for d in changes.drafts.values()]))
    )
    course.status = "published"
    bump_draft_version(course)
    db.session.flush()
    refresh_index([course])
    changed = len(
        {m.id for m in changes.edited + changes.added + changes.retired + changes.quizzes}
    )
    record(publisher, "course.publish", course, note=note, modules=changed, reopens=changes.reopens)
    db.session.flush()
    return changed


def _apply_draft(module: Module, draft: ModuleDraft, publisher: User, note: str) -> None:
    """Make ``draft`` the published state of ``module``, as one new revision."""
    texts = {text.language: (text.title, text.body_markdown) for text in draft.texts}
    module.required = draft.required
    author = db.session.get(User, draft.updated_by_id) if draft.updated_by_id else publisher
    revise_module(module, texts, draft.minutes, author, source="browser", note=note)
    if module.pending == "add":
        module.active, module.pending = True, None


def _renumber(course: Course) -> None:
    """Number the outline 1, 2, 3... in its coming order; retired modules follow."""
    modules = [module for module in course.modules if module.active]
    modules.sort(key=lambda m: (m.position if m.draft_position is None else m.draft_position, m.id))
    for place, module in enumerate(modules, start=1):
        module.position, module.draft_position = place, None
    for module in course.modules:
        if not module.active:
            module.draft_position = None


def _activate_quizzes(course: Course, changes: PendingChanges) -> None:
    """Put the quizzes waiting for this publish live; reopen their modules for the unfinished.

    A learner who marked the module done before it had a quiz must now pass the quiz,
    unless they have finished the course: their completion and certificate stay.
    """
    ids = [module.id for module in changes.quizzes]
    if not ids:
        return
    db.session.execute(
        update(Quiz)
        .where(Quiz.module_id.in_(ids), Quiz.pending == "add")
        .values(active=True, pending=None)
        .execution_options(synchronize_session=False)
    )
    unfinished = select(Enrolment.user_id).where(
        Enrolment.course_id == course.id, Enrolment.completed_at.is_(None)
    )
    db.session.execute(
        update(ModuleProgress)
        .where(ModuleProgress.module_id.in_(ids), ModuleProgress.user_id.in_(unfinished))
        .values(completed_at=None, revision_completed=None)
        .execution_options(synchronize_session=False)
    )
    for module in changes.quizzes:
        if module.quiz is not None:
            db.session.refresh(module.quiz)
