"""The error services raise when a request would break a rule of the academy."""


class RuleError(ValueError):
    """Refuse a change: ``field`` names the form field at fault, the text says why.

    Views show the message next to that field; the command line prefixes it with
    the field's name. Nothing has been changed when it is raised.
    """

    def __init__(self, field: str, message) -> None:
        """Keep the field and the (possibly lazily translated) message."""
        super().__init__(message)
        self.field = field
        self.message = message

    def __str__(self) -> str:
        """Return the message in the current language."""
        return str(self.message)
