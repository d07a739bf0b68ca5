"""Replace a quiz's questions, or one translation, with GIFT a trainer sent; never commits.

Everything is parsed and checked before the first write, so GIFT with any
error changes nothing. Replacing the default language keeps each translated
question whose ident and structure still match the new text, and says which
translations had to be dropped. :func:`plan_questions` tells all that before
anything is written, for the page that asks the trainer to confirm.
"""

from dataclasses import dataclass, field

from ..audit import record
from ..content.errors import ContentError, ContentInvalid
from ..content.gift import check_translation, parse_gift, question_from_data
from ..content.quiz_files import QuizSource, parse_quiz_texts
from ..content.quiz_settings import QuizSettings
from ..models import Module, Quiz, User
from ..quiz.questions import (
    QuestionChanges,
    compare_questions,
    save_questions,
    save_quiz,
    save_translation,
)
from .drafts import bump_draft_version

ORIGIN = "upload"


@dataclass
class UploadResult:
    """What a GIFT upload changed, and the translations it could not keep."""

    quiz: Quiz
    changes: QuestionChanges
    created: bool = False
    # (question ident, language) of each translation that no longer matched.
    dropped: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class UploadPlan:
    """What replacing a module's questions with some GIFT would do, before it is done."""

    source: QuizSource  # the new questions, with the translations that still match
    changes: QuestionChanges
    # (question ident, language) of each translation that would no longer match.
    dropped: list[tuple[str, str]] = field(default_factory=list)
    # The title of each question named in ``changes``, by ident (old titles for retired ones).
    titles: dict[str, str] = field(default_factory=dict)

    def dropped_by_language(self) -> dict[str, list[str]]:
        """Return the idents whose translation would be dropped, by language."""
        found: dict[str, list[str]] = {}
        for ident, language in self.dropped:
            found.setdefault(language, []).append(ident)
        return found


def decode_gift(data: bytes, path: str) -> str:
    """Return the text of an uploaded GIFT file: UTF-8, with or without a byte-order mark."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = error.object[: error.start].count(b"\n") + 1  # after any BOM, like start
        message = (
            f"this file is not UTF-8 text (byte {error.start + 1} cannot be read); save it as UTF-8"
        )
        raise ContentInvalid([ContentError(path, line, message)]) from None
    return clean_text(text)


def clean_text(text: str) -> str:
    """Drop a leading byte-order mark and make line ends ``\\n``, as GIFT files have."""
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _require_questions(questions, path: str) -> None:
    if not questions:
        raise ContentInvalid([ContentError(path, None, "no questions found")])


def _kept_translations(quiz: Quiz, source: QuizSource, default_language: str):
    """Return ({language: kept questions}, dropped) for the new default questions."""
    new = {question.ident: question for question in source.questions}
    kept: dict[str, list] = {}
    dropped: list[tuple[str, str]] = []
    for question in quiz.active_questions:
        for language, data in sorted(question.data.items()):
            if language == default_language:
                continue
            default = new.get(question.ident)
            if default is None:
                continue  # the question itself is retired with all its languages
            try:
                translated = question_from_data(data)
                errors = check_translation([default], [translated], f"{language}")
            except (ContentInvalid, KeyError, TypeError, ValueError):
                errors = ["unreadable"]
            if errors:
                dropped.append((question.ident, language))
            else:
                kept.setdefault(language, []).append(translated)
    return {language: tuple(items) for language, items in kept.items()}, dropped


def plan_questions(module: Module, text: str, path: str) -> UploadPlan:
    """Parse ``text`` and tell what making it the module's questions would change.

    Writes nothing; raises :class:`ContentInvalid` for GIFT with errors.
    """
    quiz = module.quiz
    name = quiz.source_name if quiz is not None else (module.stem or module.slug)
    source = parse_quiz_texts(name, {None: (clean_text(text), path)})
    _require_questions(source.questions, path)
    titles = {question.ident: question.title for question in source.questions}
    if quiz is None:
        return UploadPlan(source, QuestionChanges(added=list(titles)), titles=titles)
    default_language = module.course.default_language
    translations, dropped = _kept_translations(quiz, source, default_language)
    source = QuizSource(source.name, source.questions, translations)
    for question in quiz.questions:
        titles.setdefault(question.ident, question.data.get(default_language, {}).get("title", ""))
    changes = compare_questions(quiz, source, default_language)
    return UploadPlan(source, changes, dropped, titles)


def replace_questions(module: Module, plan: UploadPlan, actor: User) -> UploadResult:
    """Carry out ``plan`` (from :func:`plan_questions`), creating the quiz if need be."""
    quiz = module.quiz
    default_language = module.course.default_language
    if quiz is None:
        changes = save_quiz(module, QuizSettings(file=plan.source.name), plan.source, actor, ORIGIN)
        result = UploadResult(module.quiz, changes, created=True)
        _wait_for_publish(module.quiz)
    else:
        if not quiz.active:
            _wait_for_publish(quiz)
        changes = save_questions(quiz, plan.source, default_language, actor, ORIGIN)
        result = UploadResult(quiz, changes, dropped=plan.dropped)
    record(
        actor,
        "quiz.questions",
        result.quiz,
        language=default_language,
        added=changes.added,
        revised=changes.revised,
        retired=changes.retired,
        dropped_translations=[f"{ident}:{language}" for ident, language in result.dropped],
    )
    return result


def _wait_for_publish(quiz: Quiz) -> None:
    """Make a quiz attached in the browser part of the course's next publish.

    Learners who had finished the module would otherwise find it undone at once: a quiz
    reopens a course, so the publish page counts whom it affects before it goes live.
    """
    quiz.active, quiz.pending = False, "add"
    bump_draft_version(quiz.module.course)


def replace_translation(
    quiz: Quiz, language: str, text: str, path: str, actor: User
) -> QuestionChanges:
    """Store ``text`` as the ``language`` translation of the quiz's current questions."""
    questions = parse_gift(clean_text(text), path)
    _require_questions(questions, path)
    default_language = quiz.module.course.default_language
    default = [question_from_data(q.data[default_language]) for q in quiz.active_questions]
    errors = check_translation(default, list(questions), path)
    if errors:
        raise ContentInvalid(errors)
    changes = save_translation(quiz, language, list(questions), actor, ORIGIN)
    record(actor, "quiz.questions", quiz, language=language, revised=changes.revised)
    return changes
