"""A trainer writes a course on a phone in Chinese; a learner then reads it and takes its quiz.

One path through the browser only, after the two accounts are made: start the course,
add a module, write it with a picture, preview, save, add a quiz by GIFT, publish,
then log out and read it as a learner, from enrolling to the quiz's result.
"""

import re

from PIL import Image, ImageDraw
from playwright.sync_api import expect

from lms.extensions import db
from lms.models import Course, QuizAttempt, Role

from .conftest import (
    PHONE,
    SQUEEZED_CELLS,
    Screen,
    log_in,
    no_horizontal_scroll,
    open_page,
    screenshot,
)

PHONE_CHINESE = Screen("phone", PHONE, "zh_Hans")
SLUG = "tea-drying"
HEADING = "晾晒鲜叶的三个要点"
BODY = f"""## {HEADING}

鲜叶采下后要尽快摊开晾晒，**不要堆放**，否则叶子会发热变红。

- 摊叶厚度不超过两厘米
- 每小时翻动一次
- 下雨时移到棚内
"""
PICTURE_ALT = "晾茶棚里摊开的鲜叶"
# Two questions, written in Chinese as a trainer would paste them: one choice, one true/false.
GIFT = """\
// [id:thickness]
::摊叶厚度::鲜叶摊开晾晒时，厚度最多是多少？ {
=两厘米#对：太厚的叶子会发热。
~十厘米#不对：叶子会堆在一起发热变红。
}

// [id:rain]
::下雨::下雨时，鲜叶应该移到棚内。 {T#对：雨水会让鲜叶变质。}
"""


def _photo(folder):
    """Draw a small PNG of a drying shed into ``folder``; return its path."""
    image = Image.new("RGB", (480, 320), (236, 240, 228))
    drawing = ImageDraw.Draw(image)
    drawing.polygon([(40, 140), (240, 40), (440, 140)], fill=(120, 84, 52))
    drawing.rectangle([(70, 140), (410, 290)], fill=(64, 128, 72))
    path = folder / "晾茶棚.png"
    image.save(path, format="PNG")
    return path


def _fits(page, where: str) -> None:
    """Check that the page is no wider than the phone and that no table cell is squeezed."""
    assert no_horizontal_scroll(page), f"{where} is wider than the phone"
    assert page.evaluate(SQUEEZED_CELLS) == [], f"{where} has cells narrower than their content"


def _picture_loaded(picture) -> bool:
    """Tell whether an <img> has been fetched and decoded (a broken one is 0 wide)."""
    picture.scroll_into_view_if_needed()
    return picture.evaluate("img => img.complete && img.naturalWidth > 0")


