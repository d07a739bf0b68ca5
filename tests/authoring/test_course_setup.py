"""Starting a course in the browser and shaping its outline, as trainers and admins do."""

import pytest

from lms.extensions import db
from lms.models import AuditEvent, Course, Module, Role
from tests.conftest import SAMPLE_GIFT_ZH, login, post

NEW_COURSE = {
    "slug": "tea-garden-basics",
    "default_language": "en",
    "title_en": "Tea garden basics",
    "summary_en": "Keeping a tea garden healthy.",
    "title_zh": "茶园基础",
    "summary_zh": "让茶园保持健康。",
    "minutes": "90",
    "certificate": "y",
}


@pytest.fixture
def creator(make_user):
    """A trainer an admin allowed to start courses."""
    return make_user(Role.TRAINER, name="Chen Jing", creates_courses=True)


def start_course(client, data=None):
    return post(
        client, "/manage/courses/new", {**NEW_COURSE, **(data or {})}, page="/manage/courses/new"
    )


def test_a_trainer_allowed_to_create_starts_a_draft_course_they_run(client, creator):
    login(client, creator)
    assert "Start a course" in client.get("/manage/").get_data(as_text=True)
    response = start_course(client)
    assert response.status_code == 302
    course = db.session.scalar(db.select(Course).where(Course.slug == "tea-garden-basics"))
    assert course.status == "draft"
    assert course.language_list == ["en", "zh"]
    assert {text.language: text.title for text in course.texts} == {
        "en": "Tea garden basics",
        "zh": "茶园基础",
    }
    assert course.minutes == 90 and course.certificate and not course.review_required
    assert [row.user_id for row in course.trainers] == [creator.id]
    page = client.get(response.location).get_data(as_text=True)
    assert "Tea garden basics" in page and "Add a module" in page
    assert db.session.scalar(db.select(AuditEvent.action).where(AuditEvent.course_id == course.id))
    # A draft course is not in the catalogue.
    client.get("/logout")
    assert "Tea garden basics" not in client.get("/").get_data(as_text=True)


@pytest.mark.parametrize("role", [Role.LEARNER, Role.COORDINATOR, Role.TRAINER])
def test_only_admins_and_allowed_trainers_may_start_a_course(client, make_user, make_org, role):
    spo = make_org()
    user = make_user(role, organization=spo)
    login(client, user)
    assert client.get("/manage/courses/new").status_code == 403
    assert start_course(client, {}).status_code in (400, 403)
    assert db.session.scalar(db.select(db.func.count()).select_from(Course)) == 0


def test_an_admin_may_start_a_course(client, make_user):
    login(client, make_user(Role.ADMIN))
    assert start_course(client).status_code == 302


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"slug": "Tea Garden!"}, "Use lowercase letters a-z"),
        ({"slug": "spo-principles"}, "already used"),
        ({"title_en": ""}, "title in its main language"),
        ({"minutes": "0"}, "whole number above 0"),
    ],
)
def test_a_bad_course_form_says_where_and_creates_nothing(
    client, creator, imported_course, data, message
):
    login(client, creator)
    before = db.session.scalar(db.select(db.func.count()).select_from(Course))
    response = start_course(client, data)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count()).select_from(Course)) == before


def test_course_details_are_changed_by_those_who_run_it_only(client, people, imported_course):
    path = "/manage/courses/spo-principles/settings"
    login(client, people["trainer"])
    assert client.get(path).status_code == 403
    client.get("/logout")
    login(client, people["runner"])
    page = client.get(path).get_data(as_text=True)
    assert imported_course.texts[0].title in page
    data = {**NEW_COURSE, "title_en": "SPO principles, revised", "review_required": "y"}
    del data["slug"]
    assert post(client, path, data, page=path).status_code == 302
    db.session.refresh(imported_course)
    assert imported_course.text("en").title == "SPO principles, revised"
    assert imported_course.review_required


def add_module(client, title, slug=""):
    path = "/manage/courses/tea-garden-basics/modules"
    page = "/manage/courses/tea-garden-basics"
    return post(client, path, {"title": title, "slug": slug}, page=page)


def outline_titles(client):
    page = client.get("/manage/courses/tea-garden-basics").get_data(as_text=True)
    return [title for title in ("Soil", "Pruning", "Picking") if title in page], page


