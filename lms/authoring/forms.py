"""Forms trainers fill in: quiz settings, GIFT questions, trainers of a course."""

from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileSize
from wtforms import (
    BooleanField,
    IntegerField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from ..content.gift import MAX_GIFT_BYTES
from ..forms import PasteOrUploadForm, percent_field
from ..i18n import lazy_gettext as _l

REVIEW_LABELS = {
    "score": _l("The score only"),
    "correctness": _l("The score and which answers were right"),
    "answers": _l("The score, the right answers and the feedback"),
}
LAYOUT_LABELS = {
    "one": _l("One question per page"),
    "all": _l("All questions on one page"),
}


class QuizSettingsForm(FlaskForm):
    """How a module's quiz runs: pass mark, attempts, shuffling, time and review."""

    pass_mark = percent_field(_l("Pass mark (%)"), _l("Enter a pass mark from 0 to 100."))
    max_attempts = IntegerField(
        _l("Attempts allowed"),
        validators=[Optional(), NumberRange(1, 100, _l("Enter a number from 1 to 100."))],
        description=_l("Leave empty for unlimited attempts."),
    )
    shuffle_questions = BooleanField(_l("Shuffle the questions for each attempt"))
    shuffle_answers = BooleanField(_l("Shuffle the options of each question"))
    time_limit_minutes = IntegerField(
        _l("Time limit (minutes)"),
        validators=[Optional(), NumberRange(1, 24 * 60, _l("Enter from 1 to 1440 minutes."))],
        description=_l("Leave empty for no time limit."),
    )
    review = RadioField(
        _l("After submitting, learners see"),
        choices=[SelectChoice(key, label) for key, label in REVIEW_LABELS.items()],
    )
    layout = RadioField(
        _l("Layout"), choices=[SelectChoice(key, label) for key, label in LAYOUT_LABELS.items()]
    )


class QuestionsForm(PasteOrUploadForm):
    """GIFT questions in one language, pasted or uploaded as a ``.gift`` file."""

    language = SelectField(_l("Language of the questions"))
    text = TextAreaField(
        _l("Paste GIFT text"),
        validators=[Length(max=MAX_GIFT_BYTES, message=_l("The text is longer than 1 MB."))],
    )
    file = FileField(
        _l("Or upload a .gift file"),
        validators=[
            FileAllowed(["gift"], _l("Choose a file whose name ends in .gift.")),
            FileSize(MAX_GIFT_BYTES, message=_l("The file is larger than 1 MB.")),
        ],
        description=_l("UTF-8 text, at most 1 MB."),
    )

    neither_message = _l("Paste GIFT text here, or choose a .gift file below.")


class TrainerForm(FlaskForm):
    """The e-mail, mobile number or username of a trainer to add to a course."""

    email = StringField(
        _l("Trainer's e-mail or mobile number"), validators=[DataRequired(), Length(max=254)]
    )
