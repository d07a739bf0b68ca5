"""The learner's path: catalogue, enrolment, reading modules, progress, dashboard."""

import re
import shutil

import pytest

from lms.certificates.services import revoke
from lms.extensions import db
from lms.learn.services import enrol, mark_done
from lms.models import Certificate, Enrolment, ModuleProgress, Role
from lms.rules import RuleError

from ..helpers import COURSES, ISSUER, QUIZZES, counted_statements, csrf_token, login, post


def percent_done(page: str) -> list[int]:
    """Return the progress percentages shown on a page."""
    return [int(number) for number in re.findall(r'<progress max="100" value="(\d+)"', page)]


def test_catalogue_lists_published_courses_to_anyone(client, imported_course):
    """Show the published course with its module count and minutes, logged in or not."""
    response = client.get("/")
    page = response.get_data(as_text=True)
    assert "SPO principles and the Fairtrade standard" in page
    assert "4 modules" in page
    # Nothing may load from another host: no CDN, no web fonts, no inline script.
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    assert "http://" not in page.replace("http://localhost", "")
    assert "https://" not in page


def test_catalogue_hides_drafts(client, imported_course):
    """Keep a draft course out of the catalogue and its page unreachable for learners."""
    imported_course.status = "draft"
    db.session.commit()
    assert "SPO principles" not in client.get("/").get_data(as_text=True)
    assert client.get("/courses/spo-principles").status_code == 404


def test_module_needs_login_and_enrolment(client, imported_course, make_user, make_org):
    """Send a visitor to log in, and a learner who has not enrolled to the course page."""
    url = "/courses/spo-principles/modules/what-is-an-spo"
    response = client.get(url)
    assert response.status_code == 302 and "/login" in response.location
    login(client, make_user(organization=make_org()))
    response = client.get(url)
    assert response.status_code == 302 and response.location.endswith("/courses/spo-principles")


def test_learner_reads_modules_in_order_and_finishes_the_course(
    client, imported_course, make_user, make_org
):
    """Enrol, read each module with previous/next, mark each done, reach 100%."""
    learner = make_user(organization=make_org())
    login(client, learner)
    response = post(client, "/courses/spo-principles/enrol", page="/courses/spo-principles")
    assert response.location.endswith("/courses/spo-principles/modules/what-is-an-spo")

    slugs = [module.slug for module in imported_course.modules]
    for index, slug in enumerate(slugs):
        page = client.get(f"/courses/spo-principles/modules/{slug}").get_data(as_text=True)
        assert f"Module {index + 1} of 4" in page
        assert ('rel="prev"' in page) == (index > 0)
        assert ('rel="next"' in page) == (index < 3)
        assert percent_done(page) == [25 * index]
        assert "min" in page
        post(client, f"/courses/spo-principles/modules/{slug}/complete", page="/login")

    dashboard = client.get("/dashboard").get_data(as_text=True)
    assert percent_done(dashboard) == [100]
    assert "Completed on" in dashboard
    enrolment = db.session.scalar(db.select(Enrolment))
    assert enrolment.completed_at is not None


def test_dashboard_shows_what_is_left(client, imported_course, make_user, make_org):
    """Show the percentage and the modules left of an unfinished course."""
    login(client, make_user(organization=make_org()))
    post(client, "/courses/spo-principles/enrol", page="/courses/spo-principles")
    post(client, "/courses/spo-principles/modules/what-is-an-spo/complete", page="/login")
    page = client.get("/dashboard").get_data(as_text=True)
    assert percent_done(page) == [25]
    assert "3 modules left" in page


def test_dashboard_continues_each_course_where_the_learner_stopped(
    client, imported_course, make_user, make_org
):
    """Offer Continue on each unfinished course, to its first module not done."""
    login(client, make_user(organization=make_org()))
    post(client, "/courses/spo-principles/enrol", page="/courses/spo-principles")
    page = client.get("/dashboard").text
    first, second = imported_course.modules[0].slug, imported_course.modules[1].slug
    assert f'href="/courses/spo-principles/modules/{first}">Start' in page
    post(client, f"/courses/spo-principles/modules/{first}/complete", page="/login")
    page = client.get("/dashboard").text
    assert f'href="/courses/spo-principles/modules/{second}">Continue' in page


