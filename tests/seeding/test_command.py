"""``flask lms seed-demo``: what it prints, what it writes, what it refuses."""

from sqlalchemy import func, select

from lms.extensions import db
from lms.models import Course, Organization, User

from ..helpers import COURSES, QUIZZES


def seed_command(runner, *arguments):
    """Run ``flask lms seed-demo`` with the shipped curriculum and ``arguments``."""
    curriculum = ["--curriculum", str(COURSES), "--curriculum", str(QUIZZES)]
    return runner.invoke(args=["lms", "seed-demo", *curriculum, *arguments])


def count(model) -> int:
    """Count the rows of ``model``."""
    return db.session.scalar(select(func.count()).select_from(model))


def test_seed_demo_imports_the_courses_and_prints_a_summary(runner):
    """Import the missing curriculum, seed the network and say how many rows went in."""
    result = seed_command(runner, "--learners", "40", "--orgs", "4", "--seed", "2")
    assert result.exit_code == 0, result.output
    assert count(Course) == len([p for p in COURSES.iterdir() if p.is_dir()])
    assert count(Organization) == 4
    assert "lms_quiz_answer" in result.output and "seeded 40 learners in 4 SPOs" in result.output


def test_seed_demo_refuses_a_seeded_database(runner):
    """Exit with an error and change nothing when learners or SPOs are there already."""
    assert seed_command(runner, "--learners", "10", "--orgs", "2").exit_code == 0
    users = count(User)
    again = seed_command(runner, "--learners", "10", "--orgs", "2")
    assert again.exit_code == 1
    assert "already holds learners or SPOs" in again.output
    assert count(User) == users


def test_seed_demo_says_the_password_in_its_help(runner):
    """Tell in --help that every seeded account has the demo password."""
    result = runner.invoke(args=["lms", "seed-demo", "--help"])
    assert result.exit_code == 0 and "academy-demo" in result.output


def test_seed_demo_is_refused_in_production(app, runner):
    """Refuse to make accounts with a public password where real people log in."""
    before = app.config.get("LMS_ENV")
    app.config["LMS_ENV"] = "production"
    try:
        result = seed_command(runner, "--learners", "10", "--orgs", "2")
    finally:
        app.config["LMS_ENV"] = before
    assert result.exit_code == 1 and "refused in production" in result.output
    assert count(User) == 0
