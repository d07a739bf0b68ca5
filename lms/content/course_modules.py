"""Load the module files of one course folder: front matter plus Markdown body.

:mod:`lms.content.course_format` re-exports the public names; import them
from there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from lms.content.course_attachments import AttachmentFile, read_attachments
from lms.content.course_images import PictureReference, picture_references
from lms.content.errors import ContentError, ContentInvalid
from lms.content.quiz_settings import QuizSettings, read_quiz_settings
from lms.content.yamlmeta import (
    MetaFields,
    load_yaml_with_lines,
    read_source_text,
    split_front_matter,
)

LANGUAGES = ("en", "zh")
MAX_MODULE_BYTES = 512 * 1024
MAX_SLUG_LENGTH = 80
MODULE_KEYS = ("title", "minutes", "slug", "required", "quiz", "attachments", "languages")
# trainer-guide.md and its translations are the course's trainer's guide, not modules
# (lms.content.trainer_guide reads them).
GUIDE_STEM = "trainer-guide"

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_POSITION_PREFIX = re.compile(r"^\d+[-_]")


@dataclass(frozen=True)
class ModuleText:
    """Hold one module's text in one language."""

    title: str
    body_markdown: str


@dataclass(frozen=True)
class ModuleSource:
    """Describe one module of a course as found in its files."""

    slug: str
    stem: str
    position: int
    minutes: int
    required: bool
    texts: dict[str, ModuleText]
    quiz: QuizSettings | None = None
    # The files each language's module file lists for download, in their order.
    attachments: dict[str, tuple[AttachmentFile, ...]] = field(default_factory=dict)
    # Where the module's files name pictures, images/<name>, for errors at their lines.
    pictures: tuple[PictureReference, ...] = field(default=(), compare=False)


def slug_problem(slug: object) -> str | None:
    """Explain why ``slug`` is not a valid course or module slug, or return None."""
    if not isinstance(slug, str) or not _SLUG.fullmatch(slug):
        return f"{slug!r} is not a valid slug: use lowercase a-z, 0-9 and single '-'"
    if len(slug) > MAX_SLUG_LENGTH:
        return f"slug {slug!r} is longer than {MAX_SLUG_LENGTH} characters"
    return None


def is_guide_file(name: str) -> bool:
    """Tell whether a file name in a course folder is (meant as) the trainer's guide."""
    return name.endswith(".md") and name.split(".", 1)[0] == GUIDE_STEM


def derive_module_slug(stem: str) -> str:
    """Return the slug a module gets from its file stem: ``01-intro`` gives ``intro``."""
    return _POSITION_PREFIX.sub("", stem)


def module_filename(stem: str, language: str, default_language: str) -> str:
    """Return the file name holding module ``stem`` in ``language``."""
    if language == default_language:
        return f"{stem}.md"
    return f"{stem}.{language}.md"


def normalize_body(body: str) -> str:
    """Drop leading blank lines and trailing whitespace, as loading does."""
    lines = body.split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    return "\n".join(lines).rstrip()


@dataclass
class _ModuleFile:
    path: Path
    fields: MetaFields
    text: ModuleText
    minutes: int | None
    slug: str | None
    required: bool | None
    quiz: QuizSettings | None
    attachments: tuple[AttachmentFile, ...] = ()
    languages: tuple[str, ...] | None = None  # ``languages:``, in the default file only
    pictures: tuple[PictureReference, ...] = ()


def _read_module_file(
    path: Path, is_default: bool, errors: list[ContentError]
) -> _ModuleFile | None:
    """Parse one module file, recording its problems; None if it is unreadable."""
    try:
        text = read_source_text(path, MAX_MODULE_BYTES)
        front, body, body_line = split_front_matter(text, str(path))
        data, lines = load_yaml_with_lines(front, str(path), line_offset=1)
    except ContentInvalid as exc:
        errors.extend(exc.errors)
        return None
    fields = MetaFields(data, lines, str(path), errors, MODULE_KEYS)
    title = fields.string("title", required=True) or ""
    if is_default and "minutes" not in fields.data:
        fields.error(("minutes",), "missing required key 'minutes'")
    minutes = fields.integer("minutes", None, 1, 600)
    slug = fields.data.get("slug")
    if slug is not None and (problem := slug_problem(slug)):
        fields.error(("slug",), problem)
        slug = None
    pictures = picture_references(body, str(path), body_line)
    body = normalize_body(body)
    if not body:
        message = "the module text after '---' is empty"
        errors.append(ContentError(str(path), body_line, message))
    required = fields.boolean("required", None)
    quiz = None
    if not is_default and "quiz" in fields.data:
        fields.error(("quiz",), "quiz settings belong in the default language's file only")
    elif is_default:
        quiz = read_quiz_settings(fields)
    attachments = read_attachments(fields, path.parent)
    module_text = ModuleText(title, body)
    loaded = _ModuleFile(path, fields, module_text, minutes, slug, required, quiz, attachments)
    loaded.languages = _module_languages(fields, is_default)
    loaded.pictures = pictures
    return loaded


def _module_languages(fields: MetaFields, is_default: bool) -> tuple[str, ...] | None:
    """Read ``languages:``, the languages a module has when it lacks some of the course's."""
    raw = fields.data.get("languages")
    if raw is None:
        return None
    if not is_default:
        fields.error(("languages",), "'languages' belongs in the default language's file only")
        return None
    if not isinstance(raw, list) or not raw or not all(item in LANGUAGES for item in raw):
        fields.error(("languages",), f"'languages' must be a list of {', '.join(LANGUAGES)}")
        return None
    return tuple(raw)


