"""Quizzes in the shipped curriculum: validate, import with courses, revise, export."""

import shutil
from pathlib import Path

import pytest

from lms.content.curriculum import load_curriculum, validate_curriculum
from lms.curriculum.services import export_courses, import_curriculum
from lms.extensions import db
from lms.models import Question, QuestionRevision, Quiz

from ..helpers import COURSES

DATA = Path(__file__).parent.parent / "data"


@pytest.fixture
def tree(tmp_path):
    """Copy the shipped course and a quiz folder with the every-type quiz to ``tmp_path``."""
    shutil.copytree(COURSES / "spo-principles", tmp_path / "courses" / "spo-principles")
    quizzes = tmp_path / "quizzes"
    quizzes.mkdir()
    for name in ("every-type.gift", "every-type.zh.gift"):
        shutil.copy(DATA / name, quizzes / name)
    # Drop the shipped quizzes, to test one quiz in isolation.
    for path in (tmp_path / "courses" / "spo-principles").glob("*.md"):
        path.write_text(_without_quiz(path.read_text(encoding="utf-8")), encoding="utf-8")
    module = tmp_path / "courses" / "spo-principles" / "02-democratic-governance.md"
    text = module.read_text(encoding="utf-8")
    settings = "quiz:\n  file: every-type\n  pass_mark: 60\n  max_attempts: 2\n"
    module.write_text(text.replace("---\n", "---\n" + settings, 1), encoding="utf-8")
    return tmp_path


def _without_quiz(text: str) -> str:
    """Drop a ``quiz:`` block from a module's front matter."""
    lines = text.split("\n")
    kept, skipping = [], False
    for line in lines:
        if line.startswith("quiz:"):
            skipping = True
            continue
        if skipping and line.startswith("  "):
            continue
        skipping = False
        kept.append(line)
    return "\n".join(kept)


def test_import_attaches_the_quiz_with_its_settings_and_translation(app, tree):
    """Store the questions of both languages under the module the front matter names."""
    report = import_curriculum(load_curriculum([tree / "courses", tree / "quizzes"]))
    db.session.commit()
    assert report.added_quizzes == ["spo-principles/democratic-governance"]
    assert report.changed_quizzes == []
    quiz = db.session.scalars(db.select(Quiz)).one()
    assert (quiz.module.slug, quiz.pass_mark, quiz.max_attempts) == ("democratic-governance", 60, 2)
    questions = quiz.active_questions
    assert [q.ident for q in questions][:3] == ["choice", "multi", "truefalse"]
    assert len(questions) == 9 and all(set(q.data) == {"en", "zh"} for q in questions)


def test_importing_again_changes_nothing_and_an_edit_makes_a_revision(app, tree):
    """Keep question rows by id; a changed question gets revision 2, the rest stay."""
    paths = [tree / "courses", tree / "quizzes"]
    import_curriculum(load_curriculum(paths))
    db.session.commit()
    assert import_curriculum(load_curriculum(paths)).changed_quizzes == []
    gift = tree / "quizzes" / "every-type.gift"
    gift.write_text(gift.read_text().replace("Who decides", "Who chooses"), encoding="utf-8")
    import_curriculum(load_curriculum(paths))
    db.session.commit()
    choice = db.session.scalar(db.select(Question).where(Question.ident == "choice"))
    assert choice.revision == 2 and "Who chooses" in choice.data["en"]["html"]
    assert db.session.scalar(db.select(db.func.count()).select_from(QuestionRevision)) == 10


def test_a_missing_quiz_file_is_reported_at_the_front_matter_line(tree):
    """Name the module file and line when its quiz file is not among the paths."""
    errors = [str(error) for error in validate_curriculum([tree / "courses"])]
    assert len(errors) == 1
    assert "02-democratic-governance.md:2: quiz file every-type.gift not found" in errors[0]


def test_a_broken_gift_file_stops_the_whole_import(app, tree, runner):
    """Import nothing when one GIFT file has an error, and say where."""
    gift = tree / "quizzes" / "every-type.gift"
    gift.write_text(gift.read_text().replace("{#1:0", "{#one:0"), encoding="utf-8")
    result = runner.invoke(args=["lms", "import", str(tree / "courses"), str(tree / "quizzes")])
    assert result.exit_code != 0
    assert "every-type.gift:" in result.output and "nothing was imported" in result.output
    assert db.session.scalar(db.select(db.func.count()).select_from(Quiz)) == 0


def test_validate_accepts_a_folder_of_gift_files_alone(tree, runner):
    """Check quiz files without any course."""
    result = runner.invoke(args=["lms", "validate", str(tree / "quizzes")])
    assert result.exit_code == 0, result.output
    bad = tree / "quizzes" / "broken.gift"
    bad.write_text("// [id:x]\nQuestion {=a ~%45%b}\n", encoding="utf-8")
    result = runner.invoke(args=["lms", "validate", str(tree / "quizzes")])
    assert result.exit_code == 1 and "broken.gift:2:" in result.output


def test_export_writes_the_quiz_back_and_it_imports_the_same(app, tree, tmp_path):
    """Round-trip: import, export, import the export into a fresh reading: same data."""
    first = load_curriculum([tree / "courses", tree / "quizzes"])
    import_curriculum(first)
    db.session.commit()
    out = tmp_path / "out"
    written = {path.name for path in export_courses(out)}
    assert {"every-type.gift", "every-type.zh.gift"} <= written
    again = load_curriculum([out, out / "quizzes"])
    assert again.courses == first.courses
    assert [q.data for q in again.quizzes["every-type"].questions] == [
        q.data for q in first.quizzes["every-type"].questions
    ]
    assert import_curriculum(again).changed_quizzes == []
