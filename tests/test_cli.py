"""The ``flask lms`` commands: what they print, what they change, how they fail."""

import shutil

import pytest
from sqlalchemy import func, select

from lms.content.curriculum import load_curriculum
from lms.content.glossary import load_glossary
from lms.demo import DEMO_PASSWORD, DEMO_USERS
from lms.extensions import db
from lms.models import (
    AuditEvent,
    Course,
    Module,
    ModuleProgress,
    ModuleRevision,
    ModuleText,
    Organization,
    User,
)

from .helpers import COURSES, QUIZZES, login

COMMANDS = ["create-org", "create-user", "import", "validate", "export", "demo"]


def row_counts() -> dict[str, int]:
    """Count the rows of the content and account tables."""
    models = (Organization, User, Course, Module, ModuleText, ModuleRevision, ModuleProgress)
    return {m.__name__: db.session.scalar(select(func.count()).select_from(m)) for m in models}


@pytest.fixture
def course_copy(tmp_path):
    """Copy the shipped curriculum to a folder the test may edit."""
    target = tmp_path / "courses"
    shutil.copytree(COURSES, target)
    return target


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(runner, command):
    """Explain each command with --help."""
    result = runner.invoke(args=["lms", command, "--help"])
    assert result.exit_code == 0 and "Usage:" in result.output


def test_create_org_prints_enrolment_code(runner):
    """Create an SPO with its Chinese name and print its code."""
    result = runner.invoke(
        args=["lms", "create-org", "pu-er-tea", "--name", "Pu'er Tea", "--name-zh", "普洱茶社"]
    )
    assert result.exit_code == 0, result.output
    organization = db.session.scalar(select(Organization))
    assert organization.name_zh == "普洱茶社"
    assert organization.enrolment_code in result.output


@pytest.mark.parametrize(
    "args, message",
    [
        (["Bad Slug", "--name", "X"], "slug"),
        (["dup", "--name", "X"], "exists already"),
    ],
)
def test_create_org_refuses_bad_input(runner, make_org, args, message):
    """Exit non-zero with a message, and create nothing."""
    make_org("dup")
    result = runner.invoke(args=["lms", "create-org", *args])
    assert result.exit_code != 0 and message in result.output
    assert row_counts()["Organization"] == 1


