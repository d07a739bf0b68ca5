"""Measure what the main pages cost at NAPP's scale: time and SQL queries per request.

Builds a throw-away database (SQLite by default, or ``--database-url``) with the
shipped curriculum, ``--spos`` SPOs of ``--members`` learners each, who have
completed a random share of the modules; then requests each page ``--repeat``
times through the test client and prints the median time and the query count.
"""

import argparse
import random
import statistics
import tempfile
import time
from urllib.parse import quote

from common import ROOT, csrf_token, temporary_sqlite_url
from flask_migrate import upgrade
from sqlalchemy import event
from werkzeug.datastructures import MultiDict

from lms.app import MIGRATIONS_DIR, create_app
from lms.auth.services import hash_password
from lms.config import DEFAULTS
from lms.content.curriculum import load_curriculum
from lms.content.gift import QUESTION_TYPES
from lms.curriculum.services import import_curriculum
from lms.extensions import db
from lms.learn.services import complete_module, enrol
from lms.models import Course, CourseTrainer, Organization, QuizAttempt, Role, User
from lms.quiz.forms import field_name, read_responses
from lms.quiz.services import attempt_revisions, save_answers, start_attempt, submit_attempt

PASSWORD = "benchmark-password"

ISSUER = DEFAULTS["LMS_CERTIFICATE_ISSUER"]


def curriculum():
    """Load the shipped courses and quizzes."""
    return load_curriculum([ROOT / "courses", ROOT / "quizzes"])


def answer_randomly(user: User, quiz, rng: random.Random) -> None:
    """Take and submit one attempt at ``quiz``, picking answers at random."""
    attempt = start_attempt(user, quiz, rng.choice(["en", "zh"]), ISSUER)
    form = MultiDict()
    revisions = attempt_revisions(attempt)
    for index, revision in enumerate(revisions):
        data = attempt.question_text(revision)
        kind = QUESTION_TYPES[revision.qtype]
        view = kind.public_view(data, attempt.seed, True)
        if view.get("options"):
            form.add(field_name(index), rng.choice(view["options"])["key"])
        elif view.get("items"):
            for item in view["items"]:
                choice = rng.choice(view["choices"])["key"]
                form.add(f"{field_name(index)}-{item['key']}", choice)
        else:
            form.add(field_name(index), rng.choice(["1", "10", "FLOCERT", "监事会"]))
    indexes = list(range(len(revisions)))
    save_answers(attempt, read_responses(attempt, revisions, indexes, form))
    submit_attempt(attempt, ISSUER)


def populate(spos: int, members: int) -> None:
    """Import the courses and create SPOs, learners, their progress and quiz attempts."""
    import_curriculum(curriculum())
    digest = hash_password(PASSWORD)
    course = db.session.scalar(db.select(Course))
    rng = random.Random(7)
    for number in range(spos):
        organization = Organization(slug=f"spo-{number}", name=f"SPO {number}")
        db.session.add(organization)
        role_of = [Role.COORDINATOR] + [Role.LEARNER] * members
        for index, role in enumerate(role_of):
            user = User(
                email=f"u{number}-{index}@bench.example",
                name=f"Member {number}-{index}",
                password_hash=digest,
                role=role,
                organization=organization,
            )
            db.session.add(user)
            db.session.flush()
            enrol(user, course)
            for module in course.modules[: rng.randint(0, len(course.modules))]:
                complete_module(user, module, ISSUER)
            if role == Role.LEARNER:
                for _ in range(rng.randint(1, 2)):
                    answer_randomly(user, course.modules[0].quiz, rng)
    db.session.add(
        User(email="admin@bench.example", name="Admin", password_hash=digest, role=Role.ADMIN)
    )
    trainer = User(
        email="trainer@bench.example", name="Trainer", password_hash=digest, role=Role.TRAINER
    )
    db.session.add(CourseTrainer(course=course, user=trainer))
    db.session.commit()


