"""Store a course's trainer's guide at import, sanitized once, and give it back for export."""

from sqlalchemy import exists, select

from ..content.markdown import render_markdown
from ..extensions import db
from ..models import Course, CourseGuide


def guides_of(course: Course) -> dict[str, CourseGuide]:
    """Return ``course``'s stored guide by language."""
    rows = db.session.scalars(select(CourseGuide).where(CourseGuide.course_id == course.id))
    return {row.language: row for row in rows}


def sync_guides(course: Course, guides: dict[str, str]) -> bool:
    """Make the stored guide match ``guides``, Markdown by language; tell whether it changed."""
    stored = guides_of(course)
    changed = False
    for language, markdown in guides.items():
        row = stored.pop(language, None)
        if row is not None and row.body_markdown == markdown:
            continue
        if row is None:
            row = CourseGuide(course_id=course.id, language=language)
            db.session.add(row)
        row.body_markdown, row.body_html = markdown, render_markdown(markdown)
        changed = True
    for row in stored.values():
        db.session.delete(row)
        changed = True
    return changed


def has_guide(course: Course) -> bool:
    """Tell whether ``course`` has a trainer's guide, without reading it."""
    return bool(db.session.scalar(select(exists().where(CourseGuide.course_id == course.id))))


def stored_guides(course: Course) -> dict[str, str]:
    """Return ``course``'s guide as the folder format holds it: Markdown by language."""
    return {language: row.body_markdown for language, row in guides_of(course).items()}


def guide_page(course: Course, language: str) -> CourseGuide | None:
    """Return the guide in ``language``, else in the course's default language, or None."""
    query = (
        select(CourseGuide)
        .where(
            CourseGuide.course_id == course.id,
            CourseGuide.language.in_((language, course.default_language)),
        )
        .order_by((CourseGuide.language == language).desc())
        .limit(1)
    )
    return db.session.scalar(query)
