"""Load the whole shipped curriculum: course trees plus the quiz files they use.

``flask lms validate`` and ``flask lms import`` take any mix of course folders,
folders of courses, folders of GIFT files and single GIFT files. A module's
``quiz: {file: NAME}`` must name a quiz found among the GIFT paths given.
A folder of courses may hold its quizzes in ``quizzes/``, as ``flask lms export``
writes them, so an exported folder is one path. It may also hold the glossary,
``glossary.yml``, which may also be given as a file; its terms must name courses
given alongside, if any are. A picture a module names, ``images/<name>``, must be
in its course folder's ``images/`` or among those the academy already stores.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from lms.content.course_format import CourseSource, load_courses
from lms.content.errors import ContentError, ContentInvalid
from lms.content.glossary import (
    Glossary,
    glossary_beside,
    is_glossary_path,
    load_glossary,
    unknown_courses,
)
from lms.content.quiz_files import QuizSource, is_quiz_path, load_quiz_files

QUIZ_FOLDER = "quizzes"  # where a folder of courses keeps its GIFT files
# Course slug → names of the pictures the academy already stores for that course.
StoredPictures = Callable[[str], Collection[str]]


@dataclass(frozen=True)
class Curriculum:
    """Courses and the quizzes found beside them, by quiz file name."""

    courses: list[CourseSource]
    quizzes: dict[str, QuizSource] = field(default_factory=dict)
    glossary: Glossary | None = None


def _missing_quizzes(courses: list[CourseSource], quizzes: dict[str, QuizSource]):
    """Yield an error for each module whose quiz file was not among the paths."""
    for course in courses:
        for module in course.modules:
            if module.quiz is not None and module.quiz.file not in quizzes:
                message = (
                    f"quiz file {module.quiz.file}.gift not found; "
                    "pass the folder that holds it too, e.g. 'courses/ quizzes/'"
                )
                yield ContentError(module.quiz.path, module.quiz.line, message)


def missing_pictures(
    courses: list[CourseSource], stored: StoredPictures | None = None
) -> list[ContentError]:
    """Return an error at each ``images/<name>`` that is neither in its folder nor stored."""
    errors = []
    for course in courses:
        known = set(course.images) | set(stored(course.slug) if stored else ())
        for module in course.modules:
            for ref in module.pictures:
                if ref.name not in known:
                    message = (
                        f"picture images/{ref.name} is not in {course.path or course.slug}/images"
                    )
                    errors.append(ContentError(ref.path, ref.line, message))
    return errors


def _quiz_paths(paths: list[Path]) -> list[Path]:
    """Return the GIFT paths given, then the ``quizzes/`` of each folder of courses given."""
    found = [path for path in paths if is_quiz_path(path)]
    for path in paths:
        beside = path / QUIZ_FOLDER
        seen = {known.resolve() for known in found}
        is_course = (path / "course.yml").is_file()
        if not is_course and is_quiz_path(beside) and beside.resolve() not in seen:
            found.append(beside)
    return found


def _glossary_paths(paths: list[Path]) -> list[Path]:
    """Return the glossary files named or found in the folders of courses given."""
    found = [path if is_glossary_path(path) else glossary_beside(path) for path in paths]
    unique = {path.resolve(): path for path in found if path is not None}
    return list(unique.values())


def _load_glossary(paths: list[Path], errors: list[ContentError]) -> Glossary | None:
    """Load the one glossary among ``paths``, recording its problems in ``errors``."""
    if len(paths) > 1:
        message = f"there is one glossary; also given: {', '.join(map(str, paths[1:]))}"
        errors.append(ContentError(str(paths[0]), None, message))
        return None
    if not paths:
        return None
    try:
        return load_glossary(paths[0])
    except ContentInvalid as invalid:
        errors += invalid.errors
        return None


def load_curriculum(
    paths: Iterable[Path], stored_pictures: StoredPictures | None = None
) -> Curriculum:
    """Load every course, quiz and the glossary under ``paths``, raising all problems at once.

    ``stored_pictures`` tells which pictures a course already has in the academy, which
    its modules may name without the folder holding them; without it, all must be there.
    """
    paths = list(paths)
    quiz_paths = _quiz_paths(paths)
    glossary_paths = _glossary_paths(paths)
    given = set(quiz_paths)
    course_paths = [path for path in paths if path not in given and not is_glossary_path(path)]
    errors: list[ContentError] = []
    glossary = _load_glossary(glossary_paths, errors)
    courses: list[CourseSource] = []
    quizzes: dict[str, QuizSource] = {}
    if course_paths:
        try:
            courses = load_courses(course_paths)
        except ContentInvalid as invalid:
            errors += invalid.errors
        errors += missing_pictures(courses, stored_pictures)
    try:
        quizzes = load_quiz_files(quiz_paths)
    except ContentInvalid as invalid:
        errors += invalid.errors
    else:
        # Only when every quiz loaded: a broken file is not also "not found".
        errors += _missing_quizzes(courses, quizzes)
    if glossary is not None and course_paths and not errors:
        errors += unknown_courses(glossary, {course.slug for course in courses})
    if errors:
        raise ContentInvalid(errors)
    return Curriculum(courses, quizzes, glossary)


def validate_curriculum(
    paths: Iterable[Path], stored_pictures: StoredPictures | None = None
) -> list[ContentError]:
    """Return every problem in the courses and quizzes under ``paths``; empty if none."""
    try:
        load_curriculum(paths, stored_pictures)
    except ContentInvalid as invalid:
        return invalid.errors
    return []