def test_marking_done_twice_keeps_one_progress_row(client, imported_course, make_user, make_org):
    """Count a module once, even when the button is pressed twice."""
    login(client, make_user(organization=make_org()))
    post(client, "/courses/spo-principles/enrol", page="/courses/spo-principles")
    for _ in range(2):
        post(client, "/courses/spo-principles/modules/what-is-an-spo/complete", page="/login")
    rows = db.session.scalars(db.select(ModuleProgress)).all()
    assert len(rows) == 1 and rows[0].completed_at is not None


def test_unknown_course_and_module_are_404(client, imported_course, make_user, make_org):
    """Answer 404 for a course or module that does not exist."""
    login(client, make_user(organization=make_org()))
    assert client.get("/courses/no-such-course").status_code == 404
    post(client, "/courses/spo-principles/enrol", page="/courses/spo-principles")
    assert client.get("/courses/spo-principles/modules/nope").status_code == 404


def test_post_without_csrf_token_changes_nothing(client, imported_course, make_user, make_org):
    """Refuse a form posted without its CSRF token."""
    login(client, make_user(organization=make_org()))
    client.post("/courses/spo-principles/enrol", data={})
    assert db.session.scalar(db.select(Enrolment)) is None


def test_hostile_module_markdown_is_served_sanitized(client, make_user, make_org, tmp_path):
    """Serve a module whose author wrote script and javascript: links without any of it."""
    from lms.content.course_format import load_courses
    from lms.curriculum.services import import_courses

    folder = tmp_path / "evil"
    folder.mkdir()
    (folder / "course.yml").write_text(
        "status: published\ntitle: Evil\nmodules: [01-x]\n", encoding="utf-8"
    )
    (folder / "01-x.md").write_text(
        "---\ntitle: X\nminutes: 1\n---\n"
        "<script>alert(1)</script>\n\n[click](javascript:alert(2))\n\n"
        '<img src=x onerror="alert(3)">\n\n![p](data:text/html;base64,PHNjcmlwdD4=)\n',
        encoding="utf-8",
    )
    import_courses(load_courses([folder]))
    db.session.commit()
    login(client, make_user(organization=make_org()))
    post(client, "/courses/evil/enrol", page="/courses/evil")
    page = client.get("/courses/evil/modules/x").get_data(as_text=True)
    body = page.split('<div class="prose">')[1].split("</div>")[0]
    assert "<script" not in body and "onerror" not in body
    assert "javascript:" not in body and "data:" not in body
    assert "click" in body  # the text stays, only the dangerous parts go


def test_course_page_offers_to_continue_where_the_learner_stopped(
    client, imported_course, make_user, make_org
):
    """Point the Continue button at the first module not yet done."""
    login(client, make_user(organization=make_org()))
    post(client, "/courses/spo-principles/enrol", page="/courses/spo-principles")
    post(client, "/courses/spo-principles/modules/what-is-an-spo/complete", page="/login")
    page = client.get("/courses/spo-principles").get_data(as_text=True)
    assert 'href="/courses/spo-principles/modules/democratic-governance">Continue' in page


def test_expired_form_says_so_and_changes_nothing(client, imported_course, make_user, make_org):
    """Tell the learner that a button's page had expired instead of silently ignoring it."""
    login(client, make_user(organization=make_org()))
    post(client, "/courses/spo-principles/enrol", page="/courses/spo-principles")
    response = client.post(
        "/courses/spo-principles/modules/what-is-an-spo/complete",
        data={"csrf_token": "stale"},
        follow_redirects=True,
    )
    assert "This page had expired, so nothing was changed" in response.get_data(as_text=True)
    assert db.session.scalar(db.select(ModuleProgress.completed_at)) is None


