"""Login slips: the trainer prints one PDF for the accounts just made; each works once."""

import html
import re

import pypdfium2
import pytest

from lms.auth.slips import Slip, slips_pdf
from lms.certificates.fonts import FontMissing, find_cjk_font
from lms.extensions import db
from lms.models import AuditEvent, User

from ..certificate_helpers import pdf_image, qr_codes
from ..helpers import asks_first, csrf_token, login, post
from .test_participants import CHINESE_LIST, confirm, spos, upload  # noqa: F401

PASSWORD_ON_SLIP = re.compile(
    r"(?:One-time password · 一次性密码)\s+([a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4})"
)


def pdf_pages(data: bytes) -> list[str]:
    """Return the text of each page of a PDF, as a reader's copy-paste would give it."""
    document = pypdfium2.PdfDocument(data)
    try:
        return [page.get_textpage().get_text_range() for page in document]
    finally:
        document.close()


def print_slips(client, cohort, slips_page: str):
    """Press the slips page's button and confirm; return the confirmation text and the PDF."""
    people = re.search(r'name="people" value="([^"]*)"', client.get(slips_page).text)
    data = {"people": html.unescape(people.group(1))} if people else {}
    return asks_first(client, f"/cohorts/{cohort.id}/slips", data, page=slips_page)


def log_in_with(client, login_text: str, password: str):
    """Send the login form; return the response."""
    data = {"csrf_token": csrf_token(client, "/login"), "login": login_text, "password": password}
    return client.post("/login", data=data)


@pytest.fixture
def uploaded(client, people, cohort, spos):  # noqa: F811
    """The runner has added the Chinese list: three new accounts, on the slips page."""
    login(client, people["runner"])
    done = confirm(client, cohort, upload(client, cohort, CHINESE_LIST.encode()))
    return done.location


def test_the_slips_of_the_accounts_just_made(client, people, cohort, uploaded, app):
    """One PDF after asking first: each slip has the name, SPO, login, password and QR code."""
    page = client.get(uploaded)
    assert "王芳" in page.text and "+86 139 1234 5678" in page.text
    assert people["learner"].name not in page.text  # an older member with their own password
    question, response = print_slips(client, cohort, uploaded)
    assert "Passwords on slips printed before stop working" in html.unescape(question)
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.headers["Cache-Control"] == "no-store"
    text = pdf_pages(response.data)
    assert len(text) == 1
    assert "王芳" in text[0] and "勐海茶叶合作社" in text[0] and "+86 139 1234 5678" in text[0]
    assert "Anna Nguyen" in text[0] and "anna@example.org" in text[0] and "Da Lat Coffee" in text[0]
    assert "首次登录时请修改此密码" in text[0] and "Change this password" in text[0]
    assert "http://localhost/login" in text[0]
    assert qr_codes(pdf_image(response.data, scale=3)) == ["http://localhost/login"] * 3
    passwords = PASSWORD_ON_SLIP.findall(text[0])
    assert len(set(passwords)) == 3
    event = db.session.scalar(
        db.select(AuditEvent).where(AuditEvent.action == "cohort.login_slips")
    )
    assert len(event.detail["user_ids"]) == 3


def test_a_slip_logs_in_once_and_asks_for_a_new_password(client, people, cohort, uploaded, app):
    """The number typed another way and the slip's password: in, then straight to a new one."""
    _, response = print_slips(client, cohort, uploaded)
    text = pdf_pages(response.data)[0]
    chen = text.index("陈建国")
    password = PASSWORD_ON_SLIP.search(text, chen).group(1)
    learner = client.application.test_client()
    assert log_in_with(learner, "138 0013 8000", "wrong-password").status_code != 302
    entered = log_in_with(learner, "138 0013 8000", password)
    assert entered.status_code == 302
    forced = learner.get("/dashboard")
    assert forced.status_code == 302 and "/account/new-password" in forced.location
    chosen = post(
        learner,
        "/account/new-password",
        {"password": "my own tea garden 2025", "confirm": "my own tea garden 2025"},
        page="/account/new-password",
    )
    assert chosen.status_code == 302
    assert learner.get("/dashboard").status_code == 200
    # The slip's password was for once: it no longer logs in.
    again = client.application.test_client()
    assert log_in_with(again, "+8613800138000", password).status_code != 302
    # And Chen no longer waits for a slip.
    assert "陈建国" not in client.get(f"/cohorts/{cohort.id}/slips").text


def test_printing_again_gives_new_passwords(client, people, cohort, uploaded):
    """Slips printed before stop working when they are printed again."""
    _, first = print_slips(client, cohort, uploaded)
    old = PASSWORD_ON_SLIP.findall(pdf_pages(first.data)[0])
    _, second = print_slips(client, cohort, f"/cohorts/{cohort.id}/slips")
    new = PASSWORD_ON_SLIP.findall(pdf_pages(second.data)[0])
    assert len(new) == 3 and not set(old) & set(new)
    wang = db.session.scalar(db.select(User).where(User.name == "王芳"))
    assert log_in_with(client.application.test_client(), wang.mobile, old[0]).status_code != 302


def test_slips_leave_out_people_with_their_own_password_and_other_cohorts(
    client, people, cohort, uploaded, make_user
):
    """A trainer cannot print (and so reset) slips for someone outside this cohort's learners."""
    stranger = make_user(must_change_password=True, name="Outside Person")
    page = client.get(f"/cohorts/{cohort.id}/slips?people={stranger.id},{people['learner'].id}")
    assert "Outside Person" not in page.text and people["learner"].name not in page.text
    refused = post(
        client,
        f"/cohorts/{cohort.id}/slips",
        {"people": str(stranger.id), "confirmed": "1"},
        page=uploaded,
    )
    assert refused.status_code == 302
    assert db.session.get(User, stranger.id).password_hash == stranger.password_hash


def test_the_slip_drawing_works_from_plain_data():
    """Nine slips fill a page and a half; a Latin-only slip needs no CJK font."""
    slips = [
        Slip(
            f"Person {n}", "Da Lat Coffee", f"p{n}@example.org", "abcd-efgh-jkmn", "https://a/login"
        )
        for n in range(9)
    ]
    data = slips_pdf(slips, None)
    pages = pdf_pages(data)
    assert len(pages) == 2 and "Person 8" in pages[1] and "Person 7" in pages[0]
    with pytest.raises(FontMissing):
        slips_pdf([Slip("王芳", "", "x", "y", "https://a.example/login")], None)
    chinese = slips_pdf([Slip("王芳", "", "x", "y", "u")], find_cjk_font(None))
    assert "王芳" in pdf_pages(chinese)[0]
