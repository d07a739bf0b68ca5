"""A module's history: every publish kept with its author and note, compared, restored."""

import pytest

from lms.extensions import db
from lms.models import ModuleDraft, ModuleRevision
from tests.authoring.test_module_editor import form_of, save, texts
from tests.authoring.test_publishing import publish
from tests.conftest import STAFF_PAGE_STATUS, login, post
from tests.helpers import counted_statements


@pytest.fixture
def module(imported_course):
    return imported_course.modules[0]


def history_path(module):
    return f"/manage/courses/spo-principles/modules/{module.id}/history"


def publish_text(client, module, en_body, zh_body=None, note="Update"):
    """Save a draft of ``module`` with these bodies, then publish it with ``note``."""
    _page, fields = form_of(client, module)
    zh_title, zh_published = texts(module, "zh")
    save(
        client,
        module,
        fields,
        en=(texts(module)[0], en_body),
        zh=(zh_title, zh_body if zh_body is not None else zh_published),
    )
    assert publish(client, note=note).status_code == 302
    db.session.expire_all()


@pytest.mark.parametrize("role", list(STAFF_PAGE_STATUS))
def test_only_those_who_run_the_course_see_a_module_history(client, people, module, role):
    if role != "anonymous":
        login(client, people[role])
    assert client.get(history_path(module)).status_code == STAFF_PAGE_STATUS[role]
    compare = f"/manage/courses/spo-principles/modules/{module.id}/compare"
    assert client.get(compare).status_code == STAFF_PAGE_STATUS[role]


def test_the_history_lists_each_publish_with_author_time_and_note(client, people, module):
    login(client, people["runner"])
    publish_text(client, module, "The Premium is paid yearly.", note="Simpler opening")
    page = client.get(history_path(module)).get_data(as_text=True)
    assert "Revision 2" in page and "Revision 1" in page
    assert "Runner Trainer" in page and "Simpler opening" in page
    assert "written in the browser" in page and "imported from the course files" in page
    assert page.index("Revision 2") < page.index("Revision 1")


def test_two_revisions_are_compared_word_by_word_in_each_language(client, people, module):
    login(client, people["runner"])
    publish_text(client, module, "The Premium is paid yearly.", "溢价每年支付。", note="One")
    publish_text(client, module, "The Premium is paid monthly.", "溢价每月支付。", note="Two")
    page = client.get(
        f"/manage/courses/spo-principles/modules/{module.id}/compare?from=2&to=3"
    ).get_data(as_text=True)
    assert "The Premium is paid <del>yearly</del><ins>monthly</ins>." in page
    assert "溢价每<del>年</del><ins>月</ins>支付。" in page
    # Asking the other way round still reads old → new; nonsense goes back with a message.
    swapped = client.get(f"/manage/courses/spo-principles/modules/{module.id}/compare?from=3&to=2")
    assert "<del>yearly</del><ins>monthly</ins>" in swapped.get_data(as_text=True)
    bad = client.get(f"/manage/courses/spo-principles/modules/{module.id}/compare?from=9&to=x")
    assert bad.status_code == 302
    assert "Choose two revisions" in client.get(bad.location).get_data(as_text=True)


def test_a_language_unchanged_between_revisions_says_so(client, people, module):
    login(client, people["runner"])
    publish_text(client, module, "Only English changed.")
    page = client.get(f"/manage/courses/spo-principles/modules/{module.id}/compare").get_data(
        as_text=True
    )
    assert "No change in this language." in page
    assert "<ins>Only English changed.</ins>" in page


