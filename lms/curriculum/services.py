"""Import course folders into the database and export them back; never commits.

The database is the source of truth at run time; folders are the shipped
curriculum and the interchange format. Importing is idempotent: an unchanged
file changes nothing, an edited one bumps its module's revision and keeps every
learner's progress, and a module dropped from ``course.yml`` is retired, not deleted.
"""

from sqlalchemy import select

from ..audit import record
from ..content.course_format import CourseSource, ModuleSource
from ..content.curriculum import Curriculum
from ..content.errors import ContentInvalid
from ..content.quiz_files import QuizSource
from ..database import assign_changed
from ..extensions import db
from ..learn.services import course_by_slug
from ..models import Course, CourseText, Module, course_order
from ..quiz.questions import save_quiz
from ..search.services import refresh_index
from .attachments import sync_attachments
from .covers import sync_cover
from .exporting import course_to_source, export_courses  # noqa: F401 (named here by callers)
from .glossary import sync_glossary
from .guides import sync_guides
from .pictures import picture_problems, sync_pictures
from .report import ImportReport
from .revisions import revise_module


def import_curriculum(curriculum: Curriculum, author=None) -> ImportReport:
    """Import the courses of ``curriculum``, the quizzes their modules name, and the glossary.

    Raises :class:`ContentInvalid`, changing nothing, when a module names a picture that
    is neither in its folder nor stored, or a folder's picture differs from a stored one
    of the same name.
    """
    problems = picture_problems(curriculum.courses)
    if problems:
        raise ContentInvalid(problems)
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
        pictures = sync_pictures(course, source.images, author)
        report.added_pictures += [f"{source.slug}/{name}" for name in pictures]
        changed |= bool(pictures)
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
