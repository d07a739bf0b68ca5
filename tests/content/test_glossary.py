"""The curriculum's glossary: glossary.yml beside the course folders, checked with lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from lms.content.curriculum import load_curriculum
from lms.content.errors import ContentInvalid
from lms.content.glossary import load_glossary, term_anchor

from ..helpers import COURSES, QUIZZES
from .test_course_format import write_course

TERM = """\
  - en: Fairtrade Premium
    zh: 公平贸易溢价
    definition_en: Money paid on top of the price.
    definition_zh: 货款之外另付的一笔钱。
    courses: [spo-basics]
"""


def write_glossary(folder: Path, text: str) -> Path:
    """Write ``glossary.yml`` into ``folder`` and return its path."""
    path = folder / "glossary.yml"
    path.write_text(text, encoding="utf-8")
    return path


def errors_of(path: Path) -> list[str]:
    """Return the problems loading ``path`` reports, as ``file:line: message``."""
    with pytest.raises(ContentInvalid) as caught:
        load_glossary(path)
    return [str(error) for error in caught.value.errors]


def test_the_shipped_glossary_covers_every_course() -> None:
    """Load 60-120 terms, each in both languages, and some for every shipped course."""
    curriculum = load_curriculum([COURSES, QUIZZES])
    terms = curriculum.glossary.terms
    assert 60 <= len(terms) <= 120
    slugs = {course.slug for course in curriculum.courses}
    assert {slug for term in terms for slug in term.courses} == slugs
    for slug in slugs:
        assert sum(slug in term.courses for term in terms) >= 15, slug
    by_name = {term.names["zh"]: term for term in terms}
    assert "全电发票" in by_name["数电发票"].also["zh"]
    assert "双重身份验证" in by_name["两步验证"].also["zh"]
    assert by_name["初级数据"].names["en"] == "primary data" and "次级数据" in by_name
    assert by_name["保费"].names["en"] == "insurance premium"


def test_a_good_term_is_read_with_its_line(tmp_path: Path) -> None:
    """Keep both names, the other names in use, both definitions and the courses."""
    extra = TERM.replace("Fairtrade Premium", "E-invoice (fully digital)").replace(
        "    courses", "    zh_also: [全电发票]\n    courses"
    )
    glossary = load_glossary(write_glossary(tmp_path, "terms:\n" + TERM + extra))
    first, second = glossary.terms
    assert (first.anchor, first.names["zh"], first.line) == ("fairtrade-premium", "公平贸易溢价", 2)
    assert (second.anchor, second.also["zh"], second.line) == (
        "e-invoice-fully-digital",
        ("全电发票",),
        7,
    )
    assert term_anchor("CO2 equivalent (CO2e)") == "co2-equivalent-co2e"


def test_problems_are_reported_at_their_lines(tmp_path: Path) -> None:
    """Name the file and line of a missing name, an unknown key, a bad course and a duplicate."""
    broken = TERM.replace("    zh: 公平贸易溢价\n", "    chinese: 公平贸易溢价\n")
    bad_course = TERM.replace("[spo-basics]", "[SPO Basics]").replace("Premium", "Minimum Price")
    path = write_glossary(tmp_path, "terms:\n" + TERM + broken + bad_course + TERM)
    assert errors_of(path) == [
        f"{path}:8: unknown key 'chinese'; allowed keys: en, zh, en_also, zh_also, "
        "definition_en, definition_zh, courses",
        f"{path}:7: missing required key 'zh'",
        f"{path}:16: 'SPO Basics' is not a valid slug: use lowercase a-z, 0-9 and single '-'",
        f"{path}:17: term 'Fairtrade Premium' is already defined on line 2",
    ]


def test_other_names_must_be_a_list_of_names(tmp_path: Path) -> None:
    """Refuse other names given as one text, or joined with ';' (the column's separator)."""
    one_text = TERM.replace("    courses", "    zh_also: 全电发票\n    courses")
    joined = TERM.replace("Premium", "Price").replace(
        "    courses", "    en_also: [a; b]\n    courses"
    )
    path = write_glossary(tmp_path, "terms:\n" + one_text + joined)
    assert errors_of(path) == [
        f"{path}:6: 'zh_also' must be a list of names such as [全电发票]",
        f"{path}:12: 'en_also': give each name as its own list item, without ';'",
    ]


def test_an_empty_or_unreadable_glossary_is_refused(tmp_path: Path) -> None:
    """Say what is wrong with a glossary that has no terms or is not YAML."""
    path = write_glossary(tmp_path, "terms: []\n")
    assert errors_of(path) == [f"{path}:1: 'terms' must be a non-empty list of terms"]
    write_glossary(tmp_path, "terms:\n  - en: [unclosed\n")
    assert errors_of(path)[0].startswith(f"{path}:3: invalid YAML")


def test_the_glossary_beside_the_courses_must_name_them(tmp_path: Path) -> None:
    """Find glossary.yml in the folder of courses, and refuse a term of a course not given."""
    write_course(tmp_path)
    path = write_glossary(
        tmp_path,
        "terms:\n"
        + TERM
        + TERM.replace("Premium", "Price").replace("[spo-basics]", "[spo-basics, fintech]"),
    )
    with pytest.raises(ContentInvalid) as caught:
        load_curriculum([tmp_path])
    assert [str(error) for error in caught.value.errors] == [
        f"{path}:7: course 'fintech' is not among the courses given"
    ]
    write_glossary(tmp_path, "terms:\n" + TERM)
    curriculum = load_curriculum([tmp_path])
    assert [course.slug for course in curriculum.courses] == ["spo-basics"]
    assert [term.anchor for term in curriculum.glossary.terms] == ["fairtrade-premium"]
    # Given alone, the file is checked on its own: the courses may be imported already.
    assert load_curriculum([path]).glossary.terms == curriculum.glossary.terms
