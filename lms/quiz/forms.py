"""Name a quiz page's answer fields and read the learner's responses from a submitted form.

The HTML names (``q0``, ``q1``, ...) are the page's business: the service
receives the responses already read, keyed by question revision id.
"""

from typing import Any

from ..content.gift import QUESTION_TYPES
from ..models import QuestionRevision, QuizAttempt


def field_name(index: int) -> str:
    """Return the form field name of the question at ``index`` in an attempt."""
    return f"q{index}"


def read_responses(
    attempt: QuizAttempt, revisions: list[QuestionRevision], indexes: list[int], formdata
) -> dict[int, Any]:
    """Return the responses in ``formdata`` to the questions at ``indexes``, by revision id.

    ``revisions`` are the attempt's, in the order it shows them. A question the
    form leaves out gets its type's empty response, as the learner left it blank.
    """
    responses = {}
    for index in indexes:
        revision = revisions[index]
        kind = QUESTION_TYPES[revision.qtype]
        data = attempt.question_text(revision)
        responses[revision.id] = kind.read_response(data, attempt.seed, formdata, field_name(index))
    return responses
