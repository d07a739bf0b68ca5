"""Hold the extension objects the academy uses, shared with a host application.

A host that already runs Flask-SQLAlchemy keeps its own instance: the academy's
models use their own declarative base and work through whichever instance the
app has, found at ``app.extensions["lms"].db`` and reached through ``db``.
"""

from flask import current_app
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_sqlalchemy import SQLAlchemy
from werkzeug.local import LocalProxy

own_db = SQLAlchemy()
limiter = Limiter(key_func=get_remote_address, key_prefix="lms")


def _current_db() -> SQLAlchemy:
    return current_app.extensions["lms"].db


db: SQLAlchemy = LocalProxy(_current_db)  # type: ignore[assignment]
