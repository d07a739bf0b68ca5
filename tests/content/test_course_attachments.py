"""A module's downloadable files: how its front matter names them, and every mistake's message."""

from __future__ import annotations

from pathlib import Path

import pytest

from lms.content import course_attachments
from lms.content.course_export import dump_course
from lms.content.course_format import load_course

from .test_course_format import FILES, load_errors, write_course

XLSX = b"PK\x03\x04 a workbook"
PDF = b"%PDF-1.7 a document"
EN_MODULE = FILES["01-what-is-an-spo.md"]
ZH_MODULE = FILES["01-what-is-an-spo.zh.md"]


def with_attachments(text: str, lines: str) -> str:
    """Return module ``text`` with ``lines`` added at the end of its front matter."""
    head, body = text.split("\n---\n", 1)
    return f"{head}\n{lines}---\n{body}"


def course_with(tmp_path: Path, en: str, zh: str = "", **files: bytes) -> Path:
    folder = write_course(
        tmp_path,
        **{
            "01-what-is-an-spo__md": with_attachments(EN_MODULE, en),
            "01-what-is-an-spo__zh__md": with_attachments(ZH_MODULE, zh),
        },
    )
    (folder / "files").mkdir()
    for name, data in files.items():
        (folder / "files" / name.replace("__", ".")).write_bytes(data)
    return folder


LEDGER_EN = "attachments:\n  - file: files/ledger.en.xlsx\n    title: Premium ledger (Excel)\n"
LEDGER_ZH = "attachments:\n  - file: files/ledger.zh.xlsx\n    title: 溢价台账（Excel）\n"


def test_each_language_lists_its_own_files(tmp_path: Path) -> None:
    """Read each language's list with its titles, types and bytes, in the file's order."""
    en = LEDGER_EN + "  - file: files/guide.pdf\n    title: Guide\n"
    folder = course_with(
        tmp_path,
        en,
        LEDGER_ZH,
        ledger__en__xlsx=XLSX,
        ledger__zh__xlsx=XLSX + b"zh",
        guide__pdf=PDF,
    )
    module = load_course(folder).modules[0]
    english, chinese = module.attachments["en"], module.attachments["zh"]
    assert [(file.filename, file.title) for file in english] == [
        ("ledger.en.xlsx", "Premium ledger (Excel)"),
        ("guide.pdf", "Guide"),
    ]
    assert english[0].content_type == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert english[1].content_type == "application/pdf" and english[1].data == PDF
    assert [(file.path, file.title, file.data) for file in chinese] == [
        ("files/ledger.zh.xlsx", "溢价台账（Excel）", XLSX + b"zh")
    ]


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("  - file: files/missing.xlsx\n    title: T\n", "'files/missing.xlsx' does not exist"),
        ("  - file: ../secret.pdf\n    title: T\n", "must be a path inside the course folder"),
        ("  - file: /etc/passwd.pdf\n    title: T\n", "must be a path inside the course folder"),
        ("  - file: files/page.html\n    title: T\n", "is not a supported type; use .xlsx"),
        ("  - file: files/fake.pdf\n    title: T\n", "'files/fake.pdf' is not a PDF file"),
        ("  - file: files/ledger.en.xlsx\n", "needs a 'title:' that readers see"),
        ("  - file: files/ledger.en.xlsx\n    title: T\n    size: 3\n", "key 'size'; allowed"),
        ("  - files/ledger.en.xlsx\n", "each attachment is a mapping"),
    ],
)
def test_a_bad_attachment_is_reported_at_its_line(tmp_path: Path, entry, message) -> None:
    """Name the module file and the line of the attachment, and say what is wrong."""
    folder = course_with(
        tmp_path, "attachments:\n" + entry, ledger__en__xlsx=XLSX, fake__pdf=b"not a pdf"
    )
    (folder / "files" / "page.html").write_text("<p>hi</p>")
    (error,) = load_errors(folder)
    assert error.path == str(folder / "01-what-is-an-spo.md")
    # title, minutes, attachments:, then the entry; a stray key is reported on its own line.
    assert error.line == (7 if "size" in entry else 5)
    assert message in error.message


def test_a_file_over_the_size_limit_is_refused(tmp_path: Path, monkeypatch) -> None:
    """Refuse a file larger than the limit, saying its size and the limit."""
    monkeypatch.setattr(course_attachments, "MAX_ATTACHMENT_BYTES", 1024 * 1024)
    folder = course_with(tmp_path, LEDGER_EN, ledger__en__xlsx=XLSX + b"x" * (1024 * 1024))
    (error,) = load_errors(folder)
    assert "is 1048591 bytes; the limit is 1 MB" in error.message


def test_one_file_name_names_one_file_in_every_language(tmp_path: Path) -> None:
    """Refuse two different files of the same name in two languages: downloads name the file."""
    zh = "attachments:\n  - file: files/zh/ledger.xlsx\n    title: 溢价台账\n"
    en = "attachments:\n  - file: files/ledger.xlsx\n    title: Ledger\n"
    folder = course_with(tmp_path, en, zh, ledger__xlsx=XLSX)
    (folder / "files" / "zh").mkdir()
    (folder / "files" / "zh" / "ledger.xlsx").write_bytes(XLSX + b"other")
    (error,) = load_errors(folder)
    assert error.path.endswith("01-what-is-an-spo.zh.md") and error.line == 4
    assert "'ledger.xlsx' names a different file in 01-what-is-an-spo.md" in error.message


def test_export_writes_the_files_and_lists_them_again(tmp_path: Path) -> None:
    """Export a course with files and load it back unchanged."""
    folder = course_with(
        tmp_path / "in", LEDGER_EN, LEDGER_ZH, ledger__en__xlsx=XLSX, ledger__zh__xlsx=XLSX
    )
    course = load_course(folder)
    written = dump_course(course, tmp_path / "out" / course.slug)
    assert (tmp_path / "out" / course.slug / "files" / "ledger.zh.xlsx") in written
    assert load_course(tmp_path / "out" / course.slug) == course
