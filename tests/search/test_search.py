"""Searching courses and modules: English and Chinese, what is hidden, paging, escaping."""

import re
from dataclasses import replace

import pytest

from lms.content.course_format import CourseSource, ModuleSource, ModuleText
from lms.curriculum.services import import_courses
from lms.extensions import db
from lms.models import SearchEntry

from ..helpers import COURSES, QUIZZES, counted_statements, login

CHINESE = {"Accept-Language": "zh-CN"}


def module(slug: str, position: int, texts: dict[str, tuple[str, str]]) -> ModuleSource:
    """Return a module source with a (title, Markdown) pair per language."""
    return ModuleSource(
        slug=slug,
        stem=f"{position:02d}-{slug}",
        position=position,
        minutes=5,
        required=True,
        texts={language: ModuleText(title, body) for language, (title, body) in texts.items()},
    )


def course(slug="honey-basics", status="published", modules=(), title="Honey basics", **fields):
    """Return a course source in English and Chinese with ``modules``."""
    return CourseSource(
        slug=slug,
        version=1,
        status=status,
        default_language="en",
        languages=("en", "zh"),
        certificate=True,
        titles=fields.pop("titles", {"en": title, "zh": "蜂蜜入门"}),
        summaries=fields.pop("summaries", {"en": "Keeping bees as a group.", "zh": "集体养蜂。"}),
        modules=tuple(modules),
    )


HIVES = module(
    "hives",
    1,
    {
        "en": ("Hives and members", "Members of **cooperatives** share the extractor."),
        "zh": ("蜂箱与社员", "蜂蜜专业合作社的社员共用摇蜜机。"),
    },
)
SALES = module(
    "sales",
    2,
    {"en": ("Selling honey", "Buyers pay the *Fairtrade Minimum Price*."), "zh": ("销售", "买家")},
)


def imported(*sources: CourseSource) -> None:
    """Import ``sources`` as ``flask lms import`` does, and commit."""
    import_courses(list(sources))
    db.session.commit()


def titles(page: str) -> list[str]:
    """Return the result titles a page shows, without their marks."""
    found = re.findall(r"<h2[^>]*><a [^>]*>(.*?)</a></h2>", page, re.S)
    return [re.sub(r"</?mark>", "", title) for title in found]


def test_an_english_word_finds_the_module_and_marks_it(client, app):
    """Find a word of a module's text, link the module and mark the word in the snippet."""
    imported(course(modules=[HIVES, SALES]))
    page = client.get("/search?q=extractor").text
    assert titles(page) == ["Hives and members"]
    assert 'href="/courses/honey-basics/modules/hives"' in page
    assert "<mark>extractor</mark>" in page
    assert "1 result for “extractor”" in page


def test_a_word_finds_its_other_forms_and_its_prefix(client, app):
    """Match "cooperative" to "cooperatives" (stemming) and "coop" as the start of a word."""
    imported(course(modules=[HIVES, SALES]))
    for query in ("cooperative", "cooperatives", "coop", "COOPERATIVE"):
        page = client.get(f"/search?q={query}").text
        assert titles(page) == ["Hives and members"], query
        assert "<mark>cooperatives</mark>" in page, query


def test_a_chinese_word_is_found_inside_a_longer_one(client, app):
    """Find "合作" in a module that says "合作社", shown in Chinese to a Chinese reader."""
    imported(course(modules=[HIVES, SALES]))
    page = client.get("/search?q=合作", headers=CHINESE).text
    assert titles(page) == ["蜂箱与社员"]
    assert "<mark>合作</mark>社" in page
    assert "课程“蜂蜜入门”中的单元" in page


def test_chinese_characters_must_come_together(client, app):
    """Search "作合" (the same characters, the other way round) and find nothing."""
    imported(course(modules=[HIVES]))
    page = client.get("/search?q=作合", headers=CHINESE).text
    assert titles(page) == []
    assert "没有找到与“作合”相关的内容" in page


