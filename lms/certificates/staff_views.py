"""Staff pages: coordinators list and download their SPO's certificates, admins revoke.

The routes join the ``certificates`` blueprint; every query goes through
``services.staff_certificates``, which keeps a coordinator to their own SPO.
"""

from datetime import date

from flask import current_app, flash, redirect, render_template, request, url_for
from sqlalchemy import func, select

from ..capabilities import (
    MANAGE_COHORTS,
    REVOKE_CERTIFICATES,
    VIEW_ORG_PROGRESS,
    can,
    visible_organization_ids,
)
from ..extensions import db
from ..i18n import gettext as _
from ..models import Certificate, Cohort, Course, Organization
from ..permissions import lms_user, require
from . import documents, services
from .blueprint import bp
from .fonts import FontMissing
from .forms import RevokeForm
from .links import issuing
from .views import font_missing_page

PER_PAGE = 50
ZIP_LIMIT = 200  # about 15 s of drawing (bench/README.md): keep one request short


def _filters() -> dict:
    """Read the list's filters from the query string."""
    return {
        "organization_id": request.args.get("organization", type=int),
        "course_id": request.args.get("course", type=int),
        "search": request.args.get("q", ""),
        "cohort_id": request.args.get("cohort", type=int),
    }


def _choices() -> dict:
    """Return what the viewer may filter by: their SPOs, every course, and cohorts."""
    user = lms_user()
    visible = visible_organization_ids(user)
    organizations = select(Organization).order_by(Organization.name)
    if visible is not None:
        organizations = organizations.where(Organization.id.in_(visible))
    courses = select(Course).order_by(Course.slug)
    cohorts = select(Cohort).order_by(Cohort.name) if can(user, MANAGE_COHORTS) else None
    return {
        "organizations": list(db.session.scalars(organizations)),
        "courses": list(db.session.scalars(courses)),
        "cohorts": list(db.session.scalars(cohorts)) if cohorts is not None else [],
    }


@bp.get("/reports/certificates")
@require(VIEW_ORG_PROGRESS)
def staff_list():
    """List the certificates of the SPOs the viewer follows, with filters and a ZIP link."""
    filters = _filters()
    query = services.staff_certificates(lms_user(), **filters)
    page = db.paginate(query, per_page=PER_PAGE, error_out=False)
    return render_template(
        "lms/certificates/staff_list.html",
        page=page,
        filters=filters,
        query={key: value for key, value in request.args.items() if key != "page" and value},
        zip_limit=ZIP_LIMIT,
        **_choices(),
    )


@bp.get("/reports/certificates.zip")
@require(VIEW_ORG_PROGRESS)
def staff_zip():
    """Download the listed certificates' PDFs as one ZIP, a folder per course."""
    filters = _filters()
    query = services.staff_certificates(lms_user(), **filters)
    query = query.where(Certificate.revoked_at.is_(None))
    count = db.session.scalar(select(func.count()).select_from(query.subquery()))
    back = url_for(".staff_list", **request.args)
    if count == 0:
        flash(_("There is no valid certificate to download with these filters."), "error")
        return redirect(back)
    if count > ZIP_LIMIT:
        message = _(
            "%(count)s certificates are too many for one download (at most %(limit)s). "
            "Choose one SPO or one course.",
            count=count,
            limit=ZIP_LIMIT,
        )
        flash(message, "error")
        return redirect(back)
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
    certificate = db.get_or_404(Certificate, certificate_id)
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
