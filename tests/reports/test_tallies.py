"""The report summary always equals a full recount, whatever changes the rows it counts."""

from datetime import timedelta

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test
from sqlalchemy import delete, select, update

from lms.extensions import db
from lms.learn.services import complete_module, enrol
from lms.models import Certificate, Enrolment, ModuleProgress, ReportTally, User, utcnow
from lms.reports import tallies
from tests.conftest import ISSUER


def tally_of(organization, course):
    """Return the summary's counts for one SPO and course, months added up."""
    rows = (
        db.session.execute(
            select(ReportTally).where(
                ReportTally.organization_id == organization.id, ReportTally.course_id == course.id
            )
        )
        .scalars()
        .all()
    )
    return {column: sum(getattr(row, column) for row in rows) for column in tallies.COUNTS}


@pytest.fixture
def network(make_org, make_user, imported_course):
    tea, honey = make_org("menghai-tea"), make_org("qinling-honey")
    return {
        "course": imported_course,
        "spos": [tea, honey],
        "learners": [make_user(organization=tea), make_user(organization=honey)],
    }


def test_completing_a_course_is_counted_in_the_learners_spo_that_month(network):
    course, (tea, honey) = network["course"], network["spos"]
    learner = network["learners"][0]
    for module in course.modules:
        complete_module(learner, module, ISSUER)
    db.session.commit()
    assert tally_of(tea, course) == {
        "enrolled": 1,
        "completed": 1,
        "modules_completed": len(course.modules),
        "certificates": 1,
    }
    month = utcnow().strftime("%Y-%m")
    assert {key[2] for key in tallies.stored()} == {month}
    assert tally_of(honey, course) == dict.fromkeys(tallies.COUNTS, 0)


def test_a_learner_who_changes_spo_takes_their_counts_along(network):
    course, (tea, honey) = network["course"], network["spos"]
    learner = network["learners"][0]
    complete_module(learner, course.modules[0], ISSUER)
    db.session.commit()
    learner.organization = honey
    db.session.commit()
    assert tally_of(tea, course) == dict.fromkeys(tallies.COUNTS, 0)
    assert tally_of(honey, course)["modules_completed"] == 1
    assert tallies.stored() == tallies.counted()


def test_a_revoked_certificate_is_no_longer_counted(network):
    course, (tea, _honey) = network["course"], network["spos"]
    learner = network["learners"][0]
    for module in course.modules:
        complete_module(learner, module, ISSUER)
    db.session.commit()
    db.session.execute(update(Certificate).values(revoked_at=utcnow(), revoked_reason="Fraud"))
    db.session.commit()
    assert tally_of(tea, course)["certificates"] == 0
    assert tally_of(tea, course)["completed"] == 1


def test_recount_rebuilds_a_damaged_summary(network):
    course, _spos, (learner, other) = network["course"], network["spos"], network["learners"]
    complete_module(learner, course.modules[0], ISSUER)
    enrol(other, course)
    db.session.commit()
    db.session.execute(update(ReportTally).values(enrolled=99))
    assert tallies.stored() != tallies.counted()
    assert tallies.recount() == 2
    db.session.commit()
    assert tallies.stored() == tallies.counted()


class SummaryMachine(RuleBasedStateMachine):
    """Random enrolments, completions, moves, backdating, reopenings and deletions."""

    def __init__(self, network, make_user):
        super().__init__()
        self.course = network["course"]
        self.spos = network["spos"] + [None]
        self.make_user = make_user
        self.learners = [make_user(organization=spo) for spo in self.spos]

    def learner(self, index):
        return self.learners[index % len(self.learners)]

    @rule(index=st.integers(0, 9))
    def enrols(self, index):
        enrol(self.learner(index), self.course)

    @rule(index=st.integers(0, 9), module=st.integers(0, 3))
    def completes_a_module(self, index, module):
        complete_module(self.learner(index), self.course.modules[module], ISSUER)

    @rule(index=st.integers(0, 9), spo=st.integers(0, 2))
    def moves(self, index, spo):
        self.learner(index).organization = self.spos[spo]

    @rule(index=st.integers(0, 9), months=st.integers(1, 30))
    def was_earlier(self, index, months):
        """Everything the learner did happened ``months`` earlier (a two-year history)."""
        user_id, shift = self.learner(index).id, timedelta(days=31 * months)
        for model, columns in (
            (Enrolment, ("enrolled_at", "completed_at")),
            (ModuleProgress, ("completed_at",)),
            (Certificate, ("issued_at",)),
        ):
            for row in db.session.scalars(select(model).where(model.user_id == user_id)):
                for column in columns:
                    if getattr(row, column) is not None:
                        setattr(row, column, getattr(row, column) - shift)

    @rule(index=st.integers(0, 9), module=st.integers(0, 3))
    def is_reopened(self, index, module):
        """A publish that adds a quiz clears "done" for those who have not finished."""
        user_id = self.learner(index).id
        db.session.execute(
            update(ModuleProgress)
            .where(
                ModuleProgress.user_id == user_id,
                ModuleProgress.module_id == self.course.modules[module].id,
            )
            .values(completed_at=None)
        )

    @rule(index=st.integers(0, 9))
    def loses_the_certificate(self, index):
        db.session.execute(
            update(Certificate)
            .where(Certificate.user_id == self.learner(index).id)
            .values(revoked_at=utcnow(), revoked_reason="Found copied")
        )

    @rule(index=st.integers(0, 9))
    def leaves_the_course(self, index):
        user_id = self.learner(index).id
        db.session.execute(delete(Enrolment).where(Enrolment.user_id == user_id))
        db.session.execute(delete(ModuleProgress).where(ModuleProgress.user_id == user_id))

    @rule(index=st.integers(0, 9))
    def is_deleted(self, index):
        """The account goes; the database cascades its enrolments and progress."""
        learner = self.learner(index)
        db.session.execute(delete(Certificate).where(Certificate.user_id == learner.id))
        db.session.execute(delete(User).where(User.id == learner.id))
        db.session.expire_all()
        self.learners.remove(learner)
        self.learners.append(self.make_user(organization=self.spos[index % 3]))

    @invariant()
    def summary_equals_a_recount(self):
        db.session.commit()
        db.session.expire_all()
        assert tallies.stored() == tallies.counted()


def test_the_summary_equals_a_recount_after_any_sequence_of_changes(network, make_user):
    machine = lambda: SummaryMachine(network, make_user)  # noqa: E731
    run_state_machine_as_test(
        machine,
        settings=settings(
            max_examples=25,
            stateful_step_count=15,
            deadline=None,
            suppress_health_check=list(HealthCheck),
        ),
    )
