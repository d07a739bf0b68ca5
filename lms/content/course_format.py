"""Load the shipped curriculum: one folder per course, Markdown per module.

A course folder holds ``course.yml`` and one Markdown file per module and
language: ``01-intro.md`` in the course's default language, ``01-intro.zh.md``
for a translation. Every problem is collected and raised together in one
:class:`~lms.content.errors.ContentInvalid`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from lms.content.course_cover import CoverFile, load_cover
from lms.content.course_images import IMAGE_FOLDER, PictureFile, load_pictures
from lms.content.course_modules import (
    GUIDE_STEM,
    LANGUAGES,
    MAX_MODULE_BYTES,
    MODULE_KEYS,
    ModuleSource,
    ModuleText,
    derive_module_slug,
    load_modules,
    module_filename,
    normalize_body,
    slug_problem,
)
from lms.content.errors import ContentError, ContentInvalid
from lms.content.trainer_guide import load_trainer_guides
from lms.content.yamlmeta import MetaFields, load_yaml_with_lines, read_source_text

__all__ = [
    "COURSE_KEYS",
    "GUIDE_STEM",
    "IMAGE_FOLDER",
    "LANGUAGES",
    "MAX_COURSE_YML_BYTES",
    "MAX_MODULE_BYTES",
    "MODULE_KEYS",
    "STATUSES",
    "CourseSource",
    "ModuleSource",
    "ModuleText",
    "derive_module_slug",
    "find_course_folders",
    "load_course",
    "load_courses",
    "module_filename",
    "normalize_body",
    "slug_problem",
    "validate_courses",
]

STATUSES = ("draft", "published", "archived")
MAX_COURSE_YML_BYTES = 64 * 1024
MAX_COURSE_ORDER = 1000
COURSE_KEYS = (
    "slug",
    "version",
    "status",
    "default_language",
    "languages",
    "certificate",
    "order",
    "title",
    "summary",
    "cover",
    "modules",
)

# No dots: the last dot in a file name separates the language suffix.
_STEM = re.compile(r"[A-Za-z0-9_-]+")


@dataclass(frozen=True)
class CourseSource:
    """Describe one course folder: settings from course.yml plus its modules."""

    slug: str
    version: int
    status: str
    default_language: str
    languages: tuple[str, ...]
    certificate: bool
    titles: dict[str, str]
    summaries: dict[str, str]
    modules: tuple[ModuleSource, ...]
    order: int | None = None  # where the course stands in the catalogue; None: after the rest
    path: str = field(default="", compare=False)
    cover: CoverFile | None = None  # cover: in course.yml, a picture in the course folder
    # The trainer's guide's Markdown by language (trainer-guide.md, trainer-guide.zh.md).
    guides: dict[str, str] = field(default_factory=dict)
    # The pictures in images/, by name, that the modules show as images/<name>.
    images: dict[str, PictureFile] = field(default_factory=dict)


def load_course(folder: Path) -> CourseSource:
    """Load and validate one course folder, raising every problem at once."""
    errors: list[ContentError] = []
    yml = folder / "course.yml"
    if not yml.is_file():
        raise ContentInvalid([ContentError(str(yml), None, "course.yml is missing")])
    # Without a readable course.yml the module files cannot be judged; stop here.
    text = read_source_text(yml, MAX_COURSE_YML_BYTES)
    data, lines = load_yaml_with_lines(text, str(yml))
    fields = MetaFields(data, lines, str(yml), errors, COURSE_KEYS)
    slug = _course_slug(fields, folder)
    version = fields.integer("version", 1, 1, 1_000_000) or 1
    status = fields.choice("status", "draft", STATUSES)
    certificate = bool(fields.boolean("certificate", True))
    order = fields.integer("order", None, 1, MAX_COURSE_ORDER)
    default_language = fields.choice("default_language", "en", LANGUAGES)
    languages = _languages(fields, default_language)
    titles = _localized(fields, "title", default_language, languages, required=True)
    summaries = {
        default_language: "",
        **_localized(fields, "summary", default_language, languages, required=False),
    }
    cover = load_cover(folder, fields, slug)
    stems = _module_stems(fields)
    # Without a usable module list every file would be "not listed"; skip that noise.
    modules: tuple[ModuleSource, ...] = ()
    if stems:
        modules = load_modules(folder, fields, stems, default_language, languages)
    guides = load_trainer_guides(folder, default_language, languages, errors)
    images = load_pictures(folder, errors)
    course = CourseSource(
        slug=slug,
        version=version,
        status=status,
        default_language=default_language,
        languages=languages,
        certificate=certificate,
        titles=titles,
        summaries=summaries,
        modules=modules,
        order=order,
        path=str(folder),
        cover=cover,
        guides=guides,
        images=images,
    )
    if errors:
        raise ContentInvalid(errors)
    return course


def _course_slug(fields: MetaFields, folder: Path) -> str:
    if "slug" not in fields.data:
        problem = slug_problem(folder.name)
        if problem:
            fields.error((), f"folder name {problem}; add 'slug:' to course.yml")
        return folder.name
    problem = slug_problem(fields.data["slug"])
    if problem:
        fields.error(("slug",), problem)
        return folder.name
    return fields.data["slug"]


def _languages(fields: MetaFields, default_language: str) -> tuple[str, ...]:
    raw = fields.data.get("languages")
    if raw is None:
        return (default_language,)
    if not isinstance(raw, list) or not raw:
        fields.error(("languages",), "'languages' must be a list such as [en, zh]")
        return (default_language,)
    languages: list[str] = []
    for index, language in enumerate(raw):
        if language not in LANGUAGES:
            supported = ", ".join(LANGUAGES)
            message = f"unknown language {language!r}; use {supported}"
            fields.error(("languages", index), message)
        elif language in languages:
            fields.error(("languages", index), f"language {language!r} is listed twice")
        else:
            languages.append(language)
    if default_language not in languages:
        message = f"{default_language!r} is not in 'languages'"
        fields.error(("default_language",), message)
    return tuple(languages) or (default_language,)


def _localized(
    fields: MetaFields,
    key: str,
    default_language: str,
    languages: tuple[str, ...],
    required: bool,
) -> dict[str, str]:
    """Read a text given per language; a plain string is the default language's."""
    raw = fields.data.get(key)
    if raw is None:
        if required:
            fields.error((key,), f"missing required key {key!r}")
        return {}
    if isinstance(raw, str):
        raw = {default_language: raw}
    if not isinstance(raw, dict):
        fields.error((key,), f"{key!r} must be a text or a mapping like 'en: ...'")
        return {}
    texts: dict[str, str] = {}
    for language, text in raw.items():
        where = (key, str(language))
        if language not in languages:
            message = f"{key!r} has language {language!r}, which is not in 'languages'"
            fields.error(where, message)
        elif not isinstance(text, str) or (required and not text.strip()):
            fields.error(where, f"{key!r} in {language!r} must be a non-empty text")
        else:
            texts[language] = text.strip()
    if required and default_language not in raw:
        message = f"{key!r} is required in the default language {default_language!r}"
        fields.error((key,), message)
    return texts