def _check_translation(default: _ModuleFile, other: _ModuleFile, slug: str) -> None:
    """Report settings a translation gives differently from the default file."""
    expected = {
        "minutes": default.minutes,
        "slug": slug,
        "required": default.required is not False,
    }
    for key, value in (
        ("minutes", other.minutes),
        ("slug", other.slug),
        ("required", other.required),
    ):
        if value is not None and value != expected[key]:
            message = f"{key!r} is {value!r} here but {expected[key]!r} in {default.path.name}"
            other.fields.error((key,), message)
    shared = {file.filename: file.data for file in default.attachments}
    for index, file in enumerate(other.attachments):
        if shared.get(file.filename, file.data) != file.data:
            message = f"{file.filename!r} names a different file in {default.path.name}"
            other.fields.error(("attachments", index, "file"), message)


def _scan_files(
    folder: Path,
    listed: set[str],
    default_language: str,
    languages: tuple[str, ...],
    errors: list[ContentError],
) -> dict[tuple[str, str], Path]:
    """Map (stem, language) to the module file, reporting files that fit nowhere."""
    files: dict[tuple[str, str], Path] = {}
    for entry in sorted(folder.iterdir()):
        if not entry.name.endswith(".md") or not entry.is_file():
            continue
        if is_guide_file(entry.name):
            continue
        stem, dot, language = entry.name[:-3].rpartition(".")
        if not dot:
            stem, language = language, default_language
        problem = None
        if language not in LANGUAGES:
            problem = f"unknown language suffix {language!r}; supported: {', '.join(LANGUAGES)}"
        elif language not in languages:
            problem = f"language {language!r} is not listed in course.yml languages"
        elif stem not in listed:
            problem = f"module {stem!r} is not listed in course.yml modules"
        elif (stem, language) in files:
            problem = f"same module and language as {files[stem, language].name}"
        if problem:
            errors.append(ContentError(str(entry), None, problem))
        else:
            files[stem, language] = entry
    return files


def load_modules(
    folder: Path,
    fields: MetaFields,
    stems: list[tuple[str, int]],
    default_language: str,
    languages: tuple[str, ...],
) -> tuple[ModuleSource, ...]:
    """Load the modules listed in course.yml, in order, with all their languages.

    ``fields`` is course.yml's, ``stems`` the listed file stems with their
    course.yml lines; problems are appended to ``fields.errors``.
    """
    errors = fields.errors
    listed = {stem for stem, _ in stems}
    files = _scan_files(folder, listed, default_language, languages, errors)
    others = [language for language in languages if language != default_language]
    modules: list[ModuleSource] = []
    slug_files: dict[str, Path] = {}
    for position, (stem, line) in enumerate(stems, start=1):
        loaded: dict[str, _ModuleFile] = {}
        for language in [default_language, *others]:
            path = files.get((stem, language))
            is_default = language == default_language
            if path is not None and (file := _read_module_file(path, is_default, errors)):
                loaded[language] = file
        default = loaded.get(default_language)
        present = {language for language in languages if (stem, language) in files}
        _check_languages(stem, line, loaded, present, fields, (default_language, *others))
        if default is None:
            continue
        slug = default.slug or derive_module_slug(stem)
        if default.slug is None and (problem := slug_problem(slug)):
            default.fields.error((), f"slug from the file name: {problem}; add 'slug:'")
        elif slug in slug_files:
            message = f"module slug {slug!r} is also used by {slug_files[slug].name}"
            default.fields.error(("slug",), message)
        slug_files.setdefault(slug, default.path)
        for language in others:
            if language in loaded:
                _check_translation(default, loaded[language], slug)
        pictures = tuple(ref for file in loaded.values() for ref in file.pictures)
        modules.append(
            ModuleSource(
                slug=slug,
                stem=stem,
                position=position,
                minutes=default.minutes or 1,
                required=default.required is not False,
                texts={language: file.text for language, file in loaded.items()},
                quiz=default.quiz,
                attachments={
                    language: file.attachments
                    for language, file in loaded.items()
                    if file.attachments
                },
                pictures=pictures,
            )
        )
    return tuple(modules)


def _check_languages(
    stem: str,
    line: int,
    loaded: dict[str, _ModuleFile],
    present: set[str],
    fields: MetaFields,
    languages: tuple[str, ...],
) -> None:
    """Report a module's missing texts, and texts beyond the ``languages:`` it declares.

    Without ``languages:`` a module has every language of the course; a module written
    in fewer (say Chinese only) declares them in its default file.
    """
    default = loaded.get(languages[0])
    declared = default.languages if default is not None else None
    for language in languages:
        expected = module_filename(stem, language, languages[0])
        if declared is not None and language not in declared:
            if language in loaded:
                message = f"language {language!r} is not in this module's 'languages'"
                loaded[language].fields.error((), message)
        elif language not in present:
            message = f"module {stem!r} has no {language} text ({expected})"
            fields.errors.append(ContentError(fields.path, line, message))
    if declared is not None and (languages[0] not in declared or set(declared) - set(languages)):
        message = f"'languages' must include {languages[0]!r} and only the course's languages"
        default.fields.error(("languages",), message)
