"""Model quizzes, their versioned questions, attempts and one row per answer.

Questions keep a stable ``ident`` (GIFT's ``[id:...]``) across revisions and
languages; ``data`` maps a language to the question as parsed from GIFT. Every
change keeps a :class:`QuestionRevision`, and answers point at the revision the
learner saw, so editing a quiz never changes a grade already given.
"""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, utcnow
from .course import Module
from .user import User

# What a learner sees after submitting: the score; also which answers were
# right; also the right answers and the feedback.
REVIEW_OPTIONS = ("score", "correctness", "answers")
LAYOUTS = ("one", "all")


class QuestionText:
    """Give a model with per-language question ``data`` the rule for which language to show."""

    def text(self, language: str, default_language: str) -> dict[str, Any]:
        """Return the question data in ``language``, else in the default language."""
        return self.data.get(language) or self.data[default_language]


class Quiz(Base):
    """The quiz of one module and the settings a trainer chose for it."""

    __tablename__ = "lms_quiz"

    id: Mapped[int] = mapped_column(primary_key=True)
    module_id: Mapped[int] = mapped_column(
        ForeignKey("lms_module.id", ondelete="CASCADE"), unique=True
    )
    # The GIFT file stem it came from or exports to: quizzes/<source_name>.gift
    source_name: Mapped[str] = mapped_column(String(120))
    pass_mark: Mapped[int] = mapped_column(default=80)
    max_attempts: Mapped[int | None] = mapped_column(default=None)
    shuffle_questions: Mapped[bool] = mapped_column(default=False)
    shuffle_answers: Mapped[bool] = mapped_column(default=True)
    time_limit_minutes: Mapped[int | None] = mapped_column(default=None)
    review: Mapped[str] = mapped_column(String(20), default="answers")
    layout: Mapped[str] = mapped_column(String(10), default="one")
    revision: Mapped[int] = mapped_column(default=0)
    # False once the module's front matter no longer names a quiz; attempts stay.
    active: Mapped[bool] = mapped_column(default=True)
    # "add": attached in the browser, becoming active at the course's next publish.
    pending: Mapped[str | None] = mapped_column(String(10), default=None)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    module: Mapped[Module] = relationship(back_populates="quiz")
    questions: Mapped[list["Question"]] = relationship(
        back_populates="quiz", order_by="Question.position", cascade="all, delete-orphan"
    )

    @property
    def active_questions(self) -> list["Question"]:
        """Return the questions in the quiz now, in order."""
        return [question for question in self.questions if question.active]


class Question(QuestionText, Base):
    """One question of a quiz, identified by its stable ``ident``."""

    __tablename__ = "lms_question"
    __table_args__ = (UniqueConstraint("quiz_id", "ident"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    quiz_id: Mapped[int] = mapped_column(ForeignKey("lms_quiz.id", ondelete="CASCADE"))
    ident: Mapped[str] = mapped_column(String(100))
    position: Mapped[int] = mapped_column()
    qtype: Mapped[str] = mapped_column(String(30))
    active: Mapped[bool] = mapped_column(default=True)
    revision: Mapped[int] = mapped_column(default=1)
    # {language: question data}, the current revision's.
    data: Mapped[dict[str, Any]] = mapped_column(JSON)

    quiz: Mapped[Quiz] = relationship(back_populates="questions")


class QuestionRevision(QuestionText, Base):
    """A saved state of a question in all its languages: who changed it, when."""

    __tablename__ = "lms_question_revision"
    __table_args__ = (UniqueConstraint("question_id", "revision"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(
        ForeignKey("lms_question.id", ondelete="CASCADE"), index=True
    )
    revision: Mapped[int] = mapped_column()
    qtype: Mapped[str] = mapped_column(String(30))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    source: Mapped[str] = mapped_column(String(40), default="import")
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("lms_user.id", ondelete="SET NULL"), default=None
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    question: Mapped[Question] = relationship()


class QuizAttempt(Base):
    """One try at a quiz by one learner; ``number`` counts their tries from 1.

    The unique (quiz, user, number) key is what makes attempt limits hold when
    two requests start an attempt at once: only one insert of a number succeeds.
    """

    __tablename__ = "lms_quiz_attempt"
    __table_args__ = (UniqueConstraint("quiz_id", "user_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    quiz_id: Mapped[int] = mapped_column(ForeignKey("lms_quiz.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("lms_user.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column()
    seed: Mapped[int] = mapped_column()
    language: Mapped[str] = mapped_column(String(10))
    # Question revision ids in the order this attempt shows them.
    question_order: Mapped[list[int]] = mapped_column(JSON)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    deadline: Mapped[datetime | None] = mapped_column(default=None)
    submitted_at: Mapped[datetime | None] = mapped_column(default=None)
    # Set once every answer has a score; essays wait for a trainer until then.
    graded_at: Mapped[datetime | None] = mapped_column(default=None)
    score: Mapped[float | None] = mapped_column(default=None)
    passed: Mapped[bool | None] = mapped_column(default=None)

    quiz: Mapped[Quiz] = relationship()
    user: Mapped[User] = relationship()
    answers: Mapped[list["QuizAnswer"]] = relationship(
        back_populates="attempt", cascade="all, delete-orphan"
    )

    @property
    def is_open(self) -> bool:
        """Tell whether the learner may still change answers."""
        return self.submitted_at is None

    def question_text(self, revision: QuestionRevision) -> dict[str, Any]:
        """Return ``revision``'s question as this attempt shows it: in its language if it can."""
        return revision.text(self.language, self.quiz.module.course.default_language)


class QuizAnswer(Base):
    """A learner's answer to one question in one attempt, with its 0..1 score."""

    __tablename__ = "lms_quiz_answer"
    __table_args__ = (UniqueConstraint("attempt_id", "question_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("lms_quiz_attempt.id", ondelete="CASCADE"))
    question_id: Mapped[int] = mapped_column(
        ForeignKey("lms_question.id", ondelete="CASCADE"), index=True
    )
    question_revision_id: Mapped[int] = mapped_column(
        ForeignKey("lms_question_revision.id", ondelete="CASCADE")
    )
    # SQL NULL, not JSON null, for "not answered", so it can be counted.
    response: Mapped[Any | None] = mapped_column(JSON(none_as_null=True), default=None)
    saved_at: Mapped[datetime] = mapped_column(default=utcnow)
    score: Mapped[float | None] = mapped_column(default=None)
    marked_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("lms_user.id", ondelete="SET NULL"), default=None
    )
    marked_at: Mapped[datetime | None] = mapped_column(default=None)
    comment: Mapped[str] = mapped_column(Text, default="")

    attempt: Mapped[QuizAttempt] = relationship(back_populates="answers")
    question: Mapped[Question] = relationship()
    revision: Mapped[QuestionRevision] = relationship()
