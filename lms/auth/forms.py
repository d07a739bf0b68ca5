"""Forms for logging in and signing up."""

from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SelectChoice, SelectField, StringField
from wtforms.validators import DataRequired, EqualTo, Length, ValidationError

from ..forms import email_rules
from ..i18n import LOCALE_NAMES
from ..i18n import lazy_gettext as _l
from .services import email_taken, organization_for_code

PASSWORD_RULES = [
    DataRequired(),
    Length(min=8, max=128, message=_l("The password must have between 8 and 128 characters.")),
]


class LoginForm(FlaskForm):
    """E-mail and password."""

    email = EmailField(_l("E-mail"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=128)])


class RegisterForm(FlaskForm):
    """Sign-up for a producer representative with their SPO's enrolment code."""

    enrolment_code = StringField(
        _l("Enrolment code of your SPO"),
        validators=[DataRequired(), Length(max=20)],
        description=_l("Your cooperative's coordinator or trainer gives you this code."),
    )
    name = StringField(_l("Your name"), validators=[DataRequired(), Length(max=120)])
    email = EmailField(_l("E-mail"), validators=email_rules())
    password = PasswordField(_l("Password"), validators=PASSWORD_RULES)
    confirm = PasswordField(
        _l("Repeat the password"),
        validators=[
            DataRequired(),
            EqualTo("password", message=_l("The passwords differ.")),
        ],
    )

    def validate_enrolment_code(self, field) -> None:
        """Accept only a code that belongs to an SPO."""
        self.organization = organization_for_code(field.data)
        if self.organization is None:
            raise ValidationError(_l("No SPO has this enrolment code. Check it and try again."))

    def validate_email(self, field) -> None:
        """Refuse an e-mail that already has an account."""
        if email_taken(field.data):
            raise ValidationError(_l("An account with this e-mail already exists. Please log in."))


class ProfileForm(FlaskForm):
    """What a user may change about themselves: the name shown and the language."""

    name = StringField(_l("Your name"), validators=[DataRequired(), Length(max=120)])
    locale = SelectField(
        _l("Language"),
        choices=[SelectChoice(code, label) for code, label in LOCALE_NAMES.items()],
    )


class PasswordChangeForm(FlaskForm):
    """A new password, confirmed, and the current one as proof."""

    current = PasswordField(_l("Current password"), validators=[DataRequired(), Length(max=128)])
    password = PasswordField(_l("New password"), validators=PASSWORD_RULES)
    confirm = PasswordField(
        _l("Repeat the new password"),
        validators=[DataRequired(), EqualTo("password", message=_l("The passwords differ."))],
    )
