"""Certificates in a producer's words: what the digital certificate is for, who issued it."""

import re

import pytest

from lms.certificates.serials import format_serial
from lms.config import DEFAULTS
from lms.extensions import db

from ..certificate_helpers import finish_course, pdf_text
from ..helpers import login, post

CHINESE = {"Accept-Language": "zh-CN,zh;q=0.9"}
ISSUER_ZH = DEFAULTS["LMS_CERTIFICATE_ISSUER_ZH"]


@pytest.fixture
def certificate(people, make_org, imported_course):
    """Return the certificate of an SPO with a Chinese name."""
    people["learner"].organization.name_zh = "普洱茶合作社"
    db.session.commit()
    return finish_course(people["learner"], imported_course)


def test_my_certificates_says_what_the_digital_certificate_is_for(client, people, certificate):
    """The link says what it does; the technical name stays in the details."""
    login(client, people["learner"])
    page = client.get("/certificates").text
    link = "Digital certificate (to keep in a wallet app or send to a buyer)"
    assert link in page and "Open Badge (.jwt)" not in page
    actions = re.sub(r"<[^>]+>", "", page.split('<p class="actions">')[1].split("</p>")[0])
    assert "Open Badges" not in actions and ".jwt" not in actions
    details = page.split("<details")[1].split("</details>")[0]
    assert "Technical details" in details and "Open Badges 3.0" in details


def test_the_verification_form_asks_for_the_digital_certificate(client):
    """The credential form is named by what the learner downloaded."""
    page = client.get("/verify").text
    assert "By digital certificate" in page and "By Open Badge credential" not in page


def test_a_chinese_reader_sees_the_issuer_and_spo_in_chinese(client, certificate):
    """The verification page names the issuer and the SPO in Chinese."""
    page = client.get(f"/verify/{format_serial(certificate.serial)}", headers=CHINESE).text
    assert ISSUER_ZH in page and "普洱茶合作社" in page
    english = client.get(f"/verify/{format_serial(certificate.serial)}").text
    assert ISSUER_ZH not in english and DEFAULTS["LMS_CERTIFICATE_ISSUER"] in english


def test_the_chinese_issuer_is_configurable(app, client, certificate):
    """``LMS_CERTIFICATE_ISSUER_ZH`` names the issuer for Chinese readers."""
    app.config["LMS_CERTIFICATE_ISSUER_ZH"] = "测试学院"
    try:
        page = client.get(f"/verify/{format_serial(certificate.serial)}", headers=CHINESE)
    finally:
        app.config["LMS_CERTIFICATE_ISSUER_ZH"] = ISSUER_ZH
    assert "测试学院" in page.text


def test_the_pdf_names_the_issuer_in_both_languages(client, people, certificate):
    """The bilingual certificate prints the Chinese issuer beside the English one."""
    login(client, people["learner"])
    response = client.get(f"/certificates/{format_serial(certificate.serial)}/certificate.pdf")
    text = pdf_text(response.data)
    assert DEFAULTS["LMS_CERTIFICATE_ISSUER"] in text and ISSUER_ZH in text


def test_an_old_issuer_name_is_not_translated(client, certificate):
    """A certificate issued under an earlier name keeps that name, in every language."""
    certificate.issuer_name = "Earlier Academy"
    db.session.commit()
    page = client.get(f"/verify/{format_serial(certificate.serial)}", headers=CHINESE).text
    assert "Earlier Academy" in page and ISSUER_ZH not in page


def test_chinese_staff_see_spo_names_in_chinese(client, people):
    """The SPO drop-down of the user form lists the Chinese names."""
    people["learner"].organization.name_zh = "普洱茶合作社"
    db.session.commit()
    login(client, people["admin"])
    post(client, "/language", {"locale": "zh_Hans"}, page="/")
    form = client.get("/admin/users/new").text
    assert "普洱茶合作社" in form and "Pu&#39;er Tea Cooperative" not in form
