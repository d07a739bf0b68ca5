"""Publishing a course's drafts: what learners then read, whose progress it keeps, review."""

import re

import pytest

from lms.extensions import db
from lms.learn.services import complete_module, enrol
from lms.models import (
    AuditEvent,
    Certificate,
    Course,
    CourseReview,
    CourseTrainer,
    Enrolment,
    ModuleDraft,
    ModuleProgress,
    ModuleRevision,
    Role,
)
from tests.authoring.test_authoring import send_questions
from tests.authoring.test_course_setup import add_module, creator, start_course  # noqa: F401
from tests.authoring.test_module_editor import form_of, save, texts
from tests.conftest import SAMPLE_GIFT, STAFF_PAGE_STATUS, login, post

PUBLISH = "/manage/courses/spo-principles/publish"
DRAFT_VERSION = re.compile(r'name="draft_version" type="hidden" value="(\d*)"')


def publish(client, note="Fixed a typo", path=PUBLISH, version=None):
    """Post the publish form as the page fills it in (or with ``version``)."""
    page = client.get(path).get_data(as_text=True)
    if version is None:
        version = DRAFT_VERSION.search(page).group(1)
    return post(client, path, {"note": note, "draft_version": version}, page=path)


def edit_first_module(client, module, extra="\n\nA new paragraph."):
    _page, fields = form_of(client, module)
    title, body = texts(module)
    return save(client, module, fields, en=(title, body + extra), zh=texts(module, "zh"))


def finish_course(user, course):
    """Complete every module of ``course`` for ``user``, which issues the certificate."""
    for module in course.modules:
        complete_module(user, module, "NAPP")
    db.session.commit()


def reading(client, module):
    return client.get(f"/courses/{module.course.slug}/modules/{module.slug}").get_data(as_text=True)


@pytest.mark.parametrize("role", list(STAFF_PAGE_STATUS))
def test_only_those_who_run_the_course_may_publish_it(client, people, imported_course, role):
    if role != "anonymous":
        login(client, people[role])
    assert client.get(PUBLISH).status_code == STAFF_PAGE_STATUS[role]


def test_a_learner_of_another_role_cannot_post_a_publish(client, people, imported_course):
    login(client, people["runner"])
    edit_first_module(client, imported_course.modules[0])
    client.get("/logout")
    login(client, people["trainer"])
    response = post(client, PUBLISH, {"note": "x", "draft_version": "1"}, page="/")
    assert response.status_code == 403
    assert db.session.scalar(db.select(db.func.count()).select_from(ModuleDraft)) == 1


def test_publishing_text_keeps_progress_and_learners_then_read_it(client, people, imported_course):
    module = imported_course.modules[0]
    learner = people["learner"]
    enrol(learner, imported_course)
    complete_module(learner, module, "NAPP")
    db.session.commit()
    login(client, people["runner"])
    edit_first_module(client, module)
    page = client.get(PUBLISH).get_data(as_text=True)
    assert "Edited modules" in page and texts(module)[0] in page
    assert "This change keeps everyone&#39;s progress." in page
    assert "1 enrolled learner reads the new text." in page

    response = publish(client, note="Added a paragraph on the Premium")
    assert response.status_code == 302
    assert "Published" in client.get(response.location).get_data(as_text=True)
    db.session.expire_all()
    assert module.revision == 2 and "A new paragraph." in texts(module)[1]
    assert db.session.scalar(db.select(ModuleDraft)) is None
    revision = db.session.scalar(
        db.select(ModuleRevision).where(
            ModuleRevision.revision == 2, ModuleRevision.language == "en"
        )
    )
    assert revision.source == "browser" and revision.note == "Added a paragraph on the Premium"
    assert revision.author_id == people["runner"].id
    assert db.session.scalar(db.select(AuditEvent.id).where(AuditEvent.action == "course.publish"))
    progress = db.session.scalar(
        db.select(ModuleProgress).where(ModuleProgress.user_id == learner.id)
    )
    assert progress.completed_at is not None
    client.get("/logout")
    login(client, learner)
    assert "A new paragraph." in reading(client, module)


