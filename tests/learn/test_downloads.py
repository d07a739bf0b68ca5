"""A module's files: listed on its page in the reader's language, sent to those who may read it."""

import hashlib
from urllib.parse import quote

from lms.extensions import db
from lms.models import ModuleAttachment

from ..helpers import COURSES, counted_statements, login, post

MODULE = "/courses/spo-principles/modules/fairtrade-premium"
PLAN_EN = COURSES / "spo-principles" / "files" / "development-plan.en.docx"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ZH = {"Accept-Language": "zh-CN,zh;q=0.9"}


def enrolled(client, user):
    login(client, user)
    post(client, "/courses/spo-principles/enrol", page="/courses/spo-principles")


def test_the_module_lists_its_files_in_one_statement(client, imported_course, people):
    """Show title, type and size under "Downloads" without reading the page in more statements."""
    enrolled(client, people["learner"])
    with counted_statements() as statements:
        page = client.get(MODULE).text
    assert len(statements) <= 3, "\n".join(s[:90] for s in statements)
    assert '<h2 id="downloads-heading">Downloads</h2>' in page
    size = -(-PLAN_EN.stat().st_size // 1024)
    assert "Fairtrade Development Plan template (Word)" in page
    assert f"Word document · {size} KB" in page
    assert f'href="{MODULE}/files/development-plan.en.docx"' in page
    # No list on a module without files.
    assert "Downloads" not in client.get("/courses/spo-principles/modules/what-is-an-spo").text


def test_a_chinese_reader_gets_the_chinese_files(client, imported_course, people):
    """List the Chinese file under 下载 with its type in Chinese."""
    enrolled(client, people["learner"])
    page = client.get(MODULE, headers=ZH).text
    assert ">下载</h2>" in page and "公平贸易发展计划模板（Word）" in page
    assert "Word 文档 · " in page and "development-plan.zh.docx" in page
    assert "development-plan.en.docx" not in page


def test_a_language_without_files_shows_the_course_language_s(client, imported_course, people):
    """Fall back to the course's default language's files when the reader's has none."""
    db.session.execute(db.delete(ModuleAttachment).where(ModuleAttachment.language == "zh"))
    db.session.commit()
    enrolled(client, people["learner"])
    page = client.get(MODULE, headers=ZH).text
    assert ">下载</h2>" in page and "Fairtrade Development Plan template (Word)" in page


def test_the_file_is_sent_as_a_download_with_its_etag(client, imported_course, people):
    """Send the bytes with their type, as an attachment named after the file, revalidated."""
    enrolled(client, people["learner"])
    response = client.get(f"{MODULE}/files/development-plan.en.docx")
    data = PLAN_EN.read_bytes()
    assert response.status_code == 200 and response.data == data
    assert response.mimetype == DOCX
    assert response.headers["Content-Disposition"] == (
        "attachment; filename=development-plan.en.docx"
    )
    assert response.headers["ETag"] == f'"{hashlib.sha256(data).hexdigest()}"'
    assert response.headers["Cache-Control"] == "private, no-cache"
    again = client.get(
        f"{MODULE}/files/development-plan.en.docx",
        headers={"If-None-Match": response.headers["ETag"]},
    )
    assert again.status_code == 304 and not again.data


def test_a_chinese_file_name_is_sent_in_utf_8(client, imported_course, people):
    """Give a Chinese name as filename* in UTF-8, with an ASCII fallback."""
    row = db.session.scalar(db.select(ModuleAttachment).where(ModuleAttachment.language == "zh"))
    row.filename = "发展计划.docx"
    db.session.commit()
    enrolled(client, people["learner"])
    assert quote("发展计划.docx") in client.get(MODULE, headers=ZH).text
    response = client.get(f"{MODULE}/files/{quote('发展计划.docx')}")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == (
        f"attachment; filename=download.docx; filename*=UTF-8''{quote('发展计划.docx')}"
    )


def test_only_enrolled_readers_get_the_file(client, imported_course, people):
    """Answer 404 to the unenrolled and for files the module lacks; send visitors to log in."""
    url = f"{MODULE}/files/development-plan.en.docx"
    visitor = client.get(url)
    assert visitor.status_code == 302 and "/login" in visitor.headers["Location"]
    login(client, people["learner"])
    assert client.get(url).status_code == 404
    post(client, "/courses/spo-principles/enrol", page="/courses/spo-principles")
    assert client.get(url).status_code == 200
    assert client.get(f"{MODULE}/files/no-such-file.docx").status_code == 404
    other_module = "/courses/spo-principles/modules/what-is-an-spo"
    assert client.get(f"{other_module}/files/development-plan.en.docx").status_code == 404
