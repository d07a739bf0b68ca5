"""Certificate pages by role: downloads, public verification, revocation, ZIPs, trainers."""

import io
import zipfile

import pytest

from lms.certificates.serials import format_serial, new_serial
from lms.certificates.services import revoke
from lms.extensions import db
from lms.learn.services import active_modules, enrol
from lms.models import AuditEvent, Certificate, Role

from ..certificate_helpers import certificate_count, finish_course, pdf_text
from ..helpers import ROLES, asks_first, login, post


@pytest.fixture
def certificate(people, imported_course):
    """Return the certificate of the people fixture's learner (Li Wei, Pu'er SPO)."""
    return finish_course(people["learner"], imported_course)


def _as(client, people, role):
    if role != "anonymous":
        login(client, people[role])
    return client


PDF_STATUS = {"anonymous": 302, "learner": 200, "coordinator": 200, "trainer": 404}
PDF_STATUS |= {"runner": 404, "admin": 200}


@pytest.mark.parametrize("role", ROLES)
def test_who_may_download_the_pdf(client, people, certificate, role):
    """The learner, their SPO's coordinator and admins; nobody else learns it exists."""
    path = f"/certificates/{format_serial(certificate.serial)}/certificate.pdf"
    response = _as(client, people, role).get(path)
    assert response.status_code == PDF_STATUS[role]
    if response.status_code == 200:
        assert response.mimetype == "application/pdf"
        assert "Li Wei" in pdf_text(response.data)


def test_another_spos_coordinator_cannot_download(client, people, certificate, make_user, make_org):
    """Changing the serial in the URL gives nothing for a certificate of another SPO."""
    other = make_user(Role.COORDINATOR, organization=make_org("other-spo", name="Other SPO"))
    login(client, other)
    path = f"/certificates/{format_serial(certificate.serial)}/certificate.pdf"
    assert client.get(path).status_code == 404
    assert "Li Wei" not in client.get("/reports/certificates").text


@pytest.mark.parametrize("role", ROLES)
def test_only_the_learner_downloads_the_credential(client, people, certificate, role):
    """The signed credential is the holder's own; staff download the PDF instead."""
    path = f"/certificates/{format_serial(certificate.serial)}/credential.jwt"
    response = _as(client, people, role).get(path)
    expected = {"anonymous": 302, "learner": 200}.get(role, 404)
    assert response.status_code == expected
    if expected == 200:
        assert response.data.count(b".") == 2


@pytest.mark.parametrize("role", ["anonymous", "learner", "admin"])
def test_anyone_can_verify_a_serial_without_logging_in(client, people, certificate, role):
    """The public page says valid, for whom and for what."""
    page = _as(client, people, role).get(f"/verify/{format_serial(certificate.serial)}")
    assert page.status_code == 200
    assert "This certificate is valid." in page.text
    assert "Li Wei" in page.text and "Pu&#39;er Tea Cooperative" in page.text
    assert "SPO principles and the Fairtrade standard" in page.text


def test_a_serial_typed_by_hand_is_found(client, certificate):
    """Lower case, spaces, O for 0 and l for 1 are forgiven."""
    typed = format_serial(certificate.serial).lower().replace("-", " ")
    typed = typed.replace("0", "o").replace("1", "l")
    response = client.get("/verify", query_string={"serial": typed}, follow_redirects=True)
    assert "This certificate is valid." in response.text


def test_wrong_serials_all_get_the_same_answer(client, certificate):
    """Unknown, malformed or nearly right: one answer that reveals nothing."""
    near = certificate.serial[:-1] + ("A" if certificate.serial[-1] != "A" else "B")
    answers = set()
    for serial in (new_serial(), format_serial(near), "hello", "1234", "x" * 200, "%00"):
        response = client.get(f"/verify/{serial}")
        assert response.status_code == 404
        # The page's own answer; the header's language switch names the current path.
        answers.add(response.text.split('<main id="content">')[1])
    assert len(answers) == 1
    assert "No certificate has this serial." in answers.pop()


def test_verification_lookups_are_rate_limited(app, client, certificate):
    """Guessing serials in bulk is stopped after the limit."""
    app.config["LMS_VERIFY_RATE_LIMIT"] = "5 per minute"
    try:
        codes = [client.get(f"/verify/{new_serial()}").status_code for _ in range(7)]
    finally:
        app.config["LMS_VERIFY_RATE_LIMIT"] = "60 per minute"
    assert codes[:5] == [404] * 5 and codes[-1] == 429


REVOKE_STATUS = {"anonymous": 302, "learner": 403, "coordinator": 403, "trainer": 403}
REVOKE_STATUS |= {"runner": 403, "admin": 200}


