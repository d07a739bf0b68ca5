"""Serve the standalone academy: ``gunicorn wsgi:app`` or ``flask --app wsgi run``."""

from lms.app import create_app

app = create_app()
