"""Login throttling shared through Redis, as several workers and servers need it.

Runs when ``LMS_TEST_REDIS_URL`` is set (``.ci/run`` sets it to this machine's Redis).
"""

import os
import uuid

import pytest
from flask_migrate import upgrade

from lms.app import MIGRATIONS_DIR, create_app

from ..helpers import csrf_token

REDIS_URL = os.environ.get("LMS_TEST_REDIS_URL")
pytestmark = pytest.mark.skipif(not REDIS_URL, reason="LMS_TEST_REDIS_URL is not set")


def worker(database_url: str):
    """Start one app process's worth of academy sharing Redis for its counters."""
    return create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": database_url,
            "RATELIMIT_STORAGE_URI": REDIS_URL,
            "LMS_LOGIN_RATE_LIMIT": "2 per minute",
        }
    )


def failed_login(app, email: str) -> int:
    """Post a wrong password for ``email``; return the status code."""
    client = app.test_client()
    data = {"login": email, "password": "wrong", "csrf_token": csrf_token(client, "/login")}
    return client.post("/login", data=data).status_code


def test_failed_logins_count_across_workers(tmp_path):
    """Refuse the third failed login even when it reaches another worker."""
    url = f"sqlite:///{tmp_path}/shared.sqlite"
    first = worker(url)
    with first.app_context():
        upgrade(directory=str(MIGRATIONS_DIR))
    email = f"{uuid.uuid4().hex}@example.org"  # a key of its own in the shared Redis
    assert failed_login(first, email) == 200
    assert failed_login(first, email) == 200
    second = worker(url)  # a fresh process would keep nothing in memory
    assert failed_login(second, email) == 429
