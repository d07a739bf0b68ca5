"""Write one seeded learner's history: enrolments, progress, quiz attempts and certificates.

The rows are what the app itself would have left behind. Modules are completed in
outline order; a module with a quiz is completed by the attempt that passes it, and
only then; the enrolment's ``completed_at`` is the moment its last required module
was done, and a course that issues certificates issues one at that moment, with the
snapshot ``lms.certificates.services`` takes. Nothing happens after ``now``.
"""

import json
import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from ..certificates.serials import ALPHABET, LENGTH
from ..certificates.services import identity_hash, identity_of
from ..learn.services import MAX_SESSION_SECONDS
from ..models import AuditEvent, Certificate, Enrolment, ModuleProgress, QuizAnswer, QuizAttempt
from .answers import MARKED, answer_attempt
from .catalogue import CoursePlan, ModulePlan, QuizPlan

COMPLETE_SHARE = 0.4  # of enrolments that are finished, if time allowed
FAILED_ATTEMPTS = (0, 0, 0, 0, 0, 1, 1, 2)  # before the pass, at most max_attempts - 1
POOL = 64  # distinct answer sets per quiz, language and outcome


def _drawn(attempt) -> tuple:
    """Return an attempt drawn by ``answer_attempt`` as the rows and values it writes."""
    chosen, score, passed = attempt
    answers = tuple(
        (o.question_id, o.revision_id, c.response, c.score, o.qtype in MARKED) for o, c in chosen
    )
    return answers, score, passed, any(answer[4] for answer in answers)


# The columns of the big tables' tuple rows, in order.
COLUMNS = {
    Enrolment: ("id", "user_id", "course_id", "enrolled_at", "completed_at"),
    ModuleProgress: ("id", "user_id", "module_id", "first_viewed_at", "last_viewed_at",
                     "completed_at", "time_spent_seconds", "revision_completed"),
    QuizAttempt: ("id", "quiz_id", "user_id", "number", "seed", "language", "question_order",
                  "started_at", "deadline", "submitted_at", "graded_at", "score", "passed"),
    QuizAnswer: ("id", "attempt_id", "question_id", "question_revision_id", "response",
                 "saved_at", "score", "marked_by_id", "marked_at", "comment"),
}  # fmt: skip


@dataclass(frozen=True)
class Learner:
    """Who the rows belong to, with what a certificate copies and hashes."""

    id: int
    name: str
    language: str  # "en" or "zh": the language attempts are taken in
    email: str | None
    mobile: str | None
    organization: dict  # the SPO row


@dataclass
class Seeding:
    """What every learner's history shares: the randomness, the clock and the writer."""

    rng: random.Random
    writer: object
    now: datetime
    issuer: str
    trainer_names: dict[int, str]  # by course id, as certificates print them
    markers: dict[int, int]  # quiz id: the trainer who marks its essays
    serials: set = field(default_factory=set)
    pools: dict = field(default_factory=dict)

    def pattern(self, quiz: QuizPlan, language: str, passed: bool):
        """Return the answers of an attempt meant to pass or fail, from a pool made once.

        Each pool holds ``POOL`` attempts drawn by :func:`answer_attempt`: (answers as
        (question id, revision id, response, score, marked) tuples, score, passed,
        whether a trainer marked it).
        """
        key = (quiz.id, language, passed)
        pool = self.pools.get(key)
        if pool is None:
            pool = self.pools[key] = [
                _drawn(answer_attempt(self.rng, quiz.options[language], quiz.pass_mark, passed))
                for _ in range(POOL)
            ]
        return self.rng.choice(pool)

    def later(self, moment: datetime, low_minutes: float, high_minutes: float) -> datetime:
        """Return a moment after ``moment``, by a random number of minutes in the range."""
        return moment + timedelta(minutes=self.rng.uniform(low_minutes, high_minutes))


def write_enrolment(ctx: Seeding, learner: Learner, course: CoursePlan, enrolled_at) -> datetime:
    """Write ``learner``'s enrolment in ``course`` and all that followed; return the last moment."""
    rng = ctx.rng
    target = (
        len(course.modules) if rng.random() < COMPLETE_SHARE else rng.randrange(len(course.modules))
    )
    moment, done = enrolled_at, {}
    for index, module in enumerate(course.modules[: target + 1]):
        moment = ctx.later(moment, 5, 60 * 24 * (1 if index else 0.1) * rng.choice((1, 1, 3, 10)))
        if moment > ctx.now:
            break
        completed = _module(ctx, learner, module, moment, finish=index < target)
        if completed is None:
            break
        done[module.id] = moment = completed
    required = [done.get(module_id) for module_id in course.required_ids]
    completed_at = max(required) if required and all(required) else None
    stamp = ctx.writer.stamp
    row = (ctx.writer.new_id(Enrolment), learner.id, course.id, stamp(enrolled_at))
    ctx.writer.add(Enrolment, (*row, stamp(completed_at)))
    if completed_at is not None and course.certificate:
        _certificate(ctx, learner, course, completed_at)
    return moment


