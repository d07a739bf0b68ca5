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