@pytest.mark.parametrize("role", ROLES)
def test_only_admins_open_the_revocation_page(client, people, certificate, role):
    """Revoking is an admin's power (design.md §1)."""
    response = _as(client, people, role).get(f"/admin/certificates/{certificate.id}")
    assert response.status_code == REVOKE_STATUS[role]


def test_an_admin_revokes_with_a_reason_and_everyone_sees_it(client, people, certificate):
    """An empty reason is refused; then the public page says revoked, with the date."""
    login(client, people["admin"])
    page = f"/admin/certificates/{certificate.id}"
    refused = post(client, page, {"reason": "  "}, page=page)
    assert refused.status_code == 400 and "Say why the certificate is revoked." in refused.text
    assert db.session.get(Certificate, certificate.id).revoked_at is None
    post(client, page, {"reason": "Completed by someone else"}, page=page)
    db.session.expire_all()
    revoked = db.session.get(Certificate, certificate.id)
    assert revoked.revoked_reason == "Completed by someone else"
    event = db.session.scalar(
        db.select(AuditEvent).where(AuditEvent.action == "certificate.revoke")
    )
    assert event.actor_id == people["admin"].id
    public = client.get(f"/verify/{format_serial(certificate.serial)}").text
    assert "was revoked on" in public and "This certificate is valid." not in public
    assert "Completed by someone else" not in public  # the reason is for staff
    login(client, people["learner"])
    mine = client.get("/certificates").text
    assert "was revoked on" in mine and "certificate.pdf" not in mine
    pdf = f"/certificates/{format_serial(certificate.serial)}/certificate.pdf"
    assert client.get(pdf).status_code == 410


LEARNER_PAGES = ["/courses/spo-principles", "/dashboard", "/certificates"]


def test_a_learner_is_told_on_each_page_that_their_certificate_was_revoked(
    client, people, certificate, imported_course
):
    """Say on the course page, My learning and My certificates when and why it was revoked."""
    login(client, people["learner"])
    for page in LEARNER_PAGES:
        assert "was revoked" not in client.get(page).text
    revoke(certificate, "Completed by someone else", people["admin"])
    db.session.commit()
    for page in LEARNER_PAGES:
        text = client.get(page).text
        notice = text[text.index('class="flash flash-error revoked-notice"') :]
        notice = notice[: notice.index("</p>")]
        assert (
            "Your certificate for SPO principles and the Fairtrade standard was revoked" in notice
        )
        assert str(certificate.revoked_at.year) in notice, page
        assert "Reason: Completed by someone else" in notice, page
    course = client.get("/courses/spo-principles").text
    assert "Your certificate is ready." not in course and "certificate.pdf" not in course
    assert "Certificate (PDF)" not in client.get("/dashboard").text
    people["learner"].locale = "zh_Hans"
    db.session.commit()
    for page in LEARNER_PAGES:
        text = client.get(page).text
        assert (
            "证书已于" in text and "被撤销" in text and "原因：Completed by someone else" in text
        ), page


def test_another_learner_sees_no_revocation_notice(
    client, people, certificate, make_user, make_org
):
    """Show the notice to the certificate's learner only."""
    revoke(certificate, "Completed by someone else", people["admin"])
    other = make_user(organization=make_org("other-spo", name="Other SPO"))
    enrol(other, certificate.course)
    db.session.commit()
    login(client, other)
    for page in LEARNER_PAGES:
        assert "revoked" not in client.get(page).text


def test_a_pasted_credential_is_checked_on_the_verify_page(client, people, certificate):
    """Paste the downloaded file's text; then upload it; then a tampered copy."""
    login(client, people["learner"])
    token = client.get(
        f"/certificates/{format_serial(certificate.serial)}/credential.jwt"
    ).get_data(as_text=True)
    client.post("/logout", data={})
    anonymous = client.application.test_client()
    pasted = post(anonymous, "/verify", {"text": token}, page="/verify")
    assert "This certificate is valid." in pasted.text and "Li Wei" in pasted.text
    upload = post(
        anonymous,
        "/verify",
        {"file": (io.BytesIO(token.encode()), "certificate.jwt")},
        page="/verify",
        content_type="multipart/form-data",
    )
    assert "This certificate is valid." in upload.text
    tampered = token[:-6] + ("AAAAAA" if not token.endswith("AAAAAA") else "BBBBBB")
    bad = post(anonymous, "/verify", {"text": tampered}, page="/verify")
    assert "This credential is not valid." in bad.text and "Li Wei" not in bad.text
    empty = post(anonymous, "/verify", {"text": ""}, page="/verify")
    assert empty.status_code == 400 and "Paste the digital certificate here" in empty.text


