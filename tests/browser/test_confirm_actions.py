"""Destructive buttons ask first, with JavaScript off: Cancel changes nothing, Confirm acts.

Replacing a quiz's questions by GIFT, which asks the same way, is in
``test_confirm_questions.py``.
"""

import pytest
from playwright.sync_api import expect

from lms.cohorts.services import add_members, save_cohort
from lms.extensions import db
from lms.learn.services import enrol
from lms.models import Certificate, CohortMember, CourseTrainer, Enrolment, Organization

from .conftest import log_in, no_horizontal_scroll, screenshot, words


@pytest.fixture
def javascript() -> bool:
    """Run every test here with JavaScript off: the confirmation pages must not need it."""
    return False


def _rows(statement) -> list:
    """Return what ``statement`` selects now, and hold no transaction while the server writes."""
    db.session.expire_all()
    rows = list(db.session.scalars(statement))
    db.session.rollback()
    return rows


def _cancel_then_confirm(page, button, title: str, says: str, shot: str, kept) -> None:
    """Press ``button``, Cancel, check ``kept()`` (nothing changed); press it again, Confirm.

    Each press must open a page that asks ``title``, says what will happen (``says``
    is on it) and fits the screen.
    """
    for choice in ("a.cancel", "button[type=submit]"):
        button.click()
        expect(page.locator("h1")).to_have_text(title)
        card = page.locator(".confirm-card")
        expect(card.locator("h2")).to_have_text(words(page, "What will happen", "将会发生什么"))
        expect(card).to_contain_text(says)
        expect(card.locator("form.confirm a.cancel")).to_have_text(words(page, "Cancel", "取消"))
        assert no_horizontal_scroll(page), f"{shot} is wider than the screen"
        screenshot(page, shot)
        card.locator(f"form.confirm {choice}").click()
        page.wait_for_load_state("load")
        if choice == "a.cancel":
            kept()


def _flash(page):
    return page.locator(".flash-success")


def test_new_enrolment_code_asks_first(screen, people):
    """An admin's "New code" says the old code stops working; only Confirm replaces it."""
    spo = people["learner"].organization
    spo.name_zh = "普洱茶合作社"
    db.session.commit()
    name = words(screen, spo.name, spo.name_zh)
    old = spo.enrolment_code
    code = db.select(Organization.enrolment_code).where(Organization.id == spo.id)
    log_in(screen, people["admin"])
    screen.goto(f"{screen.base_url}/admin/organizations")
    row = screen.locator("tr", has_text=name)
    new_code = row.get_by_role("button", name=words(screen, "New code", "更换注册码"))

    title = words(screen, f"Give {name} a new enrolment code?", f"要为{name}更换注册码吗？")

    def kept():
        expect(screen).to_have_url(f"{screen.base_url}/admin/organizations")
        expect(row.locator("code")).to_have_text(old)
        assert _rows(code) == [old]

    _cancel_then_confirm(screen, new_code, title, old, "confirm-new-code", kept)
    [renewed] = _rows(code)
    assert renewed != old
    expect(_flash(screen)).to_have_text(
        words(screen, f"New enrolment code: {renewed}", f"新的注册码：{renewed}")
    )
    expect(row.locator("code")).to_have_text(renewed)
    # Read out to members over the phone, the code must not break at its hyphen.
    assert row.locator("code").evaluate("code => code.getClientRects().length") == 1
    screenshot(screen, "confirmed-new-code")


def test_removing_a_course_trainer_asks_first(screen, people, imported_course):
    """An admin's "Remove" next to a trainer asks; Cancel keeps them, Confirm removes them."""
    runner = people["runner"]
    trainers = db.select(CourseTrainer.user_id).where(CourseTrainer.course_id == imported_course.id)
    log_in(screen, people["admin"])
    screen.goto(f"{screen.base_url}/manage/courses/spo-principles")
    listed = screen.locator("ul.trainers li", has_text=runner.name)
    remove = listed.get_by_role("button", name=words(screen, "Remove", "移除"))

    title = words(
        screen, f"Stop {runner.name} running this course?", f"要让{runner.name}不再负责本课程吗？"
    )
    says = words(
        screen, "The learners' progress and certificates are kept.", "学员的学习进度和证书"
    )

    def kept():
        expect(listed).to_have_count(1)
        assert _rows(trainers) == [runner.id]

    _cancel_then_confirm(screen, remove, title, says, "confirm-remove-trainer", kept)
    expect(_flash(screen)).to_have_text(
        words(screen, "The trainer no longer runs this course.", "该培训师已不再负责本课程。")
    )
    expect(listed).to_have_count(0)
    assert _rows(trainers) == []
    screenshot(screen, "confirmed-remove-trainer")


