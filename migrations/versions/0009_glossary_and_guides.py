"""glossary and trainer's guides: the curriculum's terms in two languages, a guide per course

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03 16:50:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "lms_glossary_term",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("anchor", sa.String(length=200), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name_en", sa.String(length=200), nullable=False),
        sa.Column("name_zh", sa.String(length=200), nullable=False),
        sa.Column("also_en", sa.String(length=400), nullable=False),
        sa.Column("also_zh", sa.String(length=400), nullable=False),
        sa.Column("definition_en", sa.Text(), nullable=False),
        sa.Column("definition_zh", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lms_glossary_term")),
        sa.UniqueConstraint("anchor", name=op.f("uq_lms_glossary_term_anchor")),
    )
    op.create_table(
        "lms_glossary_term_course",
        sa.Column("term_id", sa.Integer(), nullable=False),
        sa.Column("course_slug", sa.String(length=80), nullable=False),
        sa.ForeignKeyConstraint(
            ["term_id"],
            ["lms_glossary_term.id"],
            name=op.f("fk_lms_glossary_term_course_term_id_lms_glossary_term"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("term_id", "course_slug", name=op.f("pk_lms_glossary_term_course")),
    )
    op.create_table(
        "lms_course_guide",
        sa.Column("course_id", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=10), nullable=False),
        sa.Column("body_markdown", sa.Text(), nullable=False),
        sa.Column("body_html", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["course_id"],
            ["lms_course.id"],
            name=op.f("fk_lms_course_guide_course_id_lms_course"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("course_id", "language", name=op.f("pk_lms_course_guide")),
    )


def downgrade():
    op.drop_table("lms_course_guide")
    op.drop_table("lms_glossary_term_course")
    op.drop_table("lms_glossary_term")
