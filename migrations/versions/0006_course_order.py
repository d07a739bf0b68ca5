"""course order: where each course stands in the catalogue (``order:`` in course.yml)

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03 13:10:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("lms_course", schema=None) as batch_op:
        batch_op.add_column(sa.Column("position", sa.Integer(), nullable=True))


def downgrade():
    with op.batch_alter_table("lms_course", schema=None) as batch_op:
        batch_op.drop_column("position")
