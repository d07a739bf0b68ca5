"""report summary: counts per SPO, course and month, kept by triggers

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-04 21:40:00

The network dashboard sums what every SPO's members did; counting millions of progress
rows on each request would take seconds. lms_report_tally holds the sums instead, and
the database keeps them: a trigger on each counted table adds or takes away the row's
share in the same statement, whichever code (or bulk insert, or cascade) changed it.

Every share is written with INSERT ... SELECT ... ON CONFLICT DO UPDATE, which SQLite
and PostgreSQL both read; only the month of a timestamp and the trigger wrapper differ.
The SELECT joins the learner and the course, so a row whose learner has no SPO, or
whose learner or course is being deleted, counts for nothing.

"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

TALLY = "lms_report_tally"
KEY = "organization_id, course_id, month"


def _month(dialect: str, column: str) -> str:
    """Return SQL for the ``YYYY-MM`` of a timestamp column (stored as text on SQLite)."""
    if dialect == "postgresql":
        return f"to_char({column}, 'YYYY-MM')"
    return f"substr({column}, 1, 7)"


def _upsert(column: str, values: str) -> str:
    """Return an INSERT of ``values`` (a SELECT of key + amount) adding to ``column``."""
    return (
        f"INSERT INTO {TALLY} ({KEY}, {column}) {values} "
        f"ON CONFLICT ({KEY}) DO UPDATE SET {column} = {TALLY}.{column} + excluded.{column}"
    )


def _share(dialect, column, sign, row, when_column, course, extra=""):
    """One row's share: ``sign`` 1 in ``column`` at the month of ``row.when_column``."""
    month = _month(dialect, f"{row}.{when_column}")
    return _upsert(
        column,
        f"SELECT u.organization_id, c.id, {month}, {sign}1 "
        f"FROM lms_user u JOIN lms_course c ON c.id = {course} "
        f"WHERE u.id = {row}.user_id AND u.organization_id IS NOT NULL "
        f"AND {row}.{when_column} IS NOT NULL{extra}",
    )


def _enrolment(dialect, sign, row):
    return [
        _share(dialect, "enrolled", sign, row, "enrolled_at", f"{row}.course_id"),
        _share(dialect, "completed", sign, row, "completed_at", f"{row}.course_id"),
    ]


def _progress(dialect, sign, row):
    course = f"(SELECT m.course_id FROM lms_module m WHERE m.id = {row}.module_id)"
    return [_share(dialect, "modules_completed", sign, row, "completed_at", course)]


def _certificate(dialect, sign, row):
    extra = f" AND {row}.revoked_at IS NULL"
    return [_share(dialect, "certificates", sign, row, "issued_at", f"{row}.course_id", extra)]


def _learner_shares(dialect, sign, organization, user_id):
    """Every share of one learner, added to (or taken from) ``organization``."""
    month = lambda column: _month(dialect, column)  # noqa: E731
    selects = {
        "enrolled": (
            f"SELECT {organization}, e.course_id, {month('e.enrolled_at')}, {sign}count(*) "
            f"FROM lms_enrolment e WHERE e.user_id = {user_id} AND {organization} IS NOT NULL "
            f"GROUP BY e.course_id, {month('e.enrolled_at')}"
        ),
        "completed": (
            f"SELECT {organization}, e.course_id, {month('e.completed_at')}, {sign}count(*) "
            f"FROM lms_enrolment e WHERE e.user_id = {user_id} AND {organization} IS NOT NULL "
            f"AND e.completed_at IS NOT NULL GROUP BY e.course_id, {month('e.completed_at')}"
        ),
        "modules_completed": (
            f"SELECT {organization}, m.course_id, {month('p.completed_at')}, {sign}count(*) "
            f"FROM lms_module_progress p JOIN lms_module m ON m.id = p.module_id "
            f"WHERE p.user_id = {user_id} AND {organization} IS NOT NULL "
            f"AND p.completed_at IS NOT NULL GROUP BY m.course_id, {month('p.completed_at')}"
        ),
        "certificates": (
            f"SELECT {organization}, t.course_id, {month('t.issued_at')}, {sign}count(*) "
            f"FROM lms_certificate t WHERE t.user_id = {user_id} AND {organization} IS NOT NULL "
            f"AND t.course_id IS NOT NULL AND t.revoked_at IS NULL "
            f"GROUP BY t.course_id, {month('t.issued_at')}"
        ),
    }
    return [_upsert(column, select) for column, select in selects.items()]


