"""Say what an audit event did, in a short translated sentence in the reader's language.

Each action recorded by :func:`lms.audit.record` has a function here that reads its
detail; the log's "who" column names the actor, so a sentence starts with the verb
("published the course"). Detail values go into the sentence as plain text, which the
template escapes. An action without a function here still gets a sentence that names it.
"""

from collections.abc import Callable

from ..i18n import gettext as _
from ..i18n import lazy_gettext as _l
from ..i18n import ngettext
from ..models import Role
from .audit_log import AuditRow

# A role as a sentence names it ("changed the role to trainer").
ROLE_NAMES = {
    Role.LEARNER: _l("learner"),
    Role.TRAINER: _l("trainer"),
    Role.COORDINATOR: _l("SPO coordinator"),
    Role.ADMIN: _l("admin"),
}
# What an event was done to, where the log cannot name it (no name, or removed since).
TARGET_KINDS = {
    "User": _l("account"),
    "Module": _l("module"),
    "Quiz": _l("quiz"),
    "QuizAnswer": _l("answer"),
    "Cohort": _l("cohort"),
    "Organization": _l("SPO"),
    "Certificate": _l("certificate"),
}

# The fields an account or an SPO change names, with the labels of the forms that change them.
USER_FIELDS = {
    "name": _l("Full name"),
    "email": _l("E-mail"),
    "mobile": _l("Mobile number"),
    "username": _l("Username"),
    "role": _l("Role"),
    "organization_id": _l("SPO"),
    "active": _l("Active (can log in)"),
    "creates_courses": _l("May start new courses"),
    "password": _l("Password"),
}
ORGANIZATION_FIELDS = {
    "name": _l("SPO name"),
    "name_zh": _l("Chinese name"),
    "country": _l("Country"),
    "region": _l("Region or province"),
    "products": _l("Products"),
    "fairtrade_id": _l("Fairtrade ID"),
    "certified_since": _l("Certified since (year)"),
}
QUIZ_FIELDS = {
    "pass_mark": _l("Pass mark (%)"),
    "max_attempts": _l("Attempts allowed"),
    "shuffle_questions": _l("Shuffle the questions for each attempt"),
    "shuffle_answers": _l("Shuffle the options of each question"),
    "time_limit_minutes": _l("Time limit (minutes)"),
    "review": _l("After submitting, learners see"),
    "layout": _l("Layout"),
}


def _list(names, labels: dict | None = None) -> str:
    """Join ``names`` (labelled where ``labels`` knows them) as the reader's language lists."""
    labels = labels or {}
    return _(", ").join(str(labels.get(name, name)) for name in names)


def _count(detail: dict, key: str) -> int:
    """Return how many items ``detail[key]`` lists (0 when it is missing)."""
    value = detail.get(key)
    return len(value) if isinstance(value, list | tuple) else 0


def _user_update(detail: dict) -> str:
    fields = [name for name in detail.get("fields", []) if name != "role"]
    role = detail.get("role")
    if role is None:
        return _(
            "changed the account: %(fields)s", fields=_list(detail.get("fields", []), USER_FIELDS)
        )
    role = _role(role)
    if not fields:
        return _("changed the role to %(role)s", role=role)
    return _(
        "changed the role to %(role)s, and also: %(fields)s",
        role=role,
        fields=_list(fields, USER_FIELDS),
    )


def _role(role: str) -> str:
    return str(ROLE_NAMES.get(role, role))


def _quiz_settings(detail: dict) -> str:
    changed = detail.get("changed") or {}
    parts = [
        _("%(field)s %(old)s → %(new)s", field=QUIZ_FIELDS.get(name, name), old=old, new=new)
        for name, (old, new) in changed.items()
    ]
    return _("changed the quiz settings: %(changes)s", changes=_("; ").join(parts))