def test_restoring_an_old_revision_makes_it_a_draft_then_a_new_revision(client, people, module):
    original = texts(module)[1]
    login(client, people["runner"])
    publish_text(client, module, "A rewrite that did not work.", note="Rewrite")
    assert 'name="version" value="0"' in client.get(history_path(module)).get_data(as_text=True)
    restore = f"/manage/courses/spo-principles/modules/{module.id}/revisions/1/restore"
    response = post(client, restore, {"version": "0"}, page=history_path(module))
    assert response.status_code == 302 and response.location.endswith("/edit")
    editor = client.get(response.location).get_data(as_text=True)
    assert "Revision 1 is now the draft" in editor
    draft = db.session.scalar(db.select(ModuleDraft))
    assert draft.text("en").body_markdown == original
    # Learners still read revision 2 until the restore is published, as revision 3.
    assert texts(module)[1] == "A rewrite that did not work."
    assert publish(client, note="Back to the first text").status_code == 302
    db.session.expire_all()
    assert module.revision == 3 and texts(module)[1] == original


def test_restoring_keeps_a_language_written_after_that_revision(client, people, imported_course):
    login(client, people["runner"])
    added = post(
        client,
        "/manage/courses/spo-principles/modules",
        {"title": "Tea garden safety"},
        page="/manage/courses/spo-principles",
    )
    module = next(m for m in imported_course.modules if m.slug == "tea-garden-safety")
    assert added.location.endswith(f"/modules/{module.id}/edit")
    _page, fields = form_of(client, module)
    save(client, module, fields, en=("Tea garden safety", "Wear gloves."))
    assert publish(client, note="English first").status_code == 302
    _page, fields = form_of(client, module)
    save(
        client,
        module,
        fields,
        en=("Tea garden safety", "Wear gloves and boots."),
        zh=("茶园安全", "戴手套。"),
    )
    assert publish(client, note="Chinese added").status_code == 302
    db.session.expire_all()

    restore = f"/manage/courses/spo-principles/modules/{module.id}/revisions/1/restore"
    assert post(client, restore, {"version": "0"}, page=history_path(module)).status_code == 302
    draft = db.session.scalar(db.select(ModuleDraft).where(ModuleDraft.module_id == module.id))
    assert draft.text("en").body_markdown == "Wear gloves."
    assert (draft.text("zh").title, draft.text("zh").body_markdown) == ("茶园安全", "戴手套。")


def test_restoring_over_a_draft_asks_first_and_a_stale_page_changes_nothing(client, people, module):
    login(client, people["runner"])
    publish_text(client, module, "Second text.")
    _page, fields = form_of(client, module)
    save(client, module, fields, en=("Draft title", "Work in progress."), zh=texts(module, "zh"))
    restore = f"/manage/courses/spo-principles/modules/{module.id}/revisions/1/restore"
    asked = post(client, restore, {"version": "1"}, page=history_path(module))
    assert asked.status_code == 200 and "Restore revision 1?" in asked.get_data(as_text=True)
    # Confirmed with the version the page showed before someone saved again: refused.
    stale = post(client, restore, {"version": "0", "confirmed": "1"}, page=history_path(module))
    assert stale.status_code == 302
    assert "changed while you were looking" in client.get(stale.location).get_data(as_text=True)
    draft = db.session.scalar(db.select(ModuleDraft))
    db.session.refresh(draft)
    assert draft.text("en").body_markdown == "Work in progress."
    done = post(client, restore, {"version": "1", "confirmed": "1"}, page=history_path(module))
    assert done.status_code == 302
    db.session.refresh(draft)
    assert draft.text("en").body_markdown != "Work in progress."


def test_a_revision_the_module_never_had_is_not_found(client, people, module):
    login(client, people["runner"])
    restore = f"/manage/courses/spo-principles/modules/{module.id}/revisions/7/restore"
    assert post(client, restore, {"version": "0"}, page=history_path(module)).status_code == 404


def test_the_history_reads_a_fixed_number_of_statements(client, people, module):
    login(client, people["runner"])
    publish_text(client, module, "Second.")
    with counted_statements() as few:
        assert client.get(history_path(module)).status_code == 200
    for number in range(3, 9):
        publish_text(client, module, f"Text number {number}.")
    assert db.session.scalar(db.select(db.func.max(ModuleRevision.revision))) == 8
    with counted_statements() as many:
        assert client.get(history_path(module)).status_code == 200
    assert len(many) == len(few)
