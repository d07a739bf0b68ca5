"""authoring in the browser: drafts, reviews, images, and the course of each audit event

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03 18:58:57.430210

New columns that may not be null get a server default that stays, so that SQLite adds
them in place instead of rebuilding lms_course, lms_module, lms_quiz and lms_user (a
rebuild's DROP would fire their children's ON DELETE CASCADE). Downgrading drops them
in place too (SQLite 3.35 and later).

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "lms_course_image",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("course_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("content_type", sa.String(length=40), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("display_width", sa.Integer(), nullable=False),
        sa.Column("display_height", sa.Integer(), nullable=False),
        sa.Column("display_data", sa.LargeBinary(), nullable=False),
        sa.Column("uploaded_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["course_id"],
            ["lms_course.id"],
            name=op.f("fk_lms_course_image_course_id_lms_course"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["uploaded_by_id"],
            ["lms_user.id"],
            name=op.f("fk_lms_course_image_uploaded_by_id_lms_user"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lms_course_image")),
        sa.UniqueConstraint("course_id", "name", name=op.f("uq_lms_course_image_course_id_name")),
    )
    op.create_table(
        "lms_course_review",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("course_id", sa.Integer(), nullable=False),
        sa.Column("requested_by_id", sa.Integer(), nullable=True),
        sa.Column("reviewer_id", sa.Integer(), nullable=True),
        sa.Column("draft_version", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["course_id"],
            ["lms_course.id"],
            name=op.f("fk_lms_course_review_course_id_lms_course"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["requested_by_id"],
            ["lms_user.id"],
            name=op.f("fk_lms_course_review_requested_by_id_lms_user"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["reviewer_id"],
            ["lms_user.id"],
            name=op.f("fk_lms_course_review_reviewer_id_lms_user"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lms_course_review")),
    )
    with op.batch_alter_table("lms_course_review", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_lms_course_review_course_id"), ["course_id"], unique=False
        )

    op.create_table(
        "lms_module_draft",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("module_id", sa.Integer(), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("required", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("base_revision", sa.Integer(), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["module_id"],
            ["lms_module.id"],
            name=op.f("fk_lms_module_draft_module_id_lms_module"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["updated_by_id"],
            ["lms_user.id"],
            name=op.f("fk_lms_module_draft_updated_by_id_lms_user"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lms_module_draft")),
        sa.UniqueConstraint("module_id", name=op.f("uq_lms_module_draft_module_id")),
    )
    op.create_table(
        "lms_module_draft_text",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("draft_id", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=10), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("body_markdown", sa.Text(), nullable=False),
        sa.Column("body_html", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["draft_id"],
            ["lms_module_draft.id"],
            name=op.f("fk_lms_module_draft_text_draft_id_lms_module_draft"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lms_module_draft_text")),
        sa.UniqueConstraint(
            "draft_id", "language", name=op.f("uq_lms_module_draft_text_draft_id_language")
        ),
    )
    with op.batch_alter_table("lms_audit_event", schema=None) as batch_op:
        batch_op.add_column(sa.Column("course_id", sa.Integer(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_lms_audit_event_course_id"), ["course_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_lms_audit_event_course_id_lms_course"),
            "lms_course",
            ["course_id"],
            ["id"],
            ondelete="SET NULL",
        )

    with op.batch_alter_table("lms_course", schema=None, recreate="never") as batch_op:
        batch_op.add_column(sa.Column("minutes", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("review_required", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(
            sa.Column("draft_version", sa.Integer(), nullable=False, server_default="0")
        )

    with op.batch_alter_table("lms_module", schema=None, recreate="never") as batch_op:
        batch_op.add_column(sa.Column("pending", sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column("draft_position", sa.Integer(), nullable=True))

    with op.batch_alter_table("lms_module_revision", schema=None, recreate="never") as batch_op:
        batch_op.add_column(sa.Column("note", sa.Text(), nullable=False, server_default=""))

    with op.batch_alter_table("lms_quiz", schema=None, recreate="never") as batch_op:
        batch_op.add_column(sa.Column("pending", sa.String(length=10), nullable=True))

    with op.batch_alter_table("lms_user", schema=None, recreate="never") as batch_op:
        batch_op.add_column(
            sa.Column("creates_courses", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade():
    with op.batch_alter_table("lms_user", schema=None, recreate="never") as batch_op:
        batch_op.drop_column("creates_courses")

    with op.batch_alter_table("lms_quiz", schema=None, recreate="never") as batch_op:
        batch_op.drop_column("pending")

    with op.batch_alter_table("lms_module_revision", schema=None, recreate="never") as batch_op:
        batch_op.drop_column("note")

    with op.batch_alter_table("lms_module", schema=None, recreate="never") as batch_op:
        batch_op.drop_column("draft_position")
        batch_op.drop_column("pending")

    with op.batch_alter_table("lms_course", schema=None, recreate="never") as batch_op:
        batch_op.drop_column("draft_version")
        batch_op.drop_column("review_required")
        batch_op.drop_column("minutes")

    with op.batch_alter_table("lms_audit_event", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_lms_audit_event_course_id_lms_course"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_lms_audit_event_course_id"))
        batch_op.drop_column("course_id")

    op.drop_table("lms_module_draft_text")
    op.drop_table("lms_module_draft")
    with op.batch_alter_table("lms_course_review", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_lms_course_review_course_id"))

    op.drop_table("lms_course_review")
    op.drop_table("lms_course_image")
