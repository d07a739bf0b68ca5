"""Say what a course's next publish will change, and whom it affects; reads only.

A publish that only edits texts, minutes or order keeps every learner's progress. One
that adds a required module, attaches a quiz to a required module or makes a module
required *reopens* the course: learners who have not finished have more to do, and a
reading module they marked done must now be passed. Learners who finished keep their
completion and certificate either way.
"""

from dataclasses import dataclass, field

from sqlalchemy import func, or_, select

from ..extensions import db
from ..models import Certificate, Course, Enrolment, Module, ModuleDraft, Quiz
from .course_setup import outline


@dataclass
class PendingChanges:
    """The modules a publish would change, by kind of change."""

    edited: list[Module] = field(default_factory=list)
    added: list[Module] = field(default_factory=list)
    retired: list[Module] = field(default_factory=list)
    moved: list[Module] = field(default_factory=list)
    quizzes: list[Module] = field(default_factory=list)
    made_required: list[Module] = field(default_factory=list)
    drafts: dict[int, ModuleDraft] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        """Tell whether the publish would change no module."""
        return not (self.edited or self.added or self.retired or self.moved or self.quizzes)

    @property
    def reopens(self) -> bool:
        """Tell whether learners who have not finished the course get more to do."""
        required_added = [module for module in self.added if self._required(module)]
        required_quiz = [module for module in self.quizzes if self._required(module)]
        return bool(required_added or required_quiz or self.made_required)

    def _required(self, module: Module) -> bool:
        draft = self.drafts.get(module.id)
        return draft.required if draft is not None else module.required


@dataclass(frozen=True)
class Impact:
    """How many learners of the course a publish reaches: those still going, those done."""

    learners: int
    finished: int

    @property
    def unfinished(self) -> int:
        """Return how many enrolled learners have not finished the course."""
        return self.learners - self.finished


def pending_changes(course: Course) -> PendingChanges:
    """Return what the next publish of ``course`` would change, in outline order."""
    modules = outline(course)
    ids = [module.id for module in modules]
    drafts = {
        draft.module_id: draft
        for draft in db.session.scalars(select(ModuleDraft).where(ModuleDraft.module_id.in_(ids)))
    }
    quizzes = set(
        db.session.scalars(
            select(Quiz.module_id).where(Quiz.module_id.in_(ids), Quiz.pending == "add")
        )
    )
    changes = PendingChanges(drafts=drafts)
    for module in modules:
        draft = drafts.get(module.id)
        if module.pending == "add":
            changes.added.append(module)
        elif module.pending == "retire":
            changes.retired.append(module)
        elif draft is not None:
            changes.edited.append(module)
            if draft.required and not module.required:
                changes.made_required.append(module)
        if module.draft_position is not None and module.pending != "add":
            changes.moved.append(module)
        if module.id in quizzes and module.pending != "retire":
            changes.quizzes.append(module)
    return changes


def publish_impact(course: Course) -> Impact:
    """Count ``course``'s learners and those who finished it, in one statement.

    Finished means the course was completed or its certificate issued.
    """
    certified = (
        select(Certificate.id)
        .where(Certificate.course_id == course.id, Certificate.user_id == Enrolment.user_id)
        .exists()
    )
    finished = or_(Enrolment.completed_at.is_not(None), certified)
    learners, done = db.session.execute(
        select(func.count(), func.count().filter(finished)).where(Enrolment.course_id == course.id)
    ).one()
    return Impact(learners=learners, finished=done)
