"""The trainer's guide in a course folder: trainer-guide.md and its translations."""

from __future__ import annotations

import re
from pathlib import Path

from lms.content.course_export import dump_course
from lms.content.course_format import find_course_folders, load_course

from ..helpers import COURSES
from .test_course_format import COURSE_YML, load_errors, write_course

GUIDE = (
    "# Trainer's guide\n\n## The day's plan\n\n| Time | Session |\n|---|---|\n| 09:00 | Welcome |\n"
)
GUIDE_ZH = "# 培训师手册\n\n## 当天安排\n\n上午九点开始。\n"


def test_a_guide_in_both_languages_is_loaded_and_is_no_module(tmp_path: Path) -> None:
    """Read trainer-guide.md and trainer-guide.zh.md as the guide, not as unlisted modules."""
    folder = write_course(tmp_path, **{"trainer-guide.md": GUIDE, "trainer-guide.zh.md": GUIDE_ZH})
    course = load_course(folder)
    assert course.guides == {"en": GUIDE.rstrip(), "zh": GUIDE_ZH.rstrip()}
    assert [module.stem for module in course.modules] == ["01-what-is-an-spo", "02-premium"]


def test_a_course_without_a_guide_has_none(tmp_path: Path) -> None:
    """Keep the guide optional: a course folder without one loads as before."""
    assert load_course(write_course(tmp_path)).guides == {}


def test_guide_problems_name_the_file(tmp_path: Path) -> None:
    """Refuse an empty guide, a language the course lacks and a translation without its original."""
    folder = write_course(
        tmp_path, **{"trainer-guide.zh.md": "\n\n", "trainer-guide.fr.md": "# Guide du formateur\n"}
    )
    messages = [str(error) for error in load_errors(folder)]
    assert messages == [
        f"{folder / 'trainer-guide.fr.md'}: not a trainer's guide in this course's languages; "
        "use trainer-guide.md, trainer-guide.zh.md",
        f"{folder / 'trainer-guide.zh.md'}:1: the trainer's guide is empty",
    ]
    (folder / "trainer-guide.fr.md").unlink()
    (folder / "trainer-guide.zh.md").write_text(GUIDE_ZH, encoding="utf-8")
    assert [str(error) for error in load_errors(folder)] == [
        f"{folder}: the trainer's guide has no en text (trainer-guide.md)"
    ]


def test_the_guide_cannot_be_listed_as_a_module(tmp_path: Path) -> None:
    """Say at its course.yml line that trainer-guide is not a module name."""
    yml = COURSE_YML + "  - trainer-guide\n"
    folder = write_course(tmp_path, course__yml=yml, **{"trainer-guide.md": GUIDE})
    errors = load_errors(folder)
    assert [(error.line, error.message) for error in errors] == [
        (8, "'trainer-guide' is the trainer's guide, not a module; leave it out")
    ]


def test_export_writes_the_guide_back(tmp_path: Path) -> None:
    """Export the guide beside the modules, so loading the export gives the same course."""
    folder = write_course(tmp_path, **{"trainer-guide.md": GUIDE, "trainer-guide.zh.md": GUIDE_ZH})
    course = load_course(folder)
    written = dump_course(course, tmp_path / "out")
    assert {tmp_path / "out" / "trainer-guide.md", tmp_path / "out" / "trainer-guide.zh.md"} <= set(
        written
    )
    assert load_course(tmp_path / "out") == course


def english_words(text: str) -> int:
    """Count the words with a letter in them, leaving out times, sums and table rules."""
    return len(re.findall(r"[A-Za-z][A-Za-z'’-]*", text))


def test_every_shipped_course_has_a_guide_of_a_training_day() -> None:
    """Give each course a guide in both languages: a plan, goals, 3-5 exercises with answers."""
    for folder in find_course_folders(COURSES):
        course = load_course(folder)
        assert set(course.guides) == {"en", "zh"}, course.slug
        english, chinese = course.guides["en"], course.guides["zh"]
        assert 500 <= english_words(english) <= 1000, (course.slug, english_words(english))
        assert 900 <= len(re.findall(r"[\u4e00-\u9fff]", chinese)) <= 2200, course.slug
        for heading in ("## Learning goals", "## The day's plan", "## Materials to print"):
            assert heading in english, (course.slug, heading)
        for heading in ("## 学习目标", "## 当天安排", "## 需要打印的材料"):
            assert heading in chinese, (course.slug, heading)
        exercises = re.findall(r"^## Exercise \d", english, re.M)
        assert 3 <= len(exercises) <= 5, course.slug
        assert len(re.findall(r"^## 练习[一二三四五]", chinese, re.M)) == len(exercises)
        assert english.count("**Answers.**") + english.count("**What ") >= len(exercises)
