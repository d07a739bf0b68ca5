"""The admin's audit log: each filter and their combinations, paging, and who may read it."""

import html
import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from lms.admin.audit_log import utc_start_of
from lms.extensions import db
from lms.models import AuditEvent, Role

from ..helpers import counted_statements, field_errors, field_value, login, post

ROW = re.compile(r"<tr>(.*?)</tr>", re.S)
CELL = re.compile(r'<td data-label="[^"]*"><span class="cell">(.*?)</span></td>', re.S)
TAG = re.compile(r"<[^>]+>")


def rows(page: str) -> list[list[str]]:
    """Return the log's rows as the reader sees them: when, who, what, course, concerning."""
    body = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    found = []
    for row in ROW.findall(body):
        cells = [html.unescape(TAG.sub("", cell)).strip() for cell in CELL.findall(row)]
        if cells:
            found.append(cells)
    return found


def sentences(page: str) -> list[str]:
    """Return the "what happened" column, newest first."""
    return [row[2] for row in rows(page)]


def link(page: str, text: str) -> str:
    """Return the address of the link whose text is ``text``."""
    match = re.search(rf'<a [^>]*href="([^"]+)"[^>]*>\W*{re.escape(text)}\W*</a>', page)
    assert match, f"no link {text!r}"
    return html.unescape(match.group(1))


def event(actor, action, when, target_type="Course", target_id=None, course=None, **detail):
    """Store an audit event as ``record`` would, at the time ``when`` (an ISO string, UTC)."""
    db.session.add(
        AuditEvent(
            actor_id=actor.id if actor else None,
            action=action,
            target_type=target_type,
            target_id=target_id if target_id is not None else (course.id if course else None),
            course_id=course.id if course else None,
            detail=detail,
            created_at=datetime.fromisoformat(when),
        )
    )


@pytest.fixture
def admin(client, make_user):
    """Log an admin in on ``client`` and return them."""
    user = make_user(role=Role.ADMIN, name="Chen Admin")
    login(client, user)
    return user


@pytest.fixture
def trail(admin, make_user, make_org, imported_course):
    """A few days of events by a trainer and the admin, on the course and on an account."""
    spo = make_org("menghai-tea")
    trainer = make_user(role=Role.TRAINER, name="Li Na", email="li.na@example.org")
    learner = make_user(organization=spo, name="Wang Fang", mobile="+8613800138000")
    db.session.execute(db.delete(AuditEvent))  # the import's own event; these tests make theirs
    course = imported_course
    event(trainer, "module.draft", "2026-03-09T08:00:00", course=course, version=2)
    event(trainer, "course.publish", "2026-03-10T10:00:00", course=course, note="")
    event(admin, "user.update", "2026-03-11T09:30:00", "User", learner.id, fields=["name"])
    event(
        admin,
        "user.update",
        "2026-03-12T23:59:00",
        "User",
        learner.id,
        fields=["role"],
        role="trainer",
    )
    event(admin, "cohort.create", "2026-03-13T00:00:00", "Cohort", 999, name="Kunming 2026")
    db.session.commit()
    return {"admin": admin, "trainer": trainer, "learner": learner, "course": course}


def test_every_event_is_listed_newest_first_with_who_and_the_course(client, trail):
    """Show each event's time, its actor linked to their account, a sentence and the course."""
    page = client.get("/admin/audit").text
    assert rows(page) == [
        ["3/13/26, 12:00\u202fAM", "Chen Admin", "created the cohort", "", "cohort no. 999"],
        ["3/12/26, 11:59\u202fPM", "Chen Admin", "changed the role to trainer", "", "Wang Fang"],
        ["3/11/26, 9:30\u202fAM", "Chen Admin", "changed the account: Full name", "", "Wang Fang"],
        [
            "3/10/26, 10:00\u202fAM",
            "Li Na",
            "published the course",
            "SPO principles and the Fairtrade standard",
            "the course",
        ],
        [
            "3/9/26, 8:00\u202fAM",
            "Li Na",
            "saved a draft of the module",
            "SPO principles and the Fairtrade standard",
            "the course",
        ],
    ]
    assert link(page, "Li Na") == f"/admin/users/{trail['trainer'].id}"
    assert link(page, "Wang Fang") == f"/admin/users/{trail['learner'].id}"


def test_a_role_changed_in_the_users_page_is_a_sentence_in_the_log(
    client, admin, make_user, make_org
):
    """Make a learner a trainer through the form: the log says so, naming both people."""
    spo = make_org("menghai-tea")
    member = make_user(organization=spo, name="Zhao Lei")
    form = {
        "name": "Zhao Lei",
        "email": member.email,
        "role": "trainer",
        "organization_id": str(spo.id),
        "active": "y",
    }
    assert post(client, f"/admin/users/{member.id}", form, page="/admin/users").status_code == 302
    [[_when, who, what, course, concerning]] = rows(client.get("/admin/audit").text)
    assert (who, what, course, concerning) == (
        "Chen Admin",
        "changed the role to trainer",
        "",
        "Zhao Lei",
    )


