"""Trainers' side of quizzes: courses they run, settings, GIFT questions, answer key, export."""

import html
import io
import re

import pytest
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from lms.content.gift import parse_gift
from lms.extensions import db
from lms.models import AuditEvent, Question, QuestionRevision, Quiz

from ..helpers import (
    ROLES,
    SAMPLE_GIFT,
    SAMPLE_GIFT_ZH,
    STAFF_PAGE_STATUS,
    asks_first,
    csrf_token,
    field_errors,
    login,
    post,
)


@pytest.fixture
def quiz(imported_course, make_quiz):
    """Give the course's first module the sample quiz."""
    return make_quiz(imported_course.modules[0], gift=SAMPLE_GIFT)


def as_role(client, people, role):
    """Log in as ``role`` (nobody for anonymous) and return the user."""
    if role == "anonymous":
        return None
    login(client, people[role])
    return people[role]


def count(model) -> int:
    """Return how many rows of ``model`` the database holds."""
    return db.session.scalar(db.select(db.func.count()).select_from(model))


def actions() -> list[str]:
    """Return the actions of the audit trail after the course import, oldest first."""
    query = db.select(AuditEvent.action).where(AuditEvent.action != "course.import")
    return list(db.session.scalars(query.order_by(AuditEvent.id)))


def quiz_page(module) -> str:
    """Return the path of a module's quiz page."""
    return f"/manage/modules/{module.id}/quiz"


def send_questions(client, module, text="", language="en", upload=None, confirm=True):
    """Post GIFT text (or a file given as (bytes, filename)) to the module's quiz page.

    ``confirm`` sends it as the confirmation page does (see tests/authoring/test_gift_plan.py).
    """
    data = {"part": "questions", "language": language, "text": text}
    if confirm:
        data["confirmed"] = "1"
    if upload is not None:
        data["file"] = (io.BytesIO(upload[0]), upload[1])
    return post(client, quiz_page(module), data, page=quiz_page(module))


SETTINGS = {
    "part": "settings",
    "pass_mark": "70",
    "max_attempts": "3",
    "time_limit_minutes": "",
    "shuffle_questions": "y",
    "review": "correctness",
    "layout": "all",
}


# --- who sees what -----------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_quiz_pages_by_role(client, people, quiz, role):
    """Only trainers running the course and admins reach its quiz, key, export and attempts."""
    as_role(client, people, role)
    module = quiz.module
    expected = STAFF_PAGE_STATUS[role]
    for path in (
        quiz_page(module),
        f"/manage/quizzes/{quiz.id}/export.gift",
        f"/manage/quizzes/{quiz.id}/attempts",
        f"/manage/courses/{module.course.slug}",
    ):
        response = client.get(path)
        assert response.status_code == expected, path
        if role == "anonymous":
            assert response.location.startswith("/login")
        if expected != 200:
            assert "The general assembly of members" not in response.text


@pytest.mark.parametrize("role", ROLES)
def test_index_by_role(client, people, quiz, role):
    """List the courses a trainer runs with quiz status; other trainers see none of them."""
    as_role(client, people, role)
    response = client.get("/manage/")
    if role == "anonymous":
        assert response.status_code == 302
        return
    if role in ("learner", "coordinator"):
        assert response.status_code == 403
        return
    assert response.status_code == 200
    page = response.text
    title = "SPO principles and the Fairtrade standard"
    if role == "trainer":
        assert title not in page
        assert "You do not run any course yet." in page
    else:
        assert title in page
        assert "3 questions" in page and "pass mark 80%" in page
        assert "No quiz" in page  # the other modules
        assert f'href="/manage/quizzes/{quiz.id}/attempts"' in page
        assert 'href="/manage/"' in page  # the nav link "Courses I run"


def test_missing_objects_are_404(client, people, quiz):
    """Answer 404 for ids and slugs that do not exist, even to an admin."""
    login(client, people["admin"])
    for path in (
        "/manage/modules/999999/quiz",
        "/manage/quizzes/999999/export.gift",
        "/manage/quizzes/999999/attempts",
        "/manage/attempts/999999",
        "/manage/courses/no-such-course",
    ):
        assert client.get(path).status_code == 404, path
    response = post(client, "/manage/answers/999999/mark", {"score": "50"}, page="/manage/")
    assert response.status_code == 404


# --- settings ----------------------------------------------------------------------------


