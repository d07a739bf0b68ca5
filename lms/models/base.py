"""Declare the base class and helpers that every LMS model shares."""

from datetime import UTC, datetime

from sqlalchemy import MetaData, inspect
from sqlalchemy.orm import DeclarativeBase

# Named constraints let Alembic drop and alter them, on SQLite in batch mode too.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


# Columns that name a row to a person reading a failed test or a log, when a model has them;
# no names or e-mail addresses, which a log should not keep.
NAMING_COLUMNS = ("slug", "serial", "ident", "number", "language", "role", "status", "action")


class Base(DeclarativeBase):
    """Base of all LMS models; its metadata holds only ``lms_`` tables."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)

    def __repr__(self) -> str:
        """Show the model, its key and the columns that name it: ``<Course 3 slug='lca'>``.

        Reads only loaded attributes, so printing a row never queries the database.
        """
        state = inspect(self)
        key = ",".join(str(part) for part in state.identity) if state.identity else "new"
        loaded = state.dict
        names = [f"{name}={loaded[name]!r}" for name in NAMING_COLUMNS if name in loaded]
        return " ".join([f"<{type(self).__name__} {key}", *names]).rstrip() + ">"


def utcnow() -> datetime:
    """Return the current UTC time, naive, as every LMS column stores it.

    SQLite keeps no time zone, so all timestamps are naive UTC on every database.
    """
    return datetime.now(UTC).replace(tzinfo=None)


# Named apart from a host application's own ``alembic_version``.
MIGRATION_VERSION_TABLE = "lms_alembic_version"
# The full-text index (SQLite's FTS5 table and its shadow tables, or PostgreSQL's tsvector
# table) differs by database, so no model describes it: migration 0005 makes it by hand.
SEARCH_INDEX_PREFIX = "lms_search_fts"


def include_in_migrations(obj, name, type_, reflected, compare_to) -> bool:
    """Tell Alembic to manage only the academy's tables and leave a host's alone.

    The full-text index tables are the academy's but no model's, so they are left out too.
    """
    if type_ == "table":
        return (
            name.startswith("lms_")
            and name != MIGRATION_VERSION_TABLE
            and not name.startswith(SEARCH_INDEX_PREFIX)
        )
    return True
