"""The ``flask lms`` commands: thin wrappers over the service functions."""

import time
from pathlib import Path

import click
from flask import current_app

from .admin import services as admin
from .auth.services import hash_password
from .content.curriculum import load_curriculum, validate_curriculum
from .content.errors import ContentInvalid
from .curriculum.pictures import stored_picture_names
from .curriculum.services import all_courses, export_courses, import_curriculum
from .demo import DEMO_PASSWORD, create_demo_data
from .extensions import db
from .models import Role
from .seeding.network import SeedingRefused, refuse_unless_empty, seed_network
from .settings import issuer_name


def _fail(message: str) -> None:
    db.session.rollback()
    raise click.ClickException(message)


def register_commands(group: click.Group) -> None:
    """Attach every academy command to ``group`` (the blueprint's ``flask lms``)."""
    commands = (
        create_org,
        create_user,
        import_command,
        validate,
        export,
        demo,
        seed_demo,
        signing_key,
    )
    for command in commands:
        group.add_command(command)


@click.command("create-org")
@click.argument("slug")
@click.option("--name", required=True, help="Name of the SPO, e.g. 'Menghai Tea Cooperative'.")
@click.option("--name-zh", default="", help="Chinese name of the SPO.")
@click.option("--country", default="", help="Country, e.g. China.")
@click.option("--region", default="", help="Region or province, e.g. Yunnan.")
@click.option("--products", default="", help="Products, e.g. 'tea, honey'.")
def create_org(slug, name, name_zh, country, region, products):
    """Create an SPO (Small Producer Organization) and print its enrolment code."""
    try:
        organization = admin.create_organization(
            slug,
            name=name,
            name_zh=name_zh,
            country=country,
            region=region,
            products=products,
        )
    except admin.AdminError as error:
        _fail(f"{error.field}: {error}")
    db.session.commit()
    click.echo(f"Created SPO {slug}; enrolment code {organization.enrolment_code}")


@click.command("create-user")
@click.argument("email")
@click.option("--password", required=True, help="At least 8 characters.")
@click.option(
    "--role",
    type=click.Choice([role.value for role in Role]),
    default="learner",
    show_default=True,
)
@click.option("--org", "org_slug", default=None, help="Slug of the user's SPO.")
@click.option("--name", default="", help="Display name (default: the e-mail's local part).")
def create_user(email, password, role, org_slug, name):
    """Create a user account with a role, in an SPO."""
    organization = None
    if org_slug:
        organization = admin.organization_by_slug(org_slug)
        if organization is None:
            _fail(f"--org: no SPO with the slug {org_slug!r}")
    try:
        admin.create_user(
            email=email,
            password=password,
            role=role,
            name=name,
            organization=organization,
        )
    except admin.AdminError as error:
        _fail(f"{error.field}: {error}")
    db.session.commit()
    click.echo(f"Created {role} {email.strip().lower()}")


@click.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
def import_command(paths):
    """Import course folders and the quiz folders they use: all, or nothing on any error.

    A folder of courses may hold its quizzes in quizzes/, as export writes it.
    Examples: flask lms import courses/ quizzes/; flask lms import exported/
    """
    try:
        report = import_curriculum(load_curriculum(paths, stored_picture_names))
    except ContentInvalid as invalid:
        _fail("nothing was imported:\n" + "\n".join(str(error) for error in invalid.errors))
    db.session.commit()
    for line in report.lines():
        click.echo(line)


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
def validate(paths):
    """Check course folders and GIFT quiz files without importing or reading the database.

    Prints every problem as FILE:LINE: message. A picture a module names must be in its
    folder's images/. Examples: flask lms validate courses/ quizzes/; flask lms validate exported/
    """
    errors = validate_curriculum(paths)
    for error in errors:
        click.echo(str(error), err=True)
    if errors:
        raise click.exceptions.Exit(1)
    click.echo("ok: no problems found")


@click.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--course", "slugs", multiple=True, help="Export only this course (repeatable).")
@click.option(
    "--quizzes",
    "quiz_folder",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the GIFT quiz files (default: DIRECTORY/quizzes).",
)
def export(directory, slugs, quiz_folder):
    """Write courses as learners see them back to the folder format in DIRECTORY.

    Published modules only, with their pictures; DIRECTORY then validates and imports
    as one path.
    """
    written = export_courses(directory, list(slugs) or None, quiz_folder)
    if not written:
        _fail("no course matched: nothing was exported")
    click.echo(f"wrote {len(written)} files to {directory}")


@click.command()
def demo():
    """Create the demo SPOs and accounts listed in the README (only those missing)."""
    for line in create_demo_data():
        click.echo(line)
    db.session.commit()


@click.command("seed-demo")
@click.option(
    "--learners",
    type=click.IntRange(min=0),
    default=1000,
    show_default=True,
    help="Learners; a coordinator per SPO, trainers and an admin come on top.",
)
@click.option("--orgs", type=click.IntRange(min=1), default=10, show_default=True, help="SPOs.")
@click.option("--seed", type=int, default=1, show_default=True, help="Same seed, same data.")
@click.option(
    "--curriculum",
    "paths",
    multiple=True,
    default=("courses", "quizzes"),
    show_default=True,
    type=click.Path(exists=True, path_type=Path),
    help="Imported first if no course is published yet (repeatable).",
)
def seed_demo(learners, orgs, seed, paths):
    """Fill an empty database with a synthetic network of SPOs and two years of history.

    SPOs in NAPP's countries with a coordinator each, learners (many with a mobile number
    and no e-mail), trainers and an admin, enrolments, module progress, quiz attempts,
    certificates and cohorts. Every account's password is the demo password,
    academy-demo: never run this on a server people use. A database that already has
    learners or SPOs is refused.
    """
    started = time.perf_counter()
    if current_app.config.get("LMS_ENV") == "production":
        _fail("every seeded account has the public demo password: refused in production")
    try:
        refuse_unless_empty()
    except SeedingRefused as refused:
        _fail(str(refused))
    if not all_courses():
        import_command.callback(paths)
    try:
        counts = seed_network(learners, orgs, seed, hash_password(DEMO_PASSWORD), issuer_name())
    except SeedingRefused as refused:
        _fail(str(refused))
    db.session.commit()
    for table, count in sorted(counts.items()):
        click.echo(f"{table:<24} {count:>12,}")
    click.echo(
        f"seeded {learners:,} learners in {orgs:,} SPOs in {time.perf_counter() - started:.1f} s"
    )


@click.command("signing-key")
def signing_key():
    """Make the certificate signing key if missing; print where it is and its key id.

    Servers on several machines must share this one file (LMS_SIGNING_KEY_FILE).
    """
    from .certificates.keys import create_key_file
    from .certificates.keys import signing_key as load_key
    from .settings import signing_key_path

    path = signing_key_path()
    made = create_key_file(path) if not path.exists() else False
    click.echo(f"{'created' if made else 'kept'}: {path}")
    click.echo(f"key id: {load_key(path).kid}")
