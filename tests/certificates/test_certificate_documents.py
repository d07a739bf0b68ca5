"""The certificate as a person holds it: a PDF with a QR code, and a signed Open Badge."""

import base64
import json

import jwt
import pytest

from lms.certificates import documents
from lms.certificates.credential import CONTEXTS
from lms.certificates.fonts import FontMissing
from lms.certificates.keys import create_key_file
from lms.certificates.links import issuing
from lms.certificates.serials import format_serial
from lms.certificates.services import identity_hash
from lms.certificates.verification import verify_credential
from lms.extensions import db

from ..certificate_helpers import finish_course, pdf_image, pdf_text, qr_codes
from ..helpers import ARTIFACTS


@pytest.fixture
def spo(make_org):
    """Return a Chinese honey cooperative with an English and a Chinese name."""
    return make_org("ya-an-honey", name="Ya'an Honey Cooperative", name_zh="雅安蜂蜜合作社")


@pytest.fixture
def issue(app, imported_course, make_user, spo, people):
    """Return a factory: finish the course as a learner called ``name``; return the certificate."""

    def factory(name="王小明", email=None, **identifiers):
        if not identifiers:
            identifiers["email"] = email or f"{abs(hash(name))}@example.org"
        learner = make_user(organization=spo, name=name, **identifiers)
        return finish_course(learner, imported_course)

    return factory


def _pdf(certificate) -> bytes:
    with documents_request():
        return documents.certificate_pdf(issuing(), certificate)


def documents_request():
    """Build URLs as the server at academy.example would."""
    from flask import current_app

    return current_app.test_request_context(base_url="https://academy.example")


@pytest.mark.parametrize("name", ["王小明", "欧阳娜娜", "Nguyễn Thị Hoa", "Li Wei"])
def test_the_pdf_shows_the_name_exactly_as_written(issue, name):
    """Extract the text as a reader would: name, SPO, course, date and serial in both languages."""
    certificate = issue(name)
    text = pdf_text(_pdf(certificate))
    assert name in text
    assert "Ya'an Honey Cooperative" in text and "雅安蜂蜜合作社" in text
    assert "SPO principles and the Fairtrade standard" in text
    assert "小农组织原则与公平贸易标准" in text
    assert "Certificate of Completion" in text and "结业证书" in text
    day = certificate.issued_at
    assert f"{day.day} " in text and f"{day.year}年{day.month}月{day.day}日" in text
    assert format_serial(certificate.serial) in text
    assert "Runner Trainer" in text and "Fairtrade NAPP Producer Academy" in text


