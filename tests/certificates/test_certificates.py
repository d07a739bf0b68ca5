"""Issuing certificates: once, at the moment a course is complete, never for its trainers."""

from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import pytest

from lms.certificates.serials import ALPHABET, LENGTH, format_serial, normalize_serial
from lms.certificates.services import identity_hash
from lms.extensions import db
from lms.learn.services import active_modules, complete_module, enrol
from lms.models import Certificate, CourseTrainer, Enrolment, Role

from ..certificate_helpers import certificate_count, finish_course
from ..helpers import ISSUER, login, post
from ..quiz_helpers import take_quiz


@pytest.fixture
def learner(make_user, make_org):
    """Return a learner of a Chinese tea SPO with a Chinese name."""
    spo = make_org("menghai-tea", name="Menghai Tea Cooperative", name_zh="勐海茶叶合作社")
    return make_user(organization=spo, name="王小明", email="wang@example.org")


def test_the_certificate_is_issued_when_the_last_module_is_done(imported_course, learner):
    """No certificate before the course is complete; exactly one at that moment."""
    enrol(learner, imported_course)
    modules = active_modules(imported_course)
    for module in modules[:-1]:
        complete_module(learner, module, ISSUER)
    db.session.commit()
    assert certificate_count() == 0
    complete_module(learner, modules[-1], ISSUER)
    db.session.commit()
    certificate = db.session.scalar(db.select(Certificate))
    assert certificate.user_id == learner.id and certificate.course_id == imported_course.id
    enrolment = db.session.scalar(db.select(Enrolment))
    assert certificate.issued_at == enrolment.completed_at or certificate.issued_at >= (
        enrolment.completed_at
    )
    # Completing a module again, or the course again, issues nothing more.
    complete_module(learner, modules[0], ISSUER)
    db.session.commit()
    assert certificate_count() == 1


def test_the_certificate_keeps_a_snapshot_of_names_and_titles(imported_course, learner, people):
    """Store the learner's name, SPO, course titles and trainers as they were at issue."""
    certificate = finish_course(learner, imported_course)
    assert certificate.learner_name == "王小明"
    assert certificate.organization_name == "Menghai Tea Cooperative"
    assert certificate.organization_name_zh == "勐海茶叶合作社"
    assert certificate.course_title("en") == "SPO principles and the Fairtrade standard"
    assert certificate.course_title("zh") == "小农组织原则与公平贸易标准"
    assert certificate.trainer_names == "Runner Trainer"
    assert certificate.identity_hash == identity_hash("wang@example.org", certificate.identity_salt)
    assert "wang@example.org" not in certificate.identity_hash


def test_editing_or_archiving_the_course_leaves_issued_certificates_alone(
    client, imported_course, learner
):
    """Certificates outlive their course: a new title or archiving changes nothing issued."""
    certificate = finish_course(learner, imported_course)
    serial = certificate.serial
    imported_course.texts[0].title = "A renamed course"
    imported_course.status = "archived"
    learner.name = "Wang Xiaoming"
    learner.organization.name = "Renamed SPO"
    db.session.commit()
    db.session.expire_all()
    again = db.session.scalar(db.select(Certificate))
    assert again.serial == serial and again.learner_name == "王小明"
    assert again.course_title("en") == "SPO principles and the Fairtrade standard"
    page = client.get(f"/verify/{format_serial(serial)}").text
    assert "SPO principles and the Fairtrade standard" in page and "王小明" in page
    assert "A renamed course" not in page and "Renamed SPO" not in page


def test_staff_who_run_the_course_get_no_certificate(imported_course, make_user, people):
    """Trainers of the course, and admins, complete it without a certificate."""
    finish_course(people["runner"], imported_course)
    finish_course(people["admin"], imported_course)
    assert certificate_count() == 0
    # A trainer who does not run this course takes it as a learner and earns one.
    assert finish_course(people["trainer"], imported_course) is not None


def test_a_course_without_certificates_issues_none(imported_course, learner):
    """Honour ``certificate: false`` in course.yml."""
    imported_course.certificate = False
    db.session.commit()
    assert finish_course(learner, imported_course) is None


def test_passing_the_last_quiz_issues_the_certificate(imported_course, make_quiz, learner):
    """A quiz pass completes its module through the same path, and so the course."""
    *others, last = active_modules(imported_course)
    quiz = make_quiz(last)
    enrol(learner, imported_course)
    for module in others:
        complete_module(learner, module, ISSUER)
    db.session.commit()
    take_quiz(learner, quiz, best=False)
    assert certificate_count() == 0
    take_quiz(learner, quiz, best=True)
    assert certificate_count() == 1


