"""The page learners read most stays light over a weak phone signal."""

import re

from ..helpers import login, post

LIMIT = 60 * 1024  # bytes over the wire: the module page, its stylesheet and its icon


def test_the_module_page_and_its_stylesheet_weigh_under_60_kb(client, imported_course, people):
    """Keep the page learners read most light on a weak signal: page, stylesheet and icon."""
    login(client, people["learner"])
    post(client, "/courses/spo-principles/enrol", page="/courses/spo-principles")
    browser = {"Accept-Encoding": "gzip, deflate, br, zstd"}
    module = client.get(f"/courses/spo-principles/modules/{imported_course.modules[1].slug}")
    page = client.get(module.request.path, headers=browser)
    assert page.status_code == 200 and page.headers["Content-Encoding"] == "br"
    sizes = [len(page.data)]
    for asset in re.findall(r'<link rel="(?:stylesheet|icon)"[^>]* href="([^"]+)"', module.text):
        with client.get(asset, headers=browser) as response:
            sizes.append(len(response.data))
    assert len(sizes) == 3 and sum(sizes) < LIMIT, sizes