def _zip_names(response) -> list[str]:
    return sorted(zipfile.ZipFile(io.BytesIO(response.data)).namelist())


def test_a_coordinator_downloads_their_spos_certificates_as_one_zip(
    client, people, imported_course, make_user, make_org
):
    """Only their SPO's certificates; each file a PDF named by course and serial."""
    spo = people["learner"].organization
    mine = [finish_course(people["learner"], imported_course)]
    mine.append(finish_course(make_user(organization=spo, name="张伟"), imported_course))
    other = finish_course(make_user(organization=make_org("far-away")), imported_course)
    login(client, people["coordinator"])
    response = client.get("/reports/certificates.zip")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    names = _zip_names(response)
    expected = sorted(
        f"spo-principles/certificate-spo-principles-{format_serial(c.serial)}.pdf" for c in mine
    )
    assert names == expected and format_serial(other.serial) not in str(names)
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    texts = [pdf_text(archive.read(name)) for name in names]
    assert any("张伟" in text for text in texts)
    # Asking for another SPO by id gives nothing more.
    sneaky = client.get(
        "/reports/certificates.zip", query_string={"organization": other.organization_id}
    )
    assert sneaky.status_code == 302


def test_an_admin_filters_the_zip_by_spo_and_course(
    client, people, imported_course, make_user, make_org
):
    """Any SPO for an admin; the course filter narrows it; revoked ones stay out."""
    far = make_org("far-away", name="Far Away SPO")
    first = finish_course(make_user(organization=far, name="A"), imported_course)
    second = finish_course(make_user(organization=far, name="B"), imported_course)
    finish_course(people["learner"], imported_course)
    second.revoked_at = second.issued_at
    db.session.commit()
    login(client, people["admin"])
    response = client.get(
        "/reports/certificates.zip",
        query_string={"organization": far.id, "course": imported_course.id},
    )
    serial = format_serial(first.serial)
    assert _zip_names(response) == [f"spo-principles/certificate-spo-principles-{serial}.pdf"]
    listing = client.get("/reports/certificates", query_string={"organization": far.id}).text
    assert "Revoked" in listing and format_serial(second.serial) in listing


@pytest.mark.parametrize("role", ROLES)
def test_who_sees_the_certificate_list(client, people, certificate, role):
    """Coordinators and admins; learners and trainers are refused."""
    response = _as(client, people, role).get("/reports/certificates")
    expected = {"anonymous": 302, "coordinator": 200, "admin": 200}.get(role, 403)
    assert response.status_code == expected


def test_a_trainer_records_the_course_as_completed_and_the_certificate_follows(
    client, people, imported_course
):
    """Manual completion goes through the same path: course complete, certificate issued."""
    learner = people["learner"]
    enrol(learner, imported_course)
    db.session.commit()
    login(client, people["runner"])
    listing = client.get("/manage/courses/spo-principles/learners")
    assert listing.status_code == 200 and "Li Wei" in listing.text
    page = f"/manage/courses/spo-principles/learners/{learner.id}"
    first = active_modules(imported_course)[0]
    post(client, page + "/complete", {"module": str(first.id)}, page=page)
    assert certificate_count() == 0
    asked, response = asks_first(
        client, page + "/complete", {"module": "all"}, page=page, state=certificate_count
    )
    assert "Record the whole course as completed for Li Wei?" in asked
    left = len(active_modules(imported_course)) - 1
    assert f"{left} modules left are recorded as completed on your word" in asked
    assert "Li Wei is issued the course certificate at once" in asked
    assert response.location == page
    assert certificate_count() == 1
    assert db.session.scalar(db.select(Certificate)).user_id == learner.id
    actions = db.session.scalars(db.select(AuditEvent.action)).all()
    assert actions.count("module.complete_for_learner") == len(active_modules(imported_course))


def test_recording_the_last_module_left_asks_first_as_it_completes_the_course(
    client, people, imported_course
):
    """One module at a time asks nothing, until the one that completes and certifies."""
    learner = people["learner"]
    enrol(learner, imported_course)
    db.session.commit()
    login(client, people["runner"])
    page = f"/manage/courses/spo-principles/learners/{learner.id}"
    *first, last = active_modules(imported_course)
    for module in first:
        done = post(client, page + "/complete", {"module": str(module.id)}, page=page)
        assert done.status_code == 302 and done.location == page
    assert certificate_count() == 0
    asked, response = asks_first(
        client, page + "/complete", {"module": str(last.id)}, page=page, state=certificate_count
    )
    assert "Record the last module left as completed for Li Wei?" in asked
    assert "1 module left is recorded as completed on your word" in asked
    assert "Li Wei is issued the course certificate at once" in asked
    assert response.location == page
    assert certificate_count() == 1


