"""Load a course's trainer's guide: ``trainer-guide.md`` and its translations.

The guide is plain Markdown, with no front matter: the plan of a training day, its
group exercises with their answers, what to print. Only those who run the course
see it. ``trainer-guide.md`` is in the course's default language,
``trainer-guide.zh.md`` a translation, like a module's files; a course may have none.
"""

from __future__ import annotations

from pathlib import Path

from lms.content.course_modules import (
    GUIDE_STEM,
    is_guide_file,
    module_filename,
    normalize_body,
)
from lms.content.errors import ContentError, ContentInvalid
from lms.content.yamlmeta import read_source_text

MAX_GUIDE_BYTES = 256 * 1024


def load_trainer_guides(
    folder: Path, default_language: str, languages: tuple[str, ...], errors: list[ContentError]
) -> dict[str, str]:
    """Return the guide's Markdown by language, recording problems in ``errors``."""
    names = {module_filename(GUIDE_STEM, lang, default_language): lang for lang in languages}
    guides: dict[str, str] = {}
    for entry in sorted(folder.iterdir()):
        if not entry.is_file() or not is_guide_file(entry.name):
            continue
        language = names.get(entry.name)
        if language is None:
            message = f"not a trainer's guide in this course's languages; use {', '.join(names)}"
            errors.append(ContentError(str(entry), None, message))
            continue
        try:
            body = normalize_body(read_source_text(entry, MAX_GUIDE_BYTES))
        except ContentInvalid as invalid:
            errors.extend(invalid.errors)
            continue
        if not body:
            errors.append(ContentError(str(entry), 1, "the trainer's guide is empty"))
            continue
        guides[language] = body
    if guides and default_language not in guides:
        name = module_filename(GUIDE_STEM, default_language, default_language)
        message = f"the trainer's guide has no {default_language} text ({name})"
        errors.append(ContentError(str(folder), None, message))
    return guides