def test_settings_are_saved_and_audited(client, people, quiz):
    """Save the settings form, bump the quiz revision and record what changed."""
    login(client, people["runner"])
    revision = quiz.revision
    response = post(client, quiz_page(quiz.module), SETTINGS, page=quiz_page(quiz.module))
    assert response.status_code == 302
    db.session.refresh(quiz)
    assert (quiz.pass_mark, quiz.max_attempts, quiz.time_limit_minutes) == (70, 3, None)
    assert (quiz.shuffle_questions, quiz.shuffle_answers) == (True, False)
    assert (quiz.review, quiz.layout) == ("correctness", "all")
    assert quiz.revision == revision + 1
    event = db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "quiz.settings"))
    assert event.actor_id == people["runner"].id and event.target_id == quiz.id
    assert event.detail["changed"]["pass_mark"] == [80, 70]
    assert "Quiz settings saved." in client.get(quiz_page(quiz.module)).text
    # Saving the same values again changes nothing.
    post(client, quiz_page(quiz.module), SETTINGS, page=quiz_page(quiz.module))
    db.session.refresh(quiz)
    assert quiz.revision == revision + 1


def test_settings_errors_name_the_field(client, people, quiz):
    """Refuse values out of range, say which field, and change nothing."""
    login(client, people["admin"])
    bad = {
        **SETTINGS,
        "pass_mark": "120",
        "max_attempts": "0",
        "time_limit_minutes": "2000",
        "review": "everything",
    }
    response = post(client, quiz_page(quiz.module), bad, page=quiz_page(quiz.module))
    assert response.status_code == 200
    page = response.text
    assert field_errors(page, "pass_mark") == ["Enter a pass mark from 0 to 100."]
    assert field_errors(page, "max_attempts") == ["Enter a number from 1 to 100."]
    assert field_errors(page, "time_limit_minutes") == ["Enter from 1 to 1440 minutes."]
    assert field_errors(page, "review")
    db.session.refresh(quiz)
    assert (quiz.pass_mark, quiz.max_attempts, quiz.review) == (80, None, "answers")
    assert "quiz.settings" not in actions()


def test_blank_limits_mean_unlimited(client, people, make_quiz, imported_course):
    """Clear max attempts and the time limit by leaving the fields empty."""
    quiz = make_quiz(
        imported_course.modules[0], gift=SAMPLE_GIFT, max_attempts=2, time_limit_minutes=30
    )
    login(client, people["runner"])
    form = {**SETTINGS, "max_attempts": "", "time_limit_minutes": ""}
    post(client, quiz_page(quiz.module), form, page=quiz_page(quiz.module))
    db.session.refresh(quiz)
    assert (quiz.max_attempts, quiz.time_limit_minutes) == (None, None)


# --- GIFT questions ----------------------------------------------------------------------


def test_pasting_gift_creates_the_quiz(client, people, imported_course):
    """Create a quiz for a module without one, named after the module's file."""
    module = imported_course.modules[1]
    assert module.quiz is None
    login(client, people["runner"])
    response = send_questions(client, module, SAMPLE_GIFT, confirm=False)
    assert response.location == quiz_page(module) + "#content"
    db.session.refresh(module)
    quiz = module.quiz
    assert quiz.source_name == module.stem
    assert [q.ident for q in quiz.active_questions] == ["premium", "democracy", "minimum-price"]
    assert all(q.revision == 1 for q in quiz.active_questions)
    page = client.get(quiz_page(module)).text
    assert "3 added, 0 revised, 0 retired." in page
    event = db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "quiz.questions"))
    assert event.actor_id == people["runner"].id and event.target_id == quiz.id
    assert event.detail["added"] == ["premium", "democracy", "minimum-price"]


def test_pasting_gift_revises_and_retires(client, people, quiz):
    """Report what changed: one question added, one revised, one retired."""
    text = SAMPLE_GIFT.replace("An SPO is run democratically", "An SPO is run by its members")
    text = text.split("// [id:minimum-price]")[0] + "// [id:new]\nSay why. {}\n"
    login(client, people["runner"])
    response = send_questions(client, quiz.module, text)
    assert response.location == quiz_page(quiz.module) + "#content"
    page = client.get(quiz_page(quiz.module)).text
    assert "1 added, 1 revised, 1 retired." in page
    db.session.refresh(quiz)
    assert [q.ident for q in quiz.active_questions] == ["premium", "democracy", "new"]
    assert count(Question) == 4  # the retired one stays for old attempts


