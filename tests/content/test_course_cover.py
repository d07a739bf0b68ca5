"""A course's cover: named in course.yml, checked with the course named, written back on export."""

from pathlib import Path

import pytest

from lms.content.course_cover import MAX_COVER_BYTES
from lms.content.course_export import dump_course
from lms.content.course_format import find_course_folders, load_course

from ..helpers import COURSES
from .test_course_format import COURSE_YML, load_errors, write_course

SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 3"><rect width="4" height="3"/></svg>'
WITH_COVER = COURSE_YML.replace("modules:", "cover: cover.svg\nmodules:")


def cover_errors(tmp_path: Path, cover_line: str, **files) -> list[str]:
    """Return the messages loading a course with ``cover_line`` in its course.yml gives."""
    yml = COURSE_YML.replace("modules:", f"{cover_line}\nmodules:")
    folder = write_course(tmp_path, course__yml=yml, **files)
    errors = load_errors(folder)
    line = yml.splitlines().index(cover_line) + 1
    assert all(error.path == str(folder / "course.yml") for error in errors)
    assert all(error.line == line for error in errors)
    return [error.message for error in errors]


def test_a_course_carries_the_cover_its_course_yml_names(tmp_path):
    """Read the picture's bytes and type from the course folder."""
    folder = write_course(tmp_path, course__yml=WITH_COVER, cover__svg=SVG)
    cover = load_course(folder).cover
    assert (cover.filename, cover.content_type, cover.data) == (
        "cover.svg",
        "image/svg+xml",
        SVG.encode(),
    )


def test_a_course_without_cover_has_none(tmp_path):
    """Leave ``cover`` out: the course has no picture of its own."""
    assert load_course(write_course(tmp_path)).cover is None


def test_a_missing_cover_file_names_the_course_and_the_file(tmp_path):
    """Say which course names which file that is not there."""
    [message] = cover_errors(tmp_path, "cover: cover.svg")
    assert message.startswith("course 'spo-basics': cover 'cover.svg' does not exist")


@pytest.mark.parametrize(
    ("cover_line", "files", "expected"),
    [
        ("cover: cover.gif", {"cover__gif": b"GIF89a"}, "must be one of .svg, .png, .jpg, .jpeg"),
        ("cover: ../cover.svg", {}, "'cover' must be a file name in the course folder"),
        ("cover: [cover.svg]", {}, "'cover' must be a file name in the course folder"),
        ("cover: cover.png", {"cover__png": b"not a png"}, "is not a image/png file"),
        ("cover: cover.jpg", {"cover__jpg": b""}, "is empty"),
        ("cover: cover.svg", {"cover__svg": "<p>hello</p>"}, "is not an SVG picture"),
        ("cover: cover.svg", {"cover__svg": b"\xff<svg/>"}, "is not UTF-8 text"),
        (
            "cover: cover.svg",
            {"cover__svg": "x" * MAX_COVER_BYTES + "<svg/>"},
            "is larger than 256 KB",
        ),
    ],
)
def test_a_cover_that_is_not_a_picture_we_take_is_refused(tmp_path, cover_line, files, expected):
    """Accept SVG, PNG and JPEG files in the course folder only, each what it says it is."""
    [message] = cover_errors(tmp_path, cover_line, **files)
    assert message.startswith("course 'spo-basics': ") and expected in message


@pytest.mark.parametrize(
    "svg",
    [
        "<svg><script>alert(1)</script></svg>",
        '<svg onload="alert(1)"/>',
        '<svg><a href="javascript:alert(1)"><rect/></a></svg>',
        '<svg><image href="https://tracker.example/x.png"/></svg>',
        '<svg><foreignObject><iframe src="/"></iframe></foreignObject></svg>',
    ],
)
def test_an_svg_cover_with_script_or_links_out_is_refused(tmp_path, svg):
    """Refuse an SVG that could run script or fetch from elsewhere, naming the course."""
    [message] = cover_errors(tmp_path, "cover: cover.svg", cover__svg=svg)
    assert message == (
        "course 'spo-basics': cover 'cover.svg' holds script, an event handler or a link out,"
        " which a cover may not"
    )


def test_an_svg_may_point_inside_itself(tmp_path):
    """Allow the references an SVG makes to its own parts (``href="#leaf"``)."""
    svg = '<svg><defs><path id="leaf" d="M0 0h1"/></defs><use href="#leaf"/></svg>'
    folder = write_course(tmp_path, course__yml=WITH_COVER, cover__svg=svg)
    assert load_course(folder).cover.data == svg.encode()


def test_export_writes_the_cover_back(tmp_path):
    """Export the cover beside course.yml, so loading the export gives the same course."""
    course = load_course(write_course(tmp_path, course__yml=WITH_COVER, cover__svg=SVG))
    written = dump_course(course, tmp_path / "out")
    assert tmp_path / "out" / "cover.svg" in written
    assert load_course(tmp_path / "out") == course


def test_every_shipped_course_has_its_own_svg_cover():
    """Show each shipped course with its own picture in the catalogue."""
    covers = [load_course(folder).cover for folder in find_course_folders(COURSES)]
    assert covers and all(cover.content_type == "image/svg+xml" for cover in covers)
    assert len({cover.data for cover in covers}) == len(covers)
