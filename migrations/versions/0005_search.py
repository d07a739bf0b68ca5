"""search: the entries of published courses and modules, and their full-text index

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03 13:10:00.000000

The index differs by database and is no model's (``include_in_migrations`` skips
``lms_search_fts*``): on SQLite an FTS5 table reading ``lms_search_entry.terms`` with
the Porter stemmer, on PostgreSQL a table of ``tsvector`` with a GIN index. Triggers on
``lms_search_entry`` keep it in step, so writing or deleting entries is all the
application does. A later batch migration of ``lms_search_entry`` on SQLite must
create the triggers again, since batch mode copies the table without them.
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

SQLITE_INDEX = [
    "CREATE VIRTUAL TABLE lms_search_fts USING fts5(terms, content='lms_search_entry',"
    " content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER lms_search_fts_insert AFTER INSERT ON lms_search_entry BEGIN"
    " INSERT INTO lms_search_fts (rowid, terms) VALUES (new.id, new.terms); END",
    "CREATE TRIGGER lms_search_fts_delete AFTER DELETE ON lms_search_entry BEGIN"
    " INSERT INTO lms_search_fts (lms_search_fts, rowid, terms)"
    " VALUES ('delete', old.id, old.terms); END",
    "CREATE TRIGGER lms_search_fts_update AFTER UPDATE ON lms_search_entry BEGIN"
    " INSERT INTO lms_search_fts (lms_search_fts, rowid, terms)"
    " VALUES ('delete', old.id, old.terms);"
    " INSERT INTO lms_search_fts (rowid, terms) VALUES (new.id, new.terms); END",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS lms_search_fts_update",
    "DROP TRIGGER IF EXISTS lms_search_fts_delete",
    "DROP TRIGGER IF EXISTS lms_search_fts_insert",
    "DROP TABLE IF EXISTS lms_search_fts",
]
POSTGRESQL_INDEX = [
    "CREATE TABLE lms_search_fts (entry_id integer PRIMARY KEY"
    " REFERENCES lms_search_entry (id) ON DELETE CASCADE, document tsvector NOT NULL)",
    "CREATE INDEX lms_search_fts_document ON lms_search_fts USING gin (document)",
    "CREATE OR REPLACE FUNCTION lms_search_fts_sync() RETURNS trigger LANGUAGE plpgsql AS $$"
    " BEGIN INSERT INTO lms_search_fts (entry_id, document)"
    " VALUES (NEW.id, to_tsvector('english', NEW.terms))"
    " ON CONFLICT (entry_id) DO UPDATE SET document = EXCLUDED.document;"
    " RETURN NULL; END $$",
    "CREATE TRIGGER lms_search_fts_sync AFTER INSERT OR UPDATE OF terms ON lms_search_entry"
    " FOR EACH ROW EXECUTE FUNCTION lms_search_fts_sync()",
]
POSTGRESQL_DROP = [
    "DROP TRIGGER IF EXISTS lms_search_fts_sync ON lms_search_entry",
    "DROP TABLE IF EXISTS lms_search_fts",
    "DROP FUNCTION IF EXISTS lms_search_fts_sync()",
]


def _run(statements):
    for statement in statements:
        op.execute(statement)


def upgrade():
    op.create_table(
        "lms_search_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("course_id", sa.Integer(), nullable=False),
        sa.Column("module_id", sa.Integer(), nullable=True),
        sa.Column("language", sa.String(length=10), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("terms", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["course_id"],
            ["lms_course.id"],
            name=op.f("fk_lms_search_entry_course_id_lms_course"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["module_id"],
            ["lms_module.id"],
            name=op.f("fk_lms_search_entry_module_id_lms_module"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lms_search_entry")),
    )
    with op.batch_alter_table("lms_search_entry", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_lms_search_entry_course_id"), ["course_id"])
        batch_op.create_index(batch_op.f("ix_lms_search_entry_module_id"), ["module_id"])
    dialect = op.get_context().dialect.name
    _run(POSTGRESQL_INDEX if dialect == "postgresql" else SQLITE_INDEX)


def downgrade():
    dialect = op.get_context().dialect.name
    _run(POSTGRESQL_DROP if dialect == "postgresql" else SQLITE_DROP)
    with op.batch_alter_table("lms_search_entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_lms_search_entry_module_id"))
        batch_op.drop_index(batch_op.f("ix_lms_search_entry_course_id"))
    op.drop_table("lms_search_entry")
