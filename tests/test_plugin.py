"""The academy mounted as a plugin inside a host Flask app that has its own database and login."""

import pytest
from flask import Flask
from flask_login import LoginManager, UserMixin, current_user, login_user
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from lms import LMS
from lms.models import Enrolment

from .helpers import PASSWORD, csrf_token
from .test_static_files import STYLESHEET, STYLESHEET_URL, YEAR_IMMUTABLE


class HostBase(DeclarativeBase):
    """The host application's own models."""


class Member(UserMixin, HostBase):
    """A user of the host application, unrelated to the academy."""

    __tablename__ = "host_member"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


@pytest.fixture
def host(app):
    """Build a host app with Flask-SQLAlchemy and Flask-Login, then mount the academy."""
    host = Flask("host")
    host.config.update(
        SECRET_KEY="host-secret-key-0123456789-0123456789",
        SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"],
        TESTING=True,
    )
    host_db = SQLAlchemy(model_class=HostBase)
    host_db.init_app(host)
    manager = LoginManager(host)
    manager.user_loader(lambda user_id: host_db.session.get(Member, int(user_id)))

    @host.get("/")
    def home():
        who = current_user.name if current_user.is_authenticated else "nobody"
        return f"host home, member: {who}"

    @host.get("/host-page")
    def host_page():
        return "<p>The host's own page, compressed or not as the host decides.</p>" * 40

    @host.get("/host-login/<int:member_id>")
    def host_login(member_id):
        login_user(host_db.session.get(Member, member_id))
        return "ok"

    LMS(host, url_prefix="/academy")
    with host.app_context():
        HostBase.metadata.create_all(host_db.engine)
        host_db.session.add(Member(id=1, name="host-alice"))
        host_db.session.commit()
    yield host
    with host.app_context():
        host_db.session.remove()
        HostBase.metadata.drop_all(host_db.engine)
        host_db.engine.dispose()


def test_host_keeps_its_own_pages_and_login(host):
    """Leave the host's routes, database and Flask-Login users working."""
    client = host.test_client()
    assert client.get("/").get_data(as_text=True) == "host home, member: nobody"
    client.get("/host-login/1")
    assert client.get("/").get_data(as_text=True) == "host home, member: host-alice"


def test_academy_works_under_the_prefix(host, imported_course, make_user, make_org):
    """Serve the catalogue, log in and enrol under /academy, with links under the prefix."""
    learner = make_user(organization=make_org())
    client = host.test_client()
    catalogue = client.get("/academy/").get_data(as_text=True)
    assert "SPO principles and the Fairtrade standard" in catalogue
    assert 'href="/academy/courses/spo-principles"' in catalogue
    stylesheet_url = "/academy" + STYLESHEET_URL
    assert f'href="{stylesheet_url}"' in catalogue
    # No WhiteNoise in a host app: the blueprint's route sends the file, with the same caching.
    with client.get(stylesheet_url) as stylesheet:
        assert stylesheet.status_code == 200 and stylesheet.data == STYLESHEET
        assert stylesheet.headers["Cache-Control"] == YEAR_IMMUTABLE
    with client.get("/academy/static/lms.css") as plain:
        assert plain.status_code == 200 and plain.headers["Cache-Control"] == "no-cache"

    token = csrf_token(client, "/academy/login")
    response = client.post(
        "/academy/login", data={"login": learner.email, "password": PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 302 and response.location == "/academy/dashboard"
    token = csrf_token(client, "/academy/courses/spo-principles")
    response = client.post("/academy/courses/spo-principles/enrol", data={"csrf_token": token})
    assert response.location == "/academy/courses/spo-principles/modules/what-is-an-spo"
    with host.app_context():
        from lms.extensions import db

        assert db.session.scalar(db.select(Enrolment)).user_id == learner.id


def test_academy_compresses_its_own_pages_only(host, imported_course):
    """Compress the academy's pages under the prefix; leave the host's pages to the host."""
    client = host.test_client()
    browser = {"Accept-Encoding": "gzip, deflate, br, zstd"}
    academy = client.get("/academy/courses/spo-principles", headers=browser)
    assert academy.status_code == 200 and academy.headers["Content-Encoding"] == "br"
    own = client.get("/host-page", headers=browser)
    assert len(own.data) > 500 and "Content-Encoding" not in own.headers


def test_host_user_is_not_an_academy_user(host, imported_course):
    """Send a host user who is not an academy user to the academy's login."""
    client = host.test_client()
    client.get("/host-login/1")
    response = client.get("/academy/dashboard")
    assert response.status_code == 302 and "/academy/login" in response.location


def test_academy_uses_the_host_database_instance(host):
    """Share the host's Flask-SQLAlchemy instance instead of registering a second one."""
    assert host.extensions["lms"].db is host.extensions["sqlalchemy"]
    assert host.extensions["lms"].url_prefix == "/academy"


def test_mounting_twice_is_refused_at_once(host):
    """Refuse a second LMS(app) with a clear message, before registering anything twice."""
    rules = sorted(rule.rule for rule in host.url_map.iter_rules())
    with pytest.raises(RuntimeError, match="already mounted"):
        LMS(host, url_prefix="/again")
    assert sorted(rule.rule for rule in host.url_map.iter_rules()) == rules


def test_academy_keeps_its_template_helpers_to_itself(host, imported_course):
    """Add no filter or global to the host's Jinja environment; academy pages still format."""
    assert "certificate_serial" not in host.jinja_env.filters
    assert "certificate_serial" not in host.jinja_env.globals
    assert host.test_client().get("/academy/verify").status_code == 200