SENTENCES: dict[str, Callable[[dict], str]] = {
    "course.create": lambda d: _("created the course"),
    "course.update": lambda d: _("changed the course's details"),
    "course.import": lambda d: _(
        "imported the course from its folder, version %(version)s", version=d.get("version")
    ),
    "course.image": lambda d: _("uploaded the picture %(name)s", name=d.get("name", "")),
    "course.publish": lambda d: (
        _("published the course, noting: “%(note)s”", note=d["note"])
        if d.get("note")
        else _("published the course")
    ),
    "course.review_request": lambda d: _("asked for a review of the course's drafts"),
    "course.review": lambda d: (
        _("approved the course's drafts")
        if d.get("state") == "approved"
        else _("asked for changes to the course's drafts")
    ),
    "course.trainer.add": lambda d: _("added a trainer to the course"),
    "course.trainer.remove": lambda d: _("removed a trainer from the course"),
    "module.add": lambda d: _("added the module"),
    "module.reorder": lambda d: _("moved the module in the outline"),
    "module.remove": lambda d: _(
        "removed the module %(slug)s before it was published", slug=d.get("slug", "")
    ),
    "module.retire": lambda d: _("took the module out of the course at the next publish"),
    "module.keep": lambda d: _("kept the module in the course after all"),
    "module.draft": lambda d: _("saved a draft of the module"),
    "module.discard": lambda d: _("discarded the module's draft"),
    "module.complete_for_learner": lambda d: _(
        "recorded the module %(module)s as completed", module=d.get("module", "")
    ),
    "quiz.settings": _quiz_settings,
    "quiz.questions": lambda d: _(
        "uploaded the quiz's questions: %(added)s added, %(revised)s revised, %(retired)s retired",
        added=_count(d, "added"),
        revised=_count(d, "revised"),
        retired=_count(d, "retired"),
    ),
    "quiz.mark": lambda d: _("marked an answer: %(score)s%%", score=d.get("score", "")),
    "certificate.issue": lambda d: _("earned the certificate"),
    "certificate.revoke": lambda d: (
        _("revoked the certificate: “%(reason)s”", reason=d["reason"])
        if d.get("reason")
        else _("revoked the certificate")
    ),
    "cohort.create": lambda d: _("created the cohort"),
    "cohort.update": lambda d: _("changed the cohort's details"),
    "cohort.add_members": lambda d: ngettext(
        "added %(num)s member to the cohort",
        "added %(num)s members to the cohort",
        _count(d, "user_ids"),
    ),
    "cohort.add_trainer": lambda d: ngettext(
        "added %(num)s trainer to the cohort",
        "added %(num)s trainers to the cohort",
        _count(d, "user_ids"),
    ),
    "cohort.remove_member": lambda d: _("removed a member from the cohort"),
    "cohort.upload_participants": lambda d: _(
        "uploaded participants: %(made)s new, %(added)s who already had an account",
        made=_count(d, "made"),
        added=_count(d, "added"),
    ),
    "cohort.login_slips": lambda d: ngettext(
        "printed login slips for %(num)s person",
        "printed login slips for %(num)s people",
        _count(d, "user_ids"),
    ),
    "organization.create": lambda d: _("created the SPO"),
    "organization.update": lambda d: _(
        "changed the SPO: %(fields)s", fields=_list(d.get("fields", []), ORGANIZATION_FIELDS)
    ),
    "organization.renew_code": lambda d: _("gave the SPO a new enrolment code"),
    "user.create": lambda d: _(
        "created the account, with the role %(role)s", role=_role(d.get("role", ""))
    ),
    "user.update": _user_update,
    "user.password_reset": lambda d: _("gave the account a new starter password"),
    "user.password_reset_by_mail": lambda d: _("chose a new password through an e-mailed link"),
}


def describe(row: AuditRow) -> str:
    """Return what ``row``'s actor did, as a sentence; an unknown action is named as it is."""
    sentence = SENTENCES.get(row.action)
    if sentence is None:
        return _("did %(action)s", action=row.action)
    try:
        return sentence(row.detail)
    except (AttributeError, KeyError, TypeError, ValueError):  # a detail of an older shape
        return _("did %(action)s", action=row.action)
