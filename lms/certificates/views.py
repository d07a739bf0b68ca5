"""Learners' certificates, public verification, and the issuer's keys.

``/verify`` pages need no login: anyone holding a paper certificate or a
credential file can check it. Unknown serials, malformed or not, all get the same
answer, and lookups are rate-limited, so serials cannot be guessed or listed.
"""

from flask import (
    abort,
    current_app,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)

from ..capabilities import LEARN
from ..errors import UNAVAILABLE, error_page
from ..extensions import limiter
from ..i18n import gettext as _
from ..permissions import lms_user, require
from . import documents
from .blueprint import bp
from .credential import CONTEXTS
from .fonts import FontMissing
from .forms import CredentialForm, SerialForm
from .links import issuing
from .loaders import load_own, load_readable
from .pdf import file_name
from .serials import normalize_serial
from .services import certificate_by_serial, certificates_of
from .verification import verify_credential


def font_missing_page(error: FontMissing):
    """Explain, in the reader's language, that the server cannot draw the certificate yet."""
    message = _("The certificate cannot be drawn on this server yet. Please tell the staff.")
    return error_page(503, UNAVAILABLE, f"{message} {error}")


@bp.context_processor
def certificate_helpers() -> dict:
    """Give certificate templates the issuer's name in the reader's language."""
    return {"issuer_of": lambda certificate, language: issuing().issuer_of(certificate, language)}


def _verify_limit() -> str:
    return current_app.config["LMS_VERIFY_RATE_LIMIT"]


@bp.get("/certificates")
@require(LEARN)
def mine():
    """List the learner's certificates with their downloads and verification links."""
    certificates = certificates_of(lms_user())
    return render_template("lms/certificates/mine.html", certificates=certificates)


@bp.get("/certificates/<serial>/certificate.pdf")
@require(LEARN)
def pdf(serial: str):
    """Download a certificate as PDF: its learner, their SPO's coordinator, or an admin."""
    certificate = load_readable(serial)
    if certificate.revoked:
        abort(410)
    try:
        data = documents.certificate_pdf(issuing(), certificate)
    except FontMissing as error:
        return font_missing_page(error)
    response = current_app.response_class(data, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="{file_name(certificate)}"'
    return response


@bp.get("/certificates/<serial>/credential.jwt")
@require(LEARN)
def credential(serial: str):
    """Download the learner's own certificate as a signed Open Badges 3.0 credential."""
    certificate = load_own(serial)
    if certificate.revoked:
        abort(410)
    token = documents.signed_credential(issuing(), certificate)
    response = current_app.response_class(token, mimetype="application/jwt")
    name = file_name(certificate).removesuffix(".pdf") + ".jwt"
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@bp.get("/verify")
def verify():
    """Offer to check a serial or a credential; a serial in the query opens its page."""
    serial_form = SerialForm(request.args)
    if request.args.get("serial") and serial_form.validate():
        typed = serial_form.serial.data.strip().replace("/", "")
        return redirect(url_for(".verify_serial", serial=typed))
    return render_template(
        "lms/certificates/verify.html", serial_form=serial_form, form=CredentialForm()
    )


@bp.post("/verify")
@limiter.limit(_verify_limit, scope="lms-verify")
def verify_credential_page():
    """Check a pasted or uploaded credential: signature, fields, record and revocation."""
    form = CredentialForm()
    verdict = None
    if form.validate_on_submit():
        upload = form.file.data
        token = upload.read().decode("utf-8", "replace") if upload else form.text.data
        verdict = verify_credential(token, issuing())
    return (
        render_template(
            "lms/certificates/verify.html",
            serial_form=SerialForm(formdata=None),
            form=form,
            verdict=verdict,
        ),
        400 if verdict is None else 200,
    )


@bp.get("/verify/<serial>")
@limiter.limit(_verify_limit, scope="lms-verify")
def verify_serial(serial: str):
    """Say publicly whether the certificate with ``serial`` is valid or revoked."""
    certificate = certificate_by_serial(normalize_serial(serial))
    status = 200 if certificate is not None else 404
    return (
        render_template("lms/certificates/verified.html", certificate=certificate),
        status,
    )


@bp.get("/issuer")
def issuer():
    """Publish the issuer profile that every credential names (Open Badges ``Profile``)."""
    academy = issuing()
    links = academy.links
    profile = {
        "@context": list(CONTEXTS),
        "id": links.issuer,
        "type": ["Profile"],
        "name": academy.issuer,
        "url": links.home,
    }
    return jsonify(profile)


@bp.get("/issuer/jwks.json")
def jwks():
    """Publish the public key that verifies the academy's credentials (a JWK Set)."""
    response = jsonify({"keys": [issuing().key.public_jwk]})
    response.headers["Cache-Control"] = "public, max-age=3600"
    return response
