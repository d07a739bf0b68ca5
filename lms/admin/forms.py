"""Forms for SPOs and user accounts."""

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    IntegerField,
    PasswordField,
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
)

from ..i18n import lazy_gettext as _l
from ..models import Role

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
