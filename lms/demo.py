"""Create the demo SPOs and accounts that ``make run`` sets up (README lists them)."""

from flask import current_app
from sqlalchemy import select

from .admin.services import create_organization, create_user, organization_by_slug
from .auth.identifiers import read_login
from .auth.services import identifier_taken
from .curriculum.services import all_courses
from .database import insert_if_absent
from .extensions import db
from .models import CourseTrainer, Role, User
from .settings import issuer_name

DEMO_PASSWORD = "academy-demo"

DEMO_ORGANIZATIONS = (
    {
        "slug": "menghai-tea",
        "name": "Menghai Pu'er Tea Cooperative",
        "name_zh": "勐海普洱茶专业合作社",
        "country": "China",
        "region": "Yunnan",
        "products": "tea",
        "code": "TEAS-DEMQ",
    },
    {
        "slug": "qinling-honey",
        "name": "Qinling Honey Producers' Cooperative",
        "name_zh": "秦岭蜂蜜生产合作社",
        "country": "China",
        "region": "Shaanxi",
        "products": "honey",
        "code": "HNEY-DEMQ",
    },
)

DEMO_USERS = (
    ("admin@academy.example", "NAPP Admin", Role.ADMIN, None),
    ("trainer@academy.example", "Chen Jing", Role.TRAINER, None),
    ("coordinator@academy.example", "Li Na", Role.COORDINATOR, "menghai-tea"),
    ("learner@academy.example", "王小明", Role.LEARNER, "menghai-tea"),
    ("honey@academy.example", "Zhao Xinrong", Role.LEARNER, "qinling-honey"),
    # A producer with no e-mail, who logs in with a mobile number (any way it is written).
    ("+86 139 0013 9000", "刘芳", Role.LEARNER, "qinling-honey"),
)


def create_demo_data() -> list[str]:
    """Add whichever demo SPOs and users are missing; return what was done."""
    if current_app.config.get("LMS_ENV") == "production":
        raise RuntimeError("demo accounts have a public password: refused in production")
    done = []
    for spec in DEMO_ORGANIZATIONS:
        if organization_by_slug(spec["slug"]) is None:
            fields = {k: v for k, v in spec.items() if k not in ("slug", "code")}
            organization = create_organization(spec["slug"], **fields)
            organization.enrolment_code = spec["code"]
            done.append(f"SPO {spec['slug']} (enrolment code {spec['code']})")
    for login_text, name, role, slug in DEMO_USERS:
        login = read_login(login_text, "CN")
        if not identifier_taken(login):
            organization = organization_by_slug(slug) if slug else None
            create_user(
                **{login.kind: login.value},
                password=DEMO_PASSWORD,
                role=role,
                name=name,
                organization=organization,
            )
            done.append(f"{role} {login_text} / {DEMO_PASSWORD}")
    done += _demo_trainer_runs_courses()
    done += _demo_learner_has_a_certificate()
    done += _demo_learner_is_under_way()
    return done or ["demo data present already"]


def _demo_trainer_runs_courses() -> list[str]:
    """Make the demo trainer a trainer of every imported course they don't run yet."""
    db.session.flush()
    trainer = db.session.scalar(select(User).where(User.email == DEMO_USERS[1][0]))
    if trainer is None:  # renamed by an admin since: leave it alone
        return []
    running = set(
        db.session.scalars(
            select(CourseTrainer.course_id).where(CourseTrainer.user_id == trainer.id)
        )
    )
    done = []
    for course in all_courses():
        if course.id not in running:
            insert_if_absent(CourseTrainer, course_id=course.id, user_id=trainer.id)
            done.append(f"{trainer.email} runs {course.slug}")
    return done


def _demo_learner_is_under_way(slug: str = "spo-principles") -> list[str]:
    """Enrol the tea learner in the first course with its first module done.

    So the demo opens on a learner's real day: a course under way and a Continue button.
    """
    from .learn.services import active_modules, complete_module, course_by_slug, enrolment_for

    learner = db.session.scalar(select(User).where(User.email == DEMO_USERS[3][0]))
    course = course_by_slug(slug)
    if learner is None or course is None or enrolment_for(learner, course) is not None:
        return []
    modules = active_modules(course)
    if modules:
        complete_module(learner, modules[0], issuer_name())
    return [f"{learner.email} is under way in {slug}"]


def _demo_learner_has_a_certificate(slug: str = "spo-principles") -> list[str]:
    """Let the honey learner have finished the first course, so certificates can be seen."""
    from .learn.services import active_modules, complete_module, course_by_slug, enrolment_for

    learner = db.session.scalar(select(User).where(User.email == DEMO_USERS[4][0]))
    course = course_by_slug(slug)
    if learner is None or course is None or enrolment_for(learner, course) is not None:
        return []
    for module in active_modules(course):
        complete_module(learner, module, issuer_name())
    return [f"{learner.email} finished {slug} and holds its certificate"]
