"""Write seeded rows in large batches straight to the database driver, with ids chosen up front.

Measured on 100,000 learners, SQLAlchemy's per-row parameter handling cost more than
the inserts themselves, so the millions of rows go to the driver as they are: one
``executemany`` per table and batch on SQLite, one ``COPY`` on PostgreSQL, in the
session's own transaction. Rows are queued per table and written parents first, so
foreign keys hold at every statement. Ids are counted on from the largest one in each
table, so a learner's history can point at rows not written yet; PostgreSQL's
sequences are moved past them at the end.

A row is either a dict (small tables: every row of a table has the same keys, and the
writer turns its dates, times and JSON into what the database takes) or a tuple of
final values in the order given to :meth:`BulkWriter.define` (the big tables, whose
callers use :meth:`BulkWriter.stamp`).
"""

import json
from collections import Counter
from datetime import date, datetime

from sqlalchemy import func, select, text

from ..models import Base

BATCH = 100_000
# SQLite's page cache while seeding (KiB): the indexes of millions of rows stay in memory.
SQLITE_CACHE_KIB = 512 * 1024


def _sqlite_value(value):
    """Return ``value`` as SQLAlchemy stores it in SQLite."""
    if isinstance(value, datetime):
        return value.isoformat(" ", "microseconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict | list):
        return json.dumps(value)
    return value


def _postgresql_value(value):
    """Return ``value`` as COPY takes it: JSON as text, everything else as it is."""
    return json.dumps(value) if isinstance(value, dict | list) else value


def _sqlite_stamp(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat(" ", "microseconds")


def _same(moment):
    return moment


class BulkWriter:
    """Queue rows per table and write them in dependency order, a batch at a time."""

    def __init__(self, connection, batch: int = BATCH):
        """Write on ``connection`` (a SQLAlchemy connection in an open transaction)."""
        self.connection = connection
        self.driver = connection.connection.driver_connection
        self.sqlite = connection.dialect.name == "sqlite"
        self.stamp = _sqlite_stamp if self.sqlite else _same
        self.value = _sqlite_value if self.sqlite else _postgresql_value
        self.batch = batch
        self.order = [table.name for table in Base.metadata.sorted_tables]
        self.columns: dict[str, tuple[str, ...]] = {}
        self.buffers: dict[str, list] = {name: [] for name in self.order}
        self.next_ids: dict[str, int] = {}
        self.counts: Counter = Counter()
        self.pending = 0
        if self.sqlite:
            self.cache = self.driver.execute("PRAGMA cache_size").fetchone()[0]
            self.driver.execute(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")

    def define(self, model, columns: tuple[str, ...]) -> None:
        """Say which columns, in which order, the rows of ``model``'s table give."""
        self.columns[getattr(model, "__table__", model).name] = tuple(columns)

    def new_id(self, model, count: int = 1) -> int:
        """Return the id the next row of ``model`` will have, keeping ``count`` ids for it."""
        name = model.__table__.name
        if name not in self.next_ids:
            largest = self.connection.scalar(select(func.max(model.__table__.c.id)))
            self.next_ids[name] = (largest or 0) + 1
        number = self.next_ids[name]
        self.next_ids[name] = number + count
        return number

    def add(self, model, row) -> None:
        """Queue ``row`` for ``model``'s table (a model class or a Core table)."""
        self.buffers[getattr(model, "__table__", model).name].append(row)
        self.pending += 1

    def extend(self, model, rows: list) -> None:
        """Queue several tuple rows for ``model``'s table."""
        self.buffers[model.__table__.name].extend(rows)
        self.pending += len(rows)

    def flush_if_full(self) -> None:
        """Write the queued rows once there are a batch of them.

        Called between learners, never inside one, so a learner's row goes in before
        (or with) the rows that point at it.
        """
        if self.pending >= self.batch:
            self.flush()

    def flush(self) -> None:
        """Write every queued row, parents first."""
        for name in self.order:
            rows = self.buffers[name]
            if not rows:
                continue
            if isinstance(rows[0], dict):
                columns = tuple(rows[0])
                rows = [tuple(self.value(row[c]) for c in columns) for row in rows]
            else:
                columns = self.columns[name]
            self._write(name, columns, rows)
            self.counts[name] += len(rows)
            self.buffers[name] = []
        self.pending = 0

    def _write(self, name: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
        names = ", ".join(columns)
        if self.sqlite:
            marks = ", ".join("?" * len(columns))
            self.driver.executemany(f"INSERT INTO {name} ({names}) VALUES ({marks})", rows)
            return
        with (
            self.driver.cursor() as cursor,
            cursor.copy(f"COPY {name} ({names}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)

    def finish(self) -> Counter:
        """Write what is left, move PostgreSQL's sequences on, and return rows per table."""
        self.flush()
        if self.sqlite:
            self.driver.execute(f"PRAGMA cache_size={self.cache}")
        else:
            for name in self.next_ids:
                self.connection.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                        f"(SELECT max(id) FROM {name}))"
                    )
                )
        return self.counts
