"""Cohorts: admins create training events, their trainers fill them and follow progress."""

import io
import zipfile

import pytest

from lms.extensions import db
from lms.models import (
    AuditEvent,
    Certificate,
    Cohort,
    CohortMember,
    Course,
    CourseText,
    Enrolment,
    Role,
)

from ..certificate_helpers import finish_course
from ..helpers import ROLES, asks_first, field_errors, login, post

INDEX_STATUS = {"anonymous": 302, "learner": 403, "coordinator": 403, "trainer": 200}
INDEX_STATUS |= {"runner": 200, "admin": 200}


@pytest.mark.parametrize("role", ROLES)
def test_who_opens_a_cohort(client, people, cohort, role):
    """Admins and the cohort's own trainers; another trainer is refused."""
    if role != "anonymous":
        login(client, people[role])
    assert client.get("/cohorts/").status_code == INDEX_STATUS[role]
    expected = {"runner": 200, "admin": 200}.get(role, INDEX_STATUS[role])
    expected = 403 if role == "trainer" else expected
    assert client.get(f"/cohorts/{cohort.id}").status_code == expected
    new = client.get("/cohorts/new").status_code
    assert new == {"anonymous": 302, "trainer": 200, "runner": 200, "admin": 200}.get(role, 403)


def test_an_admin_creates_a_cohort_with_its_courses(client, people, imported_course):
    """Name, place, dates and courses are saved; the end cannot precede the start."""
    login(client, people["admin"])
    bad = post(
        client,
        "/cohorts/new",
        {"name": "Post-audit training", "starts_on": "2025-05-10", "ends_on": "2025-05-09"},
        page="/cohorts/new",
    )
    assert bad.status_code == 400
    assert "The last day cannot be before the first day." in field_errors(bad.text, "ends_on")
    assert db.session.scalar(db.select(Cohort)) is None
    done = post(
        client,
        "/cohorts/new",
        {
            "name": "Post-audit training",
            "place": "Kunming",
            "starts_on": "2025-05-08",
            "ends_on": "2025-05-09",
            "courses": str(imported_course.id),
        },
        page="/cohorts/new",
    )
    assert done.status_code == 302
    cohort = db.session.scalar(db.select(Cohort))
    assert cohort.place == "Kunming" and [c.slug for c in cohort.courses] == ["spo-principles"]


def test_members_are_added_all_or_nothing(client, people, cohort, make_user):
    """One unknown address: nothing is added, and the page names it."""
    login(client, people["runner"])
    page = f"/cohorts/{cohort.id}"
    newcomer = make_user(email="new@example.org", name="新学员")
    refused = post(
        client, page + "/members", {"emails": "new@example.org, nobody@example.org"}, page=page
    )
    assert refused.status_code == 400 and "nobody@example.org" in refused.text
    assert _member_ids(cohort) == {people["learner"].id, people["coordinator"].id}
    post(client, page + "/members", {"emails": "NEW@example.org"}, page=page)
    assert newcomer.id in _member_ids(cohort)
    assert db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "cohort.add_members"))


def _member_ids(cohort) -> set[int]:
    rows = db.session.scalars(
        db.select(CohortMember.user_id).where(
            CohortMember.cohort_id == cohort.id, CohortMember.trainer.is_(False)
        )
    )
    return set(rows)


def test_only_trainers_can_train_a_cohort(client, people, cohort):
    """A learner's address is refused as a trainer; trainers cannot add trainers."""
    login(client, people["admin"])
    page = f"/cohorts/{cohort.id}"
    refused = post(client, page + "/trainers", {"email": people["learner"].email}, page=page)
    assert refused.status_code == 400 and "must have the role trainer or admin" in refused.text
    login(client, people["runner"])
    other = people["trainer"].email
    assert post(client, page + "/trainers", {"email": other}, page=page).status_code == 403


def test_the_cohort_page_shows_each_learners_progress(client, people, cohort, imported_course):
    """A finished learner shows 100% with the date and the certificate serial."""
    from lms.certificates.serials import format_serial

    certificate = finish_course(people["learner"], imported_course)
    login(client, people["runner"])
    page = client.get(f"/cohorts/{cohort.id}").text
    assert "Li Wei" in page and "100% done" in page and "0% done" in page
    assert format_serial(certificate.serial) in page