def test_the_learner_sees_the_certificate_after_the_last_click(client, imported_course, learner):
    """Over HTTP: Mark as done on the last module, then My certificates lists it."""
    login(client, learner)
    post(client, "/courses/spo-principles/enrol", page="/courses/spo-principles")
    slugs = [module.slug for module in active_modules(imported_course)]
    for slug in slugs:
        post(client, f"/courses/spo-principles/modules/{slug}/complete", page="/")
    page = client.get("/certificates").text
    certificate = db.session.scalar(db.select(Certificate))
    assert format_serial(certificate.serial) in page
    assert "SPO principles and the Fairtrade standard" in page
    assert f"/certificates/{format_serial(certificate.serial)}/certificate.pdf" in page


def test_two_tabs_completing_the_last_two_modules_at_once_issue_one_certificate(
    app, imported_course, learner
):
    """Race the last two modules in two transactions: the course completes exactly once."""
    enrol(learner, imported_course)
    *done, first, second = active_modules(imported_course)
    for module in done:
        complete_module(learner, module, ISSUER)
    db.session.commit()
    user_id, module_ids = learner.id, [first.id, second.id]
    barrier = Barrier(2)

    def complete(module_id):
        with app.app_context():
            from lms.models import Module, User

            user = db.session.get(User, user_id)
            module = db.session.get(Module, module_id)
            barrier.wait()
            complete_module(user, module, ISSUER)
            db.session.commit()

    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(complete, module_ids))
    db.session.expire_all()
    assert certificate_count() == 1
    assert db.session.scalar(db.select(Enrolment)).completed_at is not None


def test_parallel_requests_for_the_last_two_modules_issue_one_certificate(
    app, imported_course, learner
):
    """Two phones press Mark as done on the last two modules at the same moment."""
    from ..helpers import csrf_token

    enrol(learner, imported_course)
    *done, first, second = active_modules(imported_course)
    for module in done:
        complete_module(learner, module, ISSUER)
    db.session.commit()
    clients = [app.test_client() for _ in range(2)]
    for client in clients:
        login(client, learner)
    tokens = [csrf_token(client, "/dashboard") for client in clients]
    paths = [f"/courses/spo-principles/modules/{m.slug}/complete" for m in (first, second)]

    def press(index):
        return clients[index].post(paths[index], data={"csrf_token": tokens[index]}).status_code

    with ThreadPoolExecutor(max_workers=2) as pool:
        assert list(pool.map(press, range(2))) == [302, 302]
    db.session.expire_all()
    assert certificate_count() == 1
    issued = [e for e in _audit_actions() if e == "certificate.issue"]
    assert len(issued) == 1


def _audit_actions() -> list[str]:
    from lms.models import AuditEvent

    return list(db.session.scalars(db.select(AuditEvent.action)))


def test_serials_are_random_readable_and_unique(imported_course, make_user, make_org):
    """80 random bits in an alphabet without I, L, O or U; typed look-alikes still match."""
    assert len(ALPHABET) == 32 and LENGTH * 5 >= 80
    assert not set("ILOU") & set(ALPHABET)
    spo = make_org()
    serials = set()
    for number in range(20):
        user = make_user(organization=spo, email=f"l{number}@example.org")
        serials.add(finish_course(user, imported_course).serial)
    assert len(serials) == 20
    assert all(len(serial) == LENGTH and set(serial) <= set(ALPHABET) for serial in serials)
    serial = serials.pop()
    typed = format_serial(serial).lower().replace("0", "o").replace("1", "l")
    assert normalize_serial(typed) == serial
    assert normalize_serial(serial + "A") is None and normalize_serial("") is None


def test_role_change_does_not_matter_for_a_learner_taking_another_course(
    imported_course, make_user, make_org
):
    """A coordinator takes the course as a learner and earns a certificate."""
    coordinator = make_user(Role.COORDINATOR, organization=make_org())
    assert finish_course(coordinator, imported_course) is not None


def test_a_trainer_added_after_issue_does_not_change_the_certificate(
    imported_course, learner, make_user
):
    """The trainer names are those of the day of issue."""
    certificate = finish_course(learner, imported_course)
    late = make_user(Role.TRAINER, name="Late")
    db.session.add(CourseTrainer(course_id=imported_course.id, user_id=late.id))
    db.session.commit()
    assert "Late" not in db.session.get(Certificate, certificate.id).trainer_names
