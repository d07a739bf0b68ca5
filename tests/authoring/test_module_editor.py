"""Writing a module in the browser: drafts, the preview, bad input and two editors at once."""

import re
from html.parser import HTMLParser

import pytest

from lms.extensions import db
from lms.models import ModuleDraft, ModuleText
from tests.conftest import csrf_token, login, post

VERSION = re.compile(r'name="version" type="hidden" value="(\d+)"')


def tags_and_attributes(html: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """Return each start tag in ``html`` with its attributes, as a browser reads them."""
    found = []

    class Collector(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, [(name, value or "") for name, value in attrs]))

    Collector().feed(html)
    return found


def editor_path(module):
    return f"/manage/courses/{module.course.slug}/modules/{module.id}/edit"


def form_of(client, module):
    """Return the editor's fields as the page fills them in."""
    page = client.get(editor_path(module)).get_data(as_text=True)
    version = VERSION.search(page).group(1)
    minutes = re.search(r'name="minutes"[^>]* value="(\d+)"', page).group(1)
    return page, {"version": version, "minutes": minutes, "required": "y"}


def texts(module, language="en"):
    published = {text.language: text for text in module.texts}[language]
    return published.title, published.body_markdown


def save(client, module, fields, **texts_by_language):
    data = dict(fields)
    for language, (title, body) in texts_by_language.items():
        data[f"title_{language}"] = title
        data[f"body_{language}"] = body
    data.setdefault("action", "save")
    return post(client, editor_path(module), data, page=editor_path(module))


@pytest.fixture
def module(imported_course):
    return imported_course.modules[0]


def test_the_editor_shows_the_published_text_in_both_languages(client, people, module):
    login(client, people["runner"])
    page, fields = form_of(client, module)
    title, body = texts(module)
    assert title in page and body.split("\n")[0] in page
    assert texts(module, "zh")[0] in page
    assert fields["version"] == "0"
    assert "No draft: this is the text learners read now" in page


def test_a_saved_draft_waits_while_learners_read_the_published_text(client, people, module):
    login(client, people["runner"])
    _page, fields = form_of(client, module)
    en_title, en_body = texts(module)
    zh = texts(module, "zh")
    response = save(client, module, fields, en=(en_title, en_body + "\n\nA new paragraph."), zh=zh)
    assert response.status_code == 302
    page = client.get(response.location).get_data(as_text=True)
    assert "Draft saved" in page and "A new paragraph." in page
    draft = db.session.scalar(db.select(ModuleDraft))
    assert draft.version == 1 and draft.text("en").body_html.endswith("<p>A new paragraph.</p>")
    # The learner still reads the published text.
    client.get("/logout")
    login(client, people["learner"])
    reading = client.get(f"/courses/spo-principles/modules/{module.slug}").get_data(as_text=True)
    assert "A new paragraph." not in reading


def test_saving_what_is_published_makes_no_draft(client, people, module):
    login(client, people["runner"])
    _page, fields = form_of(client, module)
    save(client, module, fields, en=texts(module), zh=texts(module, "zh"))
    assert db.session.scalar(db.select(ModuleDraft)) is None


def test_preview_without_javascript_renders_through_the_one_sanitizer(client, people, module):
    login(client, people["runner"])
    _page, fields = form_of(client, module)
    hostile = (
        "# Heading\n\n<script>alert(1)</script>\n\n[click](javascript:alert(2))\n\n"
        '<img src=x onerror="alert(3)">\n\n![x" onerror="alert(4)](images/a.png)'
    )
    response = save(client, module, {**fields, "action": "preview"}, en=("标题 <b>", hostile))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    preview = page[page.index('id="preview-en"') :]
    preview = preview[: preview.index("</div>")]
    assert '<h1 id="heading">Heading</h1>' in preview
    tags = tags_and_attributes(preview)
    assert "script" not in {tag for tag, _attrs in tags}
    assert all(name in {"src", "alt", "href", "id"} for _tag, attrs in tags for name, _v in attrs)
    assert all(not value.startswith("javascript") for _t, attrs in tags for _n, value in attrs)
    assert "标题 &lt;b&gt;" in page  # the title is text, autoescaped
    assert db.session.scalar(db.select(ModuleDraft)) is None  # previewing saves nothing


def test_live_preview_returns_the_same_html_as_the_page(client, people, module):
    login(client, people["runner"])
    path = f"/manage/courses/spo-principles/modules/{module.id}/preview"
    token = csrf_token(client, editor_path(module))
    reply = client.post(path, data={"csrf_token": token, "body": "**bold** <i onclick=x>i</i>"})
    assert reply.get_json() == {"html": "<p><strong>bold</strong> <i>i</i></p>"}
    assert client.post(path, data={"body": "no token"}).status_code == 400