def test_bad_gift_changes_nothing_and_says_where(client, people, quiz):
    """Show every error as file:line, keep the pasted text, write nothing."""
    text = "// [id:a]\nFirst {=yes ~no}\n\n// [id:b]\nSecond {~only wrong %33.33%x}\n"
    login(client, people["runner"])
    before = (count(Question), count(QuestionRevision), len(actions()), quiz.revision)
    # The first press already checks the GIFT: errors come before any confirmation.
    response = send_questions(client, quiz.module, text, confirm=False)
    assert response.status_code in (200, 422) and 'class="confirm"' not in response.text
    page = response.text
    errors = re.findall(r"<li><code>(.*?)</code></li>", page)
    assert errors and all(re.match(r"pasted\.gift:\d+: ", html.unescape(e)) for e in errors)
    assert any(html.unescape(e).startswith("pasted.gift:5: ") for e in errors)
    assert "so nothing was changed" in page
    assert html.escape("Second {~only wrong %33.33%x}", quote=False) in page  # kept in the form
    db.session.refresh(quiz)
    after = (count(Question), count(QuestionRevision), len(actions()), quiz.revision)
    assert after == before


def test_empty_text_or_both_inputs_are_refused(client, people, quiz):
    """Ask for text or a file, not neither and not both."""
    login(client, people["runner"])
    page = send_questions(client, quiz.module, "   ").text
    assert field_errors(page, "text") == ["Paste GIFT text here, or choose a .gift file below."]
    page = send_questions(client, quiz.module, SAMPLE_GIFT, upload=(b"x {}", "q.gift")).text
    assert field_errors(page, "file") == ["Paste the text or upload a file, not both."]


def test_uploading_a_file_with_a_byte_order_mark(client, people, imported_course):
    """Read an uploaded UTF-8 file whose first bytes are a BOM, with CRLF line ends."""
    module = imported_course.modules[2]
    data = b"\xef\xbb\xbf" + SAMPLE_GIFT.replace("\n", "\r\n").encode()
    login(client, people["admin"])
    response = send_questions(client, module, upload=(data, "premium-quiz.gift"))
    assert response.status_code == 302, response.text
    db.session.refresh(module)
    assert [q.ident for q in module.quiz.active_questions][0] == "premium"


def test_uploaded_bad_bytes_are_refused_with_a_line(client, people, quiz):
    """Say which line of an uploaded file is not UTF-8, and change nothing."""
    data = SAMPLE_GIFT.encode() + "\n// [id:x]\nCafé {T}\n".encode("latin-1")
    login(client, people["runner"])
    before = count(QuestionRevision)
    response = send_questions(client, quiz.module, upload=(data, "latin.gift"))
    errors = [html.unescape(e) for e in re.findall(r"<li><code>(.*?)</code></li>", response.text)]
    assert len(errors) == 1 and errors[0].startswith("latin.gift:15: this file is not UTF-8")
    assert count(QuestionRevision) == before


def test_upload_must_be_a_small_gift_file(client, people, quiz):
    """Refuse other file names and files over 1 MB, next to the file field."""
    login(client, people["runner"])
    page = send_questions(client, quiz.module, upload=(b"Q {T}", "quiz.txt")).text
    assert field_errors(page, "file") == ["Choose a file whose name ends in .gift."]
    big = b"// " + b"x" * (1024 * 1024) + b"\nQ {T}\n"
    form = {
        "csrf_token": csrf_token(client, quiz_page(quiz.module)),
        "part": "questions",
        "language": "en",
        "file": FileStorage(io.BytesIO(big), "big.gift", content_type="text/plain"),
    }
    # Encoded in memory: the test client would spool a body this large to a file it never closes.
    boundary, body = encode_multipart(form)
    content_type = f"multipart/form-data; boundary={boundary}"
    page = client.post(quiz_page(quiz.module), data=body, content_type=content_type).text
    assert field_errors(page, "file") == ["The file is larger than 1 MB."]


def test_chinese_translation_is_stored(client, people, quiz):
    """Store a matching Chinese file as the questions' zh text."""
    login(client, people["runner"])
    response = send_questions(client, quiz.module, SAMPLE_GIFT_ZH, language="zh")
    assert response.status_code == 302, response.text
    db.session.refresh(quiz)
    assert quiz.active_questions[0].data["zh"]["title"] == "溢价"
    assert quiz.active_questions[0].data["en"]["title"] == "Premium"
    assert "quiz.questions" in actions()
    page = client.get(quiz_page(quiz.module) + "?language=zh").text
    assert "社员大会" in page  # the key in Chinese


