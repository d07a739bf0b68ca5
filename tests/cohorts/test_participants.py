"""Participants in bulk: a trainer uploads a list, sees a preview, and adds everyone at once."""

import html
import io
import re

import pytest
from openpyxl import Workbook
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from lms.extensions import db
from lms.models import AuditEvent, CohortMember, Enrolment, Role, User

from ..helpers import ROLES, csrf_token, login

UPLOAD_STATUS = {"anonymous": 302, "learner": 403, "coordinator": 403, "trainer": 403}
UPLOAD_STATUS |= {"runner": 200, "admin": 200}

CHINESE_LIST = (
    "姓名,小农组织/合作社,手机,邮箱,语言\n"
    "王芳,勐海茶叶合作社,+86 139 1234 5678,,中文\n"
    "陈建国,menghai-tea,13800138000,,zh\n"
    "Anna Nguyen,FT-7788,,anna@example.org,English\n"
)


@pytest.fixture
def spos(make_org):
    """Two SPOs: one in China (with a Chinese name and Fairtrade ID), one in Viet Nam."""
    return {
        "menghai": make_org(
            "menghai-tea", name="Menghai Tea Cooperative", name_zh="勐海茶叶合作社", country="China"
        ),
        "dalat": make_org(
            "dalat-coffee", name="Da Lat Coffee", country="Vietnam", fairtrade_id="FT-7788"
        ),
    }


def upload(client, cohort, data: bytes, filename="participants.csv"):
    """Upload ``data`` as the list of participants, from the cohort's page."""
    page = f"/cohorts/{cohort.id}"
    upload = FileStorage(io.BytesIO(data), filename, content_type="text/csv")
    # Encoded in memory: the test client would spool a large body to a file it never closes.
    boundary, body = encode_multipart({"csrf_token": csrf_token(client, page), "file": upload})
    content_type = f"multipart/form-data; boundary={boundary}"
    return client.post(f"{page}/participants", data=body, content_type=content_type)


def confirm(client, cohort, preview):
    """Press the preview's button that adds everyone."""
    rows = re.search(r'id="rows" name="rows" type="hidden" value="([^"]*)"', preview.text)
    assert rows, "the preview has no confirm button"
    data = {"csrf_token": csrf_token(client, f"/cohorts/{cohort.id}"), "rows": rows.group(1)}
    return client.post(f"/cohorts/{cohort.id}/participants/confirm", data=data)


def xlsx(rows: list[list]) -> bytes:
    """Return an XLSX file whose first sheet holds ``rows``."""
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    data = io.BytesIO()
    book.save(data)
    return data.getvalue()


def problems(page) -> list[str]:
    """Return the problems a page lists, as the reader sees them."""
    items = re.findall(r'<li class="error">(.*?)</li>', page.text, re.S)
    return [" ".join(html.unescape(re.sub(r"<[^>]+>", " ", item)).split()) for item in items]


def accounts(page) -> list[str]:
    """Return the preview's Account column: new, existing, or already in the cohort."""
    return re.findall(r'data-label="Account"><span class="cell">(.*?)</span>', page.text)


def state():
    """Return the accounts and memberships, to see that nothing changed."""
    db.session.expire_all()
    users = db.session.scalars(db.select(User.id).order_by(User.id)).all()
    members = db.session.scalars(db.select(CohortMember.id).order_by(CohortMember.id)).all()
    return users, members


@pytest.mark.parametrize("role", ROLES)
def test_who_may_upload_participants(client, people, cohort, spos, role):
    """The cohort's trainer and admins; a learner, a coordinator and another trainer may not."""
    if role != "anonymous":
        login(client, people[role])
        token = csrf_token(client, "/account")
    else:
        token = ""
    data = {"csrf_token": token, "file": (io.BytesIO(CHINESE_LIST.encode()), "list.csv")}
    response = client.post(f"/cohorts/{cohort.id}/participants", data=data)
    assert response.status_code == UPLOAD_STATUS[role]
    confirmed = client.post(
        f"/cohorts/{cohort.id}/participants/confirm", data={"csrf_token": token, "rows": "x"}
    )
    assert confirmed.status_code == {"runner": 400, "admin": 400}.get(role, UPLOAD_STATUS[role])
    assert client.get(f"/cohorts/{cohort.id}/slips").status_code == UPLOAD_STATUS[role]
    slips = client.post(f"/cohorts/{cohort.id}/slips", data={"csrf_token": token})
    assert slips.status_code == {"runner": 302, "admin": 302}.get(role, UPLOAD_STATUS[role])
    assert db.session.scalar(db.select(User).where(User.name == "王芳")) is None


