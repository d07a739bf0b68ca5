"""Forms for publishing a course's drafts and for asking for and giving a review."""

from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, TextAreaField
from wtforms.validators import Length

from ..i18n import lazy_gettext as _l
from .publishing import MAX_NOTE_LENGTH
from .reviews import MAX_REVIEW_NOTE


class PublishForm(FlaskForm):
    """The publisher's note, and the draft version the page showed."""

    note = TextAreaField(
        _l("What changed"),
        validators=[Length(max=MAX_NOTE_LENGTH)],
        description=_l("Kept with each module's revision, for the trainers who come after you."),
    )
    draft_version = HiddenField()


class ReviewRequestForm(FlaskForm):
    """Whom to ask for a review, and what to tell them."""

    reviewer = SelectField(_l("Reviewer"), coerce=int)
    note = TextAreaField(_l("Note for the reviewer"), validators=[Length(max=MAX_REVIEW_NOTE)])


class ReviewDecisionForm(FlaskForm):
    """The reviewer's answer: approve (the button pressed) or ask for changes."""

    note = TextAreaField(_l("Comments"), validators=[Length(max=MAX_REVIEW_NOTE)])
