"""Render the academy's error pages in the reader's language.

Each page says in words what happened and offers a next step; the HTTP code is
only small print, for whoever is asked for help.
"""

from flask import render_template

from .i18n import lazy_gettext as _l

# code: (heading, what happened)
PAGES = {
    400: (
        _l("Something went wrong"),
        _l("The request could not be understood. Please go back and try again."),
    ),
    403: (_l("You can't open this page"), _l("You do not have permission to see this page.")),
    404: (_l("Page not found"), _l("This page does not exist.")),
    410: (
        _l("No longer available"),
        _l("This has been withdrawn, for example a certificate that was revoked."),
    ),
    429: (
        _l("Please wait a moment"),
        _l("Too many attempts. Please wait a few minutes and try again."),
    ),
}
UNAVAILABLE = _l("Not available yet")


def error_page(code: int, heading, message):
    """Return the friendly error page with ``heading``, ``message`` and a way on."""
    return render_template("lms/error.html", code=code, heading=heading, message=message), code


def register_error_handlers(blueprint) -> None:
    """Show friendly pages for the errors academy views raise."""

    def handle(error):
        code = getattr(error, "code", 500)
        heading, message = PAGES.get(code, (UNAVAILABLE, error.description))
        return error_page(code, heading, message)

    for code in PAGES:
        blueprint.register_error_handler(code, handle)