def test_an_import_from_the_command_line_has_no_person(client, admin, imported_course):
    """The course import's event names no actor, and says what it did to which course."""
    [[_when, who, what, course, concerning]] = rows(client.get("/admin/audit").text)
    assert (who, what, course, concerning) == (
        "the system or a removed account",
        "imported the course from its folder, version 1",
        "SPO principles and the Fairtrade standard",
        "the course",
    )


def test_the_course_title_follows_the_readers_language(client, trail):
    """A Chinese reader sees the course's Chinese title; the sentence still renders."""
    trail["admin"].locale = "zh_Hans"
    db.session.commit()
    page = client.get("/admin/audit?kind=publishing").text
    [[_when, who, _what, course, _concerning]] = rows(page)
    assert (who, course) == ("Li Na", "小农组织原则与公平贸易标准")


@pytest.mark.parametrize(
    "query, expected",
    [
        ("person=li+na", ["published the course", "saved a draft of the module"]),
        ("person=LI.NA%40EXAMPLE", ["published the course", "saved a draft of the module"]),
        # The person an event was about counts too: here, by the digits of their mobile.
        ("person=138+0013+8000", ["changed the role to trainer", "changed the account: Full name"]),
        ("person=nobody-like-this", []),
        ("kind=content", ["saved a draft of the module"]),
        ("kind=publishing", ["published the course"]),
        ("kind=accounts", ["changed the role to trainer", "changed the account: Full name"]),
        ("kind=cohorts", ["created the cohort"]),
        ("kind=certificates", []),
        ("kind=all", None),
        ("date_from=2026-03-12", ["created the cohort", "changed the role to trainer"]),
        ("date_to=2026-03-09", ["saved a draft of the module"]),
        # A day ends at midnight: 23:59 is still the 12th, 00:00 is the 13th.
        ("date_from=2026-03-12&date_to=2026-03-12", ["changed the role to trainer"]),
    ],
)
def test_each_filter_narrows_the_log(client, trail, query, expected):
    """Narrow by person (name, e-mail or mobile of actor or target), kind, and dates."""
    page = client.get(f"/admin/audit?{query}")
    assert page.status_code == 200
    if expected is None:  # "all" is the whole log
        assert len(rows(page.text)) == 5
    else:
        assert sentences(page.text) == expected


def test_the_course_filter_keeps_that_courses_events(client, trail):
    """Pick the course from the select: only its events are listed, and it stays selected."""
    course = trail["course"]
    page = client.get(f"/admin/audit?course={course.id}").text
    assert sentences(page) == ["published the course", "saved a draft of the module"]
    assert f'<option selected value="{course.id}">' in page


def test_filters_combine_and_stay_in_the_form(client, trail):
    """Person, course, kind and dates together narrow the log; the form shows what was asked."""
    filters = {
        "person": "Li",
        "course": trail["course"].id,
        "kind": "publishing",
        "date_from": "2026-03-01",
        "date_to": "2026-03-31",
    }
    page = client.get("/admin/audit", query_string=filters).text
    assert sentences(page) == ["published the course"]
    assert (field_value(page, "person"), field_value(page, "date_from")) == ("Li", "2026-03-01")
    content = client.get("/admin/audit", query_string={**filters, "kind": "content"}).text
    assert sentences(content) == ["saved a draft of the module"]
    by_admin = client.get("/admin/audit", query_string={**filters, "person": "Chen"}).text
    assert sentences(by_admin) == []
    assert "No event matches these filters." in by_admin
    from_the_10th = {**filters, "kind": "all", "date_from": "2026-03-10"}
    assert sentences(client.get("/admin/audit", query_string=from_the_10th).text) == [
        "published the course"
    ]


@pytest.mark.parametrize(
    "query, field, message",
    [
        ("date_from=2026-02-30", "date_from", "Enter a date as YYYY-MM-DD, e.g. 2026-03-15."),
        ("date_to=yesterday", "date_to", "Enter a date as YYYY-MM-DD, e.g. 2026-03-15."),
        (
            "date_from=2026-03-12&date_to=2026-03-11",
            "date_to",
            "The end date is before the start date.",
        ),
        ("course=999999", "course", "There is no such course: choose one from the list."),
        ("course=spo-principles", "course", "There is no such course: choose one from the list."),
        ("kind=everything", "kind", "Choose a kind of event from the list."),
        ("person=" + "x" * 101, "person", "Type at most 100 characters."),
    ],
)
def test_bad_filters_answer_422_with_the_message_by_the_field(client, trail, query, field, message):
    """Refuse a filter that cannot be read: say why beside it, and list no event at all."""
    response = client.get(f"/admin/audit?{query}")
    assert response.status_code == 422
    assert field_errors(response.text, field) == [message]
    assert "<table" not in response.text
    assert "Li Na" not in response.text