def _module_shares(dialect):
    """Take away a module's completions before the module (and so its progress) goes."""
    month = _month(dialect, "p.completed_at")
    return [
        _upsert(
            "modules_completed",
            f"SELECT u.organization_id, OLD.course_id, {month}, -count(*) "
            f"FROM lms_module_progress p JOIN lms_user u ON u.id = p.user_id "
            f"WHERE p.module_id = OLD.id AND p.completed_at IS NOT NULL "
            f"AND u.organization_id IS NOT NULL GROUP BY u.organization_id, {month}",
        )
    ]


def _changed(dialect, columns):
    """A WHEN condition: any of ``columns`` differs between OLD and NEW."""
    differs = "IS DISTINCT FROM" if dialect == "postgresql" else "IS NOT"
    return " OR ".join(f"OLD.{column} {differs} NEW.{column}" for column in columns)


def _triggers(dialect):
    """Return (name, timing, event, table, WHEN condition or None, statements)."""
    enrolment_columns = ("user_id", "course_id", "enrolled_at", "completed_at")
    progress_columns = ("user_id", "module_id", "completed_at")
    certificate_columns = ("user_id", "course_id", "issued_at", "revoked_at")
    return [
        ("enrolment_in", "AFTER", "INSERT", "lms_enrolment", None, _enrolment(dialect, "", "NEW")),
        (
            "enrolment_out",
            "AFTER",
            "DELETE",
            "lms_enrolment",
            None,
            _enrolment(dialect, "-", "OLD"),
        ),
        (
            "enrolment_change",
            "AFTER",
            "UPDATE",
            "lms_enrolment",
            _changed(dialect, enrolment_columns),
            _enrolment(dialect, "-", "OLD") + _enrolment(dialect, "", "NEW"),
        ),
        (
            "progress_in",
            "AFTER",
            "INSERT",
            "lms_module_progress",
            None,
            _progress(dialect, "", "NEW"),
        ),
        (
            "progress_out",
            "AFTER",
            "DELETE",
            "lms_module_progress",
            None,
            _progress(dialect, "-", "OLD"),
        ),
        (
            "progress_change",
            "AFTER",
            "UPDATE",
            "lms_module_progress",
            _changed(dialect, progress_columns),
            _progress(dialect, "-", "OLD") + _progress(dialect, "", "NEW"),
        ),
        (
            "certificate_in",
            "AFTER",
            "INSERT",
            "lms_certificate",
            None,
            _certificate(dialect, "", "NEW"),
        ),
        (
            "certificate_out",
            "AFTER",
            "DELETE",
            "lms_certificate",
            None,
            _certificate(dialect, "-", "OLD"),
        ),
        (
            "certificate_change",
            "AFTER",
            "UPDATE",
            "lms_certificate",
            _changed(dialect, certificate_columns),
            _certificate(dialect, "-", "OLD") + _certificate(dialect, "", "NEW"),
        ),
        (
            "learner_moves",
            "AFTER",
            "UPDATE",
            "lms_user",
            _changed(dialect, ("organization_id",)),
            _learner_shares(dialect, "-", "OLD.organization_id", "OLD.id")
            + _learner_shares(dialect, "", "NEW.organization_id", "NEW.id"),
        ),
        (
            "learner_leaves",
            "BEFORE",
            "DELETE",
            "lms_user",
            None,
            _learner_shares(dialect, "-", "OLD.organization_id", "OLD.id"),
        ),
        ("module_leaves", "BEFORE", "DELETE", "lms_module", None, _module_shares(dialect)),
    ]


