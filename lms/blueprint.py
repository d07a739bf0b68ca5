"""Build the academy's parent blueprint, with every area's blueprint in one explicit list.

The parent is made anew for each application by :func:`create_blueprint`, which
``LMS.init_app`` calls: nothing is registered when a module is imported.
"""

from flask import Blueprint, current_app
from flask_wtf.csrf import generate_csrf

from .auth.identifiers import show_login
from .capabilities import can
from .certificates.serials import format_serial
from .locale import template_helpers
from .permissions import lms_user, require_own_password
from .static_files import send_static, static_url

# Pages may load only what the academy serves itself: no CDN, no web fonts, no inline script.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


def area_blueprints() -> list[Blueprint]:
    """Import every area's view modules, which add their routes, and return the areas."""
    from . import health
    from .admin import audit_views  # noqa: F401
    from .admin import views as admin
    from .auth import reset_views, slip_views  # noqa: F401
    from .auth import views as auth
    from .authoring import (  # noqa: F401
        course_views,
        course_zip_views,
        draft_image_views,
        editor_views,
        history_views,
        publish_views,
        quiz_views,
    )
    from .authoring import views as authoring
    from .certificates import staff_views  # noqa: F401
    from .certificates import views as certificates
    from .cohorts import roster_views  # noqa: F401
    from .cohorts import views as cohorts
    from .glossary import views as glossary
    from .learn import cover_views, download_views, image_views  # noqa: F401
    from .learn import views as learn
    from .quiz import views as quiz
    from .reports import views as reports
    from .search import views as search
    from .teaching import views as teaching

    return [
        auth.bp,
        learn.bp,
        search.bp,
        glossary.bp,
        quiz.bp,
        certificates.bp,
        authoring.bp,
        teaching.bp,
        cohorts.bp,
        reports.bp,
        admin.bp,
        health.bp,
    ]


def create_blueprint() -> Blueprint:
    """Return the ``lms`` blueprint with its areas, templates, static files and commands.

    Its ``static`` route (``lms.static``) sends the files in ``lms/static`` under their
    plain and fingerprinted names; standalone, WhiteNoise answers those URLs first.
    """
    from .cli import register_commands
    from .errors import register_error_handlers

    parent = Blueprint("lms", __name__, template_folder="templates")
    parent.add_url_rule("/static/<path:filename>", "static", send_static)
    parent.context_processor(inject_template_helpers)
    parent.before_request(require_own_password)
    parent.after_request(add_security_headers)
    parent.after_request(compress_page)
    for area in area_blueprints():
        parent.register_blueprint(area)
    register_commands(parent.cli)
    register_error_handlers(parent)
    return parent


def inject_template_helpers() -> dict:
    """Give LMS templates the academy's translations, user and permission check."""
    return {
        **template_helpers(),
        "lms_user": lms_user(),
        "can": can,
        "csrf_token": generate_csrf,
        "certificate_serial": format_serial,
        "static_url": static_url,
        "shown_login": shown_login,
    }


def shown_login(user) -> str:
    """Return what ``user`` types to log in: e-mail, mobile number (spaced) or username."""
    return show_login(user.email, user.mobile, user.username)


def add_security_headers(response):
    """Set the security headers on every academy response."""
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def compress_page(response):
    """Compress an academy response the browser accepts compressed, by Flask-Compress's rules.

    Only text types of at least ``COMPRESS_MIN_SIZE`` bytes are compressed, and every
    answer gets ``Vary: Accept-Encoding``.
    """
    return current_app.extensions["lms"].compress.after_request(response)
