"""Build a quiz's answer key: every question with its answers, weights and feedback.

Only trainers who run the course see it. It reads the stored question data
generically (any type whose data lists ``answers`` with a ``fraction``), and
also shows what the type itself names as the right answers, so a new question
type appears in the key without changes here.
"""

from dataclasses import dataclass, field
from html import escape

from ..content.gift import QUESTION_TYPES
from ..content.gift.weights import format_percent
from ..i18n import lazy_gettext as _l
from ..models import Quiz


@dataclass
class KeyOption:
    """One answer of a question: its HTML, weight, feedback and whether it earns credit."""

    html: str
    percent: str | None
    right: bool
    feedback_html: str | None = None


@dataclass
class KeyQuestion:
    """One question of the key, in one language."""

    number: int
    ident: str
    qtype: str
    title: str
    html: str
    manual: bool
    options: list[KeyOption] = field(default_factory=list)
    right_answers_html: list[str] = field(default_factory=list)
    general_feedback_html: str | None = None


def _feedback(part) -> str | None:
    return part.get("html") if isinstance(part, dict) else None


def _answer_html(kind, answer: dict) -> str:
    """Return an answer's HTML; numbers have none, so their type writes them for people."""
    if answer.get("html"):
        return answer["html"]
    label = getattr(kind, "label", None)
    return escape(label(answer) if label else str(answer.get("source", "")))


def _pairs(data: dict) -> list[KeyOption]:
    """List matching pairs as ``item → answer``; a lone answer is a wrong choice."""
    return [
        KeyOption(
            f"{pair.get('html', '')} → {escape(pair['answer'])}"
            if pair.get("source")
            else f"→ {escape(pair['answer'])}",
            None,
            bool(pair.get("source")),
        )
        for pair in data["pairs"]
    ]


def key_options(qtype: str, data: dict) -> list[KeyOption]:
    """List a question's answers with their weights and feedback, right ones marked."""
    kind = QUESTION_TYPES[qtype]
    if qtype == "truefalse":
        return [
            KeyOption(label, None, data["correct"] is value, _feedback(data[f"feedback_{key}"]))
            for key, value, label in (("true", True, "True"), ("false", False, "False"))
        ]
    if isinstance(data.get("pairs"), list):
        return _pairs(data)
    answers = data.get("answers")
    if not isinstance(answers, list):
        return []
    options = []
    for answer in answers:
        if not isinstance(answer, dict) or "fraction" not in answer:
            continue
        fraction = answer["fraction"]
        options.append(
            KeyOption(
                _answer_html(kind, answer),
                format_percent(fraction),
                fraction > 0,
                _feedback(answer.get("feedback")),
            )
        )
    wrong = _feedback(data.get("wrong_feedback"))
    if wrong:
        options.append(KeyOption(escape(str(_l("Any other answer"))), None, False, wrong))
    return options


def answer_key(quiz: Quiz, language: str, default_language: str) -> list[KeyQuestion]:
    """Return the key of the quiz's active questions in ``language`` (else the default)."""
    key = []
    for number, question in enumerate(quiz.active_questions, start=1):
        data = question.text(language, default_language)
        kind = QUESTION_TYPES[question.qtype]
        key.append(
            KeyQuestion(
                number=number,
                ident=question.ident,
                qtype=question.qtype,
                title=data.get("title", ""),
                html=data.get("html", ""),
                manual=kind.manual,
                options=key_options(question.qtype, data),
                right_answers_html=list(kind.right_answers_html(data)),
                general_feedback_html=_feedback(data.get("general_feedback")),
            )
        )
    return key
