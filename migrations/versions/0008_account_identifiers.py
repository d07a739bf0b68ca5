"""account identifiers: e-mail, mobile number or username, and starter passwords

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 16:40:00.000000

Producers without an e-mail sign in with their mobile number (E.164) or a username an
admin gives them; every account keeps at least one of the three. Existing accounts all
have an e-mail, so they satisfy the new rule as they are.

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

HAS_IDENTIFIER = "email IS NOT NULL OR mobile IS NOT NULL OR username IS NOT NULL"


def upgrade():
    with _foreign_keys_paused():
        with op.batch_alter_table("lms_user", schema=None) as batch_op:
            batch_op.alter_column("email", existing_type=sa.String(length=254), nullable=True)
            batch_op.add_column(sa.Column("mobile", sa.String(length=20), nullable=True))
            batch_op.add_column(sa.Column("username", sa.String(length=40), nullable=True))
            batch_op.add_column(
                sa.Column(
                    "must_change_password",
                    sa.Boolean(),
                    nullable=False,
                    server_default=sa.false(),
                )
            )
            batch_op.create_unique_constraint(batch_op.f("uq_lms_user_mobile"), ["mobile"])
            batch_op.create_unique_constraint(batch_op.f("uq_lms_user_username"), ["username"])
            batch_op.create_check_constraint("has_identifier", HAS_IDENTIFIER)
        with op.batch_alter_table("lms_user", schema=None) as batch_op:
            batch_op.alter_column("must_change_password", server_default=None)
    # Certificates issued so far named their learner by e-mail (the default stays, so that
    # SQLite need not rebuild the table).
    with op.batch_alter_table("lms_certificate", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "identity_type",
                sa.String(length=30),
                nullable=False,
                server_default="emailAddress",
            )
        )


def downgrade():
    with op.batch_alter_table("lms_certificate", schema=None) as batch_op:
        batch_op.drop_column("identity_type")
    with _foreign_keys_paused(), op.batch_alter_table("lms_user", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_lms_user_has_identifier"), type_="check")
        batch_op.drop_constraint(batch_op.f("uq_lms_user_username"), type_="unique")
        batch_op.drop_constraint(batch_op.f("uq_lms_user_mobile"), type_="unique")
        batch_op.drop_column("must_change_password")
        batch_op.drop_column("username")
        batch_op.drop_column("mobile")
        batch_op.alter_column("email", existing_type=sa.String(length=254), nullable=False)


class _foreign_keys_paused:
    """On SQLite, rebuilding lms_user must not fire the ON DELETE actions of its children.

    SQLite's batch mode copies the table and drops the old one; with foreign keys on, that
    DROP deletes every row first, cascading to progress and certificates. SQLite's own
    advice for such a rebuild is to switch foreign keys off around it and check after.
    """

    def __enter__(self):
        bind = op.get_bind()
        self.sqlite = bind.dialect.name == "sqlite"
        if self.sqlite:
            self.raw = bind.connection.dbapi_connection
            self.raw.commit()  # PRAGMA foreign_keys is a no-op inside a transaction
            bind.exec_driver_sql("PRAGMA foreign_keys=OFF")

    def __exit__(self, *exc_info):
        if self.sqlite:
            bind = op.get_bind()
            problems = bind.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            self.raw.commit()
            bind.exec_driver_sql("PRAGMA foreign_keys=ON")
            if problems and exc_info[0] is None:
                raise RuntimeError(f"foreign keys broken by the rebuild: {problems[:5]}")
