"""Fixtures shared by the whole suite: apps on each database, clients, factories.

Every test that uses ``app`` runs once on SQLite and, when
``LMS_TEST_DATABASE_URL`` is set, once more on PostgreSQL. The schema is built
once per database by the real migrations; after each test every ``lms_`` table
is emptied, so tests commit for real and still start clean.
"""

import os
import re
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from flask_migrate import upgrade
from sqlalchemy import create_engine, inspect, text

from lms.app import MIGRATIONS_DIR, create_app
from lms.auth.services import hash_password
from lms.config import DEFAULTS
from lms.extensions import db, limiter
from lms.models import Base, Organization, Role, User

ROOT = Path(__file__).resolve().parent.parent
COURSES = ROOT / "courses"
ARTIFACTS = ROOT / "test-artifacts"  # screenshots and pages for people to look at
QUIZZES = ROOT / "quizzes"
PASSWORD = "correct horse battery"
# The name certificates are issued under when a test completes a course itself.
ISSUER = DEFAULTS["LMS_CERTIFICATE_ISSUER"]
BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get("LMS_TEST_DATABASE_URL") else [])


def drop_lms_tables(url: str) -> None:
    """Remove every academy table (and the migration version) from the database at ``url``.

    On PostgreSQL the academy's trigger functions go too: they outlive their tables.
    """
    engine = create_engine(url)
    with engine.begin() as connection:
        names = [n for n in inspect(connection).get_table_names() if n.startswith("lms_")]
        cascade = " CASCADE" if engine.dialect.name == "postgresql" else ""
        for name in names:
            connection.execute(text(f'DROP TABLE IF EXISTS "{name}"{cascade}'))
        if engine.dialect.name == "postgresql":
            functions = connection.scalars(
                text("SELECT proname FROM pg_proc WHERE proname LIKE 'lms\\_%'")
            )
            for name in list(functions):
                connection.execute(text(f'DROP FUNCTION IF EXISTS "{name}" CASCADE'))
    engine.dispose()


def database_url(backend: str, folder: Path) -> str:
    """Return the URL of a fresh, empty test database of kind ``backend``."""
    if backend == "sqlite":
        return f"sqlite:///{folder / 'test.sqlite'}"
    url = os.environ["LMS_TEST_DATABASE_URL"]
    drop_lms_tables(url)
    return url


def app_config(url: str) -> dict:
    """Return the configuration every test app uses."""
    return {
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": url,
        "SECRET_KEY": "test-secret-key-that-is-long-enough-0123456789",
    }


@pytest.fixture(scope="session", params=BACKENDS)
def backend(request) -> str:
    """Name the database kind the current test runs on."""
    return request.param


class RequestContextClient(FlaskClient):
    """Give every request an app context of its own, as a server does.

    Tests hold an app context for their factories; without this, requests would
    share its ``g`` and see the user and CSRF token cached by an earlier request.
    """

    def open(self, *args, **kwargs):
        """Send the request inside a fresh app context."""
        with self.application.app_context():
            return super().open(*args, **kwargs)


@pytest.fixture(scope="session")
def session_app(backend, tmp_path_factory):
    """Build one app per database and migrate its schema from empty."""
    folder = tmp_path_factory.mktemp(backend)
    app = create_app(app_config(database_url(backend, folder)))
    app.config["LMS_SIGNING_KEY_FILE"] = str(folder / "signing-key.pem")
    app.test_client_class = RequestContextClient
    with app.app_context():
        upgrade(directory=str(MIGRATIONS_DIR))
    yield app
    with app.app_context():
        db.session.remove()
        for engine in db.engines.values():
            engine.dispose()


@pytest.fixture
def app(session_app):
    """Give a test the app inside an app context, and empty every table afterwards."""
    with session_app.app_context():
        yield session_app
        db.session.remove()
        with db.engine.begin() as connection:
            for table in reversed(Base.metadata.sorted_tables):
                connection.execute(table.delete())
        limiter.reset()


@pytest.fixture
def client(app):
    """Return a test client (cookies kept between its requests)."""
    return app.test_client()


@pytest.fixture
def runner(app):
    """Return a runner for ``flask lms`` commands."""
    return app.test_cli_runner()


_HASHES: dict[str, str] = {}


def _hash(password: str) -> str:
    # argon2id at 64 MiB is slow on purpose; hash each test password once per run.
    if password not in _HASHES:
        _HASHES[password] = hash_password(password)
    return _HASHES[password]


@pytest.fixture
def make_org(app):
    """Return a factory of SPOs."""

    def factory(slug="menghai-tea", **fields) -> Organization:
        fields.setdefault("name", slug.replace("-", " ").title())
        organization = Organization(slug=slug, **fields)
        db.session.add(organization)
        db.session.commit()
        return organization

    return factory


@pytest.fixture
def make_user(app):
    """Return a factory of users with a known password (``PASSWORD``)."""
    count = iter(range(1, 10_000))

    def factory(role=Role.LEARNER, organization=None, email=None, name=None, **fields):
        number = next(count)
        named_otherwise = "mobile" in fields or "username" in fields
        user = User(
            email=email or (None if named_otherwise else f"{role}{number}@example.org"),
            name=name or f"{str(role).title()} {number}",
            password_hash=_hash(fields.pop("password", PASSWORD)),
            role=role,
            organization=organization,
            **fields,
        )
        db.session.add(user)
        db.session.commit()
        return user

    return factory


