"""Static files as a browser gets them: fingerprinted URLs, a year's caching, gzip and Brotli."""

import gzip
import hashlib
import re

import brotli
import pytest

from lms.static_files import STATIC_FOLDER, StaticFiles, precompress

STYLESHEET = (STATIC_FOLDER / "lms.css").read_bytes()
FINGERPRINT = hashlib.sha256(STYLESHEET).hexdigest()[:12]
STYLESHEET_URL = f"/static/lms.{FINGERPRINT}.css"
YEAR_IMMUTABLE = "public, max-age=31536000, immutable"


def stylesheet_link(page: str) -> str:
    """Return the href of the page's stylesheet."""
    found = re.search(r'<link rel="stylesheet" href="([^"]+)"', page)
    assert found, "the page links no stylesheet"
    return found.group(1)


def test_pages_link_the_stylesheet_by_its_fingerprint(client):
    """Name the stylesheet after a hash of its content, so it can be cached for a year."""
    assert stylesheet_link(client.get("/").text) == STYLESHEET_URL


@pytest.mark.parametrize(
    ("accepted", "encoding", "decode"),
    [
        ("gzip, deflate, br, zstd", "br", brotli.decompress),
        ("gzip, deflate", "gzip", gzip.decompress),
        ("", None, bytes),
    ],
)
def test_the_stylesheet_comes_precompressed_and_cached_for_a_year(
    client, accepted, encoding, decode
):
    """Send Brotli or gzip to a browser that accepts it, the file itself to one that does not."""
    with client.get(STYLESHEET_URL, headers={"Accept-Encoding": accepted}) as response:
        assert response.status_code == 200
        assert response.headers.get("Content-Encoding") == encoding
        assert decode(response.data) == STYLESHEET
        assert response.headers["Cache-Control"] == YEAR_IMMUTABLE
        assert response.headers["Vary"] == "Accept-Encoding"
        assert response.mimetype == "text/css"
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        if encoding:
            assert int(response.headers["Content-Length"]) < len(STYLESHEET) / 2


def test_a_cached_stylesheet_is_revalidated_with_a_304(client):
    """Answer 304 without a body when the browser's ETag or date still matches."""
    with client.get(STYLESHEET_URL) as first:
        etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    with client.get(STYLESHEET_URL, headers={"If-None-Match": etag}) as again:
        assert again.status_code == 304 and again.data == b""
    with client.get(STYLESHEET_URL, headers={"If-Modified-Since": modified}) as again:
        assert again.status_code == 304


def test_the_plain_name_still_works_and_is_always_revalidated(client):
    """Serve /static/lms.css too, but make the browser ask again before using its copy."""
    with client.get("/static/lms.css", headers={"Accept-Encoding": "gzip"}) as response:
        assert response.status_code == 200
        assert response.headers["Cache-Control"] == "no-cache"
        assert "ETag" in response.headers
    with client.get("/static/no-such-file.css") as missing:
        assert missing.status_code == 404


def test_a_changed_file_gets_a_new_url(tmp_path):
    """Give an edited file a new fingerprinted name, and precompress that name once."""
    folder, cache = tmp_path / "static", tmp_path / "cache"
    folder.mkdir()
    cache.mkdir()
    (folder / "site.css").write_text("body { color: black; }\n" * 40)
    before = StaticFiles.scan(folder).fingerprinted["site.css"]
    (folder / "site.css").write_text("body { color: navy; }\n" * 40)
    after = StaticFiles.scan(folder)
    assert before != after.fingerprinted["site.css"]
    assert re.fullmatch(r"site\.[0-9a-f]{12}\.css", after.fingerprinted["site.css"])
    precompress(after, cache)
    made = sorted(path.name for path in cache.iterdir())
    name = after.fingerprinted["site.css"]
    assert made == [name, f"{name}.br", f"{name}.gz"]
    content = (folder / "site.css").read_bytes()
    assert gzip.decompress((cache / f"{name}.gz").read_bytes()) == content
    assert not list(tmp_path.glob(".static-*")), "the scratch folder is left behind"


def test_pages_name_their_favicon_by_its_fingerprint(client):
    """Link the academy's SVG icon through the same fingerprinted, year-long URLs."""
    found = re.search(
        r'<link rel="icon" type="image/svg\+xml" href="([^"]+)">', client.get("/").text
    )
    assert found, "the page links no favicon"
    icon = (STATIC_FOLDER / "favicon.svg").read_bytes()
    assert found.group(1) == f"/static/favicon.{hashlib.sha256(icon).hexdigest()[:12]}.svg"
    with client.get(found.group(1)) as response:
        assert response.status_code == 200 and response.mimetype == "image/svg+xml"
        assert response.headers["Cache-Control"] == YEAR_IMMUTABLE
        assert response.data == icon