def test_the_log_pages_fifty_events_at_a_time(client, admin):
    """120 events: newest 50, then 50 older, then 20; "newer" leads back; filters are kept."""
    for number in range(120):
        event(admin, "cohort.remove_member", f"2026-01-01T00:{number // 60:02}:{number % 60:02}")
    db.session.commit()
    ids = db.session.scalars(db.select(AuditEvent.id).order_by(AuditEvent.id.desc())).all()

    def shown(page: str) -> list[str]:
        return [row[0] for row in rows(page)]

    first = client.get("/admin/audit?kind=cohorts").text
    assert len(rows(first)) == 50 and "Newer events" not in first
    assert shown(first)[0] == "1/1/26, 12:01\u202fAM"  # 00:01:59, the newest
    older = link(first, "Older events")
    assert older == f"/admin/audit?before={ids[49]}&kind=cohorts"
    second = client.get(older).text
    assert len(rows(second)) == 50
    third = client.get(link(second, "Older events")).text
    assert len(rows(third)) == 20 and "Older events" not in third
    back = client.get(link(third, "Newer events")).text
    assert rows(back) == rows(second)
    assert link(back, "Older events") == link(second, "Older events")
    assert "Newer events" not in client.get(link(second, "Newer events")).text


def test_a_hostile_detail_is_shown_as_text(client, admin, make_user):
    """A revocation reason, a name and an action that hold markup are escaped, never run."""
    hostile = make_user(name='<img src=x onerror="alert(1)">')
    event(
        admin,
        "certificate.revoke",
        "2026-03-01T10:00:00",
        "Certificate",
        7,
        reason="<script>x</script>",
    )
    event(hostile, "user.<b>odd</b>", "2026-03-02T10:00:00", "User", admin.id)
    db.session.commit()
    page = client.get("/admin/audit").text
    assert "<script>x</script>" not in page and "<b>odd</b>" not in page
    assert "<img src=x" not in page
    assert "revoked the certificate: “&lt;script&gt;x&lt;/script&gt;”" in page
    assert sentences(page) == [
        "did user.<b>odd</b>",
        "revoked the certificate: “<script>x</script>”",
    ]


def test_the_log_reads_the_same_statements_for_five_events_or_fifty(client, trail):
    """Count the page's SQL statements at 5 and at 55 events: the number does not grow."""
    with counted_statements() as few:
        assert client.get("/admin/audit").status_code == 200
    admin, learner, course = trail["admin"], trail["learner"], trail["course"]
    for number in range(50):
        target = ("User", learner.id) if number % 2 else ("Course", course.id)
        event(admin, "user.update", f"2026-04-01T10:{number:02}:00", *target, course=course)
    db.session.commit()
    with counted_statements() as many:
        page = client.get("/admin/audit")
    assert len(rows(page.text)) == 50
    assert len(many) == len(few), many


@pytest.mark.parametrize("role", [Role.LEARNER, Role.COORDINATOR, Role.TRAINER])
def test_only_admins_read_the_log(client, make_user, make_org, role):
    """Learners, coordinators and trainers are refused with 403."""
    spo = make_org("menghai-tea")
    login(client, make_user(role=role, organization=spo))
    assert client.get("/admin/audit").status_code == 403


def test_a_visitor_is_sent_to_log_in(client):
    """Someone not logged in is sent to the login page, back to the log afterwards."""
    response = client.get("/admin/audit?kind=content")
    assert response.status_code == 302
    assert response.location.startswith("/login?next=")


def test_the_admin_pages_link_to_the_log(client, admin):
    """The admin menu has the audit log beside users and SPOs; an empty log says so."""
    assert link(client.get("/admin/users").text, "Audit log") == "/admin/audit"
    page = client.get("/admin/audit").text
    assert "No event recorded yet." in page


def test_a_day_begins_at_midnight_where_the_reader_is():
    """Read a date filter in the reader's time zone: Beijing's 12 March starts at 16:00 UTC."""
    day = date(2026, 3, 12)
    assert utc_start_of(day, ZoneInfo("Asia/Shanghai")) == datetime(2026, 3, 11, 16, 0)
    assert utc_start_of(day, ZoneInfo("UTC")) == datetime(2026, 3, 12, 0, 0)
