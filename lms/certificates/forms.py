"""Forms of the certificate pages: checking a credential and revoking a certificate."""

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileSize
from wtforms import StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from ..forms import PasteOrUploadForm
from ..i18n import lazy_gettext as _l
from .services import REASON_LIMIT

MAX_CREDENTIAL_BYTES = 64 * 1024


class SerialForm(FlaskForm):
    """A serial typed from a paper certificate."""

    class Meta:
        csrf = False  # a GET form that only reads public information

    serial = StringField(_l("Serial number"), validators=[DataRequired(), Length(max=40)])


class CredentialForm(PasteOrUploadForm):
    """A digital certificate (an Open Badges credential), pasted or uploaded, to check."""

    text = TextAreaField(
        _l("Paste the digital certificate"),
        validators=[Length(max=MAX_CREDENTIAL_BYTES, message=_l("The text is longer than 64 KB."))],
    )
    file = FileField(
        _l("Or upload its file"),
        validators=[FileSize(MAX_CREDENTIAL_BYTES, message=_l("The file is larger than 64 KB."))],
        description=_l("The .jwt file downloaded from My certificates."),
    )

    neither_message = _l("Paste the digital certificate here, or choose its file below.")


class RevokeForm(FlaskForm):
    """Why an admin revokes a certificate."""

    reason = TextAreaField(
        _l("Reason"),
        validators=[
            DataRequired(message=_l("Say why the certificate is revoked.")),
            Length(max=REASON_LIMIT),
        ],
        description=_l("Kept with the certificate; only staff see it."),
    )
