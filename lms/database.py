"""Write helpers that hold under concurrent requests, on SQLite and PostgreSQL alike."""

from sqlalchemy.dialects import postgresql, sqlite

from .extensions import db

_INSERTS = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


def insert_if_absent(model, **values) -> None:
    """Insert a row unless one with the same unique key exists; never raise for it.

    One atomic statement (``INSERT ... ON CONFLICT DO NOTHING``), so two tabs or two
    workers doing the same thing at once leave exactly one row and no error.
    """
    dialect = db.session.get_bind().dialect.name
    statement = _INSERTS[dialect](model).values(**values).on_conflict_do_nothing()
    db.session.execute(statement)
