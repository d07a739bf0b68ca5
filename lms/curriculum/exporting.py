"""Write stored courses back as course folders and GIFT files: what learners see, no drafts.

A course is exported as it is published: each active module's published texts (a
module's draft and a module never published stay behind), in the languages it has,
with its live quiz, its files and the pictures its texts show. The folder written,
``DIR/<slug>/`` plus ``DIR/quizzes/``, loads as one path and imports into an empty
academy as the same courses. Never commits.
"""

from dataclasses import replace
from pathlib import Path

from sqlalchemy import select

from ..content.course_export import dump_course
from ..content.course_format import CourseSource, ModuleSource, ModuleText
from ..content.curriculum import QUIZ_FOLDER
from ..content.quiz_files import QuizSource, dump_quiz
from ..extensions import db
from ..models import Course, Module
from ..quiz.questions import quiz_settings, quiz_to_source
from .attachments import stored_attachments
from .covers import stored_cover
from .guides import stored_guides
from .pictures import shown_pictures


def published_modules(course: Course) -> list[Module]:
    """Return the modules learners read: active ones with a published text, in order."""
    return [module for module in course.modules if module.active and module.texts]


def _live_quiz(module: Module):
    """Return ``module``'s quiz if learners take it, else None (none, retired or pending)."""
    return module.quiz if module.quiz is not None and module.quiz.active else None


def _module_source(module: Module, languages: tuple[str, ...]) -> ModuleSource:
    """Describe one published module in the folder format's terms."""
    quiz = _live_quiz(module)
    return ModuleSource(
        slug=module.slug,
        stem=module.stem,
        position=module.position,
        minutes=module.minutes,
        required=module.required,
        quiz=quiz_settings(quiz) if quiz is not None else None,
        attachments=stored_attachments(module),
        texts={
            text.language: ModuleText(title=text.title, body_markdown=text.body_markdown)
            for text in module.texts
            if text.language in languages and _has_text(text, module.course.default_language)
        },
    )


def _has_text(text, default_language: str) -> bool:
    """Tell whether a published text is one to export: a translation with only a title is not.

    Its readers see the title over an empty page; the folder format has no such file,
    and without it they read the module in the course's language.
    """
    return text.language == default_language or bool(text.body_markdown.strip())


def course_to_source(course: Course) -> CourseSource:
    """Describe a stored course as learners see it, in the folder format's terms.

    Only active modules with a published text are in it, with those texts (never a
    draft's) and the pictures they show.
    """
    languages = tuple(course.language_list)
    modules = published_modules(course)
    return CourseSource(
        slug=course.slug,
        version=course.version,
        status=course.status,
        default_language=course.default_language,
        languages=languages,
        certificate=course.certificate,
        titles={text.language: text.title for text in course.texts},
        summaries={
            text.language: text.summary
            for text in course.texts
            if text.summary or text.language == course.default_language
        },
        modules=tuple(_module_source(module, languages) for module in modules),
        order=course.position,
        cover=stored_cover(course),
        guides=stored_guides(course),
        images=shown_pictures(course, modules),
    )


def _quizzes(courses: list[Course]) -> list[tuple[Course, Module, QuizSource]]:
    """Return each live quiz of the published modules of ``courses``, as its GIFT would be."""
    return [
        (course, module, quiz_to_source(module.quiz, course.default_language))
        for course in courses
        for module in published_modules(course)
        if _live_quiz(module) is not None
    ]


def _quiz_names(quizzes: list[tuple[Course, Module, QuizSource]]) -> dict[int, str]:
    """Name each quiz's GIFT file, by module id: its own name, unless others differ by it.

    Quizzes made in the browser are named after their module's file (``01-intro``), so
    two courses may share a name; those get the course's slug in front, and none is
    overwritten by another in the one quiz folder.
    """
    by_name: dict[str, list[QuizSource]] = {}
    for _, _, source in quizzes:
        by_name.setdefault(source.name, []).append(source)
    names = {}
    for course, module, source in quizzes:
        shared = any(other != source for other in by_name[source.name])
        names[module.id] = f"{course.slug}-{module.stem}" if shared else source.name
    return names


def export_courses(
    folder: Path, slugs: list[str] | None = None, quiz_folder: Path | None = None
) -> list[Path]:
    """Write every course (or those in ``slugs``) as ``folder/<slug>/``; return the files.

    Quizzes go to ``quiz_folder``, by default ``folder/quizzes``. A course with no
    published module has nothing learners see, and is left out.
    """
    query = select(Course).order_by(Course.slug)
    if slugs:
        query = query.where(Course.slug.in_(slugs))
    courses = [course for course in db.session.scalars(query) if published_modules(course)]
    quizzes = _quizzes(courses)
    names = _quiz_names(quizzes)
    written: list[Path] = []
    for course in courses:
        source = course_to_source(course)
        modules = {module.slug: module.id for module in published_modules(course)}
        source = replace(
            source,
            modules=tuple(_renamed_quiz(module, names, modules) for module in source.modules),
        )
        written += dump_course(source, folder / course.slug)
    quiz_folder = quiz_folder or folder / QUIZ_FOLDER
    for _, module, quiz in quizzes:
        written += dump_quiz(replace(quiz, name=names[module.id]), quiz_folder)
    return written


def _renamed_quiz(module: ModuleSource, names: dict[int, str], ids: dict[str, int]):
    """Return ``module`` with its quiz settings naming the GIFT file it is exported to."""
    if module.quiz is None:
        return module
    return replace(module, quiz=replace(module.quiz, file=names[ids[module.slug]]))