def test_the_pdf_is_a4_landscape_with_the_font_embedded_and_a_working_qr_code(issue):
    """Render the page as a viewer would; the QR code opens the verification page."""
    certificate = issue("欧阳娜娜")
    data = _pdf(certificate)
    assert data.startswith(b"%PDF-")
    assert b"/FontFile2" in data  # the TrueType font travels inside the file
    image = pdf_image(data)
    ARTIFACTS.mkdir(exist_ok=True)
    image.save(ARTIFACTS / "certificate-page.png")  # for people to look at
    assert (ARTIFACTS / "certificate-page.png").read_bytes().startswith(b"\x89PNG")
    width, height = image.size
    assert width / height == pytest.approx(297 / 210, rel=0.01)
    url = f"https://academy.example/verify/{format_serial(certificate.serial)}"
    assert qr_codes(image) == [url]
    # Ink in the middle (the name), not a blank page.
    middle = image.convert("L").crop((width // 4, height // 4, 3 * width // 4, height // 2))
    assert middle.getextrema()[0] < 100


def test_the_pdf_is_small_and_the_same_every_time(issue):
    """Embed only the glyphs used; the same certificate gives the same bytes."""
    certificate = issue()
    first, second = _pdf(certificate), _pdf(certificate)
    assert first == second
    assert len(first) < 80_000


def test_without_a_cjk_font_a_chinese_name_fails_with_a_clear_message(app, issue, monkeypatch):
    """No empty boxes: say what is missing and how to install it."""
    monkeypatch.setattr("lms.certificates.fonts.CANDIDATES", ())
    with pytest.raises(FontMissing, match="fonts-wqy-microhei"):
        _pdf(issue("王小明"))


def test_without_a_cjk_font_a_latin_certificate_is_drawn_in_english(
    app, imported_course, make_user, make_org, monkeypatch
):
    """Latin names still get their certificate, without the Chinese lines."""
    monkeypatch.setattr("lms.certificates.fonts.CANDIDATES", ())
    imported_course.texts[:] = [t for t in imported_course.texts if t.language == "en"]
    db.session.commit()
    learner = make_user(organization=make_org(name="Dalat Coffee"), name="Tran Van An")
    text = pdf_text(_pdf(finish_course(learner, imported_course)))
    assert "Tran Van An" in text and "Certificate of Completion" in text
    assert "结业证书" not in text


def test_a_configured_font_that_does_not_exist_is_named_in_the_error(app, issue):
    """A wrong LMS_CERTIFICATE_FONT is reported, not silently replaced."""
    certificate = issue()
    app.config["LMS_CERTIFICATE_FONT"] = "/nowhere/font.ttf"
    try:
        with pytest.raises(FontMissing, match="/nowhere/font.ttf"):
            _pdf(certificate)
    finally:
        app.config["LMS_CERTIFICATE_FONT"] = None  # the test app's default


def test_a_character_the_font_lacks_is_refused_not_drawn_as_a_box(issue):
    """A name with a character outside the font gets a clear error naming it."""
    with pytest.raises(FontMissing, match="𓀀"):
        _pdf(issue("Ahmose 𓀀"))


def _credential(certificate) -> str:
    with documents_request():
        return documents.signed_credential(issuing(), certificate)


def _claims(token: str) -> dict:
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


def test_the_credential_is_an_open_badges_3_credential(issue):
    """Contexts, types, issuer, achievement with criteria, validFrom and a hashed subject."""
    certificate = issue()
    claims = _claims(_credential(certificate))
    assert claims["@context"] == list(CONTEXTS)
    assert claims["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert claims["issuer"]["id"] == claims["iss"] == "https://academy.example/issuer"
    url = f"https://academy.example/verify/{format_serial(certificate.serial)}"
    assert claims["id"] == claims["jti"] == url
    assert claims["validFrom"].endswith("Z") and claims["nbf"] > 0
    subject = claims["credentialSubject"]
    identity = subject["identifier"][0]
    assert identity["identityType"] == "emailAddress" and identity["hashed"] is True
    assert identity["identityHash"] == certificate.identity_hash
    assert certificate.user.email not in json.dumps(claims)
    assert subject["achievement"]["criteria"]["narrative"]
    assert subject["achievement"]["name"] == "SPO principles and the Fairtrade standard"


@pytest.mark.parametrize(
    ("identifiers", "identity_type", "hashed", "shown"),
    [
        (
            {"mobile": "+8613900139000"},
            "ext:phoneNumber",
            "+8613900139000",
            "their mobile number, hashed",
        ),
        (
            {"username": "zhang.san"},
            "systemId",
            "user:{id}",
            "their account number here",
        ),
        ({"email": "Wang@Example.org"}, "emailAddress", "wang@example.org", "their e-mail address"),
    ],
)
def test_a_learner_without_e_mail_is_named_by_a_hashed_number_or_account(
    client, issue, identifiers, identity_type, hashed, shown
):
    """The subject is the salted hash of the mobile number, else of the account id; the
    verification page says which kind of identifier it is, and never shows it."""
    certificate = issue(**identifiers)
    identity = _claims(_credential(certificate))["credentialSubject"]["identifier"][0]
    assert identity["identityType"] == identity_type
    value = hashed.format(id=certificate.user_id)
    assert identity["identityHash"] == identity_hash(value, certificate.identity_salt)
    page = client.get(f"/verify/{format_serial(certificate.serial)}").text
    assert shown in page
    assert value not in page and "139 0013 9000" not in page


def test_the_published_key_verifies_the_signature(client, issue):
    """Anyone can verify with the JWK Set the academy publishes at a stable URL."""
    token = _credential(issue())
    keys = client.get("/issuer/jwks.json").get_json()["keys"]
    header = jwt.get_unverified_header(token)
    (key,) = [key for key in keys if key["kid"] == header["kid"]]
    public = jwt.PyJWK(key).key
    claims = jwt.decode(token, public, algorithms=["RS256"], options={"verify_aud": False})
    assert claims["type"][-1] == "OpenBadgeCredential"
    profile = client.get("/issuer").get_json()
    assert profile["type"] == ["Profile"] and profile["name"] == "Fairtrade NAPP Producer Academy"


def _verify(token):
    with documents_request():
        return verify_credential(token, issuing())


def test_a_genuine_credential_verifies_and_a_revoked_one_says_so(issue, people):
    """Valid until an admin revokes it; from then on, revoked."""
    from lms.certificates.services import revoke

    certificate = issue()
    token = _credential(certificate)
    assert _verify(token).status == "valid"
    revoke(certificate, "Issued by mistake", people["admin"])
    db.session.commit()
    assert _verify(token).status == "revoked"


def test_a_tampered_credential_fails(issue):
    """Changing one claim after signing breaks the signature."""
    token = _credential(issue())
    header, payload, signature = token.split(".")
    claims = _claims(token)
    claims["credentialSubject"]["achievement"]["name"] = "A course never taken"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    verdict = _verify(f"{header}.{forged}.{signature}")
    assert verdict.status == "invalid" and "changed after signing" in str(verdict.problems[0])


def test_a_credential_signed_with_another_key_fails(app, issue, tmp_path):
    """A token signed by someone else's key, even a well-formed one, is refused."""
    token = _credential(issue())
    claims = _claims(token)
    other = tmp_path / "other.pem"
    create_key_file(other)
    from cryptography.hazmat.primitives import serialization

    key = serialization.load_pem_private_key(other.read_bytes(), password=None)
    with documents_request():
        kid = issuing().key.kid
    forged = jwt.encode(claims, key, algorithm="RS256", headers={"kid": kid})
    verdict = _verify(forged)
    assert verdict.status == "invalid"


@pytest.mark.parametrize("token", ["", "hello", "a.b.c", "eyJhbGciOiJub25lIn0.e30."])
def test_garbage_is_not_a_credential(app, token):
    """Anything that is not a signed token gets a clear answer."""
    with documents_request():
        assert issuing().key.kid  # the academy has a key, so only the token can be wrong
    verdict = _verify(token)
    assert verdict.status == "invalid" and verdict.problems


def test_the_signing_key_is_made_once_and_kept_private(app, tmp_path):
    """The first call makes the key file (owner-only); later calls and workers reuse it."""
    path = tmp_path / "keys" / "signing.pem"
    assert create_key_file(path) is True
    first = path.read_bytes()
    assert create_key_file(path) is False and path.read_bytes() == first
    assert path.stat().st_mode & 0o077 == 0