@pytest.mark.parametrize("role", ROLES)
def test_only_trainers_of_the_course_record_completion(client, people, imported_course, role):
    """Trainers who do not run the course, coordinators and learners change nothing."""
    learner = people["learner"]
    enrol(learner, imported_course)
    db.session.commit()
    page = f"/manage/courses/spo-principles/learners/{learner.id}"
    _as(client, people, role)
    assert client.get(page).status_code == {
        "anonymous": 302,
        "learner": 403,
        "coordinator": 403,
        "trainer": 403,
    }.get(role, 200)
    if role in ("runner", "admin"):
        return
    client.post(page + "/complete", data={"module": "all"})
    assert certificate_count() == 0


def test_a_learner_not_enrolled_cannot_be_completed(client, people, imported_course, make_user):
    """The learner id in the URL must be enrolled in this course."""
    login(client, people["runner"])
    stranger = make_user(name="Not enrolled")
    page = f"/manage/courses/spo-principles/learners/{stranger.id}"
    assert client.get(page).status_code == 404


def test_the_course_page_offers_the_certificate_when_complete(client, people, certificate):
    """After the last module, the course page and the dashboard link the PDF."""
    login(client, people["learner"])
    pdf = f"/certificates/{format_serial(certificate.serial)}/certificate.pdf"
    assert pdf in client.get("/courses/spo-principles").text
    assert pdf in client.get("/dashboard").text


def test_certificate_pages_speak_chinese(client, people, certificate):
    """A Chinese reader gets the verification page and My certificates in Chinese."""
    serial = format_serial(certificate.serial)
    headers = {"Accept-Language": "zh-CN,zh;q=0.9"}
    public = client.get(f"/verify/{serial}", headers=headers).text
    assert "这份证书有效。" in public and "小农组织原则与公平贸易标准" in public
    login(client, people["learner"])
    post(client, "/language", {"locale": "zh_Hans"}, page="/")
    mine = client.get("/certificates").text
    assert "我的证书" in mine and "下载 PDF" in mine and "Download PDF" not in mine


def test_a_learner_who_moves_spo_stays_with_the_spo_that_issued(
    client, people, certificate, make_user, make_org
):
    """The certificate belongs to the SPO it was issued under, in the list and the download."""
    new_spo = make_org("new-spo", name="New SPO")
    people["learner"].organization = new_spo
    db.session.commit()
    path = f"/certificates/{format_serial(certificate.serial)}/certificate.pdf"
    login(client, people["coordinator"])  # coordinator of the issuing SPO
    assert client.get(path).status_code == 200
    assert format_serial(certificate.serial) in client.get("/reports/certificates").text
    login(client, make_user(Role.COORDINATOR, organization=new_spo, email="new@example.org"))
    assert client.get(path).status_code == 404


def test_a_typed_serial_with_a_slash_gets_the_usual_answer(client, certificate):
    """Whatever is typed in the serial box, the answer is the verification page's."""
    response = client.get("/verify", query_string={"serial": "ab/cd"}, follow_redirects=True)
    assert response.status_code == 404 and "No certificate has this serial." in response.text


def test_without_a_font_the_learner_is_told_clearly(client, people, imported_course, monkeypatch):
    """A Chinese certificate on a server without a CJK font: a 503 that says what to do."""
    people["learner"].name = "李伟"
    db.session.commit()
    certificate = finish_course(people["learner"], imported_course)
    monkeypatch.setattr("lms.certificates.fonts.CANDIDATES", ())
    login(client, people["learner"])
    response = client.get(f"/certificates/{format_serial(certificate.serial)}/certificate.pdf")
    assert response.status_code == 503
    assert "cannot be drawn on this server" in response.text
    assert "fonts-wqy-microhei" in response.text


def test_pdfs_and_zips_are_sent_as_they_are(client, people, certificate):
    """Never compress a PDF or a ZIP again: it is compressed already, and only costs CPU."""
    browser = {"Accept-Encoding": "gzip, deflate, br, zstd"}
    login(client, people["coordinator"])
    pdf = client.get(
        f"/certificates/{format_serial(certificate.serial)}/certificate.pdf", headers=browser
    )
    archive = client.get("/reports/certificates.zip", headers=browser)
    for response, kind in ((pdf, "application/pdf"), (archive, "application/zip")):
        assert response.status_code == 200 and response.mimetype == kind
        assert "Content-Encoding" not in response.headers
    assert "Li Wei" in pdf_text(pdf.data)
    assert _zip_names(archive) == [
        f"spo-principles/certificate-spo-principles-{format_serial(certificate.serial)}.pdf"
    ]
