"""Producer Academy: a learning management system for Fairtrade producer training.

Use it standalone through :func:`lms.app.create_app`, or mount it into another
Flask application with ``LMS(app)``.
"""

from .plugin import LMS

__all__ = ["LMS", "create_app"]
__version__ = "0.1.0"


def create_app(config: dict | None = None):
    """Build the standalone application (see :mod:`lms.app`)."""
    from .app import create_app as _create_app

    return _create_app(config)
