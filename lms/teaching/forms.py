"""The form a trainer fills in to mark an essay."""

from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import Length, Optional

from ..forms import percent_field
from ..i18n import lazy_gettext as _l


class MarkForm(FlaskForm):
    """A trainer's mark for one essay: a score in percent and a comment."""

    score = percent_field(_l("Score (%)"), _l("Enter a score from 0 to 100."))
    comment = TextAreaField(
        _l("Comment for the learner"), validators=[Optional(), Length(max=5000)]
    )
