"""The glossary page: every term in both names, by letter, filtered by course, in one statement."""

import re

import pytest

from lms.content.glossary import load_glossary
from lms.curriculum.glossary import sync_glossary
from lms.extensions import db
from lms.models import Course, GlossaryTerm

from ..helpers import COURSES, counted_statements, login

SHIPPED = load_glossary(COURSES / "glossary.yml")


@pytest.fixture
def glossary(imported_course):
    """Import the shipped glossary beside the SPO principles course."""
    sync_glossary(SHIPPED)
    db.session.commit()
    return SHIPPED


def term_block(page: str, anchor: str) -> str:
    """Return the HTML of one term on the page."""
    match = re.search(rf'<div class="glossary-term" id="{anchor}">(.*?)</div>', page, re.S)
    assert match, f"no term {anchor}"
    return match.group(1)


def anchors(page: str) -> list[str]:
    """Return the terms' anchors in page order."""
    return re.findall(r'<div class="glossary-term" id="([^"]+)">', page)


def test_every_term_is_listed_by_english_letter_in_one_statement(app, glossary):
    """Show a visitor all terms sorted, under letters, with an anchor each, from one SELECT."""
    with counted_statements() as statements:
        page = app.test_client().get("/glossary").text
    assert len(statements) == 1, statements
    shown = anchors(page)
    assert sorted(shown) == sorted(term.anchor for term in SHIPPED.terms)
    english = {term.anchor: term.names["en"].casefold() for term in SHIPPED.terms}
    assert [english[anchor] for anchor in shown] == sorted(english[anchor] for anchor in shown)
    assert '<a href="#letter-f">F</a>' in page and '<h2 id="letter-f"' in page
    assert '<h2 id="letter-digits"' in page  # 3-2-1 backup rule
    premium = term_block(page, "fairtrade-premium")
    assert (
        "Fairtrade Premium" in premium
        and '<span class="term-other" lang="zh-Hans">公平贸易溢价' in premium
    )
    assert "on top of the price" in premium and "在货款之外" not in premium
    assert f"{len(SHIPPED.terms)} terms." in page


def test_a_chinese_reader_gets_chinese_first_and_the_other_names(client, glossary):
    """Define each term in Chinese, with the English name beside it and 全电发票 as another name."""
    client.get("/language/zh_Hans")
    page = client.get("/glossary").text
    invoice = term_block(page, "fully-digitalized-electronic-invoice")
    assert (
        '>数电发票</a> <span class="term-other" lang="en">fully digitalized electronic invoice'
        in invoice
    )
    assert "全电发票" in invoice and "全国统一的电子发票服务平台" in invoice
    assert "术语表" in page


def test_the_course_filter_keeps_that_courses_terms(app, glossary, make_user, make_org, client):
    """List the published courses to filter by, and keep only the terms of the one chosen."""
    login(client, make_user(organization=make_org()))
    with counted_statements() as statements:
        page = client.get("/glossary?course=spo-principles").text
    assert len(statements) <= 2, statements
    spo = [term.anchor for term in SHIPPED.terms if "spo-principles" in term.courses]
    assert sorted(anchors(page)) == sorted(spo)
    assert "Glossary: SPO principles" in page and "cash-book" not in anchors(page)
    assert 'href="/glossary?course=spo-principles" aria-current="page"' in page
    # Only imported, published courses are offered; the others' terms stay on the full list.
    assert "course=fintech" not in page
    assert "cash-book" in anchors(app.test_client().get("/glossary").text)


def test_a_course_without_terms_shows_them_all_with_a_notice(app, glossary):
    """Never leave a course's glossary link on an empty page: say so and show every term."""
    db.session.scalar(db.select(Course)).status = "draft"
    db.session.commit()
    page = app.test_client().get("/glossary?course=spo-principles").text
    assert "no terms of that course yet" in page
    assert len(anchors(page)) == len(SHIPPED.terms)


def test_an_empty_glossary_says_how_to_fill_it(app, imported_course):
    """Explain the empty page instead of showing nothing."""
    page = app.test_client().get("/glossary").text
    assert "import it with the courses" in page


def test_course_and_module_pages_link_to_their_glossary(client, glossary, make_user, make_org):
    """Link the course page and each module page to the course's terms."""
    link = 'href="/glossary?course=spo-principles"'
    assert link in client.get("/courses/spo-principles").text
    login(client, make_user(organization=make_org()))
    client.post("/courses/spo-principles/enrol", data={"csrf_token": csrf(client)})
    module = client.get("/courses/spo-principles/modules/what-is-an-spo").text
    assert link in module


def csrf(client) -> str:
    """Return the CSRF token of the course page's enrol form."""
    page = client.get("/courses/spo-principles").text
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def test_importing_again_changes_only_what_changed(app, glossary):
    """Update an edited term in place, add a new one and remove a dropped one."""
    from dataclasses import replace

    first, *rest = SHIPPED.terms
    edited = replace(rest[0], definitions={**rest[0].definitions, "en": "New words."})
    new = replace(first, anchor="a-new-term", names={"en": "A new term", "zh": "新术语"})
    result = sync_glossary(replace(SHIPPED, terms=(edited, *rest[1:], new)))
    db.session.commit()
    assert result == (1, 1, 1, len(SHIPPED.terms))
    stored = {row.anchor: row for row in db.session.scalars(db.select(GlossaryTerm))}
    assert first.anchor not in stored and stored["a-new-term"].name_zh == "新术语"
    assert stored[edited.anchor].definition_en == "New words."
    assert sync_glossary(replace(SHIPPED, terms=(edited, *rest[1:], new)))[:3] == (0, 0, 0)