def _module(ctx: Seeding, learner: Learner, module: ModulePlan, viewed_at, finish: bool):
    """Write the learner's progress on ``module``; return when it was completed, else None.

    ``finish`` says whether the learner gets to the end of it; one still at it has read
    it and may have failed its quiz.
    """
    rng = ctx.rng
    moment = ctx.later(viewed_at, module.minutes * 0.5, module.minutes * 2)
    completed_at = None
    if module.quiz is None:
        if finish and moment <= ctx.now:
            completed_at = moment
    else:
        completed_at, moment = _attempts(ctx, learner, module.quiz, moment, finish)
    spent = min(int(module.minutes * 60 * rng.uniform(0.6, 1.8)), MAX_SESSION_SECONDS)
    stamp = ctx.writer.stamp
    last = min(moment, ctx.now) if completed_at is None else completed_at
    ctx.writer.add(
        ModuleProgress,
        (
            ctx.writer.new_id(ModuleProgress),
            learner.id,
            module.id,
            stamp(viewed_at),
            stamp(last),
            stamp(completed_at),
            spent,
            module.revision if completed_at else None,
        ),
    )
    return completed_at


def _attempts(ctx: Seeding, learner: Learner, quiz: QuizPlan, moment, finish: bool):
    """Write attempts at ``quiz``: failures, then a pass if ``finish``; return (pass, last)."""
    limit = quiz.max_attempts or 4
    failures = min(ctx.rng.choice(FAILED_ATTEMPTS), limit - 1)
    tries = ctx.rng.choice((0, 0, 0, 1, 1, 2))  # still at it: read, perhaps failed
    plan = [False] * failures + [True] if finish else [False] * min(tries, limit - 1)
    for number, wanted in enumerate(plan, start=1):
        submitted = ctx.later(moment, 3, 20)
        if submitted > ctx.now:
            break
        graded, passed = _attempt(ctx, learner, quiz, number, moment, submitted, wanted)
        moment = ctx.later(graded, 10, 60 * 24 * 2)
        if passed:
            return graded, graded
    return None, moment


def _attempt(ctx: Seeding, learner, quiz: QuizPlan, number: int, started, submitted, wanted):
    """Write one submitted, graded attempt and its answers; return (graded at, passed)."""
    rng, writer = ctx.rng, ctx.writer
    answers, score, passed, marked = ctx.pattern(quiz, learner.language, wanted)
    seed = rng.getrandbits(31)
    order = quiz.order_json
    if quiz.shuffle:
        shuffled = list(quiz.order)
        random.Random(seed).shuffle(shuffled)  # as lms.quiz.services.start_attempt does
        order = json.dumps(shuffled)
    deadline = None
    if quiz.time_limit_minutes:
        deadline = started + timedelta(minutes=quiz.time_limit_minutes)
        submitted = min(submitted, deadline)
    graded = submitted + (timedelta(days=1) if marked else timedelta(milliseconds=150))
    stamp = writer.stamp
    attempt_id = writer.new_id(QuizAttempt)
    saved, graded_at = stamp(submitted), stamp(graded)
    writer.add(
        QuizAttempt,
        (attempt_id, quiz.id, learner.id, number, seed, learner.language, order,
         stamp(started), stamp(deadline), saved, graded_at, score, passed),
    )  # fmt: skip
    first = writer.new_id(QuizAnswer, len(answers))
    marker = ctx.markers.get(quiz.id)
    writer.extend(
        QuizAnswer,
        [
            (first + n, attempt_id, question_id, revision_id, response, saved, points,
             marker if mark else None, graded_at if mark else None, "")
            for n, (question_id, revision_id, response, points, mark) in enumerate(answers)
        ],
    )  # fmt: skip
    return graded, passed


def _certificate(ctx: Seeding, learner: Learner, course: CoursePlan, issued_at) -> None:
    """Write the certificate issued at ``issued_at``, with the snapshot issuing takes."""
    rng, writer = ctx.rng, ctx.writer
    serial = "".join(rng.choice(ALPHABET) for _ in range(LENGTH))
    while serial in ctx.serials:
        serial = "".join(rng.choice(ALPHABET) for _ in range(LENGTH))
    ctx.serials.add(serial)
    salt = f"{rng.getrandbits(64):016x}{rng.getrandbits(64):016x}"
    identity_type, identifier = identity_of(learner)
    organization = learner.organization
    certificate_id = writer.new_id(Certificate)
    writer.add(
        Certificate,
        {
            "id": certificate_id,
            "serial": serial,
            "user_id": learner.id,
            "course_id": course.id,
            "organization_id": organization["id"],
            "issued_at": issued_at,
            "learner_name": learner.name,
            "organization_name": organization["name"],
            "organization_name_zh": organization["name_zh"],
            "course_slug": course.slug,
            "course_version": course.version,
            "course_titles": course.titles,
            "trainer_names": ctx.trainer_names.get(course.id, ""),
            "issuer_name": ctx.issuer,
            "identity_type": identity_type,
            "identity_hash": identity_hash(identifier, salt),
            "identity_salt": salt,
            "revoked_at": None,
            "revoked_reason": "",
            "revoked_by_id": None,
        },
    )
    writer.add(
        AuditEvent,
        {
            "id": writer.new_id(AuditEvent),
            "actor_id": learner.id,
            "action": "certificate.issue",
            "target_type": "Certificate",
            "target_id": certificate_id,
            "course_id": course.id,
            "detail": {"serial": serial},
            "created_at": issued_at,
        },
    )
