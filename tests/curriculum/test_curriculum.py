"""Importing and exporting courses through the services, with partial translations."""

from lms.content.course_format import load_course
from lms.curriculum.services import course_to_source, import_courses
from lms.extensions import db
from lms.models import Course


def write_course(folder, yml, modules):
    """Write a course folder: ``course.yml`` and ``{filename: text}`` module files."""
    folder.mkdir(parents=True)
    (folder / "course.yml").write_text(yml, encoding="utf-8")
    for name, text in modules.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_course_with_english_only_summary_round_trips(app, tmp_path):
    """Store and give back exactly the titles and summaries the files had."""
    folder = write_course(
        tmp_path / "honey-basics",
        "status: published\nlanguages: [en, zh]\n"
        "title:\n  en: Honey basics\n  zh: 蜂蜜基础\nsummary: For beekeepers.\n"
        "modules: [01-hives]\n",
        {
            "01-hives.md": "---\ntitle: Hives\nminutes: 5\n---\nA hive.\n",
            "01-hives.zh.md": "---\ntitle: 蜂箱\n---\n一个蜂箱。\n",
        },
    )
    source = load_course(folder)
    import_courses([source])
    db.session.commit()
    course = db.session.scalar(db.select(Course))
    assert course_to_source(course) == source
    assert course.text("zh").title == "蜂蜜基础"
    assert course.text("zh").summary == ""
    assert course.modules[0].text("zh").body_html == "<p>一个蜂箱。</p>"