def test_removing_a_cohort_member_asks_first(screen, people, imported_course):
    """The cohort's trainer removes a learner: asked first, and the enrolment stays."""
    runner, learner = people["runner"], people["learner"]
    cohort = save_cohort(
        None,
        runner,
        name="Menghai spring training",
        place="Menghai",
        starts_on=None,
        ends_on=None,
        course_ids=[imported_course.id],
    )
    add_members(cohort, learner.email, runner, ["CN"])
    db.session.commit()
    members = db.select(CohortMember.user_id).where(
        CohortMember.cohort_id == cohort.id, CohortMember.trainer.is_(False)
    )
    log_in(screen, runner)
    screen.goto(f"{screen.base_url}/cohorts/{cohort.id}")
    member = screen.locator("section.member", has_text=learner.name)
    remove = member.get_by_role(
        "button", name=words(screen, "Remove from the cohort", "移出培训班")
    )

    title = words(
        screen,
        f"Remove {learner.name} from Menghai spring training?",
        f"要把{learner.name}移出“Menghai spring training”吗？",
    )
    says = words(screen, "They stay enrolled in its courses", "仍注册在培训班的课程中")

    def kept():
        expect(member).to_have_count(1)
        assert _rows(members) == [learner.id]

    _cancel_then_confirm(screen, remove, title, says, "confirm-remove-member", kept)
    expect(_flash(screen)).to_have_text(words(screen, "Removed from the cohort.", "已移出培训班。"))
    expect(member).to_have_count(0)
    assert _rows(members) == []
    enrolled = db.select(Enrolment.id).where(Enrolment.user_id == learner.id)
    assert len(_rows(enrolled)) == 1  # removing from the cohort does not unenrol
    screenshot(screen, "confirmed-remove-member")


def test_recording_the_whole_course_as_completed_asks_first(screen, people, imported_course):
    """From Courses I run to a learner: the whole course asks; Confirm completes and certifies."""
    learner = people["learner"]
    enrol(learner, imported_course)
    db.session.commit()
    completed = db.select(Enrolment.completed_at).where(Enrolment.user_id == learner.id)
    certified = db.select(Certificate.id).where(Certificate.user_id == learner.id)
    log_in(screen, people["runner"])
    expect(screen.locator("h1")).to_have_text(words(screen, "Courses I run", "我负责的课程"))
    course = imported_course.text(words(screen, "en", "zh")).title
    screen.locator("section.manage-course h2").get_by_role("link", name=course).click()
    screen.get_by_role(
        "link", name=words(screen, "Learners and completion", "学员与完成情况")
    ).click()
    screen.get_by_role("link", name=learner.name).click()
    expect(screen.locator("h1")).to_have_text(learner.name)
    whole = screen.get_by_role(
        "button", name=words(screen, "Record the whole course as completed", "将整门课程记为已完成")
    )

    title = words(
        screen,
        f"Record the whole course as completed for {learner.name}?",
        f"要为{learner.name}将整门课程记为已完成吗？",
    )
    says = words(screen, "Record as completed and issue the certificate", "记为已完成并颁发证书")

    def kept():
        expect(screen.locator("h1")).to_have_text(learner.name)
        expect(whole).to_have_count(1)
        assert _rows(completed) == [None] and _rows(certified) == []

    _cancel_then_confirm(screen, whole, title, says, "confirm-whole-course", kept)
    modules = len(imported_course.modules)
    expect(_flash(screen)).to_have_text(
        words(
            screen,
            f"Recorded as completed for {learner.name}: {modules} modules.",
            f"已为 {learner.name} 记录完成：{modules} 个单元。",
        )
    )
    expect(whole).to_have_count(0)
    assert _rows(completed) != [None] and len(_rows(certified)) == 1
    screenshot(screen, "confirmed-whole-course")
