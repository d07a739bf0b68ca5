"""The academy with its module page drawn from memory: what the page costs with no database.

Served like ``wsgi:app`` (``gunicorn --chdir bench floor:app``, with the academy's
environment and ``FLOOR_MODULE=<course>/<module>``). ``/floor/module`` is the learner's
module page, drawn by the same template, in the same app, behind the same session,
Flask-Login, Babel and compression, but with the user and the page's data read once
per process and kept, and no view recorded. ``bench_http.py --pages ... floor`` drives it
beside the real page, so the difference between the two is what the database work costs.
"""

import os

from flask import render_template

from lms.app import create_app
from lms.blueprint import add_security_headers, compress_page, inject_template_helpers
from lms.extensions import db
from lms.learn.loaders import load_module_page
from lms.permissions import lms_user, require

app = create_app()
_kept: dict = {}


def _keep_user(load):
    """Wrap Flask-Login's user loader: read each user once, then answer from memory."""

    def loader(user_id):
        if user_id not in _kept:
            user = load(user_id)
            if user is not None:
                db.session.expunge(user)
            _kept[user_id] = user
        return _kept[user_id]

    return loader


# What the academy's blueprint gives its own pages, given to this app-level route.
app.context_processor(inject_template_helpers)
app.after_request(add_security_headers)
app.after_request(compress_page)
app.login_manager.user_loader(_keep_user(app.login_manager.user_callback))


@app.get("/floor/module")
@require("learn")
def floor_module():
    """Draw the module page from the data read on this process's first request."""
    course, module = os.environ["FLOOR_MODULE"].split("/")
    key = ("page", course, module)
    if key not in _kept:
        _kept[key] = load_module_page(course, module, lms_user())
    return render_template("lms/learn/module.html", page=_kept[key])
