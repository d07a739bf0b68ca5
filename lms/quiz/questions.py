"""Store a quiz's questions from GIFT and give them back; never commits.

Questions are matched by their stable ``ident``. A changed question gets a new
revision (the old one stays, with the answers given to it); a question missing
from the new file is retired, not deleted, so reports on old attempts still
work. A translation is stored in the same row as the default language's text.
"""

from dataclasses import dataclass, field

from ..content.gift import Question as GiftQuestion
from ..content.gift import question_from_data
from ..content.quiz_files import QuizSource
from ..content.quiz_settings import QUIZ_KEYS, QuizSettings
from ..database import assign_changed
from ..extensions import db
from ..models import Module, Question, QuestionRevision, Quiz

SETTING_NAMES = tuple(name for name in QUIZ_KEYS if name != "file")


@dataclass
class QuestionChanges:
    """What saving a quiz's questions changed, by question ident."""

    added: list[str] = field(default_factory=list)
    revised: list[str] = field(default_factory=list)
    retired: list[str] = field(default_factory=list)
    settings: bool = False

    @property
    def changed(self) -> bool:
        """Tell whether anything changed."""
        return bool(self.added or self.revised or self.retired or self.settings)


def _languages(source: QuizSource, default_language: str) -> dict[str, dict[str, GiftQuestion]]:
    """Map each language of ``source`` to its questions by ident."""
    languages = {default_language: source.questions, **source.translations}
    return {
        language: {question.ident: question for question in questions}
        for language, questions in languages.items()
    }


def _data_by_ident(source: QuizSource, default_language: str) -> dict[str, dict]:
    """Return the stored data of each of ``source``'s questions: its text in every language."""
    by_language = _languages(source, default_language)
    return {
        gift.ident: {
            language: texts[gift.ident].data
            for language, texts in by_language.items()
            if gift.ident in texts
        }
        for gift in source.questions
    }


def _needs_revision(question: Question, gift: GiftQuestion, data: dict) -> bool:
    """Tell whether storing ``data`` makes a new revision of ``question``."""
    return question.data != data or question.qtype != gift.qtype or not question.active


def compare_questions(quiz: Quiz, source: QuizSource, default_language: str) -> QuestionChanges:
    """Return what :func:`save_questions` would change, writing nothing.

    The GIFT upload shows it on its confirmation page; saving then reports the same.
    """
    changes = QuestionChanges()
    data = _data_by_ident(source, default_language)
    existing = {question.ident: question for question in quiz.questions}
    for gift in source.questions:
        question = existing.pop(gift.ident, None)
        if question is None:
            changes.added.append(gift.ident)
        elif question.revision and _needs_revision(question, gift, data[gift.ident]):
            changes.revised.append(gift.ident)
    changes.retired = [question.ident for question in existing.values() if question.active]
    return changes


def save_questions(
    quiz: Quiz, source: QuizSource, default_language: str, author=None, origin: str = "import"
) -> QuestionChanges:
    """Make ``quiz``'s questions those of ``source`` (all languages it has)."""
    changes = compare_questions(quiz, source, default_language)
    data = _data_by_ident(source, default_language)
    existing = {question.ident: question for question in quiz.questions}
    for position, gift in enumerate(source.questions, start=1):
        question = existing.pop(gift.ident, None)
        if question is None:
            question = Question(quiz=quiz, ident=gift.ident, qtype=gift.qtype, revision=0, data={})
            db.session.add(question)
        question.position = position
        if _needs_revision(question, gift, data[gift.ident]):
            _revise(question, gift.qtype, data[gift.ident], author, origin)
    for question in existing.values():
        question.active = False
    if changes.changed:
        quiz.revision += 1
    db.session.flush()
    return changes


def save_translation(
    quiz: Quiz, language: str, questions: list[GiftQuestion], author=None, origin: str = "upload"
) -> QuestionChanges:
    """Store ``questions`` as the ``language`` text of the quiz's matching questions."""
    changes = QuestionChanges()
    by_ident = {question.ident: question for question in questions}
    for question in quiz.active_questions:
        gift = by_ident.get(question.ident)
        if gift is not None and question.data.get(language) != gift.data:
            _revise(
                question, question.qtype, {**question.data, language: gift.data}, author, origin
            )
            changes.revised.append(question.ident)
    if changes.changed:
        quiz.revision += 1
    db.session.flush()
    return changes


def _revise(question: Question, qtype: str, data: dict, author, origin: str) -> None:
    """Give ``question`` new content as its next revision."""
    question.revision += 1
    question.qtype = qtype
    question.data = data
    question.active = True
    db.session.add(
        QuestionRevision(
            question=question,
            revision=question.revision,
            qtype=qtype,
            data=data,
            source=origin,
            author_id=getattr(author, "id", None),
        )
    )


def save_quiz(
    module: Module, settings: QuizSettings, source: QuizSource, author=None, origin="import"
) -> QuestionChanges:
    """Create or update ``module``'s quiz: its settings and its questions."""
    quiz = module.quiz
    if quiz is None:
        quiz = Quiz(module=module, source_name=settings.file, revision=0)
        db.session.add(quiz)
    values = {name: getattr(settings, name) for name in SETTING_NAMES}
    settings_changed = assign_changed(quiz, source_name=settings.file, active=True, **values)
    changes = save_questions(quiz, source, module.course.default_language, author, origin)
    if settings_changed and not changes.changed:
        quiz.revision += 1
        changes.settings = True
    return changes


def quiz_settings(quiz: Quiz) -> QuizSettings:
    """Return a stored quiz's settings in the course file format's terms."""
    return QuizSettings(
        file=quiz.source_name, **{name: getattr(quiz, name) for name in SETTING_NAMES}
    )


def current_revisions(quiz: Quiz) -> dict[int, QuestionRevision]:
    """Return the current revision of each active question, by question id."""
    ids = [question.id for question in quiz.active_questions]
    if not ids:
        return {}
    rows = db.session.scalars(
        db.select(QuestionRevision).where(QuestionRevision.question_id.in_(ids))
    )
    current = {question.id: question.revision for question in quiz.active_questions}
    return {row.question_id: row for row in rows if row.revision == current[row.question_id]}


def quiz_to_source(quiz: Quiz, default_language: str) -> QuizSource:
    """Describe a stored quiz as its GIFT files would: default questions plus translations."""
    questions = quiz.active_questions
    default = tuple(question_from_data(q.data[default_language]) for q in questions)
    languages = {language for q in questions for language in q.data} - {default_language}
    translations = {
        language: tuple(question_from_data(q.text(language, default_language)) for q in questions)
        for language in sorted(languages)
    }
    return QuizSource(quiz.source_name, default, translations)