def test_a_new_required_module_reopens_for_the_unfinished_only(client, people, imported_course):
    finished, going = people["learner"], people["coordinator"]
    enrol(going, imported_course)
    complete_module(going, imported_course.modules[0], "NAPP")
    finish_course(finished, imported_course)
    assert db.session.scalar(db.select(Certificate).where(Certificate.user_id == finished.id))
    login(client, people["runner"])
    response = post(
        client,
        "/manage/courses/spo-principles/modules",
        {"title": "Climate resilience", "slug": "climate"},
        page="/manage/courses/spo-principles",
    )
    editor = response.location
    new = imported_course.modules[-1]
    _page, fields = form_of(client, new)
    save(client, new, fields, en=("Climate resilience", "Shade trees keep soil cool."))
    page = client.get(PUBLISH).get_data(as_text=True)
    assert "New modules" in page and "Climate resilience" in page
    assert "This change reopens the course." in page
    assert "1 learner who has not finished gets more to do." in page
    assert "1 learner who finished keeps their completion and certificate." in page
    assert publish(client, note="New module on climate").status_code == 302, editor

    db.session.expire_all()
    assert new.active and new.pending is None and new.position == 5
    rows = {e.user_id: e for e in db.session.scalars(db.select(Enrolment))}
    assert rows[finished.id].completed_at is not None
    assert db.session.scalar(db.select(Certificate).where(Certificate.user_id == finished.id))
    client.get("/logout")
    login(client, going)
    course_page = client.get("/courses/spo-principles").get_data(as_text=True)
    assert "Climate resilience" in course_page
    assert "Shade trees keep soil cool." in reading(client, new)


def test_a_quiz_added_reopens_a_done_module_for_the_unfinished(client, people, imported_course):
    module = imported_course.modules[1]
    finished, going = people["learner"], people["coordinator"]
    finish_course(finished, imported_course)
    enrol(going, imported_course)
    complete_module(going, module, "NAPP")
    db.session.commit()
    login(client, people["runner"])
    assert send_questions(client, module, SAMPLE_GIFT).status_code == 302
    page = client.get(PUBLISH).get_data(as_text=True)
    assert "Quizzes added" in page and "This change reopens the course." in page
    assert publish(client, note="Quiz on module two").status_code == 302
    db.session.expire_all()
    assert module.quiz.active and module.quiz.pending is None
    done = dict(
        db.session.execute(
            db.select(ModuleProgress.user_id, ModuleProgress.completed_at).where(
                ModuleProgress.module_id == module.id
            )
        ).all()
    )
    assert done[going.id] is None and done[finished.id] is not None
    assert db.session.scalar(db.select(Certificate).where(Certificate.user_id == finished.id))


def test_a_stale_publish_page_is_refused_and_changes_nothing(client, people, imported_course):
    module = imported_course.modules[0]
    login(client, people["runner"])
    edit_first_module(client, module)
    page = client.get(PUBLISH).get_data(as_text=True)
    shown = DRAFT_VERSION.search(page).group(1)
    edit_first_module(client, module, extra="\n\nAnd another one.")  # saved in another tab
    response = publish(client, version=shown)
    assert response.status_code == 409
    assert "The drafts changed since you opened this page." in response.get_data(as_text=True)
    db.session.expire_all()
    assert module.revision == 1 and "A new paragraph." not in texts(module)[1]
    assert db.session.scalar(db.select(ModuleDraft)) is not None


@pytest.mark.parametrize(
    ("note", "message"),
    [("", "Say in a few words what this publish changes."), ("x" * 501, "500 characters")],
)
def test_the_note_is_required_and_bounded(client, people, imported_course, note, message):
    module = imported_course.modules[0]
    login(client, people["runner"])
    edit_first_module(client, module)
    response = publish(client, note=note)
    assert response.status_code == 422 and message in response.get_data(as_text=True)
    db.session.expire_all()
    assert module.revision == 1


def test_nothing_to_publish_is_said_and_refused(client, people, imported_course):
    login(client, people["runner"])
    page = client.get(PUBLISH).get_data(as_text=True)
    assert "There is nothing to publish" in page
    response = publish(client)
    assert response.status_code == 422