def test_two_tabs_enrolling_and_completing_at_once_leave_one_row_each(
    app, imported_course, make_user, make_org
):
    """Create one enrolment and one progress row when parallel requests race for them."""
    from concurrent.futures import ThreadPoolExecutor

    learner = make_user(organization=make_org())
    clients = [app.test_client() for _ in range(4)]
    for client in clients:
        login(client, learner)
    tokens = [csrf_token(client, "/courses/spo-principles") for client in clients]

    def enrol_then_complete(index):
        client, token = clients[index], tokens[index]
        client.post("/courses/spo-principles/enrol", data={"csrf_token": token})
        url = "/courses/spo-principles/modules/what-is-an-spo/complete"
        return client.post(url, data={"csrf_token": token}).status_code

    with ThreadPoolExecutor(max_workers=4) as pool:
        statuses = list(pool.map(enrol_then_complete, range(4)))
    assert statuses == [302] * 4
    assert db.session.scalar(db.select(db.func.count()).select_from(Enrolment)) == 1
    rows = db.session.scalars(db.select(ModuleProgress)).all()
    assert len(rows) == 1 and rows[0].completed_at is not None


def test_mark_done_reports_course_completion_once(app, imported_course, make_user, make_org):
    """Say true for the module that completes the course, and never again after."""

    learner = make_user(organization=make_org())
    enrol(learner, imported_course)
    results = [mark_done(learner, module, ISSUER) for module in imported_course.modules]
    assert results == [False, False, False, True]
    assert mark_done(learner, imported_course.modules[0], ISSUER) is False


def test_mark_done_refuses_a_quiz_module(app, imported_course, make_user, make_org, make_quiz):
    """Refuse to mark a module with a quiz done by hand, and record nothing."""

    learner = make_user(organization=make_org())
    enrol(learner, imported_course)
    module = imported_course.modules[0]
    make_quiz(module)
    with pytest.raises(RuleError, match="Pass the quiz"):
        mark_done(learner, module, ISSUER)
    assert db.session.scalar(db.select(ModuleProgress.completed_at)) is None


def test_catalogue_reads_its_courses_in_one_statement(
    app, client, imported_course, make_user, make_org
):
    """Show a learner their progress on the catalogue with one statement besides their login."""
    login(client, make_user(organization=make_org()))
    post(client, "/courses/spo-principles/enrol", page="/courses/spo-principles")
    post(client, "/courses/spo-principles/modules/what-is-an-spo/complete", page="/login")
    with counted_statements() as statements:
        page = client.get("/").text
    assert percent_done(page) == [25]
    assert "4 modules" in page and "3 of 4 modules" not in page and "1 of 4 modules" in page
    assert len(statements) <= 2, statements
    with counted_statements() as statements:
        assert "SPO principles" in app.test_client().get("/").text
    assert len(statements) == 1, statements


def test_module_page_reads_in_three_statements(client, imported_course, make_user, make_org):
    """Load the learner, read the page, record the view: three statements, no more."""
    login(client, make_user(organization=make_org()))
    post(client, "/courses/spo-principles/enrol", page="/courses/spo-principles")
    post(client, "/courses/spo-principles/modules/what-is-an-spo/complete", page="/login")
    url = f"/courses/spo-principles/modules/{imported_course.modules[1].slug}"
    with counted_statements() as statements:
        page = client.get(url).text
    assert "Module 2 of 4" in page and percent_done(page) == [25]
    assert len(statements) <= 3, "\n".join(s[:90] for s in statements)
    row = db.session.scalars(db.select(ModuleProgress).order_by(ModuleProgress.id)).all()[-1]
    assert row.module_id == imported_course.modules[1].id and row.completed_at is None


def test_course_page_reads_in_two_statements(client, imported_course, make_user, make_org):
    """Load the learner and read the outline with their progress: two statements."""
    login(client, make_user(organization=make_org()))
    post(client, "/courses/spo-principles/enrol", page="/courses/spo-principles")
    post(client, "/courses/spo-principles/modules/what-is-an-spo/complete", page="/login")
    with counted_statements() as statements:
        page = client.get("/courses/spo-principles").text
    assert percent_done(page) == [25] and page.count("<strong>done</strong>") == 1
    assert "Continue: " in page
    assert len(statements) <= 2, "\n".join(s[:90] for s in statements)


