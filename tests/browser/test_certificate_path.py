"""A learner with a Chinese name finishes a course on a phone and gets a certificate that checks."""

from pathlib import Path

from playwright.sync_api import expect

from lms.certificates.serials import format_serial
from lms.extensions import db
from lms.models import Certificate

from ..certificate_helpers import pdf_image, pdf_text, qr_codes
from .conftest import PHONE, log_in, no_horizontal_scroll, screenshot

COURSE_TITLE = "SPO principles and the Fairtrade standard"
COURSE_TITLE_ZH = "小农组织原则与公平贸易标准"


def _outside(requests: list[str], base: str) -> list[str]:
    return [url for url in requests if not url.startswith(base)]


def test_a_learner_finishes_the_course_downloads_the_certificate_and_it_verifies(
    browser, phone, imported_course, make_org, make_user, backend
):
    """Mark every module done at 360 px, download the PDF, scan its QR code, verify anonymously."""
    spo = make_org("menghai-tea", name="Menghai Tea Cooperative", name_zh="勐海茶叶合作社")
    learner = make_user(organization=spo, name="王小明", email="xiaoming@example.org")
    base = phone.base_url
    log_in(phone, learner)
    assert phone.url == f"{base}/dashboard"

    phone.goto(f"{base}/courses/spo-principles")
    phone.click("form[action$='/enrol'] button")
    modules = len(imported_course.modules)
    for index in range(modules):
        # Open each module from the course outline, as a learner picks it.
        phone.goto(f"{base}/courses/spo-principles")
        phone.locator("ol.outline li a").nth(index).click()
        expect(phone.locator("form[action$='/complete'] button")).to_have_text("Mark as done")
        assert no_horizontal_scroll(phone), f"module {index + 1} is wider than the phone"
        phone.click("form[action$='/complete'] button")
    # The last click completed the course and issued the certificate on the server.
    assert phone.url == f"{base}/courses/spo-principles"
    ready = phone.locator(".certificate-ready")
    expect(ready).to_contain_text("Your certificate is ready.")
    assert no_horizontal_scroll(phone)
    screenshot(phone, f"certificate-course-complete-phone-{backend}")

    certificate = db.session.scalar(db.select(Certificate))
    assert certificate is not None and certificate.user_id == learner.id
    serial = format_serial(certificate.serial)
    db.session.rollback()  # hold no read transaction while the server writes

    with phone.expect_download() as download_info:
        ready.get_by_role("link", name="Download PDF").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    data = Path(download.path()).read_bytes()
    assert data.startswith(b"%PDF-")
    text = pdf_text(data)
    assert "王小明" in text
    assert COURSE_TITLE in text and COURSE_TITLE_ZH in text
    assert "勐海茶叶合作社" in text
    assert serial in text
    urls = qr_codes(pdf_image(data))
    assert len(urls) == 1 and urls[0].endswith(f"/verify/{serial}"), urls
    verify_url = urls[0]
    assert verify_url == f"{base}/verify/{serial}"

    # My certificates lists it, with its serial and the same verification link.
    phone.goto(f"{base}/courses/spo-principles")
    ready.get_by_role("link", name="My certificates").click()
    assert phone.url == f"{base}/certificates"
    listed = phone.locator("article.certificate")
    expect(listed).to_have_count(1)
    expect(listed.locator("h2")).to_have_text(COURSE_TITLE)
    expect(listed).to_contain_text(serial)
    expect(listed.locator(f"a[href$='/verify/{serial}']")).to_have_text(verify_url)
    expect(listed.get_by_role("link", name="Download PDF")).to_be_visible()
    assert no_horizontal_scroll(phone), "My certificates is wider than the phone"
    screenshot(phone, f"certificate-mine-phone-{backend}")
    assert _outside(phone.requests, base) == [], "requests to outside hosts"

    # Anyone who scans the QR code sees the verdict, without logging in.
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True)
    stranger = context.new_page()
    requests = []
    stranger.on("request", lambda request: requests.append(request.url))
    response = stranger.goto(verify_url)
    assert response.status == 200
    assert stranger.url == verify_url  # no detour through the login page
    expect(stranger.locator(".verdict-valid")).to_have_text("This certificate is valid.")
    facts = stranger.locator("dl.facts")
    expect(facts).to_contain_text("王小明")
    expect(facts).to_contain_text(COURSE_TITLE)
    expect(facts).to_contain_text(serial)
    expect(stranger.locator("header")).to_contain_text("Log in")  # really anonymous
    assert no_horizontal_scroll(stranger), "the verification page is wider than the phone"
    screenshot(stranger, f"certificate-verify-phone-{backend}")
    context.close()

    assert _outside(requests, base) == [], f"requests to outside hosts: {requests}"
