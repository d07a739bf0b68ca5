"""Configuration from the environment: safe for development, strict in production."""

import pytest

from lms.app import create_app
from lms.config import DEV_SECRET_KEY, ConfigError, config_from_env

STRONG = "k" * 48


def test_development_defaults_to_sqlite_in_the_instance_folder(tmp_path):
    """Use an SQLite file in the instance folder and the development key."""
    config = config_from_env({}, instance_path=str(tmp_path))
    assert config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path}/lms.sqlite"
    assert config["SECRET_KEY"] == DEV_SECRET_KEY
    assert config["SESSION_COOKIE_SECURE"] is False


@pytest.mark.parametrize("secret", [None, "", DEV_SECRET_KEY, "short-secret"])
def test_production_refuses_a_missing_or_weak_secret(secret):
    """Refuse to start in production without a real secret key."""
    environ = {"LMS_ENV": "production"}
    if secret is not None:
        environ["LMS_SECRET_KEY"] = secret
    with pytest.raises(ConfigError, match="LMS_SECRET_KEY"):
        config_from_env(environ)


def test_production_with_a_real_secret(monkeypatch, tmp_path):
    """Start in production with a strong key, secure cookies and the given database."""
    monkeypatch.setenv("LMS_ENV", "production")
    monkeypatch.setenv("LMS_SECRET_KEY", STRONG)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/prod.sqlite")
    app = create_app()
    assert app.config["SECRET_KEY"] == STRONG
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SQLALCHEMY_DATABASE_URI"].endswith("prod.sqlite")


def test_create_app_refuses_production_without_secret(monkeypatch):
    """Fail at start-up, not on the first request."""
    monkeypatch.setenv("LMS_ENV", "production")
    monkeypatch.delenv("LMS_SECRET_KEY", raising=False)
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ConfigError):
        create_app()


def login_attempt(client, address: str, email: str) -> int:
    """Post a failed login as if from ``address`` behind a proxy; return the status."""
    from .helpers import csrf_token

    headers = {"X-Forwarded-For": address}
    token = csrf_token(client, "/login")
    data = {"login": email, "password": "wrong password", "csrf_token": token}
    return client.post("/login", data=data, headers=headers).status_code


def test_login_throttling_counts_clients_behind_a_trusted_proxy(tmp_path):
    """Count failed logins per client address from X-Forwarded-For, not per proxy."""
    from flask_migrate import upgrade

    from lms.app import MIGRATIONS_DIR

    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/proxy.sqlite",
            "LMS_TRUSTED_PROXIES": 1,
            "LMS_LOGIN_IP_RATE_LIMIT": "2 per minute",
        }
    )
    with app.app_context():
        upgrade(directory=str(MIGRATIONS_DIR))
    client = app.test_client()
    assert login_attempt(client, "203.0.113.5", "a@example.org") == 200
    assert login_attempt(client, "203.0.113.5", "b@example.org") == 200
    assert login_attempt(client, "203.0.113.5", "c@example.org") == 429
    assert login_attempt(client, "203.0.113.6", "d@example.org") == 200
