"""Every handout the courses ship opens, in its language, and is listed by its module."""

import subprocess
import sys
from pathlib import Path

import docx
import openpyxl
import pytest
import yaml

from lms.content.course_format import load_course

from ..helpers import COURSES

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
SPECS = sorted(TEMPLATES.glob("*/*.yml"))
EXTENSIONS = {"sheet": "xlsx", "document": "docx"}


def say(value, language):
    return str(value[language]) if isinstance(value, dict) else str(value)


def sheet_texts(path: Path) -> tuple[str, list[str]]:
    """Return a workbook's title cell and the row of headers under it."""
    sheet = openpyxl.load_workbook(path).active
    rows = [[cell for cell in row if cell is not None] for row in sheet.iter_rows(values_only=True)]
    header = next(row for row in rows[3:] if len(row) > 2)
    return rows[0][0], [str(cell) for cell in header]


def document_texts(path: Path) -> tuple[str, list[str]]:
    """Return a document's first paragraph and every heading and table header cell."""
    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    for table in document.tables:
        texts += [cell.text for cell in table.rows[0].cells]
    return document.paragraphs[0].text, texts


def test_there_are_templates():
    """Find the specs (a typo in the folder would make every check below pass on nothing)."""
    assert len(SPECS) >= 3


@pytest.mark.parametrize("spec_path", SPECS, ids=[f"{p.parent.name}/{p.stem}" for p in SPECS])
@pytest.mark.parametrize("language", ["en", "zh"])
def test_each_template_has_its_title_and_headers_in_its_language(spec_path, language):
    """Open the committed file and find the spec's title and headers in the file's language."""
    spec = yaml.safe_load(spec_path.read_text(encoding="utf-8"))
    name = f"{spec_path.stem}.{language}.{EXTENSIONS[spec['kind']]}"
    path = COURSES / spec_path.parent.name / "files" / name
    assert path.is_file(), f"{path} is missing: run python templates/build.py"
    if spec["kind"] == "sheet":
        title, texts = sheet_texts(path)
        wanted = [say(column["header"], language) for column in spec["columns"]]
        assert texts == wanted
    else:
        title, texts = document_texts(path)
        wanted = [say(section["heading"], language) for section in spec["sections"]]
        wanted += [
            say(column, language)
            for section in spec["sections"]
            if section.get("table")
            for column in section["table"]["columns"]
        ]
        assert set(wanted) <= set(texts)
    assert title == say(spec["title"], language)
    if language == "zh":
        assert any("\u4e00" <= char <= "\u9fff" for char in title + "".join(texts))


@pytest.mark.parametrize("spec_path", SPECS, ids=[f"{p.parent.name}/{p.stem}" for p in SPECS])
def test_each_template_is_offered_by_its_module_in_both_languages(spec_path):
    """Find each language's file in the attachments of the module the spec names."""
    spec = yaml.safe_load(spec_path.read_text(encoding="utf-8"))
    course = load_course(COURSES / spec_path.parent.name)
    module = next(module for module in course.modules if module.stem == spec["module"])
    for language in ("en", "zh"):
        name = f"{spec_path.stem}.{language}.{EXTENSIONS[spec['kind']]}"
        assert name in [file.filename for file in module.attachments.get(language, ())]


def test_the_committed_templates_are_what_their_specs_build():
    """Rebuild every template and find each committed file byte for byte the same."""
    script = TEMPLATES / "build.py"
    result = subprocess.run(
        [sys.executable, str(script), "--check"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
