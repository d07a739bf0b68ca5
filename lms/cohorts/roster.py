"""Check a list of participants against the academy, then make their accounts; never commits.

:func:`plan_roster` reads every row of a file (:mod:`lms.cohorts.roster_file`) and
says what confirming would do: a new learner account, or an existing account of the
same SPO matched by its e-mail or mobile number, and whether each is in the cohort
already. Every bad row is a :class:`Problem` at its line and column; a plan with one
problem makes nothing. :func:`apply_roster` makes the accounts (learners of their SPO,
with no password until their login slip gives one) and adds everyone to the cohort,
so the same file twice changes nothing the second time. Between the preview and the
confirmation the rows travel signed (:func:`roster_token`), on any app server.
"""

from contextlib import suppress
from dataclasses import dataclass, field

from email_validator import EmailNotValidError, validate_email
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import or_, select

from ..audit import record
from ..auth.identifiers import IdentifierError, normalize_email, parse_mobile, region_for_country
from ..auth.identifiers import show_login as shown_login
from ..auth.services import create_account
from ..extensions import db
from ..i18n import lazy_gettext as _l
from ..models import Cohort, CohortMember, Organization, Role, User
from .roster_file import EMAIL, LANGUAGE, MOBILE, N_, NAME, SPO, Roster, RosterFileError, Row
from .services import join_cohort

_LANGUAGES = {
    "en": ("en", "english", "英文", "英语", "en-gb", "en-us"),
    "zh_Hans": (
        "zh",
        "chinese",
        "中文",
        "汉语",
        "简体中文",
        "普通话",
        "zh-cn",
        "zh-hans",
        "zh_hans",
    ),
}
_LOCALE_OF = {word: locale for locale, words in _LANGUAGES.items() for word in words}
_FORMULA_SIGNS = ("=", "+", "-", "@")
_TOKEN_SALT = "lms-cohort-roster"
TOKEN_LIFETIME_SECONDS = 6 * 3600
NAME_LIMIT = 120


@dataclass(frozen=True)
class Problem:
    """Why one row (or the file) cannot be taken, and where: its line and column heading."""

    line: int | None
    column: str
    message: str

    @classmethod
    def of_file(cls, error: RosterFileError) -> "Problem":
        """Return the problem a file that cannot be read has, translated for the reader."""
        # The message names its line itself.
        return cls(None, "", _l(error.message, **error.params))


@dataclass
class Entry:
    """One participant, checked: who they are and what confirming does for them."""

    line: int
    name: str
    organization: Organization
    email: str | None
    mobile: str | None
    locale: str | None
    user: User | None = None  # the existing account this row names, if any
    member: bool = False  # already a learner of the cohort

    @property
    def login(self) -> str:
        """Return what this person types to log in, as people write it."""
        if self.user is not None:
            return shown_login(self.user.email, self.user.mobile, self.user.username)
        return shown_login(self.email, self.mobile, None)


