"""Forms for logging in and signing up."""

from email_validator import EmailNotValidError, validate_email
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SelectChoice, SelectField, StringField
from wtforms.validators import DataRequired, EqualTo, Length, ValidationError

from ..i18n import LOCALE_NAMES
from ..i18n import lazy_gettext as _l
from ..settings import default_region
from .identifiers import EMAIL, USERNAME, IdentifierError, Login, read_login, region_for_country
from .services import identifier_taken, organization_for_code

PASSWORD_RULES = [
    DataRequired(),
    Length(min=8, max=128, message=_l("The password must have between 8 and 128 characters.")),
]


LOGIN_LABEL = _l("E-mail or mobile number")
# Phones must not capitalise or "correct" an address or a number as it is typed.
LOGIN_INPUT = {"autocapitalize": "none", "spellcheck": "false"}


def read_identifier(text: str, region: str, *, allow_username: bool) -> Login:
    """Read an e-mail or mobile number (or username) typed into a form; raise its error.

    Raises :class:`~wtforms.validators.ValidationError` with the reader's message.
    """
    try:
        login = read_login(text, region)
    except IdentifierError as error:
        raise ValidationError(str(error)) from None
    if login.kind == USERNAME and not allow_username:
        raise ValidationError(_l("Enter an e-mail address or a mobile number."))
    if login.kind == EMAIL:
        try:
            validate_email(login.value, check_deliverability=False)
        except EmailNotValidError:
            raise ValidationError(_l("Enter a valid e-mail address.")) from None
    return login


class LoginForm(FlaskForm):
    """E-mail, mobile number or username, and the password."""

    login = StringField(
        LOGIN_LABEL, validators=[DataRequired(), Length(max=254)], render_kw=LOGIN_INPUT
    )
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=128)])


class RegisterForm(FlaskForm):
    """Sign-up for a producer representative with their SPO's enrolment code."""

    enrolment_code = StringField(
        _l("Enrolment code of your SPO"),
        validators=[DataRequired(), Length(max=20)],
        description=_l("Your cooperative's coordinator or trainer gives you this code."),
    )
    name = StringField(_l("Your name"), validators=[DataRequired(), Length(max=120)])
    login = StringField(
        LOGIN_LABEL,
        validators=[DataRequired(), Length(max=254)],
        render_kw=LOGIN_INPUT,
        description=_l("You will log in with it: your e-mail address or your mobile number."),
    )
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

    def validate_login(self, field) -> None:
        """Read an e-mail or a mobile number (in the SPO's country); refuse one in use."""
        organization = getattr(self, "organization", None)
        region = region_for_country(organization.country if organization else "", default_region())
        self.identifier = read_identifier(field.data, region, allow_username=False)
        if identifier_taken(self.identifier):
            raise ValidationError(
                _l("An account with this e-mail or number exists. Please log in.")
            )


class ProfileForm(FlaskForm):
    """What a user may change about themselves: the name shown and the language."""

    name = StringField(_l("Your name"), validators=[DataRequired(), Length(max=120)])
    locale = SelectField(
        _l("Language"),
        choices=[SelectChoice(code, label) for code, label in LOCALE_NAMES.items()],
    )


class NewPasswordForm(FlaskForm):
    """The person's own password, replacing a starter one from a slip or a reset."""

    password = PasswordField(_l("New password"), validators=PASSWORD_RULES)
    confirm = PasswordField(
        _l("Repeat the new password"),
        validators=[DataRequired(), EqualTo("password", message=_l("The passwords differ."))],
    )


class PasswordChangeForm(NewPasswordForm):
    """A new password, confirmed, and the current one as proof."""

    current = PasswordField(_l("Current password"), validators=[DataRequired(), Length(max=128)])


class ForgotPasswordForm(FlaskForm):
    """The e-mail address of an account whose owner forgot the password."""

    email = EmailField(_l("E-mail"), validators=[DataRequired(), Length(max=254)])