def test_modules_are_added_moved_and_taken_out_without_javascript(client, creator):
    login(client, creator)
    start_course(client)
    for title in ("Soil", "Pruning", "Picking"):
        response = add_module(client, title)
        assert response.status_code == 302 and "/edit" in response.location
    course = db.session.scalar(db.select(Course).where(Course.slug == "tea-garden-basics"))
    modules = {m.slug: m for m in db.session.scalars(db.select(Module))}
    assert set(modules) == {"soil", "pruning", "picking"}
    assert all(m.pending == "add" and not m.active for m in modules.values())
    page = client.get("/manage/courses/tea-garden-basics").get_data(as_text=True)
    assert page.index("Soil") < page.index("Pruning") < page.index("Picking")
    assert "New: not published yet" in page

    move = f"/manage/courses/tea-garden-basics/modules/{modules['picking'].id}/move"
    post(client, move, {"step": "up"}, page="/manage/courses/tea-garden-basics")
    page = client.get("/manage/courses/tea-garden-basics").get_data(as_text=True)
    assert page.index("Soil") < page.index("Picking") < page.index("Pruning")

    # A module never published is removed outright, after asking.
    soil_id = modules["soil"].id
    retire = f"/manage/courses/tea-garden-basics/modules/{soil_id}/retire"
    asked = post(client, retire, page="/manage/courses/tea-garden-basics")
    assert asked.status_code == 200 and "Take “Soil” out of the course?" in asked.get_data(
        as_text=True
    )
    post(client, retire, {"confirmed": "1"}, page="/manage/courses/tea-garden-basics")
    db.session.expire_all()
    assert db.session.get(Module, soil_id) is None
    assert course.id


def test_a_module_address_that_clashes_or_is_odd_is_refused(client, creator):
    login(client, creator)
    start_course(client)
    add_module(client, "Soil")
    clash = add_module(client, "Soil again", "soil")
    assert clash.status_code == 422 and "already used" in clash.get_data(as_text=True)
    odd = add_module(client, "Odd", "Ünïcode slug")
    assert odd.status_code == 422 and "lowercase letters" in odd.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count()).select_from(Module)) == 1


def test_retiring_a_published_module_waits_for_the_publish(client, people, imported_course):
    login(client, people["runner"])
    module = imported_course.modules[1]
    path = f"/manage/courses/spo-principles/modules/{module.id}/retire"
    post(client, path, {"confirmed": "1"}, page="/manage/courses/spo-principles")
    db.session.refresh(module)
    assert module.active and module.pending == "retire"
    page = client.get("/manage/courses/spo-principles").get_data(as_text=True)
    assert "Leaves at the next publish" in page
    keep = f"/manage/courses/spo-principles/modules/{module.id}/keep"
    post(client, keep, page="/manage/courses/spo-principles")
    db.session.refresh(module)
    assert module.pending is None


def test_a_trainer_cannot_shape_a_course_they_do_not_run(client, people, imported_course):
    login(client, people["trainer"])
    module = imported_course.modules[0]
    base = "/manage/courses/spo-principles/modules"
    token_page = "/manage/"
    assert post(client, base, {"title": "Mine"}, page=token_page).status_code == 403
    assert (
        post(client, f"{base}/{module.id}/move", {"step": "down"}, page=token_page).status_code
        == 403
    )
    assert (
        post(client, f"{base}/{module.id}/retire", {"confirmed": "1"}, page=token_page).status_code
        == 403
    )
    db.session.refresh(module)
    assert module.pending is None and module.draft_position is None


def test_a_new_module_gets_its_quiz_before_the_course_is_first_published(client, creator):
    """Title a never-published module's quiz pages by its draft: it has no published text."""
    login(client, creator)
    start_course(client, {"default_language": "zh"})
    add_module(client, "晾晒鲜叶", "spreading-leaves")
    module = db.session.scalar(db.select(Module).where(Module.slug == "spreading-leaves"))
    assert module.texts == [] and module.pending == "add"
    path = f"/manage/modules/{module.id}/quiz"
    page = client.get(path)
    assert page.status_code == 200 and "Quiz: 晾晒鲜叶" in page.get_data(as_text=True)
    questions = {"part": "questions", "language": "zh", "text": SAMPLE_GIFT_ZH}
    assert post(client, path, questions, page=path).status_code == 302
    # Sending them again asks first, on a page that names the module the same way.
    asked = post(client, path, questions, page=path)
    assert asked.status_code == 200 and "Quiz: 晾晒鲜叶" in asked.get_data(as_text=True)
    db.session.refresh(module)
    assert module.quiz.pending == "add" and len(module.quiz.active_questions) == 3
    # The quiz page's links open too; the list of results leaves out a quiz none can take.
    attempts = client.get(f"/manage/quizzes/{module.quiz.id}/attempts")
    assert attempts.status_code == 200 and "Attempts: 晾晒鲜叶" in attempts.text
    report = client.get(f"/reports/quizzes/{module.quiz.id}")
    assert report.status_code == 200 and "晾晒鲜叶" in report.text
    results = client.get("/reports/quizzes")
    assert results.status_code == 200 and "晾晒鲜叶" not in results.text
