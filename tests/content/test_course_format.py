"""Tests for loading and validating course folders."""

from __future__ import annotations

from pathlib import Path

import pytest

from lms.content.course_format import (
    MAX_MODULE_BYTES,
    CourseSource,
    ModuleText,
    find_course_folders,
    load_course,
    load_courses,
    validate_courses,
)
from lms.content.errors import ContentError, ContentInvalid

COURSE_YML = """\
title:
  en: SPO basics
  zh: 小农组织基础
languages: [en, zh]
modules:
  - 01-what-is-an-spo
  - 02-premium
"""
FILES = {
    "course.yml": COURSE_YML,
    "01-what-is-an-spo.md": "---\ntitle: What is an SPO?\nminutes: 10\n---\n\n# What\n\nText\n",
    "01-what-is-an-spo.zh.md": "---\ntitle: 什么是小农组织？\n---\n\n# 什么\n\n文本\n",
    "02-premium.md": "---\ntitle: Premium\nminutes: 5\nrequired: false\n---\nUse it well.\n",
    "02-premium.zh.md": "---\ntitle: 溢价\nminutes: 5\n---\n用好它。\n",
    "notes.txt": "not a module, ignored",
}


def write_course(root: Path, name: str = "spo-basics", **changes: object) -> Path:
    """Write the valid example course with some files replaced, added or removed."""
    folder = root / name
    folder.mkdir(parents=True)
    (folder / "images").mkdir()
    files = {
        **FILES,
        **{key.replace("__", "."): value for key, value in changes.items()},
    }
    for filename, content in files.items():
        if isinstance(content, str):
            (folder / filename).write_text(content, encoding="utf-8")
        elif isinstance(content, bytes):
            (folder / filename).write_bytes(content)
    return folder


def load_errors(folder: Path) -> list[ContentError]:
    with pytest.raises(ContentInvalid) as caught:
        load_course(folder)
    assert str(caught.value) == "\n".join(str(error) for error in caught.value.errors)
    return caught.value.errors


def test_valid_two_language_course_loads(tmp_path: Path) -> None:
    course = load_course(write_course(tmp_path))
    assert course.slug == "spo-basics"
    assert (course.version, course.status, course.certificate) == (1, "draft", True)
    assert course.languages == ("en", "zh")
    assert course.titles == {"en": "SPO basics", "zh": "小农组织基础"}
    assert course.summaries == {"en": ""}
    first, second = course.modules
    assert (first.slug, first.stem, first.position, first.minutes) == (
        "what-is-an-spo",
        "01-what-is-an-spo",
        1,
        10,
    )
    assert first.required and not second.required
    assert first.texts["zh"] == ModuleText("什么是小农组织？", "# 什么\n\n文本")
    assert (second.slug, second.position, second.minutes) == ("premium", 2, 5)


def test_identical_content_loads_equal_wherever_it_lives(tmp_path: Path) -> None:
    one = load_course(write_course(tmp_path / "a"))
    two = load_course(write_course(tmp_path / "b"))
    assert one == two and one.path != two.path


def test_bom_and_crlf_are_tolerated(tmp_path: Path) -> None:
    module = FILES["01-what-is-an-spo.md"].replace("\n", "\r\n")
    folder = write_course(
        tmp_path,
        course__yml=b"\xef\xbb\xbf" + COURSE_YML.encode(),
        **{"01-what-is-an-spo__md": b"\xef\xbb\xbf" + module.encode()},
    )
    assert load_course(folder) == load_course(write_course(tmp_path / "plain"))