@pytest.mark.parametrize("role", ["learner", "coordinator", "trainer"])
def test_only_those_who_run_the_course_may_edit(client, people, module, role):
    login(client, people[role])
    assert client.get(editor_path(module)).status_code == 403
    response = save(
        client, module, {"version": "0", "minutes": "5"}, en=("Mine", "Mine"), zh=("x", "y")
    )
    assert response.status_code in (400, 403)
    assert db.session.scalar(db.select(ModuleDraft)) is None


def test_bad_input_is_refused_next_to_its_field_and_changes_nothing(client, people, module):
    login(client, people["runner"])
    _page, fields = form_of(client, module)
    big = save(client, module, fields, en=("Big", "x" * (200 * 1024 + 1)), zh=texts(module, "zh"))
    assert big.status_code == 422 and "over 200 KB" in big.get_data(as_text=True)
    untitled = save(client, module, fields, en=("", "Body"), zh=texts(module, "zh"))
    assert "Give this text a title." in untitled.get_data(as_text=True)
    minutes = save(
        client, module, {**fields, "minutes": "0"}, en=texts(module), zh=texts(module, "zh")
    )
    assert minutes.status_code == 422
    assert db.session.scalar(db.select(ModuleDraft)) is None
    expired = save(client, module, {**fields, "csrf_token": "stale"}, en=("T", "B"), zh=("t", "b"))
    assert expired.status_code == 422 and "This form had expired" in expired.get_data(as_text=True)


def test_a_second_editor_is_refused_and_keeps_their_text(app, client, people, module, make_user):
    from lms.models import CourseTrainer, Role

    other = make_user(Role.TRAINER, name="Wang Fang")
    module.course.trainers.append(CourseTrainer(user=other))
    db.session.commit()
    first = app.test_client()
    login(first, other)
    login(client, people["runner"])
    _page, mine = form_of(client, module)  # both read version 0
    _page, theirs = form_of(first, module)
    zh = texts(module, "zh")
    assert save(first, module, theirs, en=("Their title", "Their words."), zh=zh).status_code == 302
    refused = save(client, module, mine, en=("My title", "My words."), zh=zh)
    page = refused.get_data(as_text=True)
    assert refused.status_code == 409
    assert "Wang Fang changed this module while you were editing it" in page
    assert "<del>Their</del><ins>My</ins> words." in page  # their change, word by word, ...
    assert "My words." in page  # ... and mine is kept in the form
    draft = db.session.scalar(db.select(ModuleDraft))
    db.session.refresh(draft)
    assert draft.text("en").body_markdown == "Their words."
    # Saving again, having seen theirs, replaces it knowingly.
    version = VERSION.search(page).group(1)
    again = save(client, module, {**mine, "version": version}, en=("My title", "My words."), zh=zh)
    assert again.status_code == 302
    db.session.refresh(draft)
    assert draft.text("en").body_markdown == "My words."


def test_a_module_removed_while_edited_keeps_the_text_and_says_so(client, people, imported_course):
    login(client, people["runner"])
    response = post(
        client,
        "/manage/courses/spo-principles/modules",
        {"title": "Short-lived"},
        page="/manage/courses/spo-principles",
    )
    path = response.location
    module_id = int(path.split("/")[-2])
    from lms.models import Module

    module = db.session.get(Module, module_id)
    _page, fields = form_of(client, module)
    retire = f"/manage/courses/spo-principles/modules/{module_id}/retire"
    post(client, retire, {"confirmed": "1"}, page="/manage/courses/spo-principles")
    data = {
        **fields,
        "title_en": "Short-lived",
        "body_en": "Words worth keeping.",
        "action": "save",
    }
    refused = post(client, path, data, page="/manage/")
    page = refused.get_data(as_text=True)
    assert refused.status_code == 409
    assert "has been removed from the course" in page and "Words worth keeping." in page


def test_the_editor_says_which_language_is_missing_or_older(client, people, module):
    login(client, people["runner"])
    _page, fields = form_of(client, module)
    save(client, module, fields, en=("New", "English only now."), zh=("", ""))
    page = client.get(editor_path(module)).get_data(as_text=True)
    assert "Not written yet: learners who read Chinese see the English text." in page
    _page, fields = form_of(client, module)
    save(client, module, fields, en=("New", "English only now."), zh=("新", "中文。"))
    draft = db.session.scalar(db.select(ModuleDraft))
    db.session.refresh(draft)
    from datetime import timedelta

    zh = draft.text("zh")
    zh.updated_at = draft.text("en").updated_at - timedelta(days=2)
    db.session.commit()
    page = client.get(editor_path(module)).get_data(as_text=True)
    assert "Older than the English text" in page


def test_published_text_is_untouched_by_drafts(client, people, module):
    login(client, people["runner"])
    before = db.session.scalars(db.select(ModuleText.body_markdown)).all()
    _page, fields = form_of(client, module)
    save(client, module, fields, en=("T", "Changed."), zh=texts(module, "zh"))
    assert db.session.scalars(db.select(ModuleText.body_markdown)).all() == before
