"""A seeded network holds together: what learners did, the app would have written."""

from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from lms.auth.identifiers import parse_mobile
from lms.auth.services import hash_password
from lms.certificates.serials import format_serial
from lms.certificates.services import identity_hash, identity_of
from lms.content.curriculum import load_curriculum
from lms.curriculum.services import import_curriculum
from lms.demo import DEMO_PASSWORD
from lms.extensions import db
from lms.models import (
    AuditEvent,
    Base,
    Certificate,
    Cohort,
    CohortMember,
    Course,
    Enrolment,
    Module,
    ModuleProgress,
    Organization,
    QuestionRevision,
    QuizAnswer,
    QuizAttempt,
    Role,
    User,
)
from lms.quiz.grading import attempt_score, passes, score_response
from lms.reports import tallies
from lms.seeding.network import SeedingRefused, seed_network_until

from ..helpers import COURSES, ISSUER, QUIZZES, login

TODAY = date(2026, 12, 1)
NOW = datetime(2026, 12, 1)
PASSWORD_HASH: list[str] = []  # argon2 is slow: hash the demo password once per run


def demo_hash() -> str:
    """Return a hash of the demo password, computed once."""
    if not PASSWORD_HASH:
        PASSWORD_HASH.append(hash_password(DEMO_PASSWORD))
    return PASSWORD_HASH[0]


def seed(learners=200, organizations=10, number=7):
    """Seed the network the tests look at, ending on TODAY, and commit it."""
    counts = seed_network_until(TODAY, learners, organizations, number, demo_hash(), ISSUER)
    db.session.commit()
    return counts


@pytest.fixture
def curriculum(app):
    """Import the shipped courses and quizzes."""
    import_curriculum(load_curriculum([COURSES, QUIZZES]))
    db.session.commit()


@pytest.fixture
def network(curriculum):
    """Seed 200 learners in 10 SPOs."""
    return seed()


def completed_modules() -> dict[tuple[int, int], dict[int, datetime]]:
    """Return, by (learner, course), each completed module's completion time."""
    rows = db.session.execute(
        select(ModuleProgress.user_id, Module.course_id, Module.id, ModuleProgress.completed_at)
        .join(Module, Module.id == ModuleProgress.module_id)
        .where(ModuleProgress.completed_at.is_not(None))
    )
    done: dict = {}
    for user_id, course_id, module_id, completed_at in rows:
        done.setdefault((user_id, course_id), {})[module_id] = completed_at
    return done


def test_seeds_the_network_asked_for(network):
    """Make 10 SPOs with a coordinator each and 200 learners spread over them."""
    count = lambda *where: db.session.scalar(select(func.count()).select_from(User).where(*where))  # noqa: E731
    assert db.session.scalar(select(func.count()).select_from(Organization)) == 10
    assert count(User.role == Role.LEARNER) == 200
    assert count(User.role == Role.COORDINATOR) == 10
    assert count(User.role == Role.TRAINER) >= 3
    spos = db.session.scalars(select(Organization)).all()
    assert any(spo.country == "China" and spo.name_zh for spo in spos)
    assert all(spo.name_zh == "" for spo in spos if spo.country != "China")
    assert network["lms_quiz_answer"] > 10 * network["lms_quiz_attempt"] / 2


def test_completion_and_certificates_follow_the_modules(network):
    """Complete exactly the enrolments whose required modules are done, each with a certificate."""
    done = completed_modules()
    required = {
        course.id: [m.id for m in course.modules if m.active and m.required]
        for course in db.session.scalars(select(Course))
    }
    certificates = {(c.user_id, c.course_id): c for c in db.session.scalars(select(Certificate))}
    completed = 0
    for enrolment in db.session.scalars(select(Enrolment)):
        key = (enrolment.user_id, enrolment.course_id)
        times = done.get(key, {})
        all_done = all(module_id in times for module_id in required[enrolment.course_id])
        assert (enrolment.completed_at is not None) == all_done
        if all_done:
            completed += 1
            assert enrolment.completed_at == max(times[m] for m in required[enrolment.course_id])
            assert certificates.pop(key).issued_at == enrolment.completed_at
    assert completed and not certificates  # no certificate without a completed enrolment


