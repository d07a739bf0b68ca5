"""Producer Academy: a learning management system for Fairtrade producer training.

Use it standalone through :func:`lms.app.create_app`, or mount it into another
Flask application with ``LMS(app)``.

Nothing is imported eagerly: ``import lms.content`` (Markdown, GIFT) and the
certificate drawing code load without Flask, so they can be used, tested and
fuzzed on their own.
"""

__all__ = ["LMS", "create_app"]
__version__ = "0.1.0"


def create_app(config: dict | None = None):
    """Build the standalone application (see :mod:`lms.app`)."""
    from .app import create_app as _create_app

    return _create_app(config)


def __getattr__(name: str):
    """Import the Flask extension class only when someone asks for ``lms.LMS``."""
    if name == "LMS":
        from .plugin import LMS

        return LMS
    raise AttributeError(f"module 'lms' has no attribute {name!r}")
