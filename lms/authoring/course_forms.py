"""Forms for writing courses in the browser: a course's details, a new module, the editor.

Also the ZIP of courses to import.
"""

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    HiddenField,
    IntegerField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from ..content.course_modules import LANGUAGES
from ..i18n import LANGUAGE_NAMES
from ..i18n import lazy_gettext as _l
from .course_setup import CourseDetails
from .drafts import ModuleInput


class CourseForm(FlaskForm):
    """A course's address (when it is new), texts in both languages and settings."""

    slug = StringField(
        _l("Address"),
        validators=[Optional(), Length(max=80)],
        description=_l("Part of the course's web address: lowercase a-z, digits and hyphens."),
    )
    default_language = SelectField(
        _l("Main language"),
        choices=[SelectChoice(code, LANGUAGE_NAMES[code]) for code in LANGUAGES],
    )
    title_en = StringField(_l("Title in English"), validators=[Length(max=200)])
    summary_en = TextAreaField(_l("Summary in English"), validators=[Length(max=2000)])
    title_zh = StringField(_l("Title in Chinese"), validators=[Length(max=200)])
    summary_zh = TextAreaField(_l("Summary in Chinese"), validators=[Length(max=2000)])
    minutes = IntegerField(
        _l("Estimated minutes"),
        validators=[Optional(), NumberRange(1, 100_000, _l("Enter a whole number above 0."))],
        description=_l("Leave empty to add up the modules' minutes."),
    )
    certificate = BooleanField(_l("Issue a certificate to those who complete it"), default=True)
    review_required = BooleanField(
        _l("Ask another trainer or an admin to review changes before they are published")
    )

    def details(self) -> CourseDetails:
        """Return what the form holds as the service takes it."""
        return CourseDetails(
            default_language=self.default_language.data,
            titles={code: self[f"title_{code}"].data or "" for code in LANGUAGES},
            summaries={code: self[f"summary_{code}"].data or "" for code in LANGUAGES},
            minutes=self.minutes.data,
            certificate=self.certificate.data,
            review_required=self.review_required.data,
        )

    def fill(self, course) -> None:
        """Show ``course``'s stored details in the form."""
        self.default_language.data = course.default_language
        for text in course.texts:
            self[f"title_{text.language}"].data = text.title
            self[f"summary_{text.language}"].data = text.summary
        self.minutes.data = course.minutes
        self.certificate.data = course.certificate
        self.review_required.data = course.review_required


class NewModuleForm(FlaskForm):
    """The title (and optionally the address) of a module to add to a course."""

    title = StringField(_l("Title of the new module"), validators=[Length(max=200)])
    slug = StringField(
        _l("Address (optional)"),
        validators=[Optional(), Length(max=80)],
        description=_l("Made from the title when left empty."),
    )


class ModuleForm(FlaskForm):
    """The module editor: minutes, whether it is required, and each language's text.

    ``version`` is the draft version the form was read at, so a stale save is refused.
    """

    version = HiddenField()
    minutes = IntegerField(
        _l("Minutes to read"),
        validators=[InputRequired(_l("Enter the minutes.")), NumberRange(1, 600)],
    )
    required = BooleanField(_l("Learners must complete this module"), default=True)
    title_en = StringField(_l("Title"), validators=[Length(max=200)])
    body_en = TextAreaField(_l("Text (Markdown)"))
    title_zh = StringField(_l("Title"), validators=[Length(max=200)])
    body_zh = TextAreaField(_l("Text (Markdown)"))
    image = FileField(
        _l("Picture"), description=_l("JPEG, PNG or WebP, up to 5 MB and 6,000 × 6,000 pixels.")
    )
    image_alt = StringField(
        _l("What the picture shows"),
        description=_l("Read aloud to those who cannot see it, and shown if it does not load."),
    )
    image_language = SelectField(_l("Add it to the text in"), validate_choice=False)

    def module_input(self, languages: list[str]) -> ModuleInput:
        """Return what the form holds for ``languages`` as the draft service takes it."""
        try:
            version = int(self.version.data or 0)
        except ValueError:
            version = -1  # a forged version can only ever conflict
        return ModuleInput(
            minutes=self.minutes.data,
            required=self.required.data,
            texts={
                code: (self[f"title_{code}"].data or "", self[f"body_{code}"].data or "")
                for code in languages
            },
            version=version,
        )

    def fill(self, copy) -> None:
        """Show a :class:`~lms.authoring.drafts.WorkingCopy` in the form."""
        self.version.data = str(copy.version)
        self.minutes.data = copy.minutes
        self.required.data = copy.required
        for code, (title, body) in copy.texts.items():
            self[f"title_{code}"].data = title
            self[f"body_{code}"].data = body


class CourseZipForm(FlaskForm):
    """A ZIP of course folders and quizzes, as a course page downloads it, to import."""

    file = FileField(
        _l("ZIP file"),
        validators=[FileRequired(_l("Choose a .zip file."))],
        description=_l(
            "The folders courses/ and quizzes/, as “Download as ZIP” gives them. "
            "At most 50 MB, 200 MB unpacked and 2,000 files."
        ),
    )
