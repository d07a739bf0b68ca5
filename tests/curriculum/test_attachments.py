"""Importing a module's files stores them with it, and a re-import rewrites only what changed."""

import shutil
from dataclasses import replace

from lms.content.course_format import load_course
from lms.curriculum.services import export_courses, import_courses
from lms.extensions import db
from lms.models import ModuleAttachment

from ..helpers import COURSES

PLAN = "files/development-plan.{}.docx"


def course(folder):
    """Load a course folder, leaving its quizzes out (their GIFT files are not needed here)."""
    source = load_course(folder)
    return replace(source, modules=tuple(replace(m, quiz=None) for m in source.modules))


def stored() -> dict[tuple[str, str], ModuleAttachment]:
    rows = db.session.scalars(db.select(ModuleAttachment)).all()
    return {(row.language, row.filename): row for row in rows}


def test_import_stores_each_language_s_files(app, tmp_path):
    """Store every listed file once per language with its type, size and hash."""
    folder = shutil.copytree(COURSES / "spo-principles", tmp_path / "spo-principles")
    import_courses([course(folder)])
    db.session.commit()
    rows = stored()
    assert set(rows) == {("en", "development-plan.en.docx"), ("zh", "development-plan.zh.docx")}
    english = rows["en", "development-plan.en.docx"]
    data = (folder / PLAN.format("en")).read_bytes()
    assert (english.size, english.data, english.position) == (len(data), data, 1)
    assert english.title == "Fairtrade Development Plan template (Word)"
    assert english.content_type.endswith("wordprocessingml.document")

    # The same files again: nothing changes, not even the rows' times.
    before = {key: (row.id, row.updated_at) for key, row in rows.items()}
    report = import_courses([course(folder)])
    db.session.commit()
    assert report.unchanged == ["spo-principles"] and not report.changed_attachments
    assert {key: (row.id, row.updated_at) for key, row in stored().items()} == before

    # New bytes for the Chinese file replace its row's; dropping the English one removes it.
    (folder / PLAN.format("zh")).write_bytes(data + b"\x00")
    module = folder / "03-fairtrade-premium.md"
    text = module.read_text(encoding="utf-8")
    start = text.index("attachments:")
    module.write_text(text[:start] + text[text.index("---", start) :], encoding="utf-8")
    report = import_courses([course(folder)])
    db.session.commit()
    assert report.changed_attachments == ["spo-principles/fairtrade-premium"]
    assert "changed files of module: spo-principles/fairtrade-premium" in report.lines()
    rows = stored()
    assert list(rows) == [("zh", "development-plan.zh.docx")]
    assert rows["zh", "development-plan.zh.docx"].size == len(data) + 1


def test_export_writes_the_stored_files(app, tmp_path):
    """Export a course's files into files/ and list them in each language's module file."""
    import_courses([course(COURSES / "spo-principles")])
    db.session.commit()
    export_courses(tmp_path, ["spo-principles"])
    exported = load_course(tmp_path / "spo-principles")
    module = next(m for m in exported.modules if m.slug == "fairtrade-premium")
    assert [file.path for file in module.attachments["zh"]] == [PLAN.format("zh")]
    original = COURSES / "spo-principles" / PLAN.format("zh")
    assert (tmp_path / "spo-principles" / PLAN.format("zh")).read_bytes() == original.read_bytes()
