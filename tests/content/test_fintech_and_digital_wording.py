"""The FinTech and digital transformation courses say one thing one way (issue 15).

An insurance price is an "insurance premium", never a bare "premium" that a
reader could take for the Fairtrade Premium; one control has one name across
courses, and quizzes accept both of its names; Chinese readers meet NAPP's
Chinese name first; the facts the subject review corrected stay corrected.
"""

import re
from pathlib import Path

import pytest

from lms.content.curriculum import load_curriculum
from lms.content.gift import QUESTION_TYPES

from ..helpers import COURSES, QUIZZES

CURRICULUM = load_curriculum([COURSES, QUIZZES])
COURSES_BY_SLUG = {course.slug: course for course in CURRICULUM.courses}
SLUGS = ("fintech", "digital-transformation")


def english_texts(slug):
    """Every English module body, other page and quiz file (comments left out) of a course."""
    course = COURSES_BY_SLUG[slug]
    texts = {module.stem: module.texts["en"].body_markdown for module in course.modules}
    for path in sorted(Path(course.path).glob("*.md")):
        if not path.name.endswith(".zh.md") and path.stem not in texts:
            texts[path.name] = path.read_text(encoding="utf-8")
    for path in sorted(Path(QUIZZES).glob(f"{slug}-*.gift")):
        if not path.name.endswith(".zh.gift"):
            lines = path.read_text(encoding="utf-8").splitlines()
            texts[path.name] = "\n".join(line for line in lines if not line.startswith("//"))
    return texts


def chinese_bodies(slug):
    """The Chinese module bodies of one course, in the course's order."""
    return [module.texts["zh"].body_markdown for module in COURSES_BY_SLUG[slug].modules]


def question(ident, language="en"):
    """Find one shipped question by id, in English or in its Chinese translation."""
    for quiz in CURRICULUM.quizzes.values():
        questions = quiz.questions if language == "en" else quiz.translations["zh"]
        for found in questions:
            if found.ident == ident:
                return found
    raise LookupError(ident)


def accepts(found, typed):
    """Whether typing ``typed`` earns full marks."""
    return QUESTION_TYPES[found.qtype].grade(found.data, typed) == 1.0


@pytest.mark.parametrize("slug", SLUGS)
def test_an_insurance_price_is_always_called_insurance_premium(slug):
    """Lower-case "premium" comes only as "insurance premium"; "Premium" is Fairtrade's."""
    for where, text in english_texts(slug).items():
        for match in re.finditer(r"\bpremiums?\b", text):
            before = text[max(0, match.start() - 10) : match.start()].lower()
            context = text[max(0, match.start() - 40) : match.end()]
            assert before.endswith("insurance "), f"{where}: ...{context}"
        assert "Premium (insurance)" not in text, where


def test_grain_cost_and_income_insurance_covers_the_whole_country():
    """Since 2024 nationwide, not only in the main producing areas, in both languages."""
    module = COURSES_BY_SLUG["fintech"].modules[2]
    english, chinese = module.texts["en"].body_markdown, module.texts["zh"].body_markdown
    assert "covered the whole country since 2024" in english
    assert "extended in the main producing areas" not in english
    assert "自 2024 年起" in chinese and "在全国全面实施" in chinese
    assert "已在主产区扩大实施" not in chinese


@pytest.mark.parametrize("slug", SLUGS)
def test_two_step_verification_is_the_one_name_of_the_second_check(slug):
    """Modules and trainer's guide use one name; the other comes only as "also called"."""
    folder = Path(COURSES_BY_SLUG[slug].path)
    english = " ".join(p.read_text() for p in folder.glob("*.md") if not p.name.endswith(".zh.md"))
    chinese = " ".join(p.read_text() for p in folder.glob("*.zh.md"))
    assert "two-step verification" in english.lower() and "两步验证" in chinese
    others = english.lower().count("two-factor authentication")
    assert others == english.count("(also called two-factor authentication)") == 1
    assert chinese.count("双重身份验证") == chinese.count("两步验证（也叫双重身份验证）") == 1


@pytest.mark.parametrize(
    ("language", "names"),
    [
        ("en", ["two-step verification", "Two-factor authentication", "2FA", "two-step"]),
        ("zh", ["两步验证", "双重身份验证", "双因素认证"]),
    ],
)
def test_the_quiz_accepts_both_names_of_two_step_verification(language, names):
    found = question("fin5-second-check", language)
    assert all(accepts(found, name) for name in names)
    assert not accepts(found, "password" if language == "en" else "密码")


@pytest.mark.parametrize(
    ("ident", "language", "names"),
    [
        # The accountant does everything alone: both controls are missing.
        ("fin4-segregation", "en", ["segregation of duties", "two-person approval"]),
        ("fin4-segregation", "zh", ["不相容岗位分离", "不相容职务分离", "两人审批"]),
        ("dig6-red-letter", "en", ["red-letter invoice", "red-letter e-invoice"]),
        ("dig6-red-letter", "zh", ["红字发票", "红字数电发票"]),
    ],
)
def test_short_answers_accept_the_names_the_modules_use(ident, language, names):
    found = question(ident, language)
    assert all(accepts(found, name) for name in names)


@pytest.mark.parametrize("slug", SLUGS)
def test_chinese_readers_meet_napps_chinese_name_first(slug):
    """The first mention of NAPP in a course's Chinese text explains it."""
    text = "\n".join(chinese_bodies(slug))
    first = text.index("NAPP")
    assert "公平贸易亚太地区生产者网络" in text[max(0, first - 30) : first]


def test_e_invoices_read_naturally_in_chinese():
    """No word-for-word "compliance by design"; the common older name beside 数电发票."""
    module = COURSES_BY_SLUG["digital-transformation"].modules[5]
    chinese = module.texts["zh"].body_markdown
    assert "全电发票" in chinese and "数电发票" in chinese
    for slug in SLUGS:
        assert not any("合规内嵌于设计" in body for body in chinese_bodies(slug))
    assert "合规内嵌于设计" not in (Path(QUIZZES) / "digital-transformation-06.zh.gift").read_text()
