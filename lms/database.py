"""Write helpers that hold under concurrent requests, on SQLite and PostgreSQL alike."""

from functools import cache

from sqlalchemy import Insert, Select, bindparam, func, select
from sqlalchemy.dialects import postgresql, sqlite

from .extensions import db

_INSERTS = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}
ROWS_PER_INSERT = 2000


def insert_if_absent(model, **values) -> None:
    """Insert a row unless one with the same unique key exists; never raise for it.

    One atomic statement (``INSERT ... ON CONFLICT DO NOTHING``), so two tabs or two
    workers doing the same thing at once leave exactly one row and no error.
    """
    insert_all_absent(model, [values])


def insert_all_absent(model, rows: list[dict]) -> None:
    """Insert each of ``rows`` that is not there yet, in one statement; never raise for one.

    ``insert_if_absent`` for many rows at once (``INSERT ... VALUES (...), (...) ON
    CONFLICT DO NOTHING``), so filling a cohort of hundreds costs one round trip. Very
    many rows go in statements of ``ROWS_PER_INSERT``, under every database's limit of
    bound parameters.
    """
    dialect = db.session.get_bind().dialect.name
    for start in range(0, len(rows), ROWS_PER_INSERT):
        chunk = rows[start : start + ROWS_PER_INSERT]
        db.session.execute(_INSERTS[dialect](model).values(chunk).on_conflict_do_nothing())


def upsert(model, keys: dict, values: dict) -> None:
    """Insert a row with ``keys`` and ``values``, or set ``values`` on the row with ``keys``.

    One atomic statement (``INSERT ... ON CONFLICT (keys) DO UPDATE``): no read first,
    and no error when two requests write the same row at once.
    """
    dialect = db.session.get_bind().dialect.name
    statement = _upsert_statement(dialect, model, tuple(keys), tuple(values))
    db.session.execute(statement, {**keys, **values})


@cache
def _upsert_statement(dialect: str, model, keys: tuple, names: tuple) -> Insert:
    """Build the upsert of ``model`` once per shape, with bound parameters for the values.

    Pages that record a view run it on every request; building the statement cost
    more than running it.
    """
    # On the table, not the mapped class: a Core statement skips the ORM's bulk-insert path.
    table = model.__table__
    statement = _INSERTS[dialect](table).values({name: bindparam(name) for name in keys + names})
    return statement.on_conflict_do_update(
        index_elements=list(keys),
        set_={name: statement.excluded[name] for name in names},
    )


def assign_changed(obj, **values) -> bool:
    """Set only the attributes of ``obj`` that differ from ``values``; return whether any did.

    Imports use it so that an unchanged file leaves rows, and their ``updated_at``, alone.
    """
    changed = False
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    return changed


def contains_pattern(text: str) -> str:
    """Return a LIKE pattern matching ``text`` anywhere, its wildcards escaped with ``\\``."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def count_rows(query: Select) -> int:
    """Return how many rows ``query`` would return, in one ``SELECT count(*)``."""
    return db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