@dataclass
class Plan:
    """What confirming an uploaded list would do, or every problem that keeps it from it."""

    entries: list[Entry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def new(self) -> list[Entry]:
        """Return the rows that make a new account."""
        return [entry for entry in self.entries if entry.user is None]

    @property
    def matched(self) -> list[Entry]:
        """Return the rows that name an existing account not yet in the cohort."""
        return [entry for entry in self.entries if entry.user is not None and not entry.member]

    @property
    def changes_nothing(self) -> bool:
        """Tell whether everyone listed is in the cohort already."""
        return not self.new and not self.matched


def plan_roster(cohort: Cohort, roster: Roster, default_region: str) -> Plan:
    """Check every row of ``roster`` for ``cohort``; return the plan and all its problems.

    A mobile number is read in the country of the row's SPO (else ``default_region``).
    """
    plan = Plan()
    spos = _spo_index()
    accounts = _accounts_of(roster.rows, spos, default_region)
    members = dict(
        db.session.execute(
            select(CohortMember.user_id, CohortMember.trainer).where(
                CohortMember.cohort_id == cohort.id
            )
        ).all()
    )
    seen: dict[tuple[str, str], int] = {}
    for row in roster.rows:
        problems: list[Problem] = []

        def problem(column: str, message, row=row, problems=problems) -> None:
            problems.append(Problem(row.line, roster.headings.get(column, ""), message))

        entry = _read_row(row, spos, default_region, problem)
        if entry is not None:
            for kind, value in (("email", entry.email), ("mobile", entry.mobile)):
                if value and (kind, value) in seen:
                    column = EMAIL if kind == "email" else MOBILE
                    problem(column, _l("Same as line %(line)s.", line=seen[kind, value]))
                elif value:
                    seen[kind, value] = row.line
            _match(entry, accounts, members, problem)
        plan.problems += problems
        if entry is not None and not problems:
            plan.entries.append(entry)
    return plan


def _read_row(row: Row, spos: dict, default_region: str, problem) -> Entry | None:
    """Return the row's participant, or None when a cell cannot be read (said to ``problem``)."""
    cells = row.cells
    for column, value in cells.items():
        if value.startswith(_FORMULA_SIGNS) and not (column == MOBILE and value[0] == "+"):
            problem(
                column,
                _l(
                    "This cell starts with “%(sign)s”, so a spreadsheet would run it as a "
                    "formula. Write it without that sign.",
                    sign=value[0],
                ),
            )
            return None
    name = cells.get(NAME, "")
    if not name:
        problem(NAME, _l("The name is missing."))
    elif len(name) > NAME_LIMIT:
        problem(NAME, _l("The name is longer than %(limit)s characters.", limit=NAME_LIMIT))
    organization = None
    spo = cells.get(SPO, "")
    if not spo:
        problem(SPO, _l("The SPO is missing."))
    elif len(found := spos.get(spo.casefold(), [])) > 1:
        problem(SPO, _l("“%(spo)s” names several SPOs: write its short name.", spo=spo))
    elif not found:
        problem(SPO, _l("No SPO is called “%(spo)s”.", spo=spo))
    else:
        organization = found[0]
    email, mobile = _email(cells.get(EMAIL, ""), problem), None
    if cells.get(MOBILE) and organization is not None:
        try:
            mobile = parse_mobile(cells[MOBILE], _region(organization, default_region))
        except IdentifierError as error:
            problem(MOBILE, error.args[0])
    if not cells.get(EMAIL) and not cells.get(MOBILE):
        problem(MOBILE if MOBILE in cells else EMAIL, _l("Give an e-mail or a mobile number."))
    language = cells.get(LANGUAGE, "")
    locale = _LOCALE_OF.get(language.casefold()) if language else None
    if language and locale is None:
        problem(LANGUAGE, _l("Write the language as en or zh (English or 中文)."))
    if organization is None or not name or len(name) > NAME_LIMIT:
        return None  # nothing to match; a row with any problem is not added anyway
    return Entry(row.line, name, organization, email, mobile, locale)


def _email(text: str, problem) -> str | None:
    """Return an e-mail as stored, or None (saying why when ``text`` is not one)."""
    if not text:
        return None
    try:
        validate_email(text, check_deliverability=False)
    except EmailNotValidError:
        problem(EMAIL, _l("This is not an e-mail address: %(text)s", text=text))
        return None
    return normalize_email(text)


def _match(entry: Entry, accounts: dict, members: dict, problem) -> None:
    """Name the existing account ``entry`` is, or say why it cannot be that person."""
    by_email = accounts.get(("email", entry.email)) if entry.email else None
    by_mobile = accounts.get(("mobile", entry.mobile)) if entry.mobile else None
    if by_email and by_mobile and by_email.id != by_mobile.id:
        problem(MOBILE, _l("The e-mail and the mobile number belong to two different accounts."))
        return
    user = by_email or by_mobile
    if user is None:
        return
    column = EMAIL if by_email else MOBILE
    if user.organization_id != entry.organization.id:
        problem(column, _l("This belongs to the account of someone in another SPO."))
    elif not user.active:
        problem(column, _l("This account is switched off. Ask an admin to switch it on."))
    elif members.get(user.id) is True:
        problem(column, _l("This is one of the cohort's trainers."))
    else:
        entry.user, entry.member = user, user.id in members


def _spo_index() -> dict[str, list[Organization]]:
    """Return the SPOs by every name a file may give them: short name, Fairtrade ID, names."""
    index: dict[str, list[Organization]] = {}
    for spo in db.session.scalars(select(Organization).order_by(Organization.id)):
        for key in {spo.slug, spo.fairtrade_id, spo.name, spo.name_zh}:
            if key and spo not in index.setdefault(key.strip().casefold(), []):
                index[key.strip().casefold()].append(spo)
    return index


def _accounts_of(rows: list[Row], spos: dict, default_region: str) -> dict:
    """Return the existing accounts the rows' e-mails and mobile numbers name, in one query."""
    emails, mobiles = set(), set()
    for row in rows:
        if row.cells.get(EMAIL):
            emails.add(normalize_email(row.cells[EMAIL]))
        found = spos.get(row.cells.get(SPO, "").casefold())
        if row.cells.get(MOBILE) and found:
            with suppress(IdentifierError):  # the row's own check says why
                mobiles.add(parse_mobile(row.cells[MOBILE], _region(found[0], default_region)))
    if not emails and not mobiles:
        return {}
    users = db.session.scalars(
        select(User).where(or_(User.email.in_(emails), User.mobile.in_(mobiles)))
    )
    accounts = {}
    for user in users:
        if user.email:
            accounts["email", user.email] = user
        if user.mobile:
            accounts["mobile", user.mobile] = user
    return accounts


def _region(organization: Organization, default_region: str) -> str:
    return region_for_country(organization.country, default_region)


@dataclass(frozen=True)
class RosterResult:
    """What confirming a list did: the accounts it made and the existing ones it added."""

    made: list[User]
    added: list[User]


def apply_roster(cohort: Cohort, plan: Plan, actor: User) -> RosterResult:
    """Make the plan's new accounts and add them and the matched ones to ``cohort``.

    The caller has checked the plan has no problem. New accounts are learners of their
    SPO in the row's language, with no password until a login slip gives them one.
    Nothing is recorded when everyone is in the cohort already.
    """
    if plan.problems:
        raise ValueError("a plan with problems makes nothing")
    made = [
        create_account(
            name=entry.name,
            password=None,
            role=Role.LEARNER,
            organization=entry.organization,
            locale=entry.locale,
            email=entry.email,
            mobile=entry.mobile,
            must_change_password=True,
        )
        for entry in plan.new
    ]
    added = [entry.user for entry in plan.matched]
    if made or added:
        join_cohort(cohort, made + added)
        record(
            actor,
            "cohort.upload_participants",
            cohort,
            made=[user.id for user in made],
            added=[user.id for user in added],
        )
    return RosterResult(made, added)


def roster_token(cohort: Cohort, roster: Roster, secret_key: str) -> str:
    """Return the rows of a checked file, signed, to carry from the preview to the confirmation."""
    rows = [[row.line, row.cells] for row in roster.rows]
    payload = {"c": cohort.id, "h": roster.headings, "r": rows}
    return _serializer(secret_key).dumps(payload)


def roster_from_token(cohort: Cohort, token: str, secret_key: str) -> Roster:
    """Return the rows :func:`roster_token` signed for ``cohort``.

    Raises :class:`RosterFileError` for a token that is old, altered or for another cohort.
    """
    try:
        payload = _serializer(secret_key).loads(token, max_age=TOKEN_LIFETIME_SECONDS)
    except SignatureExpired:
        payload = None
    except BadSignature:
        payload = {}
    if payload is None:
        raise RosterFileError(N_("This preview is more than six hours old. Upload the file again."))
    if not isinstance(payload, dict) or payload.get("c") != cohort.id:
        raise RosterFileError(N_("This preview cannot be confirmed. Upload the file again."))
    rows = [Row(line, dict(cells)) for line, cells in payload["r"]]
    return Roster(rows, dict(payload["h"]))


def _serializer(secret_key: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret_key, salt=_TOKEN_SALT)