def test_the_report_summary_counts_the_seeded_history(network):
    """Keep the report summary equal to a recount, though rows went in by the batch."""
    summary = tallies.stored()
    assert summary == tallies.counted()
    assert len({month for _spo, _course, month in summary}) > 12  # two years of history
    assert sum(numbers["certificates"] for numbers in summary.values()) == db.session.scalar(
        select(func.count()).select_from(Certificate).where(Certificate.revoked_at.is_(None))
    )


def test_modules_are_completed_in_order_and_quizzes_by_a_pass(network):
    """Complete modules in outline order, each with a quiz at the moment a pass was graded."""
    positions = dict(db.session.execute(select(Module.id, Module.position)).all())
    outline = {}
    for module_id, course_id in db.session.execute(select(Module.id, Module.course_id)):
        outline.setdefault(course_id, []).append(module_id)
    passes_at = {
        (a.user_id, a.quiz.module_id): a.graded_at
        for a in db.session.scalars(select(QuizAttempt).where(QuizAttempt.passed.is_(True)))
    }
    for (user_id, course_id), times in completed_modules().items():
        ordered = sorted(outline[course_id], key=positions.get)
        assert set(times) == set(ordered[: len(times)])
        for module_id, completed_at in times.items():
            assert passes_at[(user_id, module_id)] == completed_at
            assert completed_at <= NOW
    revisions = db.session.execute(
        select(ModuleProgress.revision_completed, Module.revision)
        .join(Module)
        .where(ModuleProgress.completed_at.is_not(None))
    )
    assert all(completed == current for completed, current in revisions)


def test_scores_are_what_the_app_grades(network):
    """Score every answer and attempt again with the app's own grading: the same numbers."""
    revisions = {r.id: r for r in db.session.scalars(select(QuestionRevision))}
    attempts = {a.id: a for a in db.session.scalars(select(QuizAttempt))}
    scores: dict[int, dict[int, float]] = {}
    for answer in db.session.scalars(select(QuizAnswer)):
        attempt = attempts[answer.attempt_id]
        revision = revisions[answer.question_revision_id]
        data = revision.text(attempt.language, "en")
        assert answer.score == score_response(revision.qtype, data, answer.response)
        scores.setdefault(attempt.id, {})[answer.question_id] = answer.score
    for attempt in attempts.values():
        shown = [revisions[r] for r in attempt.question_order]
        assert set(scores[attempt.id]) == {r.question_id for r in shown}
        score = attempt_score(((r.question_id, r.qtype) for r in shown), scores[attempt.id])
        assert attempt.score == pytest.approx(score)
        assert attempt.passed == passes(score, attempt.quiz.pass_mark)
        assert attempt.started_at < attempt.submitted_at <= attempt.graded_at <= NOW
    failed = [a for a in attempts.values() if not a.passed]
    assert failed and len(failed) < len(attempts)


def test_certificates_carry_what_issuing_writes(network):
    """Snapshot names, titles, trainers and the hashed identity, so verifiers can check them."""
    certificate = db.session.scalars(select(Certificate)).first()
    user = db.session.get(User, certificate.user_id)
    _kind, identifier = identity_of(user)
    assert certificate.identity_hash == identity_hash(identifier, certificate.identity_salt)
    assert certificate.learner_name == user.name
    assert certificate.organization_name == user.organization.name
    assert certificate.course_titles["zh"] and certificate.issuer_name == ISSUER
    trainers = sorted(row.user.name for row in certificate.course.trainers)
    assert certificate.trainer_names == ", ".join(trainers)


def test_mobile_numbers_are_unique_and_valid(network):
    """Give many learners a mobile number and no e-mail, each a valid mobile of their country."""
    users = db.session.scalars(select(User).where(User.mobile.is_not(None))).all()
    assert len({user.mobile for user in users}) == len(users)
    assert any(user.email is None for user in users)
    for user in users:
        assert parse_mobile(user.mobile, "CN") == user.mobile


