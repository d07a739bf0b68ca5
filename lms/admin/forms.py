"""Forms for SPOs and user accounts, and the audit log's filters."""

from datetime import date, datetime

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    IntegerField,
    PasswordField,
    SearchField,
    SelectChoice,
    SelectField,
    StringField,
    TelField,
)
from wtforms.validators import (
    DataRequired,
    Email,
    Length,
    NumberRange,
    Optional,
    Regexp,
    ValidationError,
)
from wtforms.widgets import DateInput

from ..i18n import lazy_gettext as _l
from ..models import Role
from .audit_log import ALL, AuditFilters

ROLE_LABELS = {
    Role.LEARNER: _l("Learner (producer representative)"),
    Role.TRAINER: _l("Trainer"),
    Role.COORDINATOR: _l("SPO coordinator"),
    Role.ADMIN: _l("Admin (NAPP staff)"),
}


class OrganizationForm(FlaskForm):
    """An SPO's identity and description."""

    slug = StringField(
        _l("Short name (for addresses)"),
        validators=[
            DataRequired(),
            Length(max=80),
            Regexp(
                r"^[a-z0-9]+(?:-[a-z0-9]+)*$",
                message=_l("Use lower-case letters, digits and dashes, e.g. puer-tea-coop."),
            ),
        ],
    )
    name = StringField(_l("SPO name"), validators=[DataRequired(), Length(max=200)])
    name_zh = StringField(_l("Chinese name"), validators=[Length(max=200)])
    country = StringField(_l("Country"), validators=[Length(max=80)])
    region = StringField(_l("Region or province"), validators=[Length(max=120)])
    products = StringField(_l("Products"), validators=[Length(max=200)])
    fairtrade_id = StringField(_l("Fairtrade ID"), validators=[Length(max=40)])
    certified_since = IntegerField(
        _l("Certified since (year)"),
        validators=[Optional(), NumberRange(min=1988, max=2100)],
    )


class UserForm(FlaskForm):
    """An account: who, which role, which SPO."""

    email = EmailField(
        _l("E-mail"),
        validators=[
            Optional(),
            Length(max=254),
            Email(message=_l("Enter a valid e-mail address."), check_deliverability=False),
        ],
    )
    mobile = TelField(
        _l("Mobile number"),
        validators=[Length(max=40)],
        description=_l("Without a country code it is read in the SPO's country."),
    )
    username = StringField(
        _l("Username"),
        validators=[Length(max=40)],
        description=_l("For a person with neither e-mail nor mobile number."),
    )
    name = StringField(_l("Full name"), validators=[DataRequired(), Length(max=120)])
    role = SelectField(
        _l("Role"), choices=[SelectChoice(role.value, label) for role, label in ROLE_LABELS.items()]
    )
    organization_id = SelectField(_l("SPO"), coerce=int)
    active = BooleanField(_l("Active (can log in)"), default=True)
    creates_courses = BooleanField(
        _l("May start new courses"),
        description=_l("For trainers: admins always may."),
    )
    password = PasswordField(
        _l("Password"),
        validators=[Optional(), Length(min=8, max=128)],
        description=_l("At least 8 characters. When editing, leave empty to keep it."),
    )


# What the audit log can be narrowed to, in the order the select lists them.
KIND_LABELS = {
    ALL: _l("All events"),
    "content": _l("Content changes"),
    "publishing": _l("Publishing and review"),
    "accounts": _l("Roles and accounts"),
    "certificates": _l("Certificates"),
    "cohorts": _l("Cohorts"),
    "teaching": _l("Marking and completion"),
}


def read_date(text: str | None) -> date | None:
    """Return the day ``text`` names as YYYY-MM-DD (what a date field sends), or None if empty."""
    if not text:
        return None
    try:
        return datetime.strptime(text.strip(), "%Y-%m-%d").date()
    except ValueError:
        raise ValidationError(_l("Enter a date as YYYY-MM-DD, e.g. 2026-03-15.")) from None


class AuditFilterForm(FlaskForm):
    """The audit log's filters, read from the query string so that a view is a link."""

    class Meta:
        csrf = False  # a GET form that changes nothing

    person = SearchField(
        _l("Person"),
        validators=[Length(max=100, message=_l("Type at most 100 characters."))],
        description=_l("Name, e-mail or mobile number of who did it or whom it was about."),
    )
    course = SelectField(_l("Course"), default="", validate_choice=False)
    kind = SelectField(
        _l("Kind of event"),
        choices=[SelectChoice(key, label) for key, label in KIND_LABELS.items()],
        default=ALL,
        validate_choice=False,
    )
    date_from = StringField(_l("From"), widget=DateInput())
    date_to = StringField(_l("To"), widget=DateInput())

    def validate_course(self, field) -> None:
        """Refuse a course that is not in the list (deleted, or typed into the address)."""
        if field.data and field.data not in {str(choice.value) for choice in field.choices}:
            raise ValidationError(_l("There is no such course: choose one from the list."))

    def validate_kind(self, field) -> None:
        """Refuse a kind of event the log does not know."""
        if field.data not in KIND_LABELS:
            raise ValidationError(_l("Choose a kind of event from the list."))

    def validate_date_from(self, field) -> None:
        """Refuse a start date that is not a date."""
        read_date(field.data)

    def validate_date_to(self, field) -> None:
        """Refuse an end date that is not a date, or one before the start date."""
        end = read_date(field.data)
        try:
            start = read_date(self.date_from.data)
        except ValidationError:
            return  # the start date's own message says what is wrong
        if start and end and end < start:
            raise ValidationError(_l("The end date is before the start date."))

    def filters(self) -> AuditFilters:
        """Return the filters this valid form asks for."""
        return AuditFilters(
            person=(self.person.data or "").strip(),
            course_id=int(self.course.data) if self.course.data else None,
            kind=self.kind.data,
            date_from=read_date(self.date_from.data),
            date_to=read_date(self.date_to.data),
        )
