"""Pictures and drafts through export and import, and the commands on an exported folder."""

from dataclasses import replace

import pytest
from sqlalchemy import func, select

from lms.authoring.images import store_image
from lms.content.curriculum import load_curriculum, validate_curriculum
from lms.content.errors import ContentInvalid
from lms.curriculum.services import export_courses, import_curriculum
from lms.extensions import db
from lms.models import Course, CourseImage, Module, Role

from .browser_course import SLUG, make_browser_course, png
from .test_export_round_trip import empty_the_academy, tree


@pytest.fixture
def browser_course(app, make_user):
    """The browser-made course of :mod:`.browser_course`, published once."""
    return make_browser_course(make_user(Role.TRAINER, creates_courses=True))


def count(model) -> int:
    """Count the rows of ``model``."""
    return db.session.scalar(select(func.count()).select_from(model))


def test_a_picture_no_module_shows_is_not_exported(browser_course, tmp_path):
    """Export the pictures the published texts name, and no other the course has."""
    trainer = db.session.get(Course, browser_course.id).trainers[0].user
    unused = store_image(browser_course, trainer, png(colour=(200, 10, 10)))
    db.session.commit()
    export_courses(tmp_path, [SLUG])
    pictures = [name for name in tree(tmp_path / SLUG) if name.startswith("images/")]
    assert len(pictures) == 1 and unused.name not in pictures[0]


def test_a_course_never_published_is_left_out(app, make_user, tmp_path):
    """A course whose modules are all drafts has nothing learners see."""
    from lms.authoring.course_setup import CourseDetails, add_module, create_course

    trainer = make_user(Role.TRAINER, creates_courses=True)
    course = create_course(
        "later", CourseDetails("en", {"en": "Later"}, {}, None, True, False), trainer
    )
    add_module(course, "Soon", "soon", trainer)
    db.session.commit()
    assert export_courses(tmp_path, ["later"]) == []


def test_import_refuses_a_missing_picture_and_changes_nothing(runner, browser_course, tmp_path):
    """Name the module file and line; import none of the folder's courses."""
    export_courses(tmp_path)
    shop = tmp_path / SLUG / "01-online-shop.md"
    text = shop.read_text(encoding="utf-8").replace("把茶卖给城里人。", "![茶](images/gone.png)")
    shop.write_text(text, encoding="utf-8")
    line = text.splitlines().index("![茶](images/gone.png)") + 1
    empty_the_academy()
    result = runner.invoke(args=["lms", "import", str(tmp_path)])
    assert result.exit_code == 1
    assert f"{shop}:{line}: picture images/gone.png is not in {shop.parent}/images" in result.output
    assert count(Course) == count(CourseImage) == 0


def test_import_accepts_a_picture_the_course_already_has(runner, browser_course, tmp_path):
    """A module may name a stored picture its folder lacks; validate, with no database, may not."""
    export_courses(tmp_path)
    for picture in (tmp_path / SLUG / "images").iterdir():
        picture.unlink()
    assert runner.invoke(args=["lms", "validate", str(tmp_path)]).exit_code == 1
    result = runner.invoke(args=["lms", "import", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert count(CourseImage) == 1


def test_import_refuses_other_bytes_under_a_stored_name(runner, browser_course, tmp_path):
    """A picture's name never changes meaning: refuse the folder, naming the file."""
    export_courses(tmp_path)
    [picture] = (tmp_path / SLUG / "images").iterdir()
    picture.write_bytes(png(colour=(1, 2, 3)))
    result = runner.invoke(args=["lms", "import", str(tmp_path)])
    assert result.exit_code == 1 and f"{picture}: the academy already has another" in result.output
    assert db.session.scalar(select(CourseImage.data)) != picture.read_bytes()


def test_a_draft_is_not_exported_and_stays_a_draft(browser_course, tmp_path):
    """Export the published text, import it back: the draft is still waiting, unchanged."""
    export_courses(tmp_path)
    curriculum = load_curriculum([tmp_path])
    report = import_curriculum(curriculum)
    db.session.commit()
    assert report.unchanged == [SLUG]
    modules = db.session.scalars(select(Module).where(Module.slug == "draft-only")).all()
    assert [(module.active, module.pending) for module in modules] == [(False, "add")]


def test_the_commands_validate_and_import_an_exported_folder(runner, browser_course, tmp_path):
    """``flask lms export DIR``, then ``validate DIR`` and ``import DIR`` into an empty academy."""
    assert runner.invoke(args=["lms", "export", str(tmp_path)]).exit_code == 0
    validated = runner.invoke(args=["lms", "validate", str(tmp_path)])
    assert validated.exit_code == 0 and "ok: no problems found" in validated.output
    empty_the_academy()
    result = runner.invoke(args=["lms", "import", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert f"added course: {SLUG} (2 modules, 1 quiz)" in result.output
    assert count(CourseImage) == 1


def test_a_bad_picture_stops_the_import(runner, browser_course, tmp_path):
    """A picture Pillow cannot read is named; nothing is imported."""
    export_courses(tmp_path)
    (tmp_path / SLUG / "images" / "fake.png").write_bytes(b"<html>not a picture</html>")
    empty_the_academy()
    result = runner.invoke(args=["lms", "import", str(tmp_path)])
    assert result.exit_code == 1
    assert f"{tmp_path / SLUG / 'images' / 'fake.png'}: is not a JPEG, PNG" in result.output
    assert count(Course) == 0


def test_import_as_such_refuses_a_missing_picture(browser_course, tmp_path):
    """``import_curriculum`` checks pictures itself, for callers that load without the database."""
    export_courses(tmp_path)
    curriculum = load_curriculum([tmp_path])
    db.session.execute(CourseImage.__table__.delete())
    db.session.commit()
    source = next(course for course in curriculum.courses if course.slug == SLUG)
    curriculum.courses[curriculum.courses.index(source)] = replace(source, images={})
    with pytest.raises(ContentInvalid, match="is not in"):
        import_curriculum(curriculum)


def test_a_translation_with_only_a_title_is_left_out(browser_course, tmp_path):
    """A title typed with no text yet would be an empty module file; export leaves it out."""
    from lms.authoring.course_setup import retire_module
    from lms.authoring.publishing import publish_course

    from .browser_course import write

    course = db.session.get(Course, browser_course.id)
    modules = {module.slug: module for module in course.modules}
    shop, trainer = modules["online-shop"], course.trainers[0].user
    retire_module(modules["draft-only"], trainer)  # it has no text to publish
    db.session.commit()
    db.session.expire_all()
    title, body = shop.text("zh").title, shop.text("zh").body_markdown
    write(shop, trainer, {"zh": (title, body), "en": ("Online shop", "")}, 0, minutes=12)
    publish_course(course, trainer, "English title", course.draft_version)
    db.session.commit()
    export_courses(tmp_path, [SLUG])
    assert not (tmp_path / SLUG / "01-online-shop.en.md").exists()
    assert validate_curriculum([tmp_path]) == []