@pytest.fixture
def imported_course(app):
    """Import the shipped SPO principles course's first four modules, without quizzes.

    Four modules keep the numbers tests expect (25% a module) when authors add more.

    Tests of reading and completing modules need modules that "Mark as done"
    completes; tests of quizzes add one with ``make_quiz``.
    """
    from dataclasses import replace

    from lms.content.course_format import load_courses
    from lms.curriculum.services import import_courses
    from lms.models import Course

    sources = [
        replace(course, modules=tuple(replace(module, quiz=None) for module in course.modules[:4]))
        for course in load_courses([COURSES / "spo-principles"])
    ]
    import_courses(sources)
    db.session.commit()
    return db.session.scalar(db.select(Course).where(Course.slug == "spo-principles"))


CSRF_INPUT = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def csrf_token(client, path="/") -> str:
    """Fetch ``path`` and return the CSRF token of its first form."""
    page = client.get(path).get_data(as_text=True)
    match = CSRF_INPUT.search(page)
    assert match, f"no CSRF token on {path}"
    return match.group(1)


def post(client, path, data=None, page="/", **kwargs):
    """POST ``data`` to ``path`` with a valid CSRF token, as a browser form would."""
    form = dict(data or {})
    form.setdefault("csrf_token", csrf_token(client, page))
    return client.post(path, data=form, **kwargs)


def login(client, user, password=PASSWORD):
    """Log ``user`` in through the real login form."""
    response = post(client, "/login", {"login": user.login, "password": password}, page="/login")
    assert response.status_code == 302, response.get_data(as_text=True)
    return response


SAMPLE_GIFT = """\
// [id:premium]
::Premium::Who decides how the Fairtrade Premium is spent? {
=The general assembly of members#Right: members vote on the plan.
~The buyer#No: the buyer pays the Premium but does not decide.
~The auditor#No: auditors check, they do not decide.
}

// [id:democracy]
::Democracy::An SPO is run democratically by its members. {T#It is: one member, one vote.#Yes.}

// [id:minimum-price]
What is the Fairtrade Minimum Price for? {=A safety net when market prices fall =%50%A bonus}
"""

# The same quiz in Chinese: same ids, types, answers and weights.
SAMPLE_GIFT_ZH = """\
// [id:premium]
::溢价::谁决定如何使用公平贸易溢价？ {
=社员大会#对：社员投票决定计划。
~买家#不对：买家支付溢价，但不作决定。
~审核员#不对：审核员只做检查，不作决定。
}

// [id:democracy]
::民主::小农组织由社员民主管理。 {T#是的：一人一票。#对。}

// [id:minimum-price]
公平贸易最低价格有什么作用？ {=市场价格下跌时的安全网 =%50%奖金}
"""


@pytest.fixture
def make_quiz(app):
    """Return a factory: give a module a quiz from GIFT text (and optional Chinese)."""
    from lms.content.quiz_files import parse_quiz_texts
    from lms.content.quiz_settings import QuizSettings
    from lms.quiz.questions import save_quiz

    def factory(module, gift=SAMPLE_GIFT, gift_zh=None, **settings):
        texts = {None: (gift, "test.gift")}
        if gift_zh is not None:
            texts["zh"] = (gift_zh, "test.zh.gift")
        source = parse_quiz_texts("test", texts)
        save_quiz(module, QuizSettings(file="test", **settings), source)
        db.session.commit()
        return module.quiz

    return factory


# Who gets what from a page for the staff of one course: "runner" runs it, "trainer" doesn't.
ROLES = ("anonymous", "learner", "coordinator", "trainer", "runner", "admin")
STAFF_PAGE_STATUS = {
    "anonymous": 302,
    "learner": 403,
    "coordinator": 403,
    "trainer": 403,
    "runner": 200,
    "admin": 200,
}


@pytest.fixture
def people(make_user, make_org, imported_course):
    """Return one user per role in ROLES; ``runner`` is a trainer of the imported course."""
    from lms.models import CourseTrainer

    spo = make_org("pu-er-coop", name="Pu'er Tea Cooperative")
    users = {
        "learner": make_user(Role.LEARNER, organization=spo, name="Li Wei"),
        "coordinator": make_user(Role.COORDINATOR, organization=spo),
        "trainer": make_user(Role.TRAINER),
        "runner": make_user(Role.TRAINER, name="Runner Trainer"),
        "admin": make_user(Role.ADMIN),
    }
    imported_course.trainers.append(CourseTrainer(user=users["runner"]))
    db.session.commit()
    return users


@pytest.fixture
def cohort(people, imported_course, make_user):
    """A training event with the course, the people fixture's runner as trainer, two learners."""
    from lms.cohorts.services import add_members, save_cohort

    admin = people["admin"]
    event = save_cohort(
        None,
        admin,
        name="Digital transformation training, Shanghai",
        place="Shanghai",
        starts_on=None,
        ends_on=None,
        course_ids=[imported_course.id],
    )
    add_members(event, people["runner"].email, admin, ["CN"], trainer=True)
    add_members(event, f"{people['learner'].email}\n{people['coordinator'].email}", admin, ["CN"])
    db.session.commit()
    return event