def test_create_user_in_an_spo(runner, make_org):
    """Create a coordinator of an SPO who can log in with the given password."""
    make_org("menghai-tea")
    result = runner.invoke(
        args=["lms", "create-user", "Li@Example.org", "--password", "long enough",
              "--role", "coordinator", "--org", "menghai-tea", "--name", "李娜"]
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    user = db.session.scalar(select(User))
    assert (user.email, user.name, user.role) == ("li@example.org", "李娜", "coordinator")
    assert user.organization.slug == "menghai-tea"


@pytest.mark.parametrize(
    "args, message",
    [
        (["a@example.org", "--password", "long enough", "--org", "nowhere"], "no SPO"),
        (["a@example.org", "--password", "short", "--org", "menghai-tea"], "password"),
        (["a@example.org", "--password", "long enough"], "must belong to an SPO"),
        (["a@example.org", "--password", "long enough", "--role", "boss"], "Invalid value"),
        (["taken@example.org", "--password", "long enough", "--role", "admin"], "exists"),
    ],
)
def test_create_user_refuses_bad_input(runner, make_org, make_user, args, message):
    """Exit non-zero naming the problem, and create nothing."""
    make_org("menghai-tea")
    make_user(email="taken@example.org")
    result = runner.invoke(args=["lms", "create-user", *args])
    assert result.exit_code != 0 and message in result.output
    assert row_counts()["User"] == 1


def test_import_is_idempotent(runner):
    """Import the curriculum once; a second run reports it unchanged and changes nothing."""
    first = runner.invoke(args=["lms", "import", str(COURSES), str(QUIZZES)])
    assert first.exit_code == 0 and "added course: spo-principles" in first.output
    before = row_counts()
    second = runner.invoke(args=["lms", "import", str(COURSES), str(QUIZZES)])
    assert second.exit_code == 0 and "unchanged course: spo-principles" in second.output
    assert second.output.splitlines()[-1] == "0 added; 0 changed"
    assert row_counts() == before
    shipped = load_curriculum([COURSES, QUIZZES])
    texts = sum(len(module.texts) for course in shipped.courses for module in course.modules)
    assert before["ModuleText"] == texts and before["ModuleRevision"] == texts
    assert before["Course"] == len(shipped.courses) == 5
    events = db.session.scalars(select(AuditEvent)).all()
    assert [(event.action, event.detail["created"]) for event in events] == [
        ("course.import", True)
    ] * len(shipped.courses)


def test_the_first_import_says_added_and_ends_with_a_summary(runner):
    """Report each new course once with its counts, never "changed", then one summary line."""
    result = runner.invoke(args=["lms", "import", str(COURSES), str(QUIZZES)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    terms = len(load_glossary(COURSES / "glossary.yml").terms)
    assert "changed quiz" not in result.output and "changed course" not in result.output
    assert lines[:-1] == [
        "added course: digital-transformation (8 modules, 8 quizzes)",
        "added course: fintech (6 modules, 6 quizzes)",
        "added course: life-cycle-assessment (7 modules, 7 quizzes)",
        "added course: running-the-spo (7 modules, 7 quizzes)",
        "added course: spo-principles (7 modules, 7 quizzes)",
        f"glossary: {terms} terms ({terms} added, 0 changed, 0 removed)",
    ]
    assert lines[-1] == "5 courses, 35 modules, 35 quizzes added; 0 changed"


def test_a_module_added_to_a_course_is_named(runner, course_copy):
    """Name a module (and its quiz) added to a course that was imported before."""
    runner.invoke(args=["lms", "import", str(course_copy), str(QUIZZES)])
    folder = course_copy / "spo-principles"
    yml = folder / "course.yml"
    yml.write_text(
        yml.read_text().replace("  - 01-what-is-an-spo\n", "  - 01-what-is-an-spo\n  - 99-extra\n")
    )
    for name in ("99-extra.md", "99-extra.zh.md"):
        (folder / name).write_text("---\ntitle: Extra\nminutes: 5\n---\nMore.\n")
    result = runner.invoke(args=["lms", "import", str(course_copy), str(QUIZZES)])
    assert result.exit_code == 0, result.output
    assert "changed course: spo-principles" in result.output
    assert "added module: spo-principles/extra" in result.output
    assert result.output.splitlines()[-1] == "1 module added; 1 course changed"


def test_a_bad_course_order_names_the_file_and_imports_nothing(runner, course_copy):
    """Refuse ``order: first`` with the course.yml and its line, and change nothing."""
    yml = course_copy / "fintech" / "course.yml"
    yml.write_text(yml.read_text().replace("order: 3\n", "order: first\n"))
    result = runner.invoke(args=["lms", "import", str(course_copy), str(QUIZZES)])
    assert result.exit_code != 0 and "nothing was imported" in result.output
    assert f"{yml}:7: 'order' must be a whole number from 1 to 1000, not 'first'" in result.output
    assert row_counts()["Course"] == 0


def test_edited_module_bumps_revision_and_keeps_progress(runner, course_copy, make_user, make_org):
    """Revise the edited module only and keep what learners completed."""
    runner.invoke(args=["lms", "import", str(course_copy), str(QUIZZES)])
    module = db.session.scalar(select(Module).where(Module.slug == "fairtrade-premium"))
    learner = make_user(organization=make_org())
    db.session.add(ModuleProgress(user_id=learner.id, module_id=module.id))
    db.session.commit()
    path = course_copy / "spo-principles" / "03-fairtrade-premium.zh.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n补充一段说明。\n", encoding="utf-8")

    result = runner.invoke(args=["lms", "import", str(course_copy), str(QUIZZES)])
    assert result.exit_code == 0
    assert "revised module: spo-principles/fairtrade-premium" in result.output
    assert result.output.splitlines()[-1] == "0 added; 1 course, 1 module changed"
    db.session.expire_all()
    assert module.revision == 2
    assert "补充一段说明" in module.text("zh").body_html
    assert db.session.scalar(select(func.count()).select_from(ModuleProgress)) == 1
    revisions = db.session.scalars(select(ModuleRevision).where(ModuleRevision.revision == 2))
    assert [(r.module_id, r.language) for r in revisions] == [(module.id, "zh")]


def test_module_dropped_from_outline_is_retired_not_deleted(runner, course_copy):
    """Keep a removed module (and its learners' progress) but take it out of the course."""
    runner.invoke(args=["lms", "import", str(course_copy), str(QUIZZES)])
    folder = course_copy / "spo-principles"
    yml = folder / "course.yml"
    yml.write_text(yml.read_text().replace("  - 04-preparing-for-an-audit\n", ""))
    for name in ("04-preparing-for-an-audit.md", "04-preparing-for-an-audit.zh.md"):
        (folder / name).unlink()
    result = runner.invoke(args=["lms", "import", str(course_copy), str(QUIZZES)])
    assert "retired module: spo-principles/preparing-for-an-audit" in result.output
    assert result.output.splitlines()[-1] == "0 added; 1 course changed; 1 module retired"
    module = db.session.scalar(select(Module).where(Module.slug == "preparing-for-an-audit"))
    assert module is not None and module.active is False


def test_broken_import_changes_nothing(runner, course_copy):
    """Import nothing when any file is invalid, and name the file and line."""
    runner.invoke(args=["lms", "import", str(COURSES), str(QUIZZES)])
    before = row_counts()
    folder = course_copy / "spo-principles"
    (folder / "01-what-is-an-spo.md").write_text("---\ntitle: [unclosed\n---\nBody\n")
    good = folder / "02-democratic-governance.md"
    good.write_text(good.read_text(encoding="utf-8") + "\nChanged.\n", encoding="utf-8")
    result = runner.invoke(args=["lms", "import", str(course_copy), str(QUIZZES)])
    assert result.exit_code != 0
    assert "nothing was imported" in result.output
    assert "01-what-is-an-spo.md:" in result.output
    assert row_counts() == before


def test_validate_reports_every_problem(runner, course_copy):
    """Print each problem as FILE:LINE: message and exit 1."""
    folder = course_copy / "spo-principles"
    (folder / "05-extra.fr.md").write_text("---\ntitle: X\nminutes: 3\n---\nTexte\n")
    (folder / "01-what-is-an-spo.zh.md").write_bytes(b"---\ntitle: x\n---\n\xff\xfe\n")
    result = runner.invoke(args=["lms", "validate", str(course_copy)])
    assert result.exit_code == 1
    assert "05-extra.fr.md" in result.output and "fr" in result.output
    assert "01-what-is-an-spo.zh.md:4:" in result.output


def test_validate_accepts_the_shipped_curriculum(runner):
    """Find no problem in courses/ and quizzes/."""
    result = runner.invoke(args=["lms", "validate", str(COURSES), str(QUIZZES)])
    assert result.exit_code == 0 and "no problems" in result.output


def _quiz_data(curriculum) -> dict:
    """Return every quiz's question data by file name and language (lines left out)."""
    return {
        name: {
            language: [question.data for question in questions]
            for language, questions in {None: quiz.questions, **quiz.translations}.items()
        }
        for name, quiz in curriculum.quizzes.items()
    }


def test_export_round_trips_without_loss(runner, tmp_path):
    """Export what was imported; the files load to the same courses and re-import as unchanged."""
    runner.invoke(args=["lms", "import", str(COURSES), str(QUIZZES)])
    result = runner.invoke(args=["lms", "export", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    exported = load_curriculum([tmp_path / "out", tmp_path / "out" / "quizzes"])
    shipped = load_curriculum([COURSES, QUIZZES])
    assert exported.courses == shipped.courses
    assert _quiz_data(exported) == _quiz_data(shipped) != {}
    again = runner.invoke(
        args=["lms", "import", str(tmp_path / "out"), str(tmp_path / "out" / "quizzes")]
    )
    assert "unchanged course: spo-principles" in again.output


def test_export_of_unknown_course_fails(runner, tmp_path):
    """Exit non-zero when nothing matches."""
    result = runner.invoke(args=["lms", "export", str(tmp_path), "--course", "nope"])
    assert result.exit_code != 0 and "nothing was exported" in result.output


def test_demo_accounts_are_created_once(runner):
    """Create the README's demo accounts; a second run keeps them as they are."""
    first = runner.invoke(args=["lms", "demo"])
    assert first.exit_code == 0 and "learner@academy.example" in first.output
    count = row_counts()["User"]
    second = runner.invoke(args=["lms", "demo"])
    assert "present already" in second.output and row_counts()["User"] == count


def test_signing_key_command_makes_the_key_once(app, runner, tmp_path):
    """`flask lms signing-key` creates the key, then keeps it; the key id stays the same."""
    kept = app.config["LMS_SIGNING_KEY_FILE"]
    app.config["LMS_SIGNING_KEY_FILE"] = str(tmp_path / "signing.pem")
    try:
        first = runner.invoke(args=["lms", "signing-key"])
        second = runner.invoke(args=["lms", "signing-key"])
    finally:
        app.config["LMS_SIGNING_KEY_FILE"] = kept
    assert first.exit_code == 0 and first.output.startswith("created: ")
    assert second.output.startswith("kept: ")
    assert first.output.splitlines()[1] == second.output.splitlines()[1]


def test_the_demo_learner_starts_with_a_course_under_way(app, runner, imported_course):
    """Enrol the demo learner with the first module done, so My learning offers Continue."""
    assert runner.invoke(args=["lms", "demo"]).exit_code == 0
    client = app.test_client()
    login(
        client,
        db.session.scalar(db.select(User).where(User.email == DEMO_USERS[3][0])),
        password=DEMO_PASSWORD,
    )
    page = client.get("/dashboard").text
    assert "Continue" in page and f"modules/{imported_course.modules[1].slug}" in page