def test_mismatched_translation_is_refused_with_a_line(client, people, quiz):
    """Refuse a translation whose answers differ from the default text, saying where."""
    text = SAMPLE_GIFT_ZH.replace("{T#是的", "{F#是的")
    login(client, people["runner"])
    before = count(QuestionRevision)
    response = send_questions(client, quiz.module, text, language="zh")
    errors = [html.unescape(e) for e in re.findall(r"<li><code>(.*?)</code></li>", response.text)]
    assert errors and all(re.match(r"pasted\.zh\.gift:\d+: ", error) for error in errors)
    assert any(error.startswith("pasted.zh.gift:9: ") for error in errors)
    assert count(QuestionRevision) == before
    db.session.refresh(quiz)
    assert all("zh" not in q.data for q in quiz.active_questions)


def test_translation_needs_default_questions_first(client, people, imported_course):
    """Refuse a translation for a module that has no questions yet."""
    login(client, people["runner"])
    module = imported_course.modules[3]
    page = send_questions(client, module, SAMPLE_GIFT_ZH, language="zh").text
    assert field_errors(page, "language") == ["Add the questions in the default language first."]
    db.session.refresh(module)
    assert module.quiz is None


def test_replacing_default_text_keeps_matching_translations(
    client, people, imported_course, make_quiz
):
    """Keep zh for questions whose structure still matches; name the dropped ones."""
    quiz = make_quiz(imported_course.modules[0], gift=SAMPLE_GIFT, gift_zh=SAMPLE_GIFT_ZH)
    text = SAMPLE_GIFT.replace("Who decides how", "Who decides, in the end, how")
    text = text.replace("{T#It is", "{F#It is")  # democracy now has another right answer
    login(client, people["runner"])
    response = send_questions(client, quiz.module, text)
    assert response.status_code == 302
    db.session.refresh(quiz)
    premium, democracy, minimum = quiz.active_questions
    assert premium.data["zh"]["title"] == "溢价"
    assert "Who decides, in the end" in premium.data["en"]["html"]
    assert "zh" not in democracy.data
    assert "zh" in minimum.data and minimum.revision == 1  # unchanged: no new revision
    page = client.get(quiz_page(quiz.module)).text
    assert "0 added, 2 revised, 0 retired." in page
    assert "democracy (Chinese)" in page


# --- answer key and export ---------------------------------------------------------------


def test_answer_key_shows_right_answers_and_feedback(client, people, quiz):
    """Show every question with answers, weights, feedback and right ones marked."""
    login(client, people["runner"])
    page = client.get(quiz_page(quiz.module)).text
    key = page[page.index('id="key"') :]
    assert "The general assembly of members" in key
    assert "Right: members vote on the plan." in key
    assert "No: auditors check" in key
    assert key.count("✓ right") == 4  # assembly, True, safety net, the 50% bonus
    assert "(50%)" in key and "(100%)" in key
    assert "It is: one member, one vote." in key


def test_export_round_trips(client, people, imported_course, make_quiz):
    """Download GIFT that parses back to the stored questions, in both languages."""
    quiz = make_quiz(imported_course.modules[0], gift=SAMPLE_GIFT, gift_zh=SAMPLE_GIFT_ZH)
    login(client, people["runner"])
    response = client.get(f"/manage/quizzes/{quiz.id}/export.gift?language=en")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert response.headers["Content-Disposition"] == "attachment; filename=test.gift"
    parsed = parse_gift(response.get_data(as_text=True), "test.gift")
    assert [q.data for q in parsed] == [q.data["en"] for q in quiz.active_questions]
    response = client.get(f"/manage/quizzes/{quiz.id}/export.gift?language=zh")
    assert response.headers["Content-Disposition"] == "attachment; filename=test.zh.gift"
    parsed = parse_gift(response.get_data(as_text=True), "test.zh.gift")
    assert [q.data for q in parsed] == [q.data["zh"] for q in quiz.active_questions]
    assert client.get(f"/manage/quizzes/{quiz.id}/export.gift?language=fr").status_code == 404


# --- trainers of a course ----------------------------------------------------------------


