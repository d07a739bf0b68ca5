"""Forms of the cohort pages."""

from flask_wtf import FlaskForm
from wtforms import DateField, SelectMultipleField, StringField, TextAreaField, widgets
from wtforms.validators import DataRequired, Length, Optional

from ..i18n import lazy_gettext as _l


class CheckboxesField(SelectMultipleField):
    """Several choices shown as checkboxes, which work on a phone without JavaScript."""

    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


class CohortForm(FlaskForm):
    """A training event: its name, place, dates and courses."""

    name = StringField(
        _l("Name"),
        validators=[DataRequired(), Length(max=200)],
        description=_l("For example: Digital transformation training, Shanghai 2025"),
    )
    place = StringField(_l("Place"), validators=[Optional(), Length(max=200)])
    starts_on = DateField(_l("First day"), validators=[Optional()])
    ends_on = DateField(_l("Last day"), validators=[Optional()])
    # The service checks the ids: it names the course a trainer may not attach.
    courses = CheckboxesField(_l("Courses"), coerce=int, validate_choice=False)


class MembersForm(FlaskForm):
    """E-mail addresses, mobile numbers or usernames of accounts to add as learners."""

    emails = TextAreaField(
        _l("E-mail addresses or mobile numbers"),
        validators=[DataRequired(), Length(max=60_000)],
        description=_l(
            "One per line, or separated by commas. The accounts must exist: "
            "to make new ones, upload a list of participants below."
        ),
    )


class CohortTrainerForm(FlaskForm):
    """The e-mail of a trainer to add to a cohort."""

    email = StringField(_l("Trainer's e-mail"), validators=[DataRequired(), Length(max=254)])
