"""Create and change SPOs and user accounts, with an audit trail; never commits."""

import re

from sqlalchemy import ColumnElement, Select, or_, select

from ..audit import record
from ..auth import identifiers
from ..auth.identifiers import EMAIL, MOBILE, USERNAME, IdentifierError, Login
from ..auth.services import create_account, hash_password, identifier_taken
from ..database import contains_pattern
from ..extensions import db
from ..i18n import lazy_gettext as _l
from ..models import Organization, Role, User, new_enrolment_code
from ..rules import RuleError

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ORGANIZATION_FIELDS = (
    "name",
    "name_zh",
    "country",
    "region",
    "products",
    "fairtrade_id",
    "certified_since",
)


class AdminError(RuleError):
    """Raised when an admin action would break a rule."""


def organization_by_slug(slug: str) -> Organization | None:
    """Return the SPO with ``slug``, if any."""
    return db.session.scalar(select(Organization).where(Organization.slug == slug))


def all_organizations() -> list[Organization]:
    """Return every SPO, by name."""
    return list(db.session.scalars(select(Organization).order_by(Organization.name)))


def users_query(organization_id: int | None = None, search: str = "") -> Select:
    """Return the accounts, by name, of one SPO if given, whose name or login holds ``search``."""
    query = select(User).order_by(User.name, User.id)
    if organization_id:
        query = query.where(User.organization_id == organization_id)
    if search:
        query = query.where(person_matches(search))
    return query


def person_matches(search: str, user=User) -> ColumnElement[bool]:
    """Return the condition that ``user`` (or an alias) has ``search`` in its name or a login."""
    pattern = contains_pattern(search)
    digits = "".join(ch for ch in search if ch.isdigit())
    conditions = [
        user.name.ilike(pattern, escape="\\"),
        user.email.ilike(pattern, escape="\\"),
        user.username.ilike(pattern, escape="\\"),
    ]
    if len(digits) >= 4:  # a number is found however it was spaced
        conditions.append(user.mobile.contains(digits, autoescape=True))
    return or_(*conditions)


def create_organization(slug: str, actor: User | None = None, **fields) -> Organization:
    """Add an SPO; its enrolment code is generated."""
    if not SLUG_PATTERN.match(slug or ""):
        raise AdminError(
            "slug", _l("Use lower-case letters, digits and dashes, e.g. puer-tea-coop.")
        )
    if organization_by_slug(slug) is not None:
        raise AdminError("slug", _l("An SPO with this short name exists already."))
    organization = Organization(slug=slug, **_organization_values(fields))
    db.session.add(organization)
    db.session.flush()
    record(actor, "organization.create", organization, slug=slug)
    return organization


def update_organization(organization: Organization, actor: User | None, **fields) -> None:
    """Change an SPO's descriptive fields."""
    changed = {}
    for key, value in _organization_values(fields).items():
        if getattr(organization, key) != value:
            changed[key] = value
            setattr(organization, key, value)
    if changed:
        record(actor, "organization.update", organization, fields=sorted(changed))


def renew_enrolment_code(organization: Organization, actor: User | None) -> str:
    """Give an SPO a new enrolment code (the old one stops working)."""
    organization.enrolment_code = new_enrolment_code()
    record(actor, "organization.renew_code", organization)
    return organization.enrolment_code


def _organization_values(fields: dict) -> dict:
    unknown = set(fields) - set(ORGANIZATION_FIELDS)
    if unknown:
        raise TypeError(f"unknown SPO fields: {', '.join(sorted(unknown))}")
    values = {k: (v.strip() if isinstance(v, str) else v) for k, v in fields.items()}
    if not values.get("name", "x"):
        raise AdminError("name", _l("An SPO needs a name."))
    return values