def test_a_trainer_with_only_a_mobile_number_can_be_added(
    client, people, imported_course, make_user
):
    """A trainer without e-mail is found by their number, however it is typed."""
    from lms.models import Role

    trainer = make_user(Role.TRAINER, mobile="+8613700137000")
    course_page = f"/manage/courses/{imported_course.slug}"
    login(client, people["admin"])
    response = post(client, f"{course_page}/trainers", {"email": "137-0013-7000"}, page=course_page)
    assert response.location == course_page
    assert trainer.id in {row.user_id for row in imported_course.trainers}


def test_admin_assigns_and_removes_trainers(client, people, imported_course):
    """Add a trainer by e-mail, refuse non-trainers with a field error, remove; all audited."""
    course_page = f"/manage/courses/{imported_course.slug}"
    login(client, people["admin"])
    trainer = people["trainer"]
    add = f"{course_page}/trainers"
    response = post(client, add, {"email": trainer.email.upper()}, page=course_page)
    assert response.location == course_page
    assert trainer.id in {row.user_id for row in imported_course.trainers}
    page = post(client, add, {"email": people["learner"].email}, page=course_page).text
    assert field_errors(page, "email") == [
        "This account is not an active trainer or admin: change its role first."
    ]
    page = post(client, add, {"email": "nobody@example.org"}, page=course_page).text
    assert field_errors(page, "email") == ["No account has this e-mail, mobile number or username."]
    page = post(client, add, {"email": "138 0013 800"}, page=course_page).text
    assert field_errors(page, "email") == [
        "This mobile number is not valid: check its digits (138 0013 800)."
    ]
    page = post(client, add, {"email": trainer.email}, page=course_page).text
    assert field_errors(page, "email") == ["This trainer already runs the course."]
    asked, response = asks_first(
        client,
        f"{course_page}/trainers/{trainer.id}/remove",
        page=course_page,
        state=lambda: {row.user_id for row in imported_course.trainers},
    )
    assert f"Stop {trainer.name} running this course?" in asked
    assert "will no longer see this course&#39;s learners, attempts and answer key" in asked
    assert response.location == course_page
    assert trainer.id not in {row.user_id for row in imported_course.trainers}
    assert actions() == ["course.trainer.add", "course.trainer.remove"]


def test_trainers_see_the_course_page_read_only(client, people, imported_course):
    """Show a running trainer the trainers without forms; refuse their changes with 403."""
    course_page = f"/manage/courses/{imported_course.slug}"
    login(client, people["runner"])
    page = client.get(course_page).text
    assert "Runner Trainer" in page and "Add a trainer" not in page
    response = post(client, f"{course_page}/trainers", {"email": "x@example.org"}, page="/")
    assert response.status_code == 403
    remove = f"{course_page}/trainers/{people['runner'].id}/remove"
    assert post(client, remove, page="/").status_code == 403
    assert actions() == []


def test_quiz_models_are_scoped_by_id(client, people, quiz):
    """Keep another course's trainer out even when they know every id."""
    login(client, people["trainer"])
    assert client.get(quiz_page(quiz.module)).status_code == 403
    response = post(client, quiz_page(quiz.module), SETTINGS, page="/")
    assert response.status_code == 403
    assert db.session.get(Quiz, quiz.id).pass_mark == 80


def test_the_trainer_index_names_the_quiz_languages(client, people, imported_course, make_quiz):
    """Courses I run lists a quiz's languages by name, not by code."""
    make_quiz(imported_course.modules[0], gift_zh=SAMPLE_GIFT_ZH)
    login(client, people["runner"])
    page = client.get("/manage/").text
    assert "English, Chinese" in page and "en, zh" not in page
    post(client, "/language", {"locale": "zh_Hans"}, page="/")
    assert "中文" in client.get("/manage/").text


def test_a_quiz_added_in_the_browser_waits_for_the_publish(client, people, imported_course):
    """Keep learners completing the module by hand until the course is published."""
    module = imported_course.modules[1]
    login(client, people["runner"])
    assert send_questions(client, module, SAMPLE_GIFT).status_code == 302
    db.session.refresh(module)
    assert module.quiz.pending == "add" and not module.quiz.active
    assert "joins the module when you next publish" in client.get(quiz_page(module)).text
    assert "Quiz added" in client.get("/manage/courses/spo-principles").text
    client.get("/logout")
    login(client, people["learner"])
    post(client, "/courses/spo-principles/enrol", page="/courses/spo-principles")
    page = client.get(f"/courses/spo-principles/modules/{module.slug}").text
    assert "Mark as done" in page and "quiz" not in page.lower().split("<main", 1)[1]