def test_a_trainer_writes_and_publishes_a_course_on_a_phone_and_a_learner_takes_it(
    browser, live_server, make_user, make_org, backend, tmp_path
):
    """Create, write, picture, preview, save, quiz, publish; then enrol, read and pass it."""
    trainer = make_user(Role.TRAINER, name="陈静", creates_courses=True)
    learner = make_user(organization=make_org(name_zh="勐海茶叶合作社"), name="王芳")
    db.session.rollback()  # hold no read transaction while the server writes
    page = open_page(browser, live_server, PHONE_CHINESE)
    page.set_default_timeout(10_000)
    base = page.base_url

    log_in(page, trainer)
    page.locator("header").get_by_role("link", name="我负责的课程").click()
    page.get_by_role("link", name="创建课程").click()
    expect(page.locator("h1")).to_have_text("创建课程")
    _fits(page, "the course form")
    page.get_by_label("网址").fill(SLUG)
    page.get_by_label("主要语言").select_option("zh")
    page.get_by_label("英文标题").fill("Drying fresh tea leaves")
    page.get_by_label("英文简介").fill("How to spread and turn fresh leaves so they keep well.")
    page.get_by_label("中文标题").fill("鲜叶晾晒")
    page.get_by_label("中文简介").fill("如何摊开和翻动鲜叶，让叶子保持新鲜。")
    page.get_by_label("预计分钟数").fill("30")
    page.get_by_label("为完成课程的学员颁发证书").check()
    page.get_by_role("button", name="创建这门课程").click()
    expect(page.locator(".flash-success")).to_have_text("课程已创建。请在下面添加第一个单元。")
    expect(page.locator("h1")).to_have_text("鲜叶晾晒")
    _fits(page, "the new course's page")

    page.get_by_label("新单元标题").fill("晾晒鲜叶")
    page.get_by_label("网址（可不填）").fill("spreading-leaves")
    page.get_by_role("button", name="添加并开始编写").click()
    expect(page.locator("h1")).to_contain_text("晾晒鲜叶")
    _fits(page, "the module editor")
    editor = page.locator("#text-zh")
    editor.get_by_label("正文（Markdown）").fill(BODY)
    pictures = page.locator("#add-picture")
    pictures.get_by_label("图片", exact=True).set_input_files(_photo(tmp_path))
    pictures.get_by_label("图片内容").fill(PICTURE_ALT)
    pictures.get_by_role("button", name="上传并插入").click()
    expect(page.locator(".flash-success")).to_contain_text("图片")
    body = editor.get_by_label("正文（Markdown）").input_value()
    assert re.search(rf"!\[{PICTURE_ALT}\]\(images/[0-9a-f]+\.png\)\s*$", body), body

    page.get_by_role("button", name="预览", exact=True).click()
    expect(page.locator(".flash-info")).to_contain_text("目前还没有保存")
    preview = page.locator("#preview-zh")
    expect(preview.locator("h2")).to_have_text(HEADING)
    expect(preview.locator("strong")).to_have_text("不要堆放")
    shown = preview.get_by_role("img", name=PICTURE_ALT)
    expect(shown).to_have_count(1)
    assert _picture_loaded(shown), "the preview's picture did not load"
    _fits(page, "the editor's preview")
    screenshot(page, f"authoring-preview-phone-zh-{backend}")

    page.get_by_role("button", name="保存草稿").click()
    expect(page.locator(".flash-success")).to_have_text("草稿已保存。发布课程后学员才能看到。")
    assert editor.get_by_label("正文（Markdown）").input_value().startswith(f"## {HEADING}")

    page.locator(".editor-links").get_by_role("link", name="测验").click()
    expect(page.locator("#questions h2")).to_have_text("添加题目")
    _fits(page, "the quiz page")
    questions = page.locator("#questions")
    questions.locator("textarea").fill(GIFT)
    questions.get_by_role("button", name="保存题目").click()
    expect(page.locator(".flash-success")).to_have_text("新增 2 道题，修改 0 道题，停用 0 道题。")
    expect(page.locator(".key-question")).to_have_count(2)
    _fits(page, "the quiz's answer key")

    page.locator(".crumbs a").click()
    page.get_by_role("link", name="查看并发布…").click()
    expect(page.locator(".publish-changes.added")).to_contain_text("晾晒鲜叶")
    _fits(page, "the publish page")
    page.get_by_label("修改说明").fill("第一版：晾晒鲜叶和两道测验题。")
    screenshot(page, f"authoring-publish-phone-zh-{backend}")
    page.get_by_role("button", name="立即发布").click()
    expect(page.locator(".flash-success")).to_have_text(
        "已发布。学员现在读到的是新版本（1 个单元有变化）。"
    )
    page.get_by_role("button", name="退出登录").click()

    log_in(page, learner)
    page.locator("header").get_by_role("link", name="课程", exact=True).click()
    page.get_by_role("link", name="鲜叶晾晒").click()
    expect(page.locator("h1")).to_have_text("鲜叶晾晒")
    _fits(page, "the course page")
    page.get_by_role("button", name="报名并开始学习").click()
    article = page.locator("article.module")
    expect(article.locator("h1")).to_have_text("晾晒鲜叶")
    expect(article.locator("h2")).to_have_text(HEADING)
    expect(article).to_contain_text("每小时翻动一次")
    picture = article.get_by_role("img", name=PICTURE_ALT)
    assert _picture_loaded(picture), "the learner's picture did not load"
    _fits(page, "the published module")
    screenshot(page, f"authoring-learner-module-phone-zh-{backend}")

    page.click(".quiz-card a.button")
    page.get_by_role("button", name="开始测验").click()
    page.locator("#question-1 label.option", has_text="两厘米").click()
    _fits(page, "the quiz's first question")
    page.click(".quiz-nav button[value=next]")
    page.locator("#question-2 label.option", has_text="对").click()
    page.click(".quiz-nav button[value=next]")
    _fits(page, "the quiz's summary")
    page.click("form[action$='/submit'] button")
    result = page.locator(".card.result")
    expect(result.locator(".score")).to_have_text("您的得分：100%")
    expect(page.locator(".badge-ok")).to_have_count(2)
    _fits(page, "the quiz's result")
    screenshot(page, f"authoring-learner-result-phone-zh-{backend}")
    page.context.close()

    course = db.session.scalar(db.select(Course).where(Course.slug == SLUG))
    assert course.status == "published" and course.default_language == "zh"
    assert course.minutes == 30 and course.certificate
    assert {text.language: text.title for text in course.texts} == {
        "en": "Drying fresh tea leaves",
        "zh": "鲜叶晾晒",
    }
    attempt = db.session.scalars(db.select(QuizAttempt)).one()
    assert attempt.user_id == learner.id and attempt.passed and attempt.language == "zh"
    outside = [url for url in page.requests if not url.startswith(base)]
    assert outside == [], f"requests to outside hosts: {outside}"
