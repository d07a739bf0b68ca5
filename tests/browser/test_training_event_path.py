"""A training event on phones, in Chinese: the list, the slips, and a learner's first login."""

import re
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from lms.extensions import db
from lms.models import User

from ..certificate_helpers import pdf_text
from .conftest import PHONE, Screen, log_in, no_horizontal_scroll, open_page, screenshot

PHONE_CHINESE = Screen("phone", PHONE, "zh_Hans")
# As Excel in China saves "CSV": GB18030, Chinese headings, the number written one way.
PARTICIPANTS = (
    "姓名,小农组织/合作社,手机,语言\n王芳,勐海茶叶合作社,+86 139 1234 5678,中文\n"
    "陈建国,勐海茶叶合作社,+86 13800138000,中文\n"
).encode("gb18030")
STARTER = re.compile(r"([a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4})")


def serious_findings(page) -> list[str]:
    """Return what axe-core finds serious or critical on the page as it stands."""
    violations = Axe().run(page).response["violations"]
    return [v["id"] for v in violations if v["impact"] in {"serious", "critical"}]


def test_a_trainer_prints_slips_and_a_learner_logs_in_with_one(
    browser, live_server, people, cohort, make_org, backend
):
    """Upload, preview, add, download the slips; then the number typed another way logs in."""
    make_org("menghai-tea", name="Menghai Tea Cooperative", name_zh="勐海茶叶合作社", country="CN")
    db.session.rollback()  # hold no read transaction while the server writes
    trainer = open_page(browser, live_server, PHONE_CHINESE)
    base = trainer.base_url
    log_in(trainer, people["runner"])
    trainer.goto(f"{base}/cohorts/{cohort.id}")
    assert no_horizontal_scroll(trainer) and serious_findings(trainer) == []
    upload = trainer.locator("form.participants-upload")
    # First a list with a mistake: a number one digit short.
    mistake = PARTICIPANTS.replace(b"13800138000", b"1380013800")
    upload.locator("input[type=file]").set_input_files(
        {"name": "学员名单.csv", "mimeType": "text/csv", "buffer": mistake}
    )
    upload.get_by_role("button", name="预览").click()
    expect(trainer.locator(".problems li")).to_have_text(
        ["第 3 行“手机”列：这个手机号无效，请核对数字（+86 1380013800）。"]
    )
    assert no_horizontal_scroll(trainer) and serious_findings(trainer) == []
    screenshot(trainer, f"participants-problems-phone-zh-{backend}")
    upload = trainer.locator("form[enctype='multipart/form-data']")
    upload.locator("input[type=file]").set_input_files(
        {"name": "学员名单.csv", "mimeType": "text/csv", "buffer": PARTICIPANTS}
    )
    upload.get_by_role("button", name="预览").click()

    table = trainer.locator("table")
    expect(table).to_contain_text("王芳")
    expect(table).to_contain_text("+86 138 0013 8000")
    expect(table.locator("td[data-label='账号']")).to_have_text(["新账号", "新账号"])
    assert no_horizontal_scroll(trainer), "the preview is wider than the phone"
    assert serious_findings(trainer) == []
    screenshot(trainer, f"participants-preview-phone-zh-{backend}")
    trainer.get_by_role("button", name="将 2 人加入培训班").click()

    expect(trainer.locator("h1")).to_contain_text("登录条")
    expect(trainer.locator("ul.slip-people")).to_contain_text("陈建国")
    assert no_horizontal_scroll(trainer) and serious_findings(trainer) == []
    screenshot(trainer, f"participants-slips-phone-zh-{backend}")
    trainer.get_by_role("button", name="下载登录条（PDF）").click()
    expect(trainer.locator(".consequence").first).to_contain_text("以前打印的登录条上的密码将失效")
    assert no_horizontal_scroll(trainer)
    with trainer.expect_download() as download_info:
        trainer.get_by_role("button", name="生成新密码并下载登录条").click()
    data = Path(download_info.value.path()).read_bytes()
    text = pdf_text(data)
    assert "王芳" in text and "首次登录时请修改此密码" in text
    password = STARTER.search(text, text.index("陈建国")).group(1)
    trainer.context.close()

    learner = open_page(browser, live_server, PHONE_CHINESE)
    learner.goto(f"{base}/login")
    learner.fill("#login", "138 0013 8000")
    learner.fill("#password", password)
    learner.click("form.card button[type=submit]")
    learner.wait_for_url(re.compile(r"/account/new-password"))
    expect(learner.locator("h1")).to_have_text("设置您的密码")
    assert no_horizontal_scroll(learner)
    learner.fill("#password", "my own tea garden 2025")
    learner.fill("#confirm", "my own tea garden 2025")
    learner.click("form.card button[type=submit]")
    learner.wait_for_url(lambda url: "/account/new-password" not in url)

    learner.goto(f"{base}/courses/spo-principles")
    learner.locator("ol.outline li a").first.click()
    expect(learner.locator("form[action$='/complete'] button")).to_have_text("标记为已完成")
    expect(learner.locator("main")).to_contain_text("小农组织")
    assert no_horizontal_scroll(learner), "the module is wider than the phone"
    screenshot(learner, f"participants-first-module-phone-zh-{backend}")
    learner.context.close()
    chen = db.session.scalar(db.select(User).where(User.name == "陈建国"))
    assert chen.mobile == "+8613800138000" and not chen.must_change_password
