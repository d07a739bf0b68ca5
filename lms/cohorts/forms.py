"""Forms of the cohort pages."""

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import DateField, HiddenField, SelectMultipleField, StringField, TextAreaField, widgets
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


class ParticipantsForm(FlaskForm):
    """A CSV or XLSX list of a training event's participants, to preview before adding."""

    file = FileField(
        _l("List of participants (CSV or XLSX)"),
        validators=[FileRequired(_l("Choose a CSV or XLSX file."))],
        description=_l(
            "Columns: name, SPO, e-mail and/or mobile number, language (en or zh), "
            "headed in English or Chinese. At most 5,000 people and 2 MB."
        ),
    )


class ConfirmParticipantsForm(FlaskForm):
    """The checked rows of an uploaded list, signed, sent back to add them."""

    rows = HiddenField(validators=[DataRequired()])
