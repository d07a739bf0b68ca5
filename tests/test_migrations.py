"""The Alembic migrations build the schema the models describe, on every database."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, text

from lms.app import MIGRATIONS_DIR
from lms.extensions import db
from lms.models.base import Base, include_in_migrations


def lms_tables() -> set[str]:
    """Return the academy tables present in the database."""
    return {name for name in inspect(db.engine).get_table_names() if name.startswith("lms_")}


def test_downgrade_to_empty_and_upgrade_again(app):
    """Remove every table with ``db downgrade base`` and rebuild them with ``db upgrade``."""
    db.session.remove()
    downgrade(directory=str(MIGRATIONS_DIR), revision="base")
    assert lms_tables() == {"lms_alembic_version"} or lms_tables() == set()
    upgrade(directory=str(MIGRATIONS_DIR))
    assert {table.name for table in Base.metadata.sorted_tables} <= lms_tables()


def test_models_match_the_migrations(app):
    """Find no difference between the migrated schema and the models (no missing migration)."""
    with db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"include_object": include_in_migrations, "compare_type": True}
        )
        assert compare_metadata(context, Base.metadata) == []


def test_cli_upgrade_on_an_empty_database(tmp_path, backend, app):
    """Run ``flask db upgrade`` from the command line against an empty database."""
    db.session.remove()
    downgrade(directory=str(MIGRATIONS_DIR), revision="base")
    result = app.test_cli_runner().invoke(args=["db", "upgrade"])
    assert result.exit_code == 0, result.output
    assert "lms_user" in lms_tables()


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(app, backend):
    """Let readers work during a write and wait out short locks (SQLite only)."""
    if backend != "sqlite":
        assert db.engine.dialect.name == "postgresql"
        return
    with db.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() == 5000
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_accounts_and_certificates_made_before_mobile_logins_keep_working(app):
    """Migration 0008 (e-mail optional, mobile and username added) keeps every row: the
    account, its enrolment (SQLite rebuilds the table without firing ON DELETE CASCADE)
    and its certificate, which names its learner by e-mail as before."""
    db.session.remove()
    downgrade(directory=str(MIGRATIONS_DIR), revision="0007")
    now = "2026-01-01 00:00:00"
    rows = [
        "INSERT INTO lms_user (id, email, name, password_hash, role, active, created_at,"
        f" session_token) VALUES (1, 'old@example.org', 'Old', 'x', 'learner', true, '{now}', 't')",
        "INSERT INTO lms_course (id, slug, version, status, default_language, languages,"
        f" certificate, created_at, updated_at) VALUES (1, 'c', 1, 'published', 'en', 'en',"
        f" true, '{now}', '{now}')",
        f"INSERT INTO lms_enrolment (user_id, course_id, enrolled_at) VALUES (1, 1, '{now}')",
        "INSERT INTO lms_certificate (serial, user_id, course_id, issued_at, learner_name,"
        " organization_name, organization_name_zh, course_slug, course_version, course_titles,"
        " trainer_names, issuer_name, identity_hash, identity_salt, revoked_reason) VALUES"
        f" ('S1', 1, 1, '{now}', 'Old', '', '', 'c', 1, '{{}}', '', 'NAPP', 'sha256$x', 's', '')",
    ]
    with db.engine.begin() as connection:
        for row in rows:
            connection.execute(text(row))
    upgrade(directory=str(MIGRATIONS_DIR))
    with db.engine.connect() as connection:
        user = connection.execute(
            text("SELECT email, mobile, username, must_change_password FROM lms_user")
        ).one()
        assert tuple(user) == ("old@example.org", None, None, False)
        assert connection.execute(text("SELECT count(*) FROM lms_enrolment")).scalar() == 1
        kind = connection.execute(text("SELECT identity_type FROM lms_certificate")).scalar()
        assert kind == "emailAddress"
    with db.engine.begin() as connection:
        for table in ("lms_certificate", "lms_enrolment", "lms_course", "lms_user"):
            connection.execute(text(f"DELETE FROM {table}"))
