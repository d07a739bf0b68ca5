"""Build the parent blueprint and register every area's blueprint in one list."""

from flask import Blueprint
from flask_wtf.csrf import generate_csrf

from .i18n import template_helpers
from .permissions import can, lms_user

bp = Blueprint(
    "lms",
    __name__,
    template_folder="templates",
    static_folder="static",
    static_url_path="/static",
)

# Pages may load only what the academy serves itself: no CDN, no web fonts, no inline script.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


@bp.context_processor
def inject_template_helpers() -> dict:
    """Give LMS templates the academy's translations, user and permission check."""
    return {
        **template_helpers(),
        "lms_user": lms_user(),
        "can": can,
        "csrf_token": generate_csrf,
    }


@bp.after_request
def add_security_headers(response):
    """Set the security headers on every academy response."""
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def _register_areas() -> None:
    # Imported here so that each area's views can import ``bp``-free helpers freely.
    from .admin.views import bp as admin_bp
    from .auth.views import bp as auth_bp
    from .authoring.views import bp as authoring_bp
    from .certificates.views import bp as certificates_bp
    from .cli import register_commands
    from .cohorts.views import bp as cohorts_bp
    from .errors import register_error_handlers
    from .health import bp as health_bp
    from .learn.views import bp as learn_bp
    from .quiz.views import bp as quiz_bp
    from .reports.views import bp as reports_bp

    areas = (auth_bp, learn_bp, quiz_bp, certificates_bp, authoring_bp, cohorts_bp, reports_bp)
    areas += (admin_bp,)
    for area in (*areas, health_bp):
        bp.register_blueprint(area)
    register_commands(bp.cli)
    register_error_handlers(bp)


_register_areas()
