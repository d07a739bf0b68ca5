"""Read the academy's configuration from environment variables."""

import os

DEV_SECRET_KEY = "dev-only-insecure-secret-key"

# The academy's settings and their defaults, the one source for both ways of running:
# ``config_from_env`` (standalone) reads them from the environment, and ``LMS.init_app``
# sets them on a host application that left them out.
DEFAULTS = {
    "LMS_URL_PREFIX": "",
    "LMS_LOGIN_RATE_LIMIT": "5 per 15 minutes",
    "LMS_LOGIN_IP_RATE_LIMIT": "30 per 15 minutes",
    "LMS_VERIFY_RATE_LIMIT": "60 per minute",
    "LMS_CERTIFICATE_ISSUER": "Fairtrade NAPP Producer Academy",
    # The same issuer for Chinese readers and on the Chinese half of each certificate.
    "LMS_CERTIFICATE_ISSUER_ZH": "公平贸易亚太生产者网络 生产者学院",
    # A TrueType font with Chinese glyphs; None: Debian's fonts-wqy-microhei.
    "LMS_CERTIFICATE_FONT": None,
    # The credential signing key; None: lms-signing-key.pem in the instance folder.
    "LMS_SIGNING_KEY_FILE": None,
    # Where a mobile number written without its country code is read, when the person's
    # SPO names no country (ISO 3166 two-letter code).
    "LMS_DEFAULT_REGION": "CN",
    # Outgoing mail, for password-reset links; no server: no mail, and the login page
    # sends people to their coordinator or trainer instead.
    "LMS_MAIL_SERVER": None,
    "LMS_MAIL_PORT": 587,
    "LMS_MAIL_USERNAME": None,
    "LMS_MAIL_PASSWORD": None,
    "LMS_MAIL_USE_TLS": True,
    "LMS_MAIL_USE_SSL": False,
    "LMS_MAIL_FROM": "Producer Academy <no-reply@localhost>",
    "RATELIMIT_STORAGE_URI": "memory://",
    "RATELIMIT_HEADERS_ENABLED": False,
    # Learners leave pages open on their phones for hours; a token lives as long as the session.
    "WTF_CSRF_TIME_LIMIT": None,
    # Flask-Compress compresses the academy's own pages only (its blueprint), never the
    # host's. Brotli 4 is smaller than gzip 9 for less CPU than gzip 6 (bench/README.md);
    # gzip 4 is for browsers without Brotli. Types not listed (PDF, ZIP, PNG) stay as they are.
    "COMPRESS_REGISTER": False,
    "COMPRESS_ALGORITHM": ["br", "gzip"],
    "COMPRESS_BR_LEVEL": 4,
    "COMPRESS_LEVEL": 4,
    "COMPRESS_MIN_SIZE": 500,
    # Files sent as streams (static files in a host app) keep their ETag and byte ranges.
    "COMPRESS_STREAMS": False,
}
# Settings an environment variable of the same name sets.
FROM_ENVIRONMENT = (
    "LMS_URL_PREFIX",
    "LMS_LOGIN_RATE_LIMIT",
    "LMS_LOGIN_IP_RATE_LIMIT",
    "LMS_VERIFY_RATE_LIMIT",
    "LMS_CERTIFICATE_ISSUER",
    "LMS_CERTIFICATE_ISSUER_ZH",
    "LMS_CERTIFICATE_FONT",
    "LMS_SIGNING_KEY_FILE",
    "LMS_DEFAULT_REGION",
    "LMS_MAIL_SERVER",
    "LMS_MAIL_USERNAME",
    "LMS_MAIL_PASSWORD",
    "LMS_MAIL_FROM",
)


class ConfigError(RuntimeError):
    """Raised when the environment does not allow the academy to start safely."""


def _bool(value: str | None, default: bool) -> bool:
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def config_from_env(environ=None, instance_path: str = "instance") -> dict:
    """Build the Flask configuration mapping from ``environ`` (default: ``os.environ``).

    Development gets safe defaults (SQLite in the instance folder, a fixed dev key);
    production (``LMS_ENV=production``) refuses to start without a real secret key.
    """
    env = os.environ if environ is None else environ
    mode = env.get("LMS_ENV", "development")
    secret = env.get("LMS_SECRET_KEY") or env.get("SECRET_KEY")
    if mode == "production" and (not secret or secret == DEV_SECRET_KEY or len(secret) < 32):
        raise ConfigError(
            "LMS_SECRET_KEY must be set to a random value of at least 32 characters "
            "when LMS_ENV=production (generate one with: python -c "
            "'import secrets; print(secrets.token_urlsafe(48))')"
        )
    database_url = env.get("DATABASE_URL") or env.get("LMS_DATABASE_URL")
    if not database_url:
        database_url = "sqlite:///" + os.path.join(os.path.abspath(instance_path), "lms.sqlite")
    production = mode == "production"
    return {
        **DEFAULTS,
        "LMS_ENV": mode,
        "SECRET_KEY": secret or DEV_SECRET_KEY,
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": _bool(env.get("LMS_SECURE_COOKIES"), production),
        "REMEMBER_COOKIE_SECURE": _bool(env.get("LMS_SECURE_COOKIES"), production),
        "RATELIMIT_STORAGE_URI": env.get("LMS_RATELIMIT_STORAGE_URI")
        or DEFAULTS["RATELIMIT_STORAGE_URI"],
        "LMS_TRUSTED_PROXIES": int(env.get("LMS_TRUSTED_PROXIES") or 0),
        "LMS_MAIL_PORT": int(env.get("LMS_MAIL_PORT") or DEFAULTS["LMS_MAIL_PORT"]),
        "LMS_MAIL_USE_TLS": _bool(env.get("LMS_MAIL_USE_TLS"), DEFAULTS["LMS_MAIL_USE_TLS"]),
        "LMS_MAIL_USE_SSL": _bool(env.get("LMS_MAIL_USE_SSL"), DEFAULTS["LMS_MAIL_USE_SSL"]),
        **{name: env.get(name) or DEFAULTS[name] for name in FROM_ENVIRONMENT},
    }