def logged_in(app, email: str):
    """Return a test client logged in as ``email``."""
    client = app.test_client()
    page = client.get("/login").get_data(as_text=True)
    token = csrf_token(page)
    response = client.post(
        "/login", data={"email": email, "password": PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 302, f"login of {email} failed"
    return client


def measure(client, path: str, repeat: int, queries: list) -> tuple[float, int]:
    """Return the median milliseconds and the SQL statements of one request to ``path``."""
    timings = []
    for _ in range(repeat):
        queries.clear()
        start = time.perf_counter()
        response = client.get(path)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    return statistics.median(timings), len(queries)


def main() -> None:
    """Build the data, time each page and print a table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", help="default: a temporary SQLite file")
    parser.add_argument("--spos", type=int, default=24)
    parser.add_argument("--members", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    folder = tempfile.mkdtemp()
    url = args.database_url or temporary_sqlite_url(folder)
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "RATELIMIT_ENABLED": False})
    with app.app_context():
        upgrade(directory=str(MIGRATIONS_DIR))
        if db.session.scalar(db.select(Organization.id).limit(1)) is not None:
            raise SystemExit(f"{url} already holds academy data: give an empty database")
        start = time.perf_counter()
        populate(args.spos, args.members)
        print(f"populated {args.spos} SPOs x {args.members} learners "
              f"in {time.perf_counter() - start:.1f} s on {db.engine.dialect.name}")  # fmt: skip
        start = time.perf_counter()
        import_curriculum(curriculum())
        db.session.commit()
        print(
            f"re-import of the unchanged curriculum: {(time.perf_counter() - start) * 1000:.0f} ms"
        )
        engine = db.engine
        course = db.session.scalar(db.select(Course))
        course_slug, module_slug = course.slug, course.modules[1].slug
        first_spo = db.session.scalar(
            db.select(Organization.id).where(Organization.slug == "spo-0")
        )
        quiz = course.modules[0].quiz
        quiz_id, quiz_module = quiz.id, course.modules[0].slug
        attempts = db.session.scalar(db.select(db.func.count()).select_from(QuizAttempt))
        learner_id = db.session.scalar(db.select(User.id).where(User.email == "u0-1@bench.example"))
        own_attempt = db.session.scalar(
            db.select(QuizAttempt.id).where(QuizAttempt.user_id == learner_id).limit(1)
        )

    # Requests run outside any app context, each in its own, as under a real server.
    queries: list = []
    event.listen(engine, "before_cursor_execute", lambda *a: queries.append(a[2]))
    start = time.perf_counter()
    learner = logged_in(app, "u0-1@bench.example")
    print(f"one login (argon2id, 64 MiB): {(time.perf_counter() - start) * 1000:.0f} ms")
    coordinator = logged_in(app, "u0-0@bench.example")
    admin = logged_in(app, "admin@bench.example")
    trainer = logged_in(app, "trainer@bench.example")
    # A second quiz the learner has not started: its pages show a fresh attempt.
    with app.app_context():
        fresh = db.session.scalar(db.select(Course)).modules[1]
        fresh_module = fresh.id
        open_attempt = start_attempt(db.session.get(User, learner_id), fresh.quiz, "zh", ISSUER).id
        db.session.commit()
    pages = [
        ("catalogue (visitor)", app.test_client(), "/"),
        ("catalogue (learner)", learner, "/"),
        ("course page", learner, f"/courses/{course_slug}"),
        ("module page", learner, f"/courses/{course_slug}/modules/{module_slug}"),
        ("dashboard", learner, "/dashboard"),
        (
            f"SPO report ({args.members} members)",
            coordinator,
            f"/reports/organizations/{first_spo}",
        ),
        (f"all-SPO report ({args.spos} SPOs)", admin, "/reports/"),
        ("user list", admin, "/admin/users"),
        ("quiz overview", learner, f"/courses/{course_slug}/modules/{quiz_module}/quiz"),
        ("quiz question page (zh)", learner, f"/quiz/attempts/{open_attempt}?page=3"),
        ("quiz answer summary", learner, f"/quiz/attempts/{open_attempt}/summary"),
        ("quiz result with review", learner, f"/quiz/attempts/{own_attempt}/result"),
        (f"quiz statistics ({attempts} attempts)", trainer, f"/reports/quizzes/{quiz_id}"),
        ("quiz attempts list, 50 a page", trainer, f"/manage/quizzes/{quiz_id}/attempts"),
        ("quiz settings and answer key", trainer, f"/manage/modules/{fresh_module}/quiz"),
        ("search, English word (learner)", learner, "/search?q=cooperative"),
        ("search, Chinese word (visitor)", app.test_client(), f"/search?q={quote('合作')}"),
        ("search, page 2 (learner)", learner, "/search?q=cooperative&page=2"),
    ]
    print(f"\n{'page':36} {'median ms':>10} {'queries':>8}")
    for label, client, path in pages:
        milliseconds, count = measure(client, path, args.repeat, queries)
        print(f"{label:36} {milliseconds:10.1f} {count:8d}")


if __name__ == "__main__":
    main()
