"""Pages come compressed to a browser that accepts it: Brotli first, then gzip, never tiny ones."""

import gzip
import re

import brotli
import pytest

BROWSER = "gzip, deflate, br, zstd"  # what Chromium sends
CSRF_VALUE = re.compile(rb'(name="csrf_token"[^>]*value=)"[^"]+"')


def without_token(page: bytes) -> bytes:
    """Return ``page`` with its CSRF tokens blanked: they differ on every request."""
    return CSRF_VALUE.sub(rb'\1""', page)


@pytest.mark.parametrize(
    ("accepted", "encoding", "decode"),
    [
        (BROWSER, "br", brotli.decompress),
        ("gzip, deflate", "gzip", gzip.decompress),
        ("br;q=0.5, gzip", "gzip", gzip.decompress),
    ],
)
def test_a_page_comes_compressed_as_the_browser_prefers(
    client, imported_course, accepted, encoding, decode
):
    """Send the course page in the best encoding both sides know, and the same page inside."""
    plain = client.get("/courses/spo-principles", headers={"Accept-Encoding": ""})
    assert "Content-Encoding" not in plain.headers
    response = client.get("/courses/spo-principles", headers={"Accept-Encoding": accepted})
    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == encoding
    assert int(response.headers["Content-Length"]) == len(response.data) < len(plain.data) / 2
    assert without_token(decode(response.data)) == without_token(plain.data)
    assert "Accept-Encoding" in response.headers["Vary"]
    assert "Accept-Encoding" in plain.headers["Vary"]  # so a cache never mixes the two


def test_a_small_answer_is_sent_as_it_is(client):
    """Leave answers under 500 bytes uncompressed: compressing them saves nothing."""
    response = client.get("/healthz", headers={"Accept-Encoding": BROWSER})
    assert response.status_code == 200 and len(response.data) < 500
    assert "Content-Encoding" not in response.headers
    assert response.json["status"] == "ok"
