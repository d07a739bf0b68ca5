"""Measure what certificates cost: issuing at completion, one PDF, a ZIP, a credential.

Builds a throw-away SQLite database (or ``--database-url``) with the shipped SPO
principles course and one SPO of ``--learners`` learners with Chinese names, has
each finish the course (the last click issues the certificate), then times the
documents a learner, a coordinator and a verifier ask for.
"""

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from flask_migrate import upgrade

from lms.app import MIGRATIONS_DIR, create_app
from lms.certificates import documents
from lms.certificates.links import issuing
from lms.certificates.verification import verify_credential
from lms.config import DEFAULTS
from lms.content.curriculum import load_curriculum
from lms.curriculum.services import import_curriculum
from lms.extensions import db
from lms.learn.services import active_modules, complete_module, enrol
from lms.models import Certificate, Course, Organization, User

ROOT = Path(__file__).resolve().parent.parent
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗欧阳"
GIVEN = "小明娜娜伟芳秀英静丽强磊军洋艳勇杰娟涛超霞平刚"

ISSUER = DEFAULTS["LMS_CERTIFICATE_ISSUER"]


def timed(action) -> tuple[float, object]:
    """Return how long ``action()`` took in milliseconds, and what it returned."""
    start = time.perf_counter()
    result = action()
    return (time.perf_counter() - start) * 1000, result


def populate(learners: int) -> list[float]:
    """Import the course, add the learners and finish it for each; return issue times (ms)."""
    curriculum = load_curriculum([ROOT / "courses" / "spo-principles", ROOT / "quizzes"])
    import_curriculum(curriculum)
    spo = Organization(slug="bench-tea", name="Bench Tea Cooperative", name_zh="测试茶叶合作社")
    db.session.add(spo)
    course = db.session.scalar(db.select(Course))
    rng = random.Random(7)
    issue_times = []
    for number in range(learners):
        name = rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=2))
        user = User(email=f"l{number}@bench.example", name=name, password_hash="x")
        user.organization = spo
        db.session.add(user)
        db.session.flush()
        enrol(user, course)
        *first, last = active_modules(course)
        for module in first:
            complete_module(user, module, ISSUER)
        elapsed, _ = timed(
            lambda u=user, m=last: (complete_module(u, m, ISSUER), db.session.commit())
        )
        issue_times.append(elapsed)
    return issue_times


def main() -> None:
    """Build the data, time each document and print a table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", help="default: a temporary SQLite file")
    parser.add_argument("--learners", type=int, default=300)
    args = parser.parse_args()
    folder = tempfile.mkdtemp()
    url = args.database_url or f"sqlite:///{folder}/bench.sqlite"
    app = create_app(
        {"SQLALCHEMY_DATABASE_URI": url, "LMS_SIGNING_KEY_FILE": f"{folder}/signing-key.pem"}
    )
    with app.app_context():
        upgrade(directory=str(MIGRATIONS_DIR))
        issue_times = populate(args.learners)
        certificates = list(db.session.scalars(db.select(Certificate).order_by(Certificate.id)))
        print(f"{len(certificates)} certificates on {db.engine.dialect.name}")
        print(f"last module done + certificate issued: {statistics.median(issue_times):.1f} ms")
        with app.test_request_context(base_url="https://academy.example"):
            academy = issuing()
            pdf, zipped = documents.certificate_pdf, documents.certificates_zip
            single = [timed(lambda c=c: pdf(academy, c)) for c in certificates[:20]]
            times, pdfs = zip(*single, strict=True)
            print(f"one PDF: {statistics.median(times):.0f} ms, "
                  f"{statistics.median(len(pdf) for pdf in pdfs) / 1024:.0f} KB")  # fmt: skip
            for count in (30, 100, len(certificates)):
                elapsed, data = timed(lambda n=count: zipped(academy, certificates[:n]))
                print(f"ZIP of {count}: {elapsed / 1000:.1f} s, {len(data) / 1024 / 1024:.1f} MB")
            sign = documents.signed_credential
            signing = [timed(lambda c=c: sign(academy, c)) for c in certificates[:50]]
            times, tokens = zip(*signing, strict=True)
            print(f"sign one credential: {statistics.median(times):.1f} ms")
            checks = [timed(lambda t=t: verify_credential(t, academy))[0] for t in tokens]
            print(f"check one credential: {statistics.median(checks):.1f} ms")
        client = app.test_client()
        serial = certificates[0].serial
        pages = [timed(lambda: client.get(f"/verify/{serial}"))[0] for _ in range(30)]
        print(f"verification page: {statistics.median(pages):.1f} ms")


if __name__ == "__main__":
    main()