def test_cohorts_have_members_from_many_spos_enrolled_in_their_courses(network):
    """Hold each training event's learners, from several SPOs, in its courses, with its trainers."""
    cohort = db.session.scalars(select(Cohort)).first()
    members = [m for m in cohort.members if not m.trainer]
    assert any(m.trainer for m in cohort.members)
    assert len({m.user.organization_id for m in members}) > 1
    enrolled = set(db.session.execute(select(Enrolment.user_id, Enrolment.course_id)).all())
    assert all((m.user_id, c.id) in enrolled for m in members for c in cohort.courses)


def seeded_rows() -> dict[str, list[tuple]]:
    """Return every seeded table's rows, without the password hash (argon2 salts it)."""
    tables = {}
    for table in Base.metadata.sorted_tables:
        columns = [c for c in table.columns if c.name != "password_hash"]
        tables[table.name] = db.session.execute(
            select(*columns).order_by(*table.primary_key.columns)
        ).all()
    return tables


def remove_network() -> None:
    """Delete the seeded rows, keeping the curriculum."""
    for model in (Certificate, CohortMember, Cohort, Enrolment, ModuleProgress, QuizAttempt):
        db.session.execute(model.__table__.delete())
    for table in ("lms_cohort_course", "lms_course_trainer"):
        db.session.execute(Base.metadata.tables[table].delete())
    db.session.execute(AuditEvent.__table__.delete().where(AuditEvent.actor_id.is_not(None)))
    db.session.execute(User.__table__.delete())
    db.session.execute(Organization.__table__.delete())
    db.session.commit()


def test_the_same_seed_gives_the_same_network(curriculum):
    """Seed twice with one seed: the same rows; another seed gives others."""
    seed(60, 4, number=3)
    first = seeded_rows()
    remove_network()
    seed(60, 4, number=3)
    assert seeded_rows() == first
    remove_network()
    seed(60, 4, number=4)
    assert seeded_rows()["lms_user"] != first["lms_user"]


def test_refuses_a_database_with_an_spo(curriculum, make_org):
    """Seed nothing into a database that has an SPO already."""
    make_org("menghai-tea")
    with pytest.raises(SeedingRefused):
        seed()
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(User)) == 0


def test_a_course_without_certificates_issues_none(curriculum):
    """Complete a course that issues no certificate without one."""
    course = db.session.scalars(select(Course).where(Course.slug == "spo-principles")).one()
    course.certificate = False
    db.session.commit()
    seed()
    completed = db.session.scalar(
        select(func.count())
        .select_from(Enrolment)
        .where(Enrolment.course_id == course.id, Enrolment.completed_at.is_not(None))
    )
    issued = select(func.count()).select_from(Certificate).where(Certificate.course_id == course.id)
    assert completed and db.session.scalar(issued) == 0


def test_seeded_people_use_the_pages(network, client):
    """Open a coordinator's SPO report, a learner's My learning, PDF and certificate check."""
    certificate = db.session.scalars(select(Certificate).order_by(Certificate.id)).first()
    learner = db.session.get(User, certificate.user_id)
    coordinator = db.session.scalars(
        select(User).where(
            User.role == Role.COORDINATOR, User.organization_id == learner.organization_id
        )
    ).one()
    login(client, coordinator, DEMO_PASSWORD)
    page = client.get(f"/reports/organizations/{learner.organization_id}")
    assert page.status_code == 200 and learner.name in page.get_data(as_text=True)
    other = client.application.test_client()
    login(other, learner, DEMO_PASSWORD)
    mine = other.get("/dashboard").get_data(as_text=True)
    assert certificate.course_title("zh" if learner.locale == "zh_Hans" else "en") in mine
    document = other.get(f"/certificates/{certificate.serial}/certificate.pdf")
    assert document.status_code == 200 and document.data.startswith(b"%PDF")
    verified = client.application.test_client().get(f"/verify/{format_serial(certificate.serial)}")
    text = verified.get_data(as_text=True)
    assert verified.status_code == 200 and "verdict-valid" in text and learner.name in text
