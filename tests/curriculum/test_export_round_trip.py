"""Export the whole academy, import it into an empty one: the same folder, what learners see."""

from sqlalchemy import select

from lms.content.curriculum import load_curriculum, validate_curriculum
from lms.curriculum.services import export_courses, import_curriculum
from lms.extensions import db
from lms.models import Base, Course, CourseImage, Role
from lms.quiz.questions import quiz_settings

from ..helpers import COURSES, QUIZZES
from .browser_course import DRAFT_TEXT, SLUG, make_browser_course


def tree(folder) -> dict[str, bytes]:
    """Return every file under ``folder`` by its path relative to it, with its bytes."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _module_view(module) -> dict:
    """Return what a learner meets of one module: texts, settings, quiz questions."""
    quiz = module.quiz if module.quiz is not None and module.quiz.active else None
    return {
        "slug": module.slug,
        "position": module.position,
        "minutes": module.minutes,
        "required": module.required,
        "texts": {t.language: (t.title, t.body_markdown, t.body_html) for t in module.texts},
        "quiz": quiz
        and (
            quiz_settings(quiz),
            [(q.ident, q.qtype, q.data) for q in quiz.active_questions],
        ),
        "files": [(f.language, f.filename, f.title, f.data) for f in module.attachments],
    }


def learner_view() -> dict:
    """Return what learners see of every course, modules, quizzes and pictures included."""
    view = {}
    for course in db.session.scalars(select(Course).order_by(Course.slug)):
        images = db.session.scalars(
            select(CourseImage).where(CourseImage.course_id == course.id).order_by(CourseImage.name)
        )
        view[course.slug] = {
            "settings": (course.status, course.default_language, course.languages, course.version),
            "texts": {t.language: (t.title, t.summary) for t in course.texts},
            "modules": [_module_view(m) for m in course.modules if m.active],
            "images": [
                (i.name, i.content_type, i.width, i.height, i.data, i.display_data) for i in images
            ],
        }
    return view


def empty_the_academy() -> None:
    """Delete every row, as a new academy's database starts."""
    db.session.remove()
    with db.engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(table.delete())


def test_an_exported_academy_imports_into_an_empty_one_as_the_same(app, make_user, tmp_path):
    """Shipped plus browser-made courses: export, validate, import anew, export again."""
    import_curriculum(load_curriculum([COURSES, QUIZZES]))
    db.session.commit()
    make_browser_course(make_user(Role.TRAINER, creates_courses=True))
    first = tmp_path / "first"
    export_courses(first)
    assert validate_curriculum([first]) == []
    before = learner_view()
    empty_the_academy()

    import_curriculum(load_curriculum([first]))
    db.session.commit()
    second = tmp_path / "second"
    export_courses(second)

    assert tree(first) == tree(second)
    assert learner_view() == before
    shop, pay = before[SLUG]["modules"]
    assert list(shop["texts"]) == ["zh"] and shop["quiz"] and len(before[SLUG]["images"]) == 1
    assert sorted(pay["texts"]) == ["en", "zh"] and len(before) == 6


def test_the_browser_course_is_exported_as_learners_read_it(app, make_user, tmp_path):
    """Chinese only where it is, the published text, no draft-only module, its picture."""
    make_browser_course(make_user(Role.TRAINER, creates_courses=True))
    export_courses(tmp_path)
    files = tree(tmp_path / SLUG)
    shop, pay = files["01-online-shop.md"].decode(), files["02-payments.md"].decode()
    assert "01-online-shop.en.md" not in files and "languages:\n- zh\n" in shop
    assert "02-payments.en.md" in files and "languages" not in pay
    texts = "".join(data.decode() for name, data in files.items() if name.endswith(".md"))
    assert "用手机收款。" in pay and DRAFT_TEXT not in texts and "Draft only." not in texts
    assert not any("draft-only" in name for name in files)
    [picture] = [name for name in files if name.startswith("images/")]
    assert picture[len("images/") :] in shop
    assert sorted(path.name for path in (tmp_path / "quizzes").iterdir()) == ["01-online-shop.gift"]
