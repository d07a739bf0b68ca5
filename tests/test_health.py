"""The health check that load balancers and monitoring poll."""

from lms.app import create_app


def test_healthz_answers_ok_when_the_database_answers(client):
    """Answer 200 with a JSON status of ok while the database answers."""
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok"}


def test_healthz_answers_503_when_the_database_is_unreachable():
    """Answer 503 with a JSON status, not a crash page, when the database cannot be opened."""
    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": "sqlite:////nonexistent-dir/x.sqlite",
            "SECRET_KEY": "x" * 40,
        }
    )
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "unavailable", "database": "unreachable"}
