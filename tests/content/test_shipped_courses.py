"""The shipped curriculum as a reader meets it: five complete courses, in English and Chinese.

Reads every module in both languages from ``courses/`` and every quiz from
``quizzes/`` and checks what issue 5 promises: 4–8 modules of 600–1,500 words
(1,000–3,000 Chinese characters), a quiz per module of 6–10 questions of several
types, a final quiz, every quiz in both languages, and no broken link or image.
"""

import re
from pathlib import Path

import pytest

from lms.content.curriculum import load_curriculum
from lms.content.markdown import render_markdown

from ..helpers import COURSES, QUIZZES

COURSE_SLUGS = (
    "spo-principles",
    "life-cycle-assessment",
    "digital-transformation",
    "fintech",
    "running-the-spo",
)
LANGUAGES = ("en", "zh")
CJK = re.compile(r"[\u4e00-\u9fff]")
LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)[^)]*\)")
MANUAL_TYPES = {"essay", "description"}

CURRICULUM = load_curriculum([COURSES, QUIZZES])
COURSES_BY_SLUG = {course.slug: course for course in CURRICULUM.courses}
MODULES = [
    pytest.param(course, module, id=f"{course.slug}/{module.stem}")
    for course in CURRICULUM.courses
    for module in course.modules
]


def english_words(text: str) -> int:
    """Count whitespace-separated words, as a reader of English would."""
    return len(text.split())


def chinese_characters(text: str) -> int:
    """Count Chinese characters (a Chinese text's length is measured in characters)."""
    return len(CJK.findall(text))


def test_the_five_courses_are_shipped_in_both_languages():
    """Each course exists, is published, offers a certificate, and has 4–8 modules."""
    assert set(COURSES_BY_SLUG) == set(COURSE_SLUGS)
    for course in CURRICULUM.courses:
        assert course.status == "published" and course.certificate
        assert set(course.languages) == set(LANGUAGES)
        assert all(course.titles.get(language) for language in LANGUAGES)
        assert all(course.summaries.get(language) for language in LANGUAGES)
        assert 4 <= len(course.modules) <= 8, course.slug


@pytest.mark.parametrize(("course", "module"), MODULES)
def test_every_module_is_long_enough_to_teach_and_short_enough_to_read(course, module):
    """600–1,500 English words; 1,000–3,000 Chinese characters; a title in both."""
    english, chinese = module.texts["en"], module.texts["zh"]
    assert english.title and chinese.title and CJK.search(chinese.title)
    assert 600 <= english_words(english.body_markdown) <= 1500
    assert 1000 <= chinese_characters(chinese.body_markdown) <= 3000
    # Written in Chinese, not a copy of the English.
    assert chinese_characters(chinese.body_markdown) > len(chinese.body_markdown) / 3


@pytest.mark.parametrize(("course", "module"), MODULES)
def test_every_module_has_its_quiz_in_both_languages(course, module):
    """A quiz per module: 6–10 questions (a final quiz 10–15), several types, no essays."""
    assert module.quiz is not None, "module without a quiz"
    quiz = CURRICULUM.quizzes[module.quiz.file]
    final = module is course.modules[-1]
    low, high = (10, 15) if final else (6, 10)
    assert low <= len(quiz.questions) <= high
    types = {question.qtype for question in quiz.questions}
    assert len(types) >= 3 and not types & MANUAL_TYPES
    translated = quiz.translations["zh"]
    assert [q.ident for q in translated] == [q.ident for q in quiz.questions]


def test_each_course_ends_with_a_final_quiz():
    """The last module reviews the course; its quiz is the course's final quiz."""
    for course in CURRICULUM.courses:
        last = course.modules[-1]
        assert last.quiz.file == f"{course.slug}-final", course.slug


@pytest.mark.parametrize(("course", "module"), MODULES)
def test_no_module_has_a_broken_link_or_image(course, module):
    """Links go to the web or to a file that exists in the course folder; images exist."""
    folder = Path(course.path)
    for language in LANGUAGES:
        body = module.texts[language].body_markdown
        for target in LINK.findall(body):
            if target.startswith(("https://", "http://", "mailto:", "#")):
                assert not LINK.match("!" + target), "images must be served by the academy"
                continue
            assert (folder / target.split("#")[0]).is_file(), f"{language}: {target}"
        html = render_markdown(body)
        assert 'src=""' not in html and 'href=""' not in html


def test_question_ids_are_unique_across_the_curriculum():
    """Reports match questions by id, so no two quizzes share one."""
    idents = [q.ident for quiz in CURRICULUM.quizzes.values() for q in quiz.questions]
    assert len(idents) == len(set(idents))
