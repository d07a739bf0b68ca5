"""Mount the academy into a Flask application: the one wiring path.

``create_app`` (standalone) and a host application (plugin) both come through
``LMS.init_app``, which only registers: it never migrates, prints or connects.
"""

from dataclasses import dataclass
from functools import cache

from flask import Flask
from flask_babel import Babel
from flask_compress import Compress
from flask_login import LoginManager
from flask_mailman import Mail
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import Select, bindparam, event, select
from sqlalchemy.orm import lazyload

from .config import DEFAULTS
from .extensions import own_db
from .limits import init_limiter
from .locale import select_locale
from .models import User
from .static_files import StaticFiles


@dataclass
class LMSState:
    """What the academy keeps in ``app.extensions["lms"]``."""

    db: SQLAlchemy
    url_prefix: str
    static_files: StaticFiles
    compress: Compress  # used by the academy's blueprint only (COMPRESS_REGISTER is off)


class LMS:
    """The academy as a Flask extension: ``LMS(app)`` or ``LMS().init_app(app)``."""

    def __init__(self, app: Flask | None = None, url_prefix: str | None = None):
        self.url_prefix = url_prefix
        if app is not None:
            self.init_app(app)

    def init_app(self, app: Flask, url_prefix: str | None = None) -> None:
        """Register the academy's blueprints, database, login, languages, limits and compression.

        An application holds one academy: a second ``init_app`` is refused before
        anything is registered twice.
        """
        if "lms" in app.extensions:
            raise RuntimeError(
                "The academy is already mounted on this application; "
                "call LMS(app) or init_app(app) once."
            )
        for key, value in DEFAULTS.items():
            app.config.setdefault(key, value)
        prefix = url_prefix if url_prefix is not None else self.url_prefix
        if prefix is None:
            prefix = app.config["LMS_URL_PREFIX"]
        db = _init_database(app)
        _init_login(app)
        if "babel" not in app.extensions:
            Babel(app, locale_selector=select_locale)
        compress = Compress()
        compress.init_app(app)
        if "mailman" not in app.extensions:  # a host's own Flask-Mailman is used as it is
            Mail().init_app(app)
        app.extensions["lms"] = LMSState(
            db=db,
            url_prefix=prefix.rstrip("/"),
            static_files=StaticFiles.scan(),
            compress=compress,
        )

        from .blueprint import create_blueprint

        app.register_blueprint(create_blueprint(), url_prefix=prefix.rstrip("/") or None)
        init_limiter(app)  # once the views are registered: it finds the limited ones


def _init_database(app: Flask) -> SQLAlchemy:
    """Use the host's Flask-SQLAlchemy if it has one, else the academy's own."""
    db = app.extensions.get("sqlalchemy")
    if db is None:
        db = own_db
        db.init_app(app)
    with app.app_context():
        for engine in db.engines.values():
            if engine.dialect.name == "sqlite":
                event.listen(engine, "connect", _tune_sqlite)
    return db


def _tune_sqlite(dbapi_connection, _record) -> None:
    # WAL lets readers work while a writer commits; the timeout waits out short locks.
    # In WAL mode, NORMAL syncs at checkpoints rather than every commit: a power cut
    # may lose the last views recorded, never corrupt the file.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def load_user(user_id: str) -> User | None:
    """Load an academy user from the id Flask-Login kept in the session."""
    from .extensions import db

    prefix, _, rest = str(user_id).partition(":")
    number, _, token = rest.partition(":")
    if prefix != "lms" or not number.isdigit():
        return None
    user = db.session.execute(_user_by_id(), {"id": int(number)}).scalar_one_or_none()
    if user is None or not user.active or user.session_token != token:
        return None
    return user


@cache
def _user_by_id() -> Select:
    """Build, once per process, the statement that loads the user behind a request.

    Only the user's own row: their SPO, joined wherever else a user is loaded, is read
    only by the pages that show it (the account page, issuing a certificate).
    """
    return select(User).options(lazyload(User.organization)).where(User.id == bindparam("id"))


def _init_login(app: Flask) -> None:
    """Install a LoginManager, or chain ours behind the host's user loader."""
    manager = getattr(app, "login_manager", None)
    if manager is None:
        manager = LoginManager(app)
        manager.session_protection = "strong"
        manager.user_loader(load_user)
        return
    host_loader = manager.user_callback

    def chained_loader(user_id):
        if str(user_id).startswith("lms:"):
            return load_user(user_id)
        return host_loader(user_id) if host_loader else None

    manager.user_loader(chained_loader)