def test_an_admin_downloads_a_cohorts_certificates(
    client, people, cohort, imported_course, make_user
):
    """Only the cohort's learners' certificates for its courses go into the ZIP."""
    from lms.certificates.serials import format_serial

    inside = finish_course(people["learner"], imported_course)
    outside = finish_course(make_user(organization=people["learner"].organization), imported_course)
    login(client, people["admin"])
    response = client.get("/reports/certificates.zip", query_string={"cohort": cohort.id})
    names = zipfile.ZipFile(io.BytesIO(response.data)).namelist()
    assert len(names) == 1 and format_serial(inside.serial) in names[0]
    assert format_serial(outside.serial) not in names[0]


def test_removing_a_member(client, people, cohort):
    """A trainer removes a learner, who stays enrolled; a trainer cannot remove a fellow trainer."""
    login(client, people["runner"])
    page = f"/cohorts/{cohort.id}"
    assert (
        "does not unenrol them: their progress and certificates are kept" in client.get(page).text
    )
    learner = people["learner"]
    url = f"{page}/members/{learner.id}/remove"
    asked, _ = asks_first(client, url, page=page, state=lambda: _member_ids(cohort))
    assert "Remove Li Wei from Digital transformation training, Shanghai?" in asked
    assert "They stay enrolled in its courses: their progress and certificates are kept." in asked
    assert learner.id not in _member_ids(cohort)
    assert _enrolled(learner) == {"spo-principles"}
    runner = people["runner"]
    assert post(client, f"{page}/members/{runner.id}/remove", page=page).status_code == 403


def test_a_trainer_lists_only_their_cohorts(client, people, cohort, make_user):
    """Another trainer's list is empty; the admin sees every cohort."""
    login(client, make_user(Role.TRAINER, email="other@example.org"))
    assert cohort.name not in client.get("/cohorts/").text
    login(client, people["admin"])
    assert cohort.name in client.get("/cohorts/").text


def _enrolled(user) -> set[str]:
    query = db.select(Course.slug).join(Enrolment).where(Enrolment.user_id == user.id)
    return set(db.session.scalars(query))


def _second_course() -> Course:
    course = Course(slug="lca-basics", status="published", default_language="en", languages="en")
    course.texts.append(CourseText(language="en", title="Life Cycle Assessment basics"))
    db.session.add(course)
    db.session.commit()
    return course


def test_a_new_member_is_enrolled_and_their_trainer_records_completion(
    client, people, cohort, make_user
):
    """Adding a learner enrols them, so the trainer can record their paper completion."""
    newcomer = make_user(email="paper@example.org", name="Zhang Min")
    assert _enrolled(people["learner"]) == {"spo-principles"}
    login(client, people["runner"])
    page = f"/cohorts/{cohort.id}"
    post(client, page + "/members", {"emails": "paper@example.org"}, page=page)
    assert _enrolled(newcomer) == {"spo-principles"}
    assert _enrolled(people["runner"]) == set()
    learner_page = f"/manage/courses/spo-principles/learners/{newcomer.id}"
    assert "Zhang Min" in client.get(learner_page).text
    post(client, learner_page + "/complete", {"module": "all", "confirmed": "1"}, page=learner_page)
    certificate = db.session.scalar(
        db.select(Certificate).where(Certificate.user_id == newcomer.id)
    )
    assert certificate is not None
    # Adding them again changes nothing: one enrolment, still completed.
    post(client, page + "/members", {"emails": "paper@example.org"}, page=page)
    count = (
        db.select(db.func.count()).select_from(Enrolment).where(Enrolment.user_id == newcomer.id)
    )
    assert db.session.scalar(count) == 1


