"""Run the academy's Alembic migrations through Flask-Migrate.

Only ``lms_`` tables are managed and the version is kept in
``lms_alembic_version``, so the academy can share a database with a host
application that has migrations of its own.
"""

import logging
from logging.config import fileConfig

from alembic import context
from flask import current_app

from lms.models.base import MIGRATION_VERSION_TABLE, Base, include_in_migrations

config = context.config
if config.config_file_name is not None:
    fileConfig(config.config_file_name, disable_existing_loggers=False)
logger = logging.getLogger("alembic.env")


def _engine():
    return current_app.extensions["migrate"].db.engine


def run_migrations_offline() -> None:
    """Emit the SQL for the migrations without connecting."""
    context.configure(
        url=_engine().url.render_as_string(hide_password=False),
        target_metadata=Base.metadata,
        literal_binds=True,
        version_table=MIGRATION_VERSION_TABLE,
        include_object=include_in_migrations,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    """Apply the migrations on a live connection."""

    def skip_empty(context_, revision, directives):
        # An autogenerate run that finds no change writes no empty revision file.
        if getattr(config.cmd_opts, "autogenerate", False) and directives[0].upgrade_ops.is_empty():
            directives[:] = []
            logger.info("No changes in schema detected.")

    options = dict(current_app.extensions["migrate"].configure_args)
    options.setdefault("process_revision_directives", skip_empty)
    options.setdefault("render_as_batch", True)
    with _engine().connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=Base.metadata,
            version_table=MIGRATION_VERSION_TABLE,
            include_object=include_in_migrations,
            **options,
        )
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