# (changes to the example course, file the error is in, line, words in the message)
BAD_INPUTS = {
    "broken course.yml syntax": (
        {"course__yml": COURSE_YML.replace("zh: 小农", 'zh: "小农')},
        "course.yml",
        8,
        "invalid YAML: found unexpected end of stream (while scanning a quoted scalar, line 3)",
    ),
    "wrong type for version": (
        {"course__yml": COURSE_YML + "version: two\n"},
        "course.yml",
        8,
        "'version' must be a whole number",
    ),
    "unknown course key": (
        {"course__yml": COURSE_YML + "colour: green\n"},
        "course.yml",
        8,
        "unknown key 'colour'",
    ),
    "unknown language in languages": (
        {"course__yml": COURSE_YML.replace("[en, zh]", "[en, zh, fr]")},
        "course.yml",
        4,
        "unknown language 'fr'",
    ),
    "duplicate module in course.yml": (
        {"course__yml": COURSE_YML + "  - 02-premium\n"},
        "course.yml",
        8,
        "listed twice",
    ),
    "duplicate YAML key": (
        {"course__yml": COURSE_YML + "languages: [en]\n"},
        "course.yml",
        8,
        "duplicate key 'languages'",
    ),
    "python tag refused by the safe loader": (
        {"course__yml": COURSE_YML + "status: !!python/object/apply:os.getcwd []\n"},
        "course.yml",
        8,
        "invalid YAML",
    ),
    "module without front matter": (
        {"02-premium__md": "# Premium\n\nNo front matter.\n"},
        "02-premium.md",
        1,
        "missing front matter",
    ),
    "unterminated front matter": (
        {"02-premium__md": "---\ntitle: Premium\nminutes: 5\n\nBody\n"},
        "02-premium.md",
        1,
        "never closed",
    ),
    "front matter syntax error": (
        {"02-premium__md": "---\ntitle: Premium\nminutes: [5\n---\nBody\n"},
        "02-premium.md",
        4,
        "invalid YAML",
    ),
    "missing title": (
        {"02-premium__md": "---\nminutes: 5\n---\nBody\n"},
        "02-premium.md",
        2,
        "missing required key 'title'",
    ),
    "missing minutes in the default language": (
        {"02-premium__md": "---\ntitle: Premium\n---\nBody\n"},
        "02-premium.md",
        2,
        "missing required key 'minutes'",
    ),
    "minutes out of range": (
        {"02-premium__md": "---\ntitle: Premium\nminutes: 601\n---\nBody\n"},
        "02-premium.md",
        3,
        "'minutes' must be a whole number from 1 to 600",
    ),
    "unknown front matter key": (
        {"02-premium__md": "---\ntitle: Premium\nminutes: 5\nauthor: me\n---\nBody\n"},
        "02-premium.md",
        4,
        "unknown key 'author'",
    ),
    "translation disagrees on minutes": (
        {"02-premium__zh__md": "---\ntitle: 溢价\nminutes: 7\n---\n用好它。\n"},
        "02-premium.zh.md",
        3,
        "'minutes' is 7 here but 5 in 02-premium.md",
    ),
    "duplicate module slug": (
        {"02-premium__md": "---\ntitle: P\nminutes: 5\nslug: what-is-an-spo\n---\nB\n"},
        "02-premium.md",
        4,
        "also used by 01-what-is-an-spo.md",
    ),
    "invalid module slug": (
        {"02-premium__md": "---\ntitle: P\nminutes: 5\nslug: Premium Use\n---\nBody\n"},
        "02-premium.md",
        4,
        "not a valid slug",
    ),
    "missing translation": (
        {"02-premium__zh__md": None},
        "course.yml",
        7,
        "module '02-premium' has no zh text (02-premium.zh.md)",
    ),
    "invalid UTF-8": (
        {"02-premium__md": b"---\ntitle: Premium\nminutes: 5\n---\n\nCaf\xe9 prices\n"},
        "02-premium.md",
        6,
        "not valid UTF-8",
    ),
    "invalid UTF-8 after a BOM": (
        {"course__yml": b"\xef\xbb\xbf" + COURSE_YML.encode() + b"# \xff\n"},
        "course.yml",
        8,
        "not valid UTF-8",
    ),
    "empty body": (
        {"02-premium__md": "---\ntitle: Premium\nminutes: 5\n---\n\n   \n"},
        "02-premium.md",
        5,
        "empty",
    ),
    "unknown language suffix": (
        {"02-premium__fr__md": "---\ntitle: Prime\n---\nBody\n"},
        "02-premium.fr.md",
        None,
        "unknown language suffix 'fr'; supported: en, zh",
    ),
    "unlisted module file": (
        {"03-extra__md": "---\ntitle: Extra\nminutes: 5\n---\nBody\n"},
        "03-extra.md",
        None,
        "not listed in course.yml modules",
    ),
    "order that is not a whole number": (
        {"course__yml": COURSE_YML + "order: first\n"},
        "course.yml",
        8,
        "'order' must be a whole number from 1 to 1000, not 'first'",
    ),
    "oversized module file": (
        {"02-premium__md": "---\ntitle: P\nminutes: 5\n---\n" + "x" * MAX_MODULE_BYTES},
        "02-premium.md",
        None,
        f"file is {MAX_MODULE_BYTES + 28} bytes; the limit is {MAX_MODULE_BYTES}",
    ),
}


@pytest.mark.parametrize("case", BAD_INPUTS.values(), ids=BAD_INPUTS.keys())
def test_bad_input_names_file_and_line(tmp_path: Path, case) -> None:
    changes, filename, line, words = case
    folder = write_course(tmp_path, **changes)
    errors = load_errors(folder)
    prefix = f"{folder / filename}:{line}: " if line else f"{folder / filename}: "
    matching = [e for e in errors if str(e).startswith(prefix) and words in e.message]
    assert matching, "\n".join(map(str, errors))