def test_a_chinese_list_in_gb18030_makes_accounts_after_the_preview(
    client, people, cohort, spos, imported_course
):
    """GB18030 as Excel writes it in China: Chinese names, numbers read in China, languages."""
    login(client, people["runner"])
    preview = upload(client, cohort, CHINESE_LIST.encode("gb18030"))
    assert preview.status_code == 200, problems(preview)
    assert "王芳" in preview.text and "+86 139 1234 5678" in preview.text
    assert accounts(preview) == ["New account"] * 3
    assert db.session.scalar(db.select(User).where(User.name == "王芳")) is None
    done = confirm(client, cohort, preview)
    assert done.status_code == 302 and "/slips?people=" in done.location
    made = {user.name: user for user in db.session.scalars(db.select(User).where(User.id > 0))}
    wang, chen, anna = made["王芳"], made["陈建国"], made["Anna Nguyen"]
    assert (wang.mobile, chen.mobile) == ("+8613912345678", "+8613800138000")
    assert anna.email == "anna@example.org" and anna.mobile is None
    assert wang.organization == spos["menghai"] and anna.organization == spos["dalat"]
    assert (wang.locale, chen.locale, anna.locale) == ("zh_Hans", "zh_Hans", "en")
    assert all(u.role == Role.LEARNER and u.must_change_password for u in (wang, chen, anna))
    assert {wang.id, chen.id, anna.id} <= {row.user_id for row in cohort.members}
    enrolled = db.session.scalars(
        db.select(Enrolment.user_id).where(Enrolment.course_id == imported_course.id)
    ).all()
    assert {wang.id, chen.id, anna.id} <= set(enrolled)
    event = db.session.scalar(
        db.select(AuditEvent).where(AuditEvent.action == "cohort.upload_participants")
    )
    assert sorted(event.detail["made"]) == sorted([wang.id, chen.id, anna.id])


def test_the_same_file_twice_changes_nothing_the_second_time(client, people, cohort, spos):
    """Uploaded again (as XLSX this time), everyone is matched and already in the cohort."""
    login(client, people["runner"])
    confirm(client, cohort, upload(client, cohort, CHINESE_LIST.encode("utf-8-sig")))
    before = state()
    audits = db.session.scalar(db.select(db.func.count(AuditEvent.id)))
    rows = [line.split(",") for line in CHINESE_LIST.splitlines()]
    rows[2][2] = 13800138000  # a number cell, as Excel keeps a typed number
    again = upload(client, cohort, xlsx(rows), "participants.xlsx")
    assert again.status_code == 200, problems(again)
    assert accounts(again) == ["Already in the cohort"] * 3
    done = confirm(client, cohort, again)
    assert done.status_code == 302
    assert state() == before
    assert db.session.scalar(db.select(db.func.count(AuditEvent.id))) == audits


def test_an_existing_account_of_the_spo_is_matched_by_its_number(
    client, people, cohort, spos, make_user
):
    """The number written another way names the same account: it joins, nothing is made."""
    member = make_user(organization=spos["menghai"], mobile="+8613800138000", name="Chen J.")
    login(client, people["admin"])
    preview = upload(client, cohort, "name,spo,mobile\n陈建国,menghai-tea,138-0013-8000\n".encode())
    assert accounts(preview) == ["Existing account"]
    users_before = state()[0]
    confirm(client, cohort, preview)
    assert state()[0] == users_before
    assert member.id in {row.user_id for row in cohort.members}
    assert db.session.get(User, member.id).name == "Chen J."


def test_every_bad_row_is_listed_and_nothing_is_made(client, people, cohort, spos, make_user):
    """Each kind of bad row, with its line and column; the good rows are not added either."""
    make_user(organization=spos["dalat"], email="taken@example.org")
    listing = (
        "Name,SPO,E-mail,Mobile,Language\n"
        "Good Person,menghai-tea,good@example.org,,en\n"  # 2: fine, but not added
        ",menghai-tea,a@example.org,,en\n"  # 3: no name
        "Li Ming,Nowhere Coop,b@example.org,,en\n"  # 4: unknown SPO
        "Zhao Lei,menghai-tea,,1380013,zh\n"  # 5: not a mobile number
        "Xu Yan,menghai-tea,good@example.org,,zh\n"  # 6: same e-mail as line 2
        "Ma Li,menghai-tea,taken@example.org,,zh\n"  # 7: someone of another SPO
        "Sun Wei,menghai-tea,,,zh\n"  # 8: neither e-mail nor mobile
        '=HYPERLINK("x"),menghai-tea,c@example.org,,zh\n'  # 9: a formula
        "Hu Jun,menghai-tea,d@example.org,,French\n"  # 10: unknown language
    )
    login(client, people["runner"])
    before = state()
    page = upload(client, cohort, listing.encode())
    assert page.status_code == 400
    found = problems(page)
    expected = [
        "Line 3, column “Name”: The name is missing.",
        "Line 4, column “SPO”: No SPO is called “Nowhere Coop”.",
        "Line 5, column “Mobile”: This mobile number is not valid: check its digits (1380013).",
        "Line 6, column “E-mail”: Same as line 2.",
        "Line 7, column “E-mail”: This belongs to the account of someone in another SPO.",
        "Line 8, column “Mobile”: Give an e-mail or a mobile number.",
        "Line 9, column “Name”: This cell starts with “=”, so a spreadsheet would run it as a "
        "formula. Write it without that sign.",
        "Line 10, column “Language”: Write the language as en or zh (English or 中文).",
    ]
    assert found == expected
    assert 'name="rows"' not in page.text
    assert state() == before