def read_identifiers(
    *, email: str, mobile: str, username: str, organization: Organization | None, region: str
) -> dict[str, str | None]:
    """Read an account's e-mail, mobile number and username as typed in a form.

    A national mobile number is read in the SPO's country, else in ``region`` (the
    academy's default). Raises :class:`AdminError` at the field that is wrong; at least
    one of the three must be given.
    """
    values: dict[str, str | None] = {EMAIL: None, MOBILE: None, USERNAME: None}
    if email.strip():
        values[EMAIL] = identifiers.normalize_email(email)
    if mobile.strip():
        country = organization.country if organization else ""
        try:
            spo_region = identifiers.region_for_country(country, region)
            values[MOBILE] = identifiers.parse_mobile(mobile, spo_region)
        except IdentifierError as error:
            raise AdminError(MOBILE, str(error)) from None
    if username.strip():
        if problem := identifiers.username_problem(username):
            raise AdminError(USERNAME, problem)
        values[USERNAME] = identifiers.normalize_username(username)
    if not any(values.values()):
        raise AdminError(EMAIL, _l("Give an e-mail, a mobile number or a username."))
    return values


def _check_identifiers_free(values: dict[str, str | None], user: User | None) -> None:
    messages = {
        EMAIL: _l("An account with this e-mail exists already."),
        MOBILE: _l("An account with this mobile number exists already."),
        USERNAME: _l("An account with this username exists already."),
    }
    for kind, value in values.items():
        if value and identifier_taken(Login(kind, value), except_user=user):
            raise AdminError(kind, messages[kind])


def create_user(
    *,
    password: str,
    role: str,
    name: str = "",
    organization: Organization | None = None,
    actor: User | None = None,
    email: str | None = None,
    mobile: str | None = None,
    username: str | None = None,
    creates_courses: bool = False,
) -> User:
    """Add an account with ``role``; learners and coordinators belong to an SPO.

    ``email``, ``mobile`` (E.164) and ``username`` are as :func:`read_identifiers` gives.
    """
    _check_role(role, organization)
    identifiers = {EMAIL: email, MOBILE: mobile, USERNAME: username}
    _check_identifiers_free(identifiers, None)
    if len(password) < 8:
        raise AdminError("password", _l("The password must have between 8 and 128 characters."))
    user = create_account(
        name=name or (email or username or mobile or "").split("@")[0],
        password=password,
        role=role,
        organization=organization,
        **identifiers,
    )
    user.creates_courses = creates_courses
    record(actor, "user.create", user, role=role)
    return user


def update_user(
    user: User,
    actor: User | None,
    *,
    name: str,
    role: str,
    organization: Organization | None,
    active: bool,
    password: str = "",
    identifiers: dict[str, str | None] | None = None,
    creates_courses: bool | None = None,
) -> None:
    """Change a user's name, logins, role, SPO, status or password, with an audit trail."""
    _check_role(role, organization)
    if identifiers is not None:
        _check_identifiers_free(identifiers, user)
    if actor is not None and actor.id == user.id and (role != Role.ADMIN or not active):
        raise AdminError(
            "role" if role != Role.ADMIN else "active",
            _l("You cannot remove your own admin role or deactivate yourself."),
        )
    changes = {
        "name": name.strip(),
        "role": role,
        "organization_id": organization.id if organization else None,
        "active": active,
        **(identifiers or {}),
    }
    if creates_courses is not None:
        changes["creates_courses"] = creates_courses
    changed = sorted(key for key, value in changes.items() if getattr(user, key) != value)
    for key in changed:
        setattr(user, key, changes[key])
    if password:
        user.password_hash = hash_password(password)
        changed.append("password")
    if {"role", "active", "password", "organization_id"} & set(changed):
        user.end_sessions()  # a changed account must log in again with its new rights
    if changed:
        # The new role is kept too, so the audit log can say what it became.
        new_role = {"role": role} if "role" in changed else {}
        record(actor, "user.update", user, fields=changed, **new_role)


def _check_role(role: str, organization: Organization | None) -> None:
    if role not in {member.value for member in Role}:
        raise AdminError("role", _l("Unknown role: use learner, trainer, coordinator or admin."))
    if role in (Role.LEARNER, Role.COORDINATOR) and organization is None:
        raise AdminError("organization_id", _l("Learners and coordinators must belong to an SPO."))
