"""Load the curriculum's English–Chinese glossary: ``glossary.yml`` beside the course folders.

The file holds one list, ``terms:``; each term gives its name in both languages, the
other names the courses also use, a one-sentence definition in each language and the
courses it belongs to::

    terms:
      - en: Fairtrade Premium
        zh: 公平贸易溢价
        definition_en: Money paid on top of the price ...
        definition_zh: 在货款之外 ...
        courses: [spo-principles, fintech]

Every problem is raised together in one :class:`~lms.content.errors.ContentInvalid`,
each at its file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from lms.content.course_modules import slug_problem
from lms.content.errors import ContentError, ContentInvalid
from lms.content.yamlmeta import KeyPath, MetaFields, load_yaml_with_lines, read_source_text

GLOSSARY_FILE = "glossary.yml"
MAX_GLOSSARY_BYTES = 256 * 1024
MAX_TERMS = 500
MAX_NAME_LENGTH = 200
MAX_ALSO_LENGTH = 400  # the other names of one language, together
TERM_KEYS = ("en", "zh", "en_also", "zh_also", "definition_en", "definition_zh", "courses")

_NOT_ANCHOR = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class GlossaryTerm:
    """One term: its names and definitions by language, and the courses that use it."""

    anchor: str  # the page's id for the term, from its English name
    names: dict[str, str]
    also: dict[str, tuple[str, ...]]  # other names in use, by language
    definitions: dict[str, str]
    courses: tuple[str, ...]
    line: int = 0


@dataclass(frozen=True)
class Glossary:
    """The glossary's terms in file order, and where they came from."""

    terms: tuple[GlossaryTerm, ...]
    path: str = ""


def term_anchor(english: str) -> str:
    """Return the anchor a term gets from its English name: ``CO2e`` gives ``co2e``."""
    return _NOT_ANCHOR.sub("-", english.lower()).strip("-")


def is_glossary_path(path: Path) -> bool:
    """Tell whether ``path`` names a glossary file rather than a folder."""
    return path.name == GLOSSARY_FILE and path.is_file()


def glossary_beside(path: Path) -> Path | None:
    """Return the glossary file in a folder of courses, or None when it holds none."""
    candidate = path / GLOSSARY_FILE
    return candidate if candidate.is_file() else None


def _names(fields: MetaFields, key: str) -> tuple[str, ...]:
    raw = fields.data.get(key)
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(isinstance(n, str) and n.strip() for n in raw):
        fields.error((key,), f"{key!r} must be a list of names such as [全电发票]")
        return ()
    names = tuple(name.strip() for name in raw)
    if any(";" in name for name in names):
        fields.error((key,), f"{key!r}: give each name as its own list item, without ';'")
        return ()
    if len("; ".join(names)) > MAX_ALSO_LENGTH:
        fields.error((key,), f"{key!r} is longer than {MAX_ALSO_LENGTH} characters in all")
        return ()
    return names


def _courses(fields: MetaFields) -> tuple[str, ...]:
    raw = fields.data.get("courses")
    if not isinstance(raw, list) or not raw:
        fields.error(("courses",), "'courses' must list the slugs of the courses that use it")
        return ()
    slugs: list[str] = []
    for index, slug in enumerate(raw):
        if problem := slug_problem(slug):
            fields.error(("courses", index), problem)
        elif slug in slugs:
            fields.error(("courses", index), f"course {slug!r} is listed twice")
        else:
            slugs.append(slug)
    return tuple(slugs)


def _term(fields: MetaFields, line: int) -> GlossaryTerm | None:
    names: dict[str, str] = {}
    definitions: dict[str, str] = {}
    for language in ("en", "zh"):
        name = fields.string(language, required=True)
        if name and len(name) > MAX_NAME_LENGTH:
            fields.error((language,), f"the name is longer than {MAX_NAME_LENGTH} characters")
        elif name:
            names[language] = name
        key = f"definition_{language}"
        if definition := fields.string(key, required=True):
            definitions[language] = definition
    also = {language: _names(fields, f"{language}_also") for language in ("en", "zh")}
    courses = _courses(fields)
    if len(names) < 2 or len(definitions) < 2 or not courses:
        return None
    anchor = term_anchor(names["en"])
    if not anchor:
        fields.error(("en",), "the English name needs at least one letter or digit")
        return None
    return GlossaryTerm(anchor, names, also, definitions, courses, line)


def _sub_lines(lines: dict[KeyPath, int], prefix: KeyPath) -> dict[KeyPath, int]:
    """Return the lines of the keys under ``prefix``, as if it were the document."""
    size = len(prefix)
    return {key[size:]: line for key, line in lines.items() if key[:size] == prefix}


def load_glossary(path: Path) -> Glossary:
    """Load and check ``glossary.yml``, raising every problem at once."""
    where = str(path)
    text = read_source_text(path, MAX_GLOSSARY_BYTES)
    data, lines = load_yaml_with_lines(text, where)
    errors: list[ContentError] = []
    top = MetaFields(data, lines, where, errors, ("terms",))
    raw = top.data.get("terms")
    if not isinstance(raw, list) or not raw:
        top.error(("terms",), "'terms' must be a non-empty list of terms")
        raise ContentInvalid(errors)
    if len(raw) > MAX_TERMS:
        top.error(("terms",), f"{len(raw)} terms; the limit is {MAX_TERMS}")
    terms: list[GlossaryTerm] = []
    seen: dict[str, int] = {}
    for index, item in enumerate(raw):
        key = ("terms", index)
        line = top.line(key)
        fields = MetaFields(item, _sub_lines(lines, key), where, errors, TERM_KEYS)
        term = _term(fields, line)
        if term is None:
            continue
        if term.anchor in seen:
            message = f"term {term.names['en']!r} is already defined on line {seen[term.anchor]}"
            errors.append(ContentError(where, line, message))
            continue
        seen[term.anchor] = line
        terms.append(term)
    if errors:
        raise ContentInvalid(errors)
    return Glossary(tuple(terms), where)


def unknown_courses(glossary: Glossary, slugs: set[str]) -> list[ContentError]:
    """Return an error for each course a term names that is not among ``slugs``."""
    return [
        ContentError(glossary.path, term.line, f"course {slug!r} is not among the courses given")
        for term in glossary.terms
        for slug in term.courses
        if slug not in slugs
    ]
