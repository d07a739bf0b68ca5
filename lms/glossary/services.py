"""Read the glossary page in one statement: every term, its courses and their titles.

A few hundred rows at most (a term and each course it belongs to), so the letters,
the course filter and the sorting are done here rather than in SQL.
"""

from dataclasses import dataclass
from functools import cache

from sqlalchemy import Select, String, and_, bindparam, func, select
from sqlalchemy.orm import aliased

from ..extensions import db
from ..models import Course, CourseText, GlossaryTerm, GlossaryTermCourse
from ..models.glossary import ALSO_SEPARATOR


@dataclass(frozen=True)
class CourseLink:
    """A published course that has terms in the glossary, with its title for the reader."""

    slug: str
    title: str


@dataclass
class TermEntry:
    """One term as the page shows it: both names, the definition in the reader's language."""

    anchor: str
    english: str  # the English name, which the page sorts and groups by
    name: str  # in the reader's language
    other_name: str  # in the other language
    also: list[str]  # the other names in use, reader's language first
    definition: str
    courses: list[CourseLink]


@dataclass(frozen=True)
class Letter:
    """The terms whose English name starts with one letter."""

    letter: str
    terms: list[TermEntry]


@dataclass(frozen=True)
class GlossaryPage:
    """What the glossary page shows: the letters, and the courses to filter by."""

    letters: list[Letter]
    courses: list[CourseLink]
    course: CourseLink | None  # the course the page is filtered by, if any
    terms: int
    unknown_course: bool = False  # a course was asked for that has no terms here


@cache
def _statement() -> Select:
    """Select every term with each published course it belongs to, titled for the reader."""
    language = bindparam("language", type_=String)
    wanted, default = aliased(CourseText), aliased(CourseText)
    course = aliased(Course)
    return (
        select(
            GlossaryTerm.anchor,
            GlossaryTerm.name_en,
            GlossaryTerm.name_zh,
            GlossaryTerm.also_en,
            GlossaryTerm.also_zh,
            GlossaryTerm.definition_en,
            GlossaryTerm.definition_zh,
            course.slug.label("course_slug"),
            course.position.label("course_position"),
            func.coalesce(wanted.title, default.title).label("course_title"),
        )
        .outerjoin(GlossaryTermCourse, GlossaryTermCourse.term_id == GlossaryTerm.id)
        .outerjoin(
            course,
            and_(course.slug == GlossaryTermCourse.course_slug, course.status == "published"),
        )
        .outerjoin(
            default,
            and_(default.course_id == course.id, default.language == course.default_language),
        )
        .outerjoin(wanted, and_(wanted.course_id == course.id, wanted.language == language))
    )


def first_letter(name: str) -> str:
    """Return the letter a term is listed under: its first letter, or ``#`` for a digit."""
    first = name.lstrip()[:1].upper()
    return first if "A" <= first <= "Z" else "#"


def _split(names: str) -> list[str]:
    return [name for name in names.split(ALSO_SEPARATOR) if name]


def glossary_page(language: str, course_slug: str | None = None) -> GlossaryPage:
    """Return the glossary in ``language``, only the terms of ``course_slug`` if given.

    A course with no terms here (a draft, or one the glossary does not name yet) gets
    every term, and ``unknown_course`` says so: a course page's link never leads nowhere.
    """
    other = "en" if language == "zh" else "zh"
    terms: dict[str, TermEntry] = {}
    courses: dict[str, tuple[int, CourseLink]] = {}
    for row in db.session.execute(_statement(), {"language": language}):
        entry = terms.get(row.anchor)
        if entry is None:
            entry = terms[row.anchor] = TermEntry(
                anchor=row.anchor,
                english=row.name_en,
                name=getattr(row, f"name_{language}"),
                other_name=getattr(row, f"name_{other}"),
                also=_split(getattr(row, f"also_{language}"))
                + _split(getattr(row, f"also_{other}")),
                definition=getattr(row, f"definition_{language}"),
                courses=[],
            )
        if row.course_slug is not None:
            link = CourseLink(row.course_slug, row.course_title)
            entry.courses.append(link)
            courses[link.slug] = (row.course_position or 10_000, link)
    chosen = courses[course_slug][1] if course_slug in courses else None
    shown = [entry for entry in terms.values() if chosen is None or chosen in entry.courses]
    shown.sort(key=lambda entry: entry.english.casefold())
    letters: dict[str, list[TermEntry]] = {}
    for entry in shown:
        entry.courses.sort(key=lambda link: courses[link.slug][0])
        letters.setdefault(first_letter(entry.english), []).append(entry)
    ordered = sorted(courses.values(), key=lambda item: (item[0], item[1].title))
    return GlossaryPage(
        letters=[Letter(letter, entries) for letter, entries in sorted(letters.items())],
        courses=[link for _, link in ordered],
        course=chosen,
        terms=len(shown),
        unknown_course=course_slug is not None and chosen is None,
    )