def _module_stems(fields: MetaFields) -> list[tuple[str, int]]:
    """Return the listed module file stems with the course.yml line of each."""
    raw = fields.data.get("modules")
    if not isinstance(raw, list) or not raw:
        message = "'modules' must be a non-empty list of module file names"
        fields.error(("modules",), message)
        return []
    stems: list[tuple[str, int]] = []
    for index, stem in enumerate(raw):
        where = ("modules", index)
        if not isinstance(stem, str) or not _STEM.fullmatch(stem):
            message = f"{stem!r} is not a module file name: use the name without .md"
            fields.error(where, message)
        elif stem == GUIDE_STEM:
            fields.error(where, f"{stem!r} is the trainer's guide, not a module; leave it out")
        elif any(stem == seen for seen, _ in stems):
            fields.error(where, f"module {stem!r} is listed twice")
        else:
            stems.append((stem, fields.line(where)))
    return stems


def find_course_folders(path: Path) -> list[Path]:
    """Return ``path`` if it is a course folder, else its subfolders that are."""
    if (path / "course.yml").is_file():
        return [path]
    if path.is_dir():
        folders = [sub for sub in path.iterdir() if (sub / "course.yml").is_file()]
        if folders:
            return sorted(folders)
    message = "no course.yml in this folder or its immediate subfolders"
    raise ContentInvalid([ContentError(str(path), None, message)])


def load_courses(paths: Iterable[Path]) -> list[CourseSource]:
    """Load every course under ``paths``, raising all problems across all courses."""
    errors: list[ContentError] = []
    folders: list[Path] = []
    for path in paths:
        try:
            found = find_course_folders(path)
        except ContentInvalid as exc:
            errors.extend(exc.errors)
            continue
        seen = {folder.resolve() for folder in folders}
        folders.extend(folder for folder in found if folder.resolve() not in seen)
    courses: list[CourseSource] = []
    by_slug: dict[str, CourseSource] = {}
    for folder in folders:
        try:
            course = load_course(folder)
        except ContentInvalid as exc:
            errors.extend(exc.errors)
            continue
        if course.slug in by_slug:
            other = by_slug[course.slug].path
            message = f"course slug {course.slug!r} is already used by {other}"
            errors.append(ContentError(str(folder / "course.yml"), None, message))
            continue
        by_slug[course.slug] = course
        courses.append(course)
    if errors:
        raise ContentInvalid(errors)
    return courses


def validate_courses(paths: Iterable[Path]) -> list[ContentError]:
    """Return every problem in the courses under ``paths``; empty when all are valid."""
    try:
        load_courses(paths)
    except ContentInvalid as exc:
        return exc.errors
    return []