def test_a_formula_in_an_xlsx_is_read_as_text_and_refused(client, people, cohort, spos):
    """An XLSX cell holding a formula is never evaluated: its text is shown and refused."""
    login(client, people["runner"])
    data = xlsx([["姓名", "合作社", "手机"], ["=1+1", "menghai-tea", "@13800138000"]])
    page = upload(client, cohort, data, "list.xlsx")
    assert page.status_code == 400
    assert problems(page)[0].startswith("Line 2, column “姓名”: This cell starts with “=”")


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"name,spo,mobile\n" + b"x" * (2 * 1024 * 1024), "big.csv", "larger than 2 MB"),
        (
            b"name,spo,mobile\n" + b"Li,menghai-tea,13800138000\n" * 5001,
            "long.csv",
            "more than 5000 participants",
        ),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "list.pdf", "neither a CSV nor an XLSX"),
        (b"PK\x03\x04 not really a workbook", "list.xlsx", "neither a CSV nor an XLSX"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "list.xls", "old Excel file"),
        (
            b"name,spo,mobile\nLi,menghai-tea,1\n\xff\xfe\xff,x,y\n",
            "list.csv",
            "Line 3 is neither UTF-8 nor GB18030",
        ),
        (b"first,second\n1,2\n", "list.csv", "Line 1 must head the columns"),
    ],
    ids=["over-2-MB", "over-5000-rows", "pdf", "broken-zip", "xls", "encoding", "headings"],
)
def test_a_file_that_cannot_be_read_says_why(client, people, cohort, spos, data, filename, message):
    """Too large, too long, of another kind, in another encoding, without headings."""
    login(client, people["runner"])
    before = state()
    page = upload(client, cohort, data, filename)
    assert page.status_code == 400
    assert message in html.unescape(page.text)
    assert state() == before


def test_a_tampered_preview_adds_nobody(client, people, cohort, spos):
    """The rows come back signed: an altered list is refused."""
    login(client, people["runner"])
    preview = upload(client, cohort, CHINESE_LIST.encode())
    rows = re.search(r'name="rows" type="hidden" value="([^"]*)"', preview.text).group(1)
    data = {"csrf_token": csrf_token(client, f"/cohorts/{cohort.id}"), "rows": rows[:-2] + "xx"}
    before = state()
    refused = client.post(f"/cohorts/{cohort.id}/participants/confirm", data=data)
    assert refused.status_code == 400 and "Upload the file again" in refused.text
    assert state() == before


def test_the_pages_read_in_chinese(client, people, cohort, spos):
    """A Chinese trainer reads the preview and its problems in Chinese."""
    login(client, people["runner"])
    client.get("/language/zh_Hans")
    page = upload(client, cohort, "姓名,合作社,手机\n,menghai-tea,138\n".encode())
    assert "第 2 行" in page.text and "没有添加任何人" in page.text


def test_a_national_number_is_read_in_the_country_of_its_spo(client, people, cohort, spos):
    """0912 345 678 is a Vietnamese mobile for Da Lat Coffee, and no number for a Chinese SPO."""
    login(client, people["runner"])
    listing = (
        "name,spo,mobile\nNguyen Van An,dalat-coffee,0912 345 678\nLi,menghai-tea,0912 345 678\n"
    )
    page = upload(client, cohort, listing.encode())
    assert problems(page) == [
        "Line 3, column “mobile”: This mobile number is not valid: check its digits (0912 345 678)."
    ]
    good = upload(client, cohort, listing.rsplit("\n", 2)[0].encode())
    assert "+84 912 345 678" in good.text
    confirm(client, cohort, good)
    nguyen = db.session.scalar(db.select(User).where(User.name == "Nguyen Van An"))
    assert nguyen.mobile == "+84912345678" and nguyen.organization == spos["dalat"]
