"""A trainer downloads a course as a ZIP, breaks it, and imports it back, without JavaScript.

On a phone in Chinese and on a desktop in English: the errors, long file paths
included, fit the screen next to the field, and the fixed ZIP lands on the course page.
"""

import pytest

from tests.authoring.test_course_zip import MODULE_FILE, edited

from .conftest import log_in, no_horizontal_scroll, screenshot


@pytest.fixture
def javascript() -> bool:
    """Run these pages with JavaScript off: the forms must work without it."""
    return False


def choose_and_import(page, data: bytes) -> None:
    page.set_input_files(
        "input[type=file]",
        {"name": "spo-principles.zip", "mimeType": "application/zip", "buffer": data},
    )
    page.click("form.card button[type=submit]")
    page.wait_for_load_state("load")


def test_a_trainer_downloads_a_course_and_imports_it_back(screen, people, imported_course):
    page = screen
    log_in(page, people["runner"])
    page.goto(f"{page.base_url}/manage/courses/spo-principles")
    with page.expect_download() as download:
        page.click("a[href$='/download.zip']")
    data = download.value.path().read_bytes()
    assert download.value.suggested_filename == "spo-principles-v1.zip"

    page.goto(f"{page.base_url}/manage/")
    page.click("a[href$='/manage/courses/import']")
    broken = edited(data, change=lambda text: text.replace("minutes:", "minutes: lots #", 1))
    choose_and_import(page, broken)
    problems = page.inner_text("#zip-problems")
    assert f"{MODULE_FILE}:3:" in problems
    assert no_horizontal_scroll(page), "the import page's errors are wider than the screen"
    screenshot(page, "course-zip-errors")

    choose_and_import(page, edited(data))
    assert page.url.endswith("/manage/courses/spo-principles")
    assert no_horizontal_scroll(page)
