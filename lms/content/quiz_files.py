"""Find and load quiz files: ``<name>.gift`` plus translations like ``<name>.zh.gift``.

A translation holds the same questions (same ``[id:...]``, types and answers)
in another language; it is checked against the default file when loaded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lms.content.errors import ContentError, ContentInvalid
from lms.content.gift import Question, check_translation, dump_gift, load_gift_file, parse_gift

GIFT_SUFFIX = ".gift"
TRANSLATIONS = ("zh",)


@dataclass(frozen=True)
class QuizSource:
    """The questions of one quiz: the default file's, and each translation's."""

    name: str
    questions: tuple[Question, ...]
    translations: dict[str, tuple[Question, ...]] = field(default_factory=dict)
    path: str = field(default="", compare=False)


def is_quiz_path(path: Path) -> bool:
    """Tell whether ``path`` is a GIFT file or a folder of them (not a course tree)."""
    if path.is_file():
        return path.name.endswith(GIFT_SUFFIX)
    return (
        path.is_dir()
        and not (path / "course.yml").is_file()
        and any(entry.name.endswith(GIFT_SUFFIX) for entry in path.iterdir())
    )


def _split_name(path: Path) -> tuple[str, str | None]:
    """Return (quiz name, language or None for the default file) of a GIFT file."""
    stem = path.name[: -len(GIFT_SUFFIX)]
    name, dot, language = stem.rpartition(".")
    return (name, language) if dot else (stem, None)


def build_quiz(
    name: str,
    default: tuple[Question, ...],
    translations: dict[str, tuple[Question, ...]],
    paths: dict[str | None, str],
) -> QuizSource:
    """Check translations against the default questions and return the quiz."""
    errors: list[ContentError] = []
    for language, questions in translations.items():
        errors += check_translation(list(default), list(questions), paths[language])
    if errors:
        raise ContentInvalid(errors)
    return QuizSource(name, default, dict(translations), path=paths[None])


def parse_quiz_texts(name: str, texts: dict[str | None, tuple[str, str]]) -> QuizSource:
    """Parse GIFT texts given as {language or None: (text, display path)} into a quiz."""
    errors: list[ContentError] = []
    parsed: dict[str | None, tuple[Question, ...]] = {}
    for language, (text, path) in texts.items():
        try:
            parsed[language] = tuple(parse_gift(text, path))
        except ContentInvalid as invalid:
            errors += invalid.errors
    if errors:
        raise ContentInvalid(errors)
    paths = {language: path for language, (_, path) in texts.items()}
    default = parsed.pop(None)
    return build_quiz(name, default, parsed, paths)


def load_quiz_files(paths: list[Path]) -> dict[str, QuizSource]:
    """Load every quiz in the given GIFT files and folders, raising all problems at once."""
    errors: list[ContentError] = []
    files: dict[str, dict[str | None, Path]] = {}
    for path in paths:
        entries = [path] if path.is_file() else sorted(path.iterdir())
        for entry in entries:
            if not entry.name.endswith(GIFT_SUFFIX) or not entry.is_file():
                continue
            name, language = _split_name(entry)
            if language is not None and language not in TRANSLATIONS:
                message = f"unknown language suffix {language!r}; supported: zh"
                errors.append(ContentError(str(entry), None, message))
                continue
            seen = files.setdefault(name, {})
            if language in seen:
                message = f"quiz {name!r} is also in {seen[language]}"
                errors.append(ContentError(str(entry), None, message))
                continue
            seen[language] = entry
    quizzes: dict[str, QuizSource] = {}
    for name, found in files.items():
        if None not in found:
            for entry in found.values():
                message = f"translation without a default file {name}{GIFT_SUFFIX}"
                errors.append(ContentError(str(entry), None, message))
            continue
        parsed: dict[str | None, tuple[Question, ...]] = {}
        for language, entry in found.items():
            try:
                parsed[language] = tuple(load_gift_file(entry))
            except ContentInvalid as invalid:
                errors += invalid.errors
        if len(parsed) < len(found):
            continue
        default = parsed.pop(None)
        paths = {language: str(entry) for language, entry in found.items()}
        try:
            quizzes[name] = build_quiz(name, default, parsed, paths)
        except ContentInvalid as invalid:
            errors += invalid.errors
    if errors:
        raise ContentInvalid(errors)
    return quizzes


def dump_quiz(quiz: QuizSource, folder: Path) -> list[Path]:
    """Write ``quiz`` as ``folder/<name>.gift`` and one file per translation."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {None: quiz.questions, **quiz.translations}
    written = []
    for language, questions in files.items():
        suffix = f".{language}{GIFT_SUFFIX}" if language else GIFT_SUFFIX
        path = folder / f"{quiz.name}{suffix}"
        path.write_text(dump_gift(questions), encoding="utf-8")
        written.append(path)
    return written