def test_results_come_in_the_readers_language_first(client, app):
    """Show a module once, in English to an English reader, when both languages match."""
    both = module("bees", 1, {"en": ("Bees", "Honey bees."), "zh": ("蜜蜂 honey", "蜂蜜。")})
    imported(course(modules=[both]))
    assert sorted(titles(client.get("/search?q=honey").text)) == ["Bees", "Honey basics"]
    chinese = client.get("/search?q=honey", headers=CHINESE).text
    assert "蜜蜂 honey" in titles(chinese) and "Bees" not in titles(chinese)


def test_a_chinese_word_finds_the_chinese_text_for_an_english_reader(client, app):
    """Fall back to the other language's text when only it matches."""
    imported(course(modules=[HIVES]))
    page = client.get("/search?q=摇蜜机").text
    assert titles(page) == ["蜂箱与社员"]
    assert '<h2 lang="zh-Hans">' in page


def test_the_course_title_and_summary_are_found(client, app):
    """Find a course by its summary, linked to the course page."""
    imported(course(modules=[HIVES]))
    page = client.get("/search?q=bees").text
    assert titles(page) == ["Honey basics"]
    assert 'href="/courses/honey-basics"' in page and "Keeping <mark>bees</mark>" in page


@pytest.mark.parametrize("status", ["draft", "archived"])
def test_unpublished_courses_are_not_found(client, app, make_user, status):
    """Find nothing of a draft or archived course, not even as an admin."""
    imported(course(modules=[HIVES]), course(slug="secret", status=status, title="Secret bees"))
    login(client, make_user(role="admin"))
    page = client.get("/search?q=bees").text
    assert titles(page) == ["Honey basics"]
    assert "Secret" not in page


def test_archiving_a_course_removes_it_from_search(client, app):
    """Re-import a course as archived: its modules are no longer found."""
    imported(course(modules=[HIVES]))
    assert titles(client.get("/search?q=extractor").text) == ["Hives and members"]
    imported(course(status="archived", modules=[HIVES]))
    assert titles(client.get("/search?q=extractor").text) == []


def test_a_retired_module_is_not_found(client, app):
    """Drop a module from the course: it is retired, and search forgets it."""
    imported(course(modules=[HIVES, SALES]))
    imported(course(modules=[SALES]))
    assert titles(client.get("/search?q=extractor").text) == []
    assert titles(client.get("/search?q=buyers").text) == ["Selling honey"]


def test_reimporting_changed_text_refreshes_the_index(client, app):
    """Find the new words of an edited module and no longer the old ones."""
    imported(course(modules=[HIVES]))
    edited = replace(
        HIVES, texts={**HIVES.texts, "en": ModuleText("Hives and members", "Smokers calm bees.")}
    )
    imported(course(modules=[edited]))
    assert titles(client.get("/search?q=extractor").text) == []
    assert titles(client.get("/search?q=smokers").text) == ["Hives and members"]


def test_an_unchanged_course_indexed_before_search_existed_is_indexed(client, app):
    """Re-import an unchanged course with no entries (imported before search came)."""
    imported(course(modules=[HIVES]))
    db.session.execute(db.delete(SearchEntry))
    db.session.commit()
    imported(course(modules=[HIVES]))
    assert titles(client.get("/search?q=extractor").text) == ["Hives and members"]


def test_the_shipped_courses_are_searchable_after_import(client, imported_course):
    """Find the shipped first module by "合作" in Chinese and "cooperative" in English."""
    chinese = titles(client.get("/search?q=合作", headers=CHINESE).text)
    english = titles(client.get("/search?q=cooperative").text)
    assert imported_course.modules[0].text("zh").title in chinese
    assert imported_course.modules[0].text("en").title in english


def test_script_in_the_query_and_the_content_is_escaped(client, app):
    """Show a typed ``<script>`` and a title with markup as text, never as HTML."""
    imported(course(modules=[HIVES], title="<script>alert(1)</script> bees"))
    page = client.get("/search?q=<script>alert").text
    assert "<script>" not in page
    assert "&lt;script&gt;" in page
    page = client.get("/search?q=alert").text
    assert "&lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt; bees" in page
    assert "<script>" not in page


