"""Ask who is making the request, and refuse views to those who may not see them.

The web side of :mod:`lms.capabilities`: views call ``lms_user`` for the academy
user behind the request and decorate themselves with ``require(capability)``.
Services never import this module; they receive the user as an argument.
"""

from functools import wraps

from flask import abort, redirect, request, url_for
from flask_login import current_user

from .capabilities import RUN_COURSES, VIEW_ALL_PROGRESS, VIEW_ORG_PROGRESS, can
from .models import User


def lms_user() -> User | None:
    """Return the logged-in academy user, or None (a host app's own users are not ours)."""
    user = current_user._get_current_object() if current_user else None
    if isinstance(user, User) and user.is_authenticated and user.active:
        return user
    return None


def require(capability: str):
    """Decorate a view: send anonymous visitors to log in, refuse others with 403."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            user = lms_user()
            if user is None:
                return redirect(url_for("lms.auth.login", next=request.full_path))
            if not can(user, capability):
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


def landing_url(user: User) -> str:
    """Return the page where ``user``'s own work starts, for after logging in.

    NAPP staff land on the network's progress, trainers on the courses they run,
    coordinators on their SPO, and learners on what they are learning.
    """
    if can(user, VIEW_ALL_PROGRESS):
        return url_for("lms.reports.overview")
    if can(user, RUN_COURSES):
        return url_for("lms.authoring.index")
    if can(user, VIEW_ORG_PROGRESS) and user.organization_id is not None:
        return url_for("lms.reports.organization", organization_id=user.organization_id)
    return url_for("lms.learn.dashboard")


# What a person who must replace a starter password may still open.
_BEFORE_OWN_PASSWORD = {
    "lms.auth.new_password",
    "lms.auth.logout",
    "lms.auth.choose_language",
    "lms.auth.set_language",
    "lms.static",
}


def require_own_password():
    """Send a person still on a starter password to choose their own, whatever they open."""
    if request.endpoint in _BEFORE_OWN_PASSWORD:
        return None
    user = lms_user()
    if user is not None and user.must_change_password:
        return redirect(url_for("lms.auth.new_password", next=request.full_path))
    return None
