"""Send one plain-text e-mail through SMTP; the caller passes the settings and the text.

Flask-Mailman's SMTP backend is built from the ``LMS_MAIL_*`` settings for each message,
so a host application's own mail settings are never touched.
"""

from flask_mailman import EmailMessage
from flask_mailman.backends.smtp import EmailBackend


def send_mail(connection: dict, sender: str, to: str, subject: str, body: str) -> None:
    """Send ``body`` to ``to``; ``connection`` holds the SMTP backend's settings.

    Raises ``OSError`` or ``smtplib.SMTPException`` when the server cannot take it.
    """
    message = EmailMessage(
        subject=subject,
        body=body,
        from_email=sender,
        to=[to],
        connection=EmailBackend(**connection),
    )
    message.send()
