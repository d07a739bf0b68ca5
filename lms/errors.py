"""Render the academy's error pages in the reader's language."""

from flask import render_template

from .i18n import lazy_gettext as _l

MESSAGES = {
    400: _l("The request could not be understood. Please go back and try again."),
    403: _l("You do not have permission to see this page."),
    404: _l("This page does not exist."),
    429: _l("Too many attempts. Please wait a few minutes and try again."),
}


def register_error_handlers(blueprint) -> None:
    """Show friendly pages for the errors academy views raise."""

    def handle(error):
        code = getattr(error, "code", 500)
        message = MESSAGES.get(code, error.description)
        return render_template("lms/error.html", code=code, message=message), code

    for code in MESSAGES:
        blueprint.register_error_handler(code, handle)