def test_language_not_listed_is_reported_per_file(tmp_path: Path) -> None:
    course_yml = COURSE_YML.replace("[en, zh]", "[en]")
    course_yml = course_yml.replace("  zh: 小农组织基础\n", "")
    folder = write_course(tmp_path, course__yml=course_yml)
    errors = load_errors(folder)
    assert {(Path(e.path).name, e.line) for e in errors} == {
        ("01-what-is-an-spo.zh.md", None),
        ("02-premium.zh.md", None),
    }
    expected = "language 'zh' is not listed in course.yml languages"
    assert all(expected in str(e) for e in errors)


def test_all_errors_are_reported_together(tmp_path: Path) -> None:
    folder = write_course(
        tmp_path,
        course__yml=COURSE_YML + "version: 0\n",
        **{
            "01-what-is-an-spo__zh__md": "---\nminutes: 10\n---\n文本\n",
            "02-premium__md": "no front matter\n",
            "03-extra__md": "---\ntitle: Extra\nminutes: 5\n---\nBody\n",
        },
    )
    found = {(Path(e.path).name, e.line) for e in load_errors(folder)}
    assert found == {
        ("course.yml", 8),
        ("01-what-is-an-spo.zh.md", 2),
        ("02-premium.md", 1),
        ("03-extra.md", None),
    }


def test_alias_bomb_is_cheap(tmp_path: Path) -> None:
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 12):
        previous = f"*a{level - 1}"
        levels.append(f"a{level}: &a{level} [{', '.join([previous] * 10)}]")
    folder = write_course(tmp_path, course__yml=COURSE_YML + "\n".join(levels) + "\n")
    assert any("unknown key 'a11'" in str(e) for e in load_errors(folder))


def test_course_defaults_and_custom_settings(tmp_path: Path) -> None:
    course_yml = COURSE_YML + "slug: spo-101\nversion: 3\nstatus: published\n"
    course_yml += "certificate: false\nsummary: Start here.\n"
    course = load_course(write_course(tmp_path, "Any Folder", course__yml=course_yml))
    assert (course.slug, course.version, course.status) == ("spo-101", 3, "published")
    assert not course.certificate
    assert course.summaries == {"en": "Start here."}


def test_order_is_read_from_course_yml_and_optional(tmp_path: Path) -> None:
    ordered = load_course(write_course(tmp_path, course__yml=COURSE_YML + "order: 2\n"))
    assert ordered.order == 2
    assert load_course(write_course(tmp_path / "plain")).order is None
    errors = load_errors(write_course(tmp_path / "zero", course__yml=COURSE_YML + "order: 0\n"))
    assert [error.message for error in errors] == [
        "'order' must be a whole number from 1 to 1000, not 0"
    ]


def test_folder_name_must_be_a_slug_without_slug_key(tmp_path: Path) -> None:
    errors = load_errors(write_course(tmp_path, "SPO Basics"))
    assert any("folder name 'SPO Basics' is not a valid slug" in str(e) for e in errors)


def test_find_course_folders(tmp_path: Path) -> None:
    b = write_course(tmp_path, "b-course")
    a = write_course(tmp_path, "a-course")
    (tmp_path / "not-a-course").mkdir()
    assert find_course_folders(tmp_path) == [a, b]
    assert find_course_folders(a) == [a]
    with pytest.raises(ContentInvalid, match="not-a-course: no course.yml"):
        find_course_folders(tmp_path / "not-a-course")


def test_duplicate_course_slug_across_folders(tmp_path: Path) -> None:
    write_course(tmp_path, "first")
    second = write_course(tmp_path, "second", course__yml=COURSE_YML + "slug: first\n")
    errors = validate_courses([tmp_path])
    assert [str(e) for e in errors] == [
        f"{second / 'course.yml'}: course slug 'first' is already used by {tmp_path / 'first'}"
    ]


def test_load_courses_collects_errors_across_courses(tmp_path: Path) -> None:
    write_course(tmp_path, "good")
    write_course(tmp_path, "bad", course__yml=COURSE_YML + "colour: red\n")
    with pytest.raises(ContentInvalid) as caught:
        load_courses([tmp_path, tmp_path / "missing"])
    assert [Path(e.path).parent.name for e in caught.value.errors] == [
        tmp_path.name,
        "bad",
    ]


def test_load_courses_returns_every_course_once(tmp_path: Path) -> None:
    write_course(tmp_path, "one")
    write_course(tmp_path, "two")
    courses = load_courses([tmp_path, tmp_path / "one"])
    assert [course.slug for course in courses] == ["one", "two"]
    assert all(isinstance(course, CourseSource) for course in courses)
    assert validate_courses([tmp_path]) == []