def test_twenty_results_to_a_page_with_next_and_previous(client, app):
    """Page 45 matching modules as 20, 20 and 5, with links both ways."""
    texts = {"en": ("Lesson", "Pollen counts.")}
    many = [module(f"m{n:02d}", n, texts) for n in range(45)]
    imported(course(modules=many))
    first = client.get("/search?q=pollen").text
    assert len(titles(first)) == 20 and "45 results" in first
    assert 'rel="next" href="/search?page=2&amp;q=pollen"' in first and 'rel="prev"' not in first
    last = client.get("/search?q=pollen&page=3").text
    assert len(titles(last)) == 5 and 'rel="prev" href="/search?page=2&amp;q=pollen"' in last
    assert 'rel="next"' not in last
    links = set()
    for page in (1, 2, 3):
        links |= set(
            re.findall(r'href="(/courses/[^"]+)"', client.get(f"/search?q=pollen&page={page}").text)
        )
    assert len(links) == 45
    assert "No more results." in client.get("/search?q=pollen&page=9").text


@pytest.mark.parametrize(
    ("query", "message", "status"),
    [
        ("", "Type a word or a few Chinese characters to search for.", 200),
        ("   ", "Type a word or a few Chinese characters to search for.", 200),
        ("?!", "Search for words or Chinese characters, not only signs.", 200),
        ("bee " * 60, "Your search is too long: use at most 200 characters.", 400),
    ],
)
def test_an_empty_or_too_long_search_says_why(client, app, query, message, status):
    """Say what is wrong with the search instead of showing results."""
    imported(course(modules=[HIVES]))
    response = client.get("/search", query_string={"q": query})
    assert response.status_code == status
    assert f'<p class="error" id="q-error">{message}</p>' in response.text
    assert titles(response.text) == []


def test_the_search_page_reads_in_two_statements(client, app, make_user):
    """Load the user and read the results in one statement: two in all, one for a visitor."""
    imported(course(modules=[HIVES, SALES]))
    with counted_statements() as statements:
        assert "Hives and members" in app.test_client().get("/search?q=cooperative").text
    assert len(statements) == 1, statements
    login(client, make_user())
    with counted_statements() as statements:
        assert "Hives and members" in client.get("/search?q=cooperative+extractor").text
    assert len(statements) <= 2, statements


def test_the_catalogue_and_the_header_offer_search(client, app):
    """Put a search box on the catalogue and a Search link in the header, in Chinese too."""
    imported(course(modules=[HIVES]))
    page = client.get("/").text
    assert 'action="/search"' in page and 'name="q"' in page
    header = page.split("</header>")[0]
    assert 'href="/search"' in header and '<span class="sr-only">Search</span>' in header
    chinese = client.get("/", headers=CHINESE).text
    assert "搜索课程和单元" in chinese and '<span class="sr-only">搜索</span>' in chinese


@pytest.mark.parametrize(
    "query",
    [
        '"',
        "bees*",
        "NOT bees",
        "bees OR honey",
        "NEAR(bees honey)",
        "bees:*",
        "a & !b | (c)",
        "'; DROP TABLE lms_course; --",
        "蜂蜜\u3000社员",
        "café naïve",
        "the",
        "ⅷ ½ ²",
    ],
)
def test_search_syntax_typed_by_a_user_is_only_words(client, app, query):
    """Answer every query with a page: nothing typed reaches the full-text syntax."""
    imported(course(modules=[HIVES]))
    response = client.get("/search", query_string={"q": query})
    assert response.status_code == 200
    assert "Honey basics" in client.get("/search?q=bees").text


def test_the_search_page_without_a_query_offers_the_box_only(client, app):
    """Open /search from the header: the box, no message and no results."""
    page = client.get("/search").text
    assert 'name="q"' in page and 'class="error"' not in page and titles(page) == []


def test_the_shipped_curriculum_is_searchable_after_flask_lms_import(client, runner):
    """Import courses/ and quizzes/ from the command line, then find every shipped course."""
    result = runner.invoke(args=["lms", "import", str(COURSES), str(QUIZZES)])
    assert result.exit_code == 0, result.output
    slugs = {path.name for path in COURSES.iterdir() if (path / "course.yml").exists()}
    for query, headers in (("cooperative", {}), ("合作社", CHINESE)):
        found = set()
        for page in (1, 2, 3):
            text = client.get(f"/search?q={query}&page={page}", headers=headers).text
            found |= set(re.findall(r'href="/courses/([^/"]+)', text))
        assert slugs <= found, query
