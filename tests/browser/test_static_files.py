"""Chromium gets the stylesheet compressed and cacheable for a year, and draws the page with it."""

from ..test_static_files import STYLESHEET_URL, YEAR_IMMUTABLE


def test_the_browser_gets_a_compressed_stylesheet_to_keep(phone):
    """Load the catalogue: the fingerprinted stylesheet arrives compressed and styles the header."""
    stylesheets = []
    phone.on("response", lambda r: stylesheets.append(r) if r.url.endswith(".css") else None)
    phone.goto(phone.base_url + "/")
    phone.wait_for_load_state("load")

    [stylesheet] = stylesheets
    assert stylesheet.url == phone.base_url + STYLESHEET_URL
    assert stylesheet.status == 200
    headers = stylesheet.all_headers()
    assert headers["content-encoding"] in {"br", "gzip"}
    assert headers["cache-control"] == YEAR_IMMUTABLE
    # The brand colour comes from the stylesheet: the browser decoded and applied it.
    background = phone.evaluate(
        "getComputedStyle(document.querySelector('.site-header')).backgroundColor"
    )
    assert background == "rgb(15, 74, 48)"
