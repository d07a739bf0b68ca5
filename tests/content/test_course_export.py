"""Tests for writing courses back to folders, losslessly."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lms.content.course_export import dump_course
from lms.content.course_format import (
    CourseSource,
    ModuleSource,
    ModuleText,
    load_course,
)

RICH_COURSE_YML = """\
slug: fairtrade-premium
version: 2
status: published
default_language: zh
languages: [zh, en]
certificate: false
title:
  zh: 公平贸易溢价
  en: "The Fairtrade Premium: how to use it"
summary:
  zh: |
    学习如何规划溢价。
  en: "yes"
modules:
  - 01-basics
  - 02_planning
"""
BASICS_ZH = """\
---
title: 基础知识
minutes: 15
---

[TOC]

## 什么是溢价？

| 年份 | 金额 |
|:----|----:|
| 2023 | 1,000 |

!!! note "注意"
    保存所有收据。
"""
BASICS_EN = "---\ntitle: 'null'\nminutes: 15\n---\n## Premium\n\n```py\nx = 1\n```\n"
PLANNING_ZH = "---\ntitle: 规划\nminutes: 30\nslug: plan-it\nrequired: false\n---\n规\n"
PLANNING_EN = "---\ntitle: 'Planning: step #1'\n---\n\n\nPlan it.   \n\n"


def write_rich_course(folder: Path) -> Path:
    folder.mkdir()
    files = {
        "course.yml": RICH_COURSE_YML,
        "01-basics.md": BASICS_ZH,
        "01-basics.en.md": BASICS_EN,
        "02_planning.md": PLANNING_ZH,
        "02_planning.en.md": PLANNING_EN,
    }
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_rich_course_round_trips(tmp_path: Path) -> None:
    loaded = load_course(write_rich_course(tmp_path / "source"))
    assert loaded.modules[1].slug == "plan-it" and not loaded.modules[1].required
    assert loaded.modules[1].texts["en"].body_markdown == "Plan it."
    assert loaded.summaries == {"zh": "学习如何规划溢价。", "en": "yes"}
    written = dump_course(loaded, tmp_path / "export")
    assert sorted(path.name for path in written) == [
        "01-basics.en.md",
        "01-basics.md",
        "02_planning.en.md",
        "02_planning.md",
        "course.yml",
    ]
    assert load_course(tmp_path / "export") == loaded


def test_export_is_deterministic_and_minimal(tmp_path: Path) -> None:
    loaded = load_course(write_rich_course(tmp_path / "source"))
    dump_course(loaded, tmp_path / "one")
    dump_course(load_course(tmp_path / "one"), tmp_path / "two")
    for path in (tmp_path / "one").iterdir():
        assert path.read_bytes() == (tmp_path / "two" / path.name).read_bytes()
    planning_en = (tmp_path / "one" / "02_planning.en.md").read_text(encoding="utf-8")
    expected = "---\ntitle: 'Planning: step #1'\nminutes: 30\n---\n\nPlan it.\n"
    assert planning_en == expected
    basics = (tmp_path / "one" / "01-basics.md").read_text(encoding="utf-8")
    assert "slug:" not in basics and "required:" not in basics
    assert basics.endswith("保存所有收据。\n")


YAML_SPECIAL = st.sampled_from(
    ["yes", "no", "null", "~", "1.0", "0x1F", "1e3", ": x", "#", "- item", "---", "...",
     "'quoted'", '"double"', "a: b", "@at", "`tick`", "!tag", "&anchor", "*alias", "%", "{x}"]
)  # fmt: skip
LINE_CHARACTERS = st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"))
TEXT = st.text(LINE_CHARACTERS, max_size=40)
TITLES = st.one_of(YAML_SPECIAL, TEXT).map(str.strip).filter(bool)
BODY_TEXT = st.characters(blacklist_categories=("Cs",), blacklist_characters="\r")
BODY = st.text(BODY_TEXT, max_size=200)
BODIES = st.one_of(YAML_SPECIAL, BODY).map(str.strip).filter(bool)
SLUGS = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}", fullmatch=True)


@st.composite
def courses(draw) -> CourseSource:
    languages = draw(st.sampled_from([("en",), ("zh",), ("en", "zh"), ("zh", "en")]))
    default = draw(st.sampled_from(languages))
    modules = []
    for position in range(1, draw(st.integers(1, 3)) + 1):
        # Suffixes keep derived ("x-1") and custom ("x-m1") slugs unique in the course.
        stem = f"{position:02d}-{draw(SLUGS)}-{position}"
        custom = SLUGS.map(lambda s, p=position: f"{s}-m{p}")
        slug = draw(st.one_of(st.just(stem[3:]), custom))
        texts = {lang: ModuleText(draw(TITLES), draw(BODIES)) for lang in languages}
        modules.append(
            ModuleSource(
                slug=slug,
                stem=stem,
                position=position,
                minutes=draw(st.integers(1, 600)),
                required=draw(st.booleans()),
                texts=texts,
            )
        )
    summaries = {lang: draw(st.one_of(st.just(""), TITLES)) for lang in languages}
    return CourseSource(
        slug=draw(SLUGS),
        version=draw(st.integers(1, 1000)),
        status=draw(st.sampled_from(["draft", "published", "archived"])),
        default_language=default,
        languages=languages,
        certificate=draw(st.booleans()),
        titles={language: draw(TITLES) for language in languages},
        summaries=summaries,
        modules=tuple(modules),
    )


@settings(max_examples=75, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(course=courses())
def test_dump_then_load_is_lossless(course: CourseSource) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "course"
        dump_course(course, folder)
        assert load_course(folder) == course