def test_dashboard_reads_in_two_statements(client, imported_course, make_user, make_org):
    """Load the learner and read their courses with progress and certificates: two statements."""
    login(client, make_user(organization=make_org()))
    post(client, "/courses/spo-principles/enrol", page="/courses/spo-principles")
    for module in imported_course.modules:
        post(client, f"/courses/spo-principles/modules/{module.slug}/complete", page="/login")
    with counted_statements() as statements:
        page = client.get("/dashboard").text
    assert percent_done(page) == [100] and "Certificate (PDF)" in page
    assert len(statements) <= 2, "\n".join(s[:90] for s in statements)


def test_course_page_offers_the_certificate_until_it_is_revoked(
    client, imported_course, make_user, make_org
):
    """Offer the finished learner's certificate on the course page; not once it is revoked."""
    learner = make_user(organization=make_org())
    login(client, learner)
    post(client, "/courses/spo-principles/enrol", page="/courses/spo-principles")
    for module in imported_course.modules:
        post(client, f"/courses/spo-principles/modules/{module.slug}/complete", page="/login")
    with counted_statements() as statements:
        page = client.get("/courses/spo-principles").text
    assert "Your certificate is ready." in page and "certificate.pdf" in page
    assert len(statements) <= 2, "\n".join(s[:90] for s in statements)
    certificate = db.session.scalar(db.select(Certificate))
    revoke(certificate, "Issued by mistake.", make_user(role=Role.ADMIN, email="a@napp.org"))
    db.session.commit()
    assert "Your certificate is ready." not in client.get("/courses/spo-principles").text


SHIPPED_ORDER = [
    "SPO principles and the Fairtrade standard",
    "Digital transformation for SPOs",
    "FinTech for producer organizations",
    "Life Cycle Assessment for producers",
    "Running the SPO day to day",
]


def _titles(page: str) -> list[str]:
    """Return the course titles a list of course cards shows, in order."""
    return re.findall(r'<h2><a href="/courses/[^"]+">([^<]+)</a></h2>', page)


def test_the_catalogue_and_dashboard_follow_the_order_in_course_yml(
    client, runner, tmp_path, make_user, make_org
):
    """List SPO principles first, as course.yml orders it, and follow a changed order."""
    courses = tmp_path / "courses"
    shutil.copytree(COURSES, courses)
    assert runner.invoke(args=["lms", "import", str(courses), str(QUIZZES)]).exit_code == 0
    assert _titles(client.get("/").text) == SHIPPED_ORDER
    learner = make_user(organization=make_org())
    login(client, learner)
    for slug in ("life-cycle-assessment", "spo-principles", "fintech"):
        post(client, f"/courses/{slug}/enrol", page=f"/courses/{slug}")
    assert _titles(client.get("/dashboard").text) == [
        SHIPPED_ORDER[0],
        SHIPPED_ORDER[2],
        SHIPPED_ORDER[3],
    ]
    # Move Life Cycle Assessment to the front; the lists follow after the next import.
    yml = courses / "life-cycle-assessment" / "course.yml"
    yml.write_text(yml.read_text().replace("order: 4\n", "order: 1\n"))
    spo = courses / "spo-principles" / "course.yml"
    spo.write_text(spo.read_text().replace("order: 1\n", "order: 2\n"))
    assert runner.invoke(args=["lms", "import", str(courses), str(QUIZZES)]).exit_code == 0
    # Digital transformation and SPO principles now share order 2: by title, then.
    assert _titles(client.get("/").text) == [SHIPPED_ORDER[i] for i in (3, 1, 0, 2, 4)]
    assert _titles(client.get("/dashboard").text) == [
        SHIPPED_ORDER[3],
        SHIPPED_ORDER[0],
        SHIPPED_ORDER[2],
    ]
