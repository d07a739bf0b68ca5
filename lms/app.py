"""Create the standalone academy application (served by ``wsgi.py``)."""

import os
from pathlib import Path

from flask import Flask
from flask_migrate import Migrate
from werkzeug.middleware.proxy_fix import ProxyFix

from .config import config_from_env
from .plugin import LMS
from .static_files import serve_static_files

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"


def create_app(config: dict | None = None) -> Flask:
    """Build the standalone app from the environment, then ``config`` overrides."""
    app = Flask("lms", instance_relative_config=True, static_folder=None)
    app.config.update(config_from_env(instance_path=app.instance_path))
    if config:
        app.config.update(config)
    os.makedirs(app.instance_path, exist_ok=True)
    proxies = app.config.get("LMS_TRUSTED_PROXIES", 0)
    if proxies:
        # Behind nginx or a load balancer, the client's address (which login throttling
        # counts by) and the scheme come from the proxy's X-Forwarded-* headers.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)
    LMS(app)
    serve_static_files(app)
    Migrate(
        app,
        app.extensions["lms"].db,
        directory=str(MIGRATIONS_DIR),
        render_as_batch=True,
    )
    return app
