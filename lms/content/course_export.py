"""Write a course back to the folder format that :func:`load_course` reads.

The output is deterministic and lossless: loading what :func:`dump_course`
wrote gives a :class:`CourseSource` equal to the one dumped.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from lms.content.course_format import (
    GUIDE_STEM,
    IMAGE_FOLDER,
    CourseSource,
    ModuleSource,
    derive_module_slug,
    module_filename,
)
from lms.content.quiz_settings import quiz_settings_yaml


def _yaml(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def _write(path: Path, text: str) -> Path:
    # newline="" keeps "\n" on every platform so exports diff cleanly.
    with path.open("w", encoding="utf-8", newline="") as file:
        file.write(text)
    return path


def course_yml(course: CourseSource) -> str:
    """Return the text of ``course.yml`` for ``course``."""
    data: dict[str, Any] = {
        "slug": course.slug,
        "version": course.version,
        "status": course.status,
        "default_language": course.default_language,
        "languages": list(course.languages),
        "certificate": course.certificate,
    }
    if course.order is not None:
        data["order"] = course.order
    data["title"] = dict(course.titles)
    # Loading fills in an empty default-language summary; leave it implicit.
    if course.summaries != {course.default_language: ""}:
        data["summary"] = dict(course.summaries)
    if course.cover is not None:
        data["cover"] = course.cover.filename
    data["modules"] = [module.stem for module in course.modules]
    return _yaml(data)


def module_languages(module: ModuleSource, languages: tuple[str, ...]) -> tuple[str, ...]:
    """Return the languages of ``languages`` that ``module`` has a text in, in their order."""
    return tuple(language for language in languages if language in module.texts)


def module_file(
    module: ModuleSource,
    language: str,
    default_language: str,
    languages: tuple[str, ...] | None = None,
) -> str:
    """Return the text of ``module``'s file in ``language``: front matter, then body.

    ``languages`` are the course's; a module written in fewer says which it has.
    """
    text = module.texts[language]
    meta: dict[str, Any] = {"title": text.title, "minutes": module.minutes}
    # slug, required, quiz and languages are read from the default-language file only.
    if language == default_language:
        if module.slug != derive_module_slug(module.stem):
            meta["slug"] = module.slug
        if not module.required:
            meta["required"] = False
        if module.quiz is not None:
            meta["quiz"] = quiz_settings_yaml(module.quiz)
        if languages is not None and module_languages(module, languages) != languages:
            meta["languages"] = list(module_languages(module, languages))
    if module.attachments.get(language):
        meta["attachments"] = [
            {"file": file.path, "title": file.title} for file in module.attachments[language]
        ]
    body = text.body_markdown.rstrip("\n")
    return f"---\n{_yaml(meta)}---\n\n{body}\n"


def dump_course(course: CourseSource, folder: Path) -> list[Path]:
    """Write ``course.yml``, the cover, the modules, their files and pictures, and the guide.

    Write them into ``folder``; return the paths written. Each module is written in the
    languages it has a text in.

    Existing files of the same names are overwritten; other files are left
    alone, so export into an empty folder.
    """
    folder.mkdir(parents=True, exist_ok=True)
    written = [_write(folder / "course.yml", course_yml(course))]
    if course.cover is not None:
        cover = folder / course.cover.filename
        cover.write_bytes(course.cover.data)
        written.append(cover)
    for module in course.modules:
        for language in module_languages(module, course.languages):
            name = module_filename(module.stem, language, course.default_language)
            text = module_file(module, language, course.default_language, course.languages)
            written.append(_write(folder / name, text))
        written += _write_attachments(module, folder)
    written += _write_pictures(course, folder)
    for language, guide in course.guides.items():
        name = module_filename(GUIDE_STEM, language, course.default_language)
        written.append(_write(folder / name, guide.rstrip("\n") + "\n"))
    return written


def _write_pictures(course: CourseSource, folder: Path) -> list[Path]:
    """Write each of ``course``'s pictures as ``images/<name>``, the bytes of its original."""
    if not course.images:
        return []
    (folder / IMAGE_FOLDER).mkdir(exist_ok=True)
    written = []
    for name, picture in sorted(course.images.items()):
        path = folder / IMAGE_FOLDER / name
        path.write_bytes(picture.data)
        written.append(path)
    return written


def _write_attachments(module: ModuleSource, folder: Path) -> list[Path]:
    """Write each file ``module``'s languages list, once per path."""
    files = {file.path: file for files in module.attachments.values() for file in files}
    written = []
    for relative, file in files.items():
        path = folder.joinpath(*relative.split("/"))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(file.data)
        written.append(path)
    return written
