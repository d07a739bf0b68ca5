"""Import course folders into the database and export them back; never commits.

The database is the source of truth at run time; folders are the shipped
curriculum and the interchange format. Importing is idempotent: an unchanged
file changes nothing, an edited one bumps its module's revision and keeps every
learner's progress, and a module dropped from ``course.yml`` is retired, not deleted.
"""

from pathlib import Path

from sqlalchemy import select

from ..audit import record
from ..content.course_export import dump_course
from ..content.course_format import CourseSource, ModuleSource, ModuleText
from ..content.curriculum import Curriculum
from ..content.quiz_files import QuizSource, dump_quiz
from ..database import assign_changed
from ..extensions import db
from ..learn.services import course_by_slug
from ..models import Course, CourseText, Module, course_order
from ..quiz.questions import quiz_settings, quiz_to_source, save_quiz
from ..search.services import refresh_index
from .attachments import stored_attachments, sync_attachments
from .covers import stored_cover, sync_cover
from .glossary import sync_glossary
from .guides import stored_guides, sync_guides
from .report import ImportReport
from .revisions import revise_module


def import_curriculum(curriculum: Curriculum, author=None) -> ImportReport:
    """Import the courses of ``curriculum``, the quizzes their modules name, and the glossary."""
    report = import_courses(curriculum.courses, author, curriculum.quizzes)
    if curriculum.glossary is not None:
        report.glossary = sync_glossary(curriculum.glossary)
    return report


def import_courses(
    sources: list[CourseSource], author=None, quizzes: dict[str, QuizSource] | None = None
) -> ImportReport:
    """Create or update a course for each source, all in the caller's transaction.

    The search index is refreshed for every course the import changed.
    """
    report = ImportReport()
    quizzes = quizzes or {}
    changed_courses, unchanged_courses = [], []
    for source in sources:
        course = course_by_slug(source.slug)
        created = course is None
        if created:
            course = Course(slug=source.slug)
            db.session.add(course)
        changed = assign_changed(
            course,
            version=source.version,
            status=source.status,
            default_language=source.default_language,
            languages=",".join(source.languages),
            certificate=source.certificate,
            position=source.order,
        )
        changed |= _sync_course_texts(course, source)
        db.session.flush()
        changed |= sync_cover(course, source.cover)
        changed |= sync_guides(course, source.guides)
        changed |= _sync_modules(course, source, author, report, quizzes)
        if created:
            report.created.append(source.slug)
        elif changed:
            report.updated.append(source.slug)
        else:
            report.unchanged.append(source.slug)
        if created or changed:
            record(author, "course.import", course, created=created, version=course.version)
        (changed_courses if created or changed else unchanged_courses).append(course)
    db.session.flush()
    refresh_index(changed_courses, unchanged_courses)
    return report


def _sync_course_texts(course: Course, source: CourseSource) -> bool:
    # Only languages with a text of their own get a row; the rest fall back to the default.
    existing = {text.language: text for text in course.texts}
    changed = False
    for language in source.languages:
        if language not in source.titles and language not in source.summaries:
            continue
        title = source.titles.get(language, source.titles[source.default_language])
        summary = source.summaries.get(language, "")
        text = existing.pop(language, None)
        if text is None:
            course.texts.append(CourseText(language=language, title=title, summary=summary))
            changed = True
        else:
            changed |= assign_changed(text, title=title, summary=summary)
    for text in existing.values():
        course.texts.remove(text)
        changed = True
    return changed


def _sync_modules(course: Course, source: CourseSource, author, report, quizzes) -> bool:
    existing = {module.slug: module for module in course.modules}
    changed = False
    for module_source in source.modules:
        module = existing.pop(module_source.slug, None)
        if module is None:
            module = Module(course=course, slug=module_source.slug, revision=0)
            db.session.add(module)
        changed |= _sync_module(module, module_source, author, report, course.slug)
        changed |= _sync_quiz(module, module_source, author, report, quizzes)
        if sync_attachments(module, module_source.attachments):
            report.changed_attachments.append(f"{course.slug}/{module.slug}")
            changed = True
    for module in existing.values():
        if module.active:
            module.active = False
            report.retired_modules.append(f"{course.slug}/{module.slug}")
            changed = True
    return changed


def _sync_module(module: Module, source: ModuleSource, author, report, course_slug) -> bool:
    placed = assign_changed(
        module,
        stem=source.stem,
        position=source.position,
        required=source.required,
        active=True,
    )
    texts = {language: (text.title, text.body_markdown) for language, text in source.texts.items()}
    if not revise_module(module, texts, source.minutes, author):
        return placed
    added = module.revision == 1
    (report.added_modules if added else report.revised_modules).append(
        f"{course_slug}/{module.slug}"
    )
    return True


def _sync_quiz(module: Module, source: ModuleSource, author, report, quizzes) -> bool:
    """Create, update or retire ``module``'s quiz to match its front matter."""
    where = f"{module.course.slug}/{module.slug}"
    if source.quiz is not None:
        added = module.quiz is None
        changes = save_quiz(module, source.quiz, quizzes[source.quiz.file], author)
        if added:
            report.added_quizzes.append(where)
        elif changes.changed:
            report.changed_quizzes.append(where)
        return added or changes.changed
    if module.quiz is not None and module.quiz.active:
        module.quiz.active = False
        report.retired_quizzes.append(where)
        return True
    return False


def all_courses() -> list[Course]:
    """Return every course, drafts included, in the catalogue's order."""
    return list(db.session.scalars(select(Course).order_by(*course_order())))


def course_to_source(course: Course) -> CourseSource:
    """Describe a stored course in the folder format's terms (active modules only)."""
    languages = tuple(course.language_list)
    modules = tuple(
        ModuleSource(
            slug=module.slug,
            stem=module.stem,
            position=module.position,
            minutes=module.minutes,
            required=module.required,
            quiz=quiz_settings(module.quiz) if module.quiz and module.quiz.active else None,
            attachments=stored_attachments(module),
            texts={
                text.language: ModuleText(title=text.title, body_markdown=text.body_markdown)
                for text in module.texts
                if text.language in languages
            },
        )
        for module in course.modules
        if module.active
    )
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
        modules=modules,
        order=course.position,
        cover=stored_cover(course),
        guides=stored_guides(course),
    )


def export_courses(
    folder: Path, slugs: list[str] | None = None, quiz_folder: Path | None = None
) -> list[Path]:
    """Write every course (or those in ``slugs``) as ``folder/<slug>/``; return the files.

    Quizzes go to ``quiz_folder``, by default ``folder/quizzes``.
    """
    query = select(Course).order_by(Course.slug)
    if slugs:
        query = query.where(Course.slug.in_(slugs))
    written: list[Path] = []
    for course in db.session.scalars(query):
        written += dump_course(course_to_source(course), folder / course.slug)
        for module in course.modules:
            if module.active and module.quiz is not None and module.quiz.active:
                source = quiz_to_source(module.quiz, course.default_language)
                written += dump_quiz(source, quiz_folder or folder / "quizzes")
    return written
