"""Staff pages: coordinators list and download their SPO's certificates, admins revoke.

The routes join the ``certificates`` blueprint; every query goes through
``staff.staff_certificates``, which keeps a coordinator to their own SPO.
"""

from datetime import date

from flask import current_app, flash, redirect, render_template, request, url_for

from ..capabilities import REVOKE_CERTIFICATES, VIEW_ORG_PROGRESS
from ..extensions import db
from ..i18n import gettext as _
from ..permissions import lms_user, require
from . import documents, services, staff
from .blueprint import bp
from .fonts import FontMissing
from .forms import RevokeForm
from .links import issuing
from .loaders import load_certificate
from .views import font_missing_page

PER_PAGE = 50


def _filters() -> dict:
    """Read the list's filters from the query string."""
    return {
        "organization_id": request.args.get("organization", type=int),
        "course_id": request.args.get("course", type=int),
        "search": request.args.get("q", ""),
        "cohort_id": request.args.get("cohort", type=int),
    }


@bp.get("/reports/certificates")
@require(VIEW_ORG_PROGRESS)
def staff_list():
    """List the certificates of the SPOs the viewer follows, with filters and a ZIP link."""
    filters = _filters()
    query = staff.staff_certificates(lms_user(), **filters)
    page = db.paginate(query, per_page=PER_PAGE, error_out=False)
    return render_template(
        "lms/certificates/staff_list.html",
        page=page,
        filters=filters,
        query={key: value for key, value in request.args.items() if key != "page" and value},
        zip_limit=staff.ZIP_LIMIT,
        **staff.staff_filter_choices(lms_user()),
    )


@bp.get("/reports/certificates.zip")
@require(VIEW_ORG_PROGRESS)
def staff_zip():
    """Download the listed certificates' PDFs as one ZIP, a folder per course."""
    filters = _filters()
    try:
        query = staff.zip_selection(lms_user(), **filters)
    except services.CertificateError as error:
        flash(str(error), "error")
        return redirect(url_for(".staff_list", **request.args))
    try:
        data = documents.certificates_zip(issuing(), db.session.scalars(query))
    except FontMissing as error:
        return font_missing_page(error)
    response = current_app.response_class(data, mimetype="application/zip")
    name = f"certificates-{date.today().isoformat()}.zip"
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@bp.route("/admin/certificates/<int:certificate_id>", methods=["GET", "POST"])
@require(REVOKE_CERTIFICATES)
def staff_certificate(certificate_id: int):
    """Show one certificate to an admin, with the form that revokes it."""
    certificate = load_certificate(certificate_id)
    form = RevokeForm()
    if form.validate_on_submit():
        try:
            services.revoke(certificate, form.reason.data, lms_user())
        except services.CertificateError as error:
            db.session.rollback()
            form[error.field].errors.append(str(error))
        else:
            db.session.commit()
            flash(_("The certificate is revoked."), "success")
            return redirect(url_for(".staff_certificate", certificate_id=certificate.id))
    status = 400 if form.errors else 200
    return (
        render_template(
            "lms/certificates/staff_certificate.html", certificate=certificate, form=form
        ),
        status,
    )
