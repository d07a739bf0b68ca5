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
