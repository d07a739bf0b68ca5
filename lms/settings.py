"""Read the academy's settings from the current application, to hand to services.

Services and the drawing code take their configuration as arguments; views,
commands and document builders read it here, the one place that knows where
it lives (``app.config``, filled from :data:`lms.config.DEFAULTS`).
"""

import os
from pathlib import Path

from flask import current_app


def issuer_name() -> str:
    """Return the name certificates are issued under."""
    return current_app.config["LMS_CERTIFICATE_ISSUER"]


def issuer_name_zh() -> str:
    """Return the Chinese name certificates are issued under."""
    return current_app.config["LMS_CERTIFICATE_ISSUER_ZH"]


def certificate_font() -> str | None:
    """Return the configured CJK font file for certificates, if one is set."""
    return current_app.config.get("LMS_CERTIFICATE_FONT")


def signing_key_path() -> Path:
    """Return where this academy keeps its credential signing key."""
    configured = current_app.config.get("LMS_SIGNING_KEY_FILE")
    return Path(configured or os.path.join(current_app.instance_path, "lms-signing-key.pem"))


def default_region() -> str:
    """Return the region a national mobile number is read in when no SPO names one."""
    return current_app.config["LMS_DEFAULT_REGION"].upper()


def mail_configured() -> bool:
    """Tell whether the academy may send e-mail (an outgoing server is set)."""
    return bool(current_app.config.get("LMS_MAIL_SERVER"))


def mail_connection_settings() -> dict:
    """Return the SMTP connection's settings, as Flask-Mailman's SMTP backend takes them."""
    config = current_app.config
    return {
        "host": config["LMS_MAIL_SERVER"],
        "port": int(config["LMS_MAIL_PORT"]),
        "username": config.get("LMS_MAIL_USERNAME") or "",
        "password": config.get("LMS_MAIL_PASSWORD") or "",
        "use_tls": bool(config["LMS_MAIL_USE_TLS"]),
        "use_ssl": bool(config["LMS_MAIL_USE_SSL"]),
        "timeout": 10,
    }


def mail_sender() -> str:
    """Return the From address of the academy's mail."""
    return current_app.config["LMS_MAIL_FROM"]
