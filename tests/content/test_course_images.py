"""A course folder's pictures, images/<name>: read, checked like uploads, named at their line."""

import hashlib
import io

import pytest
from PIL import Image

from lms.content.course_format import load_course
from lms.content.curriculum import load_curriculum, validate_curriculum
from lms.content.pictures import DISPLAY_WIDTH

COURSE_YML = "slug: tea\nlanguages: [en, zh]\ntitle: Tea\nmodules: [01-garden]\n"
GARDEN_ZH = "---\ntitle: 茶园\n---\n茶园。\n"


def picture(fmt="PNG", size=(40, 30)) -> bytes:
    """Return a small picture in ``fmt``."""
    buffer = io.BytesIO()
    Image.new("RGB", size, (10, 140, 70)).save(buffer, fmt)
    return buffer.getvalue()


def course(folder, body="A garden.\n", images=None, zh=GARDEN_ZH, front=""):
    """Write a one-module course folder with ``images`` ({name: bytes}); return it."""
    folder.mkdir()
    (folder / "course.yml").write_text(COURSE_YML, encoding="utf-8")
    text = f"---\ntitle: Garden\nminutes: 5\n{front}---\n\n{body}"
    (folder / "01-garden.md").write_text(text, encoding="utf-8")
    if zh is not None:
        (folder / "01-garden.zh.md").write_text(zh, encoding="utf-8")
    if images:
        (folder / "images").mkdir()
        for name, data in images.items():
            (folder / "images" / name).write_bytes(data)
    return folder


def test_a_missing_picture_is_named_at_its_file_and_line(tmp_path):
    """Say FILE:LINE of the reference, like every other content error."""
    folder = course(tmp_path / "tea", "Intro.\n\nSee ![the garden](images/garden.png) here.\n")
    [error] = validate_curriculum([folder])
    assert str(error) == (
        f"{folder / '01-garden.md'}:8: picture images/garden.png is not in {folder}/images"
    )


def test_a_picture_the_academy_stores_may_be_left_out_of_the_folder(tmp_path):
    """Import passes the names stored for the course; those need not be in the folder."""
    folder = course(tmp_path / "tea", "![the garden](images/garden.png)\n")
    curriculum = load_curriculum([folder], stored_pictures=lambda slug: {"garden.png"})
    assert curriculum.courses[0].modules[0].pictures[0].name == "garden.png"


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        ("broken.png", b"not a picture at all", "is not a JPEG, PNG or WebP picture"),
        ("empty.png", b"", "is empty"),
        ("drawing.png", b'<svg xmlns="http://www.w3.org/2000/svg"></svg>', "is an SVG drawing"),
        ("drawing.svg", b"<svg></svg>", "a picture's name is letters"),
        ("photo.png", picture("JPEG"), "is a JPEG picture, but its name ends in .png"),
    ],
)
def test_a_bad_picture_is_refused_naming_the_file(tmp_path, name, data, problem):
    """Refuse what an upload would refuse, and names or kinds a picture cannot have."""
    folder = course(tmp_path / "tea", images={name: data})
    [error] = validate_curriculum([folder])
    assert error.path == str(folder / "images" / name) and problem in error.message


def test_the_academys_own_picture_is_kept_byte_for_byte(tmp_path):
    """A picture named by its own hash needs no re-encoding; the phone copy is made anew."""
    data = picture("JPEG", size=(1200, 600))
    name = hashlib.sha256(data).hexdigest()[:20] + ".jpg"
    [kept] = load_course(course(tmp_path / "tea", images={name: data})).images.values()
    assert kept.stored.data == data and kept.stored.sha256 == hashlib.sha256(data).hexdigest()
    assert kept.stored.display_width == DISPLAY_WIDTH and kept.stored.display_data != data


def test_a_picture_of_another_name_is_re_encoded_without_its_metadata(tmp_path):
    """Strip what a camera wrote, as an upload does, keeping the name the Markdown uses."""
    buffer = io.BytesIO()
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    Image.new("RGB", (50, 40), (1, 2, 3)).save(buffer, "JPEG", exif=exif.tobytes())
    [kept] = load_course(
        course(tmp_path / "tea", images={"garden.jpg": buffer.getvalue()})
    ).images.values()
    assert kept.stored.name == "garden.jpg" and kept.stored.data != buffer.getvalue()
    assert b"PhoneMaker" not in kept.stored.data and kept.data == buffer.getvalue()


def test_a_module_in_fewer_languages_says_which(tmp_path):
    """``languages:`` lets a module lack a course language; without it, that is an error."""
    folder = course(tmp_path / "tea", front="languages: [en]\n", zh=None)
    assert list(load_course(folder).modules[0].texts) == ["en"]
    (folder / "01-garden.zh.md").write_text(GARDEN_ZH, encoding="utf-8")
    [error] = validate_curriculum([folder])
    assert error.path.endswith("01-garden.zh.md") and "not in this module's 'languages'" in str(
        error
    )


def test_languages_belong_in_the_default_file_and_include_the_default(tmp_path):
    """Report ``languages:`` in a translation, or one without the default language."""
    folder = course(tmp_path / "tea", front="languages: [zh]\n")
    messages = [error.message for error in validate_curriculum([folder])]
    assert any("must include 'en'" in message for message in messages)
    zh = "---\ntitle: 茶园\nlanguages: [zh]\n---\n茶园。\n"
    other = course(tmp_path / "tea2", zh=zh)
    assert "in the default language's file only" in str(validate_curriculum([other])[0])


def test_a_folder_of_courses_reads_the_quizzes_beside_them(tmp_path):
    """An exported folder, DIR/<slug>/ plus DIR/quizzes/, is one path."""
    front = "quiz:\n  file: garden\n"
    course(tmp_path / "tea", front=front)
    (tmp_path / "quizzes").mkdir()
    (tmp_path / "quizzes" / "garden.gift").write_text("::Q:: Tea is green? {T}\n", encoding="utf-8")
    curriculum = load_curriculum([tmp_path])
    assert list(curriculum.quizzes) == ["garden"]
    assert load_curriculum([tmp_path, tmp_path / "quizzes"]).quizzes == curriculum.quizzes
