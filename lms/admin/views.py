"""Let NAPP staff manage SPOs, users and roles in the browser."""

from flask import abort, flash, redirect, render_template, request, url_for
from wtforms import SelectChoice

from ..auth.identifiers import show_mobile
from ..capabilities import MANAGE_ORGANIZATIONS, MANAGE_USERS
from ..extensions import db
from ..forms import ActionForm, ask_first
from ..i18n import gettext as _
from ..locale import content_language
from ..models import Organization, User
from ..permissions import lms_user, require
from ..settings import default_region
from . import services
from .blueprint import bp
from .forms import ROLE_LABELS, OrganizationForm, UserForm
from .loaders import load_organization, load_user

USERS_PER_PAGE = 50


@bp.get("/organizations")
@require(MANAGE_ORGANIZATIONS)
def organizations():
    """List every SPO with its enrolment code."""
    rows = services.all_organizations()
    return render_template("lms/admin/organizations.html", organizations=rows, form=ActionForm())


@bp.route("/organizations/new", methods=["GET", "POST"])
@require(MANAGE_ORGANIZATIONS)
def new_organization():
    """Create an SPO."""
    form = OrganizationForm()
    if form.validate_on_submit():
        fields = {name: form[name].data for name in services.ORGANIZATION_FIELDS}
        try:
            services.create_organization(form.slug.data, lms_user(), **fields)
        except services.AdminError as error:
            form[error.field].errors.append(str(error))
        else:
            db.session.commit()
            flash(_("SPO created."), "success")
            return redirect(url_for(".organizations"))
    return render_template("lms/admin/organization_form.html", form=form, organization=None)


@bp.route("/organizations/<int:organization_id>", methods=["GET", "POST"])
@require(MANAGE_ORGANIZATIONS)
def edit_organization(organization_id: int):
    """Change an SPO's details (its short name stays: addresses depend on it)."""
    organization = load_organization(organization_id)
    form = OrganizationForm(obj=organization)
    form.slug.data = organization.slug
    if form.validate_on_submit():
        fields = {name: form[name].data for name in services.ORGANIZATION_FIELDS}
        services.update_organization(organization, lms_user(), **fields)
        db.session.commit()
        flash(_("SPO saved."), "success")
        return redirect(url_for(".organizations"))
    return render_template("lms/admin/organization_form.html", form=form, organization=organization)


@bp.post("/organizations/<int:organization_id>/code")
@require(MANAGE_ORGANIZATIONS)
def renew_code(organization_id: int):
    """Replace an SPO's enrolment code, e.g. after it was shared too widely; ask first."""
    organization = load_organization(organization_id)
    back = url_for(".organizations")
    name = organization.display_name(content_language())
    asked = ask_first(
        back,
        title=_("Give %(name)s a new enrolment code?", name=name),
        consequence=_(
            "The old code %(code)s stops working at once: anyone who has it cannot sign "
            "up with it any more. Accounts already made with it keep working. Give the "
            "new code to the members who still have to sign up.",
            code=organization.enrolment_code,
        ),
        button=_("Make a new code"),
    )
    if asked:
        return asked
    code = services.renew_enrolment_code(organization, lms_user())
    db.session.commit()
    flash(_("New enrolment code: %(code)s", code=code), "success")
    return redirect(back)


def _user_form(user: User | None) -> UserForm:
    form = UserForm(obj=user)
    options = services.all_organizations()
    form.organization_id.choices = [SelectChoice(0, _("— none —"))] + [
        SelectChoice(option.id, option.display_name(content_language())) for option in options
    ]
    if user is not None and request.method == "GET":
        form.organization_id.data = user.organization_id or 0
        form.mobile.data = show_mobile(user.mobile) if user.mobile else ""
    return form


@bp.get("/users")
@require(MANAGE_USERS)
def users():
    """List accounts 50 to a page, optionally only those of one SPO."""
    organization_id = request.args.get("organization", type=int)
    search = request.args.get("q", "").strip()[:100]
    query = services.users_query(organization_id, search)
    page = db.paginate(query, per_page=USERS_PER_PAGE, error_out=False)
    return render_template(
        "lms/admin/users.html",
        page=page,
        organization_id=organization_id,
        search=search,
        role_labels=ROLE_LABELS,
    )


@bp.route("/users/new", methods=["GET", "POST"])
@require(MANAGE_USERS)
def new_user():
    """Create an account with a role and an SPO."""
    form = _user_form(None)
    if form.validate_on_submit():
        if not form.password.data:
            form.password.errors.append(_("A new account needs a password."))
        elif _save_user(form, None):
            return redirect(url_for(".users"))
    return render_template("lms/admin/user_form.html", form=form, user=None)


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
@require(MANAGE_USERS)
def edit_user(user_id: int):
    """Change an account's name, role, SPO, status or password."""
    user = load_user(user_id)
    form = _user_form(user)
    if form.validate_on_submit() and _save_user(form, user):
        return redirect(url_for(".users"))
    return render_template("lms/admin/user_form.html", form=form, user=user)


def _save_user(form: UserForm, user: User | None) -> bool:
    """Apply the form through the services; put a refused rule next to its field."""
    organization = db.session.get(Organization, form.organization_id.data or 0)
    if form.organization_id.data and organization is None:
        abort(400)
    try:
        identifiers = services.read_identifiers(
            email=form.email.data or "",
            mobile=form.mobile.data or "",
            username=form.username.data or "",
            organization=organization,
            region=default_region(),
        )
        if user is None:
            services.create_user(
                **identifiers,
                password=form.password.data,
                role=form.role.data,
                name=form.name.data,
                organization=organization,
                actor=lms_user(),
                creates_courses=form.creates_courses.data,
            )
        else:
            services.update_user(
                user,
                lms_user(),
                name=form.name.data,
                role=form.role.data,
                organization=organization,
                active=form.active.data,
                password=form.password.data or "",
                identifiers=identifiers,
                creates_courses=form.creates_courses.data,
            )
    except services.AdminError as error:
        form[error.field].errors.append(str(error))
        db.session.rollback()
        return False
    db.session.commit()
    flash(_("Account saved."), "success")
    return True