def _create(dialect, name, timing, event, table, when, statements):
    """Return the SQL that makes one trigger on ``dialect``."""
    trigger = f"lms_tally_{name}"
    body = ";\n".join(statements) + ";"
    if dialect == "postgresql":
        condition = f" WHEN ({when})" if when else ""
        result = "OLD" if timing == "BEFORE" else "NULL"
        return [
            f"CREATE OR REPLACE FUNCTION {trigger}() RETURNS trigger LANGUAGE plpgsql AS $$\n"
            f"BEGIN\n{body}\nRETURN {result};\nEND $$",
            f"CREATE TRIGGER {trigger} {timing} {event} ON {table} FOR EACH ROW{condition} "
            f"EXECUTE FUNCTION {trigger}()",
        ]
    condition = f" WHEN {when}" if when else ""
    return [
        f"CREATE TRIGGER {trigger} {timing} {event} ON {table} FOR EACH ROW{condition}\nBEGIN\n{body}\nEND"
    ]


def _drop(dialect, name, table):
    trigger = f"lms_tally_{name}"
    if dialect == "postgresql":
        return [
            f"DROP TRIGGER IF EXISTS {trigger} ON {table}",
            f"DROP FUNCTION IF EXISTS {trigger}()",
        ]
    return [f"DROP TRIGGER IF EXISTS {trigger}"]


def upgrade():
    op.create_table(
        TALLY,
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("course_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("enrolled", sa.Integer(), server_default="0", nullable=False),
        sa.Column("completed", sa.Integer(), server_default="0", nullable=False),
        sa.Column("modules_completed", sa.Integer(), server_default="0", nullable=False),
        sa.Column("certificates", sa.Integer(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(
            ["course_id"],
            ["lms_course.id"],
            name=op.f("fk_lms_report_tally_course_id_lms_course"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["lms_organization.id"],
            name=op.f("fk_lms_report_tally_organization_id_lms_organization"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "organization_id", "course_id", "month", name=op.f("pk_lms_report_tally")
        ),
    )
    op.create_index(op.f("ix_lms_report_tally_course_id"), TALLY, ["course_id"], unique=False)
    dialect = op.get_context().dialect.name
    for name, timing, event, table, when, statements in _triggers(dialect):
        for sql in _create(dialect, name, timing, event, table, when, statements):
            op.execute(sql)
    # Count what is already there, as the triggers would have.
    for column, select in _recount_selects(dialect).items():
        op.execute(_upsert(column, select))


def _recount_selects(dialect):
    """The SELECTs that count everything already stored, one per column."""
    month = lambda column: _month(dialect, column)  # noqa: E731
    learner = "JOIN lms_user u ON u.id = {0}.user_id AND u.organization_id IS NOT NULL"
    return {
        "enrolled": (
            f"SELECT u.organization_id, e.course_id, {month('e.enrolled_at')}, count(*) "
            f"FROM lms_enrolment e {learner.format('e')} WHERE true "
            f"GROUP BY u.organization_id, e.course_id, {month('e.enrolled_at')}"
        ),
        "completed": (
            f"SELECT u.organization_id, e.course_id, {month('e.completed_at')}, count(*) "
            f"FROM lms_enrolment e {learner.format('e')} WHERE e.completed_at IS NOT NULL "
            f"GROUP BY u.organization_id, e.course_id, {month('e.completed_at')}"
        ),
        "modules_completed": (
            f"SELECT u.organization_id, m.course_id, {month('p.completed_at')}, count(*) "
            f"FROM lms_module_progress p {learner.format('p')} "
            f"JOIN lms_module m ON m.id = p.module_id WHERE p.completed_at IS NOT NULL "
            f"GROUP BY u.organization_id, m.course_id, {month('p.completed_at')}"
        ),
        "certificates": (
            f"SELECT u.organization_id, t.course_id, {month('t.issued_at')}, count(*) "
            f"FROM lms_certificate t {learner.format('t')} "
            f"WHERE t.course_id IS NOT NULL AND t.revoked_at IS NULL "
            f"GROUP BY u.organization_id, t.course_id, {month('t.issued_at')}"
        ),
    }


def downgrade():
    dialect = op.get_context().dialect.name
    for name, _timing, _event, table, _when, _statements in _triggers(dialect):
        for sql in _drop(dialect, name, table):
            op.execute(sql)
    op.drop_index(op.f("ix_lms_report_tally_course_id"), table_name=TALLY)
    op.drop_table(TALLY)
