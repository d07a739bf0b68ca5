"""Build quiz answer forms in tests the way a learner's browser would fill them."""

from werkzeug.datastructures import MultiDict

from lms.content.gift import QUESTION_TYPES
from lms.extensions import db
from lms.quiz.forms import field_name, read_responses
from lms.quiz.services import attempt_revisions, save_answers

from .conftest import ISSUER


def save_form(attempt, indexes, form) -> None:
    """Save the answers in ``form`` to the questions at ``indexes``, as the quiz page does."""
    revisions = attempt_revisions(attempt)
    save_answers(attempt, read_responses(attempt, revisions, indexes, form))


# Typed answers for the text widgets of the test quizzes, by question ident.
TYPED = {
    "en": {
        "short": "Assembly",
        "number": "1",
        "essay": "A new tea-drying shed.",
        "minimum-price": "a safety net when market prices fall",
    },
    "zh": {"short": "大会", "number": "１", "essay": "新建一个晾茶棚。"},
}


def _choice(kind, data, seed, name, best: bool):
    """Pick the option key that scores highest (or lowest) for a radio question."""
    view = kind.public_view(data, seed, True)
    scored = []
    for option in view["options"]:
        response = kind.read_response(data, seed, {name: [option["key"]]}, name)
        scored.append((kind.grade(data, response), option["key"]))
    scored.sort()
    return [scored[-1][1] if best else scored[0][1]]


def _multi(kind, data, seed, name, best: bool):
    view = kind.public_view(data, seed, True)
    keys = []
    for option in view["options"]:
        response = kind.read_response(data, seed, {name: [option["key"]]}, name)
        if (kind.grade(data, response) > 0) == best:
            keys.append(option["key"])
    return keys


def _matching(kind, data, seed, name, best: bool):
    """Try every choice for every item and keep the one that scores (or doesn't)."""
    view = kind.public_view(data, seed, True)
    pairs = {}
    for item in view["items"]:
        field = f"{name}-{item['key']}"
        for choice in view["choices"]:
            score = kind.grade(data, kind.read_response(data, seed, {field: [choice["key"]]}, name))
            if (score > 0) == best:
                pairs[field] = [choice["key"]]
                break
    return pairs


def answer_form(attempt, indexes=None, best=True) -> MultiDict:
    """Return the form a learner who knows (or gets wrong) every answer would send."""
    revisions = attempt_revisions(attempt)
    form = MultiDict()
    for index in range(len(revisions)) if indexes is None else indexes:
        revision = revisions[index]
        data = attempt.question_text(revision)
        kind = QUESTION_TYPES[revision.qtype]
        name = field_name(index)
        if kind.widget == "choice":
            form.setlist(name, _choice(kind, data, attempt.seed, name, best))
        elif kind.widget == "multi":
            form.setlist(name, _multi(kind, data, attempt.seed, name, best))
        elif kind.widget == "matching":
            for field, values in _matching(kind, data, attempt.seed, name, best).items():
                form.setlist(field, values)
        elif kind.widget in ("text", "number", "essay"):
            typed = TYPED[attempt.language].get(data["ident"], "42")
            form[name] = typed if best else "999"
    return form


def take_quiz(user, quiz, best=True, language="en", submit=True):
    """Start, answer and (by default) submit an attempt for ``user``; return it."""
    from lms.quiz.services import start_attempt, submit_attempt

    attempt = start_attempt(user, quiz, language, ISSUER)
    indexes = list(range(len(attempt.question_order)))
    form = answer_form(attempt, best=best)
    save_form(attempt, indexes, form)
    if submit:
        submit_attempt(attempt, ISSUER)
    db.session.commit()
    return attempt