def test_review_is_asked_given_and_voided_by_a_later_save(
    client, people, imported_course, make_user
):
    imported_course.review_required = True
    colleague = make_user(Role.TRAINER, name="Wang Fang")
    imported_course.trainers.append(CourseTrainer(user=colleague))
    db.session.commit()
    module = imported_course.modules[0]
    login(client, people["runner"])
    edit_first_module(client, module)
    page = client.get(PUBLISH).get_data(as_text=True)
    assert "must be approved by a reviewer" in page and "Wang Fang" in page
    assert publish(client).status_code == 422
    review = post(
        client,
        "/manage/courses/spo-principles/review",
        {"reviewer": str(colleague.id), "note": "Please check the Premium part"},
        page=PUBLISH,
    )
    assert review.status_code == 302
    # The author cannot answer their own request.
    review_id = db.session.scalar(db.select(CourseReview.id))
    decide = f"/manage/courses/spo-principles/reviews/{review_id}"
    post(client, decide, {"decision": "approve"}, page=PUBLISH)
    assert publish(client).status_code == 422

    client.get("/logout")
    login(client, colleague)
    page = client.get(PUBLISH).get_data(as_text=True)
    assert "Runner Trainer asked Wang Fang to review these changes." in page
    assert "Please check the Premium part" in page
    refused = post(client, decide, {"decision": "changes", "note": ""}, page=PUBLISH)
    assert "Say what should change." in client.get(refused.location).get_data(as_text=True)
    post(client, decide, {"decision": "approve"}, page=PUBLISH)
    assert "Wang Fang approved the changes." in client.get(PUBLISH).get_data(as_text=True)

    # A save after the approval voids it.
    client.get("/logout")
    login(client, people["runner"])
    edit_first_module(client, module, extra="\n\nA late change.")
    assert "ask for a new review" in client.get(PUBLISH).get_data(as_text=True)
    assert publish(client).status_code == 422
    db.session.expire_all()
    assert module.revision == 1

    # A fresh approval of the final text lets it through.
    post(
        client,
        "/manage/courses/spo-principles/review",
        {"reviewer": str(colleague.id)},
        page=PUBLISH,
    )
    client.get("/logout")
    login(client, colleague)
    review_id = db.session.scalar(db.select(db.func.max(CourseReview.id)))
    post(
        client,
        f"/manage/courses/spo-principles/reviews/{review_id}",
        {"decision": "approve"},
        page=PUBLISH,
    )
    client.get("/logout")
    login(client, people["runner"])
    assert publish(client).status_code == 302
    db.session.expire_all()
    assert "A late change." in texts(module)[1]


def test_a_new_module_without_text_is_refused(client, people, imported_course):
    login(client, people["runner"])
    post(
        client,
        "/manage/courses/spo-principles/modules",
        {"title": "Empty module", "slug": "empty"},
        page="/manage/courses/spo-principles",
    )
    response = publish(client, note="Add a module")
    assert response.status_code == 422
    assert "has no text in the course&#39;s main language" in response.get_data(as_text=True)
    db.session.expire_all()
    assert imported_course.modules[-1].pending == "add"


def test_a_draft_course_published_joins_the_catalogue(client, creator, make_user):  # noqa: F811
    login(client, creator)
    start_course(client)
    response = add_module(client, "Soil")
    course = db.session.scalar(db.select(Course).where(Course.slug == "tea-garden-basics"))
    module = course.modules[0]
    _page, fields = form_of(client, module)
    save(client, module, fields, en=("Soil", "Test the soil before planting."))
    path = "/manage/courses/tea-garden-basics/publish"
    page = client.get(path).get_data(as_text=True)
    assert "publishing puts it in the catalogue" in page, response.location
    assert publish(client, note="First version", path=path).status_code == 302
    db.session.expire_all()
    assert course.status == "published" and module.active
    client.get("/logout")
    assert "Tea garden basics" in client.get("/").get_data(as_text=True)
    learner = make_user(Role.LEARNER)
    login(client, learner)
    post(client, "/courses/tea-garden-basics/enrol", page="/courses/tea-garden-basics")
    assert "Test the soil before planting." in reading(client, module)
