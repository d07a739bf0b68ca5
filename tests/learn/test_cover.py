"""Course covers as a browser gets them: an image, cached, revalidated, that runs nothing."""

import re
from dataclasses import replace

from lms.content.course_cover import CoverFile
from lms.content.course_format import load_courses
from lms.curriculum.services import import_courses
from lms.extensions import db
from lms.models import CourseCover
from lms.static_files import STATIC_FOLDER

from ..helpers import COURSES

COVER_URL = "/courses/spo-principles/cover"
SHIPPED = (COURSES / "spo-principles" / "cover.svg").read_bytes()


def reimport(cover: CoverFile | None) -> None:
    """Import the shipped SPO course again with ``cover`` in place of its own."""
    [source] = load_courses([COURSES / "spo-principles"])
    modules = tuple(replace(module, quiz=None) for module in source.modules[:4])
    import_courses([replace(source, modules=modules, cover=cover)])
    db.session.commit()


def test_the_cover_is_sent_as_an_svg_image_that_runs_no_script(client, imported_course):
    """Send the course folder's picture with its type, a day's caching and a strict policy."""
    response = client.get(COVER_URL)
    assert response.status_code == 200
    assert response.mimetype == "image/svg+xml"
    assert response.data == SHIPPED
    assert response.headers["Cache-Control"] == "public, max-age=86400"
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "sandbox" in policy and "script" not in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_a_browser_that_has_the_cover_gets_a_304(client, imported_course):
    """Revalidate with the ETag: the same picture costs no bytes."""
    etag = client.get(COVER_URL).headers["ETag"]
    again = client.get(COVER_URL, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""


def test_a_new_cover_replaces_the_old_one_and_a_dropped_one_goes(client, imported_course):
    """Import a changed course.yml: the new picture is served, under a new ETag; none, none."""
    old = client.get(COVER_URL).headers["ETag"]
    png = b"\x89PNG\r\n\x1a\n" + b"\0" * 16
    reimport(CoverFile(filename="cover.png", content_type="image/png", data=png))
    response = client.get(COVER_URL)
    assert (response.mimetype, response.data) == ("image/png", png)
    assert response.headers["ETag"] != old
    reimport(None)
    assert db.session.scalar(db.select(db.func.count()).select_from(CourseCover)) == 0


def test_a_course_without_a_cover_shows_the_academy_picture(client, imported_course):
    """Send the browser to the academy's own default picture, under its fingerprinted name."""
    reimport(None)
    response = client.get(COVER_URL)
    assert response.status_code == 302
    assert re.fullmatch(r"/static/cover\.[0-9a-f]{12}\.svg", response.location)
    with client.get(response.location) as picture:
        assert picture.mimetype == "image/svg+xml"
        assert picture.data == (STATIC_FOLDER / "cover.svg").read_bytes()


def test_a_draft_course_shows_no_cover_to_visitors(client, imported_course):
    """Answer 404 for the cover of a course the visitor may not see."""
    imported_course.status = "draft"
    db.session.commit()
    assert client.get(COVER_URL).status_code == 404
    assert client.get("/courses/no-such-course/cover").status_code == 404


def test_the_catalogue_shows_each_course_with_its_cover(client, imported_course):
    """Show the picture on the course's card, as decoration the screen reader skips."""
    page = client.get("/").text
    assert f'<img class="cover" src="{COVER_URL}" alt="" width="320" height="180">' in page
    assert f'<img class="cover" src="{COVER_URL}"' in client.get("/courses/spo-principles").text