def test_adding_a_course_enrols_the_members(client, people, cohort):
    """An admin attaches a second course: every learner is enrolled, trainers are not."""
    second = _second_course()
    login(client, people["admin"])
    edit = f"/cohorts/{cohort.id}/edit"
    ids = [str(c.id) for c in db.session.scalars(db.select(Course))]
    response = post(client, edit, {"name": cohort.name, "courses": ids}, page=edit)
    assert response.status_code == 302
    for role in ("learner", "coordinator"):
        assert _enrolled(people[role]) == {"spo-principles", second.slug}
    assert _enrolled(people["runner"]) == set()


def test_a_trainer_creates_a_cohort_and_becomes_its_trainer(client, people, imported_course):
    """The runner creates a cohort with their course; it is theirs to open and fill."""
    login(client, people["runner"])
    form = client.get("/cohorts/new").text
    assert imported_course.text("en").title in form
    data = {"name": "Menghai tea training", "courses": str(imported_course.id)}
    response = post(client, "/cohorts/new", data, page="/cohorts/new")
    assert response.status_code == 302
    cohort = db.session.scalar(db.select(Cohort))
    assert [(row.user_id, row.trainer) for row in cohort.members] == [(people["runner"].id, True)]
    assert "Menghai tea training" in client.get("/cohorts/").text
    assert client.get(f"/cohorts/{cohort.id}").status_code == 200
    edit = f"/cohorts/{cohort.id}/edit"
    renamed = post(client, edit, {"name": "Menghai tea training, day 2"}, page=edit)
    assert renamed.status_code == 302
    login(client, people["trainer"])  # another trainer: not theirs
    assert client.get(edit).status_code == 403
    db.session.expire_all()
    assert cohort.name == "Menghai tea training, day 2" and cohort.courses == []


def test_a_trainer_cannot_attach_a_course_they_do_not_run(client, people, cohort):
    """Another course's id is refused with a clear message, and nothing changes."""
    second = _second_course()
    login(client, people["runner"])
    assert "Life Cycle Assessment basics" not in client.get("/cohorts/new").text
    data = {"name": "Sneaky", "courses": [str(second.id)]}
    refused = post(client, "/cohorts/new", data, page="/cohorts/new")
    message = "You can only attach courses you run. Ask an admin for the others."
    assert refused.status_code == 400 and field_errors(refused.text, "courses") == [message]
    assert db.session.scalar(db.select(db.func.count()).select_from(Cohort)) == 1
    edit = f"/cohorts/{cohort.id}/edit"
    ids = [str(cohort.courses[0].id), str(second.id)]
    refused = post(client, edit, {"name": "Renamed", "courses": ids}, page=edit)
    assert refused.status_code == 400 and field_errors(refused.text, "courses") == [message]
    db.session.expire_all()
    assert cohort.name != "Renamed" and [c.slug for c in cohort.courses] == ["spo-principles"]
    assert _enrolled(people["learner"]) == {"spo-principles"}


def test_a_learner_cannot_create_a_cohort(client, people):
    """The form and its post are refused with 403, and no cohort is made."""
    login(client, people["learner"])
    assert client.get("/cohorts/new").status_code == 403
    response = post(client, "/cohorts/new", {"name": "Mine"}, page="/")
    assert response.status_code == 403
    assert db.session.scalar(db.select(Cohort)) is None


def test_a_long_list_of_logins_is_looked_up_in_one_statement(app, make_org, make_user):
    """Forty members named by e-mail, number (typed any way) or username: one lookup, and
    each entry finds its account."""
    from lms.cohorts.services import accounts_for_logins

    from ..helpers import counted_statements

    spo = make_org(country="China")
    people = [make_user(organization=spo, mobile=f"+86139001390{n:02d}") for n in range(20)]
    people += [make_user(organization=spo) for _ in range(15)]
    people += [make_user(organization=spo, username=f"member.{n}") for n in range(5)]
    entries = [f"139 0013 90{n:02d}" for n in range(20)]
    entries += [person.email.upper() for person in people[20:35]]
    entries += [f"Member.{n}" for n in range(5)] + ["nobody@example.org", "138 0013 800"]
    with counted_statements() as statements:
        users, unknown = accounts_for_logins(entries, ["CN"])
    assert len(statements) == 1
    assert {user.id for user in users} == {person.id for person in people}
    assert unknown == ["nobody@example.org", "138 0013 800"]
